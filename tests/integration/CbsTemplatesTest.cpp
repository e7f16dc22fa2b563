// Every shipped template from CBS StatLine alone: the v4 catalog replay (fake_cbs.py --catalog) for a
// municipality of each youth-care region of regions.md, and a v3 single-table source (85098NED over
// ODataApi, fake_cbs.py --v3). Each document must be made (exit 0), list on stderr what it left out,
// read without template markers or "niet beschikbaar" in running text, and hold the replayed figures
// in its text, tables and charts.
#include <catch2/catch.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <tuple>
#include <vector>

#include "OdfDocument.hpp"
#include "TestSupport.hpp"
#include "sources/Source.hpp"
#include "text/DutchFormat.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;
using namespace raadsbrief::test;

namespace {

struct Place {
  std::string code, name, region, regionName;
};

/// A municipality of each region of regions.md (Voorschoten: Haaglanden for youth care).
const std::vector<Place> kPlaces{{"GM0546", "Leiden", "JZ18", "Holland Rijnland"},
                                 {"GM0626", "Voorschoten", "JZ24", "Haaglanden"},
                                 {"GM0392", "Haarlem", "JZ11", "Zuid Kennemerland"},
                                 {"GM0363", "Amsterdam", "JZ13", "Amsterdam-Amstelland"},
                                 {"GM0479", "Zaanstad", "JZ09", "Zaanstreek-Waterland"}};

/// The four indicators of CBS's 85098NED the templates' comparison tables show (the other two of
/// their lists, kosten_per_traject and clienttevredenheid, are not in CBS and are left out).
const std::vector<std::string> kTableIndicators{"jeugdhulp", "residentieel", "jeugdbescherming", "jeugdreclassering"};

/// The replay as the core reads it: what the documents must say.
class Expected {
 public:
  explicit Expected(const std::string& url) {
    sources::LoadOptions options;
    options.bundledDataset = RAADSBRIEF_DEMO_DATASET;
    loaded_ = sources::load(sources::parseSource(url), options);
  }
  [[nodiscard]] const model::Dataset& ds() const { return *loaded_.dataset; }
  [[nodiscard]] std::string text(const std::string& region, const std::string& indicator,
                                 const std::string& period = "2023") const {
    return text::formatObservation(ds().observation(region, indicator, period), *ds().findIndicator(indicator));
  }
  [[nodiscard]] model::Observation obs(const std::string& region, const std::string& indicator,
                                       const std::string& period = "2023") const {
    return ds().observation(region, indicator, period);
  }

