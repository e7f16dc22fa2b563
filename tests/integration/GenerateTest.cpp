// End to end: the raadsbrief CLI starts a headless soffice, the extension fills the memo template,
// and these tests open the written files and compare them with the dataset.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "OdfDocument.hpp"
#include "TestSupport.hpp"
#include "text/DutchFormat.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;
using namespace raadsbrief::test;

namespace {

fs::path generate(const fs::path& output, const std::string& municipality, const std::string& period) {
  const RunResult r = cli({"generate", "--template", "raadsinformatiebrief", "--municipality", municipality, "--period",
                           period, "--output", output.string()});
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  CHECK(r.out.find(output.string()) != std::string::npos);
  REQUIRE(fs::exists(output));
  return output;
}

std::vector<std::string> comparedRegions(const std::string& code) {
  const auto& m = demo().municipality(code);
  return {m.code, m.youthCareRegion, "NL01"};
}

double number(const std::string& s) {
  INFO("chart cell '" << s << "'");
  REQUIRE_FALSE(s.empty());
  return std::stod(s);
}

}  // namespace

TEST_CASE("Generate: the private profile saves strict ODF and spell-checks no hidden document", "[generate]") {
  generate(outputDir("profile-settings") / "leiden.odt", "Leiden", "2023");
  std::ifstream in(fs::path(RAADSBRIEF_TEST_PROFILE) / "user" / "registrymodifications.xcu");
  const std::string settings = slurp(in);
  CHECK_THAT(settings, Catch::Contains("<item oor:path=\"/org.openoffice.Office.Common/Save/ODF\"><prop "
                                       "oor:name=\"DefaultVersion\" oor:op=\"fuse\"><value>10</value>"));
  CHECK_THAT(settings, Catch::Contains("<item oor:path=\"/org.openoffice.Office.Linguistic/SpellChecking\"><prop "
                                       "oor:name=\"IsSpellAuto\" oor:op=\"fuse\"><value>false</value>"));
}

TEST_CASE("Generate: a Leiden memo holds Leiden's figures, Dutch formatted, and no field is left", "[generate]") {
  const fs::path odt = generate(outputDir("leiden") / "leiden.odt", "Leiden", "2023");
  const OdfDocument doc(odt);
  const std::string body = doc.bodyText();
  CHECK(doc.contentXml().find("{{") == std::string::npos);
  CHECK(doc.entries().at("styles.xml").find("{{") == std::string::npos);
  CHECK_THAT(body, Catch::Contains("Kenmerk") && Catch::Contains("RIB-JH-2023-GM0546"));
  CHECK_THAT(body, Catch::Contains("de cijfers over 2023"));
  CHECK_THAT(body, Catch::Contains("jeugdregio Holland Rijnland"));
  CHECK_THAT(body, Catch::Contains("Voorbeeldcijfers"));
  CHECK_THAT(doc.footerText(), Catch::Contains("Leiden"));
  // Running text: the municipality's own figure and the national one it is compared with.
  CHECK_THAT(
      body, Catch::Contains("In 2023 kreeg " + expected("GM0546", "jeugdhulp", "2023") + " van de jongeren in Leiden"));
  CHECK_THAT(body, Catch::Contains("tegen " + expected("NL01", "jeugdhulp", "2023") + ")"));
  CHECK_THAT(body, Catch::Contains(expected("GM0546", "kosten_per_traject", "2023")));
  CHECK_THAT(body, Catch::Contains("van " + expected("GM0546", "jeugdbescherming", "2022") + " in 2022 naar " +
                                   expected("GM0546", "jeugdbescherming", "2023") + " in 2023"));
  // One footnote for the figures in the running text (one source), right after the first figure;
  // it names the years the text uses (2022 and 2023).
  const std::string retrieved = text::formatIsoDateLong(demo().source.retrieved);
  const auto notes = doc.footnotes();
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] == "Bron: " + demo().source.name + " (voorbeeldcijfers), 2022\u20132023*, opgehaald " + retrieved +
                        ". * voorlopig cijfer.");
  // (The bookmarks that bind the figures for a refresh left out: the note follows the figure itself.)
  const std::string unbound =
      std::regex_replace(doc.contentXml(), std::regex("<text:bookmark-(start|end) [^>]*/>"), "");
  CHECK(unbound.find("In 2023 kreeg " + expected("GM0546", "jeugdhulp", "2023") + "<text:note ") != std::string::npos);
  // Under each chart, its caption: the source of what it shows.
  CHECK_THAT(body, Catch::Contains("Bron: " + demo().source.name + " (voorbeeldcijfers), 2019\u20132023*, opgehaald " +
                                   retrieved));
}

