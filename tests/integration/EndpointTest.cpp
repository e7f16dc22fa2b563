// Figures over real HTTP: raadsbrief-reportd serves the demo dataset on loopback, the CLI's
// soffice fetches it through the extension; a dead endpoint fails cleanly or, when asked,
// falls back to the cache with a visible note.
#include <catch2/catch.hpp>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <tuple>

#include "OdfDocument.hpp"
#include "TestSupport.hpp"
#include "sources/Source.hpp"
#include "text/DutchFormat.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;
using namespace raadsbrief::test;

namespace {

/// raadsbrief-reportd serving the demo dataset.
class ReportServer : public BackgroundServer {
 public:
  ReportServer() : BackgroundServer(RAADSBRIEF_REPORTD, {"--port", "0", "--data", RAADSBRIEF_DEMO_DATASET}) {}
};

/// Keeps the HTTP cache of the CLI's soffice inside the test's own folder.
std::map<std::string, std::string> cacheEnv(const fs::path& dir) {
  return {{"XDG_CACHE_HOME", (dir / "cache").string()}};
}

std::vector<std::string> generateArgs(const std::string& source, const fs::path& output) {
  return {"generate", "--template", "raadsinformatiebrief", "--municipality", "Leiden", "--period", "2023", "--source",
          source,     "--output",   output.string()};
}

}  // namespace

TEST_CASE("Endpoint: a memo made over HTTP from raadsbrief-reportd holds the served figures", "[endpoint]") {
  const fs::path dir = outputDir("endpoint");
  ReportServer server;
  const fs::path odt = dir / "leiden.odt";
  const RunResult r = cli(generateArgs(server.url(), odt), cacheEnv(dir));
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  const OdfDocument doc(odt);
  const Table t = doc.table("Raadsbrief_tabel_1");
  REQUIRE(t.size() == demo().indicators().size() + 1);
  for (std::size_t i = 0; i < demo().indicators().size(); ++i) {
    const auto& id = demo().indicators()[i].id;
    CHECK(t[i + 1][1] == expected("GM0546", id, "2023"));
    CHECK(t[i + 1][2] == expected("JR0001", id, "2023"));
    CHECK(t[i + 1][3] == expected("NL01", id, "2023"));
  }
  CHECK_THAT(doc.bodyText(), Catch::Contains("Bron: " + demo().source.name));
  CHECK(doc.bodyText().find("niet bereikbaar") == std::string::npos);
}

TEST_CASE("Endpoint: a dead endpoint fails cleanly, or with --allow-stale uses the cache and says so",
          "[endpoint][errors]") {
  const fs::path dir = outputDir("endpoint-dead");
  std::string url;
  {
    ReportServer server;
    url = server.url();
    const RunResult first = cli(generateArgs(url, dir / "eerste.odt"), cacheEnv(dir));
    INFO("stderr: " << first.err);
    REQUIRE(first.exitCode == 0);  // fills the cache
  }
  // The server is gone now.
  const RunResult failed = cli(generateArgs(url, dir / "zonder-cache.odt"), cacheEnv(dir));
  CHECK(failed.exitCode == 7);
  CHECK_THAT(failed.err, Catch::StartsWith("raadsbrief: ") && Catch::Contains(url));
  CHECK_FALSE(fs::exists(dir / "zonder-cache.odt"));

  const RunResult stale = cli({"generate", "--template", "raadsinformatiebrief", "--municipality", "Leiden", "--period",
                               "2023", "--source", url, "--allow-stale", "--output", (dir / "uit-cache.odt").string()},
                              cacheEnv(dir));
  INFO("stderr: " << stale.err);
  REQUIRE(stale.exitCode == 0);
  const std::string body = OdfDocument(dir / "uit-cache.odt").bodyText();
  CHECK_THAT(body, Catch::Contains("was niet bereikbaar") && Catch::Contains("uit de cache"));
  CHECK_THAT(body, Catch::Contains("In 2023 kreeg " + expected("GM0546", "jeugdhulp", "2023")));
}

TEST_CASE("Endpoint: a server that is not our API gives a clear error", "[endpoint][errors]") {
  const fs::path dir = outputDir("endpoint-wrong");
  ReportServer server;
  // The discovery document is valid JSON, but not a dataset: point the source one level too deep.
  const RunResult r = cli(generateArgs(server.url() + "/indicators", dir / "x.odt"), cacheEnv(dir));
  CHECK(r.exitCode == 7);
  CHECK_THAT(r.err, Catch::Contains("raadsbrief: "));
  CHECK_FALSE(fs::exists(dir / "x.odt"));
}

