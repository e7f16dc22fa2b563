#include <catch2/catch.hpp>

#include <filesystem>

#include "Error.hpp"
#include "TestData.hpp"
#include "data/DatasetReader.hpp"

using namespace raadsbrief;

namespace {

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const auto pos = s.find(from);
  REQUIRE(pos != std::string::npos);
  return s.replace(pos, from.size(), to);
}

/// The message of the Error that reading `json` throws (fails the test when it does not throw).
std::string readError(const std::string& json, ErrorKind expected = ErrorKind::Data) {
  try {
    (void)data::readDataset(json);
  } catch (const Error& e) {
    CHECK(e.kind() == expected);
    return e.what();
  }
  FAIL("no error for invalid dataset");
  return {};
}

}  // namespace

TEST_CASE("Dataset: reads indicators, regions, periods and observations", "[dataset]") {
  const auto ds = data::readDataset(test::kSmallDataset);
  CHECK(ds.source.name == "Testbron");
  CHECK(ds.source.demo);
  REQUIRE(ds.periods().size() == 3);
  CHECK(ds.periods().back().id == "2023");
  CHECK(ds.periods().back().provisional);
  CHECK_FALSE(ds.periods().front().provisional);
  REQUIRE(ds.findIndicator("kosten"));
  CHECK(ds.findIndicator("kosten")->unit == model::Unit::Euro);
  CHECK(ds.findIndicator("jeugdreclassering")->decimals == 2);
  CHECK(ds.findIndicator("jeugdreclassering")->direction == model::Direction::LowerIsBetter);
  CHECK(ds.country()->code == "NL01");
  const auto o = ds.observation("GM0546", "jeugdhulp", "2023");
  REQUIRE(o.hasValue());
  CHECK(o.value == Approx(12.3));
}

TEST_CASE("Dataset: null is suppressed, an absent period is missing", "[dataset]") {
  const auto ds = data::readDataset(test::kSmallDataset);
  CHECK(ds.observation("GM0638", "jeugdreclassering", "2022").state == model::Observation::State::Suppressed);
  CHECK(ds.observation("GM0638", "jeugdhulp", "2021").state == model::Observation::State::Missing);
  CHECK_FALSE(ds.hasFigures("GM0014"));
  CHECK(ds.hasFigures("GM0638"));
}

TEST_CASE("Dataset: municipalities by name or code, with a suggestion for typos", "[dataset]") {
  const auto ds = data::readDataset(test::kSmallDataset);
  CHECK(ds.municipality("Leiden").code == "GM0546");
  CHECK(ds.municipality("leiden").code == "GM0546");
  CHECK(ds.municipality("gm0546").name == "Leiden");
  CHECK(ds.municipality("'s-gravenhage").code == "GM0518");
  CHECK(ds.municipality("Den Haag").code == "GM0518");  // the name people use
  CHECK(ds.municipality("den haag").code == "GM0518");
  try {
    (void)ds.municipality("Leidn");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::NotFound);
    CHECK_THAT(e.what(), Catch::Contains("Leidn") && Catch::Contains("bedoelt u Leiden"));
  }
  CHECK_THROWS_AS(ds.municipality("Holland Rijnland"), Error);  // a region, not a municipality
}

TEST_CASE("Dataset: malformed and wrong-shaped input is rejected with its place", "[dataset][errors]") {
  CHECK_THAT(readError("{\"format\": "), Catch::Contains("geen geldige JSON"));
  CHECK_THAT(readError("[1, 2]"), Catch::Contains("JSON-object"));
  CHECK_THAT(readError("{}"), Catch::Contains("raadsbrief-dataset"));
  CHECK_THAT(readError(replaced(test::kSmallDataset, "\"version\": 1", "\"version\": 2")), Catch::Contains("versie 1"));
  CHECK_THAT(readError(replaced(test::kSmallDataset, "\"unit\": \"euro\"", "\"unit\": \"gulden\"")),
             Catch::Contains("indicators[2].unit") && Catch::Contains("gulden"));
  CHECK_THAT(readError(replaced(test::kSmallDataset, "\"2023\": 10234.5", "\"2023\": \"10.234,5\"")),
             Catch::Contains("observations.GM0546.kosten.2023"));
  CHECK_THAT(readError(replaced(test::kSmallDataset, "\"2023\": 10234.5", "\"2023\": true")),
             Catch::Contains("observations.GM0546.kosten.2023"));  // a boolean is no figure (found by fuzzing)
  CHECK_THAT(readError(replaced(test::kSmallDataset, "\"GM0518\": {", "\"GM9999\": {")),
             Catch::Contains("GM9999") && Catch::Contains("onbekende regio"));
  CHECK_THAT(readError(replaced(test::kSmallDataset, "\"jeugdregio\": \"JR0001\"}", "\"jeugdregio\": \"JR0042\"}")),
             Catch::Contains("JR0042"));
  CHECK_THAT(readError(replaced(test::kSmallDataset, "{\"id\": \"2022\", \"status\": \"definitief\"}",
                                "{\"id\": \"2020\", \"status\": \"definitief\"}")),
             Catch::Contains("oplopen"));
  CHECK_THAT(readError(replaced(test::kSmallDataset, "\"kind\": \"land\"", "\"kind\": \"gemeente\"")),
             Catch::Contains("land"));
}

