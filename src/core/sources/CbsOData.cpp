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
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>

#include "Error.hpp"
#include "util/Text.hpp"

namespace raadsbrief::sources {

const std::vector<CbsMeasure>& cbsMeasures() {
  using model::Direction;
  using model::Unit;
  static const std::vector<CbsMeasure> table = [] {
    const std::vector<std::string> indicators{"85098NED", "82972NED"};
    std::vector<CbsMeasure> t{
        {"jeugdhulp",
         "JongerenMetJeugdhulpInNatura_1",
         {"Jongeren met jeugdhulp in natura"},
         "",
         "",
         "",
         indicators,
         "Jongeren met jeugdhulp",
         Unit::Percent,
         1,
         Direction::Neutral,
         "Percentage jongeren tot 18 jaar dat in de periode jeugdhulp in natura kreeg (zonder of met verblijf), van "
         "alle jongeren tot 18 jaar in het gebied."},
        {"residentieel",
         "JongerenMetJeugdhMetVerblInNat_2",
         {"Jongeren met jeugdhulp met verblijf in natura"},
         "",
         "",
         "",
         indicators,
         "Jeugdhulp met verblijf",
         Unit::Percent,
         1,
         Direction::LowerIsBetter,
         "Percentage van de jongeren met jeugdhulp in natura dat in de periode jeugdhulp met verblijf kreeg, zoals "
         "pleegzorg, een gezinshuis of residentiële jeugdhulp in een instelling."},
        {"jeugdbescherming",
         "JongerenMetJeugdbescherming_3",
         {"Jongeren met jeugdbescherming"},
         "",
         "",
         "",
         indicators,
         "Jongeren met jeugdbescherming",
         Unit::Percent,
         1,
         Direction::LowerIsBetter,
         "Percentage jongeren tot 18 jaar met een jeugdbeschermingsmaatregel (ondertoezichtstelling of voogdij) in de "
         "periode, van alle jongeren tot 18 jaar in het gebied."},
        {"jeugdbescherming_verblijf",
         "JeugdbeschEnJeugdhMetVerblInNat_4",
         {"Jeugdbescherming en jeugdhulp met verblijf in natura"},
         "",
         "",
         "",
         indicators,
         "Jeugdbescherming met jeugdhulp met verblijf",
         Unit::Percent,
         1,
         Direction::LowerIsBetter,
         "Percentage van de jongeren met jeugdbescherming dat in de periode ook jeugdhulp met verblijf in natura "
         "kreeg (niet van alle jongeren)."},
        {"jeugdreclassering",
         "JongerenMetJeugdreclassering_5",
         {"Jongeren met jeugdreclassering"},
         "",
         "",
         "",
         indicators,
         "Jongeren met jeugdreclassering",
         Unit::Percent,
         2,
         Direction::LowerIsBetter,
         "Percentage jongeren van 12 tot en met 22 jaar met een jeugdreclasseringsmaatregel in de periode, van alle "
         "jongeren van 12 tot en met 22 jaar in het gebied."},
    };
    // 85097NED (2015–2020: 82970NED): trajectories of youth care in kind, for the total of all forms
    // of care, per referrer. Counts are rounded by CBS to multiples of 5.
    struct Trajectory {
      const char* id;
      std::vector<std::string> titles;
      const char* label;
      Unit unit;
      const char* definition;
    };
    const std::vector<Trajectory> trajectories{
        {"trajecten",
         {"Totaal jeugdhulptrajecten in natura"},
         "Jeugdhulptrajecten",
         Unit::Count,
         "Aantal jeugdhulptrajecten in natura dat in de periode liep (alle vormen van jeugdhulp)."},
        {"trajecten_begonnen",
         {"Totaal begonnen trajecten"},
         "Begonnen jeugdhulptrajecten",
         Unit::Count,
         "Aantal jeugdhulptrajecten in natura dat in de periode begon: nieuwe trajecten en herhaald beroep."},
        {"trajecten_nieuw",
         {"Nieuw traject"},
         "Nieuwe jeugdhulptrajecten",
         Unit::Count,
         "Aantal in de periode begonnen jeugdhulptrajecten in natura dat geen herhaald beroep is."},
        {"trajecten_herhaald",
         {"Herhaald beroep"},
         "Jeugdhulptrajecten bij herhaald beroep",
         Unit::Count,
         "Aantal in de periode begonnen jeugdhulptrajecten in natura waarbij de jongere eerder jeugdhulp had "
         "(herhaald beroep, zoals CBS het telt)."},
        {"trajecten_beeindigd",
         {"Totaal beëindigde trajecten"},
         "Beëindigde jeugdhulptrajecten",
         Unit::Count,
         "Aantal jeugdhulptrajecten in natura dat in de periode eindigde."},
        {"trajecten_volgens_plan",
         {"Beëindigd volgens plan"},
         "Jeugdhulptrajecten beëindigd volgens plan",
         Unit::Count,
         "Aantal in de periode beëindigde jeugdhulptrajecten in natura dat volgens plan werd afgesloten."},
        {"trajecten_voortijdig",
         {"Totaal voortijdig afgesloten", "Voortijdig afgesloten"},
         "Voortijdig afgesloten jeugdhulptrajecten",
         Unit::Count,
         "Aantal in de periode beëindigde jeugdhulptrajecten in natura dat voortijdig werd afgesloten."},
        {"trajecten_duur",
         {"Gemiddelde duur (dagen)", "Gemiddelde duur"},
         "Gemiddelde duur van beëindigde trajecten (dagen)",
         Unit::Count,
         "Gemiddelde duur in dagen van de jeugdhulptrajecten in natura die in de periode eindigden."},
    };
    struct Referrer {
      const char* suffix;
      const char* category;
      const char* label;
      const char* only;
    };
    const std::vector<Referrer> referrers{
        {"", "Totaal verwijzer", "", ""},
        {"_huisarts", "Huisarts", ", verwezen door de huisarts", " Alleen trajecten waarvoor de huisarts verwees."},
        {"_gemeentelijke_toegang", "Gemeentelijke toegang", ", verwezen door de gemeentelijke toegang",
         " Alleen trajecten waarvoor de gemeentelijke toegang (zoals het wijkteam) verwees."},
        {"_jeugdarts", "Jeugdarts", ", verwezen door de jeugdarts", " Alleen trajecten waarvoor de jeugdarts verwees."},
        {"_gecertificeerde_instelling", "Gecertificeerde instelling", ", verwezen door een gecertificeerde instelling",
         " Alleen trajecten waarvoor een gecertificeerde instelling (jeugdbescherming, jeugdreclassering) verwees."},
        {"_medisch_specialist", "Medisch specialist", ", verwezen door een medisch specialist",
         " Alleen trajecten waarvoor een medisch specialist verwees."},
        {"_rechter", "Rechter, Officier van Justitie, ...", ", verwezen door de rechter of de officier van justitie",
         " Alleen trajecten waarvoor de rechter, de officier van justitie of een andere justitiële verwijzer "
         "verwees (CBS: \"Rechter, Officier van Justitie, ...\")."},
        {"_geen_verwijzer", "Geen verwijzer", " zonder verwijzer",
         " Alleen trajecten zonder verwijzer (de jongere of ouders zochten zelf hulp)."}};
    for (const auto& r : referrers)
      for (const auto& m : trajectories) {
        const bool duration = std::string_view(m.id) == "trajecten_duur";
        t.push_back({std::string(m.id) + r.suffix,
                     "",
                     m.titles,
                     "Totaal jeugdhulptrajecten in natura",
                     "VerwijzerJeugdzorg",
                     r.category,
                     {"85097NED", "82970NED"},
                     std::string(m.label) + r.label,
                     m.unit,
                     0,
                     Direction::Neutral,
                     std::string(m.definition) + r.only + (duration ? "" : " CBS rondt aantallen af op vijftallen.")});
      }
    // 85099NED (2015–2020: 84134NED): young people and trajectories per form of care
    // (VormenVanJeugdzorg, whose titles carry CBS's code prefix: "JH 1211 Uitgevoerd door wijkteam").
    // "Jongeren met jeugdzorg" is both a count and a share (measure groups "Aantal", "Relatief"): the count.
    const std::vector<std::string> young{"Jongeren met jeugdzorg", "Jongeren met jeugdzorg (aantal)",
                                         "Aantal jongeren met jeugdzorg"};
    struct Form {
      const char* id;
      std::vector<std::string> titles;
      const char* category;
      const char* label;
      const char* definition;
    };
    const std::vector<Form> forms{
        {"jongeren_jeugdzorg", young, "Totaal jeugdzorg", "Jongeren met jeugdzorg (aantal)",
         "Aantal jongeren met jeugdzorg (jeugdhulp, jeugdbescherming of jeugdreclassering) in de periode."},
        {"jongeren_jeugdhulp_zonder_verblijf", young, "Totaal jeugdhulp zonder verblijf",
         "Jongeren met jeugdhulp zonder verblijf (aantal)",
         "Aantal jongeren met jeugdhulp zonder verblijf (ambulante hulp) in de periode."},
        {"jongeren_jeugdhulp_met_verblijf", young, "Totaal jeugdhulp met verblijf",
         "Jongeren met jeugdhulp met verblijf (aantal)",
         "Aantal jongeren met jeugdhulp met verblijf (zoals pleegzorg, een gezinshuis of een instelling) in de "
         "periode."},
        {"jongeren_wijkteam", young, "Uitgevoerd door wijkteam", "Jongeren met jeugdhulp van het wijkteam (aantal)",
         "Aantal jongeren met jeugdhulp zonder verblijf die door het wijkteam zelf werd uitgevoerd, in de periode."},
        {"jeugdzorgtrajecten",
         {"Jeugdzorgtrajecten"},
         "Totaal jeugdzorg",
         "Jeugdzorgtrajecten",
         "Aantal trajecten jeugdzorg (jeugdhulp, jeugdbescherming en jeugdreclassering) in de periode."},
        {"jeugdhulptrajecten",
         {"Jeugdzorgtrajecten"},
         "Totaal jeugdhulp",
         "Jeugdhulptrajecten (alle vormen)",
         "Aantal trajecten jeugdhulp (zonder en met verblijf) in de periode."},
    };
    for (const auto& f : forms)
      t.push_back({f.id,
                   "",
                   f.titles,
                   "Aantal",
                   "VormenVanJeugdzorg",
                   f.category,
                   {"85099NED", "84134NED"},
                   f.label,
                   Unit::Count,
                   0,
                   Direction::Neutral,
                   std::string(f.definition) + " CBS rondt aantallen af op vijftallen."});
    // 83454NED: municipal costs, published × € 1.000 (MeasureCodes' Unit says so: the figures are
    // read in euros, see cbsUnitFactor).
    t.push_back({"kosten_jeugdzorg",
                 "GerealiseerdeKosten_2",
                 {"Gerealiseerde kosten"},
                 "",
                 "VormenVanJeugdzorg",
                 "Totaal jeugdzorg",
                 {"83454NED"},
                 "Kosten jeugdzorg",
                 Unit::Euro,
                 0,
                 Direction::Neutral,
                 "Gerealiseerde kosten van de gemeente voor jeugdzorg (jeugdhulp, jeugdbescherming en "
                 "jeugdreclassering) in het jaar, in euro's (CBS publiceert ze in duizenden euro's)."});
    t.push_back({"kosten_jeugdhulp",
                 "GerealiseerdeKosten_2",
                 {"Gerealiseerde kosten"},
                 "",
                 "VormenVanJeugdzorg",
                 "Totaal jeugdhulp",
                 {"83454NED"},
                 "Kosten jeugdhulp",
                 Unit::Euro,
                 0,
                 Direction::Neutral,
                 "Gerealiseerde kosten van de gemeente voor jeugdhulp in het jaar, in euro's (CBS publiceert ze in "
                 "duizenden euro's)."});
    return t;
  }();
  return table;
}

double cbsUnitFactor(std::string_view unit) {
  std::string u;
  for (const char c : unit)
    if (!std::isspace(static_cast<unsigned char>(c)) && c != '.' && c != '\'')
      u += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool euro = u.find("euro") != std::string::npos || u.find("\u20ac") != std::string::npos;
  if (!euro) return 1;
  if (u.find("1000000") != std::string::npos || u.find("mln") != std::string::npos ||
      u.find("miljoen") != std::string::npos)
    return 1e6;
  if (u.find("1000") != std::string::npos || u.find("duizend") != std::string::npos) return 1e3;
  return 1;
}

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr int kMaxPageShrinks = 6;  ///< ODataApi: halvings of the page size after a 10,000-cell error

bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

/// A string field of a row, trimmed; empty when absent, null or not a string.
std::string text(const Object::Ptr& row, const std::string& name) {
  if (!row || !row->has(name)) return {};
  const Var& v = row->get(name);
  if (v.isEmpty() || !v.isString()) return {};
  return util::trim(v.extract<std::string>());
}

/// The code of a code-list row: v3 dimension entities use Key, v4 code lists Identifier.
std::string code(const Object::Ptr& row) {
  std::string c = text(row, "Key");
  return c.empty() ? text(row, "Identifier") : c;
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
    const std::string s = util::trim(v.extract<std::string>());
    double d = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (ec == std::errc() && end == s.data() + s.size() && !s.empty() && std::isfinite(d))
      return model::Observation::of(d);
  }
  return model::Observation::suppressed();
}