 private:
  sources::Loaded loaded_;
};

std::map<std::string, std::string> cacheEnv(const fs::path& dir) {
  return {{"XDG_CACHE_HOME", (dir / "cache").string()}};
}

/// Makes one document; it must be made, with what was left out on stderr.
OdfDocument make(const std::string& url, const std::string& templ, const Place& place, const fs::path& dir) {
  const fs::path odt = dir / (templ + "-" + place.code + ".odt");
  const RunResult r = cli({"generate", "--template", templ, "--municipality", place.name, "--period", "2023",
                           "--source", url, "--output", odt.string()},
                          cacheEnv(dir));
  INFO(templ << " for " << place.name << "; stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  // CBS has no client satisfaction: every template leaves it out and says so.
  CHECK_THAT(r.err, Catch::Contains("raadsbrief: weggelaten: de ") && Catch::Contains("over cli\u00ebnttevredenheid"));
  CHECK(r.err.find("fout") == std::string::npos);
  OdfDocument doc(odt);
  std::string body = doc.bodyText();
  CHECK(doc.contentXml().find("{{") == std::string::npos);
  CHECK(body.find("Voorbeeldcijfers") == std::string::npos);
  // "niet beschikbaar" only in the legend under a table or chart, never in running text (the region
  // table and chart name the members the small replay lacks).
  for (const std::string legend :
       {"geheim (te klein om te publiceren) of niet beschikbaar", "\u2013 = cijfer niet beschikbaar in de bron",
        ": cijfer niet beschikbaar in de bron."})
    for (auto at = body.find(legend); at != std::string::npos; at = body.find(legend)) body.erase(at, legend.size());
  CHECK(body.find("niet beschikbaar") == std::string::npos);
  CHECK(body.find("Niet beschikbaar") == std::string::npos);
  // The source note names the tables read for this document, 85098NED first: from a catalog only
  // those of its fields (one table for a template of 85098NED's figures alone, "Bron"), a single
  // v3 table is one.
  CHECK_THAT(body, Catch::Contains("Bron: CBS StatLine, tabel 85098NED") ||
                       Catch::Contains("Bronnen: CBS StatLine, tabel 85098NED"));
  return doc;
}

double number(const std::string& s) {
  INFO("chart cell '" << s << "'");
  REQUIRE_FALSE(s.empty());
  return std::stod(s);
}

/// A chart cell against a replayed figure: the value, or a gap where the figure is secret/missing.
void checkChartCell(const std::string& cell, const model::Observation& o) {
  INFO("chart cell '" << cell << "'");
  if (o.hasValue()) CHECK(number(cell) == Approx(o.value));
  else CHECK((cell.empty() || cell == "NaN" || std::isnan(std::stod(cell))));
}

/// `{{tabel vergelijking indicatoren=…}}`: the four CBS indicators, municipality, region, NL.
void checkComparisonTable(const Table& t, const Place& p, const Expected& e) {
  REQUIRE(t.size() == kTableIndicators.size() + 1);
  CHECK(t[0] == std::vector<std::string>{"Indicator", p.name, p.regionName, "Nederland", "Verschil met Nederland"});
  for (std::size_t i = 0; i < kTableIndicators.size(); ++i) {
    const auto& id = kTableIndicators[i];
    INFO(id);
    REQUIRE(t[i + 1].size() == 5);
    CHECK(t[i + 1][0] == e.ds().findIndicator(id)->label);
    CHECK(t[i + 1][1] == e.text(p.code, id));
    CHECK(t[i + 1][2] == e.text(p.region, id));
    CHECK(t[i + 1][3] == e.text("NL01", id));
  }
}

/// `{{grafiek vergelijking indicatoren=jeugdhulp,residentieel,jeugdbescherming}}`.
void checkComparisonChart(const ChartData& bar, const Place& p, const Expected& e) {
  CHECK(bar.chartClass == "chart:bar");
  REQUIRE(bar.cells.size() == 4);
  CHECK(bar.cells[0][1] == p.name);
  CHECK(bar.cells[0][2] == p.regionName);
  CHECK(bar.cells[0][3] == "Nederland");
  const std::vector<std::string> regions{p.code, p.region, "NL01"};
  for (std::size_t r = 0; r < 3; ++r)
    for (std::size_t c = 0; c < 3; ++c) checkChartCell(bar.cells[r + 1][c + 1], e.obs(regions[c], kTableIndicators[r]));
}

/// `{{grafiek ontwikkeling jeugdhulp}}`: the replay's years (2021–2023: the trend starts after the break).
void checkTrendChart(const ChartData& line, const Place& p, const Expected& e) {
  CHECK(line.chartClass == "chart:line");
  const std::vector<std::string> years{"2021", "2022", "2023"};
  REQUIRE(line.cells.size() == years.size() + 1);
  const std::vector<std::string> regions{p.code, p.region, "NL01"};
  for (std::size_t y = 0; y < years.size(); ++y) {
    CHECK(line.cells[y + 1][0].substr(0, 4) == years[y]);
    for (std::size_t c = 0; c < 3; ++c)
      checkChartCell(line.cells[y + 1][c + 1], e.obs(regions[c], "jeugdhulp", years[y]));
  }
}

/// A count as running text writes it: 0..20 in words, else digits ("drie", "1.235").
std::string countText(const Expected& e, const std::string& region, const std::string& indicator) {
  return text::formatCountInText(e.obs(region, indicator).value, 0);
}

/// A figure as the B1 news item writes it (vorm=afgerond): "12 procent", "1.200".
std::string rounded(const Expected& e, const std::string& region, const std::string& indicator) {
  const model::Observation o = e.obs(region, indicator);
  return o.hasValue() ? text::formatRounded(o.value, e.ds().findIndicator(indicator)->unit) : text::kNoFigure;
}

/// The parts about CBS's trajectories (85097NED): in the document exactly when the municipality
/// has the figures they need (not secret, not missing), with the replayed figures.
void checkTrajectoryParts(const std::string& templ, const std::string& body, const Place& p, const Expected& e) {
  const auto has = [&](std::initializer_list<const char*> ids) {
    return std::all_of(ids.begin(), ids.end(), [&](const char* id) {
      return e.ds().findIndicator(id) != nullptr && e.obs(p.code, id).hasValue();
    });
  };
  const auto expect = [&](bool present, const std::string& sentence) {
    INFO(templ << ": '" << sentence << "' " << (present ? "present" : "absent"));
    CHECK((body.find(sentence) != std::string::npos) == present);
  };
  const auto n = [&](const char* id) { return has({id}) ? countText(e, p.code, id) : std::string("?"); };
  const auto r = [&](const char* id) { return rounded(e, p.code, id); };
  if (templ == "raadsinformatiebrief") {
    expect(has({"trajecten_begonnen"}), "Instroom\n");
    expect(has({"trajecten_begonnen"}),
           "In 2023 begonnen in " + p.name + " " + n("trajecten_begonnen") + " jeugdhulptrajecten; dat aantal is ");
    expect(has({"trajecten_begonnen", "trajecten_nieuw"}), "Daarvan waren er " + n("trajecten_nieuw") + " nieuw");
    expect(has({"trajecten_begonnen", "trajecten_herhaald"}),
           "Bij " + n("trajecten_herhaald") + " trajecten ging het om herhaald beroep");
    expect(has({"trajecten_begonnen", "trajecten_begonnen_huisarts"}),
           "Van de " + n("trajecten_begonnen") + " begonnen trajecten kwamen er " + n("trajecten_begonnen_huisarts") +
               " via de huisarts");
    expect(has({"trajecten_begonnen", "trajecten_begonnen_gemeentelijke_toegang"}),
           "begonnen er " + n("trajecten_begonnen_gemeentelijke_toegang") + " van de " + n("trajecten_begonnen") +
               "; dat aantal is");
    expect(has({"trajecten_beeindigd"}), "In 2023 eindigden " + n("trajecten_beeindigd") + " jeugdhulptrajecten.");
    expect(has({"trajecten_beeindigd", "trajecten_volgens_plan"}),
           "Daarvan werden er " + n("trajecten_volgens_plan") + " volgens plan afgesloten");
    expect(has({"trajecten_beeindigd", "trajecten_voortijdig"}),
           "Voortijdig afgesloten werden " + n("trajecten_voortijdig") + " trajecten");
    expect(has({"trajecten_beeindigd", "trajecten_duur"}), "duurde gemiddeld " + n("trajecten_duur") + " dagen");
    expect(has({"trajecten_beeindigd", "trajecten_volgens_plan"}),
           "Van de " + n("trajecten_beeindigd") + " trajecten die eindigden, werden er " + n("trajecten_volgens_plan") +
               " volgens plan afgesloten.");
    expect(has({"jeugdbescherming_verblijf"}),
           "Van de jongeren met jeugdbescherming kreeg " +
               (has({"jeugdbescherming_verblijf"}) ? e.text(p.code, "jeugdbescherming_verblijf") : "?") + " ook");
  } else if (templ == "raadsbrief") {
    expect(has({"trajecten_begonnen"}), "Er begonnen " + n("trajecten_begonnen") + " jeugdhulptrajecten");
    expect(has({"trajecten_begonnen", "trajecten_begonnen_huisarts"}),
           "Van die " + n("trajecten_begonnen") + " trajecten kwamen er " + n("trajecten_begonnen_huisarts") +
               " via de huisarts");
    expect(has({"trajecten_begonnen", "trajecten_begonnen_huisarts", "trajecten_begonnen_gemeentelijke_toegang"}),
           " en " + n("trajecten_begonnen_gemeentelijke_toegang") + " via de gemeentelijke toegang");
    expect(has({"trajecten_beeindigd", "trajecten_volgens_plan"}),
           "werden er " + n("trajecten_volgens_plan") + " volgens plan afgesloten");
  } else if (templ == "column") {
    expect(has({"trajecten_begonnen", "trajecten_begonnen_huisarts", "trajecten_begonnen_gemeentelijke_toegang"}),
           "Van de " + n("trajecten_begonnen") + " trajecten die in 2023 begonnen, kwamen er " +
               n("trajecten_begonnen_huisarts") + " via de huisarts en " +
               n("trajecten_begonnen_gemeentelijke_toegang") + " via ons wijkteam.");
    expect(has({"trajecten_beeindigd", "trajecten_volgens_plan"}),
           "van de " + n("trajecten_beeindigd") + " trajecten die eindigden, werden er " + n("trajecten_volgens_plan"));
  } else if (templ == "nieuwsbericht") {
    expect(has({"trajecten_begonnen"}),
           "In 2023 begon in " + p.name + " " + r("trajecten_begonnen") + " keer een nieuwe periode van hulp.");
    expect(has({"trajecten_begonnen", "trajecten_begonnen_huisarts"}),
           "De huisarts stuurde " + r("trajecten_begonnen_huisarts") + " keer door.");
    expect(has({"trajecten_begonnen", "trajecten_begonnen_gemeentelijke_toegang"}),
           "Het wijkteam deed dat " + r("trajecten_begonnen_gemeentelijke_toegang") + " keer.");
    expect(has({"trajecten_beeindigd", "trajecten_volgens_plan"}),
           "In 2023 stopte de hulp " + r("trajecten_beeindigd") + " keer.");
  }
  // Never a dash where a trajectory figure would be: a part without its figure is left out.
  CHECK(body.find(" \u2013 jeugdhulptrajecten") == std::string::npos);
}

/// Whether the memo has the trajectory table, whatever its number (the region table after it takes
/// number 2 when it is left out).
bool hasTrajectoryTable(const OdfDocument& doc) {
  for (int i = 1; i <= 6; ++i) {
    try {
      for (const auto& row : doc.table("Raadsbrief_tabel_" + std::to_string(i)))
        if (!row.empty() && row[0].find("Begonnen jeugdhulptrajecten") != std::string::npos) return true;
    } catch (const std::exception&) {
      // no table of that number
    }
  }
  return false;
}

/// `{{tabel vergelijking indicatoren=trajecten_begonnen,… met=geen}}` of the memo: the counts of
/// the municipality, its region and the Netherlands, without a difference column.
void checkTrajectoryTable(const OdfDocument& doc, const Place& p, const Expected& e) {
  const Table t = doc.table("Raadsbrief_tabel_2");
  REQUIRE(t.size() == 6);
  CHECK(t[0] == std::vector<std::string>{"Indicator", p.name, p.regionName, "Nederland"});
  const std::vector<std::string> ids{"trajecten_begonnen", "trajecten_nieuw", "trajecten_herhaald",
                                     "trajecten_begonnen_huisarts", "trajecten_begonnen_gemeentelijke_toegang"};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    INFO(ids[i]);
    REQUIRE(t[i + 1].size() == 4);
    CHECK(t[i + 1][0] == e.ds().findIndicator(ids[i])->label);
    CHECK(t[i + 1][1] == e.text(p.code, ids[i]));
    CHECK(t[i + 1][2] == e.text(p.region, ids[i]));
    CHECK(t[i + 1][3] == e.text("NL01", ids[i]));
  }
}

/// What the raw replay holds for one cell of 85098NED, asked over plain HTTP (not through the core's
/// CBS reader): a second opinion on the expected values.
std::string rawCell(const std::string& catalogUrl, const std::string& measure, const std::string& region,
                    const std::string& period) {
  const Poco::URI uri(catalogUrl);
  Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
  Poco::URI target(catalogUrl + "/85098NED/Observations");
  target.addQueryParameter(
      "$filter", "Measure eq '" + measure + "' and RegioS eq '" + region + "' and Perioden eq '" + period + "'");
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, target.getPathAndQuery());
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  REQUIRE(response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK);
  const auto answer = Poco::JSON::Parser().parse(in).extract<Poco::JSON::Object::Ptr>();
  const auto rows = answer->getArray("value");
  REQUIRE(rows->size() == 1);
  const auto row = rows->getObject(0);
  if (row->isNull("Value")) return "";
  return row->get("Value").toString();
}

}  // namespace

