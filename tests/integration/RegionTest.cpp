// The youth-care region as a whole, end to end: a template with {{tabel regio …}} and
// {{grafiek regio …}} made for Leiden (Holland Rijnland) and Amsterdam (Amsterdam-Amstelland) from
// the demo data; every cell and every bar compared with the dataset and the reference data's
// membership; then refreshed with newer figures.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "OdfDocument.hpp"
#include "TestSupport.hpp"
#include "data/DatasetReader.hpp"
#include "data/YouthCareRegions.hpp"
#include "text/DutchFormat.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;
using namespace raadsbrief::test;

namespace {

/// The test template: the memo template's styles with tests/integration/templates/regio-body.xml
/// as its whole text.
fs::path regionTemplate(const fs::path& dir) {
  const fs::path unpacked = dir / "sjabloon";
  fs::remove_all(unpacked);
  fs::create_directories(unpacked);
  REQUIRE(run("/usr/bin/unzip", {"-q", RAADSBRIEF_MEMO_OTT, "-d", unpacked.string()}).exitCode == 0);
  std::string content, body;
  {
    std::ifstream in(unpacked / "content.xml", std::ios::binary);
    content = slurp(in);
    std::ifstream bodyIn(RAADSBRIEF_REGION_TEMPLATE_BODY, std::ios::binary);
    body = slurp(bodyIn);
  }
  const auto from = content.find("<office:text>"), to = content.find("</office:text>");
  REQUIRE((from != std::string::npos && to != std::string::npos));
  content = content.substr(0, from) + "<office:text>" + body + content.substr(to);
  std::ofstream(unpacked / "content.xml", std::ios::binary) << content;
  const fs::path ott = dir / "regio.ott";
  fs::remove(ott);
  REQUIRE(run("/usr/bin/bash", {"-c", "cd '" + unpacked.string() + "' && zip -q -X -0 '" + ott.string() +
                                          "' mimetype && zip -q -X -r -9 '" + ott.string() + "' . -x mimetype"})
              .exitCode == 0);
  return ott;
}

const data::YouthCareRegions& reference() {
  static const data::YouthCareRegions regions =
      data::YouthCareRegions::read(data::youthCareRegionsFile(RAADSBRIEF_DEMO_DATASET));
  return regions;
}

/// The members of a youth-care region by the reference data, as (code, name), by name.
std::vector<std::pair<std::string, std::string>> members(const std::string& regionName) {
  const auto* region = reference().regionNamed(regionName);
  REQUIRE(region);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& m : reference().municipalities())
    if (m.regionCode == region->code) out.emplace_back(m.code, m.name);
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  return out;
}

/// A region table's cell as it must read: "geheim" for a suppressed figure, else as everywhere.
std::string cell(const model::Dataset& ds, const std::string& region, const std::string& indicator,
                 const std::string& period) {
  const auto o = ds.observation(region, indicator, period);
  if (o.state == model::Observation::State::Suppressed) return "geheim";
  return text::formatObservationCell(o, *ds.findIndicator(indicator));
}

double number(const std::string& s) {
  INFO("chart cell '" << s << "'");
  REQUIRE_FALSE(s.empty());
  return std::stod(s);
}

/// Checks the region table of `indicator`: members in `order`, then the region, then NL.
void checkTable(const Table& t, const model::Dataset& ds, const std::vector<std::pair<std::string, std::string>>& order,
                const std::string& regionCode, const std::string& indicator, const std::string& period,
                const std::string& periodHead) {
  REQUIRE(t.size() == order.size() + 3);
  CHECK(t[0] == std::vector<std::string>{"Gemeente", ds.findIndicator(indicator)->label + ", " + periodHead});
  for (std::size_t i = 0; i < order.size(); ++i) {
    CHECK(t[i + 1] == std::vector<std::string>{order[i].second, cell(ds, order[i].first, indicator, period)});
  }
  CHECK(t[order.size() + 1] == std::vector<std::string>{"Jeugdregio " + ds.findRegion(regionCode)->name,
                                                        cell(ds, regionCode, indicator, period)});
  CHECK(t[order.size() + 2] == std::vector<std::string>{"Nederland", cell(ds, "NL01", indicator, period)});
}