TEST_CASE("Sources: the first --source wins, a second fills what it lacks, the note names both",
          "[endpoint][sources]") {
  const fs::path dir = outputDir("sources");
  // A municipality's own file with one newer figure for Leiden, and nothing else.
  const fs::path own = dir / "eigen-cijfers.json";
  std::ofstream(own) << R"({"format": "raadsbrief-dataset", "version": 1,
    "source": {"name": "Gemeente Leiden, eigen registratie", "retrieved": "2026-11-20"},
    "periods": [{"id": "2023", "status": "definitief"}],
    "indicators": [{"id": "jeugdhulp", "label": "Jongeren met jeugdhulp", "unit": "percent", "decimals": 1,
                    "direction": "neutral"}],
    "regions": [{"code": "NL01", "name": "Nederland", "kind": "land"},
                {"code": "GM0546", "name": "Leiden", "kind": "gemeente"}],
    "observations": {"GM0546": {"jeugdhulp": {"2023": 13.37}}}})";
  ReportServer server;
  const fs::path odt = dir / "leiden.odt";
  const RunResult r = cli({"generate", "--template", "raadsinformatiebrief", "--municipality", "Leiden", "--period",
                           "2023", "--source", own.string(), "--source", server.url(), "--output", odt.string()},
                          cacheEnv(dir));
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  const OdfDocument doc(odt);
  const Table t = doc.table("Raadsbrief_tabel_1");
  REQUIRE(t.size() == demo().indicators().size() + 1);
  CHECK(t[0] == std::vector<std::string>{"Indicator", "Leiden", "Holland Rijnland", "Nederland",
                                         "Verschil met Nederland"});  // region from the 2nd
  CHECK(t[1][1] == "13,4%");                                          // the file's figure wins
  CHECK(t[1][3] == expected("NL01", "jeugdhulp", "2023"));            // filled from the endpoint
  CHECK(t[2][1] == expected("GM0546", "residentieel", "2023"));       // an indicator only the endpoint has
  CHECK_THAT(doc.bodyText(), Catch::Contains("Bronnen: Gemeente Leiden, eigen registratie, opgehaald 20 november 2026; "
                                             "aangevuld met " +
                                             demo().source.name));
}

TEST_CASE("Sources: CBS StatLine (OData v4) first, the bundled data filling the rest", "[endpoint][sources][cbs]") {
  const fs::path dir = outputDir("cbs");
  FakeCbs cbs({RAADSBRIEF_CBS_FIXTURES, "85098NED"});
  const fs::path odt = dir / "leiden-2021.odt";
  const RunResult r = cli({"generate", "--template", "raadsinformatiebrief", "--municipality", "Leiden", "--period",
                           "2021", "--source", cbs.url(), "--source", "bundled", "--output", odt.string()},
                          cacheEnv(dir));
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  const OdfDocument doc(odt);
  const Table t = doc.table("Raadsbrief_tabel_1");
  std::map<std::string, std::vector<std::string>> rows;
  for (const auto& row : t) rows[row[0]] = row;
  REQUIRE(rows.count("Jongeren met jeugdhulp") == 1);
  CHECK(rows["Jongeren met jeugdhulp"][1] == "12,3%");  // CBS's figure, not the demo data's
  CHECK(expected("GM0546", "jeugdhulp", "2021") != "12,3%");
  // The region is Holland Rijnland from the reference data (JZ18); this table has no row for it and
  // the demo data's region (JR0001) is another region: no figure, never one computed or borrowed.
  REQUIRE(t[0].size() >= 3);
  CHECK(t[0][2] == "Holland Rijnland");
  CHECK(rows["Jongeren met jeugdhulp"][2] == "\u2013");
  CHECK(rows["Jongeren met jeugdreclassering"][1] == "\u2013");  // suppressed at CBS stays suppressed
  CHECK(rows["Cliënttevredenheid"][1] == expected("GM0546", "clienttevredenheid", "2021"));  // not in CBS
  CHECK_THAT(doc.bodyText(), Catch::Contains("Bronnen: CBS StatLine, tabel 85098NED") &&
                                 Catch::Contains("aangevuld met " + demo().source.name));
}

