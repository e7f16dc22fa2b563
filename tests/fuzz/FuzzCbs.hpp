#pragma once
/// The body of the CBS OData fuzz target, shared by fuzz_cbs (libFuzzer) and fuzz_replay.
/// Serves the bytes as the pages of a CBS table to sources::loadCbsTable (no network). A
/// raadsbrief::Error(Source) is the expected answer to a bad table; any other exception escapes
/// (the callers report it as a finding), as does a broken invariant of the loaded dataset.
///
/// Input format (docs/reliability.md, "Fuzzing"):
///   byte 0      the table URL, byte % 3: 0 = OData v4     https://odata4.cbs.nl/CBS/85098NED
///                                        1 = v3 ODataFeed https://opendata.cbs.nl/ODataFeed/odata/82972NED
///                                        2 = v3 ODataApi  https://opendata.cbs.nl/ODataApi/odata/82972NED
///   then        sections. A section starts with a line "@@ KEY" (at byte 1 or right after a '\n');
///               its body is everything up to the '\n' before the next "@@ " line (or the end).
///               Bytes before the first section are ignored.
///   KEY         the requested URL relative to the table URL and '/': "MeasureCodes",
///               "Observations?$skip=12", "DataProperties?$format=json",
///               "TypedDataSet?$format=json&$top=4&$skip=0" (ODataApi pages of 20 cells).
///               The first section with a key wins.
///   body        the page, normally OData JSON. A body starting with "!HTTP " is an HTTP failure:
///               "!HTTP 500" answers Error(Source) "Bron <url>: HTTP 500" (as net::HttpClient words
///               it; the ODataApi halves its page on that). A URL without a section answers
///               "Bron <url>: HTTP 404".
/// v4 asks for MeasureCodes, RegioSCodes, PeriodenCodes, Observations; v3 for DataProperties,
/// RegioS, Perioden, TypedDataSet (each with "?$format=json"); next links are followed.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include "Error.hpp"
#include "model/Dataset.hpp"
#include "sources/CbsOData.hpp"

namespace raadsbrief::fuzz {

inline void cbsCheck(bool ok, const char* what) {
  if (!ok) throw std::logic_error(std::string("fuzz invariant broken: ") + what);
}

/// The table URLs the first input byte chooses from.
inline const char* cbsFuzzTable(std::uint8_t selector) {
  switch (selector % 3) {
    case 0: return "https://odata4.cbs.nl/CBS/85098NED";
    case 1: return "https://opendata.cbs.nl/ODataFeed/odata/82972NED";
    default: return "https://opendata.cbs.nl/ODataApi/odata/82972NED";
  }
}

/// Pages keyed by their URL relative to the table, split from the fuzz input.
class FuzzCbsPages final : public sources::CbsPageSource {
 public:
  FuzzCbsPages(std::string table, std::string_view sections) : prefix_(std::move(table) + "/") {
    constexpr std::string_view kHeader = "@@ ";
    std::size_t at = 0;
    // The first header: at the start or after a newline.
    while (at < sections.size() && sections.compare(at, kHeader.size(), kHeader) != 0) {
      const auto nl = sections.find('\n', at);
      if (nl == std::string_view::npos) return;
      at = nl + 1;
    }
    while (at < sections.size()) {
      const auto keyStart = at + kHeader.size();
      const auto keyEnd = sections.find('\n', keyStart);
      std::string key(
          sections.substr(keyStart, keyEnd == std::string_view::npos ? std::string_view::npos : keyEnd - keyStart));
      if (!key.empty() && key.back() == '\r') key.pop_back();
      if (keyEnd == std::string_view::npos) {
        pages_.emplace(std::move(key), std::string());
        return;
      }
      const auto bodyStart = keyEnd + 1;
      auto next = sections.find("\n@@ ", keyEnd);
      const std::string_view body =
          sections.substr(bodyStart, next == std::string_view::npos ? std::string_view::npos : next - bodyStart);
      pages_.emplace(std::move(key), std::string(body));  // the first section with a key wins
      if (next == std::string_view::npos) return;
      at = next + 1;
    }
  }

  std::string get(const std::string& url) override {
    if (++requests_ > 10000) throw std::logic_error("fuzz invariant broken: more than 10000 page requests");
    auto it = url.rfind(prefix_, 0) == 0 ? pages_.find(url.substr(prefix_.size())) : pages_.end();
    if (it == pages_.end() && url.rfind(prefix_, 0) == 0) it = pages_.find(withoutFilter(url.substr(prefix_.size())));
    if (it == pages_.end()) throw Error(ErrorKind::Source, "Bron " + url + ": HTTP 404");
    if (it->second.rfind("!HTTP ", 0) == 0) {
      std::string_view status(it->second);
      status = status.substr(6, std::min(status.find('\n'), std::size_t{206}) - 6);  // the first line
      throw Error(ErrorKind::Source, "Bron " + url + ": HTTP " + std::string(status));
    }
    return it->second;
  }