TEST_CASE("CBS templates: the replay's figures are what CBS serves (second opinion over plain HTTP)",
          "[cbs][templates]") {
  BackgroundServer cbs("/usr/bin/python3", {RAADSBRIEF_FAKE_CBS, "--catalog"});
  const Expected e(cbs.url());
  // M001534 = Jongeren met jeugdhulp in natura, in the replay's MeasureCodes.
  for (const auto& p : kPlaces) {
    INFO(p.name);
    const std::string raw = rawCell(cbs.url(), "M001534", p.code, "2023JJ00");
    const model::Observation o = e.obs(p.code, "jeugdhulp");
    if (raw.empty()) CHECK_FALSE(o.hasValue());
    else CHECK(o.value == Approx(std::stod(raw)));
  }
  CHECK(e.obs("JZ24", "jeugdhulp").value == Approx(std::stod(rawCell(cbs.url(), "M001534", "JZ24  ", "2023JJ00"))));
}

TEST_CASE("CBS templates: raadsinformatiebrief from the v4 catalog alone, a municipality of each region",
          "[cbs][templates]") {
  const fs::path dir = outputDir("cbs-templates-rib");
  BackgroundServer cbs("/usr/bin/python3", {RAADSBRIEF_FAKE_CBS, "--catalog"});
  const Expected e(cbs.url());
  for (const auto& p : kPlaces) {
    INFO(p.name);
    const OdfDocument doc = make(cbs.url(), "raadsinformatiebrief", p, dir);
    const std::string body = doc.bodyText();
    CHECK_THAT(body, Catch::Contains("In 2023 kreeg " + e.text(p.code, "jeugdhulp") + " van de jongeren in " + p.name));
    CHECK_THAT(body, Catch::Contains("de jeugdregio " + p.regionName));
    CHECK_THAT(body, Catch::Contains("In " + p.name + " had " + e.text(p.code, "jeugdreclassering") +
                                     " van de jongeren van 12 tot en met 22 jaar"));
    checkComparisonTable(doc.table("Raadsbrief_tabel_1"), p, e);
    checkComparisonChart(doc.chart("Raadsbrief_grafiek_1"), p, e);
    checkTrendChart(doc.chart("Raadsbrief_grafiek_2"), p, e);
    CHECK(body.find("2019") == std::string::npos);  // the comparison with 2019 (before CBS's break) left out
    checkTrajectoryParts("raadsinformatiebrief", body, p, e);
    if (e.obs(p.code, "trajecten_begonnen").hasValue()) checkTrajectoryTable(doc, p, e);
    else CHECK_FALSE(hasTrajectoryTable(doc));
  }
}