TEST_CASE("Generate: the first year in the data makes a complete memo (no earlier year to compare with)",
          "[generate]") {
  const std::string first = demo().periods().front().id;
  const OdfDocument doc(generate(outputDir("first-year") / "leiden.odt", "Leiden", first));
  CHECK(doc.contentXml().find("{{") == std::string::npos);
  CHECK_THAT(doc.bodyText(), Catch::Contains("niet te volgen, omdat er geen cijfers van vóór " + first + " zijn") &&
                                 Catch::Contains("In " + first + " kreeg " + expected("GM0546", "jeugdhulp", first)));
}

TEST_CASE("Generate: the comparison table holds the dataset's figures for municipality, region and country",
          "[generate][table]") {
  const OdfDocument doc(generate(outputDir("leiden-table") / "leiden.odt", "GM0546", "2023"));
  const Table t = doc.table("Raadsbrief_tabel_1");
  REQUIRE(t.size() == demo().indicators().size() + 1);
  CHECK(t[0] ==
        std::vector<std::string>{"Indicator", "Leiden", "Holland Rijnland", "Nederland", "Verschil met Nederland"});
  for (std::size_t i = 0; i < demo().indicators().size(); ++i) {
    const auto& ind = demo().indicators()[i];
    const auto& row = t[i + 1];
    REQUIRE(row.size() == 5);
    CHECK(row[0] == ind.label);
    const auto regions = comparedRegions("GM0546");
    for (std::size_t c = 0; c < regions.size(); ++c) CHECK(row[c + 1] == expected(regions[c], ind.id, "2023"));
    CHECK(row[4] == expectedDifference("GM0546", "NL01", ind.id, "2023"));
  }
  // The caption under the table: what the difference means and where the figures come from.
  const std::string body = doc.bodyText();
  CHECK_THAT(body, Catch::Contains("Verschil = Leiden min Nederland, berekend met de afgeronde cijfers in de tabel; "
                                   "pp = procentpunt. Bron: " +
                                   demo().source.name + " (voorbeeldcijfers), 2023*, opgehaald " +
                                   text::formatIsoDateLong(demo().source.retrieved) + ". * voorlopig cijfer."));
}

TEST_CASE("Generate: the charts are native charts whose data equal the dataset", "[generate][chart]") {
  const OdfDocument doc(generate(outputDir("leiden-chart") / "leiden.odt", "Leiden", "2023"));
  const auto regions = comparedRegions("GM0546");

  const ChartData bar = doc.chart("Raadsbrief_grafiek_1");
  CHECK(bar.chartClass == "chart:bar");
  CHECK_THAT(bar.description,
             Catch::Contains("Staafdiagram") && Catch::Contains("Leiden " + expected("GM0546", "jeugdhulp", "2023")));
  // The value axis has a Dutch percentage format of its own (decimal comma, "%").
  CHECK_THAT(bar.xml,
             Catch::Contains(R"(number:language="nl" number:country="NL"><number:number number:decimal-places="1")") &&
                 Catch::Contains("<number:text>%</number:text>"));
  REQUIRE(bar.cells.size() == 4);  // header + jeugdhulp, residentieel, jeugdbescherming
  CHECK(bar.cells[0][1] == "Leiden");
  CHECK(bar.cells[0][2] == "Holland Rijnland");
  CHECK(bar.cells[0][3] == "Nederland");
  const std::vector<std::string> indicators{"jeugdhulp", "residentieel", "jeugdbescherming"};
  for (std::size_t r = 0; r < indicators.size(); ++r) {
    CHECK(bar.cells[r + 1][0] == demo().findIndicator(indicators[r])->label);
    for (std::size_t c = 0; c < regions.size(); ++c)
      CHECK(number(bar.cells[r + 1][c + 1]) == Approx(demo().observation(regions[c], indicators[r], "2023").value));
  }

  const ChartData line = doc.chart("Raadsbrief_grafiek_2");
  CHECK(line.chartClass == "chart:line");
  REQUIRE(line.cells.size() == 6);  // header + 5 years
  CHECK(line.cells[5][0] == "2023*");
  for (std::size_t y = 0; y < 5; ++y) {
    const std::string period = demo().periods()[y].id;
    CHECK(line.cells[y + 1][0].substr(0, 4) == period);
    for (std::size_t c = 0; c < regions.size(); ++c)
      CHECK(number(line.cells[y + 1][c + 1]) == Approx(demo().observation(regions[c], "jeugdhulp", period).value));
  }
}

