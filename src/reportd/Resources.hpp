#pragma once
/// What the reporting API answers (docs/reporting-api.md): the JSON body of each endpoint for one
/// dataset and a checked query, and the error body. No HTTP here (ReportingApi decides status,
/// caching and encoding; HttpSemantics knows the rules).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ReportingApi.hpp"
#include "model/Dataset.hpp"

namespace raadsbrief::reportd {

/// An API error: becomes {"error": {"code": ..., "message": ...}} with `status`.
struct ApiError {
  int status;
  std::string code;
  std::string message;
  Headers extraHeaders = {};
};

/// The query's lists, checked against the dataset (unknown codes: ApiError 404); nullopt where a
/// parameter was not given.
struct Filters {
  std::optional<std::vector<std::string>> indicators, regions, periods;
};
[[nodiscard]] Filters filters(const model::Dataset& ds, const std::map<std::string, std::string>& query);

/// Allowed query parameters per endpoint ("" is the discovery document).
[[nodiscard]] const std::map<std::string, std::vector<std::string>>& endpoints();
/// "toegestaan: a, b" for an error message.
[[nodiscard]] std::string allowedList(const std::vector<std::string>& allowed);

/// {"error": {"code": …, "message": …}}
[[nodiscard]] std::string errorBody(const std::string& code, const std::string& message);
[[nodiscard]] std::string renderDiscovery(const model::Dataset& ds);
/// The dataset format (docs/dataset-format.md), written by the one dataset writer. Filters narrow
/// `observations` only: the periods, indicators and regions lists are always complete.
[[nodiscard]] std::string renderDataset(const model::Dataset& ds, const Filters& f);
[[nodiscard]] std::string renderIndicators(const model::Dataset& ds);
[[nodiscard]] std::string renderPeriods(const model::Dataset& ds);
/// Throws ApiError 400 for an unknown `kind`.
[[nodiscard]] std::string renderRegions(const model::Dataset& ds, const std::map<std::string, std::string>& query);
/// One entry per indicator × region × period asked for: indicators and regions in the order
/// asked, periods in the order asked or, without `periods`, all of them oldest first. Throws
/// ApiError 400 without `indicators` or `regions`.
[[nodiscard]] std::string renderObservations(const model::Dataset& ds, const Filters& f);

}  // namespace raadsbrief::reportd
