// Own figures from a spreadsheet (docs/own-figures.md), end to end: a flat ODS written here is
// turned into .ods and .xlsx by the test's own soffice (--convert-to), then the CLI makes memos
// with --source FILE (read in the extension by LibreOffice itself), with a CSV pair, and with the
// CBS catalog replay first (fake_cbs.py --catalog); the tests open the ODT and check the figures
// and that every figure's source note names its own source.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "FlatOds.hpp"
#include "OdfDocument.hpp"
#include "TestSupport.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;
using namespace raadsbrief::test;

namespace {

constexpr const char* kSatisfactionSource = "Cli\u00ebntervaringsonderzoek jeugd 2023";
constexpr const char* kWaitingSource = "Wachttijdregistratie gemeente Leiden";

using ods::cell, ods::number, ods::row;

/// The figures of the tests: Leiden's client satisfaction (a mark), the region's and the country's,
/// and Leiden's waiting time (days), in two sources.
std::string flatOds(const std::string& leidenSatisfaction) {
  return ods::document(
      ods::table("Uitleg", row({cell("Niet gelezen")})) +
      ods::table(
          "Cijfers",
          ods::figuresHead() +
              row({cell("Leiden"), cell("clienttevredenheid"), number("2023"),
                   leidenSatisfaction.find_first_not_of("0123456789.") == std::string::npos ? number(leidenSatisfaction)
                                                                                            : cell(leidenSatisfaction),
                   cell("voorlopig")}) +
              row({cell("Holland Rijnland"), cell("clienttevredenheid"), number("2023"), number("7.1"),
                   cell("voorlopig")}) +
              row({cell("Nederland"), cell("clienttevredenheid"), number("2023"), cell("7,0"), cell("voorlopig")}) +
              row({cell("GM0546"), cell("wachttijd"), number("2023"), number("41"), cell("voorlopig")})) +
      ods::indicatorsTable(kSatisfactionSource, "", kWaitingSource));
}

/// `stem`.fods converted by soffice into `format` (ods, xlsx) in `dir`.
fs::path converted(const fs::path& dir, const std::string& stem, const std::string& format,
                   const std::string& satisfaction = "7.4") {
  const fs::path fods = dir / (stem + ".fods");
  {
    std::ofstream out(fods, std::ios::binary);
    out << flatOds(satisfaction);
  }
  const fs::path out = convertedByOffice(fods, format, dir);
  fs::remove(fods);
  return out;
}

OdfDocument generate(const std::vector<std::string>& sources, const fs::path& odt,
                     const std::string& templ = "raadsbrief") {
  std::vector<std::string> args{"generate", "--template", templ,      "--municipality", "Leiden",
                                "--period", "2023",       "--output", odt.string()};
  for (const auto& s : sources) {
    args.emplace_back("--source");
    args.push_back(s);
  }
  const RunResult r = cli(args, {{"XDG_CACHE_HOME", (odt.parent_path() / "cache").string()}});
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  return OdfDocument(odt);
}

bool anyContains(const std::vector<std::string>& notes, const std::string& part) {
  for (const auto& n : notes)
    if (n.find(part) != std::string::npos) return true;
  return false;
}

void checkOwnFigures(const OdfDocument& doc) {
  const std::string body = doc.bodyText();
  // 7,4 against 7,0 (landelijk) and 7,1 (jeugdregio): the comparison of the sheet's figures.
  CHECK_THAT(body, Catch::Contains("Dat rapportcijfer is hoger dan landelijk (7,4 tegen 7,0) en hoger dan in de "
                                   "jeugdregio (7,4 tegen 7,1)."));
  const auto notes = doc.footnotes();
  INFO("footnotes: " << notes.size());
  CHECK(anyContains(notes, kSatisfactionSource));
  CHECK_FALSE(anyContains(notes, "Voorbeeldcijfers"));
}

}  // namespace

TEST_CASE("Own figures: a memo from an .ods read by LibreOffice", "[ownfigures]") {
  const fs::path dir = outputDir("own-figures-ods");
  const fs::path ods = converted(dir, "eigen-cijfers", "ods");
  const OdfDocument doc = generate({ods.string()}, dir / "leiden.odt");
  checkOwnFigures(doc);
  CHECK_THAT(doc.bodyText(), !Catch::Contains("Voorbeeldcijfers"));
}

TEST_CASE("Own figures: a memo from an .xlsx read by LibreOffice", "[ownfigures]") {
  const fs::path dir = outputDir("own-figures-xlsx");
  const fs::path xlsx = converted(dir, "eigen-cijfers", "xlsx", "7.5");
  const OdfDocument doc = generate({xlsx.string()}, dir / "leiden.odt");
  CHECK_THAT(doc.bodyText(), Catch::Contains("Dat rapportcijfer is hoger dan landelijk (7,5 tegen 7,0)"));
  CHECK(anyContains(doc.footnotes(), kSatisfactionSource));
}

