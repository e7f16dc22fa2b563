// The youth-care region as a whole: {{tabel regio IND}} and {{grafiek regio IND}} — every member
// municipality, then the region and the Netherlands; suppressed and missing figures shown as such.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "Error.hpp"
#include "data/DatasetReader.hpp"
#include "data/YouthCareRegions.hpp"
#include "plan/Briefing.hpp"

using namespace raadsbrief;

namespace {

// A region of four: a name with "'s-" (sorted under G), a suppressed figure (Alphen), a municipality
// without any figure for the indicator (Zoeterwoude). The region's figure (11,0) is deliberately
// not any mean of its members: it must come from the region's own row. Leiden belongs elsewhere.
const std::string kRegion = R"({
  "format": "raadsbrief-dataset", "version": 1,
  "source": {"name": "Testbron", "demo": false, "retrieved": "2026-11-20"},
  "periods": [{"id": "2022", "status": "definitief"}, {"id": "2023-H1", "status": "voorlopig"},
              {"id": "2023", "status": "nader voorlopig"}],
  "indicators": [
    {"id": "jeugdhulp", "label": "Jongeren met jeugdhulp", "unit": "percent", "decimals": 1, "direction": "neutral"},
    {"id": "kosten", "label": "Kosten per hulptraject", "unit": "euro", "decimals": 0, "direction": "lower_is_better"}
  ],
  "regions": [
    {"code": "NL01", "name": "Nederland", "kind": "land"},
    {"code": "JZ99", "name": "Testregio", "kind": "jeugdregio"},
    {"code": "JZ98", "name": "Andere regio", "kind": "jeugdregio"},
    {"code": "GM0637", "name": "Zoetermeer", "kind": "gemeente", "jeugdregio": "JZ99"},
    {"code": "GM0518", "name": "'s-Gravenhage", "kind": "gemeente", "jeugdregio": "JZ99"},
    {"code": "GM0503", "name": "Delft", "kind": "gemeente", "jeugdregio": "JZ99"},
    {"code": "GM0484", "name": "Alphen aan den Rijn", "kind": "gemeente", "jeugdregio": "JZ99"},
    {"code": "GM0638", "name": "Zoeterwoude", "kind": "gemeente", "jeugdregio": "JZ99"},
    {"code": "GM0546", "name": "Leiden", "kind": "gemeente", "jeugdregio": "JZ98"},
    {"code": "GM0014", "name": "Groningen", "kind": "gemeente"}
  ],
  "observations": {
    "NL01":   {"jeugdhulp": {"2022": 11.5, "2023": 11.84, "2023-H1": 9.0}, "kosten": {"2023": 8800}},
    "JZ99":   {"jeugdhulp": {"2022": 10.5, "2023": 11.0, "2023-H1": 8.5}},
    "JZ98":   {"jeugdhulp": {"2023": 12.0}},
    "GM0637": {"jeugdhulp": {"2022": 10.0, "2023": 12.96, "2023-H1": 9.5}, "kosten": {"2023": 9100}},
    "GM0518": {"jeugdhulp": {"2022": 11.0, "2023": 10.04, "2023-H1": 8.0}},
    "GM0503": {"jeugdhulp": {"2022": 9.0, "2023": 12.3, "2023-H1": 9.1}},
    "GM0484": {"jeugdhulp": {"2022": null, "2023": null, "2023-H1": null}},
    "GM0638": {"kosten": {"2023": 7000}},
    "GM0546": {"jeugdhulp": {"2023": 13.0}},
    "GM0014": {"jeugdhulp": {"2023": 14.0}}
  }
})";

const model::Dataset& regionData() {
  static const model::Dataset ds = data::readDataset(kRegion);
  return ds;
}

plan::Content resolveIn(const model::Dataset& ds, const std::string& field, const std::string& municipality,
                        const std::string& period = "") {
  const plan::BriefingContext ctx(ds, municipality, period, "2026-11-25");
  return plan::resolveField(fields::parseField(field), ctx);
}

plan::TableSpec table(const std::string& field, const std::string& period = "") {
  const auto c = resolveIn(regionData(), field, "Delft", period);
  REQUIRE(std::holds_alternative<plan::TableSpec>(c));
  return std::get<plan::TableSpec>(c);
}

plan::ChartSpec chart(const std::string& field, const std::string& period = "") {
  const auto c = resolveIn(regionData(), field, "Delft", period);
  REQUIRE(std::holds_alternative<plan::ChartSpec>(c));
  return std::get<plan::ChartSpec>(c);
}