TEST_CASE("CBS templates: raadsbrief from the v4 catalog alone, a municipality of each region", "[cbs][templates]") {
  const fs::path dir = outputDir("cbs-templates-raadsbrief");
  BackgroundServer cbs("/usr/bin/python3", {RAADSBRIEF_FAKE_CBS, "--catalog"});
  const Expected e(cbs.url());
  for (const auto& p : kPlaces) {
    INFO(p.name);
    const OdfDocument doc = make(cbs.url(), "raadsbrief", p, dir);
    CHECK_THAT(doc.bodyText(), Catch::Contains("In 2023 kreeg " + e.text(p.code, "jeugdhulp") + " van de jongeren in " +
                                               p.name + " jeugdhulp"));
    checkComparisonTable(doc.table("Raadsbrief_tabel_1"), p, e);
    checkTrajectoryParts("raadsbrief", doc.bodyText(), p, e);
  }
}

TEST_CASE("CBS templates: column from the v4 catalog alone, a municipality of each region", "[cbs][templates]") {
  const fs::path dir = outputDir("cbs-templates-column");
  BackgroundServer cbs("/usr/bin/python3", {RAADSBRIEF_FAKE_CBS, "--catalog"});
  const Expected e(cbs.url());
  for (const auto& p : kPlaces) {
    INFO(p.name);
    const OdfDocument doc = make(cbs.url(), "column", p, dir);
    const std::string body = doc.bodyText();
    CHECK_THAT(body, Catch::Contains("In 2023 kreeg " + e.text(p.code, "jeugdhulp") + " van de jongeren in " + p.name));
    CHECK_THAT(body, Catch::Contains("tegen " + e.text("NL01", "jeugdreclassering") + ")"));
    checkTrendChart(doc.chart("Raadsbrief_grafiek_1"), p, e);
    checkTrajectoryParts("column", body, p, e);
  }
}