TEST_CASE("Sources: municipalities from a CBS v4 catalog, names without suffix, with their youth-care region",
          "[endpoint][sources][cbs][list]") {
  const fs::path dir = outputDir("cbs-catalog-list");
  FakeCbs cbs({"--catalog"});
  REQUIRE_THAT(cbs.url(), Catch::EndsWith("/odata/v1/CBS"));
  const RunResult r = cli({"municipalities", "--source", cbs.url()}, cacheEnv(dir));
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  // The replay has 18 municipalities (one or more per region of regions.md, and Groningen).
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 18);
  CHECK_THAT(r.out, Catch::Contains("GM0546\tLeiden\tHolland Rijnland\n"));
  CHECK_THAT(r.out, Catch::Contains("GM0518\t's-Gravenhage\tHaaglanden\n"));   // "(gemeente)" stripped
  CHECK_THAT(r.out, Catch::Contains("GM0626\tVoorschoten\tHaaglanden\n"));     // H10, not Holland Rijnland
  CHECK_THAT(r.out, Catch::Contains("GM0392\tHaarlem\tZuid Kennemerland\n"));  // CBS's own JZ row
  CHECK_THAT(r.out, Catch::Contains("GM0363\tAmsterdam\tAmsterdam-Amstelland\n"));
  CHECK_THAT(r.out, Catch::Contains("GM0479\tZaanstad\tZaanstreek-Waterland\n"));
  CHECK_THAT(r.out, Catch::Contains("GM0014\tGroningen\tGroningen\n"));  // from the reference data alone
  CHECK(r.out.find("(gemeente)") == std::string::npos);
  CHECK(r.out.find("(JZ)") == std::string::npos);
  CHECK(r.out.find("PV2") == std::string::npos);
}

TEST_CASE("Sources: a template of figures CBS has, made from the v4 catalog alone for a municipality of each region",
          "[endpoint][sources][cbs]") {
  const fs::path dir = outputDir("cbs-catalog-generate");
  FakeCbs cbs({"--catalog"});

  // A template of our own: the column's styles, a body of only the figures CBS's tables have.
  const std::string body =
      R"(<office:text><text:p text:style-name="Raadsbrief_Tekst">GEMEENTE={{gemeente}}|REGIO={{jeugdregio}}|</text:p>
<text:p text:style-name="Raadsbrief_Tekst">A={{cijfer jeugdhulp}}|B={{cijfer jeugdhulp regio=jeugdregio}}|C={{cijfer jeugdhulp regio=nederland}}|</text:p>
<text:p text:style-name="Raadsbrief_Tekst">D={{cijfer jeugdbescherming_verblijf}}|E={{cijfer trajecten_begonnen_huisarts}}|F={{cijfer trajecten_herhaald regio=jeugdregio}}|</text:p>
<text:p text:style-name="Raadsbrief_Tekst">{{bron}}</text:p>)";
  const fs::path ott = templateWithBody(dir, body);

  // What the documents must say: the replay read by the core itself.
  sources::LoadOptions options;
  options.bundledDataset = RAADSBRIEF_DEMO_DATASET;
  const sources::Loaded loaded = sources::load(sources::parseSource(cbs.url()), options);
  const model::Dataset& ds = *loaded.dataset;
  const auto want = [&](const std::string& region, const std::string& indicator) {
    return text::formatObservation(ds.observation(region, indicator, "2023"), *ds.findIndicator(indicator));
  };

  for (const auto& [code, name, region, regionName] :
       std::vector<std::tuple<std::string, std::string, std::string, std::string>>{
           {"GM0546", "Leiden", "JZ18", "Holland Rijnland"},
           {"GM0626", "Voorschoten", "JZ24", "Haaglanden"},
           {"GM0518", "'s-Gravenhage", "JZ24", "Haaglanden"},
           {"GM0392", "Haarlem", "JZ11", "Zuid Kennemerland"},
           {"GM0363", "Amsterdam", "JZ13", "Amsterdam-Amstelland"},
           {"GM0479", "Zaanstad", "JZ09", "Zaanstreek-Waterland"},
           {"GM0014", "Groningen", "JZ01", "Groningen"}}) {
    INFO(name);
    const fs::path odt = dir / (code + ".odt");
    const RunResult r = cli({"generate", "--template", ott.string(), "--municipality", name, "--period", "2023",
                             "--source", cbs.url(), "--output", odt.string()},
                            cacheEnv(dir));
    INFO("stderr: " << r.err);
    REQUIRE(r.exitCode == 0);
    const std::string text = OdfDocument(odt).bodyText();
    CHECK_THAT(text, Catch::Contains("GEMEENTE=" + name + "|REGIO=" + regionName + "|"));
    CHECK_THAT(text, Catch::Contains("A=" + want(code, "jeugdhulp") + "|B=" + want(region, "jeugdhulp") +
                                     "|C=" + want("NL01", "jeugdhulp") + "|"));
    CHECK_THAT(text, Catch::Contains("D=" + want(code, "jeugdbescherming_verblijf") +
                                     "|E=" + want(code, "trajecten_begonnen_huisarts") +
                                     "|F=" + want(region, "trajecten_herhaald") + "|"));
    CHECK_THAT(text, Catch::Contains("Bronnen: CBS StatLine, tabel 85098NED"));  // and 85097NED
    CHECK(text.find("Voorbeeldcijfers") == std::string::npos);
  }
  // Figures, not dashes, where CBS has them; a region without a CBS row has none.
  CHECK(want("JZ24", "jeugdhulp") != text::kNoFigure);
  CHECK(want("JZ01", "jeugdhulp") == text::kNoFigure);
}

