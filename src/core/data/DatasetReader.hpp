#pragma once
/// Reads a dataset in the Raadsbrief dataset format (docs/dataset-format.md).
#include <filesystem>
#include <istream>
#include <string>

#include "model/Dataset.hpp"

namespace raadsbrief::data {

/// Parses and validates a dataset. Throws Error(Data) naming the place of the first problem.
[[nodiscard]] model::Dataset readDataset(std::istream& in);
[[nodiscard]] model::Dataset readDataset(const std::string& json);
/// Throws Error(NotFound) when the file cannot be opened, Error(Data) when it is invalid.
[[nodiscard]] model::Dataset readDatasetFile(const std::filesystem::path& path);

}  // namespace raadsbrief::data
