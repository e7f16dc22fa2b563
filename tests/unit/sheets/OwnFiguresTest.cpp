// sheets/OwnFigures: a policy officer's own figures from a grid of cells (the sheets "Cijfers" and
// "Indicatoren"), the CSV reader, numbers as people write them, and every error naming its place.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "Error.hpp"
#include "data/YouthCareRegions.hpp"
#include "package/PackageCheck.hpp"
#include "settings/Settings.hpp"
#include "sheets/OwnFigures.hpp"
#include "sources/Loader.hpp"

using namespace raadsbrief;
using namespace raadsbrief::sheets;
namespace fs = std::filesystem;

namespace {

const data::YouthCareRegions& refs() {
  static const data::YouthCareRegions regions =
      data::YouthCareRegions::read(data::youthCareRegionsFile(RAADSBRIEF_DEMO_DATASET));
  return regions;
}

using Row = std::vector<Cell>;

Cell t(const char* s) { return std::string(s); }
Cell n(double v) { return v; }

Sheet indicatorSheet() {
  return {"Indicatoren",
          {},
          {
              {t("indicator"), t("label"), t("eenheid"), t("decimalen"), t("richting"), t("definitie"), t("bronnaam")},
              {t("clienttevredenheid"), t("Cliënttevredenheid"), t("cijfer"), n(1), t("hoger is beter"),
               t("Gemiddeld rapportcijfer van ouders en jongeren."), t("Cliëntervaringsonderzoek Leiden 2025")},
              {t("wachttijd"), t("Wachttijd tot de start van de hulp"), t("dagen"), n(0), t("lager is beter"),
               t("Mediaan aantal kalenderdagen."), t("Wachttijdregistratie gemeente")},
              {t("kosten_eigen"), t("Eigen kosten per cliënt"), t("euro"), {}, {}, {}, {}},
          },
          false};
}

Sheet figureSheet() {
  return {
      "Cijfers",
      {},
      {
          {t("gemeente"), t("indicator"), t("periode"), t("waarde"), t("status"), t("bron"), t("opmerking")},
          {t("GM0546"), t("clienttevredenheid"), n(2024), n(7.4), t("definitief"), {}, t("een notitie")},
          {t("Leiden"), t("clienttevredenheid"), t("2025-H1"), t("7,6"), t("voorlopig"), {}, {}},
          {t("Den Haag"), t("wachttijd"), n(2025), n(41), t("Voorlopig"), {}, {}},
          {},  // an empty row is skipped
          {t("leiden"), t("Wachttijd"), n(2025), t("geheim"), t("voorlopig"), {}, {}},
          {t("Nederland"), t("kosten_eigen"), n(2025), t("1.234,5"), t("voorlopig"), t("Eigen kostenregistratie"), {}},
      },
      false};
}

Workbook book() { return {indicatorSheet(), figureSheet()}; }

std::string errorOf(const Workbook& b) {
  try {
    (void)readOwnFigures(b, refs(), "Eigen cijfers (x.ods)");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Data);
    return e.what();
  }
  return "(geen fout)";
}

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("raadsbrief-sheets-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace

TEST_CASE("Own figures: the layout becomes a dataset", "[sheets]") {
  const model::Dataset ds = readOwnFigures(book(), refs(), "Eigen cijfers (x.ods)");
  const model::Region& leiden = ds.municipality("Leiden");
  CHECK(leiden.code == "GM0546");
  CHECK(leiden.youthCareRegion == "JZ18");
  REQUIRE(ds.findRegion("JZ18"));
  CHECK(ds.findRegion("JZ18")->name == "Holland Rijnland");
  CHECK(ds.findRegion("GM0518"));  // "Den Haag" is 's-Gravenhage
  REQUIRE(ds.country());
  CHECK(ds.country()->code == "NL01");

  CHECK(ds.observation("GM0546", "clienttevredenheid", "2024").value == Approx(7.4));
  CHECK(ds.observation("GM0546", "clienttevredenheid", "2025-H1").value == Approx(7.6));
  CHECK(ds.observation("GM0518", "wachttijd", "2025").value == Approx(41));
  CHECK(ds.observation("GM0546", "wachttijd", "2025").state == model::Observation::State::Suppressed);
  CHECK(ds.observation("NL01", "kosten_eigen", "2025").value == Approx(1234.5));
  CHECK(ds.observation("GM0546", "wachttijd", "2024").state == model::Observation::State::Missing);

  REQUIRE(ds.findPeriod("2024"));
  CHECK_FALSE(ds.findPeriod("2024")->provisional);
  CHECK(ds.findPeriod("2025")->provisional);
  CHECK(ds.findPeriod("2025-H1")->provisional);
  CHECK(ds.periods().front().id == "2024");

  const model::Indicator* wait = ds.findIndicator("wachttijd");
  REQUIRE(wait);
  CHECK(wait->unit == model::Unit::Days);
  CHECK(wait->decimals == 0);
  CHECK(wait->direction == model::Direction::LowerIsBetter);
  CHECK(wait->label == "Wachttijd tot de start van de hulp");
  const model::Indicator* costs = ds.findIndicator("kosten_eigen");
  REQUIRE(costs);
  CHECK(costs->unit == model::Unit::Euro);
  CHECK(costs->decimals == 0);  // the unit's default
  CHECK(costs->direction == model::Direction::Neutral);
  CHECK(ds.findIndicator("clienttevredenheid")->unit == model::Unit::Score);
}

TEST_CASE("Own figures: every figure keeps its own source (bron, else bronnaam)", "[sheets]") {
  const model::Dataset ds = readOwnFigures(book(), refs(), "Eigen cijfers (x.ods)");
  auto sourceOf = [&](const char* region, const char* indicator, const char* period) {
    return ds.originOf(ds.observation(region, indicator, period)).name;
  };
  CHECK(ds.source.name == "Cliëntervaringsonderzoek Leiden 2025");
  CHECK(sourceOf("GM0546", "clienttevredenheid", "2024") == "Cliëntervaringsonderzoek Leiden 2025");
  CHECK(sourceOf("GM0518", "wachttijd", "2025") == "Wachttijdregistratie gemeente");
  CHECK(sourceOf("NL01", "kosten_eigen", "2025") == "Eigen kostenregistratie");  // the row's bron
  REQUIRE(ds.supplements().size() == 2);
  CHECK_FALSE(ds.source.demo);

  // Without bronnaam and bron: the file's name.
  Workbook b = book();
  b[1].rows[6][5] = Cell{};
  const model::Dataset fallback = readOwnFigures(b, refs(), "Eigen cijfers (x.ods)");
  CHECK(fallback.originOf(fallback.observation("NL01", "kosten_eigen", "2025")).name == "Eigen cijfers (x.ods)");
}

TEST_CASE("Own figures: merged after another source, each figure keeps its source note", "[sheets]") {
  const fs::path csv = scratch("merge.csv");
  write(csv,
        "gemeente;indicator;periode;waarde;status\nLeiden;wachttijd;2023;38;voorlopig\n"
        "Leiden;jeugdhulp;2023;99;voorlopig\nLeiden;jeugdhulp;2018;12,0;definitief\n");
  write(csvIndicatorFile(csv),
        "indicator;label;eenheid;decimalen;richting;definitie;bronnaam\n"
        "wachttijd;Wachttijd;dagen;0;lager is beter;Mediaan;Wachttijdregistratie Leiden\n"
        "jeugdhulp;Jongeren met jeugdhulp;procent;1;neutraal;;Eigen telling Leiden\n");
  sources::LoadPolicy policy;
  policy.bundledDataset = RAADSBRIEF_DEMO_DATASET;
  const auto figures = sources::loadFigures(sources::SourceList::of({"bundled", csv.string()}), policy);
  const model::Dataset& ds = *figures.dataset;
  // The first source wins where both have a figure; the own file fills what it lacks.
  const auto demo = ds.observation("GM0546", "jeugdhulp", "2023");
  CHECK(demo.value != Approx(99));
  CHECK(ds.originOf(demo).demo);
  const auto wait = ds.observation("GM0546", "wachttijd", "2023");
  REQUIRE(wait.hasValue());
  CHECK(wait.value == Approx(38));
  CHECK(ds.originOf(wait).name == "Wachttijdregistratie Leiden");
  const auto old = ds.observation("GM0546", "jeugdhulp", "2018");
  REQUIRE(old.hasValue());
  CHECK(ds.originOf(old).name == "Eigen telling Leiden");
  CHECK(ds.findIndicator("wachttijd")->unit == model::Unit::Days);
  fs::remove_all(csv.parent_path());
}

TEST_CASE("Own figures: errors name sheet, row and column", "[sheets]") {
  // One case a row: what is changed in the good workbook, and the error it must give.
  enum class Match { Exact, Start, End };
  struct ErrorCase {
    const char* what;
    std::function<void(Workbook&)> change;
    std::string expected;
    Match match = Match::Exact;
  };
  const std::vector<ErrorCase> cases{
      {"a value that is no number", [](Workbook& b) { b[1].rows[2][3] = t("twaalf"); },
       "Blad Cijfers, rij 3, kolom D (waarde): 'twaalf' is geen getal", Match::Exact},
      {"an empty value", [](Workbook& b) { b[1].rows[1][3] = Cell{}; },
       "Blad Cijfers, rij 2, kolom D (waarde): de cel is leeg", Match::Start},
      {"a percentage over 100",
       [](Workbook& b) {
         b[0].rows[1][2] = t("procent");
         b[1].rows[1][3] = n(112);
       },
       "Blad Cijfers, rij 2, kolom D (waarde): een percentage moet tussen 0 en 100 liggen, niet 112", Match::Exact},
      {"a negative number of days", [](Workbook& b) { b[1].rows[3][3] = t("-4"); },
       "Blad Cijfers, rij 4, kolom D (waarde): mag niet negatief zijn (-4)", Match::Exact},
      {"an unknown municipality, with a suggestion", [](Workbook& b) { b[1].rows[1][0] = t("Leidn"); },
       "Blad Cijfers, rij 2, kolom A (gemeente): onbekende gemeente 'Leidn'; bedoelt u Leiden?", Match::Exact},
      {"an unknown municipality code", [](Workbook& b) { b[1].rows[1][0] = t("GM9999"); },
       "Blad Cijfers, rij 2, kolom A (gemeente): onbekende gemeente 'GM9999'", Match::Start},
      {"an empty municipality", [](Workbook& b) { b[1].rows[1][0] = Cell{}; },
       "Blad Cijfers, rij 2, kolom A (gemeente): de cel is leeg", Match::Start},
      {"an indicator not described", [](Workbook& b) { b[1].rows[1][1] = t("tevredenheid"); },
       "Blad Cijfers, rij 2, kolom B (indicator): onbekende indicator 'tevredenheid': beschrijf haar eerst op het blad "
       "Indicatoren",
       Match::Exact},
      {"a period that is none", [](Workbook& b) { b[1].rows[1][2] = t("vorig jaar"); },
       "Blad Cijfers, rij 2, kolom C (periode): 'vorig jaar' is geen periode (een jaar als 2025 of een halfjaar als "
       "2025-H1)",
       Match::Exact},
      {"a status that is none", [](Workbook& b) { b[1].rows[1][4] = t("concept"); },
       "Blad Cijfers, rij 2, kolom E (status): 'concept' is geen status (definitief, voorlopig of nader voorlopig)",
       Match::Exact},
      {"a figure twice", [](Workbook& b) { b[1].rows[2][2] = n(2024); },
       "Blad Cijfers, rij 3, kolom D (waarde): Leiden heeft voor clienttevredenheid in 2024 al een cijfer in rij 2",
       Match::Exact},
      {"a source name with a field marker", [](Workbook& b) { b[1].rows[1][5] = t("Bron {{x}}"); },
       "Blad Cijfers, rij 2, kolom F (bron): bevat '{{' of '}}' (die zijn voor sjabloonvelden)", Match::Exact},
      {"a missing column", [](Workbook& b) { b[1].rows[0][4] = Cell{}; },
       "Blad Cijfers, rij 1: de kolom 'status' ontbreekt in de kolomkoppen", Match::Exact},
      {"an unknown column", [](Workbook& b) { b[1].rows[0][3] = t("waade"); },
       "Blad Cijfers, rij 1: kolom D: onbekende kolomkop 'waade' (verwacht: gemeente, indicator, periode, waarde, "
       "status, bron",
       Match::Start},
      {"a column twice", [](Workbook& b) { b[1].rows[0][5] = t("Waarde"); },
       "Blad Cijfers, rij 1: kolom F: de kolomkop 'waarde' staat er twee keer (ook in kolom D)", Match::Exact},
      {"a missing sheet", [](Workbook& b) { b[1].name = "Blad1"; },
       "Het bestand heeft geen blad 'Cijfers' (wel: 'Indicatoren', 'Blad1'); zie het sjabloon eigen-cijfers.ods voor "
       "de indeling",
       Match::Exact},
      {"an empty sheet", [](Workbook& b) { b[1].rows.clear(); }, "Blad Cijfers, rij 1: het blad is leeg", Match::Start},
      {"headers without figures", [](Workbook& b) { b[1].rows.resize(1); },
       "Blad Cijfers, rij 2: geen enkel cijfer (vul onder de kolomkoppen één cijfer per rij in)", Match::Exact},
      {"no indicator described", [](Workbook& b) { b[0].rows.resize(1); },
       "Blad Indicatoren, rij 2: geen enkele indicator (vul onder de kolomkoppen één indicator per rij in)",
       Match::Exact},
      {"sheet names and headers in any case are fine",
       [](Workbook& b) {
         b[0].name = "INDICATOREN";
         b[1].name = " cijfers ";
         b[1].rows[0][0] = t("Gemeente");
       },
       "(geen fout)", Match::Exact},
      {"an unknown unit", [](Workbook& b) { b[0].rows[2][2] = t("weken"); },
       "Blad Indicatoren, rij 3, kolom C (eenheid): 'weken' is geen eenheid (procent, aantal, euro, dagen of cijfer)",
       Match::Exact},
      {"decimals out of range", [](Workbook& b) { b[0].rows[1][3] = n(5); },
       "Blad Indicatoren, rij 2, kolom D (decimalen): '5' is geen aantal decimalen (0, 1, 2 of 3)", Match::Exact},
      {"an unknown direction", [](Workbook& b) { b[0].rows[1][4] = t("omhoog"); },
       "Blad Indicatoren, rij 2, kolom E (richting): 'omhoog' is geen richting (hoger is beter, lager is beter of "
       "neutraal)",
       Match::Exact},
      {"an indicator id with spaces", [](Workbook& b) { b[0].rows[3][0] = t("eigen kosten"); },
       "Blad Indicatoren, rij 4, kolom A (indicator): 'eigen kosten' is geen geldige indicator-id", Match::Start},
      {"an indicator twice", [](Workbook& b) { b[0].rows[3][0] = t("Wachttijd"); },
       "Blad Indicatoren, rij 4, kolom A (indicator): indicator 'wachttijd' staat er twee keer in (ook in rij 3)",
       Match::Exact},
      {"an empty label", [](Workbook& b) { b[0].rows[2][1] = t("  "); },
       "Blad Indicatoren, rij 3, kolom B (label): de cel is leeg", Match::Exact},
      {"a definition with a control character", [](Workbook& b) { b[0].rows[1][5] = t("Gemiddeld\x01"); },
       "Blad Indicatoren, rij 2, kolom F (definitie): bevat een stuurteken (positie 10)", Match::Exact},
      {"a label that is too long", [](Workbook& b) { b[0].rows[1][1] = std::string(201, 'a'); },
       "Blad Indicatoren, rij 2, kolom B (label): te lang (meer dan 200 tekens)", Match::Exact},
      {"too many rows", [](Workbook& b) { b[1].rows.resize(kMaxRows + 1); }, "Blad Cijfers: meer dan 20000 rijen",
       Match::Exact},
      {"too many columns", [](Workbook& b) { b[1].rows[2].resize(kMaxColumns + 1); },
       "Blad Cijfers, rij 3: meer dan 32 kolommen", Match::Exact},
      {"a cell that is too long", [](Workbook& b) { b[1].rows[2][6] = std::string(kMaxCellBytes + 1, 'x'); },
       "Blad Cijfers, rij 3: kolom G: de cel is te lang (meer dan 4000 tekens)", Match::Exact},
      {"too many source names",
       [](Workbook& b) {
         for (int i = 0; i < 25; ++i)
           b[1].rows.push_back({t("Leiden"),
                                t("kosten_eigen"),
                                n(2000 + i),
                                n(10),
                                t("definitief"),
                                std::string("Bron ") + std::to_string(i),
                                {}});
       },
       "kolom F (bron): meer dan 20 verschillende bronnen in één bestand", Match::End},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.what) {
      Workbook b = book();
      c.change(b);
      const std::string error = errorOf(b);
      switch (c.match) {
        case Match::Exact: CHECK(error == c.expected); break;
        case Match::Start: CHECK_THAT(error, Catch::StartsWith(c.expected)); break;
        case Match::End: CHECK_THAT(error, Catch::EndsWith(c.expected)); break;
      }
    }
  }
}

