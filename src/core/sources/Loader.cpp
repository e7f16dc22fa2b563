#include "sources/Loader.hpp"

#include <algorithm>
#include <functional>

#include "Error.hpp"
#include "sources/CbsCatalog.hpp"

namespace raadsbrief::sources {
namespace fs = std::filesystem;

namespace {

bool isRemote(const SourceSpec& spec) {
  return spec.kind == SourceSpec::Kind::ReportingApi || spec.kind == SourceSpec::Kind::CbsOData;
}

bool sameSource(const SourceSpec& a, const SourceSpec& b) { return a.kind == b.kind && a.location == b.location; }

}  // namespace

SourceList::SourceList() : specs_{SourceSpec{}}, texts_{std::string()} {}

SourceList SourceList::parse(const std::string& lines) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= lines.size()) {
    const std::size_t end = std::min(lines.find('\n', start), lines.size());
    std::string line = lines.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) items.push_back(line);
    start = end + 1;
  }
  return of(items);
}

SourceList SourceList::of(const std::vector<std::string>& sources) {
  SourceList list;
  if (sources.empty()) return list;
  list.specs_.clear();
  list.texts_.clear();
  for (const auto& text : sources) {
    list.specs_.push_back(parseSource(text));
    list.texts_.push_back(text);
  }
  return list;
}

std::vector<SourceSpec> SourceList::notAmong(const SourceList& trusted) const {
  std::vector<SourceSpec> out;
  for (const auto& spec : specs_) {
    if (spec.kind == SourceSpec::Kind::Bundled) continue;  // inside the extension: nothing to fetch
    bool known = false;
    for (const auto& t : trusted.specs_) known = known || sameSource(spec, t);
    if (!known) out.push_back(spec);
  }
  return out;
}

std::string displayName(const SourceSpec& spec) {
  return spec.kind == SourceSpec::Kind::Bundled ? "de meegeleverde voorbeeldcijfers" : spec.location;
}

Loaded loadSource(const SourceSpec& spec, const LoadPolicy& policy) {
  LoadOptions options;
  options.bundledDataset = policy.bundledDataset;
  options.http = policy.http;
  options.http.bearerToken.clear();
  options.municipalities = policy.municipalities;
  options.observations = policy.observations;
  options.spreadsheetReader = policy.spreadsheetReader;
  options.indicators = policy.indicators;
  options.earliestYear = policy.earliestYear;
  if (isRemote(spec)) {
    if (policy.insecureTls.count(spec.location) > 0) options.http.verifyTls = false;  // this source only
    // Only our reporting API takes a token; CBS StatLine is public and never gets one.
    if (spec.kind == SourceSpec::Kind::ReportingApi && policy.token)
      options.http.bearerToken = policy.token(spec.location);
  }
  return load(spec, options);
}

Figures loadFigures(const SourceList& sources, const LoadPolicy& policy, DatasetMemo* memo) {
  Figures figures;
  std::shared_ptr<model::Dataset> merged;
  for (const auto& spec : sources.specs()) {
    Loaded loaded = memo ? memo->load(spec, policy) : loadSource(spec, policy);
    figures.requests += loaded.requests;
    figures.bytesReceived += loaded.bytesReceived;
    figures.warnings.insert(figures.warnings.end(), loaded.warnings.begin(), loaded.warnings.end());
    if (figures.parts.empty()) figures.dataset = loaded.dataset;
    else {
      if (!merged) merged = std::make_shared<model::Dataset>(*figures.dataset);
      merged->supplement(*loaded.dataset);
      figures.dataset = merged;
    }
    figures.parts.push_back(std::move(loaded));
  }
  return figures;
}

DatasetMemo::DatasetMemo(std::chrono::seconds endpointFreshness) : freshness_(endpointFreshness) {}

Loaded DatasetMemo::load(const SourceSpec& spec, const LoadPolicy& policy) {
  const bool remote = isRemote(spec);
  fs::file_time_type stamp{};
  if (!remote) {
    const fs::path path = spec.kind == SourceSpec::Kind::Bundled ? policy.bundledDataset : fs::path(spec.location);
    std::error_code ec;
    stamp = fs::last_write_time(path, ec);
    if (ec) throw Error(ErrorKind::NotFound, "Dataset niet gevonden: " + path.string());
    // A CSV file of own figures is read with its indicator file: a change to either counts.
    if (spec.kind == SourceSpec::Kind::File && sheets::isSpreadsheetFile(path) && !sheets::needsSpreadsheetReader(path))
      stamp = std::max(stamp, fs::last_write_time(sheets::csvIndicatorFile(path), ec));
  }
  // Everything that changes what a load returns is part of the key; a token only as a hash.
  const bool insecure = remote && policy.insecureTls.count(spec.location) > 0;
  const std::string token =
      spec.kind == SourceSpec::Kind::ReportingApi && policy.token ? policy.token(spec.location) : "";
  // A CBS load for one memo is filtered on regions: the filter is part of what it returns.
  // The lists only (no figures) are another load again; only CBS tells them apart.
  std::string regions;
  if (spec.kind == SourceSpec::Kind::CbsOData && !policy.observations) regions = "\x1flists";
  else if (spec.kind == SourceSpec::Kind::CbsOData)
    for (const auto& code : cbsRegionFilter(policy.municipalities, policy.bundledDataset))
      regions += (regions.empty() ? "\x1fregions=" : ",") + code;
  const std::string whole = std::to_string(static_cast<int>(spec.kind)) + '\x1f' +
                            (spec.kind == SourceSpec::Kind::Bundled ? policy.bundledDataset.string() : spec.location) +
                            (policy.http.allowStaleCache ? "\x1fstale" : "") + (insecure ? "\x1finsecure" : "") +
                            (token.empty() ? "" : "\x1f" + std::to_string(std::hash<std::string>{}(token)));
  // And on what the document needs: its indicators (their tables) and earliest year.
  std::string needs;
  if (spec.kind == SourceSpec::Kind::CbsOData && !policy.indicators.empty()) {
    for (const auto& id : policy.indicators) needs += (needs.empty() ? "\x1findicators=" : ",") + id;
    needs += "\x1fyear=" + std::to_string(policy.earliestYear);
  }
  const std::string key = whole + regions + needs;
  const std::string allIndicators = whole + regions;
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  // The filtered copy, else one with every indicator of the same regions, else an unfiltered one
  // (every region, every indicator: it answers for any document).
  for (const std::string* k : {&key, &allIndicators, &whole}) {
    const auto it = entries_.find(*k);
    if (it == entries_.end()) continue;
    const bool fresh = remote ? now - it->second.loadedAt < freshness_ : it->second.stamp == stamp;
    if (fresh) {
      Loaded copy = it->second.loaded;
      copy.requests = 0;
      copy.bytesReceived = 0;
      return copy;
    }
  }
  LoadPolicy once = policy;
  if (!token.empty()) once.token = [token](const std::string&) { return token; };  // ask the provider once
  Loaded loaded = loadSource(spec, once);
  entries_[key] = {stamp, now, loaded};
  return loaded;
}

void DatasetMemo::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
}

}  // namespace raadsbrief::sources