TEST_CASE("Sources: the four CBS tables of the v4 catalog and the derived costs, in a document",
          "[endpoint][sources][cbs][derived]") {
  const fs::path dir = outputDir("cbs-catalog-derived");
  FakeCbs cbs({"--catalog", "--tables", "85098NED,85097NED,85099NED,83454NED"});
  // A short template: new referrers, 85099NED, 83454NED, and the derived figures in optional parts.
  const std::string body =
      R"(<office:text><text:p text:style-name="Raadsbrief_Tekst">GEMEENTE={{gemeente}}|</text:p>
<text:p text:style-name="Raadsbrief_Tekst">A={{cijfer trajecten_begonnen_jeugdarts}}|B={{cijfer trajecten_rechter}}|C={{cijfer trajecten_geen_verwijzer}}|</text:p>
<text:p text:style-name="Raadsbrief_Tekst">D={{cijfer jongeren_wijkteam}}|E={{cijfer jongeren_jeugdhulp_met_verblijf}}|F={{cijfer kosten_jeugdzorg}}|</text:p>
<text:p text:style-name="Raadsbrief_Tekst">{{als cijfer kosten_per_jongere}}J={{cijfer kosten_per_jongere}}|{{einde}}</text:p>
<text:p text:style-name="Raadsbrief_Tekst">{{als cijfer kosten_per_traject}}K={{cijfer kosten_per_traject}}|{{einde}}</text:p>
<text:p text:style-name="Raadsbrief_Tekst">{{bron}}</text:p>)";
  const fs::path ott = templateWithBody(dir, body);

  sources::LoadOptions options;
  options.bundledDataset = RAADSBRIEF_DEMO_DATASET;
  const sources::Loaded loaded = sources::load(sources::parseSource(cbs.url()), options);
  const model::Dataset& ds = *loaded.dataset;
  const auto want = [&](const std::string& region, const std::string& indicator) {
    return text::formatObservation(ds.observation(region, indicator, "2023"), *ds.findIndicator(indicator));
  };
  for (const char* id : {"trajecten_begonnen_jeugdarts", "jongeren_wijkteam", "kosten_jeugdzorg", "kosten_per_jongere",
                         "kosten_per_traject"})
    REQUIRE(ds.findIndicator(id));

  int made = 0, dropped = 0;
  for (const auto& [code, name] : std::vector<std::pair<std::string, std::string>>{{"GM0546", "Leiden"},
                                                                                   {"GM0626", "Voorschoten"},
                                                                                   {"GM0518", "'s-Gravenhage"},
                                                                                   {"GM0392", "Haarlem"},
                                                                                   {"GM0363", "Amsterdam"},
                                                                                   {"GM0479", "Zaanstad"},
                                                                                   {"GM0014", "Groningen"}}) {
    INFO(name);
    const fs::path odt = dir / (code + ".odt");
    const RunResult r = cli({"generate", "--template", ott.string(), "--municipality", name, "--period", "2023",
                             "--source", cbs.url(), "--output", odt.string()},
                            cacheEnv(dir));
    INFO("stderr: " << r.err);
    REQUIRE(r.exitCode == 0);
    const std::string text = OdfDocument(odt).bodyText();
    CHECK_THAT(text, Catch::Contains("A=" + want(code, "trajecten_begonnen_jeugdarts") +
                                     "|B=" + want(code, "trajecten_rechter") +
                                     "|C=" + want(code, "trajecten_geen_verwijzer") + "|"));
    CHECK_THAT(text, Catch::Contains("D=" + want(code, "jongeren_wijkteam") +
                                     "|E=" + want(code, "jongeren_jeugdhulp_met_verblijf") +
                                     "|F=" + want(code, "kosten_jeugdzorg") + "|"));
    for (const auto& [id, mark] :
         std::vector<std::pair<std::string, std::string>>{{"kosten_per_jongere", "J="}, {"kosten_per_traject", "K="}}) {
      if (ds.observation(code, id, "2023").hasValue()) {
        ++made;
        CHECK_THAT(text, Catch::Contains(mark + want(code, id) + "|"));
      } else {  // never from a suppressed cell: the optional part is left out, and the user told
        ++dropped;
        CHECK(text.find(mark) == std::string::npos);
        CHECK_THAT(r.err, Catch::Contains("weggelaten"));
      }
    }
    // The document says the derived figures are computed, by whom and from what; four tables and
    // the computed figures are several sources ("Bronnen", main's plan words).
    CHECK_THAT(text, Catch::Contains("Bronnen: CBS StatLine, tabel 85098NED"));
    CHECK_THAT(text, Catch::Contains("berekend door Raadsbrief: kosten per jongere = "));
  }
  CHECK(made > 0);
  CHECK(dropped > 0);
}