std::string origin(const Poco::URI& uri) {
  std::string host = uri.getHost();
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
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
      throw Error(
          ErrorKind::Source,
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
      throw Error(ErrorKind::Source,
                  fmt::format("Bron {}: ongeldige link naar de volgende pagina ({})", current, link));
    }
    if ((next.getScheme() != "http" && next.getScheme() != "https") || origin(next) != origin(base))
      throw Error(
          ErrorKind::Source,
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

/// Percent-encodes a query value: RFC 3986 unreserved characters and the sub-delimiters an OData
/// filter uses ( ) ' , stay, so that a filter in a message stays readable.
std::string urlEncoded(std::string_view s) {
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '(' || c == ')' || c == '\'' ||
        c == ',')
      out += ch;
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

/// An OData string literal: 'text' with quotes doubled.
std::string literal(std::string_view s) {
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

/// "(A eq 'x' or A eq 'y')".
std::string anyOf(const std::string& field, const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "(" : " or ") + field + " eq " + literal(v);
  return out + ")";
}

/// Lower case (ASCII) words of a title.
std::vector<std::string> titleWords(std::string_view s) {
  std::vector<std::string> out;
  std::string word;
  for (const char c : s) {
    if (isSpace(c)) {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

/// One measure of a table, from its metadata (v4 MeasureCodes, v3 DataProperties Topic).
struct TableMeasure {
  std::string id;     ///< trimmed
  std::string rawId;  ///< as CBS wrote it (for $filter)
  std::string title;
  std::string group;  ///< MeasureGroupId (v4) / ParentID (v3); empty: none
  int index = 0;
  std::optional<int> decimals;
  std::string unit;  ///< MeasureCodes' Unit ("x 1 000 euro"); empty when not given
};

/// What a table has, as far as measure resolution needs it; groups and categories are fetched
/// only when needed.
struct TableMeta {
  std::vector<TableMeasure> measures;
  std::set<std::string> dimensions;                                                    ///< besides RegioS and Perioden
  std::function<std::map<std::string, std::pair<std::string, std::string>>()> groups;  ///< id → (title, parent)
  std::function<std::vector<std::pair<std::string, std::string>>(const std::string&)> categories;  ///< raw code, title
  /// When `categories` gave a list shared with another table: the table's own list (a category
  /// the shared list lacks is looked up there). Empty otherwise.
  std::function<std::vector<std::pair<std::string, std::string>>(const std::string&)> ownCategories;
};

/// One of our measures found in the table.
struct Resolved {
  std::size_t spec = 0;    ///< index in cbsMeasures()
  std::string measure;     ///< trimmed id
  std::string rawMeasure;  ///< as CBS wrote it
  std::string category;    ///< trimmed category code of spec.dimension; empty without
  std::string rawCategory;
  std::string describe;  ///< for Indicator::source
  std::optional<int> decimals;
  double factor = 1;  ///< CBS's figures × factor are ours (cbsUnitFactor of the measure's Unit)
};

/// Builds the dataset from code lists and cells; collects warnings.
class Builder {
 public:
  Builder(const CbsTableRef& ref, CbsLoaded& out, const data::YouthCareRegions* reference, bool halfYears,
          int beforeYear, const std::set<std::string>& indicators)
      : ref_(ref),
        out_(out),
        reference_(reference),
        halfYears_(halfYears),
        beforeYear_(beforeYear),
        indicators_(indicators) {}

  /// Finds our measures in the table's metadata, adds their indicators, and fails (listing what
  /// the table does have) when none is there.
  void resolve(TableMeta& meta, bool v3) {
    std::optional<std::map<std::string, std::pair<std::string, std::string>>> groups;
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> categories;
    std::set<std::string> used;
    for (std::size_t i = 0; i < cbsMeasures().size(); ++i) {
      const CbsMeasure& spec = cbsMeasures()[i];
      if (!indicators_.empty() && !indicators_.count(spec.indicator)) continue;  // not asked for (CbsOptions)
      const bool expected = std::find(spec.tables.begin(), spec.tables.end(), ref_.table) != spec.tables.end();
      const auto missing = [&](const std::string& why) {
        if (expected)
          warn(fmt::format("CBS-tabel {}: {} ({}) niet gevonden{}", ref_.table, spec.titles.front(), spec.indicator,
                           why));
      };
      if (spec.dimension.empty() ? !meta.dimensions.empty() : !meta.dimensions.count(spec.dimension)) {
        missing(spec.dimension.empty() ? "" : fmt::format(": de tabel heeft geen dimensie {}", spec.dimension));
        continue;
      }
      std::vector<const TableMeasure*> candidates;
      for (const auto& m : meta.measures) {
        bool match = !spec.v3Key.empty() && m.id == spec.v3Key;
        for (const auto& t : spec.titles) match = match || cbsTitleMatches(m.title, t);
        if (match) candidates.push_back(&m);
      }
      if (candidates.empty()) {
        missing("");
        continue;
      }
      std::sort(candidates.begin(), candidates.end(), [](const auto* a, const auto* b) { return a->index < b->index; });
      if (candidates.size() > 1) {
        // The same title as a count and as a share (85099NED: "Aantal", "Relatief"): the unit
        // tells them apart without the measure groups (one request fewer).
        const auto isShare = [](const TableMeasure* m) { return m->unit.find('%') != std::string::npos; };
        std::vector<const TableMeasure*> sameUnit;
        for (const auto* m : candidates)
          if (!m->unit.empty() && isShare(m) == (spec.unit == model::Unit::Percent)) sameUnit.push_back(m);
        const bool unitsKnown =
            std::none_of(candidates.begin(), candidates.end(), [](const TableMeasure* m) { return m->unit.empty(); });
        if (unitsKnown && sameUnit.size() == 1) candidates = sameUnit;
      }
      const TableMeasure* chosen = candidates.front();  // without a group meant: the first by Index
      if (candidates.size() > 1 && !spec.group.empty()) {
        if (!groups)
          groups = meta.groups ? meta.groups() : std::map<std::string, std::pair<std::string, std::string>>{};
        const auto inGroup = [&](const TableMeasure* m) {
          std::string g = m->group;
          for (int depth = 0; !g.empty() && depth < 20; ++depth) {
            const auto it = groups->find(g);
            if (it == groups->end()) return false;
            if (cbsTitleMatches(it->second.first, spec.group)) return true;
            g = it->second.second;
          }
          return false;
        };
        const auto it = std::find_if(candidates.begin(), candidates.end(), inGroup);
        if (it != candidates.end()) {
          chosen = *it;
        } else {
          warn(fmt::format("CBS-tabel {}: '{}' komt {} keer voor zonder groep '{}'; de eerste ({}) is genomen",
                           ref_.table, chosen->title, candidates.size(), spec.group, chosen->id));
        }
      }
      Resolved r{i,
                 chosen->id,
                 chosen->rawId,
                 {},
                 {},
                 v3 ? chosen->id : chosen->title,
                 chosen->decimals,
                 spec.unit == model::Unit::Euro ? cbsUnitFactor(chosen->unit) : 1.0};
      if (!spec.dimension.empty()) {
        auto& list = categories[spec.dimension];
        if (list.empty() && meta.categories) list = meta.categories(spec.dimension);
        const auto matches = [&](const auto& c) { return cbsCategoryMatches(c.second, spec.category); };
        auto cat = std::find_if(list.begin(), list.end(), matches);
        if (cat == list.end() && meta.ownCategories && !ownCategoriesRead_.count(spec.dimension)) {
          ownCategoriesRead_.insert(spec.dimension);  // the shared list lacks it: the table's own
          list = meta.ownCategories(spec.dimension);
          cat = std::find_if(list.begin(), list.end(), matches);
        }
        if (cat == list.end()) {
          missing(fmt::format(" ({} '{}' ontbreekt)", spec.dimension, spec.category));
          continue;
        }
        r.rawCategory = cat->first;
        r.category = util::trim(cat->first);
        r.describe += "; " + util::trim(cat->second);
      }
      used.insert(r.measure);
      keyOf_[r.measure + '\x1f' + r.category] = resolved_.size();
      resolved_.push_back(std::move(r));
    }
    if (resolved_.empty()) {
      std::string has;
      std::size_t listed = 0;
      for (const auto& m : meta.measures) {
        if (++listed > 25) {
          has += fmt::format(" en {} andere", meta.measures.size() - 25);
          break;
        }
        has += fmt::format("{}'{}' ({})", listed > 1 ? ", " : "", m.title, m.id);
      }
      throw Error(ErrorKind::Source,
                  fmt::format("Bron {}: Raadsbrief kan de onderwerpen van tabel {} niet gebruiken; de tabel heeft: {}",
                              ref_.location, ref_.table, has.empty() ? "geen onderwerpen" : has));
    }
    std::vector<std::string> unused;
    for (const auto& m : meta.measures)
      if (!used.count(m.id)) unused.push_back(m.title.empty() ? m.id : fmt::format("{} ('{}')", m.id, m.title));
    if (!unused.empty()) {
      std::string list;
      for (std::size_t i = 0; i < unused.size() && i < 5; ++i) list += (i ? ", " : "") + unused[i];
      if (unused.size() > 5) list += fmt::format(" en {} andere", unused.size() - 5);
      warn(fmt::format("CBS-tabel {}: {} onderwerp(en) niet gebruikt: {}", ref_.table, unused.size(), list));
    }
    unusedMeasures_ = !unused.empty();
    for (const auto& r : resolved_) {
      const CbsMeasure& m = cbsMeasures()[r.spec];
      model::Indicator indicator;
      indicator.id = m.indicator;
      indicator.label = m.label;
      indicator.unit = m.unit;
      indicator.decimals = r.decimals && *r.decimals >= 0 && *r.decimals <= 6 ? *r.decimals : m.decimals;
      indicator.direction = m.direction;
      indicator.definition = m.definition;
      indicator.source = fmt::format("CBS {} ({})", ref_.table, r.describe);
      // 85098NED/85097NED (2021–) and their predecessors 82972NED/82970NED (2015–2020) count
      // differently: the 2021 break (docs/cbs-statline.md).
      indicator.seriesStart = "2021";
      out_.dataset.addIndicator(std::move(indicator));
    }
  }

  [[nodiscard]] const std::vector<Resolved>& resolved() const { return resolved_; }
  [[nodiscard]] bool unusedMeasures() const { return unusedMeasures_; }

  /// Our measure of a cell's measure and category, or nullptr when it is not ours.
  [[nodiscard]] const Resolved* resolvedOf(const std::string& measure, const std::string& category) const {
    const auto it = keyOf_.find(measure + '\x1f' + category);
    return it == keyOf_.end() ? nullptr : &resolved_[it->second];
  }

  /// `raw` is the code as CBS wrote it (for $filter).
  void region(const std::string& c, const std::string& title, const std::string& raw = {}) {
    if (c.empty() || seen_.count(c)) return;
    seen_.insert(c);
    rawCodes_[c] = raw.empty() ? c : raw;
    if (c == "NL01") {
      regions_.insert(c);
      out_.dataset.addRegion({c, "Nederland", model::RegionKind::Country, {}});
      return;
    }
    std::string name = cbsDisplayName(title);
    if (isMunicipalityCode(c)) {
      const data::MunicipalityRef* ours = reference_ ? reference_->municipality(c) : nullptr;
      if (name.empty()) name = ours ? ours->name : c;
      regions_.insert(c);
      out_.dataset.addRegion({c, name, model::RegionKind::Municipality, ours ? ours->regionCode : std::string()});
      if (ours) wantedYouthCareRegions_.insert(ours->regionCode);
      else ++withoutYouthCareRegion_;
      return;
    }
    if (cbsRegionSuffix(title) == "JZ") {
      const data::YouthCareRegionRef* ours =
          reference_ ? (reference_->region(c) ? reference_->region(c) : reference_->regionNamed(name)) : nullptr;
      const std::string code = ours ? ours->code : c;
      alias_[c] = code;
      std::string prefix;
      for (const char ch : c) {
        if (!std::isalpha(static_cast<unsigned char>(ch))) break;
        prefix += ch;
      }
      if (!prefix.empty()) youthCareRegionPrefixes_.insert(prefix);
      if (!regions_.count(code)) {
        regions_.insert(code);
        out_.dataset.addRegion(
            {code, !name.empty() ? name : (ours ? ours->name : c), model::RegionKind::YouthCareRegion, {}});
      }
      return;
    }
    otherRegions_.insert(c);  // provinces, landsdelen, COROP areas, ...: not used
  }

  /// After the code list: every youth-care region a municipality belongs to is a region of the
  /// dataset, also when the table has no figures for it ("niet beschikbaar", never computed).
  void finishRegions() {
    for (const auto& code : wantedYouthCareRegions_) {
      if (regions_.count(code)) continue;
      const data::YouthCareRegionRef* r = reference_->region(code);
      regions_.insert(code);
      out_.dataset.addRegion({code, r ? r->name : code, model::RegionKind::YouthCareRegion, {}});
    }
  }

  [[nodiscard]] bool hasOtherRegions() const { return !otherRegions_.empty(); }

  /// CBS's raw code of one of our region codes (a youth-care region may have another code at CBS);
  /// empty when the table does not have it.
  [[nodiscard]] std::string rawCode(const std::string& ours) const {
    std::string cbs = ours;
    for (const auto& [theirs, mine] : alias_)
      if (mine == ours) cbs = theirs;
    const auto it = rawCodes_.find(cbs);
    return it == rawCodes_.end() ? std::string() : it->second;
  }
  [[nodiscard]] const std::set<std::string>& youthCareRegionPrefixes() const { return youthCareRegionPrefixes_; }

  void period(const std::string& raw, const std::string& status) {
    const std::string c = util::trim(raw);
    const auto year = cbsPeriodId(c, halfYears_);
    if (!year || (beforeYear_ > 0 && std::stoi(year->substr(0, 4)) >= beforeYear_)) {
      otherPeriods_.insert(c);  // not ours, or behind the break of a predecessor table
      return;
    }
    years_[*year] = model::parsePeriodStatus(status);  // "Definitief", "Voorlopig", "Nader voorlopig"
    usedPeriodCodes_.push_back(raw);
  }

  /// Fails when the table has no years; otherwise adds the periods, oldest first.
  void finishPeriods(const std::string& url) {
    if (years_.empty())
      throw Error(ErrorKind::Source, fmt::format("Bron {}: de tabel heeft geen jaarcijfers (perioden ....JJ00)", url));
    for (const auto& [year, status] : years_) out_.dataset.addPeriod(model::Period::of(year, status));
  }

  [[nodiscard]] bool hasOtherPeriods() const { return !otherPeriods_.empty(); }
  [[nodiscard]] const std::vector<std::string>& usedPeriodCodes() const { return usedPeriodCodes_; }

  /// One cell. Region and period are the raw CBS codes (trimmed here). Returns whether the cell
  /// belongs to the dataset (a known region, a year of the table).
  bool cell(const std::string& rawRegion, const std::string& rawPeriod, const std::string& indicator,
            const model::Observation& observation) {
    std::string regionCode = util::trim(rawRegion);
    const std::string periodCode = util::trim(rawPeriod);
    const auto year = cbsPeriodId(periodCode, halfYears_);
    if (!year) {
      if (!periodCode.empty() && !otherPeriods_.count(periodCode) && unknownPeriods_.insert(periodCode).second)
        warn(fmt::format("periode '{}' staat niet in de perioden van de tabel; cijfers genegeerd", periodCode));
      return false;
    }
    if (!years_.count(*year)) {
      if (!otherPeriods_.count(periodCode) && unknownPeriods_.insert(periodCode).second)
        warn(fmt::format("periode '{}' staat niet in de perioden van de tabel; cijfers genegeerd", periodCode));
      return false;
    }
    if (const auto a = alias_.find(regionCode); a != alias_.end()) regionCode = a->second;
    if (!regions_.count(regionCode) || !seenOrAlias(regionCode)) {
      if (!otherRegions_.count(regionCode) && unknownRegions_.insert(regionCode).second)
        warn(fmt::format("regio '{}' staat niet in de regio's van de tabel; cijfers genegeerd", regionCode));
      return false;
    }
    if (observation.state != model::Observation::State::Missing)
      out_.dataset.setObservation(regionCode, indicator, *year, observation);
    return true;
  }

  void unknownMeasureInCells(const std::string& id) {
    if (!id.empty() && unknownMeasures_.insert(id).second)
      warn(fmt::format("CBS-onderwerp {} komt voor in de cijfers maar niet in de onderwerpen van de tabel; genegeerd",
                       id));
  }

  void warn(std::string message) { out_.warnings.push_back(std::move(message)); }

  void finish() {
    if (reference_ && withoutYouthCareRegion_ > 0)
      warn(fmt::format(
          "CBS-tabel {}: {} gemeente(n) staan niet in het referentiebestand van de jeugdregio's; zij hebben "
          "geen jeugdregio",
          ref_.table, withoutYouthCareRegion_));
  }

 private:
  /// A region that only the reference data brought in (no CBS row) has no figures of CBS's.
  [[nodiscard]] bool seenOrAlias(const std::string& code) const {
    if (seen_.count(code)) return true;
    for (const auto& [cbs, ours] : alias_)
      if (ours == code) return true;
    return false;
  }

  const CbsTableRef& ref_;
  CbsLoaded& out_;
  const data::YouthCareRegions* reference_;
  bool halfYears_;
  int beforeYear_;
  const std::set<std::string>& indicators_;
  std::vector<Resolved> resolved_;
  std::set<std::string> ownCategoriesRead_;
  std::unordered_map<std::string, std::size_t> keyOf_;
  bool unusedMeasures_ = false;
  std::set<std::string> seen_, regions_, otherRegions_, unknownRegions_, wantedYouthCareRegions_,
      youthCareRegionPrefixes_;
  std::map<std::string, std::string> alias_;     // CBS's youth-care region code → ours
  std::map<std::string, std::string> rawCodes_;  // CBS's trimmed code → as written
  int withoutYouthCareRegion_ = 0;
  std::map<std::string, model::PeriodStatus> years_;  // period id → CBS's status
  std::vector<std::string> usedPeriodCodes_;
  std::set<std::string> otherPeriods_, unknownPeriods_, unknownMeasures_;
};

/// Whether an error is an HTTP 404 (an entity the table does not have): HttpClient writes
/// "Bron <url>: niet gevonden (HTTP 404)…", a CbsPageSource "Bron <url>: HTTP 404".
bool isNotFound(const Error& e) {
  const std::string m = e.what();
  return m.find("(HTTP 404)") != std::string::npos || m.find(": HTTP 404") != std::string::npos;
}

std::optional<int> intField(const Object::Ptr& row, const std::string& name) {
  if (!row || !row->has(name)) return std::nullopt;
  const Var& v = row->get(name);
  if (v.isEmpty() || !v.isNumeric() || v.isBoolean()) return std::nullopt;
  try {
    return v.convert<int>();
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

/// A field as text whatever its JSON type (ids may be numbers); empty when absent or null.
std::string anyText(const Object::Ptr& row, const std::string& name) {
  if (!row || !row->has(name)) return {};
  const Var& v = row->get(name);
  if (v.isEmpty()) return {};
  try {
    return util::trim(v.convert<std::string>());
  } catch (const Poco::Exception&) {
    return {};
  }
}

std::string rawText(const Object::Ptr& row, const std::string& name) {
  if (!row || !row->has(name)) return {};
  const Var& v = row->get(name);
  if (v.isEmpty() || !v.isString()) return {};
  return v.extract<std::string>();
}

void loadV3(const CbsTableRef& ref, Fetcher& fetch, Builder& build) {
  const auto entity = [&](const std::string& name) { return ref.location + "/" + name + "?$format=json"; };

  TableMeta meta;
  std::map<std::string, std::pair<std::string, std::string>> groups;
  std::size_t topics = 0;
  int position = 0;
  for (const auto& row : fetch.all(entity("DataProperties"))) {
    const std::string type = text(row, "Type");
    ++position;
    if (type == "Topic") {
      ++topics;
      const std::string key = code(row);
      if (key.empty()) continue;
      meta.measures.push_back({key, key, text(row, "Title"), anyText(row, "ParentID"), position,
                               intField(row, "Decimals"), text(row, "Unit")});
    } else if (type == "TopicGroup") {
      groups[anyText(row, "ID")] = {text(row, "Title"), anyText(row, "ParentID")};
    } else if (type == "Dimension") {
      meta.dimensions.insert(code(row));
    }
  }
  meta.groups = [&] { return groups; };
  meta.categories = [&](const std::string& dimension) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& row : fetch.all(entity(dimension))) out.emplace_back(rawText(row, "Key"), text(row, "Title"));
    return out;
  };
  build.resolve(meta, true);
  for (const auto& row : fetch.all(entity("RegioS"))) build.region(code(row), text(row, "Title"));
  build.finishRegions();
  for (const auto& row : fetch.all(entity("Perioden"))) build.period(rawText(row, "Key"), text(row, "Status"));
  build.finishPeriods(entity("Perioden"));
  if (!fetch.options().observations) return;  // the lists only

  const auto take = [&](const std::vector<Object::Ptr>& rows) {
    for (const auto& row : rows) {
      const std::string region = text(row, "RegioS");
      const std::string period = text(row, "Perioden");
      for (const auto& r : build.resolved()) {
        if (!row->has(r.measure)) continue;  // no column: no figure (missing)
        const CbsMeasure& spec = cbsMeasures()[r.spec];
        if (!spec.dimension.empty() && text(row, spec.dimension) != r.category) continue;
        model::Observation o = v3Cell(row->get(r.measure));
        if (o.hasValue()) o.value *= r.factor;
        build.cell(region, period, spec.indicator, o);
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
        throw Error(ErrorKind::Source,
                    fmt::format("Bron {}: de server negeert $skip (dezelfde pagina opnieuw); gestopt", url));
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

void loadV4(const CbsTableRef& ref, Fetcher& fetch, Builder& build, CbsLoaded& out, const CbsOptions& options) {
  const auto entity = [&](const std::string& name) { return ref.location + "/" + name; };

  TableMeta meta;
  for (const auto& row : fetch.all(entity("MeasureCodes"))) {
    const std::string id = code(row);
    if (id.empty()) continue;
    meta.measures.push_back({id, rawText(row, "Identifier").empty() ? id : rawText(row, "Identifier"),
                             text(row, "Title"), anyText(row, "MeasureGroupId"),
                             intField(row, "Index").value_or(static_cast<int>(meta.measures.size())),
                             intField(row, "Decimals"), text(row, "Unit")});
  }
  // The dimensions besides the regions and Perioden (85097NED: VerwijzerJeugdzorg), and the
  // region dimension's name: RegioS, but 83454NED calls it Regio. A table whose shape we know
  // (options.shape) is not asked; otherwise a table without a Dimensions entity is taken to have
  // none besides RegioS and Perioden.
  std::string geo = "RegioS";
  const CbsTableShape* shape = options.shape ? &*options.shape : nullptr;
  CbsSharedLists* shared = shape ? options.shared : nullptr;
  if (shape) {
    geo = shape->geo;
    meta.dimensions.insert(shape->dimensions.begin(), shape->dimensions.end());
  } else {
    try {
      for (const auto& row : fetch.all(entity("Dimensions"))) {
        const std::string kind = text(row, "Kind");
        if (kind == "Dimension") meta.dimensions.insert(code(row));
        if (kind == "GeoDimension" && !code(row).empty()) geo = code(row);
      }
    } catch (const Error& e) {
      if (!isNotFound(e)) throw;
    }
  }
  // A code list of a dimension the known shape names: a 404 means CBS changed the table.
  const auto codeList = [&](const std::string& dimension) {
    CbsCodeList list;
    try {
      for (const auto& row : fetch.all(entity(dimension + "Codes")))
        list.emplace_back(rawText(row, "Identifier"), text(row, "Title"));
    } catch (const Error& e) {
      if (!shape || !isNotFound(e)) throw;
      throw Error(ErrorKind::Source,
                  fmt::format("CBS-tabel {}: de dimensie {} bestaat niet (meer) bij {}; CBS heeft de indeling van de "
                              "tabel gewijzigd. Raadsbrief leest de tabel niet, om geen verkeerde cijfers te tonen",
                              ref.table, dimension, ref.location));
    }
    return list;
  };
  meta.groups = [&] {
    std::map<std::string, std::pair<std::string, std::string>> groups;
    try {
      for (const auto& row : fetch.all(entity("MeasureGroups")))
        groups[anyText(row, "Id")] = {text(row, "Title"), anyText(row, "ParentId")};
    } catch (const Error& e) {
      if (!isNotFound(e)) throw;
    }
    return groups;
  };
  meta.categories = [&](const std::string& dimension) {
    if (shared) {
      if (const auto it = shared->categories.find(dimension); it != shared->categories.end()) {
        meta.ownCategories = codeList;  // a category the shared list lacks: this table's own list
        return it->second;
      }
    }
    CbsCodeList list = codeList(dimension);
    if (shared) shared->categories[dimension] = list;
    return list;
  };
  build.resolve(meta, false);

  // The regions: the list another table of this load read (one classification, whatever the
  // dimension is called); for one memo, the regions it asks figures for, from the reference data
  // (names as people write them, CBS's codes); else the table's own list.
  CbsCodeList regionList;
  bool fromReference = false;
  if (shared && shared->regions) {
    regionList = *shared->regions;
    fromReference = shared->regionsFromReference;
  } else if (shared && options.observations && !options.regions.empty() && options.youthCareRegions) {
    // NL01, the regions asked for and the youth-care regions of the municipalities among them
    // (what the Observations filter below asks for).
    const data::YouthCareRegions& reference = *options.youthCareRegions;
    std::vector<std::string> codes{"NL01"};
    for (const auto& c : options.regions) {
      codes.push_back(c);
      if (const data::MunicipalityRef* m = reference.municipality(c); m && !m->regionCode.empty())
        codes.push_back(m->regionCode);
    }
    std::set<std::string> listed;
    fromReference = true;
    for (const auto& c : codes) {
      if (!listed.insert(c).second) continue;
      if (c == "NL01") regionList.emplace_back(c, "Nederland");
      else if (const data::MunicipalityRef* m = reference.municipality(c)) regionList.emplace_back(c, m->name);
      else if (const data::YouthCareRegionRef* y = reference.region(c)) regionList.emplace_back(c, y->name + " (JZ)");
      else fromReference = false;  // a code the reference does not know: CBS's own list
    }
    if (!fromReference) regionList = codeList(geo);
  } else {
    regionList = codeList(geo);
  }
  if (shared && !shared->regions) {
    shared->regions = regionList;
    shared->regionsFromReference = fromReference;
  }
  for (const auto& [raw, title] : regionList) build.region(util::trim(raw), title, raw);
  build.finishRegions();
  for (const auto& row : fetch.all(entity("PeriodenCodes")))
    build.period(rawText(row, "Identifier"), text(row, "Status"));
  build.finishPeriods(entity("PeriodenCodes"));
  if (!options.observations) return;  // the lists only: no Observations request

  // Ask only for what is used: the measures (and categories) we resolved, our kinds of regions,
  // our periods. A part is left out when the table has nothing else.
  std::vector<std::string> clauses;
  if (build.unusedMeasures()) {
    std::vector<std::string> ids;
    for (const auto& r : build.resolved())
      if (std::find(ids.begin(), ids.end(), r.rawMeasure) == ids.end()) ids.push_back(r.rawMeasure);
    clauses.push_back(anyOf("Measure", ids));
  }
  std::map<std::string, std::vector<std::string>> categories;
  for (const auto& r : build.resolved()) {
    const CbsMeasure& spec = cbsMeasures()[r.spec];
    if (spec.dimension.empty()) continue;
    auto& list = categories[spec.dimension];
    if (std::find(list.begin(), list.end(), r.rawCategory) == list.end()) list.push_back(r.rawCategory);
  }
  for (const auto& [dimension, codes] : categories) clauses.push_back(anyOf(dimension, codes));
  if (!options.regions.empty()) {
    // Only these regions, NL01 and the youth-care regions of the municipalities among them; the
    // codes as CBS writes them (with trailing spaces, if any).
    std::vector<std::string> wanted{"NL01"};
    for (const auto& c : options.regions) {
      wanted.push_back(c);
      if (const model::Region* r = out.dataset.findRegion(c); r && !r->youthCareRegion.empty())
        wanted.push_back(r->youthCareRegion);
    }
    std::vector<std::string> raw;
    for (const auto& c : wanted)
      if (const std::string r = build.rawCode(c); !r.empty() && std::find(raw.begin(), raw.end(), r) == raw.end())
        raw.push_back(r);
    if (fromReference) {
      // Codes from the reference are trimmed; CBS pads its shorter codes ("NL01  ", "JZ18  "):
      // those are matched by their start (a municipality's GM code has the full width).
      std::string any;
      for (const auto& r : raw)
        any += (any.empty() ? "(" : " or ") +
               (r.size() < 6 ? "startswith(" + geo + "," + literal(r) + ")" : geo + " eq " + literal(r));
      clauses.push_back(any + ")");
    } else {
      clauses.push_back(anyOf(geo, raw));
    }
  } else if (build.hasOtherRegions()) {
    // startswith: CBS's codes may carry trailing spaces ("NL01  ").
    std::string regions = "(startswith(" + geo + ",'NL') or startswith(" + geo + ",'GM')";
    for (const auto& prefix : build.youthCareRegionPrefixes())
      regions += " or startswith(" + geo + "," + literal(prefix) + ")";
    clauses.push_back(regions + ")");
  }
  if (build.hasOtherPeriods()) clauses.push_back(anyOf("Perioden", build.usedPeriodCodes()));
  std::string filter;
  for (const auto& c : clauses) filter += (filter.empty() ? "" : " and ") + c;
  const std::string observations = entity("Observations") + (filter.empty() ? "" : "?$filter=" + urlEncoded(filter));

  std::vector<Object::Ptr> rows;
  try {
    fetch.follow(observations, rows);
  } catch (const Error& e) {
    const std::string message = e.what();
    if (!shape || message.find("HTTP 400") == std::string::npos) throw;
    std::string expected = geo + ", Perioden";
    for (const auto& d : meta.dimensions) expected += ", " + d;
    throw Error(ErrorKind::Source,
                fmt::format("CBS-tabel {}: CBS weigert de vraag naar de cijfers; de indeling van de tabel is "
                            "waarschijnlijk gewijzigd (Raadsbrief verwacht de dimensies {}) — {}",
                            ref.table, expected, message));
  }
  if (shape) {
    // The shape was not asked for: every row must have exactly its dimensions, or CBS changed
    // the table (a figure split by a new dimension would otherwise overwrite its total).
    std::set<std::string> fields{"Id", "Measure", "ValueAttribute", "Value", "StringValue", geo, "Perioden"};
    fields.insert(meta.dimensions.begin(), meta.dimensions.end());
    for (const auto& row : rows) {
      std::vector<std::string> names;
      row->getNames(names);
      for (const auto& n : names)
        if (!fields.count(n) && n.rfind('@', 0) != 0)
          throw Error(ErrorKind::Source,
                      fmt::format("CBS-tabel {}: de cijfers hebben een dimensie die Raadsbrief niet kent ({}); CBS "
                                  "heeft de indeling van de tabel gewijzigd. Raadsbrief leest de tabel niet, om geen "
                                  "verkeerde cijfers te tonen",
                                  ref.table, n));
      for (const auto& d : fields)
        if (d != "StringValue" && d != "Value" && d != "Id" && d != "ValueAttribute" && !row->has(d))
          throw Error(ErrorKind::Source,
                      fmt::format("CBS-tabel {}: de cijfers missen de dimensie {}; CBS heeft de indeling van de tabel "
                                  "gewijzigd. Raadsbrief leest de tabel niet, om geen verkeerde cijfers te tonen",
                                  ref.table, d));
    }
  }
  std::set<std::string> known;
  for (const auto& m : meta.measures) known.insert(m.id);
  std::vector<std::string> dimensions(meta.dimensions.begin(), meta.dimensions.end());
  for (const auto& row : rows) {
    const std::string measure = text(row, "Measure");
    std::string category;
    for (const auto& d : dimensions) {
      category = text(row, d);  // at most one extra dimension is ever read (85097NED)
      break;
    }
    const Resolved* ours = build.resolvedOf(measure, category);
    if (!ours) {
      if (!known.count(measure)) build.unknownMeasureInCells(measure);
      continue;
    }
    const Var& value = row->has("Value") ? row->get("Value") : Var();
    model::Observation observation;
    std::string attribute;
    if (!value.isEmpty() && value.isNumeric() && !value.isBoolean() && std::isfinite(value.convert<double>())) {
      observation = model::Observation::of(value.convert<double>() * ours->factor);
    } else {
      // No value: a special value (Impossible, Confidential, ... whatever the table uses) means
      // a suppressed figure; "None" (or no attribute at all) means there is simply no figure.
      attribute = text(row, "ValueAttribute");
      if (!attribute.empty() && attribute != "None") observation = model::Observation::suppressed();
    }
    if (build.cell(text(row, geo), text(row, "Perioden"), cbsMeasures()[ours->spec].indicator, observation) &&
        observation.state == model::Observation::State::Suppressed)
      ++out.suppressedByAttribute[attribute];
  }
}

}  // namespace

std::optional<std::string> cbsPeriodId(std::string_view code, bool halfYears) {
  if (code.size() != 8) return std::nullopt;
  for (std::size_t i = 0; i < 4; ++i)
    if (!std::isdigit(static_cast<unsigned char>(code[i]))) return std::nullopt;
  const std::string_view kind = code.substr(4);
  if (kind == "JJ00") return std::string(code.substr(0, 4));
  if (halfYears && (kind == "HJ01" || kind == "HJ02")) return std::string(code.substr(0, 4)) + "-H" + code[7];
  return std::nullopt;
}

std::string cbsRegionSuffix(std::string_view title) {
  const std::string t = util::trim(title);
  if (t.size() < 5 || t.back() != ')') return {};
  const auto open = t.rfind(" (");
  if (open == std::string::npos) return {};
  const std::string inner = t.substr(open + 2, t.size() - open - 3);
  for (const char* kind : {"gemeente", "JZ", "PV", "LD", "CR", "GM"})
    if (inner == kind) return inner;
  return {};
}

std::string cbsDisplayName(std::string_view title) {
  const std::string t = util::trim(title);
  const std::string suffix = cbsRegionSuffix(t);
  if (suffix.empty()) return t;
  return util::trim(std::string_view(t).substr(0, t.size() - suffix.size() - 3));
}

bool cbsTitleMatches(std::string_view title, std::string_view full) {
  const auto cbs = titleWords(title);
  const auto ours = titleWords(full);
  if (cbs.empty() || cbs.size() != ours.size()) return false;
  for (std::size_t i = 0; i < cbs.size(); ++i) {
    std::string w = cbs[i];
    const bool abbreviated = w.size() > 1 && w.back() == '.';
    if (abbreviated) w.pop_back();
    if (w == ours[i]) continue;
    if ((abbreviated || i + 1 == cbs.size()) && w.size() >= 2 && ours[i].size() > w.size() &&
        ours[i].compare(0, w.size(), w) == 0)
      continue;
    return false;
  }
  return true;
}

bool cbsCategoryMatches(std::string_view title, std::string_view category) {
  auto cbs = titleWords(title);
  auto ours = titleWords(category);
  // CBS's code prefix: a word of two or three capitals ("JZ", "JH", "JB"), then perhaps a number.
  const auto isCode = [](std::string_view raw) {
    return raw.size() >= 2 && raw.size() <= 3 &&
           std::all_of(raw.begin(), raw.end(), [](unsigned char c) { return std::isupper(c) != 0; });
  };
  const auto isNumber = [](const std::string& w) {
    return !w.empty() && std::all_of(w.begin(), w.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  };
  const std::string t = util::trim(title);
  const std::string firstRaw = t.substr(0, t.find_first_of(" \t"));
  if (cbs.size() > 1 && isCode(firstRaw)) {
    cbs.erase(cbs.begin());
    if (cbs.size() > 1 && isNumber(cbs.front())) cbs.erase(cbs.begin());
  }
  // An ellipsis at the end stands for the rest: compare the words before it.
  const auto open = [](std::vector<std::string>& words) {
    if (words.empty() || (words.back() != "..." && words.back() != "\u2026")) return false;
    words.pop_back();
    return true;
  };
  for (auto* words : {&cbs, &ours})  // commas do not tell categories apart
    for (auto& w : *words)
      if (w.size() > 1 && w.back() == ',') w.pop_back();
  const bool cbsOpen = open(cbs);
  const bool oursOpen = open(ours);
  if (cbs.empty() || ours.empty()) return false;
  if (oursOpen && cbs.size() > ours.size()) cbs.resize(ours.size());
  if (cbsOpen && ours.size() > cbs.size()) ours.resize(cbs.size());
  std::string a, b;
  for (const auto& w : cbs) a += (a.empty() ? "" : " ") + w;
  for (const auto& w : ours) b += (b.empty() ? "" : " ") + w;
  return cbsTitleMatches(a, b);
}

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
  Builder build(ref, out, options.youthCareRegions, options.halfYears, options.beforeYear, options.indicators);
  if (ref.api == CbsApi::V4) loadV4(ref, fetch, build, out, options);
  else loadV3(ref, fetch, build);
  build.finish();

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