 private:
  /// "Observations?$filter=…&$skip=5" → "Observations?$skip=5": a section may leave out the
  /// $filter the adapter sends (v4 asks only for the regions, measures and periods it uses).
  static std::string withoutFilter(std::string key) {
    const auto at = key.find("$filter=");
    if (at == std::string::npos || at == 0) return key;
    const auto end = key.find('&', at);
    if (end == std::string::npos) return key.substr(0, at - 1);  // drop the '?' or '&' before it
    return key.substr(0, at) + key.substr(end + 1);
  }

  std::string prefix_;
  std::map<std::string, std::string> pages_;
  int requests_ = 0;
};

/// What loadCbsTable promises about a dataset it returns.
inline void exerciseCbs(const sources::CbsLoaded& loaded, const std::string& table) {
  const model::Dataset& ds = loaded.dataset;
  cbsCheck(ds.source.location == table, "source.location is the table");
  cbsCheck(!ds.source.name.empty() && !ds.source.demo, "a CBS source is named and not demo");
  cbsCheck(!ds.indicators().empty(), "a loaded table has at least one of our indicators");
  for (const auto& ind : ds.indicators()) {
    cbsCheck(ds.findIndicator(ind.id) == &ind, "findIndicator finds every indicator");
    bool ours = false;
    for (const auto& m : sources::cbsMeasures()) ours = ours || ind.id == m.indicator;
    cbsCheck(ours, "every indicator is one of cbsMeasures()");
  }
  cbsCheck(!ds.periods().empty(), "a loaded table has years");
  for (std::size_t i = 0; i < ds.periods().size(); ++i) {
    const auto& p = ds.periods()[i];
    cbsCheck(
        p.id.size() == 4 && std::all_of(p.id.begin(), p.id.end(), [](unsigned char c) { return c >= '0' && c <= '9'; }),
        "a period is a year of four digits");
    cbsCheck(i == 0 || ds.periods()[i - 1].id < p.id, "years ascend");
    cbsCheck(ds.findPeriod(p.id) == &p, "findPeriod finds every period");
  }
  for (const auto& region : ds.regions()) {
    cbsCheck(ds.findRegion(region.code) == &region, "findRegion finds every region");
    const bool country = region.code == "NL01" && region.kind == model::RegionKind::Country;
    const bool municipality =
        region.code.size() == 6 && region.code.rfind("GM", 0) == 0 && region.kind == model::RegionKind::Municipality;
    const bool youthCareRegion = region.kind == model::RegionKind::YouthCareRegion && !region.code.empty();
    cbsCheck(country || municipality || youthCareRegion, "regions are NL01, GM codes and youth-care regions");
    cbsCheck(!region.name.empty(), "a region has a name");
    for (const auto& ind : ds.indicators())
      for (const auto& p : ds.periods()) {
        const auto o = ds.observation(region.code, ind.id, p.id);
        if (o.state == model::Observation::State::Value) cbsCheck(std::isfinite(o.value), "a figure is finite");
        if (o.state == model::Observation::State::Suppressed) cbsCheck(o.value == 0.0, "suppressed is not a figure");
      }
  }
  for (const auto& [attribute, count] : loaded.suppressedByAttribute)
    cbsCheck(count > 0 && !attribute.empty() && attribute != "None", "suppressedByAttribute counts real attributes");
  cbsCheck(loaded.requests == 0 && loaded.bytesReceived == 0, "no HTTP bookkeeping without HTTP");
}

/// One fuzz input. Returns normally for a loaded table and for Error(Source).
inline void fuzzCbs(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const std::string table = cbsFuzzTable(data[0]);
  FuzzCbsPages pages(table, std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  sources::CbsOptions options;
  options.maxPages = 8;             // per entity: enough for paging, small enough to stay fast
  options.maxCellsPerRequest = 20;  // ODataApi pages of a few rows, so paging is reachable
  sources::CbsLoaded loaded;
  try {
    loaded = sources::loadCbsTable(table, pages, options);
  } catch (const Error& e) {
    cbsCheck(e.kind() == ErrorKind::Source, "loadCbsTable only throws Error(Source) for a CBS URL");
    return;
  }
  exerciseCbs(loaded, table);
}

}  // namespace raadsbrief::fuzz