namespace {

/// One figure of the replay as CBS's endpoint serves it (not as the core reads it): the Value of
/// the one observation of that measure, region and CBS period code, in Dutch with one decimal.
std::string replayedPercent(const std::string& catalog, const std::string& table, const std::string& measure,
                            const std::string& region, const std::string& period) {
  const std::string filter = "Measure%20eq%20'" + measure + "'%20and%20RegioS%20eq%20'" + region +
                             "'%20and%20Perioden%20eq%20'" + period + "'";
  const RunResult r =
      run("/usr/bin/curl", {"-sS", "--noproxy", "*", catalog + "/" + table + "/Observations?$filter=" + filter});
  REQUIRE(r.exitCode == 0);
  std::smatch m;
  REQUIRE(std::regex_search(r.out, m, std::regex("\"Value\": ([0-9]+)\\.([0-9])[,}]")));
  return m[1].str() + "," + m[2].str() + "%";
}

}  // namespace

TEST_CASE("Sources: a document for a half-year and for the latest period from the v4 catalog",
          "[endpoint][sources][cbs][periods]") {
  const fs::path dir = outputDir("cbs-catalog-periods");
  FakeCbs cbs({"--catalog"});
  const fs::path ott = templateWithBody(
      dir,
      R"(<office:text><text:p text:style-name="Raadsbrief_Tekst">In {{periode}} kreeg {{cijfer jeugdhulp}} van de jongeren jeugdhulp.</text:p>
<text:p text:style-name="Raadsbrief_Tekst">K={{periode vorm=kort}}|C={{periode vorm=code}}|S={{periode status=ja}}|</text:p>
<text:p text:style-name="Raadsbrief_Tekst">O={{ontwikkeling jeugdhulp}}|</text:p>
<text:p text:style-name="Raadsbrief_Tekst">{{bron}}</text:p>)");
  // M001534 is "Jongeren met jeugdhulp in natura" in the replay's 85098NED.
  const auto generate = [&](const std::string& period, const std::string& name) {
    const fs::path odt = dir / (name + ".odt");
    const RunResult r = cli({"generate", "--template", ott.string(), "--municipality", "Leiden", "--period", period,
                             "--source", cbs.url(), "--output", odt.string()},
                            cacheEnv(dir));
    INFO("stderr: " << r.err);
    REQUIRE(r.exitCode == 0);
    return OdfDocument(odt).bodyText();
  };

  SECTION("--period 2023-H1: the half-year in words, its own figure, compared with half-years only") {
    const std::string text = generate("2023-H1", "halfjaar");
    const std::string figure = replayedPercent(cbs.url(), "85098NED", "M001534", "GM0546", "2023HJ01");
    CHECK(figure != replayedPercent(cbs.url(), "85098NED", "M001534", "GM0546", "2023JJ00"));
    CHECK_THAT(text,
               Catch::Contains("In het eerste halfjaar van 2023 kreeg " + figure + " van de jongeren jeugdhulp."));
    CHECK_THAT(text,
               Catch::Contains("K=1e halfjaar 2023|C=2023-H1|S=het eerste halfjaar van 2023 (voorlopige cijfers)|"));
    // The replay has no half-year before 2023: no comparison with the year 2022.
    CHECK_THAT(text,
               Catch::Contains("O=niet te volgen, omdat er geen cijfers van vóór het eerste halfjaar van 2023 zijn|"));
  }
  SECTION("--period 2023HJ01 (CBS's code) is the same half-year") {
    const std::string text = generate("2023HJ01", "cbs-code");
    CHECK_THAT(text, Catch::Contains("In het eerste halfjaar van 2023 kreeg " +
                                     replayedPercent(cbs.url(), "85098NED", "M001534", "GM0546", "2023HJ01")));
  }
  SECTION("--period latest: the year 2023 (it ends with 2023-H2 and is the fuller figure)") {
    const std::string text = generate("latest", "nieuwste");
    const std::string figure = replayedPercent(cbs.url(), "85098NED", "M001534", "GM0546", "2023JJ00");
    const std::string before = replayedPercent(cbs.url(), "85098NED", "M001534", "GM0546", "2022JJ00");
    CHECK_THAT(text, Catch::Contains("In 2023 kreeg " + figure + " van de jongeren jeugdhulp."));
    CHECK_THAT(text, Catch::Contains("K=2023|C=2023|S=2023 (voorlopige cijfers)|"));
    CHECK_THAT(text, Catch::Contains(" van " + before + " in 2022 naar " + figure + " in 2023|"));
    CHECK_THAT(text, Catch::Contains("** nader voorlopig cijfer (2022)"));
  }
}