TEST_CASE("Own figures: numbers as people write them", "[sheets]") {
  CHECK(*parseNumber("12", false) == 12);
  CHECK(*parseNumber(" 12,5 ", false) == Approx(12.5));
  CHECK(*parseNumber("1.234,5", false) == Approx(1234.5));
  CHECK(*parseNumber("1.234.567", false) == Approx(1234567));
  CHECK(*parseNumber("-3", false) == -3);
  CHECK(*parseNumber("\u22123,5", false) == Approx(-3.5));
  CHECK(*parseNumber("12,5%", false) == Approx(12.5));
  CHECK(*parseNumber("\u20ac 1.250", false) == Approx(1250));
  CHECK_FALSE(parseNumber("12.5", false));  // Dutch: a dot groups thousands
  CHECK_FALSE(parseNumber("1.23,4", false));
  CHECK_FALSE(parseNumber("twaalf", false));
  CHECK_FALSE(parseNumber("", false));
  CHECK_FALSE(parseNumber("12,", false));
  CHECK_FALSE(parseNumber("1,2,3", false));
  CHECK_FALSE(parseNumber("1e5", false));
  CHECK(*parseNumber("12.5", true) == Approx(12.5));
  CHECK(*parseNumber("12,5", true) == Approx(12.5));
  CHECK_FALSE(parseNumber("1,234.5", true));
  CHECK(columnName(0) == "A");
  CHECK(columnName(25) == "Z");
  CHECK(columnName(26) == "AA");
  CHECK(columnName(27) == "AB");
}

