#pragma once
/// CBS StatLine as a source of figures: the youth-care tables 85098NED (2021 onwards) and
/// 82972NED (2015–2020, same indicators) read over OData v3 (ODataApi, ODataFeed) or OData v4 into
/// a model::Dataset. What is read, how suppressed and provisional figures, paging and the
/// 10,000-cell limit are handled: docs/cbs-statline.md.
#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/Dataset.hpp"
#include "net/HttpClient.hpp"

namespace raadsbrief::sources {

/// One CBS measure Raadsbrief knows and the indicator it becomes. cbsMeasures() is the one table
/// of these; nothing else in the code knows CBS measure names.
struct CbsMeasure {
  std::string_view indicator;  ///< our id: "jeugdhulp"
  std::string_view v3Key;      ///< the v3 property key (TypedDataSet column): "JongerenMetJeugdhulpInNatura_1"
  /// The Dutch titles CBS gives the measure (v3 DataProperties.Title, v4 MeasureCodes.Title).
  /// v4 has no v3 key: its measures (M001534, ...) are matched on these, compared without regard
  /// to case and runs of white space. Unused slots are empty.
  std::array<std::string_view, 3> titles;
  std::string_view label;  ///< Dutch label of the indicator
  model::Unit unit = model::Unit::Percent;
  int decimals = 1;
  model::Direction direction = model::Direction::Neutral;
  std::string_view definition;
};

/// The mapping table: jeugdhulp, residentieel, jeugdbescherming, jeugdreclassering.
[[nodiscard]] const std::vector<CbsMeasure>& cbsMeasures();

/// Which OData service a CBS table URL points at.
enum class CbsApi {
  V3Api,   ///< …/ODataApi/odata/<TABLE>: at most 10,000 cells per request, we page with $top/$skip
  V3Feed,  ///< …/ODataFeed/odata/<TABLE>: bulk, server-driven paging (odata.nextLink)
  V4,      ///< …/CBS/<TABLE>: Observations + code lists, server-driven paging (@odata.nextLink)
};

struct CbsTableRef {
  CbsApi api = CbsApi::V4;
  std::string location;  ///< the table URL without trailing '/', query or fragment
  std::string table;     ///< the last path segment: "85098NED"
};

/// Recognises a CBS table URL (any host). Throws Error(Usage) for anything else.
[[nodiscard]] CbsTableRef parseCbsLocation(const std::string& url);

struct CbsOptions {
  int maxPages = 1000;                    ///< per entity; more is taken for a paging loop and fails
  std::size_t maxCellsPerRequest = 10000;  ///< ODataApi: rows per page × measures stays within this
};

struct CbsLoaded {
  model::Dataset dataset;
  /// Dutch notes on what was left out: CBS measures Raadsbrief does not use, codes in the
  /// figures that the code lists do not know. Never fatal.
  std::vector<std::string> warnings;
  /// v4 only: ValueAttribute → number of cells without a value that were taken as suppressed.
  std::map<std::string, int> suppressedByAttribute;
  int requests = 0;               ///< HTTP requests made (retries and redirects included)
  std::size_t bytesReceived = 0;  ///< bytes read from the network
};

/// Reads a CBS table (see parseCbsLocation) with `client` into a Dataset: NL01 and the
/// municipalities (GM….) of the table, its years (JJ00) and our four indicators where the table has
/// them. Throws Error(Usage) for a URL that is not a CBS table, Error(Source) naming the URL for an
/// HTTP failure, malformed JSON, JSON without a "value" list, a table without any of our measures
/// or without years, and a paging loop.
[[nodiscard]] CbsLoaded loadCbsTable(const std::string& url, net::HttpClient& client, const CbsOptions& options = {});

/// Where the OData pages of a table come from. loadCbsTable(url, client) reads them over HTTP;
/// tests and the fuzz target (tests/fuzz/FuzzCbs.hpp) serve them without a network.
class CbsPageSource {
 public:
  virtual ~CbsPageSource() = default;
  /// The JSON body at `url` (absolute). Throws Error(Source) naming the URL when there is none,
  /// worded like net::HttpClient ("Bron <url>: HTTP 404"), which the ODataApi paging relies on.
  virtual std::string get(const std::string& url) = 0;
};

/// loadCbsTable with the pages taken from `pages` instead of HTTP: the same parsing, paging and
/// checks; requests and bytesReceived stay 0, source.retrieved and source.staleFrom empty.
[[nodiscard]] CbsLoaded loadCbsTable(const std::string& url, CbsPageSource& pages, const CbsOptions& options = {});

}  // namespace raadsbrief::sources