void checkDocument(const fs::path& odt, const std::string& municipality, std::size_t size) {
  const OdfDocument doc(odt);
  CHECK(doc.contentXml().find("{{") == std::string::npos);
  const auto& m = demo().municipality(municipality);
  const std::string regionCode = m.youthCareRegion;
  const std::string regionName = demo().findRegion(regionCode)->name;
  const auto byName = members(regionName);
  REQUIRE(byName.size() == size);

  // Table 1: every member by name, with the dataset's figure; the region's own row; NL.
  checkTable(doc.table("Raadsbrief_tabel_1"), demo(), byName, regionCode, "jeugdhulp", "2023",
             "2023 (voorlopige cijfers)");

  // Table 2: by value, highest first, a suppressed figure ("geheim") last.
  auto byValue = byName;
  std::stable_sort(byValue.begin(), byValue.end(), [](const auto& a, const auto& b) {
    const auto oa = demo().observation(a.first, "jeugdreclassering", "2023");
    const auto ob = demo().observation(b.first, "jeugdreclassering", "2023");
    if (oa.hasValue() != ob.hasValue()) return oa.hasValue();
    return oa.hasValue() && text::roundTo(oa.value, 2) > text::roundTo(ob.value, 2);
  });
  checkTable(doc.table("Raadsbrief_tabel_2"), demo(), byValue, regionCode, "jeugdreclassering", "2023",
             "2023 (voorlopige cijfers)");

  // The chart: one series, one bar per member, the region and NL, with the dataset's figures.
  const ChartData bar = doc.chart("Raadsbrief_grafiek_1");
  CHECK(bar.chartClass == "chart:bar");
  // Horizontal bars, the other members light, the country grey (docs/architecture.md).
  CHECK_THAT(bar.xml,
             Catch::Contains("chart:vertical=\"true\"") && Catch::Contains("#b4c7e7") && Catch::Contains("#a5a5a5"));
  REQUIRE(bar.cells.size() == size + 3);
  REQUIRE(bar.cells[0].size() == 2);
  CHECK(bar.cells[0][1] == "Jongeren met jeugdhulp");
  for (std::size_t i = 0; i < size; ++i) {
    CHECK(bar.cells[i + 1][0] == byName[i].second);
    CHECK(number(bar.cells[i + 1][1]) == Approx(demo().observation(byName[i].first, "jeugdhulp", "2023").value));
  }
  CHECK(bar.cells[size + 1][0] == "Jeugdregio " + regionName);
  CHECK(number(bar.cells[size + 1][1]) == Approx(demo().observation(regionCode, "jeugdhulp", "2023").value));
  CHECK(bar.cells[size + 2][0] == "Nederland");
  CHECK(number(bar.cells[size + 2][1]) == Approx(demo().observation("NL01", "jeugdhulp", "2023").value));
  CHECK_THAT(bar.description,
             Catch::Contains(byName.front().second + " " + expected(byName.front().first, "jeugdhulp", "2023")));

  const std::string body = doc.bodyText();
  CHECK_THAT(body, Catch::Contains("vergeleken met de andere gemeenten van de jeugdregio, in 2023 (voorlopige "
                                   "cijfers)."));
  CHECK_THAT(body, Catch::Contains("Bron: " + demo().source.name + " (voorbeeldcijfers), 2023*"));
}

}  // namespace