TEST_CASE("Own figures: CSV (RFC 4180, semicolon or comma, UTF-8 with BOM)", "[sheets][csv]") {
  SECTION("semicolons, a BOM, CRLF, quotes") {
    const Sheet s = readCsv(
        "\xEF\xBB\xBFgemeente;waarde;bron\r\nLeiden;7,4;\"Onderzoek; \"\"2025\"\"\"\r\n"
        "\"Den\nHaag\";41;\r\n",
        "Cijfers", "Bestand x.csv");
    CHECK_FALSE(s.decimalPoint);
    REQUIRE(s.rows.size() == 3);
    CHECK(std::get<std::string>(s.rows[0][0]) == "gemeente");
    CHECK(std::get<std::string>(s.rows[1][1]) == "7,4");
    CHECK(std::get<std::string>(s.rows[1][2]) == "Onderzoek; \"2025\"");
    CHECK(std::get<std::string>(s.rows[2][0]) == "Den\nHaag");
    CHECK(std::holds_alternative<std::monostate>(s.rows[2][2]));
  }
  SECTION("commas: a decimal point, no final line break") {
    const Sheet s = readCsv("gemeente,waarde\nLeiden,7.4\n\"Den Haag\",\"7,5\"", "Cijfers", "Bestand x.csv");
    CHECK(s.decimalPoint);
    REQUIRE(s.rows.size() == 3);
    CHECK(std::get<std::string>(s.rows[2][1]) == "7,5");
    CHECK(*parseNumber(std::get<std::string>(s.rows[1][1]), s.decimalPoint) == Approx(7.4));
  }
  SECTION("an unclosed quote") {
    CHECK_THROWS_WITH(readCsv("a;b\nx;\"open\n", "Cijfers", "Bestand x.csv"),
                      "Bestand x.csv, rij 2: een aanhalingsteken (\") wordt niet afgesloten");
  }
  SECTION("text after a closing quote") {
    CHECK_THROWS_WITH(readCsv("a;b\n\"x\"y;z\n", "Cijfers", "Bestand x.csv"),
                      Catch::StartsWith("Bestand x.csv, rij 2: tekst na een afsluitend aanhalingsteken"));
  }
  SECTION("not UTF-8 (Windows-1252)") {
    CHECK_THROWS_WITH(readCsv("a;b\nCli\xEBnt;1\n", "Cijfers", "Bestand x.csv"),
                      "Bestand x.csv, rij 2: geen geldige UTF-8-tekst (sla het bestand op als 'CSV UTF-8')");
  }
  SECTION("too many rows") {
    std::string text;
    for (std::size_t i = 0; i <= kMaxRows; ++i) text += "a;b\n";
    CHECK_THROWS_WITH(readCsv(text, "Cijfers", "Bestand x.csv"), "Bestand x.csv: meer dan 20000 rijen");
  }
  SECTION("too many columns") {
    CHECK_THROWS_WITH(readCsv(std::string(40, ';'), "Cijfers", "Bestand x.csv"),
                      "Bestand x.csv, rij 1: meer dan 32 kolommen");
  }
  SECTION("a field that is too long") {
    CHECK_THROWS_WITH(readCsv("a;\"" + std::string(kMaxCellBytes + 10, 'x') + "\"\n", "Cijfers", "Bestand x.csv"),
                      "Bestand x.csv, rij 1: een veld is te lang (meer dan 4000 tekens)");
  }
  SECTION("an error in a CSV names the file") {
    Workbook b{readCsv("indicator;label;eenheid;decimalen;richting\nw;Wachttijd;dagen;0;neutraal\n", "Indicatoren",
                       "Bestand x.indicatoren.csv"),
               readCsv("gemeente;indicator;periode;waarde;status\nLeiden;w;2025;twaalf;voorlopig\n", "Cijfers",
                       "Bestand x.csv")};
    CHECK(errorOf(b) == "Bestand x.csv, rij 2, kolom D (waarde): 'twaalf' is geen getal");
  }
}