TEST_CASE("CBS templates: nieuwsbericht from the v4 catalog alone, a municipality of each region", "[cbs][templates]") {
  const fs::path dir = outputDir("cbs-templates-nieuws");
  BackgroundServer cbs("/usr/bin/python3", {RAADSBRIEF_FAKE_CBS, "--catalog"});
  const Expected e(cbs.url());
  for (const auto& p : kPlaces) {
    INFO(p.name);
    const OdfDocument doc = make(cbs.url(), "nieuwsbericht", p, dir);
    // Language level B1: rounded figures in the text ("12 procent"); the table keeps CBS's decimals.
    CHECK_THAT(doc.bodyText(),
               Catch::Contains("In 2023 kreeg " + rounded(e, p.code, "jeugdhulp") + " van de jongeren in " + p.name +
                               " jeugdhulp. In heel Nederland was dat " + rounded(e, "NL01", "jeugdhulp") + "."));
    checkTrajectoryParts("nieuwsbericht", doc.bodyText(), p, e);
    checkComparisonChart(doc.chart("Raadsbrief_grafiek_1"), p, e);
    // {{tabel ontwikkeling jeugdhulp jaren=3}}: municipality, region, Netherlands over 2021–2023.
    const Table t = doc.table("Raadsbrief_tabel_1");
    REQUIRE(t.size() == 4);
    const std::vector<std::tuple<std::string, std::string>> rows{
        {p.name, p.code}, {p.regionName, p.region}, {"Nederland", "NL01"}};
    for (std::size_t r = 0; r < rows.size(); ++r) {
      REQUIRE(t[r + 1].size() == 4);
      CHECK(t[r + 1][0] == std::get<0>(rows[r]));
      for (std::size_t y = 0; y < 3; ++y)
        CHECK(t[r + 1][y + 1] == e.text(std::get<1>(rows[r]), "jeugdhulp", std::to_string(2021 + y)));
    }
  }
}

