#pragma once
/// Where a briefing's figures come from, chosen per document: the bundled dataset, a dataset file,
/// a reporting endpoint of our API (docs/reporting-api.md), or a CBS StatLine table over OData
/// v3/v4 (docs/cbs-statline.md).
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "model/Dataset.hpp"
#include "net/HttpClient.hpp"
#include "sheets/OwnFigures.hpp"

namespace raadsbrief::sources {

struct SourceSpec {
  enum class Kind { Bundled, File, ReportingApi, CbsOData };
  Kind kind = Kind::Bundled;
  std::string location;  ///< file path (File) or base URL without trailing '/' (ReportingApi, CbsOData)
};

/// "bundled" or "" → Bundled; "file:///x.json" or "/x.json" → File (also own figures: a path
/// ending in .ods, .xlsx or .csv, see sheets::isSpreadsheetFile); "cbs" (CBS's v4 catalog),
/// "http(s)://…/CBS" (a v4 catalog), "http(s)://…/ODataApi/odata/T", "…/ODataFeed/odata/T" or
/// "…/CBS/T" → CbsOData; any other http(s) URL → ReportingApi.
/// Throws Error(Usage) for anything else (relative paths must be made absolute by the caller).
[[nodiscard]] SourceSpec parseSource(const std::string& text);

struct LoadOptions {
  std::filesystem::path bundledDataset;  ///< the dataset shipped with the extension
  net::HttpOptions http;                 ///< for endpoints (timeouts, cache, token, stale fallback)
  /// The municipalities the figures are for (names or codes as the user gave them), see
  /// LoadPolicy::municipalities. Only a CBS source uses it; empty: every region.
  std::vector<std::string> municipalities;
  /// false: the lists only (LoadPolicy::observations); only a CBS source uses it.
  bool observations = true;
  /// Reads an .ods/.xlsx file of own figures (docs/own-figures.md); the UNO layer's, through
  /// LibreOffice. Empty in the core alone: such a file is then an Error(Usage); CSV needs none.
  sheets::SpreadsheetReader spreadsheetReader;
  /// The indicators and the earliest year the figures are for, see LoadPolicy::indicators and
  /// LoadPolicy::earliestYear. Only a CBS source uses them; empty: every indicator.
  std::set<std::string> indicators;
  int earliestYear = 0;
};

struct Loaded {
  std::shared_ptr<const model::Dataset> dataset;
  int requests = 0;                   ///< HTTP requests made (0 for files)
  std::size_t bytesReceived = 0;      ///< bytes read from the network
  std::vector<std::string> warnings;  ///< things skipped on the way (e.g. CBS measures we do not use)
};

/// True for a host that names this machine's loopback interface: "localhost", 127.0.0.0/8 and
/// [::1] (as written in a URL; no name is resolved).
[[nodiscard]] bool isLoopbackHost(const std::string& host);

/// Warnings the user must see about a source before its figures are used: a plain-http address
/// of another machine (figures and token travel unencrypted and can be read or changed on the
/// way). Empty for https, files, the bundled data and http on loopback. Dutch, one line each,
/// without a prefix: the CLI prints "raadsbrief: let op: …", the service's summary "Let op: …".
[[nodiscard]] std::vector<std::string> securityWarnings(const SourceSpec& spec);

/// Loads the figures of a source. A reporting endpoint is asked for its whole dataset in one
/// request (GET <base>/dataset), revalidated through the HTTP cache. The dataset's SourceInfo
/// records where it came from (location) and when it was fetched; a stale cached copy is marked
/// (SourceInfo::staleFrom) so documents say so. Throws Error(NotFound/Data/Source/Usage).
[[nodiscard]] Loaded load(const SourceSpec& spec, const LoadOptions& options);

}  // namespace raadsbrief::sources
