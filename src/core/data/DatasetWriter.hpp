#pragma once
/// Writes a dataset in the Raadsbrief dataset format (docs/dataset-format.md): the inverse of
/// DatasetReader, and the one writer of the format: a batch's snapshot of a remote source (every
/// worker reads the same figures from a local file; the provenance stays) and the answer of
/// raadsbrief-reportd's /dataset.
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "model/Dataset.hpp"

namespace raadsbrief::data {

/// Narrows the observations written (the lists of periods, indicators and regions stay complete):
/// reportd's /dataset?regions=…&indicators=…&periods=…. nullopt = all.
struct ObservationFilter {
  std::optional<std::set<std::string>> regions, indicators, periods;
};

/// The dataset as JSON. Supplements (later sources merged in) are not written: write each
/// source on its own. Numbers are written shortest-exact, so reading gives the same doubles.
[[nodiscard]] std::string writeDataset(const model::Dataset& dataset, const ObservationFilter& filter = {});

/// Writes to `path` (temporary file + rename: complete or not there). Throws Error(Office).
void writeDatasetFile(const model::Dataset& dataset, const std::filesystem::path& path);

}  // namespace raadsbrief::data
