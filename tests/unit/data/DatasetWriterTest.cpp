// The one dataset writer (batch snapshots of a remote source, raadsbrief-reportd's /dataset):
// what it writes, the reader reads back as the same dataset.
#include <catch2/catch.hpp>

#include "data/DatasetReader.hpp"
#include "data/DatasetWriter.hpp"

using namespace raadsbrief;

namespace {

const model::Dataset& demo() {
  static const model::Dataset ds = data::readDatasetFile(RAADSBRIEF_DEMO_DATASET);
  return ds;
}

}  // namespace

TEST_CASE("Dataset writer: what it writes reads back as the same dataset, provenance included", "[dataset][writer]") {
  model::Dataset ds = demo();
  ds.source.location = "http://127.0.0.1:8085/api/v1";
  ds.source.staleFrom = "2026-11-01";
  const model::Dataset back = data::readDataset(data::writeDataset(ds));
  CHECK(back.source.name == ds.source.name);
  CHECK(back.source.demo == ds.source.demo);
  CHECK(back.source.note == ds.source.note);
  CHECK(back.source.retrieved == ds.source.retrieved);
  CHECK(back.source.location == ds.source.location);
  CHECK(back.source.staleFrom == "2026-11-01");
  REQUIRE(back.regions().size() == ds.regions().size());
  REQUIRE(back.indicators().size() == ds.indicators().size());
  REQUIRE(back.periods().size() == ds.periods().size());
  for (std::size_t i = 0; i < ds.regions().size(); ++i) {
    CHECK(back.regions()[i].code == ds.regions()[i].code);
    CHECK(back.regions()[i].name == ds.regions()[i].name);
    CHECK(back.regions()[i].youthCareRegion == ds.regions()[i].youthCareRegion);
  }
  int suppressed = 0, values = 0;
  for (const auto& r : ds.regions())
    for (const auto& ind : ds.indicators())
      for (const auto& p : ds.periods()) {
        const auto a = ds.observation(r.code, ind.id, p.id), b = back.observation(r.code, ind.id, p.id);
        CHECK(a.state == b.state);
        if (a.hasValue()) CHECK(a.value == b.value);  // exact: shortest round-trip digits
        suppressed += a.state == model::Observation::State::Suppressed;
        values += a.hasValue();
      }
  CHECK(suppressed > 0);
  CHECK(values > 1000);
  for (const auto& ind : ds.indicators()) {
    CHECK(back.findIndicator(ind.id)->label == ind.label);
    CHECK(back.findIndicator(ind.id)->unit == ind.unit);
    CHECK(back.findIndicator(ind.id)->decimals == ind.decimals);
  }
  // Text that needs escaping survives too.
  ds.source.name = "Bron \"A\" \\ B – Súdwest-Fryslân";
  CHECK(data::readDataset(data::writeDataset(ds)).source.name == ds.source.name);
}