TEST_CASE("Dataset: a missing file is NotFound", "[dataset][errors]") {
  CHECK_THROWS_MATCHES(data::readDatasetFile("/nonexistent/raadsbrief.json"), Error,
                       Catch::Predicate<Error>([](const Error& e) { return e.kind() == ErrorKind::NotFound; }));
}

TEST_CASE("Dataset: the bundled demo dataset is valid and covers the first regions", "[dataset][demo]") {
  const auto ds = data::readDatasetFile(RAADSBRIEF_DEMO_DATASET);
  CHECK(ds.source.demo);
  CHECK(ds.periods().size() >= 5);
  for (const char* id : {"jeugdhulp", "residentieel", "jeugdbescherming", "jeugdreclassering", "kosten_per_traject",
                         "clienttevredenheid"})
    CHECK(ds.findIndicator(id) != nullptr);
  std::size_t municipalities = 0;
  for (const auto& r : ds.regions())
    if (r.kind == model::RegionKind::Municipality) ++municipalities;
  CHECK(municipalities == 342);
  // Every municipality of shared/regions.md has figures and a youth-care region with figures.
  for (const char* code : {"GM0546", "GM0579", "GM0638", "GM0637", "GM0518", "GM0392", "GM0363", "GM0479", "GM0852"}) {
    const auto& m = ds.municipality(code);
    CHECK(ds.hasFigures(m.code));
    REQUIRE_FALSE(m.youthCareRegion.empty());
    CHECK(ds.hasFigures(m.youthCareRegion));
  }
  CHECK(ds.hasFigures("NL01"));
}

TEST_CASE("Dataset: a second source fills only what the first lacks, and each figure keeps its origin",
          "[dataset][merge]") {
  auto first = data::readDataset(test::kSmallDataset);
  const auto second = data::readDataset(R"({
    "format": "raadsbrief-dataset", "version": 1,
    "source": {"name": "Regiobron", "retrieved": "2026-10-01"},
    "periods": [{"id": "2020", "status": "definitief"}, {"id": "2023", "status": "definitief"}],
    "indicators": [
      {"id": "jeugdhulp", "label": "Anders genoemd", "unit": "percent", "decimals": 1, "direction": "neutral"},
      {"id": "wachttijd", "label": "Wachttijd", "unit": "count", "decimals": 0, "direction": "lower_is_better"}],
    "regions": [
      {"code": "NL01", "name": "Nederland", "kind": "land"},
      {"code": "JR0009", "name": "Groningen-regio", "kind": "jeugdregio"},
      {"code": "GM0014", "name": "Groningen", "kind": "gemeente", "jeugdregio": "JR0009"},
      {"code": "GM0546", "name": "Leiden", "kind": "gemeente"}],
    "observations": {
      "GM0546": {"jeugdhulp": {"2023": 99.9, "2020": 11.0}, "wachttijd": {"2023": 42}},
      "GM0014": {"jeugdhulp": {"2023": 10.1}}}
  })");
  first.supplement(second);
  // Ours wins where we have a figure or a suppression.
  CHECK(first.observation("GM0546", "jeugdhulp", "2023").value == Approx(12.3));
  CHECK(first.observation("GM0638", "jeugdreclassering", "2023").state == model::Observation::State::Suppressed);
  CHECK(first.findIndicator("jeugdhulp")->label == "Jongeren met jeugdhulp");
  // Theirs fills the gaps: a new indicator, a new period, a municipality that had no figures.
  const auto wait = first.observation("GM0546", "wachttijd", "2023");
  REQUIRE(wait.hasValue());
  CHECK(wait.value == Approx(42));
  CHECK(first.originOf(wait).name == "Regiobron");
  CHECK(first.originOf(first.observation("GM0546", "jeugdhulp", "2023")).name == "Testbron");
  CHECK(first.observation("GM0546", "jeugdhulp", "2020").value == Approx(11.0));
  REQUIRE(first.periods().size() == 4);
  CHECK(first.periods().front().id == "2020");
  CHECK(first.periods().back().provisional);  // provisional in either source stays provisional
  CHECK(first.hasFigures("GM0014"));
  CHECK(first.findRegion("GM0014")->youthCareRegion == "JR0009");
  REQUIRE(first.supplements().size() == 1);
}

