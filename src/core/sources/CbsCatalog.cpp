#include "sources/CbsCatalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <memory>

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

bool isCbsCatalog(const std::string& url) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) return false;
  if (url.find_first_of("?#") != std::string::npos) return false;
  std::string base = url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::size_t authority = base.find("://") + 3;
  const std::size_t path = base.find('/', authority);
  return path != std::string::npos && base.size() >= 4 && base.compare(base.size() - 4, 4, "/CBS") == 0;
}

CbsLoaded loadCbsCatalog(const std::string& catalog, net::HttpClient& client, const CbsOptions& options) {
  std::string base = catalog;
  while (!base.empty() && base.back() == '/') base.pop_back();
  CbsLoaded out;
  bool first = true;
  for (const auto& t : cbsCatalogTables()) {
    CbsLoaded table;
    try {
      CbsOptions tableOptions = options;
      tableOptions.beforeYear = t.beforeYear;
      table = loadCbsTable(base + "/" + t.table, client, tableOptions);
    } catch (const Error& e) {
      const std::string message = e.what();
      const bool notFound =
          message.find("(HTTP 404)") != std::string::npos || message.find(": HTTP 404") != std::string::npos;
      if (t.required || !notFound) throw;
      out.warnings.push_back(
          fmt::format("CBS-tabel {} is niet beschikbaar bij {}; de cijfers ervan ontbreken", t.table, base));
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
  std::vector<std::string> warnings;
  std::unique_ptr<data::YouthCareRegions> regions;
  const std::filesystem::path file = data::youthCareRegionsFile(options.bundledDataset);
  std::error_code ec;
  if (!options.bundledDataset.empty() && std::filesystem::is_regular_file(file, ec)) {
    regions = std::make_unique<data::YouthCareRegions>(data::YouthCareRegions::read(file));
    cbsOptions.youthCareRegions = regions.get();
    cbsOptions.regions = cbsRegionFilter(options.municipalities, regions.get());  // one memo: its region only
  } else {
    warnings.push_back("het referentiebestand van de jeugdregio's ontbreekt (" + file.string() +
                       "); gemeenten hebben geen jeugdregio");
  }
  CbsLoaded cbs = isCbsCatalog(location) ? loadCbsCatalog(location, client, cbsOptions)
                                         : loadCbsTable(location, client, cbsOptions);
  for (auto& w : cbs.warnings) warnings.push_back(std::move(w));
  return {std::make_shared<const model::Dataset>(std::move(cbs.dataset)), cbs.requests, cbs.bytesReceived,
          std::move(warnings)};
}

}  // namespace raadsbrief::sources