TEST_CASE("Own figures: files (CSV with its indicator file, spreadsheets only with a reader)", "[sheets]") {
  const fs::path csv = scratch("eigen.csv");
  write(csv, "gemeente;indicator;periode;waarde;status\nGM0546;wachttijd;2025;41;voorlopig\n");
  SECTION("without its indicator file") {
    CHECK_THROWS_WITH(readOwnFiguresFile(csv, refs(), {}),
                      "eigen.csv: bij eigen.csv hoort een bestand eigen.indicatoren.csv dat de indicatoren "
                      "beschrijft (zie docs/own-figures.md)");
  }
  SECTION("with it") {
    write(scratch("eigen.indicatoren.csv"),
          "indicator;label;eenheid;decimalen;richting\n"
          "wachttijd;Wachttijd;dagen;0;lager is beter\n");
    const model::Dataset ds = readOwnFiguresFile(csv, refs(), {});
    CHECK(ds.observation("GM0546", "wachttijd", "2025").value == 41);
    CHECK(ds.source.name == "Eigen cijfers (eigen.csv)");
  }
  SECTION(".ods without LibreOffice") {
    const fs::path ods = scratch("eigen.ods");
    write(ods, "PK");
    try {
      (void)readOwnFiguresFile(ods, refs(), {});
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::Usage);
      CHECK_THAT(std::string(e.what()), Catch::StartsWith("eigen.ods: een spreadsheet (.ods of .xlsx) kan alleen"));
    }
  }
  SECTION("a spreadsheet that is no zip never reaches the reader") {
    const fs::path xlsx = scratch("eigen.xlsx");
    write(xlsx, "not a zip at all");
    bool called = false;
    const SpreadsheetReader reader = [&](const fs::path&) {
      called = true;
      return book();
    };
    CHECK_THROWS_AS(readOwnFiguresFile(xlsx, refs(), reader), Error);
    CHECK_FALSE(called);
  }
  SECTION("a folder named .csv") {
    const fs::path dir = scratch("map.csv");
    fs::create_directories(dir);
    CHECK_THROWS_AS(readOwnFiguresFile(dir, refs(), {}), Error);
  }
  CHECK(isSpreadsheetFile("/a/B.ODS"));
  CHECK(isSpreadsheetFile("/a/b.xlsx"));
  CHECK(isSpreadsheetFile("/a/b.csv"));
  CHECK_FALSE(isSpreadsheetFile("/a/b.json"));
  CHECK(needsSpreadsheetReader("/a/b.xlsx"));
  CHECK_FALSE(needsSpreadsheetReader("/a/b.csv"));
  fs::remove_all(csv.parent_path());
}

