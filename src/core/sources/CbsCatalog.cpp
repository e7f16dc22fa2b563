#include "sources/CbsCatalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include "Error.hpp"
#include "data/YouthCareRegions.hpp"
#include "sources/CbsDerived.hpp"
#include "text/Search.hpp"
#include "util/Text.hpp"

namespace raadsbrief::sources {

const std::vector<CbsCatalogTable>& cbsCatalogTables() {
  // The predecessors come last: a figure of a newer table always wins, and they are read only for
  // the years before the 2021 break.
  static const std::vector<CbsCatalogTable> tables{
      {"85098NED", true, 0},     {"85097NED", false, 0},    {"85099NED", false, 0},   {"83454NED", false, 0},
      {"82972NED", false, 2021}, {"82970NED", false, 2021}, {"84134NED", false, 2021}};
  return tables;
}

std::optional<CbsTableShape> cbsKnownShape(const std::string& table) {
  if (table == "85098NED") return CbsTableShape{"RegioS", {}};
  if (table == "85097NED") return CbsTableShape{"RegioS", {"VerwijzerJeugdzorg"}};
  if (table == "85099NED") return CbsTableShape{"RegioS", {"VormenVanJeugdzorg"}};
  if (table == "83454NED") return CbsTableShape{"Regio", {"VormenVanJeugdzorg"}};
  return std::nullopt;
}

bool isCbsCatalog(const std::string& url) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) return false;
  if (url.find_first_of("?#") != std::string::npos) return false;
  std::string base = url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::size_t authority = base.find("://") + 3;
  const std::size_t path = base.find('/', authority);
  return path != std::string::npos && base.size() >= 4 && base.compare(base.size() - 4, 4, "/CBS") == 0;
}

namespace {

/// Optional tables a host answered 404 for (their URL, when): not asked again for an hour, so
/// that every memo does not pay a request for a table the host lacks. Kept in this process and,
/// with an HTTP cache, in `<cacheDir>/cbs-missing-tables.tsv` (URL, tab, Unix time; one a line)
/// for the next process (the CLI starts a new office for each run).
struct MissingTables {
  std::mutex mutex;
  std::map<std::string, std::int64_t> since;  // URL → Unix time of the 404
};

MissingTables& missingTables() {
  static MissingTables missing;
  return missing;
}

constexpr std::int64_t kMissingTableSeconds = 3600;

std::int64_t unixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::filesystem::path missingTablesFile(const std::optional<std::filesystem::path>& cacheDir) {
  return cacheDir ? *cacheDir / "cbs-missing-tables.tsv" : std::filesystem::path();
}

/// Reads the file into the process's list (newer entries win).
void readMissing(MissingTables& m, const std::filesystem::path& file) {
  if (file.empty()) return;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    try {
      const std::int64_t when = std::stoll(line.substr(tab + 1));
      auto& known = m.since[line.substr(0, tab)];
      known = std::max(known, when);
    } catch (const std::exception&) {
      continue;  // a damaged line: that table is simply asked again
    }
  }
}

bool knownMissing(const std::string& url, const std::optional<std::filesystem::path>& cacheDir) {
  MissingTables& m = missingTables();
  const std::lock_guard lock(m.mutex);
  readMissing(m, missingTablesFile(cacheDir));
  const auto it = m.since.find(url);
  return it != m.since.end() && unixNow() - it->second < kMissingTableSeconds;
}

void rememberMissing(const std::string& url, const std::optional<std::filesystem::path>& cacheDir) {
  MissingTables& m = missingTables();
  const std::lock_guard lock(m.mutex);
  m.since[url] = unixNow();
  const std::filesystem::path file = missingTablesFile(cacheDir);
  if (file.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  std::ofstream out(file, std::ios::app);
  out << url << '\t' << m.since[url] << '\n';  // best effort: without it the table is asked again
}

bool delivers(const CbsMeasure& m, const std::string& table) {
  return std::find(m.tables.begin(), m.tables.end(), table) != m.tables.end();
}

}  // namespace

std::set<std::string> cbsIndicatorsWithInputs(const std::set<std::string>& indicators) {
  std::set<std::string> out = indicators;
  for (const auto& d : cbsDerivedFigures())
    if (indicators.count(d.indicator)) {
      out.insert(d.numerator);
      out.insert(d.denominator);
    }
  return out;
}

std::vector<CbsCatalogTable> cbsCatalogTablesFor(const std::set<std::string>& indicators, int earliestYear) {
  if (indicators.empty()) return cbsCatalogTables();
  const std::set<std::string> wanted = cbsIndicatorsWithInputs(indicators);
  std::vector<CbsCatalogTable> out;
  for (const auto& t : cbsCatalogTables()) {
    if (t.beforeYear > 0 && (earliestYear <= 0 || earliestYear >= t.beforeYear)) continue;
    const bool needed = std::any_of(cbsMeasures().begin(), cbsMeasures().end(), [&](const CbsMeasure& m) {
      return wanted.count(m.indicator) && delivers(m, t.table);
    });
    if (needed || t.required) out.push_back(t);
  }
  return out;
}