TEST_CASE("Generate: a suppressed figure is a dash in the table and a gap in the chart, never 0",
          "[generate][suppressed]") {
  // Zoeterwoude's jeugdbescherming figure for 2022 is suppressed in the demo data.
  REQUIRE(demo().observation("GM0638", "jeugdbescherming", "2022").state == model::Observation::State::Suppressed);
  const OdfDocument doc(generate(outputDir("zoeterwoude") / "zoeterwoude.odt", "Zoeterwoude", "2022"));
  const Table t = doc.table("Raadsbrief_tabel_1");
  bool seen = false;
  for (const auto& row : t)
    if (row[0] == demo().findIndicator("jeugdbescherming")->label) {
      CHECK(row[1] == "\u2013");
      CHECK(row[3] == expected("NL01", "jeugdbescherming", "2022"));
      CHECK(row[4] == "\u2013");  // no difference without the municipality's figure
      seen = true;
    }
  CHECK(seen);
  CHECK_THAT(doc.bodyText(), Catch::Contains("geheim") && Catch::Contains("Een ontbrekende staaf: cijfer geheim"));
  const ChartData bar = doc.chart("Raadsbrief_grafiek_1");
  REQUIRE(bar.cells.size() == 4);
  const std::string cell = bar.cells[3][1];  // jeugdbescherming × Zoeterwoude
  INFO("cell: '" << cell << "'");
  CHECK((cell.empty() || cell == "NaN" || std::isnan(std::stod(cell))));
}

TEST_CASE("Generate: a PDF is tagged (PDF/UA), titled and holds the figures, and --pdfa makes PDF/A-2b",
          "[generate][formats][pdf]") {
  const fs::path dir = outputDir("pdf");
  const fs::path pdf = generate(dir / "leiden.pdf", "Leiden", "2023");
  std::ifstream in(pdf, std::ios::binary);
  std::string head(5, '\0');
  in.read(head.data(), 5);
  CHECK(head == "%PDF-");
  const RunResult text = run(PDFTOTEXT, {"-layout", pdf.string(), "-"});
  REQUIRE(text.exitCode == 0);
  CHECK_THAT(text.out, Catch::Contains("Raadsinformatiebrief") && Catch::Contains("Leiden"));
  CHECK_THAT(text.out, Catch::Contains(expected("GM0546", "jeugdhulp", "2023")));
  const RunResult info = run(PDFINFO, {pdf.string()});
  CHECK_THAT(info.out, Catch::Contains("Tagged:          yes"));
  CHECK_THAT(info.out, Catch::Contains("Title:           Raadsinformatiebrief jeugdhulp \u2013 Leiden, 2023\n"));
  const RunResult meta = run(PDFINFO, {"-meta", pdf.string()});
  CHECK_THAT(meta.out, Catch::Contains("<pdfuaid:part>1</pdfuaid:part>"));
  CHECK(meta.out.find("pdfaid:part") == std::string::npos);

  const fs::path archive = dir / "leiden-archief.pdf";
  const RunResult r = cli({"generate", "--template", "raadsinformatiebrief", "--municipality", "Leiden", "--pdfa",
                           "--output", archive.string()});
  REQUIRE(r.exitCode == 0);
  const RunResult archiveMeta = run(PDFINFO, {"-meta", archive.string()});
  CHECK_THAT(archiveMeta.out, Catch::Contains("<pdfaid:part>2</pdfaid:part>") &&
                                  Catch::Contains("<pdfaid:conformance>B</pdfaid:conformance>"));
}