TEST_CASE("Dataset: a rate per 1.000 jongeren is a unit of its own", "[dataset]") {
  const auto ds = data::readDataset(replaced(test::kSmallDataset, R"("unit": "percent", "decimals": 2)",
                                             R"("unit": "per_1000_jongeren", "decimals": 2)"));
  CHECK(ds.findIndicator("jeugdreclassering")->unit == model::Unit::PerThousandYouth);
  CHECK(model::toString(model::Unit::PerThousandYouth) == "per_1000_jongeren");
  CHECK_THAT(readError(replaced(test::kSmallDataset, R"("unit": "euro")", R"("unit": "promille")")),
             Catch::Contains("per_1000_jongeren"));
}

TEST_CASE("Dataset: values outside what their unit allows are refused, naming the cell", "[dataset][security]") {
  // A share over 100 %, a negative share, a negative cost, an extreme value that would print "inf".
  CHECK_THAT(
      readError(replaced(test::kSmallDataset, R"("2022": 12.9, "2023": 12.3})", R"("2022": 12.9, "2023": 250})")),
      Catch::Contains("observations.GM0546.jeugdhulp.2023") && Catch::Contains("tussen 0 en 100"));
  CHECK_THAT(
      readError(replaced(test::kSmallDataset, R"("2022": 12.9, "2023": 12.3})", R"("2022": 12.9, "2023": -12.5})")),
      Catch::Contains("observations.GM0546.jeugdhulp.2023"));
  CHECK_THAT(readError(replaced(test::kSmallDataset, R"("2023": 10234.5})", R"("2023": -1})")),
             Catch::Contains("observations.GM0546.kosten.2023") && Catch::Contains("negatief"));
  CHECK_THAT(readError(replaced(test::kSmallDataset, R"("2023": 10234.5})", R"("2023": 1.7e308})")),
             Catch::Contains("observations.GM0546.kosten.2023") && Catch::Contains("eindig"));
  CHECK_THAT(readError(replaced(test::kSmallDataset, R"("2023": 10234.5})", R"("2023": -1.7e308})")),
             Catch::Contains("observations.GM0546.kosten.2023"));
}

TEST_CASE("Dataset: names and labels are plain text of a bounded length", "[dataset][security]") {
  CHECK_THAT(
      readError(replaced(test::kSmallDataset, R"("name": "Leiden")", "\"name\": \"" + std::string(300, 'L') + "\"")),
      Catch::Contains("regions[2].name (GM0546)") && Catch::Contains("te lang"));
  CHECK_THAT(readError(replaced(test::kSmallDataset, R"("name": "Leiden")", R"("name": "Lei\u0007den")")),
             Catch::Contains("stuurteken"));
  CHECK_THAT(readError(replaced(test::kSmallDataset, R"("name": "Leiden")", "\"name\": \"Lei\u202Eden\"")),
             Catch::Contains("leesrichting"));
  CHECK_THAT(readError(replaced(test::kSmallDataset, R"("name": "Leiden")", R"("name": "{{cijfer jeugdhulp}}")")),
             Catch::Contains("sjabloonvelden"));
  CHECK_THAT(readError(replaced(test::kSmallDataset, R"("label": "Jongeren met jeugdhulp")",
                                "\"label\": \"" + std::string(5000, 'x') + "\"")),
             Catch::Contains("indicators[0].label"));
  // Ordinary Dutch names pass: accents, apostrophes, hyphens.
  CHECK(data::readDataset(
            replaced(test::kSmallDataset, R"("name": "Leiden")", R"("name": "Súdwest-Fryslân 's-Hertogenbosch")"))
            .findRegion("GM0546")
            ->name == "Súdwest-Fryslân 's-Hertogenbosch");
}
