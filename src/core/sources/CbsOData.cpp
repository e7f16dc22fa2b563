#include "sources/CbsOData.hpp"

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>
#include <unordered_map>

#include "Error.hpp"

namespace raadsbrief::sources {

const std::vector<CbsMeasure>& cbsMeasures() {
  using model::Direction;
  using model::Unit;
  // The measures of CBS tables 85098NED and 82972NED that Raadsbrief uses. Labels, units, decimals
  // and directions are those of the bundled dataset (data/demo-dataset.json). The fourth measure
  // of these tables (JeugdbeschEnJeugdhMetVerblInNat_4) and anything else is not used.
  static const std::vector<CbsMeasure> table{
      {"jeugdhulp",
       "JongerenMetJeugdhulpInNatura_1",
       {"Jongeren met jeugdhulp in natura", "Jongeren met jeugdhulp", ""},
       "Jongeren met jeugdhulp",
       Unit::Percent,
       1,
       Direction::Neutral,
       "Percentage jongeren van 0 tot 23 jaar dat in het jaar jeugdhulp in natura kreeg (zonder of met verblijf), "
       "ten opzichte van alle jongeren van 0 tot 23 jaar in het gebied."},
      {"residentieel",
       "JongerenMetJeugdhMetVerblInNat_2",
       {"Jongeren met jeugdhulp met verblijf in natura", "Jeugdhulp met verblijf in natura",
        "Jongeren met jeugdhulp met verblijf"},
       "Jeugdhulp met verblijf",
       Unit::Percent,
       1,
       Direction::LowerIsBetter,
       "Percentage van de jongeren met jeugdhulp in natura dat in het jaar jeugdhulp met verblijf kreeg, zoals "
       "pleegzorg, een gezinshuis of residentiële jeugdhulp in een instelling."},
      {"jeugdbescherming",
       "JongerenMetJeugdbescherming_3",
       {"Jongeren met jeugdbescherming", "", ""},
       "Jongeren met jeugdbescherming",
       Unit::Percent,
       1,
       Direction::LowerIsBetter,
       "Percentage jongeren tot 18 jaar met een jeugdbeschermingsmaatregel (ondertoezichtstelling of voogdij) in "
       "het jaar."},
      {"jeugdreclassering",
       "JongerenMetJeugdreclassering_5",
       {"Jongeren met jeugdreclassering", "", ""},
       "Jongeren met jeugdreclassering",
       Unit::Percent,
       2,
       Direction::LowerIsBetter,
       "Percentage jongeren van 12 tot en met 22 jaar met een jeugdreclasseringsmaatregel in het jaar."},
  };
  return table;
}

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr int kMaxPageShrinks = 6;  ///< ODataApi: halvings of the page size after a 10,000-cell error

bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string trim(std::string_view s) {
  while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
  return std::string(s);
}

/// Lower case (ASCII), trimmed, runs of white space as one space: for comparing titles.
std::string normalisedTitle(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (isSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool containsNoCase(const std::string& text, std::string_view word) {
  return normalisedTitle(text).find(word) != std::string::npos;
}

/// A string field of a row, trimmed; empty when absent, null or not a string.
std::string text(const Object::Ptr& row, const std::string& name) {
  if (!row || !row->has(name)) return {};
  const Var& v = row->get(name);
  if (v.isEmpty() || !v.isString()) return {};
  return trim(v.extract<std::string>());
}

/// The code of a code-list row: v3 dimension entities use Key, v4 code lists Identifier.
std::string code(const Object::Ptr& row) {
  std::string c = text(row, "Key");
  return c.empty() ? text(row, "Identifier") : c;
}

/// "2022JJ00" → "2022"; anything else (quarters, months, malformed) → nullopt.
std::optional<std::string> yearOf(const std::string& period) {
  if (period.size() != 8 || period.compare(4, 4, "JJ00") != 0) return std::nullopt;
  for (std::size_t i = 0; i < 4; ++i)
    if (!std::isdigit(static_cast<unsigned char>(period[i]))) return std::nullopt;
  return period.substr(0, 4);
}

bool isMunicipalityCode(const std::string& c) {
  if (c.size() != 6 || c.compare(0, 2, "GM") != 0) return false;
  return std::all_of(c.begin() + 2, c.end(), [](unsigned char ch) { return std::isdigit(ch) != 0; });
}

/// A v3 cell: a number is a figure; null (and a non-numeric string such as "." in case a server
/// sends one) is a suppressed figure. A string "inf" or "nan" is not a number either (from_chars
/// reads them; a figure must be finite, as the dataset reader demands).
model::Observation v3Cell(const Var& v) {
  if (v.isEmpty()) return model::Observation::suppressed();
  if (v.isNumeric() && !v.isBoolean()) {
    const double d = v.convert<double>();
    return std::isfinite(d) ? model::Observation::of(d) : model::Observation::suppressed();
  }
  if (v.isString()) {
    const std::string s = trim(v.extract<std::string>());
    double d = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty() && std::isfinite(d))
      return model::Observation::of(d);
  }
  return model::Observation::suppressed();
}

std::string origin(const Poco::URI& uri) {
  std::string host = uri.getHost();
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

struct Page {
  Array::Ptr rows;
  std::string nextLink;  ///< absolute; empty on the last page
};

/// The pages over HTTP, with the request bookkeeping.
class HttpPages final : public CbsPageSource {
 public:
  HttpPages(net::HttpClient& client, CbsLoaded& out) : client_(client), out_(out) {}

  std::string get(const std::string& url) override {
    net::HttpResponse response = client_.get(url);
    out_.requests += response.requests;
    out_.bytesReceived += response.bytesReceived;
    if (firstFetchedAt_.empty()) firstFetchedAt_ = response.fetchedAt;
    if (response.stale && (staleFrom_.empty() || response.fetchedAt < staleFrom_)) staleFrom_ = response.fetchedAt;
    return std::move(response.body);
  }

  [[nodiscard]] const std::string& firstFetchedAt() const { return firstFetchedAt_; }
  [[nodiscard]] const std::string& staleFrom() const { return staleFrom_; }

 private:
  net::HttpClient& client_;
  CbsLoaded& out_;
  std::string firstFetchedAt_;
  std::string staleFrom_;
};

/// Fetches OData pages from a page source and parses them.
class Fetcher {
 public:
  Fetcher(CbsPageSource& pages, const CbsOptions& options) : pages_(pages), options_(options) {}

  /// One page: the "value" array and the absolute next link, if any.
  Page page(const std::string& url) {
    const std::string body = pages_.get(url);

    Var root;
    try {
      Poco::JSON::Parser parser;
      root = parser.parse(body);
    } catch (const Poco::Exception& e) {
      throw Error(ErrorKind::Source, fmt::format("Bron {}: ongeldige JSON ({})", url, e.displayText()));
    }
    Object::Ptr object;
    if (root.type() == typeid(Object::Ptr)) object = root.extract<Object::Ptr>();
    Array::Ptr rows = object ? object->getArray("value") : nullptr;
    if (!rows)
      throw Error(ErrorKind::Source,
                  fmt::format("Bron {}: onverwacht antwoord, geen OData-lijst (een JSON-object met \"value\": [...])", url));
    Page page{rows, {}};
    for (const char* field : {"@odata.nextLink", "odata.nextLink"}) {
      const std::string link = text(object, field);
      if (!link.empty()) {
        page.nextLink = resolve(url, link);
        break;
      }
    }
    return page;
  }

  /// All rows of an entity, following next links from `url` on.
  std::vector<Object::Ptr> all(const std::string& url) {
    std::vector<Object::Ptr> rows;
    follow(url, rows);
    return rows;
  }

  /// Appends the rows of `url` and of every page its next links lead to.
  void follow(std::string url, std::vector<Object::Ptr>& rows) {
    const std::string first = url;
    std::set<std::string> seen;
    int pages = 0;
    while (!url.empty()) {
      if (!seen.insert(url).second)
        throw Error(ErrorKind::Source, fmt::format("Bron {}: de link naar de volgende pagina verwijst naar een "
                                                   "pagina die al gelezen is ({}); gestopt",
                                                   first, url));
      countPage(pages, first);
      Page p = page(url);
      append(p, rows);
      url = p.nextLink;
    }
  }

  /// Counts one more page of the entity starting at `first`; fails beyond the maximum.
  void countPage(int& pages, const std::string& first) const {
    if (++pages > std::max(options_.maxPages, 1))
      throw Error(ErrorKind::Source, fmt::format("Bron {}: meer dan {} pagina's; gestopt (eindeloze paginering?)",
                                                 first, std::max(options_.maxPages, 1)));
  }

  static void append(const Page& p, std::vector<Object::Ptr>& rows) {
    for (std::size_t i = 0; i < p.rows->size(); ++i) {
      Object::Ptr row = p.rows->getObject(static_cast<unsigned>(i));
      if (row) rows.push_back(row);
    }
  }

  [[nodiscard]] const CbsOptions& options() const { return options_; }

 private:
  /// The next link made absolute. It must stay on the host of the table (https stays https).
  static std::string resolve(const std::string& current, const std::string& link) {
    Poco::URI base(current);
    Poco::URI next(base);
    try {
      next.resolve(link);
    } catch (const Poco::Exception&) {
      throw Error(ErrorKind::Source, fmt::format("Bron {}: ongeldige link naar de volgende pagina ({})", current, link));
    }
    if ((next.getScheme() != "http" && next.getScheme() != "https") || origin(next) != origin(base))
      throw Error(ErrorKind::Source,
                  fmt::format("Bron {}: de link naar de volgende pagina wijst naar een andere server ({})", current, link));
    if (base.getScheme() == "https" && next.getScheme() == "http") {
      const bool defaultPort = next.getPort() == 80;
      next.setScheme("https");
      if (defaultPort) next.setPort(443);
    }
    return next.toString();
  }

  CbsPageSource& pages_;
  const CbsOptions& options_;
};

/// True for the ODataApi's answer to a request of more than 10,000 cells: an HTTP 500 that says
/// so. CBS's v3 error body ({"odata.error": ...}) is not one the HttpClient quotes, so an HTTP 500
/// without any server message counts too (the number of halvings is limited).
bool isCellLimitError(const Error& e) {
  // "Bron <url>: HTTP 500[: <server message>][ (na N pogingen)]"; the URL itself may hold "10000".
  const std::string message = e.what();
  const auto at = message.rfind(": HTTP 500");
  if (at == std::string::npos) return false;
  const std::string rest = message.substr(at + std::string_view(": HTTP 500").size());
  if (rest.find("10000") != std::string::npos || rest.find("10.000") != std::string::npos) return true;
  return rest.empty() || rest.rfind(" (", 0) == 0;
}

std::string withQuery(const std::string& url, const std::string& query) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + query;
}

/// Builds the dataset from code lists and cells; collects warnings.
class Builder {
 public:
  Builder(const CbsTableRef& ref, CbsLoaded& out) : ref_(ref), out_(out) {}

  /// Registers a CBS measure (v3 key or v4 identifier) with its title; warns when it is not ours.
  void measure(const std::string& id, const std::string& title) {
    if (id.empty()) return;
    const std::string wanted = normalisedTitle(title);
    for (std::size_t i = 0; i < cbsMeasures().size(); ++i) {
      const CbsMeasure& m = cbsMeasures()[i];
      bool match = id == m.v3Key;
      for (const auto& t : m.titles) match = match || (!t.empty() && !wanted.empty() && wanted == normalisedTitle(t));
      if (!match) continue;
      if (found_.count(i)) {
        warn(fmt::format("CBS-onderwerp {} ('{}') lijkt op {}, dat al gebruikt wordt; genegeerd", id, title, m.v3Key));
        return;
      }
      found_.insert(i);
      measureOf_[id] = i;
      return;
    }
    warn(title.empty() ? fmt::format("CBS-onderwerp {} wordt niet gebruikt", id)
                       : fmt::format("CBS-onderwerp {} ('{}') wordt niet gebruikt", id, title));
  }

  /// Fails when the table has none of our measures; otherwise adds the indicators.
  void finishMeasures() {
    if (found_.empty()) {
      std::string keys;
      for (const auto& m : cbsMeasures()) keys += (keys.empty() ? "" : ", ") + std::string(m.v3Key);
      throw Error(ErrorKind::Source,
                  fmt::format("Bron {}: de tabel heeft geen van de onderwerpen die Raadsbrief gebruikt ({})",
                              ref_.location, keys));
    }
    for (std::size_t i = 0; i < cbsMeasures().size(); ++i) {
      if (!found_.count(i)) continue;
      const CbsMeasure& m = cbsMeasures()[i];
      model::Indicator indicator;
      indicator.id = std::string(m.indicator);
      indicator.label = std::string(m.label);
      indicator.unit = m.unit;
      indicator.decimals = m.decimals;
      indicator.direction = m.direction;
      indicator.definition = std::string(m.definition);
      indicator.source = fmt::format("CBS {} ({})", ref_.table, m.v3Key);
      out_.dataset.addIndicator(std::move(indicator));
    }
  }

  /// The indicator id of a CBS measure, or nullptr when it is not ours (or unknown).
  [[nodiscard]] const std::string_view* indicatorOf(const std::string& id) const {
    const auto it = measureOf_.find(id);
    return it == measureOf_.end() ? nullptr : &cbsMeasures()[it->second].indicator;
  }
  [[nodiscard]] const std::unordered_map<std::string, std::size_t>& measures() const { return measureOf_; }

  void region(const std::string& c, const std::string& title) {
    if (c.empty() || regions_.count(c)) return;
    if (c == "NL01") {
      regions_.insert(c);
      out_.dataset.addRegion({c, "Nederland", model::RegionKind::Country, {}});
    } else if (isMunicipalityCode(c)) {
      regions_.insert(c);
      out_.dataset.addRegion({c, title.empty() ? c : title, model::RegionKind::Municipality, {}});
    } else {
      otherRegions_.insert(c);  // provinces, COROP areas, youth-care regions, ...: not used
    }
  }

  void period(const std::string& c, const std::string& status) {
    const auto year = yearOf(c);
    if (!year) {
      otherPeriods_.insert(c);
      return;
    }
    years_[*year] = containsNoCase(status, "voorlopig");  // "Voorlopig", "Nader voorlopig"
  }

  /// Fails when the table has no years; otherwise adds the periods, oldest first.
  void finishPeriods(const std::string& url) {
    if (years_.empty())
      throw Error(ErrorKind::Source, fmt::format("Bron {}: de tabel heeft geen jaarcijfers (perioden ....JJ00)", url));
    for (const auto& [year, provisional] : years_) out_.dataset.addPeriod({year, provisional});
  }

  /// One cell. Region and period are the raw CBS codes (trimmed here). Returns whether the cell
  /// belongs to the dataset (a known municipality or NL01, a year of the table).
  bool cell(const std::string& rawRegion, const std::string& rawPeriod, std::string_view indicator,
            const model::Observation& observation) {
    const std::string regionCode = trim(rawRegion);
    const std::string periodCode = trim(rawPeriod);
    const auto year = yearOf(periodCode);
    if (!year) {
      if (!periodCode.empty() && !otherPeriods_.count(periodCode) && unknownPeriods_.insert(periodCode).second)
        warn(fmt::format("periode '{}' staat niet in de perioden van de tabel; cijfers genegeerd", periodCode));
      return false;
    }
    if (!years_.count(*year)) {
      if (unknownPeriods_.insert(periodCode).second)
        warn(fmt::format("periode '{}' staat niet in de perioden van de tabel; cijfers genegeerd", periodCode));
      return false;
    }
    if (!regions_.count(regionCode)) {
      if (!otherRegions_.count(regionCode) && unknownRegions_.insert(regionCode).second)
        warn(fmt::format("regio '{}' staat niet in de regio's van de tabel; cijfers genegeerd", regionCode));
      return false;
    }
    if (observation.state != model::Observation::State::Missing)
      out_.dataset.setObservation(regionCode, std::string(indicator), *year, observation);
    return true;
  }

  void unknownMeasureInCells(const std::string& id) {
    if (!id.empty() && unknownMeasures_.insert(id).second)
      warn(fmt::format("CBS-onderwerp {} komt voor in de cijfers maar niet in de onderwerpen van de tabel; genegeerd", id));
  }

  void warn(std::string message) { out_.warnings.push_back(std::move(message)); }

 private:
  const CbsTableRef& ref_;
  CbsLoaded& out_;
  std::set<std::size_t> found_;
  std::unordered_map<std::string, std::size_t> measureOf_;
  std::set<std::string> regions_, otherRegions_, unknownRegions_;
  std::map<std::string, bool> years_;  // year → provisional
  std::set<std::string> otherPeriods_, unknownPeriods_, unknownMeasures_;
};

void loadV3(const CbsTableRef& ref, Fetcher& fetch, Builder& build) {
  const auto entity = [&](const std::string& name) { return ref.location + "/" + name + "?$format=json"; };

  std::size_t topics = 0;
  for (const auto& row : fetch.all(entity("DataProperties"))) {
    if (text(row, "Type") != "Topic") continue;
    ++topics;
    build.measure(code(row), text(row, "Title"));
  }
  build.finishMeasures();
  for (const auto& row : fetch.all(entity("RegioS"))) build.region(code(row), text(row, "Title"));
  for (const auto& row : fetch.all(entity("Perioden"))) build.period(code(row), text(row, "Status"));
  build.finishPeriods(entity("Perioden"));

  const auto take = [&](const std::vector<Object::Ptr>& rows) {
    for (const auto& row : rows) {
      const std::string region = text(row, "RegioS");
      const std::string period = text(row, "Perioden");
      for (const auto& [key, index] : build.measures()) {
        if (!row->has(key)) continue;  // no column: no figure (missing)
        build.cell(region, period, cbsMeasures()[index].indicator, v3Cell(row->get(key)));
      }
    }
  };

  const std::string dataUrl = entity("TypedDataSet");
  if (ref.api == CbsApi::V3Feed) {
    take(fetch.all(dataUrl));
    return;
  }

  // ODataApi: at most 10,000 cells per request. We ask for pages of rows × measures within the
  // limit ourselves; the server may still count differently (and refuse with an HTTP 500 about
  // 10000 records): then the page is halved. A next link from the server is followed instead.
  const std::size_t cellsPerRow = std::max<std::size_t>(topics, 1);
  std::size_t rowsPerPage = std::max<std::size_t>(fetch.options().maxCellsPerRequest / cellsPerRow, 1);
  std::size_t skip = 0;
  int shrinks = 0;
  int pages = 0;
  std::string previousFirstId;
  for (;;) {
    const std::string url = withQuery(dataUrl, fmt::format("$top={}&$skip={}", rowsPerPage, skip));
    fetch.countPage(pages, dataUrl);
    Page p;
    try {
      p = fetch.page(url);
    } catch (const Error& e) {
      if (rowsPerPage > 1 && shrinks < kMaxPageShrinks && isCellLimitError(e)) {
        rowsPerPage = std::max<std::size_t>(rowsPerPage / 2, 1);
        ++shrinks;
        continue;
      }
      throw;
    }
    std::vector<Object::Ptr> rows;
    Fetcher::append(p, rows);
    // A server that ignores $skip would hand out its first page forever.
    if (!rows.empty() && rows.front()->has("ID")) {
      const std::string firstId = rows.front()->get("ID").toString();
      if (skip > 0 && firstId == previousFirstId)
        throw Error(ErrorKind::Source, fmt::format("Bron {}: de server negeert $skip (dezelfde pagina opnieuw); gestopt", url));
      previousFirstId = firstId;
    }
    take(rows);
    if (!p.nextLink.empty()) {  // server-driven paging after all
      std::vector<Object::Ptr> more;
      fetch.follow(p.nextLink, more);
      take(more);
      return;
    }
    // A short page is the last; a page longer than asked means the server ignored $top and sent all.
    if (rows.size() != rowsPerPage) return;
    skip += rowsPerPage;
  }
}

void loadV4(const CbsTableRef& ref, Fetcher& fetch, Builder& build, CbsLoaded& out) {
  const auto entity = [&](const std::string& name) { return ref.location + "/" + name; };

  std::set<std::string> known;
  for (const auto& row : fetch.all(entity("MeasureCodes"))) {
    const std::string id = code(row);
    known.insert(id);
    build.measure(id, text(row, "Title"));
  }
  build.finishMeasures();
  for (const auto& row : fetch.all(entity("RegioSCodes"))) build.region(code(row), text(row, "Title"));
  for (const auto& row : fetch.all(entity("PeriodenCodes"))) build.period(code(row), text(row, "Status"));
  build.finishPeriods(entity("PeriodenCodes"));

  std::vector<Object::Ptr> rows;
  fetch.follow(entity("Observations"), rows);
  for (const auto& row : rows) {
    const std::string measure = text(row, "Measure");
    const std::string_view* indicator = build.indicatorOf(measure);
    if (!indicator) {
      if (!known.count(measure)) build.unknownMeasureInCells(measure);
      continue;
    }
    const Var& value = row->has("Value") ? row->get("Value") : Var();
    model::Observation observation;
    std::string attribute;
    if (!value.isEmpty() && value.isNumeric() && !value.isBoolean() && std::isfinite(value.convert<double>())) {
      observation = model::Observation::of(value.convert<double>());
    } else {
      // No value: a special value (Impossible, Confidential, ... whatever the table uses) means
      // a suppressed figure; "None" (or no attribute at all) means there is simply no figure.
      attribute = text(row, "ValueAttribute");
      if (!attribute.empty() && attribute != "None") observation = model::Observation::suppressed();
    }
    if (build.cell(text(row, "RegioS"), text(row, "Perioden"), *indicator, observation) &&
        observation.state == model::Observation::State::Suppressed)
      ++out.suppressedByAttribute[attribute];
  }
}

}  // namespace

CbsTableRef parseCbsLocation(const std::string& url) {
  const auto usage = [&](const std::string& why) {
    return Error(ErrorKind::Usage, fmt::format("Geen CBS-tabeladres: {} ({}); gebruik bijvoorbeeld "
                                               "https://odata4.cbs.nl/CBS/85098NED of "
                                               "https://opendata.cbs.nl/ODataFeed/odata/82972NED",
                                               url, why));
  };
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) throw usage("geen http(s)-adres");
  if (url.find_first_of("?#") != std::string::npos) throw usage("zonder '?' of '#' erachter");
  std::string location = url;
  while (!location.empty() && location.back() == '/') location.pop_back();

