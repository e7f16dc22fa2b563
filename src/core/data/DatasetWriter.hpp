#pragma once
/// Writes a dataset in the Raadsbrief dataset format (docs/dataset-format.md): the inverse of
/// DatasetReader. Used for a batch's snapshot of a remote source, so that every worker reads the
/// same figures from a local file and the provenance (name, retrieval date, a stale cache) stays.
#include <filesystem>
#include <string>

#include "model/Dataset.hpp"

namespace raadsbrief::data {

/// The dataset as JSON. Supplements (later sources merged in) are not written: write each
/// source on its own. Numbers are written shortest-exact, so reading gives the same doubles.
[[nodiscard]] std::string writeDataset(const model::Dataset& dataset);

/// Writes to `path` (temporary file + rename: complete or not there). Throws Error(Internal).
void writeDatasetFile(const model::Dataset& dataset, const std::filesystem::path& path);

}  // namespace raadsbrief::data