TEST_CASE("Generate: a DOCX reopened in LibreOffice still has the table and editable charts with their data",
          "[generate][formats][docx]") {
  const fs::path dir = outputDir("docx");
  const fs::path docx = generate(dir / "leiden.docx", "Leiden", "2023");
  const auto entries = readZip(docx);
  REQUIRE(entries.count("word/document.xml") == 1);
  CHECK_THAT(entries.at("word/document.xml"),
             Catch::Contains("Leiden") && Catch::Contains(expected("GM0546", "jeugdhulp", "2023")));
  // Reopen it the way a user would: LibreOffice reads the DOCX (own throwaway profile) and saves ODT.
  const OdfDocument reopened(convertedByOffice(docx, "odt", dir / "heropend"));
  // Table names do not survive DOCX; find the comparison table by its header row.
  bool tableFound = false;
  for (const char* name : {"Table1", "Table2", "Table3", "Table4"}) {
    Table t;
    try {
      t = reopened.table(name);
    } catch (const std::exception&) {
      continue;
    }
    if (t.empty() || t[0].empty() || t[0][0] != "Indicator") continue;
    tableFound = true;
    REQUIRE(t.size() == demo().indicators().size() + 1);
    CHECK(t[1][1] == expected("GM0546", demo().indicators()[0].id, "2023"));
    CHECK(t[1][3] == expected("NL01", demo().indicators()[0].id, "2023"));
  }
  CHECK(tableFound);
  // The charts come back as chart objects (editable), with the series data.
  int charts = 0;
  for (const auto& [name, data] : reopened.entries()) {
    if (name.size() < 12 || name.substr(name.size() - 12) != "/content.xml" || name.rfind("Object", 0) != 0) continue;
    if (data.find("<chart:chart") == std::string::npos) continue;
    ++charts;
  }
  CHECK(charts == 3);  // figure 1, figure 2 and the region chart
  CHECK_THAT(reopened.contentXml(), Catch::Contains(expected("GM0546", "jeugdhulp", "2023")));
}

TEST_CASE("Generate: the ODT validates against the OASIS ODF 1.3 schema", "[generate][odf]") {
  const fs::path dir = outputDir("schema");
  const auto entries = readZip(generate(dir / "leiden.odt", "Leiden", "2023"));
  const std::string schemaDir = RAADSBRIEF_ODF_SCHEMA_DIR;
  int validated = 0;
  for (const auto& [name, data] : entries) {
    if (name.size() < 4 || name.substr(name.size() - 4) != ".xml") continue;
    std::string schema = schemaDir + "/OpenDocument-v1.3-schema.rng";
    if (name == "META-INF/manifest.xml") schema = schemaDir + "/OpenDocument-v1.3-manifest-schema.rng";
    else if (name.find("Configurations2/") == 0) continue;  // UI configuration, not ODF content
    const fs::path part = dir / "parts" / name;
    fs::create_directories(part.parent_path());
    std::ofstream(part, std::ios::binary) << data;
    const RunResult r = run(XMLLINT, {"--noout", "--relaxng", schema, part.string()});
    INFO(name << ": " << r.err);
    CHECK(r.exitCode == 0);
    ++validated;
  }
  CHECK(validated >= 8);  // content, styles, meta, settings, manifest and two charts' parts
}

TEST_CASE("Errors: bad input exits non-zero with one clear line and writes nothing", "[errors]") {
  const fs::path dir = outputDir("errors");
  const fs::path existing = dir / "bestaand.odt";
  std::ofstream(existing) << "werk van gisteren";
  const fs::path corrupt = dir / "kapot.json";
  std::ofstream(corrupt) << R"({"format": "raadsbrief-dataset", "version": 1, "source": {"name": "x")";

  struct Case {
    std::vector<std::string> args;
    int exitCode;
    std::string message;
  };
  const std::vector<Case> cases{
      {{"--municipality", "Leidn", "--template", "raadsinformatiebrief"},
       3,
       "Onbekende gemeente 'Leidn'; bedoelt u Leiden"},
      {{"--municipality", "Leiden", "--template", "raadsnotitie"}, 3, "Onbekend sjabloon 'raadsnotitie'"},
      {{"--municipality", "Leiden", "--template", "raadsinformatiebrief", "--source", corrupt.string()},
       4,
       "geen geldige JSON"},
      {{"--municipality", "Leiden", "--template", "raadsinformatiebrief", "--period", "2031"}, 3, "Periode '2031'"},
      {{"--municipality", "Groningen", "--template", "raadsinformatiebrief"}, 3, "geen cijfers"},
      {{"--municipality", "Leiden"}, 2, "--template ontbreekt"},
  };
  for (const auto& c : cases) {
    for (const fs::path& target : {dir / "nieuw.odt", existing}) {
      std::vector<std::string> args{"generate", "--output", target.string()};
      args.insert(args.end(), c.args.begin(), c.args.end());
      const RunResult r = cli(args);
      INFO("case: " << c.message << " → " << target);
      CHECK(r.exitCode == c.exitCode);
      CHECK_THAT(r.err, Catch::StartsWith("raadsbrief: ") && Catch::Contains(c.message));
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
  }
  // Nothing half-written: no new file, no temporary file, the existing file untouched.
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"bestaand.odt", "kapot.json"});
  std::ifstream in(existing);
  CHECK(slurp(in) == "werk van gisteren");
}