TEST_CASE("Own figures: a memo from a CSV file and its indicator file", "[ownfigures]") {
  const fs::path dir = outputDir("own-figures-csv");
  {
    std::ofstream out(dir / "eigen.csv", std::ios::binary);
    out << "\xEF\xBB\xBFgemeente;indicator;periode;waarde;status\r\n"
           "Leiden;clienttevredenheid;2023;7,4;voorlopig\r\nHolland Rijnland;clienttevredenheid;2023;7,1;voorlopig\r\n"
           "NL01;clienttevredenheid;2023;\"7,0\";voorlopig\r\n";
    std::ofstream ind(dir / "eigen.indicatoren.csv", std::ios::binary);
    ind << "indicator;label;eenheid;decimalen;richting;definitie;bronnaam\n"
           "clienttevredenheid;Cli\u00ebnttevredenheid;cijfer;1;hoger is beter;\"Gemiddeld; rapportcijfer\";"
        << kSatisfactionSource << "\n";
  }
  checkOwnFigures(generate({(dir / "eigen.csv").string()}, dir / "leiden.odt"));
}

TEST_CASE("Own figures: after the CBS catalog, every figure keeps its own source note", "[ownfigures][cbs]") {
  const fs::path dir = outputDir("own-figures-cbs");
  const fs::path ods = converted(dir, "eigen-cijfers", "ods");
  BackgroundServer cbs("/usr/bin/python3", {RAADSBRIEF_FAKE_CBS, "--catalog"});
  const OdfDocument doc = generate({cbs.url(), ods.string()}, dir / "leiden.odt");
  checkOwnFigures(doc);
  const auto notes = doc.footnotes();
  // CBS's figures under CBS's name, the sheet's under the sheet's: two notes, each its own.
  CHECK(anyContains(notes, "CBS"));
  for (const auto& n : notes)
    if (n.find(kSatisfactionSource) != std::string::npos) CHECK(n.find("CBS") == std::string::npos);
  CHECK_THAT(doc.bodyText(), !Catch::Contains("Voorbeeldcijfers"));
}

TEST_CASE("Own figures: a bad cell stops the run with its sheet, row and column", "[ownfigures][errors]") {
  const fs::path dir = outputDir("own-figures-error");
  const fs::path ods = converted(dir, "kapot", "ods", "twaalf");
  const fs::path odt = dir / "leiden.odt";
  const RunResult r = cli({"generate", "--template", "raadsbrief", "--municipality", "Leiden", "--period", "2023",
                           "--source", ods.string(), "--output", odt.string()});
  CHECK(r.exitCode == 4);
  CHECK_THAT(r.err, Catch::Contains("kapot.ods: Blad Cijfers, rij 2, kolom D (waarde): 'twaalf' is geen getal"));
  CHECK_FALSE(fs::exists(odt));
}

TEST_CASE("Own figures: the shipped eigen-cijfers.ods reads as it is and is in the extension", "[ownfigures]") {
  const fs::path ods = fs::path(RAADSBRIEF_MEMO_OTT).parent_path() / "eigen-cijfers.ods";
  REQUIRE(fs::exists(ods));
  // Its example row (Leiden's waiting time) is the only figure: Leiden is the one municipality.
  const RunResult list = cli({"municipalities", "--source", ods.string()});
  INFO("stderr: " << list.err);
  REQUIRE(list.exitCode == 0);
  CHECK(list.out == "GM0546\tLeiden\tHolland Rijnland\n");
  const RunResult unzip =
      run("/usr/bin/unzip",
          {"-l", (fs::path(RAADSBRIEF_MEMO_OTT).parent_path().parent_path() / "raadsbrief.oxt").string()});
  CHECK_THAT(unzip.out, Catch::Contains("spreadsheets/eigen-cijfers.ods"));
}

TEST_CASE("Own figures: a waiting time in days from the sheet, with its own source note", "[ownfigures]") {
  const fs::path dir = outputDir("own-figures-days");
  const fs::path ods = converted(dir, "eigen-cijfers", "ods");
  // The shipped column with one field more: {{cijfer wachttijd}} next to the satisfaction mark.
  const fs::path ott = dir / "column-wachttijd.ott";
  fs::copy_file(fs::path(RAADSBRIEF_MEMO_OTT).parent_path() / "column.ott", ott);
  const RunResult content = run("/usr/bin/unzip", {"-p", ott.string(), "content.xml"});
  REQUIRE(content.exitCode == 0);
  std::string xml = content.out;
  const std::string field = "{{cijfer clienttevredenheid}}";
  const auto at = xml.find(field);
  REQUIRE(at != std::string::npos);
  xml.insert(at + field.size(), " (wachttijd {{cijfer wachttijd}})");
  {
    std::ofstream out(dir / "content.xml", std::ios::binary);
    out << xml;
  }
  REQUIRE(run("/usr/bin/zip", {"-q", "-j", ott.string(), (dir / "content.xml").string()}).exitCode == 0);
  const OdfDocument doc = generate({ods.string()}, dir / "leiden.odt", ott.string());
  CHECK_THAT(doc.bodyText(), Catch::Contains("gemiddeld een 7,4 (wachttijd 41\u00a0dagen)"));
  const auto notes = doc.footnotes();
  CHECK(anyContains(notes, kWaitingSource));
  CHECK(anyContains(notes, kSatisfactionSource));
}
