#pragma once
/// Reads a dataset in the Raadsbrief dataset format (docs/dataset-format.md).
#include <filesystem>
#include <istream>
#include <optional>
#include <string>

#include "model/Dataset.hpp"

namespace raadsbrief::data {

/// Parses and validates a dataset. Throws Error(Data) naming the place of the first problem.
[[nodiscard]] model::Dataset readDataset(std::istream& in);
[[nodiscard]] model::Dataset readDataset(const std::string& json);
/// Throws Error(NotFound) when the file cannot be opened, Error(Data) when it is invalid.
[[nodiscard]] model::Dataset readDatasetFile(const std::filesystem::path& path);

/// Why `text` cannot go into a document as it is (Dutch, without the place: "te lang (meer dan 200
/// tekens)", "bevat een stuurteken (positie 3)", a bidi override, "{{"/"}}"), or nothing. Text that
/// will be written into a document must read as text; shared by every reader of untrusted figures.
[[nodiscard]] std::optional<std::string> plainTextProblem(const std::string& text, std::size_t maxLength);

/// Why `v` is not a value of `indicator`'s unit (a share is 0–100 %, a rate per 1.000 is 0–1.000,
/// counts, days, costs and scores are not negative; nothing beyond 10^12), or nothing.
[[nodiscard]] std::optional<std::string> valueProblem(double v, const model::Indicator& indicator);

}  // namespace raadsbrief::data
