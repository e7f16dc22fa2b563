#pragma once
/// The reporting API v1 (docs/reporting-api.md) over one immutable dataset, as a pure function
/// from a request (method, target, headers) to a response (status, headers, body). No sockets and
/// no UNO here: ReportServer puts it behind Poco's HTTPServer, the tests can call it directly.
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/Dataset.hpp"

namespace raadsbrief::reportd {

using Headers = std::vector<std::pair<std::string, std::string>>;

/// The first value of header `name` (case-insensitive), if any.
[[nodiscard]] std::optional<std::string> findHeader(const Headers& headers, std::string_view name);

struct ApiRequest {
  std::string method = "GET";
  std::string target;  ///< the request-target as received: "/api/v1/dataset?regions=GM0546,NL01"
  Headers headers;     ///< as received; names are compared case-insensitively
};

struct ApiResponse {
  int status = 200;
  Headers headers;   ///< Content-Type, Content-Length (not on 304), ETag, Last-Modified, ...
  std::string body;  ///< empty for HEAD and 304; gzip-compressed when Content-Encoding says so

  [[nodiscard]] std::optional<std::string> header(std::string_view name) const { return findHeader(headers, name); }
};

struct ApiOptions {
  std::string bearerToken;                 ///< empty: no authentication
  std::string basePath = "/api/v1";        ///< without a trailing slash
  std::size_t maxTargetLength = 8192;      ///< longer request-target: 414
  std::size_t maxHeaderBytes = 16 * 1024;  ///< all header names and values together; more: 431
};

/// Serves one dataset. Immutable after construction; handle() is safe from any number of threads.
class ReportingApi {
 public:
  /// `lastModified` is the dataset's time (its file's mtime): Last-Modified and If-Modified-Since.
  ReportingApi(model::Dataset dataset, std::chrono::system_clock::time_point lastModified, ApiOptions options = {});
  ~ReportingApi();
  ReportingApi(const ReportingApi&) = delete;
  ReportingApi& operator=(const ReportingApi&) = delete;

  [[nodiscard]] ApiResponse handle(const ApiRequest& request) const;

  [[nodiscard]] const model::Dataset& dataset() const noexcept { return dataset_; }
  [[nodiscard]] const ApiOptions& options() const noexcept { return options_; }
  /// The Last-Modified value: an HTTP date ("Tue, 25 Nov 2026 10:00:00 GMT").
  [[nodiscard]] const std::string& lastModifiedHttpDate() const noexcept { return lastModifiedText_; }

 private:
  struct Rendered;
  ApiResponse respond(const ApiRequest& request) const;
  /// The body of `endpoint` ("" is the discovery document) for a checked query; throws on
  /// unknown codes.
  [[nodiscard]] std::shared_ptr<const Rendered> render(const std::string& endpoint,
                                                       const std::map<std::string, std::string>& query) const;

  model::Dataset dataset_;
  std::chrono::system_clock::time_point lastModified_;  ///< truncated to seconds
  std::string lastModifiedText_;
  ApiOptions options_;
  std::map<std::string, std::shared_ptr<const Rendered>> unfiltered_;  ///< per endpoint, made once
};

/// Reads and validates a dataset file (data::readDatasetFile) and takes its mtime as the
/// dataset's time. Throws Error(NotFound) or Error(Data).
[[nodiscard]] std::unique_ptr<ReportingApi> loadReportingApi(const std::filesystem::path& datasetFile,
                                                             ApiOptions options = {});

}  // namespace raadsbrief::reportd
