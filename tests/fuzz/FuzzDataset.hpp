#pragma once
/// The body of the dataset fuzz target, shared by fuzz_dataset (libFuzzer) and fuzz_replay.
/// Feeds the bytes to readDataset. A raadsbrief::Error is the expected answer to a bad dataset;
/// any other exception escapes (the callers report it as a finding), as does a broken invariant.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "Error.hpp"
#include "data/DatasetReader.hpp"
#include "model/Dataset.hpp"

namespace raadsbrief::fuzz {

inline void fuzzCheck(bool ok, const char* what) {
  if (!ok) throw std::logic_error(std::string("fuzz invariant broken: ") + what);
}

/// Walks an accepted dataset the way the briefing code does, checking what the reader promises.
inline void exerciseDataset(const model::Dataset& ds) {
  fuzzCheck(!ds.periods().empty(), "an accepted dataset has periods");
  fuzzCheck(ds.country() != nullptr, "an accepted dataset has a country");
  for (std::size_t i = 0; i < ds.periods().size(); ++i) {
    const auto& p = ds.periods()[i];
    fuzzCheck(ds.findPeriod(p.id) == &p, "findPeriod finds every period");
    fuzzCheck(ds.periodIndex(p.id) == static_cast<int>(i), "periodIndex matches the order");
  }
  for (const auto& ind : ds.indicators()) {
    fuzzCheck(ds.findIndicator(ind.id) == &ind, "findIndicator finds every indicator");
    fuzzCheck(ind.decimals >= 0 && ind.decimals <= 3, "decimals are 0..3");
    (void)model::toString(ind.unit);
    (void)model::toString(ind.direction);
  }
  // A bounded sample of the observation grid: the input is small, the grid is not.
  constexpr std::size_t kSample = 8;
  for (std::size_t r = 0; r < ds.regions().size(); ++r) {
    const auto& region = ds.regions()[r];
    fuzzCheck(ds.findRegion(region.code) == &region, "findRegion finds every region");
    (void)ds.hasFigures(region.code);
    if (r >= kSample) continue;
    for (std::size_t i = 0; i < ds.indicators().size() && i < kSample; ++i)
      for (std::size_t p = 0; p < ds.periods().size() && p < kSample; ++p) {
        const auto o = ds.observation(region.code, ds.indicators()[i].id, ds.periods()[p].id);
        if (o.state == model::Observation::State::Suppressed) fuzzCheck(o.value == 0.0, "suppressed is not a figure");
      }
  }
  // Looking up a municipality either finds one or says so with Error(NotFound).
  for (const auto& region : ds.regions()) {
    if (region.kind != model::RegionKind::Municipality) continue;
    fuzzCheck(ds.municipality(region.code).kind == model::RegionKind::Municipality,
              "a municipality is found by its code");
    try {
      (void)ds.municipality(region.name + "x");
    } catch (const Error& e) {
      fuzzCheck(e.kind() == ErrorKind::NotFound, "an unknown municipality is NotFound");
    }
    break;
  }
}

/// One fuzz input. Returns normally for a valid dataset and for Error(Data).
inline void fuzzDataset(const std::uint8_t* data, std::size_t size) {
  const std::string json(reinterpret_cast<const char*>(data), size);
  model::Dataset ds;
  try {
    ds = data::readDataset(json);
  } catch (const Error& e) {
    fuzzCheck(e.kind() == ErrorKind::Data, "readDataset only throws Error(Data)");
    return;
  }
  exerciseDataset(ds);
}

}  // namespace raadsbrief::fuzz
