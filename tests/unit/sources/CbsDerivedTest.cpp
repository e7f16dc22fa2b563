// Derived figures from CBS: a cost per young person and a cost per trajectory, computed by
// Raadsbrief from two CBS figures of the same region and period (docs/cbs-statline.md). Each rule
// has its test: the formula, the source note, never from a suppressed or missing figure, never
// across periods of different kinds, no division by zero, a source's own figure wins.
#include <catch2/catch.hpp>

#include <string>

#include "model/Dataset.hpp"
#include "sources/CbsDerived.hpp"

using namespace raadsbrief;
using namespace raadsbrief::sources;

namespace {

model::Indicator indicator(const std::string& id, model::Unit unit, const std::string& seriesStart = "2021") {
  model::Indicator i;
  i.id = id;
  i.label = id;
  i.unit = unit;
  i.decimals = 0;
  i.direction = model::Direction::Neutral;
  i.definition = "";
  i.source = "CBS";
  i.seriesStart = seriesStart;
  return i;
}

/// Costs (83454NED: years only), young people and trajectories (85099NED: years and half-years)
/// for one municipality and NL01.
model::Dataset costsAndCounts() {
  model::Dataset ds;
  ds.source.name = "CBS StatLine, tabel 85098NED";
  ds.addRegion({"NL01", "Nederland", model::RegionKind::Country, {}});
  ds.addRegion({"GM0546", "Leiden", model::RegionKind::Municipality, "JZ18"});
  for (const char* p : {"2022", "2023-H1", "2023-H2", "2023"})
    ds.addPeriod(model::Period::of(p, model::PeriodStatus::Final));
  ds.addIndicator(indicator("kosten_jeugdzorg", model::Unit::Euro, ""));
  ds.addIndicator(indicator("kosten_jeugdhulp", model::Unit::Euro, ""));
  ds.addIndicator(indicator("jongeren_jeugdzorg", model::Unit::Count));
  ds.addIndicator(indicator("jeugdhulptrajecten", model::Unit::Count));
  return ds;
}

}  // namespace

TEST_CASE("CBS derived: cost per young person = costs / young people, same region and year", "[cbs][derived]") {
  model::Dataset ds = costsAndCounts();
  ds.setObservation("GM0546", "kosten_jeugdzorg", "2023", model::Observation::of(30'000'000));
  ds.setObservation("GM0546", "jongeren_jeugdzorg", "2023", model::Observation::of(2400));
  ds.setObservation("GM0546", "kosten_jeugdhulp", "2023", model::Observation::of(24'000'000));
  ds.setObservation("GM0546", "jeugdhulptrajecten", "2023", model::Observation::of(3000));
  const model::Dataset derived = cbsDerivedDataset(ds);
  REQUIRE(derived.findIndicator("kosten_per_jongere"));
  REQUIRE(derived.findIndicator("kosten_per_traject"));
  CHECK(derived.observation("GM0546", "kosten_per_jongere", "2023").value == Approx(12500));
  CHECK(derived.observation("GM0546", "kosten_per_traject", "2023").value == Approx(8000));
  // The document says it is computed: the indicator's source and the dataset's source name.
  CHECK_THAT(derived.findIndicator("kosten_per_jongere")->source, Catch::StartsWith("berekend door Raadsbrief: "));
  CHECK_THAT(derived.findIndicator("kosten_per_jongere")->definition, Catch::Contains("Berekend door Raadsbrief"));
  CHECK_THAT(derived.source.name, Catch::StartsWith("berekend door Raadsbrief: ") && Catch::Contains("83454NED") &&
                                      Catch::Contains("85099NED"));
  CHECK(derived.findIndicator("kosten_per_traject")->unit == model::Unit::Euro);
  // The later series start of the two (costs have none, the counts 2021).
  CHECK(derived.findIndicator("kosten_per_jongere")->seriesStart == "2021");

  // Merged in as a supplement: each derived figure's origin is the "berekend door Raadsbrief" source.
  ds.supplement(derived);
  const model::Observation o = ds.observation("GM0546", "kosten_per_jongere", "2023");
  REQUIRE(o.hasValue());
  CHECK_THAT(ds.originOf(o).name, Catch::StartsWith("berekend door Raadsbrief"));
}

