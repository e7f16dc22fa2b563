#pragma once
/// CBS StatLine as a source of figures: the youth-care tables 85098NED (2021 onwards) and
/// 82972NED (2015–2020, same indicators) read over OData v3 (ODataApi, ODataFeed) or OData v4 into
/// a model::Dataset. What is read, how suppressed and provisional figures, paging and the
/// 10,000-cell limit are handled: docs/cbs-statline.md.
#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "data/YouthCareRegions.hpp"
#include "model/Dataset.hpp"
#include "net/HttpClient.hpp"

namespace raadsbrief::sources {

/// One CBS measure Raadsbrief knows and the indicator it becomes. cbsMeasures() is the one table
/// of these; nothing else in the code knows CBS measure names. A measure is found in a table's own
/// metadata at run time (v4 MeasureCodes, v3 DataProperties): never by a hard-coded M-code.
struct CbsMeasure {
  std::string indicator;  ///< our id: "jeugdhulp"
  std::string v3Key;      ///< the v3 property key (TypedDataSet column), if known: "JongerenMetJeugdhulpInNatura_1"
  /// The Dutch titles of the measure, written out in full. CBS abbreviates its titles ("Jongeren
  /// met jeugdh. met verbl. in nat."): cbsTitleMatches() accepts such abbreviations.
  std::vector<std::string> titles;
  /// When the title occurs in several measure groups (85097NED has one block per form of care):
  /// the title of the group meant, somewhere up the group's chain. Empty: no preference.
  std::string group;
  /// A dimension besides RegioS and Perioden the measure is read for (85097NED:
  /// "VerwijzerJeugdzorg") and the title of the category meant ("Totaal verwijzer", "Huisarts").
  std::string dimension, category;
  std::vector<std::string> tables;  ///< the tables that have it ("85098NED", "82972NED"): missing there is reported
  std::string label;                ///< Dutch label of the indicator
  model::Unit unit = model::Unit::Percent;
  int decimals = 1;  ///< used when the table does not say (MeasureCodes.Decimals wins)
  model::Direction direction = model::Direction::Neutral;
  std::string definition;  ///< Dutch; states the denominator
};

/// The mapping table (then 85099NED's young people and trajectories per form of care, 83454NED's
/// costs in euros; docs/cbs-statline.md): 85098NED's five shares (jeugdhulp, residentieel, jeugdbescherming,
/// jeugdbescherming_verblijf, jeugdreclassering), then 85097NED's trajectories (trajecten_…),
/// each for all referrers and per referrer of VerwijzerJeugdzorg (…_gemeentelijke_toegang,
/// …_huisarts, …_jeugdarts, …_gecertificeerde_instelling, …_medisch_specialist, …_rechter,
/// …_geen_verwijzer; not "Verwijzer onbekend").
[[nodiscard]] const std::vector<CbsMeasure>& cbsMeasures();

/// The factor that turns a figure in CBS's unit into one in euros: 1000 for "x 1 000 euro" (or
/// "× € 1.000", "duizend euro"), 1e6 for millions, 1 otherwise (also for a unit that is not money).
[[nodiscard]] double cbsUnitFactor(std::string_view unit);

/// A CBS title as shown to the user: without CBS's suffix telling region kinds apart.
/// "Groningen (gemeente)" → "Groningen", "Rijk van Nijmegen (JZ)" → "Rijk van Nijmegen";
/// (PV), (LD), (CR) likewise. Other parentheses stay ("Friesland (Fryslân)").
[[nodiscard]] std::string cbsDisplayName(std::string_view title);

/// Our period id of a CBS period code: "2023JJ00" → "2023"; with `halfYears` also "2023HJ01" →
/// "2023-H1", "2023HJ02" → "2023-H2". Anything else (quarters, months, malformed) → nullopt.
[[nodiscard]] std::optional<std::string> cbsPeriodId(std::string_view code, bool halfYears);

/// The kind suffix of a CBS region title: "JZ" for "Haaglanden (JZ)", "gemeente", "PV", ...;
/// empty when there is none.
[[nodiscard]] std::string cbsRegionSuffix(std::string_view title);

/// True when CBS's `title` is `full` or an abbreviation of it: compared word by word without
/// regard to case and white space, a CBS word ending in '.' (or CBS's last word) may be the start
/// of ours ("jeugdh." for "jeugdhulp", "nat" at the end for "natura"), at least 2 letters long.
[[nodiscard]] bool cbsTitleMatches(std::string_view title, std::string_view full);

/// True when CBS's category title `title` (a code list row) is our `category`: CBS's code prefix
/// is ignored ("JH 1211 Uitgevoerd door wijkteam", "JZ Totaal jeugdzorg"), then the title must
/// match as in cbsTitleMatches(); an ellipsis at the end of ours or CBS's ("Rechter, Officier van
/// Justitie, ...") stands for any further words.
[[nodiscard]] bool cbsCategoryMatches(std::string_view title, std::string_view category);

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

/// The shape of a table Raadsbrief knows (cbsKnownShape): its region dimension and the
/// dimensions besides it and Perioden. With a shape the table's `Dimensions` are not asked for;
/// every Observations row is checked against it instead, so that a table CBS changed (a dimension
/// renamed, added or dropped) fails with a clear message rather than giving wrong figures.
struct CbsTableShape {
  std::string geo = "RegioS";           ///< 83454NED: "Regio"
  std::vector<std::string> dimensions;  ///< 85097NED: {"VerwijzerJeugdzorg"}
};

/// A code list as CBS wrote it: (Identifier as written, Title), in CBS's order.
using CbsCodeList = std::vector<std::pair<std::string, std::string>>;

/// Code lists shared by the tables of one catalog load (each table with a known shape): one
/// region list serves every table (CBS's region codes are one classification, whatever the
/// dimension is called: RegioS, Regio), one category list every table with that dimension
/// (VormenVanJeugdzorg: 85099NED and 83454NED; a category missing from the shared list is looked
/// up in the table's own list). docs/cbs-statline.md, "Fewer requests".
struct CbsSharedLists {
  std::optional<CbsCodeList> regions;
  /// The regions came from the reference data (one memo's youth-care region), not from CBS: their
  /// codes are CBS's trimmed codes, matched with startswith() where CBS may pad them ("NL01  ").
  bool regionsFromReference = false;
  std::map<std::string, CbsCodeList> categories;  ///< dimension → its code list
};

struct CbsOptions {
  int maxPages = 1000;                     ///< per entity; more is taken for a paging loop and fails
  std::size_t maxCellsPerRequest = 10000;  ///< ODataApi: rows per page × measures stays within this
  /// Every municipality's youth-care region (reference data shipped with the extension). Without
  /// it municipalities have no youth-care region: CBS's figure tables do not say which is theirs.
  const data::YouthCareRegions* youthCareRegions = nullptr;
  /// Also read half-years (2023HJ01 → period "2023-H1", provisional when CBS says "Voorlopig" or
  /// "Nader voorlopig"). Off by default: the briefing plan compares a period with the one before
  /// it, and a half-year must be compared with half-years only.
  bool halfYears = false;
  /// Above 0: only the periods of years before this one are read (a predecessor table behind a
  /// break: 82972NED with beforeYear 2021 gives 2015–2020, never a 2021 of its own). Periods left
  /// out this way are not asked for over v4 (the period filter).
  int beforeYear = 0;
  /// v4: the figures of these regions only (our codes, e.g. one memo's municipality), with NL01
  /// and the youth-care regions of the municipalities among them: a $filter on RegioS. Empty: all
  /// regions. The region code list (every municipality) is read all the same, except in a catalog
  /// load (`shared`) with `youthCareRegions`: then the dataset lists only these regions, named
  /// from the reference data (CbsSharedLists::regionsFromReference).
  std::vector<std::string> regions;
  /// false: the lists only: the table's metadata and code lists (v4 MeasureCodes, Dimensions,
  /// RegioSCodes, PeriodenCodes, ...; v3 DataProperties, RegioS, Perioden), never an Observations
  /// (TypedDataSet) request. The dataset then has every region, period and indicator of the table
  /// and no figures: what the dialogs and `raadsbrief municipalities` list. `regions` is ignored.
  bool observations = true;
  /// Only these indicators (our ids, e.g. the ones a document's fields use); the others' measures
  /// are neither resolved nor asked for. Empty: every indicator the table has.
  std::set<std::string> indicators;
  /// loadCbsCatalog only: the earliest year wanted (a document's van=/periode=); the predecessor
  /// tables (CbsCatalogTable::beforeYear) are read only when it lies before their break. 0: none
  /// named. Used only together with `indicators` (no indicators named: every table is read).
  int earliestYear = 0;
  /// The table's known shape (loadCbsCatalog: cbsKnownShape): `Dimensions` is not read, the
  /// Observations are checked against it. Empty: `Dimensions` is read (any v4 table).
  std::optional<CbsTableShape> shape;
  /// With `shape`: code lists shared with the other tables of the load (not owned). With
  /// `regions`, `youthCareRegions` and no shared region list yet, the region list is made from
  /// the reference data instead of asking CBS for it (one memo knows its regions).
  CbsSharedLists* shared = nullptr;
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

/// Reads a CBS table (see parseCbsLocation) with `client` into a Dataset: NL01, the
/// municipalities (GM….) and the youth-care regions ("… (JZ)") of the table, names without CBS's
/// suffix, every municipality's youth-care region from options.youthCareRegions, the table's years
/// (JJ00) and our indicators where the table has them (cbsMeasures(), resolved from the table's
/// metadata). Over v4 only what is used is asked for ($filter on measures, categories, regions and
/// periods when the table has more). Throws Error(Usage) for a URL that is not a CBS table,
/// Error(Source) naming the URL for an HTTP failure, malformed JSON, JSON without a "value" list, a
/// table without any of our measures (the message lists what the table has) or without years, and
/// a paging loop.
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