TEST_CASE("Own figures: the shipped eigen-cijfers.ods passes the package check", "[sheets][package]") {
  const fs::path ods = fs::path(RAADSBRIEF_TEMPLATES_DIR) / "eigen-cijfers.ods";
  REQUIRE(fs::exists(ods));
  CHECK(isSpreadsheetFile(ods));
  const package::PackageReport report = package::inspectPackage(ods);
  CHECK(report.externalLinks.empty());
  CHECK(report.entries >= 4);
}

TEST_CASE("Own figures: a spreadsheet path is a source like a dataset file (options, dialogs, --source)",
          "[sheets][settings]") {
  CHECK(settings::normaliseSource("/home/beleid/eigen-cijfers.ods") == "/home/beleid/eigen-cijfers.ods");
  CHECK(settings::normaliseSource("file:///home/beleid/cijfers.xlsx") == "file:///home/beleid/cijfers.xlsx");
  const auto list = sources::SourceList::parse("cbs\n/home/beleid/eigen-cijfers.ods\nfile:///tmp/a%20b.csv\n");
  REQUIRE(list.specs().size() == 3);
  CHECK(list.specs()[0].kind == sources::SourceSpec::Kind::CbsOData);
  CHECK(list.specs()[1].kind == sources::SourceSpec::Kind::File);
  CHECK(list.specs()[1].location == "/home/beleid/eigen-cijfers.ods");
  CHECK(list.specs()[2].location == "/tmp/a b.csv");
  CHECK(isSpreadsheetFile(list.specs()[2].location));
}