TEST_CASE("CBS derived: never from a suppressed or missing figure", "[cbs][derived]") {
  model::Dataset ds = costsAndCounts();
  // 2023: costs suppressed; 2022: count suppressed; NL01 2023: no count at all.
  ds.setObservation("GM0546", "kosten_jeugdzorg", "2023", model::Observation::suppressed());
  ds.setObservation("GM0546", "jongeren_jeugdzorg", "2023", model::Observation::of(2400));
  ds.setObservation("GM0546", "kosten_jeugdzorg", "2022", model::Observation::of(28'000'000));
  ds.setObservation("GM0546", "jongeren_jeugdzorg", "2022", model::Observation::suppressed());
  ds.setObservation("NL01", "kosten_jeugdzorg", "2023", model::Observation::of(5'000'000'000));
  const model::Dataset derived = cbsDerivedDataset(ds);
  for (const auto& [region, period] :
       std::vector<std::pair<std::string, std::string>>{{"GM0546", "2023"}, {"GM0546", "2022"}, {"NL01", "2023"}}) {
    INFO(region << " " << period);
    // Missing, not suppressed and not 0: an optional part of a template drops it.
    CHECK(derived.observation(region, "kosten_per_jongere", period).state == model::Observation::State::Missing);
  }
}

TEST_CASE("CBS derived: never across periods of different kinds", "[cbs][derived]") {
  model::Dataset ds = costsAndCounts();
  // A year's costs, only half-year counts: no cost per young person for any period.
  ds.setObservation("GM0546", "kosten_jeugdzorg", "2023", model::Observation::of(30'000'000));
  ds.setObservation("GM0546", "jongeren_jeugdzorg", "2023-H1", model::Observation::of(1800));
  ds.setObservation("GM0546", "jongeren_jeugdzorg", "2023-H2", model::Observation::of(1900));
  const model::Dataset derived = cbsDerivedDataset(ds);
  for (const char* p : {"2023", "2023-H1", "2023-H2"}) {
    INFO(p);
    CHECK(derived.observation("GM0546", "kosten_per_jongere", p).state == model::Observation::State::Missing);
  }
}

TEST_CASE("CBS derived: no division by zero, no indicator without its inputs, a source's own figure wins",
          "[cbs][derived]") {
  model::Dataset ds = costsAndCounts();
  ds.setObservation("GM0546", "kosten_jeugdzorg", "2023", model::Observation::of(30'000'000));
  ds.setObservation("GM0546", "jongeren_jeugdzorg", "2023", model::Observation::of(0));
  CHECK(cbsDerivedDataset(ds).observation("GM0546", "kosten_per_jongere", "2023").state ==
        model::Observation::State::Missing);

  // Without 83454NED's costs there is nothing to derive: no indicators, no source.
  model::Dataset counts;
  counts.addRegion({"GM0546", "Leiden", model::RegionKind::Municipality, {}});
  counts.addPeriod(model::Period::of("2023", model::PeriodStatus::Final));
  counts.addIndicator(indicator("jongeren_jeugdzorg", model::Unit::Count));
  const model::Dataset none = cbsDerivedDataset(counts);
  CHECK(none.indicators().empty());
  CHECK(none.source.name.empty());

  // A dataset that has kosten_per_traject itself (e.g. the municipality's own figures) keeps it.
  ds.addIndicator(indicator("kosten_per_traject", model::Unit::Euro, ""));
  const model::Dataset derived = cbsDerivedDataset(ds);
  CHECK_FALSE(derived.findIndicator("kosten_per_traject"));
  CHECK(derived.findIndicator("kosten_per_jongere"));
}