std::vector<std::string> column(const plan::TableSpec& t, std::size_t c) {
  std::vector<std::string> out;
  for (std::size_t r = 1; r < t.cells.size(); ++r) out.push_back(t.cells[r][c]);
  return out;
}

}  // namespace

TEST_CASE("Region table: every member by name, then the region and the Netherlands", "[region][briefing]") {
  const auto t = table("{{tabel regio jeugdhulp}}");
  REQUIRE(t.cells.size() == 8);  // head, 5 members, region, country
  CHECK(t.cells[0] == std::vector<std::string>{"Gemeente", "Jongeren met jeugdhulp, 2023 (nader voorlopige cijfers)"});
  // 's-Gravenhage under G; Leiden (another region) and Groningen (none) are not members.
  CHECK(column(t, 0) == std::vector<std::string>{"Alphen aan den Rijn", "Delft", "'s-Gravenhage", "Zoetermeer",
                                                 "Zoeterwoude", "Jeugdregio Testregio", "Nederland"});
  // Suppressed: "geheim"; no figure at all: "–"; the region's own figure, never a computed one.
  CHECK(column(t, 1) == std::vector<std::string>{"geheim", "12,3%", "10,0%", "13,0%", "\u2013", "11,0%", "11,8%"});
  CHECK(t.numericColumns == std::vector<bool>{false, true});
  CHECK(t.note ==
        "geheim = cijfer te klein om te publiceren (Alphen aan den Rijn). \u2013 = cijfer niet beschikbaar "
        "in de bron (Zoeterwoude).");
  CHECK_THAT(t.source, Catch::StartsWith("Bron: Testbron, 2023**, opgehaald 20 november 2026.") &&
                           Catch::Contains("** nader voorlopig cijfer."));
  CHECK_THAT(t.title, Catch::Contains("per gemeente van jeugdregio Testregio"));
  CHECK_THAT(t.description, Catch::Contains("Alphen aan den Rijn: ") && Catch::Contains("geheim"));
}

TEST_CASE("Region table: volgorde=waarde sorts the members by figure, gaps last", "[region][briefing]") {
  const auto t = table("{{tabel regio jeugdhulp volgorde=waarde}}");
  CHECK(column(t, 0) == std::vector<std::string>{"Zoetermeer", "Delft", "'s-Gravenhage", "Alphen aan den Rijn",
                                                 "Zoeterwoude", "Jeugdregio Testregio", "Nederland"});
  CHECK(column(t, 1) == std::vector<std::string>{"13,0%", "12,3%", "10,0%", "geheim", "\u2013", "11,0%", "11,8%"});
  CHECK(column(table("{{tabel regio jeugdhulp volgorde=naam}}"), 0) == column(table("{{tabel regio jeugdhulp}}"), 0));
  CHECK_THROWS_WITH(table("{{tabel regio jeugdhulp volgorde=grootte}}"), Catch::Contains("volgorde="));
}

TEST_CASE("Region table: the period setting and periods in words", "[region][briefing][period]") {
  const auto earlier = table("{{tabel regio jeugdhulp periode=vorige}}");
  CHECK(earlier.cells[0][1] == "Jongeren met jeugdhulp, 2022");
  CHECK(column(earlier, 1) == std::vector<std::string>{"geheim", "9,0%", "11,0%", "10,0%", "\u2013", "10,5%", "11,5%"});
  const auto half = table("{{tabel regio jeugdhulp}}", "2023-H1");
  CHECK(half.cells[0][1] == "Jongeren met jeugdhulp, 1e halfjaar 2023 (voorlopige cijfers)");
  CHECK_THAT(half.source, Catch::Contains("1e halfjaar 2023*") && Catch::Contains("* voorlopig cijfer."));
  // Every other municipality of the region gets the same table.
  const auto fromZoetermeer = resolveIn(regionData(), "{{tabel regio jeugdhulp}}", "Zoetermeer");
  CHECK(std::get<plan::TableSpec>(fromZoetermeer).cells == table("{{tabel regio jeugdhulp}}").cells);
}

TEST_CASE("Region table: a unit in the head, and a region without its own figure", "[region][briefing]") {
  const auto t = table("{{tabel regio kosten}}");
  CHECK(column(t, 1) == std::vector<std::string>{"\u2013", "\u2013", "\u2013", "\u20ac\u00a09.100", "\u20ac\u00a07.000",
                                                 "\u2013", "\u20ac\u00a08.800"});
  // The region has no kosten row in the source: "–", never the members' mean.
  CHECK_THAT(t.note, Catch::Contains("Jeugdregio Testregio"));
}