TEST_CASE("Region: the region table and chart for Holland Rijnland and Amsterdam-Amstelland", "[generate][region]") {
  const fs::path dir = outputDir("region");
  const fs::path ott = regionTemplate(dir);
  for (const auto& [municipality, size] :
       std::vector<std::pair<std::string, std::size_t>>{{"Leiden", 12}, {"Amsterdam", 6}}) {
    INFO(municipality);
    const fs::path odt = dir / (municipality + ".odt");
    const RunResult r = cli({"generate", "--template", ott.string(), "--municipality", municipality, "--period", "2023",
                             "--output", odt.string()});
    INFO("stderr: " << r.err);
    REQUIRE(r.exitCode == 0);
    checkDocument(odt, municipality, size);
  }
  // Zoeterwoude's jeugdreclassering is suppressed in the demo data: "geheim", explained under the
  // table; a gap in the chart (never 0), its bar the last of the members, named under it.
  REQUIRE(demo().observation("GM0638", "jeugdreclassering", "2023").state == model::Observation::State::Suppressed);
  const OdfDocument leiden(dir / "Leiden.odt");
  CHECK_THAT(leiden.bodyText(), Catch::Contains("geheim = cijfer te klein om te publiceren (Zoeterwoude).") &&
                                    Catch::Contains("Geen staaf voor Zoeterwoude: cijfer geheim"));
  const ChartData gap = leiden.chart("Raadsbrief_grafiek_2");
  REQUIRE(gap.cells.size() == 12 + 3);
  CHECK(gap.cells[12][0] == "Zoeterwoude");
  CHECK((gap.cells[12][1].empty() || gap.cells[12][1] == "NaN"));
  // Refreshed from the same figures, nothing changes: a chart with a gap is not "edited by hand".
  const RunResult same =
      cli({"refresh", (dir / "Leiden.odt").string(), "--source", RAADSBRIEF_DEMO_DATASET, "--dry-run"});
  INFO("stdout: " << same.out << "\nstderr: " << same.err);
  CHECK(same.exitCode == 0);
  CHECK_THAT(same.out, Catch::Contains("0 bijgewerkt") && Catch::Contains("0 met de hand gewijzigd"));
}

TEST_CASE("Region: the region table and chart are bound: a refresh brings the new year", "[refresh][region]") {
  const fs::path dir = outputDir("region-refresh");
  const fs::path ott = regionTemplate(dir);
  const fs::path odt = dir / "katwijk.odt";
  RunResult r = cli({"generate", "--template", ott.string(), "--municipality", "Katwijk", "--output", odt.string()});
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);

  // The demo data a year later: 2024 (nader voorlopig) is 90% of 2023 for every figure.
  const fs::path newer = demoDatasetAYearLater(dir, "nader voorlopig");
  const model::Dataset ds = data::readDatasetFile(newer);

  r = cli({"refresh", odt.string(), "--source", "file://" + newer.string()});
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  // The refresh list names tables as a reader numbers them (refresh::describe).
  CHECK_THAT(r.out, Catch::Contains("tabel 1 \u2014 ") && Catch::Contains("tabel 2 \u2014 ") &&
                        Catch::Contains(": bijgewerkt"));
  CHECK_THAT(r.out, !Catch::Contains("Raadsbrief_tabel"));
  const OdfDocument doc(odt);
  const auto byName = members("Holland Rijnland");
  checkTable(doc.table("Raadsbrief_tabel_1"), ds, byName, "JR0001", "jeugdhulp", "2024",
             "2024 (nader voorlopige cijfers)");
  const ChartData bar = doc.chart("Raadsbrief_grafiek_1");
  REQUIRE(bar.cells.size() == byName.size() + 3);
  CHECK_THAT(bar.xml, Catch::Contains("#b4c7e7") && Catch::Contains("#a5a5a5"));
  for (std::size_t i = 0; i < byName.size(); ++i)
    CHECK(number(bar.cells[i + 1][1]) ==
          Approx(text::roundTo(ds.observation(byName[i].first, "jeugdhulp", "2024").value, 1)));
  CHECK_THAT(doc.bodyText(), Catch::Contains("in 2024 (nader voorlopige cijfers)."));
}