TEST_CASE("Sources: a document never follows a trend across CBS's 2021 break", "[sources][periods][break]") {
  const fs::path dir = outputDir("trendbreuk");
  // Figures in the dataset format as a CBS export writes them: one series from 2021 on.
  const fs::path figures = dir / "cbs-export.json";
  std::ofstream(figures) << R"({"format": "raadsbrief-dataset", "version": 1,
    "source": {"name": "CBS StatLine", "retrieved": "2026-11-20"},
    "periods": [{"id": "2019", "status": "definitief"}, {"id": "2020", "status": "definitief"},
                {"id": "2021", "status": "definitief"}, {"id": "2022", "status": "nader voorlopig"}],
    "indicators": [{"id": "jeugdhulp", "label": "Jongeren met jeugdhulp", "unit": "percent", "decimals": 1,
                    "direction": "neutral", "series_start": "2021"}],
    "regions": [{"code": "NL01", "name": "Nederland", "kind": "land"},
                {"code": "GM0546", "name": "Leiden", "kind": "gemeente"}],
    "observations": {"NL01": {"jeugdhulp": {"2019": 10.0, "2020": 10.2, "2021": 12.0, "2022": 12.4}},
                     "GM0546": {"jeugdhulp": {"2019": 9.0, "2020": 9.5, "2021": 11.0, "2022": 11.5}}}})";
  const fs::path ott = templateWithBody(
      dir,
      R"(<office:text><text:p text:style-name="Raadsbrief_Tekst">O={{ontwikkeling jeugdhulp}}|V={{ontwikkeling jeugdhulp van=2019}}|</text:p>
<text:p text:style-name="Raadsbrief_Tekst">{{tabel ontwikkeling jeugdhulp}}</text:p>)");
  const fs::path odt = dir / "leiden.odt";
  const RunResult r = cli({"generate", "--template", ott.string(), "--municipality", "Leiden", "--period", "2022",
                           "--source", figures.string(), "--output", odt.string()},
                          cacheEnv(dir));
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  const std::string text = OdfDocument(odt).bodyText();
  CHECK_THAT(text, Catch::Contains("O=gestegen van 11,0% in 2021 naar 11,5% in 2022|"));
  CHECK_THAT(text, Catch::Contains(
                       "V=niet te vergelijken met 2019, omdat CBS de cijfers sinds 2021 anders telt (trendbreuk)|"));
  // The trend table starts at 2021, says why, and marks 2022 as nader voorlopig.
  CHECK_THAT(text, Catch::Contains("Cijfers van vóór 2021 staan er niet in") && Catch::Contains("2022**") &&
                       Catch::Contains("** nader voorlopig cijfer."));
  CHECK(text.find("2019") == text.rfind("2019"));  // only in V=…, never as a table column
  CHECK(text.find("9,5") == std::string::npos);    // no 2020 figure anywhere
}