  CbsTableRef ref;
  struct Marker {
    const char* text;
    CbsApi api;
  };
  bool found = false;
  for (const Marker& m : {Marker{"/ODataApi/odata/", CbsApi::V3Api}, Marker{"/ODataFeed/odata/", CbsApi::V3Feed},
                          Marker{"/CBS/", CbsApi::V4}}) {
    const auto at = location.rfind(m.text);
    if (at == std::string::npos) continue;
    ref.api = m.api;
    ref.table = location.substr(at + std::string_view(m.text).size());
    found = true;
    break;
  }
  if (!found) throw usage("geen …/CBS/<tabel>, …/ODataApi/odata/<tabel> of …/ODataFeed/odata/<tabel>");
  if (ref.table.empty() || ref.table.size() > 32 ||
      !std::all_of(ref.table.begin(), ref.table.end(), [](unsigned char c) { return std::isalnum(c) != 0; }))
    throw usage("het laatste deel moet de tabel zijn, zoals 85098NED");
  ref.location = location;
  return ref;
}

namespace {

/// Reads the table `ref` from `pages` into `out`.
void load(const CbsTableRef& ref, CbsPageSource& pages, const CbsOptions& options, CbsLoaded& out) {
  Fetcher fetch(pages, options);
  Builder build(ref, out);
  if (ref.api == CbsApi::V4)
    loadV4(ref, fetch, build, out);
  else
    loadV3(ref, fetch, build);

  model::SourceInfo& source = out.dataset.source;
  source.name = "CBS StatLine, tabel " + ref.table;
  source.demo = false;
  source.location = ref.location;
}

}  // namespace

CbsLoaded loadCbsTable(const std::string& url, net::HttpClient& client, const CbsOptions& options) {
  const CbsTableRef ref = parseCbsLocation(url);
  CbsLoaded out;
  HttpPages pages(client, out);
  load(ref, pages, options, out);
  model::SourceInfo& source = out.dataset.source;
  source.retrieved = pages.firstFetchedAt().substr(0, 10);
  source.staleFrom = pages.staleFrom().substr(0, 10);
  return out;
}

CbsLoaded loadCbsTable(const std::string& url, CbsPageSource& pages, const CbsOptions& options) {
  const CbsTableRef ref = parseCbsLocation(url);
  CbsLoaded out;
  load(ref, pages, options, out);
  return out;
}

}  // namespace raadsbrief::sources