TEST_CASE("Own figures: mangled CSV gives a Dutch error or a dataset, never anything else", "[sheets][csv]") {
  const std::string figures =
      "\xEF\xBB\xBFgemeente;indicator;periode;waarde;status;bron\r\n"
      "Leiden;wachttijd;2025-H1;\"1.234,5\";voorlopig;\"Registratie; \"\"eigen\"\"\"\r\n"
      "GM0518;wachttijd;2025;geheim;definitief;\r\n";
  const std::string indicators =
      "indicator;label;eenheid;decimalen;richting;definitie;bronnaam\n"
      "wachttijd;Wachttijd;dagen;0;lager is beter;\"Mediaan\nin dagen\";Eigen\n";
  // Deterministic mutations (a small LCG): flipped, dropped and duplicated bytes, cut-off ends.
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1664525U + 1013904223U;
    return state >> 8;
  };
  const std::string alphabet = ";,\"\r\n\xC3\xA9\x80\xFF{}0123456789.-eGM ";
  int accepted = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string a = figures, b = indicators;
    std::string& target = (i % 3 == 0) ? b : a;
    const int edits = 1 + static_cast<int>(next() % 4);
    for (int e = 0; e < edits && !target.empty(); ++e) {
      const std::size_t at = next() % target.size();
      switch (next() % 4) {
        case 0: target[at] = alphabet[next() % alphabet.size()]; break;
        case 1: target.erase(at, 1 + next() % 3); break;
        case 2: target.insert(at, 1, alphabet[next() % alphabet.size()]); break;
        default: target.resize(at); break;
      }
    }
    try {
      const Workbook book{readCsv(b, "Indicatoren", "Bestand i.csv"), readCsv(a, "Cijfers", "Bestand c.csv")};
      const model::Dataset ds = readOwnFigures(book, refs(), "Eigen cijfers (c.csv)");
      CHECK(ds.country() != nullptr);
      for (const auto& ind : ds.indicators()) CHECK((ind.decimals >= 0 && ind.decimals <= 3));
      ++accepted;
    } catch (const Error& e) {
      CHECK(std::string(e.what()).find("Bestand ") != std::string::npos);
    }
  }
  CHECK(accepted > 0);
}
