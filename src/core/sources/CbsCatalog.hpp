#pragma once
/// CBS StatLine as one source: the youth-care tables Raadsbrief knows, read from a v4 catalog
/// (`https://datasets.cbs.nl/odata/v1/CBS`, or any `…/odata/v1/CBS` such as a loopback mirror),
/// or a single table (v3 or v4). Youth-care regions come from the reference data shipped with the
/// extension. docs/cbs-statline.md.
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sources/CbsOData.hpp"
#include "sources/Source.hpp"

namespace raadsbrief::sources {

/// `--source cbs`: CBS's own v4 catalog.
inline constexpr const char* kCbsCatalog = "https://datasets.cbs.nl/odata/v1/CBS";

/// One table of the catalog source.
struct CbsCatalogTable {
  std::string table;  ///< "85098NED"
  bool required;      ///< a required table that cannot be read fails the load; another is left out with a warning
  int beforeYear;     ///< above 0: a predecessor behind a break, only its years before this one (CbsOptions)
};

/// The tables `--source cbs` reads, in order (the first is the dataset's main source):
/// 85098NED (required), 85097NED, 85099NED, 83454NED, then the 2015–2020 predecessors 82972NED,
/// 82970NED, 84134NED for the years before 2021 (behind the 2021 break: Indicator::seriesStart).
[[nodiscard]] const std::vector<CbsCatalogTable>& cbsCatalogTables();

/// The shape of a catalog table Raadsbrief knows (its region dimension and the dimensions
/// besides it and Perioden, from ../shared/cbs-tables.md): 85098NED, 85097NED, 85099NED, 83454NED.
/// Empty for the predecessors (their `Dimensions` is read).
[[nodiscard]] std::optional<CbsTableShape> cbsKnownShape(const std::string& table);

/// `indicators` with the inputs of the derived figures among them (kosten_per_jongere needs
/// kosten_jeugdzorg and jongeren_jeugdzorg).
[[nodiscard]] std::set<std::string> cbsIndicatorsWithInputs(const std::set<std::string>& indicators);

/// The tables of cbsCatalogTables() a load needs for `indicators` (empty: all of them): the
/// required one, and each other table that delivers one of cbsIndicatorsWithInputs(indicators)
/// (CbsMeasure::tables); a predecessor (beforeYear) only when `earliestYear` (above 0) lies before
/// its break.
[[nodiscard]] std::vector<CbsCatalogTable> cbsCatalogTablesFor(const std::set<std::string>& indicators,
                                                               int earliestYear);

/// True for a catalog URL: an http(s) URL whose path ends in "/CBS" (trailing '/' ignored).
[[nodiscard]] bool isCbsCatalog(const std::string& url);

/// Reads a catalog: the tables of cbsCatalogTablesFor(options.indicators, options.earliestYear) from
/// `<catalog>/<TABLE>` (OData v4), merged into one dataset (the first table's, the others as
/// supplements), each with only the measures of those indicators (and the derived figures' inputs).
/// A table other than a required one that the host does not have (HTTP 404) is left out with a
/// warning, and is not asked for again for an hour (the warning stays): remembered in this process
/// and, with an HTTP cache (client.options().cacheDir), in its cbs-missing-tables.tsv. The derived figures
/// (cbsDerivedDataset: cost per young person, per trajectory) are merged in last. Fewer requests
/// for the tables of cbsKnownShape: their `Dimensions` are not asked for, one region list and one
/// list per category dimension serve them all (CbsSharedLists), and for one memo
/// (options.regions with options.youthCareRegions) the regions come from the reference data.
[[nodiscard]] CbsLoaded loadCbsCatalog(const std::string& catalog, net::HttpClient& client,
                                       const CbsOptions& options = {});

/// The regions a CBS load for one memo asks figures for (CbsOptions::regions): for each of
/// `municipalities` (a name, a former or colloquial name, or a code, as the user gives it) every
/// municipality of its youth-care region in `reference` (so that region-wide fields have all
/// members), that region, and NL01; sorted, without duplicates. Empty — no filter, every region —
/// when `municipalities` is empty, there is no reference, or one of them is not in it (a typo then
/// gets the dataset's "bedoelt u …"; a municipality newer than the reference is still found).
[[nodiscard]] std::vector<std::string> cbsRegionFilter(const std::vector<std::string>& municipalities,
                                                       const data::YouthCareRegions* reference);

/// The same with the reference read from data::youthCareRegionsFile(bundledDataset); no filter
/// when that file is missing.
[[nodiscard]] std::vector<std::string> cbsRegionFilter(const std::vector<std::string>& municipalities,
                                                       const std::filesystem::path& bundledDataset);

/// sources::load for a CBS source (a catalog or one table): never sends a token to CBS; reads
/// the youth-care regions from data::youthCareRegionsFile(options.bundledDataset) (a warning when
/// that file is missing); for options.municipalities only the regions of cbsRegionFilter; with
/// options.observations false the lists only (CbsOptions::observations: no Observations request).
[[nodiscard]] Loaded loadCbs(const std::string& location, const LoadOptions& options);

}  // namespace raadsbrief::sources