TEST_CASE("CBS templates: every template from a v3 single table (85098NED over ODataApi), what is left out listed",
          "[cbs][templates][v3]") {
  const fs::path dir = outputDir("cbs-templates-v3");
  BackgroundServer cbs("/usr/bin/python3", {RAADSBRIEF_FAKE_CBS, "--v3"});
  REQUIRE_THAT(cbs.url(), Catch::EndsWith("/ODataApi/odata/85098NED"));
  const Expected e(cbs.url());
  CHECK(e.ds().findIndicator("trajecten") == nullptr);  // one table: no trajectories
  const Place zoetermeer{"GM0637", "Zoetermeer", "JZ24", "Haaglanden"};
  for (const auto& p : {zoetermeer, kPlaces[2]}) {
    INFO(p.name);
    const OdfDocument rib = make(cbs.url(), "raadsinformatiebrief", p, dir);
    checkComparisonTable(rib.table("Raadsbrief_tabel_1"), p, e);
    checkComparisonChart(rib.chart("Raadsbrief_grafiek_1"), p, e);
    checkTrendChart(rib.chart("Raadsbrief_grafiek_2"), p, e);
    const OdfDocument letter = make(cbs.url(), "raadsbrief", p, dir);
    checkComparisonTable(letter.table("Raadsbrief_tabel_1"), p, e);
    const OdfDocument column = make(cbs.url(), "column", p, dir);
    checkTrendChart(column.chart("Raadsbrief_grafiek_1"), p, e);
    const OdfDocument news = make(cbs.url(), "nieuwsbericht", p, dir);
    CHECK_THAT(news.bodyText(),
               Catch::Contains("In 2023 kreeg " + rounded(e, p.code, "jeugdhulp") + " van de jongeren in " + p.name));
    // No trajectories in one table: every part about them is left out, the rest is there.
    for (const auto* doc : {&rib, &letter, &column, &news}) {
      const std::string body = doc->bodyText();
      CHECK(body.find("via de huisarts") == std::string::npos);
      CHECK(body.find("volgens plan") == std::string::npos);
      CHECK(body.find("jeugdhulptrajecten") == std::string::npos);
    }
    checkTrajectoryParts("raadsinformatiebrief", rib.bodyText(), p, e);
    CHECK_FALSE(hasTrajectoryTable(rib));
  }
}