TEST_CASE("Region chart: one bar per member, the region and the country, gaps stay gaps", "[region][briefing]") {
  const auto ch = chart("{{grafiek regio jeugdhulp}}");
  CHECK(ch.kind == plan::ChartSpec::Kind::Bar);
  CHECK(ch.horizontal);
  using R = plan::ChartSpec::Role;
  CHECK(ch.roles ==
        std::vector<R>{R::Other, R::Municipality, R::Other, R::Other, R::Other, R::YouthCareRegion, R::Country});
  CHECK(ch.categories == std::vector<std::string>{"Alphen aan den Rijn", "Delft", "'s-Gravenhage", "Zoetermeer",
                                                  "Zoeterwoude", "Jeugdregio Testregio", "Nederland"});
  REQUIRE(ch.series.size() == 1);
  CHECK(ch.series[0].name == "Jongeren met jeugdhulp");
  using V = std::optional<double>;
  CHECK(ch.series[0].values == std::vector<V>{std::nullopt, 12.3, 10.0, 13.0, std::nullopt, 11.0, 11.8});
  CHECK(ch.title == "Jongeren met jeugdhulp in jeugdregio Testregio, 2023 (nader voorlopige cijfers)");
  CHECK(ch.note ==
        "Geen staaf voor Alphen aan den Rijn: cijfer geheim (te klein om te publiceren). Geen staaf voor "
        "Zoeterwoude: cijfer niet beschikbaar in de bron.");
  CHECK_THAT(ch.description, Catch::Contains("Alphen aan den Rijn geheim") && Catch::Contains("Delft 12,3%") &&
                                 Catch::Contains("Zoeterwoude \u2013"));
  CHECK_THAT(ch.source, Catch::Contains("2023**"));
  const auto byValue = chart("{{grafiek regio jeugdhulp volgorde=waarde}}");
  CHECK(byValue.categories.front() == "Zoetermeer");
  CHECK(byValue.series[0].values.front() == V(13.0));
}

TEST_CASE("Region table and chart: errors and a municipality without a region", "[region][briefing][errors]") {
  CHECK_THROWS_WITH(table("{{tabel regio}}"), Catch::Contains("mist"));
  CHECK_THROWS_WITH(table("{{tabel regio jeugdhulp extra}}"), Catch::Contains("te veel"));
  CHECK_THROWS_WITH(table("{{tabel regio jeugdhulp met=nederland}}"), Catch::Contains("onbekende instelling"));
  CHECK_THROWS_WITH(table("{{tabel regioo jeugdhulp}}"), Catch::Contains("regio"));
  CHECK_THROWS_WITH(table("{{tabel regio jeugdhulpp}}"), Catch::Contains("bedoelde u \"jeugdhulp\""));
  // Groningen has no youth-care region here: a missing figure, so an optional part goes.
  CHECK_THROWS_AS(resolveIn(regionData(), "{{tabel regio jeugdhulp}}", "Groningen"), plan::MissingFigure);
  CHECK_THROWS_AS(resolveIn(regionData(), "{{grafiek regio jeugdhulp}}", "Groningen"), plan::MissingFigure);
}

TEST_CASE("Region table: the demo data's regions have the reference data's members", "[region][briefing]") {
  const model::Dataset demo = data::readDatasetFile(RAADSBRIEF_DEMO_DATASET);
  const auto reference = data::YouthCareRegions::read(data::youthCareRegionsFile(RAADSBRIEF_DEMO_DATASET));
  // Holland Rijnland (12 in the reference data), Haaglanden (10), Zuid-Kennemerland (4),
  // Amsterdam-Amstelland (6), Zaanstreek-Waterland (7): members as the reference data has them.
  const std::map<std::string, std::size_t> sizes{
      {"Leiden", 12}, {"Zoetermeer", 10}, {"Haarlem", 4}, {"Amsterdam", 6}, {"Zaanstad", 7}};
  for (const auto& [municipality, size] : sizes) {
    const auto t = std::get<plan::TableSpec>(resolveIn(demo, "{{tabel regio jeugdhulp}}", municipality));
    REQUIRE(t.cells.size() == size + 3);
    const plan::BriefingContext ctx(demo, municipality, "", "2026-11-25");
    const auto* regionRef = reference.regionNamed(ctx.youthCareRegion()->name);
    REQUIRE(regionRef);
    std::set<std::string> expected;
    for (const auto& m : reference.municipalities())
      if (m.regionCode == regionRef->code) expected.insert(m.name);
    const auto names = column(t, 0);
    CHECK(std::set<std::string>(names.begin(), names.end() - 2) == expected);
    CHECK(names[size] == "Jeugdregio " + ctx.youthCareRegion()->name);
    CHECK(names[size + 1] == "Nederland");
  }
}