TEST_CASE("Errors: usage mistakes are caught before LibreOffice starts", "[errors]") {
  const RunResult unknown = run(RAADSBRIEF_CLI, {"frobnicate"});
  CHECK(unknown.exitCode == 2);
  CHECK_THAT(unknown.err, Catch::Contains("onbekende opdracht"));
  const RunResult format = run(RAADSBRIEF_CLI, {"generate", "--template", "raadsinformatiebrief", "--municipality",
                                                "Leiden", "--output", (outputDir("usage") / "x.txt").string()});
  CHECK(format.exitCode == 2);
  CHECK_THAT(format.err, Catch::Contains(".odt, .pdf of .docx"));
  const RunResult tls =
      run(RAADSBRIEF_CLI, {"generate", "--template", "raadsinformatiebrief", "--municipality", "Leiden", "--source",
                           "https://127.0.0.1:9/api/v1", "--insecure-tls", "https://127.0.0.1:8/api/v1", "--output",
                           (outputDir("usage") / "x.odt").string()});
  CHECK(tls.exitCode == 2);
  CHECK_THAT(tls.err, Catch::Contains("geen van de --source-adressen"));
  const RunResult help = run(RAADSBRIEF_CLI, {"--help"});
  CHECK(help.exitCode == 0);
  CHECK_THAT(help.out, Catch::Contains("raadsbrief generate"));
  CHECK_THAT(help.out, Catch::Contains("Afsluitcodes: 0 gelukt, 1 interne fout"));  // from core/ExitCodes.hpp
  CHECK_THAT(help.out, Catch::Contains("9 geannuleerd"));
}

TEST_CASE("List: templates and all municipalities with their youth-care region", "[list]") {
  const RunResult templates = cli({"templates"});
  REQUIRE(templates.exitCode == 0);
  CHECK_THAT(templates.out, Catch::Contains("raadsinformatiebrief"));
  const RunResult municipalities = cli({"municipalities"});
  REQUIRE(municipalities.exitCode == 0);
  CHECK(std::count(municipalities.out.begin(), municipalities.out.end(), '\n') == 342);
  CHECK_THAT(municipalities.out, Catch::Contains("GM0546\tLeiden\tHolland Rijnland\n"));
  CHECK_THAT(municipalities.out, Catch::Contains("GM0014\tGroningen\t\n"));
}

TEST_CASE("Templates: every shipped template makes a complete document for Leiden", "[generate][templates]") {
  const RunResult list = cli({"templates"});
  REQUIRE(list.exitCode == 0);
  for (const char* name : {"raadsinformatiebrief", "raadsbrief", "column", "nieuwsbericht"}) {
    INFO("template " << name);
    CHECK_THAT(list.out, Catch::Contains(std::string(name) + "\n"));
    const fs::path odt = outputDir(std::string("template-") + name) / "leiden.odt";
    const RunResult r =
        cli({"generate", "--template", name, "--municipality", "Leiden", "--period", "2023", "--output", odt.string()});
    INFO("stderr: " << r.err);
    REQUIRE(r.exitCode == 0);
    const OdfDocument doc(odt);
    CHECK(doc.contentXml().find("{{") == std::string::npos);
    CHECK(doc.entries().at("styles.xml").find("{{") == std::string::npos);
    const std::string body = doc.bodyText();
    CHECK_THAT(body, Catch::Contains("Leiden") && Catch::Contains(expected("GM0546", "jeugdhulp", "2023")));
    CHECK_THAT(body, Catch::Contains("Voorbeeldcijfers"));
  }
  // The blocks each template promises.
  CHECK_NOTHROW(
      OdfDocument(fs::path(RAADSBRIEF_TEST_OUTPUT) / "template-raadsbrief" / "leiden.odt").table("Raadsbrief_tabel_1"));
  const ChartData trend =
      OdfDocument(fs::path(RAADSBRIEF_TEST_OUTPUT) / "template-column" / "leiden.odt").chart("Raadsbrief_grafiek_1");
  CHECK(trend.chartClass == "chart:line");
  const OdfDocument news(fs::path(RAADSBRIEF_TEST_OUTPUT) / "template-nieuwsbericht" / "leiden.odt");
  CHECK(news.chart("Raadsbrief_grafiek_1").chartClass == "chart:bar");
  const Table recent = news.table("Raadsbrief_tabel_1");
  REQUIRE(recent.size() == 4);
  CHECK(recent[0].back() == "2023*");
  CHECK(recent[1] == std::vector<std::string>{"Leiden", expected("GM0546", "jeugdhulp", "2021"),
                                              expected("GM0546", "jeugdhulp", "2022"),
                                              expected("GM0546", "jeugdhulp", "2023")});
}