CbsLoaded loadCbsCatalog(const std::string& catalog, net::HttpClient& client, const CbsOptions& options) {
  std::string base = catalog;
  while (!base.empty() && base.back() == '/') base.pop_back();
  CbsLoaded out;
  bool first = true;
  CbsSharedLists shared;  // one region list, one list per category dimension, for the known tables
  const std::set<std::string> wanted =
      options.indicators.empty() ? std::set<std::string>{} : cbsIndicatorsWithInputs(options.indicators);
  for (const auto& t : cbsCatalogTablesFor(options.indicators, options.earliestYear)) {
    const std::string url = base + "/" + t.table;
    const auto unavailable = [&] {
      out.warnings.push_back(
          fmt::format("CBS-tabel {} is niet beschikbaar bij {}; de cijfers ervan ontbreken", t.table, base));
    };
    if (!t.required && knownMissing(url, client.options().cacheDir)) {
      unavailable();
      continue;
    }
    CbsLoaded table;
    try {
      CbsOptions tableOptions = options;
      tableOptions.beforeYear = t.beforeYear;
      tableOptions.indicators = wanted;
      tableOptions.shape = cbsKnownShape(t.table);
      tableOptions.shared = &shared;
      // The required table is read even when the document needs none of its figures (it is the
      // dataset's main source): then with all of them, so that it has something to read.
      if (t.required && std::none_of(cbsMeasures().begin(), cbsMeasures().end(), [&](const CbsMeasure& m) {
            return wanted.count(m.indicator) && delivers(m, t.table);
          }))
        tableOptions.indicators.clear();
      table = loadCbsTable(url, client, tableOptions);
    } catch (const Error& e) {
      const std::string message = e.what();
      const bool notFound =
          message.find("(HTTP 404)") != std::string::npos || message.find(": HTTP 404") != std::string::npos;
      if (t.required || !notFound) throw;
      rememberMissing(url, client.options().cacheDir);
      unavailable();
      continue;
    }
    out.requests += table.requests;
    out.bytesReceived += table.bytesReceived;
    for (auto& w : table.warnings) out.warnings.push_back(std::move(w));
    for (const auto& [attribute, n] : table.suppressedByAttribute) out.suppressedByAttribute[attribute] += n;
    if (first) {
      out.dataset = std::move(table.dataset);
      first = false;
    } else {
      out.dataset.supplement(table.dataset);
    }
  }
  // Cost per young person and per trajectory, computed from the tables read (CbsDerived.hpp): a
  // supplement of its own, so that the source note says they are computed by Raadsbrief.
  const model::Dataset derived = cbsDerivedDataset(out.dataset);
  if (!derived.indicators().empty()) out.dataset.supplement(derived);
  return out;
}

namespace {

/// A municipality of the reference as the user names it: its code or name (case aside), or a
/// name people use for it (text::officialNameFor). nullptr when the reference does not know it.
const data::MunicipalityRef* referenceMunicipality(const data::YouthCareRegions& reference, const std::string& given) {
  const std::string wanted = util::lowerAscii(util::trim(given));
  const std::string_view official = text::officialNameFor(util::trim(given));
  for (const auto& m : reference.municipalities())
    if (util::lowerAscii(m.code) == wanted || util::lowerAscii(m.name) == wanted ||
        (!official.empty() && m.name == official))
      return &m;
  return nullptr;
}

}  // namespace

std::vector<std::string> cbsRegionFilter(const std::vector<std::string>& municipalities,
                                         const data::YouthCareRegions* reference) {
  if (municipalities.empty() || reference == nullptr) return {};
  std::vector<std::string> codes{"NL01"};
  for (const auto& given : municipalities) {
    const data::MunicipalityRef* ours = referenceMunicipality(*reference, given);
    if (ours == nullptr) return {};  // unknown here: load everything, the dataset's error names it
    codes.push_back(ours->code);
    if (ours->regionCode.empty()) continue;
    codes.push_back(ours->regionCode);
    for (const auto& m : reference->municipalities())
      if (m.regionCode == ours->regionCode) codes.push_back(m.code);
  }
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

std::vector<std::string> cbsRegionFilter(const std::vector<std::string>& municipalities,
                                         const std::filesystem::path& bundledDataset) {
  if (municipalities.empty() || bundledDataset.empty()) return {};
  const std::filesystem::path file = data::youthCareRegionsFile(bundledDataset);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return {};
  const data::YouthCareRegions reference = data::YouthCareRegions::read(file);
  return cbsRegionFilter(municipalities, &reference);
}

Loaded loadCbs(const std::string& location, const LoadOptions& options) {
  net::HttpOptions http = options.http;
  http.bearerToken.clear();  // a token is for our own reporting endpoints, never for CBS
  net::HttpClient client(http);

  CbsOptions cbsOptions;
  cbsOptions.halfYears = true;  // "2023-H1" next to "2023": the plan compares a period with its own kind
  cbsOptions.observations = options.observations;  // false: metadata and code lists only
  std::vector<std::string> warnings;
  std::unique_ptr<data::YouthCareRegions> regions;
  const std::filesystem::path file = data::youthCareRegionsFile(options.bundledDataset);
  std::error_code ec;
  if (!options.bundledDataset.empty() && std::filesystem::is_regular_file(file, ec)) {
    regions = std::make_unique<data::YouthCareRegions>(data::YouthCareRegions::read(file));
    cbsOptions.youthCareRegions = regions.get();
    if (options.observations)
      cbsOptions.regions = cbsRegionFilter(options.municipalities, regions.get());  // one memo: its region only
  } else {
    warnings.push_back("het referentiebestand van de jeugdregio's ontbreekt (" + file.string() +
                       "); gemeenten hebben geen jeugdregio");
  }
  cbsOptions.indicators = options.indicators;  // one document: the tables and measures of its fields only
  cbsOptions.earliestYear = options.earliestYear;
  CbsLoaded cbs = isCbsCatalog(location) ? loadCbsCatalog(location, client, cbsOptions)
                                         : loadCbsTable(location, client, cbsOptions);
  for (auto& w : cbs.warnings) warnings.push_back(std::move(w));
  return {std::make_shared<const model::Dataset>(std::move(cbs.dataset)), cbs.requests, cbs.bytesReceived,
          std::move(warnings)};
}

}  // namespace raadsbrief::sources
