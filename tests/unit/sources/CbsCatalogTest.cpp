// CBS as one source: the v4 catalog (85098NED + 85097NED) in CBS's shapes, generated from a
// compact description and served over 127.0.0.1 by a fake that answers $filter like CBS and
// pages with @odata.nextLink; the youth-care regions from the reference data; names without
// CBS's suffixes; measures resolved from MeasureCodes (abbreviated titles, measure groups).
#include <catch2/catch.hpp>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "Error.hpp"
#include "HttpTestOptions.hpp"
#include "LoopbackServer.hpp"
#include "data/YouthCareRegions.hpp"
#include "sources/CbsCatalog.hpp"
#include "sources/CbsDerived.hpp"
#include "sources/CbsOData.hpp"
#include "sources/Loader.hpp"
#include "sources/Source.hpp"

using namespace raadsbrief;
using namespace raadsbrief::sources;
using namespace std::chrono_literals;

namespace {

const std::string kDemoDataset = RAADSBRIEF_DEMO_DATASET;

// ---------------------------------------------------------------------------------------------
// The compact description of the replayed catalog.

struct Code {
  std::string id;  ///< as CBS writes it (may carry trailing spaces)
  std::string title;
};

/// Regions: NL01, provinces/landsdelen/COROP (not used), one municipality or more per region of
/// regions.md (two with CBS's "(gemeente)" suffix), their youth-care regions (JZ), and Groningen
/// whose youth-care region has no row in the tables.
const std::vector<Code> kRegions{
    {"NL01  ", "Nederland"},
    {"LD03  ", "West-Nederland (LD)"},
    {"PV28  ", "Zuid-Holland (PV)"},
    {"CR34  ", "Agglomeratie Leiden en Bollenstreek (CR)"},
    {"GM0014", "Groningen (gemeente)"},
    {"GM0546", "Leiden"},
    {"GM0626", "Voorschoten"},
    {"GM0518", "'s-Gravenhage (gemeente)"},
    {"GM0637", "Zoetermeer"},
    {"GM0392", "Haarlem"},
    {"GM0363", "Amsterdam"},
    {"GM0479", "Zaanstad"},
    {"JZ09  ", "Zaanstreek-Waterland (JZ)"},
    {"JZ11  ", "Zuid-Kennemerland (JZ)"},
    {"JZ13  ", "Amsterdam-Amstelland (JZ)"},
    {"JZ18  ", "Holland Rijnland (JZ)"},
    {"JZ24  ", "Haaglanden (JZ)"},
};

struct PeriodCode {
  std::string id, title, status;
};
const std::vector<PeriodCode> kPeriods{
    {"2021JJ00", "2021", "Definitief"},
    {"2022JJ00", "2022", "Nader voorlopig"},
    {"2023HJ01", "1e halfjaar 2023", "Voorlopig"},
    {"2023HJ02", "2e halfjaar 2023", "Voorlopig"},
    {"2023JJ00", "2023", "Voorlopig"},
};

struct MeasureDef {
  std::string id, title, group;  ///< group: MeasureGroups Id, empty for none
  int decimals;
};

/// 85098NED: CBS's abbreviated titles, codes that say nothing (one with a suffix).
const std::vector<MeasureDef> k85098Measures{
    {"M001534", "Jongeren met jeugdhulp in natura", "", 1},
    {"M001924_2", "Jongeren met jeugdh. met verbl. in nat.", "", 1},
    {"M001536", "Jongeren met jeugdbescherming", "", 1},
    {"M001167", "Jeugdbesch. en jeugdh. met verbl. in nat", "", 1},
    {"M001538", "Jongeren met jeugdreclassering", "", 1},
};

struct GroupDef {
  std::string id, title, parent;
};
/// 85097NED: one block per form of care, the block of all forms of care *not* first, so that the
/// group decides (the first by index would be wrong).
const std::vector<std::string> kBlocks{"Jeugdhulp zonder verblijf", "Totaal jeugdhulptrajecten in natura",
                                       "Jeugdhulp met verblijf"};
const std::vector<std::string> kStarted{"Totaal begonnen trajecten", "Nieuw traject", "Herhaald beroep",
                                        "Gestart met crisis", "Niet gestart met crisis"};
const std::vector<std::string> kEnded{"Totaal beëindigde trajecten", "Gemiddelde duur (dagen)",
                                      "Beëindigd volgens plan", "Totaal voortijdig afgesloten"};

std::vector<GroupDef> groups85097() {
  std::vector<GroupDef> g;
  for (std::size_t b = 0; b < kBlocks.size(); ++b) {
    g.push_back({fmt::format("G{}", b), kBlocks[b], ""});
    g.push_back({fmt::format("G{}a", b), "Begonnen trajecten", fmt::format("G{}", b)});
    g.push_back({fmt::format("G{}b", b), "Beëindigde trajecten", fmt::format("G{}", b)});
  }
  return g;
}

std::vector<MeasureDef> measures85097() {
  std::vector<MeasureDef> m;
  int n = 2000;
  for (std::size_t b = 0; b < kBlocks.size(); ++b) {
    m.push_back({fmt::format("M00{}", n++), kBlocks[b], fmt::format("G{}", b), 0});
    for (const auto& t : kStarted) m.push_back({fmt::format("M00{}", n++), t, fmt::format("G{}a", b), 0});
    for (const auto& t : kEnded) m.push_back({fmt::format("M00{}", n++), t, fmt::format("G{}b", b), 0});
  }
  return m;
}

const std::vector<Code> kReferrers{
    {"T001070", "Totaal verwijzer"},
    {"A041348", "Gemeentelijke toegang"},
    {"A041349", "Huisarts"},
    {"A041350", "Jeugdarts"},
    {"A041351", "Gecertificeerde instelling"},
    {"A041352", "Medisch specialist"},
    {"A041353", "Rechter, Officier van Justitie, ..."},
    {"A041354", "Geen verwijzer"},
    {"A041355", "Verwijzer onbekend"},
};

/// 82972NED (the predecessor of 85098NED, 2015–2020): its own years, and a 2021 of its own that
/// must never be read (the 2021 break: the newer table has 2021).
const std::vector<PeriodCode> kOldPeriods{
    {"2019JJ00", "2019", "Definitief"}, {"2020JJ00", "2020", "Definitief"}, {"2021JJ00", "2021", "Voorlopig"}};
const std::vector<PeriodCode>& periodsOf(const std::string& table) {
  return table == "82972NED" ? kOldPeriods : kPeriods;
}

/// 85099NED and 83454NED: VormenVanJeugdzorg with CBS's code prefixes in the titles.
const std::vector<Code> kForms{
    {"T001397", "JZ Totaal jeugdzorg"},
    {"A049431", "JH 1 Totaal jeugdhulp"},
    {"A049432", "JH 121 Totaal jeugdhulp zonder verblijf"},
    {"A049433", "JH 1211 Uitgevoerd door wijkteam"},
    {"A049434", "JH 1212 Niet uitgevoerd door wijkteam"},
    {"A049435", "JH 122 Totaal jeugdhulp met verblijf"},
    {"A049436", "JH 1221 Pleegzorg"},
    {"A049440", "JB 1 Totaal jeugdbescherming"},
};
const std::vector<Code> kCostForms{{"T001397", "JZ Totaal jeugdzorg"},
                                   {"A049431", "JH 1 Totaal jeugdhulp"},
                                   {"A049440", "JB 1 Totaal jeugdbescherming"},
                                   {"A049450", "JR 1 Totaal jeugdreclassering"}};
/// 85099NED: the same (abbreviated) title as a share and as a count, in measure groups; the share first.
const std::vector<MeasureDef> k85099Measures{{"M004102", "Jongeren met jeugdz.", "GR", 1},
                                             {"M004101", "Jongeren met jeugdzorg", "GA", 0},
                                             {"M004103", "Jeugdzorgtrajecten", "", 0}};
/// 83454NED: × € 1.000, one title abbreviated.
const std::vector<MeasureDef> k83454Measures{{"M000180", "Begrote kosten", "", 0},
                                             {"M000181", "Gereal. kosten", "", 0}};

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

/// One observation cell of the replay: a value printed with `decimals`, or null with an attribute.
struct Cell {
  std::optional<std::string> value;  ///< as printed in JSON
  std::string attribute = "None";
};

/// The value of a cell, a pure function of its coordinates. Every 11th municipal cell of
/// 85098NED is suppressed ("Impossible"), every 13th of 85097NED ("Confidential"); COROP rows are
/// empty (not served); a null with "None" once (GM0479, 2021, first measure).
Cell cellOf(const std::string& table, std::size_t measure, std::size_t referrer, std::size_t region, std::size_t period,
            int decimals) {
  const std::string code = trimmed(kRegions[region].id);
  if (code.rfind("CR", 0) == 0) return {std::nullopt, "skip"};
  const std::size_t key = measure * 1009 + referrer * 101 + region * 13 + period * 7 + (table == "82972NED" ? 3 : 0);
  if (table == "85098NED" || table == "82972NED") {
    if (code == "GM0479" && period == 0 && measure == 0 && table == "85098NED") return {std::nullopt, "None"};
    if (code.rfind("GM", 0) == 0 && key % 11 == 3) return {std::nullopt, "Impossible"};
    const double v = 0.5 + static_cast<double>((key * 37) % 400) / 10.0;
    return {fmt::format("{:.{}f}", v, decimals)};
  }
  if (table == "83454NED") {  // × € 1.000; only NL01 and municipalities have rows
    if (code.rfind("GM", 0) != 0 && code != "NL01") return {std::nullopt, "skip"};
    if (code.rfind("GM", 0) == 0 && key % 7 == 2) return {std::nullopt, "Impossible"};
    return {fmt::format("{}", 1000 + (key * 131) % 90000)};
  }
  if (code.rfind("GM", 0) == 0 && key % 13 == 5) return {std::nullopt, "Confidential"};
  if (table == "85099NED" && measure == 0)
    return {fmt::format("{:.{}f}", 0.5 + static_cast<double>((key * 37) % 150) / 10.0, decimals)};
  return {fmt::format("{}", 5 * ((key * 7919) % 4000) + 5)};
}

/// The measures of a table of the replay.
const std::vector<MeasureDef>& measuresOf(const std::string& table) {
  static const std::vector<MeasureDef> big = measures85097();
  if (table == "85097NED") return big;
  if (table == "85099NED") return k85099Measures;
  if (table == "83454NED") return k83454Measures;
  return k85098Measures;
}
/// The categories of a table's extra dimension (one empty category for none).
const std::vector<Code>& categoriesOf(const std::string& table) {
  static const std::vector<Code> none{{"", ""}};
  if (table == "85097NED") return kReferrers;
  if (table == "85099NED") return kForms;
  if (table == "83454NED") return kCostForms;
  return none;
}
std::string dimensionOf(const std::string& table) {
  if (table == "85097NED") return "VerwijzerJeugdzorg";
  if (table == "85099NED" || table == "83454NED") return "VormenVanJeugdzorg";
  return "";
}

struct Request {
  std::string target;
  std::string path;  ///< decoded path
  std::map<std::string, std::string> query;
  bool authorization = false;
};

/// A filter as CBS takes it, restricted to the forms Raadsbrief sends: clauses joined by " and ",
/// each "(a or b ...)" or one atom; atoms `Field eq 'v'` and `startswith(Field,'v')`.
class Filter {
 public:
  explicit Filter(const std::string& text) {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find(" and ", start);
      if (end == std::string::npos) end = text.size();
      std::string clause = text.substr(start, end - start);
      if (!clause.empty() && clause.front() == '(' && clause.back() == ')')
        clause = clause.substr(1, clause.size() - 2);
      std::vector<Atom> any;
      std::size_t a = 0;
      while (a <= clause.size()) {
        std::size_t b = clause.find(" or ", a);
        if (b == std::string::npos) b = clause.size();
        any.push_back(atom(clause.substr(a, b - a)));
        a = b + 4;
      }
      clauses_.push_back(std::move(any));
      start = end + 5;
    }
  }
  [[nodiscard]] bool matches(const std::map<std::string, std::string>& row) const {
    for (const auto& any : clauses_) {
      bool ok = false;
      for (const auto& a : any) {
        const auto it = row.find(a.field);
        if (it == row.end()) throw std::runtime_error("filter on unknown field " + a.field);
        ok = ok || (a.prefix ? it->second.rfind(a.value, 0) == 0 : it->second == a.value);
      }
      if (!ok) return false;
    }
    return true;
  }

 private:
  struct Atom {
    std::string field, value;
    bool prefix = false;
  };
  static Atom atom(const std::string& s) {
    const auto unquote = [&](std::string v) {
      if (v.size() < 2 || v.front() != '\'' || v.back() != '\'') throw std::runtime_error("bad literal " + v);
      return v.substr(1, v.size() - 2);
    };
    if (s.rfind("startswith(", 0) == 0 && s.back() == ')') {
      const std::string inner = s.substr(11, s.size() - 12);
      const auto comma = inner.find(',');
      if (comma == std::string::npos) throw std::runtime_error("bad startswith " + s);
      return {inner.substr(0, comma), unquote(inner.substr(comma + 1)), true};
    }
    const auto eq = s.find(" eq ");
    if (eq == std::string::npos) throw std::runtime_error("bad atom " + s);
    return {s.substr(0, eq), unquote(s.substr(eq + 4)), false};
  }
  std::vector<std::vector<Atom>> clauses_;
};

std::string jsonString(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

struct ReplayOptions {
  std::size_t pageSize = 1000;
  std::set<std::string> tables{"85098NED", "85097NED", "85099NED", "83454NED"};
  /// A table CBS changed: its extra dimension under another name (table → new name).
  std::map<std::string, std::string> renamedDimension;
  /// A table CBS changed: every Observations row also has a dimension "Geslacht".
  std::set<std::string> newDimension;
  /// A table CBS changed: a measure's title (old title → new title).
  std::map<std::string, std::string> renamedMeasure;
  /// A table whose category list lacks a category (table → code).
  std::map<std::string, std::string> droppedCategory;
};

/// The fake CBS v4 host: /odata/v1/CBS/<TABLE>/<Entity>.
class CbsReplay {
 public:
  using Options = ReplayOptions;

  explicit CbsReplay(Options options = {})
      : options_(std::move(options)),
        socket_(Poco::Net::SocketAddress("127.0.0.1", 0)),
        base_("http://127.0.0.1:" + std::to_string(socket_.address().port())),
        server_(
            socket_, [this](Poco::Net::HTTPServerRequest& rq, Poco::Net::HTTPServerResponse& rs) { handle(rq, rs); },
            2) {}

  [[nodiscard]] std::string catalog() const { return base_ + "/odata/v1/CBS"; }
  [[nodiscard]] std::vector<Request> requests() const {
    std::lock_guard lock(mutex_);
    return seen_;
  }
  [[nodiscard]] std::size_t observationsServed(const std::string& table) const {
    std::lock_guard lock(mutex_);
    const auto it = served_.find(table);
    return it == served_.end() ? 0 : it->second;
  }

  /// The value a cell is served with, for comparing.
  static Cell expected(const std::string& table, const std::string& measureId, const std::string& referrer,
                       const std::string& region, const std::string& period) {
    const auto& ms = measuresOf(table);
    const auto& cs = categoriesOf(table);
    std::size_t m = 0, r = 0, g = 0, p = 0;
    while (m < ms.size() && ms[m].id != measureId) ++m;
    while (r < cs.size() && !referrer.empty() && cs[r].id != referrer) ++r;
    while (g < kRegions.size() && trimmed(kRegions[g].id) != region) ++g;
    const auto& ps = periodsOf(table);
    while (p < ps.size() && ps[p].id != period) ++p;
    REQUIRE((m < ms.size() && r < cs.size() && g < kRegions.size() && p < ps.size()));
    return cellOf(table, m, referrer.empty() ? 0 : r, g, p, ms[m].decimals);
  }

 private:
  static std::string list(const std::vector<std::string>& rows) {
    std::string out = R"({"@odata.context": "x", "value": [)";
    for (std::size_t i = 0; i < rows.size(); ++i) out += (i ? ",\n" : "\n") + rows[i];
    return out + "]}";
  }

  std::pair<int, std::string> serve(const Request& r) {
    std::vector<std::string> segments;
    Poco::URI(r.target).getPathSegments(segments);
    if (segments.size() < 4 || segments[0] != "odata" || segments[1] != "v1" || segments[2] != "CBS")
      return {404, R"({"error": {"message": "Not found"}})"};
    if (segments.size() == 4) return {404, R"({"error": {"message": "Not found"}})"};  // a table's root is not used
    const std::string table = segments[3];
    if (!options_.tables.count(table) || segments.size() != 5) return {404, R"({"error": {"message": "Not found"}})"};
    const std::string entity = segments[4];
    const bool big = table == "85097NED";
    const auto& measures = measuresOf(table);
    const std::string dimension =
        options_.renamedDimension.count(table) ? options_.renamedDimension.at(table) : dimensionOf(table);
    const auto& categories = categoriesOf(table);
    const std::string geo = table == "83454NED" ? "Regio" : "RegioS";
    const bool costs = table == "83454NED";
    const auto& periods = periodsOf(table);
    std::vector<std::string> rows;
    if (entity == "MeasureCodes") {
      int index = 0;
      for (const auto& m : measures)
        rows.push_back(fmt::format(
            R"({{"DataType": "{}", "Identifier": "{}", "Description": "…", "Unit": "{}", "Format": null, "MeasureGroupId": {}, "Decimals": {}, "PresentationType": "{}", "Index": {}, "Title": {}}})",
            m.decimals == 0 ? "Long" : "Float", m.id,
            costs ? "x 1 000 euro" : (m.decimals == 0 ? "aantal" : "% (zie toelichting)"),
            m.group.empty() ? "null" : jsonString(m.group), m.decimals, m.decimals == 0 ? "Absolute" : "Relative",
            ++index,
            jsonString(options_.renamedMeasure.count(m.title) ? options_.renamedMeasure.at(m.title) : m.title)));
      return {200, list(rows)};
    }
    if (entity == "MeasureGroups" && big) {
      int index = 0;
      for (const auto& g : groups85097())
        rows.push_back(fmt::format(R"({{"Id": "{}", "Index": {}, "Title": {}, "Description": null, "ParentId": {}}})",
                                   g.id, ++index, jsonString(g.title),
                                   g.parent.empty() ? "null" : jsonString(g.parent)));
      return {200, list(rows)};
    }
    if (entity == "MeasureGroups" && table == "85099NED") {
      rows.push_back(R"({"Id": "GR", "Index": 1, "Title": "Relatief", "Description": null, "ParentId": null})");
      rows.push_back(R"({"Id": "GA", "Index": 2, "Title": "Aantal", "Description": null, "ParentId": null})");
      return {200, list(rows)};
    }
    if (entity == "Dimensions") {
      rows.push_back(fmt::format(
          R"({{"Identifier": "{}", "Title": "Regio's", "Description": null, "Kind": "GeoDimension", "MapYear": "2023", "ReleasePolicy": true}})",
          geo));
      rows.push_back(
          R"({"Identifier": "Perioden", "Title": "Perioden", "Description": null, "Kind": "TimeDimension", "MapYear": null, "ReleasePolicy": true})");
      if (!dimension.empty())
        rows.push_back(fmt::format(
            R"({{"Identifier": "{}", "Title": "{}", "Description": null, "Kind": "Dimension", "MapYear": null, "ReleasePolicy": false}})",
            dimension, dimension));
      return {200, list(rows)};
    }
    if (entity == geo + "Codes") {
      int index = 0;
      for (const auto& c : kRegions)
        if (!costs || trimmed(c.id).rfind("JZ", 0) != 0)  // 83454NED has no youth-care regions
          rows.push_back(fmt::format(
              R"({{"Identifier": {}, "Index": {}, "Title": {}, "Description": null, "DimensionGroupId": "1"}})",
              jsonString(c.id), ++index, jsonString(c.title)));
      return {200, list(rows)};
    }
    if (entity == "PeriodenCodes") {
      int index = 0;
      for (const auto& p : periods)
        if (!costs || p.id.find("JJ") != std::string::npos)  // 83454NED: years only
          rows.push_back(fmt::format(
              R"({{"Identifier": "{}", "Index": {}, "Title": "{}", "Description": "", "DimensionGroupId": "1", "Status": "{}"}})",
              p.id, ++index, p.title, p.status));
      return {200, list(rows)};
    }
    if (entity == dimension + "Codes" && big) {
      int index = 0;
      for (const auto& c : kReferrers)
        rows.push_back(fmt::format(
            R"({{"Identifier": "{}", "Index": {}, "Title": {}, "Description": null, "DimensionGroupId": null}})", c.id,
            ++index, jsonString(c.title)));
      return {200, list(rows)};
    }
    if (entity == dimension + "Codes" && !big && !dimension.empty()) {
      int index = 0;
      for (const auto& c : categories)
        if (!options_.droppedCategory.count(table) || options_.droppedCategory.at(table) != c.id)
          rows.push_back(fmt::format(
              R"({{"Identifier": "{}", "Index": {}, "Title": {}, "Description": null, "DimensionGroupId": null}})",
              c.id, ++index, jsonString(c.title)));
      return {200, list(rows)};
    }
    if (entity != "Observations") return {404, R"({"error": {"message": "Not found"}})"};

    std::optional<Filter> filter;
    if (const auto f = r.query.find("$filter"); f != r.query.end()) {
      try {
        filter.emplace(f->second);
      } catch (const std::exception& e) {
        return {400, fmt::format(R"({{"error": {{"message": "{}"}}}})", e.what())};
      }
    }
    const std::size_t skip = r.query.count("$skip") ? std::stoul(r.query.at("$skip")) : 0;
    std::size_t matched = 0;
    std::size_t id = 0;
    const std::size_t referrers = categories.size();
    bool more = false;
    for (std::size_t m = 0; m < measures.size() && !more; ++m)
      for (std::size_t f = 0; f < referrers && !more; ++f)
        for (std::size_t g = 0; g < kRegions.size() && !more; ++g)
          for (std::size_t p = 0; p < periods.size(); ++p, ++id) {
            const Cell c = cellOf(table, m, f, g, p, measures[m].decimals);
            if (c.attribute == "skip") continue;  // empty cells are left out
            if (costs && periods[p].id.find("JJ") == std::string::npos) continue;
            std::map<std::string, std::string> fields{
                {"Measure", measures[m].id}, {geo, kRegions[g].id}, {"Perioden", periods[p].id}};
            if (!dimension.empty()) fields[dimension] = categories[f].id;
            try {
              if (filter && !filter->matches(fields)) continue;
            } catch (const std::exception& e) {
              return {400, fmt::format(R"({{"error": {{"message": "{}"}}}})", e.what())};
            }
            if (matched++ < skip) continue;
            if (rows.size() == options_.pageSize) {
              more = true;
              break;
            }
            rows.push_back(fmt::format(
                R"({{"Id": {}, "Measure": "{}", "ValueAttribute": "{}", "Value": {}, "StringValue": null, {}"{}": {}, "Perioden": "{}"{}}})",
                id, measures[m].id, c.attribute, c.value.value_or("null"),
                dimension.empty() ? std::string() : fmt::format(R"("{}": "{}", )", dimension, categories[f].id), geo,
                jsonString(kRegions[g].id), periods[p].id,
                options_.newDimension.count(table) ? R"(, "Geslacht": "T001038")" : ""));
          }
    {
      std::lock_guard lock(mutex_);
      served_[table] += rows.size();
    }
    std::string body = list(rows);
    if (more) {
      Poco::URI next(base_ + r.path);
      for (const auto& [k, v] : r.query)
        if (k != "$skip") next.addQueryParameter(k, v);
      next.addQueryParameter("$skip", std::to_string(skip + rows.size()));
      body.pop_back();
      body += R"(, "@odata.nextLink": )" + jsonString(next.toString()) + "}";
    }
    return {200, body};
  }

  void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    Request r;
    r.target = request.getURI();
    const Poco::URI uri(r.target);
    r.path = uri.getPath();
    for (const auto& [k, v] : uri.getQueryParameters()) r.query[k] = v;
    r.authorization = request.has("Authorization");
    {
      std::lock_guard lock(mutex_);
      seen_.push_back(r);
    }
    const auto [status, body] = serve(r);
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentType("application/json;odata.metadata=minimal;charset=utf-8");
    response.sendBuffer(body.data(), body.size());
  }

  Options options_;
  Poco::Net::ServerSocket socket_;
  std::string base_;
  mutable std::mutex mutex_;
  std::vector<Request> seen_;
  std::map<std::string, std::size_t> served_;
  test::LoopbackServer server_;
};

LoadOptions loadOptions() {
  LoadOptions o;
  o.bundledDataset = kDemoDataset;  // the reference data sits next to it
  o.http = test::fastHttpOptions();
  return o;
}

/// The entity part of the targets, in order ("85098NED/MeasureCodes", ...).
std::vector<std::string> entities(const std::vector<Request>& requests) {
  std::vector<std::string> out;
  for (const auto& r : requests) {
    std::vector<std::string> s;
    Poco::URI(r.path).getPathSegments(s);
    out.push_back(s.size() >= 5 ? s[3] + "/" + s[4] + (r.query.count("$skip") ? "+" : "") : r.path);
  }
  return out;
}

void checkCell(const model::Dataset& ds, const std::string& region, const std::string& indicator,
               const std::string& year, const Cell& want) {
  INFO(region << " " << indicator << " " << year);
  const model::Observation got = ds.observation(region, indicator, year);
  if (want.value) {
    REQUIRE(got.state == model::Observation::State::Value);
    CHECK(got.value == std::stod(*want.value));
  } else if (want.attribute == "None") {
    CHECK(got.state == model::Observation::State::Missing);
  } else {
    CHECK(got.state == model::Observation::State::Suppressed);
  }
}

const std::map<std::string, std::string> kYearCodes{{"2021", "2021JJ00"}, {"2022", "2022JJ00"}, {"2023", "2023JJ00"}};

}  // namespace

TEST_CASE("CBS names: suffixes stripped, other parentheses kept", "[cbs][catalog]") {
  CHECK(cbsDisplayName("Groningen (gemeente)") == "Groningen");
  CHECK(cbsDisplayName("'s-Gravenhage (gemeente)") == "'s-Gravenhage");
  CHECK(cbsDisplayName("Rijk van Nijmegen (JZ)") == "Rijk van Nijmegen");
  CHECK(cbsDisplayName("Zuid-Holland (PV)") == "Zuid-Holland");
  CHECK(cbsDisplayName("West-Nederland (LD)") == "West-Nederland");
  CHECK(cbsDisplayName("Agglomeratie Leiden en Bollenstreek (CR)") == "Agglomeratie Leiden en Bollenstreek");
  CHECK(cbsDisplayName("Friesland (Fryslân) (JZ)") == "Friesland (Fryslân)");
  CHECK(cbsDisplayName("Friesland (Fryslân)") == "Friesland (Fryslân)");
  CHECK(cbsDisplayName("  Leiden ") == "Leiden");
  CHECK(cbsRegionSuffix("Haaglanden (JZ)") == "JZ");
  CHECK(cbsRegionSuffix("Groningen (gemeente)") == "gemeente");
  CHECK(cbsRegionSuffix("Groningen (PV)") == "PV");
  CHECK(cbsRegionSuffix("Leiden").empty());
}

TEST_CASE("CBS categories: code prefixes ignored, an ellipsis stands for the rest", "[cbs][catalog]") {
  CHECK(cbsCategoryMatches("JZ Totaal jeugdzorg", "Totaal jeugdzorg"));
  CHECK(cbsCategoryMatches("JH 1211 Uitgevoerd door wijkteam", "Uitgevoerd door wijkteam"));
  CHECK(cbsCategoryMatches("JH 1 Totaal jeugdhulp", "Totaal jeugdhulp"));
  CHECK_FALSE(cbsCategoryMatches("JH 1 Totaal jeugdhulp", "Totaal jeugdzorg"));
  CHECK_FALSE(cbsCategoryMatches("JH 122 Totaal jeugdhulp met verblijf", "Totaal jeugdhulp"));
  CHECK_FALSE(cbsCategoryMatches("JH 1212 Niet uitgevoerd door wijkteam", "Uitgevoerd door wijkteam"));
  CHECK(cbsCategoryMatches("Huisarts", "Huisarts"));
  CHECK_FALSE(cbsCategoryMatches("Jeugdarts", "Huisarts"));
  CHECK(cbsCategoryMatches("Rechter, Officier van Justitie, ...", "Rechter, Officier van Justitie, ..."));
  CHECK(cbsCategoryMatches("Rechter, Officier van Justitie, Raad voor de Kinderbescherming",
                           "Rechter, Officier van Justitie, ..."));
  CHECK(cbsCategoryMatches("Rechter, Officier van Justitie", "Rechter, Officier van Justitie, ..."));
  CHECK_FALSE(cbsCategoryMatches("Geen verwijzer", "Rechter, Officier van Justitie, ..."));
  CHECK_FALSE(cbsCategoryMatches("Verwijzer onbekend", "Geen verwijzer"));
  CHECK_FALSE(cbsCategoryMatches("...", "Huisarts"));
}

TEST_CASE("CBS titles: abbreviations match, other titles do not", "[cbs][catalog]") {
  CHECK(cbsTitleMatches("Jongeren met jeugdh. met verbl. in nat.", "Jongeren met jeugdhulp met verblijf in natura"));
  CHECK(cbsTitleMatches("Jeugdbesch. en jeugdh. met verbl. in nat",
                        "Jeugdbescherming en jeugdhulp met verblijf in natura"));
  CHECK(cbsTitleMatches("jongeren  met JEUGDHULP in natura", "Jongeren met jeugdhulp in natura"));
  CHECK_FALSE(cbsTitleMatches("Jongeren met jeugdhulp", "Jongeren met jeugdhulp in natura"));
  CHECK_FALSE(cbsTitleMatches("Jongeren met jeugdbescherming", "Jongeren met jeugdhulp met verblijf in natura"));
  CHECK_FALSE(cbsTitleMatches("Jongeren met jeugdh. met verbl. in nat.",
                              "Jeugdbescherming en jeugdhulp met verblijf in natura"));
  CHECK_FALSE(cbsTitleMatches("Jongeren met jeugdreclassering", "Jongeren met jeugdbescherming"));
  // A word in the middle without a period is no abbreviation.
  CHECK_FALSE(
      cbsTitleMatches("Jongeren met jeugd met verblijf in natura", "Jongeren met jeugdhulp met verblijf in natura"));
  CHECK_FALSE(cbsTitleMatches("", "Jongeren"));
}

TEST_CASE("Youth-care regions: the shipped reference data", "[cbs][catalog][reference]") {
  const auto file = data::youthCareRegionsFile(kDemoDataset);
  const auto ref = data::YouthCareRegions::read(file);
  CHECK(ref.municipalities().size() == 342);
  CHECK(ref.regions().size() == 42);
  REQUIRE(ref.municipality("GM0626"));
  CHECK(ref.municipality("GM0626")->regionCode == "JZ24");  // Voorschoten: Haaglanden
  CHECK(ref.region("JZ24")->name == "Haaglanden");
  CHECK(ref.municipality("GM0546")->regionCode == "JZ18");
  CHECK(ref.region("JZ18")->name == "Holland Rijnland");
  REQUIRE(ref.regionNamed("Zuid-Kennemerland"));
  CHECK(ref.regionNamed("Zuid-Kennemerland")->code == "JZ11");
  CHECK_FALSE(ref.regionNamed("Zuid-Holland"));
  // Every region of regions.md: its municipalities in the same region.
  for (const auto& [code, region] : std::vector<std::pair<std::string, std::string>>{{"GM0546", "JZ18"},
                                                                                     {"GM0637", "JZ24"},
                                                                                     {"GM0518", "JZ24"},
                                                                                     {"GM0392", "JZ11"},
                                                                                     {"GM0363", "JZ13"},
                                                                                     {"GM0479", "JZ09"}}) {
    INFO(code);
    REQUIRE(ref.municipality(code));
    CHECK(ref.municipality(code)->regionCode == region);
  }
}

TEST_CASE("Youth-care regions: a malformed reference file is an error naming the line", "[cbs][catalog][reference]") {
  const auto error = [](const std::string& text) {
    try {
      (void)data::YouthCareRegions::parse(text, "x.tsv");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::Data);
      return std::string(e.what());
    }
    FAIL("no error");
    return std::string();
  };
  const std::string header = "# comment\ngemeente_code\tgemeente_naam\tjeugdregio_code\tjeugdregio_naam\n";
  CHECK_THAT(error("code\tname\n"), Catch::Contains("x.tsv, regel 1") && Catch::Contains("kopregel"));
  CHECK_THAT(error(header + "GM0546\tLeiden\tJZ18\n"), Catch::Contains("regel 3") && Catch::Contains("4 kolommen"));
  CHECK_THAT(error(header + "GM546\tLeiden\tJZ18\tHolland Rijnland\n"), Catch::Contains("gemeentecode"));
  CHECK_THAT(error(header + "GM0546\tLeiden\tJZ18\tHolland Rijnland\nGM0546\tLeiden\tJZ18\tHolland Rijnland\n"),
             Catch::Contains("twee keer"));
  CHECK_THAT(error(header + "GM0546\tLeiden\tJZ18\tHolland Rijnland\nGM0547\tLeiderdorp\tJZ18\tRijnland\n"),
             Catch::Contains("twee namen"));
  CHECK_THAT(error(""), Catch::Contains("leeg"));
  const auto ok = data::YouthCareRegions::parse(header + "GM0546\tLeiden\tJZ18\tHolland Rijnland\r\n", "x.tsv");
  CHECK(ok.municipality("GM0546")->regionCode == "JZ18");
}

TEST_CASE("Sources: 'cbs' and a v4 catalog URL are CBS sources", "[cbs][catalog]") {
  const auto cbs = parseSource("cbs");
  CHECK(cbs.kind == SourceSpec::Kind::CbsOData);
  CHECK(cbs.location == "https://datasets.cbs.nl/odata/v1/CBS");
  CHECK(isCbsCatalog(cbs.location));
  const auto local = parseSource("http://127.0.0.1:8080/odata/v1/CBS/");
  CHECK(local.kind == SourceSpec::Kind::CbsOData);
  CHECK(local.location == "http://127.0.0.1:8080/odata/v1/CBS");
  CHECK(parseSource("http://127.0.0.1:8080/odata/v1/CBS/85098NED").kind == SourceSpec::Kind::CbsOData);
  CHECK(parseSource("http://127.0.0.1:8080/api/v1").kind == SourceSpec::Kind::ReportingApi);
  CHECK_FALSE(isCbsCatalog("http://127.0.0.1:8080/odata/v1/CBS/85098NED"));
  CHECK_FALSE(isCbsCatalog("https://CBS"));
  CHECK(securityWarnings(cbs).empty());
}

TEST_CASE("CBS catalog: 85098NED and 85097NED from a v4 host, filtered and paged", "[cbs][catalog]") {
  CbsReplay cbs;
  LoadOptions options = loadOptions();
  options.http.bearerToken = "secret-for-our-own-endpoint";
  const Loaded loaded = load(parseSource(cbs.catalog()), options);
  REQUIRE(loaded.dataset);
  const model::Dataset& ds = *loaded.dataset;
  for (const auto& w : loaded.warnings) UNSCOPED_INFO("warning: " << w);

  // No token is ever sent to CBS.
  for (const auto& r : cbs.requests()) CHECK_FALSE(r.authorization);

  SECTION("regions: names without suffix, youth-care regions from the reference data and CBS's JZ rows") {
    REQUIRE(ds.findRegion("GM0518"));
    CHECK(ds.findRegion("GM0518")->name == "'s-Gravenhage");
    CHECK(ds.findRegion("GM0014")->name == "Groningen");
    CHECK(ds.municipality("Groningen").code == "GM0014");
    CHECK(ds.municipality("'s-Gravenhage").code == "GM0518");
    for (const char* other : {"PV28", "LD03", "CR34", "PV28  "}) CHECK_FALSE(ds.findRegion(other));
    for (const auto& [code, region, name] :
         std::vector<std::tuple<std::string, std::string, std::string>>{{"GM0546", "JZ18", "Holland Rijnland"},
                                                                        {"GM0626", "JZ24", "Haaglanden"},
                                                                        {"GM0518", "JZ24", "Haaglanden"},
                                                                        {"GM0637", "JZ24", "Haaglanden"},
                                                                        {"GM0392", "JZ11", "Zuid-Kennemerland"},
                                                                        {"GM0363", "JZ13", "Amsterdam-Amstelland"},
                                                                        {"GM0479", "JZ09", "Zaanstreek-Waterland"},
                                                                        {"GM0014", "JZ01", "Groningen"}}) {
      INFO(code);
      const model::Region* m = ds.findRegion(code);
      REQUIRE(m);
      CHECK(m->kind == model::RegionKind::Municipality);
      CHECK(m->youthCareRegion == region);
      const model::Region* y = ds.findRegion(region);
      REQUIRE(y);
      CHECK(y->kind == model::RegionKind::YouthCareRegion);
      CHECK(y->name == name);
    }
    // The youth-care region's figures are CBS's own JZ rows ...
    checkCell(ds, "JZ24", "jeugdhulp", "2022", CbsReplay::expected("85098NED", "M001534", "", "JZ24", "2022JJ00"));
    checkCell(ds, "JZ18", "trajecten_begonnen_huisarts", "2023",
              CbsReplay::expected("85097NED", "M002011", "A041349", "JZ18", "2023JJ00"));
    // ... and where CBS has none (Groningen's JZ01 has no row), there are none: never computed.
    for (const auto& i : ds.indicators())
      for (const auto& p : ds.periods())
        CHECK(ds.observation("JZ01", i.id, p.id).state == model::Observation::State::Missing);
    CHECK(ds.hasFigures("GM0014"));
  }

  SECTION("measures resolved from MeasureCodes: all five of 85098NED, 85097NED's from the right block") {
    std::vector<std::string> ids;
    for (const auto& i : ds.indicators()) ids.push_back(i.id);
    std::vector<std::string> want;
    for (const auto& m : cbsMeasures()) want.push_back(m.indicator);
    for (const auto& d : cbsDerivedFigures()) want.push_back(d.indicator);  // computed, last
    CHECK(ids == want);
    // 85098NED's five; 85097NED's eight for all referrers and seven referrers; 85099NED's six; 83454NED's two.
    CHECK(ids.size() == 5 + 8 * 8 + 6 + 2 + 2);
    CHECK(ds.findIndicator("residentieel")->source == "CBS 85098NED (Jongeren met jeugdh. met verbl. in nat.)");
    CHECK(ds.findIndicator("jeugdbescherming_verblijf")->source ==
          "CBS 85098NED (Jeugdbesch. en jeugdh. met verbl. in nat)");
    CHECK(ds.findIndicator("jeugdbescherming_verblijf")->label == "Jeugdbescherming met jeugdhulp met verblijf");
    CHECK_THAT(ds.findIndicator("jeugdbescherming_verblijf")->definition,
               Catch::Contains("van de jongeren met jeugdbescherming"));
    CHECK_THAT(ds.findIndicator("jeugdhulp")->definition, Catch::Contains("tot 18 jaar"));
    CHECK_THAT(ds.findIndicator("jeugdreclassering")->definition, Catch::Contains("12 tot en met 22 jaar"));
    CHECK(ds.findIndicator("jeugdreclassering")->decimals == 1);  // CBS's Decimals
    CHECK(ds.findIndicator("trajecten_begonnen")->source ==
          "CBS 85097NED (Totaal begonnen trajecten; Totaal verwijzer)");
    CHECK(ds.findIndicator("trajecten_herhaald_huisarts")->source == "CBS 85097NED (Herhaald beroep; Huisarts)");
    CHECK(ds.findIndicator("trajecten_begonnen")->unit == model::Unit::Count);
    CHECK(ds.findIndicator("trajecten_duur")->label == "Gemiddelde duur van beëindigde trajecten (dagen)");

    // Block "Totaal jeugdhulptrajecten in natura" is the second: its measures are M002010.. M002019.
    const std::vector<std::pair<std::string, std::string>> trajectories{{"trajecten", "M002010"},
                                                                        {"trajecten_begonnen", "M002011"},
                                                                        {"trajecten_nieuw", "M002012"},
                                                                        {"trajecten_herhaald", "M002013"},
                                                                        {"trajecten_beeindigd", "M002016"},
                                                                        {"trajecten_duur", "M002017"},
                                                                        {"trajecten_volgens_plan", "M002018"},
                                                                        {"trajecten_voortijdig", "M002019"}};
    // Every referrer's category code comes from VerwijzerJeugdzorgCodes ("Verwijzer onbekend" is not used).
    const std::vector<std::pair<std::string, std::string>> referrers{{"", "T001070"},
                                                                     {"_huisarts", "A041349"},
                                                                     {"_gemeentelijke_toegang", "A041348"},
                                                                     {"_jeugdarts", "A041350"},
                                                                     {"_gecertificeerde_instelling", "A041351"},
                                                                     {"_medisch_specialist", "A041352"},
                                                                     {"_rechter", "A041353"},
                                                                     {"_geen_verwijzer", "A041354"}};
    for (const auto& [id, measure] : trajectories)
      for (const auto& [suffix, referrer] : referrers)
        for (const auto& [year, period] : kYearCodes)
          for (const char* region : {"NL01", "GM0546", "GM0626", "JZ24"})
            checkCell(ds, region, id + suffix, year,
                      CbsReplay::expected("85097NED", measure, referrer, region, period));
    const std::vector<std::pair<std::string, std::string>> shares{{"jeugdhulp", "M001534"},
                                                                  {"residentieel", "M001924_2"},
                                                                  {"jeugdbescherming", "M001536"},
                                                                  {"jeugdbescherming_verblijf", "M001167"},
                                                                  {"jeugdreclassering", "M001538"}};
    int suppressed = 0;
    for (const auto& [id, measure] : shares)
      for (const auto& [year, period] : kYearCodes)
        for (const auto& region : kRegions) {
          const std::string code = trimmed(region.id);
          if (!ds.findRegion(code)) continue;
          const Cell cell = CbsReplay::expected("85098NED", measure, "", code, period);
          suppressed += !cell.value && cell.attribute != "None";
          checkCell(ds, code, id, year, cell);
        }
    CHECK(suppressed > 0);
    // The null with "None": not a figure, not suppressed.
    CHECK(ds.observation("GM0479", "jeugdhulp", "2021").state == model::Observation::State::Missing);
  }

  SECTION("periods: the years and the half-years, in the order they end, with CBS's status") {
    std::vector<std::string> periods;
    for (const auto& p : ds.periods()) periods.push_back(p.marked());
    CHECK(periods == std::vector<std::string>{"2021", "2022**", "2023-H1*", "2023-H2*", "2023*"});
  }

  SECTION("requests: metadata once, observations filtered on the server, paged") {
    const auto requests = cbs.requests();
    const auto e = entities(requests);
    // 85098NED: no measure groups (no title twice), no measure filter (all five used); its
    // Dimensions are known (cbsKnownShape), not asked for.
    REQUIRE(e.size() >= 10);
    CHECK(std::vector<std::string>(e.begin(), e.begin() + 4) ==
          std::vector<std::string>{"85098NED/MeasureCodes", "85098NED/RegioSCodes", "85098NED/PeriodenCodes",
                                   "85098NED/Observations"});
    const Request& shares = requests[3];
    REQUIRE(shares.query.count("$filter"));
    // Every period of the replay is used (years and half-years): no period clause.
    CHECK(shares.query.at("$filter") ==
          "(startswith(RegioS,'NL') or startswith(RegioS,'GM') or startswith(RegioS,'JZ'))");
    std::size_t i = 4;
    while (i < e.size() && e[i] == "85098NED/Observations+") ++i;
    // 85097NED: the region list of 85098NED serves it (one classification).
    CHECK(std::vector<std::string>(e.begin() + static_cast<long>(i), e.begin() + static_cast<long>(i) + 5) ==
          std::vector<std::string>{"85097NED/MeasureCodes", "85097NED/VerwijzerJeugdzorgCodes",
                                   "85097NED/MeasureGroups", "85097NED/PeriodenCodes", "85097NED/Observations"});
    const Request& trajectories = requests[i + 4];
    REQUIRE(trajectories.query.count("$filter"));
    const std::string filter = trajectories.query.at("$filter");
    CHECK_THAT(filter, Catch::StartsWith("(Measure eq 'M002010' or Measure eq 'M002011' or "));
    CHECK_THAT(filter, Catch::Contains("(VerwijzerJeugdzorg eq 'T001070' or VerwijzerJeugdzorg eq 'A041349' or "
                                       "VerwijzerJeugdzorg eq 'A041348' or VerwijzerJeugdzorg eq 'A041350' or "
                                       "VerwijzerJeugdzorg eq 'A041351' or VerwijzerJeugdzorg eq 'A041352' or "
                                       "VerwijzerJeugdzorg eq 'A041353' or VerwijzerJeugdzorg eq 'A041354')"));
    CHECK(filter.find("A041355") == std::string::npos);  // "Verwijzer onbekend" is not asked for
    CHECK(filter.find("Perioden") == std::string::npos);
    // Only what is used comes back: 8 measures × 8 referrers × 14 regions (NL01, 8 municipalities,
    // 5 youth-care regions) × 5 periods (3 years, 2 half-years); 5 × 14 × 5 of 85098NED.
    const std::size_t ours = 1 + 8 + 5;
    CHECK(cbs.observationsServed("85097NED") == 8 * 8 * ours * 5);
    CHECK(cbs.observationsServed("85098NED") == 5 * ours * 5);
    // Pages of 1000: all pages followed, none asked twice.
    const std::size_t pages = (8 * 8 * ours * 5 + 999) / 1000;
    CHECK(static_cast<std::size_t>(std::count(e.begin(), e.end(), "85097NED/Observations+")) == pages - 1);
    CHECK(static_cast<std::size_t>(loaded.requests) == requests.size() - 3);
    // 85099NED: its title twice, as a count and as a share, told apart by the unit (no
    // MeasureGroups), and VormenVanJeugdzorgCodes; 83454NED: that list and the region list serve
    // it too (its Regio is the same classification). Then the predecessors, which this host does
    // not have (one 404 each, not counted by the loader).
    CHECK(std::vector<std::string>(e.end() - 3, e.end()) ==
          std::vector<std::string>{"82972NED/MeasureCodes", "82970NED/MeasureCodes", "84134NED/MeasureCodes"});
    CHECK(std::vector<std::string>(e.end() - 10, e.end() - 3) ==
          std::vector<std::string>{"85099NED/MeasureCodes", "85099NED/VormenVanJeugdzorgCodes",
                                   "85099NED/PeriodenCodes", "85099NED/Observations", "83454NED/MeasureCodes",
                                   "83454NED/PeriodenCodes", "83454NED/Observations"});
    CHECK(requests.size() == 4 + 5 + (pages - 1) + 4 + 3 + 3);
    CHECK(loaded.bytesReceived > 0);
  }
}

TEST_CASE("CBS catalog: a host without 85097NED gives 85098NED with a warning", "[cbs][catalog]") {
  CbsReplay::Options o;
  o.tables = {"85098NED"};
  CbsReplay cbs(o);
  const Loaded loaded = load(parseSource(cbs.catalog()), loadOptions());
  CHECK(loaded.dataset->findIndicator("jeugdhulp"));
  CHECK_FALSE(loaded.dataset->findIndicator("trajecten"));
  bool warned = false;
  for (const auto& w : loaded.warnings) warned = warned || w.find("85097NED is niet beschikbaar") != std::string::npos;
  CHECK(warned);

  CbsReplay::Options none;
  none.tables = {"85097NED"};
  CbsReplay without(none);
  CHECK_THROWS_WITH(load(parseSource(without.catalog()), loadOptions()),
                    Catch::Contains("85098NED") && Catch::Contains("HTTP 404"));
}

TEST_CASE("CBS: a single v4 table also gets its youth-care regions, and a table without our measures lists what it has",
          "[cbs][catalog]") {
  CbsReplay cbs;
  const Loaded one = load(parseSource(cbs.catalog() + "/85098NED"), loadOptions());
  CHECK(one.dataset->findRegion("GM0626")->youthCareRegion == "JZ24");
  CHECK(one.dataset->indicators().size() == 5);

  const auto table = data::YouthCareRegions::read(data::youthCareRegionsFile(kDemoDataset));
  CbsOptions options;
  options.youthCareRegions = &table;
  // A table of costs (no measure of ours): the Dutch message names the table's own measures.
  class Costs final : public CbsPageSource {
   public:
    std::string get(const std::string& url) override {
      if (url.find("/MeasureCodes") != std::string::npos)
        return R"({"value": [{"Identifier": "M000001", "Title": "Begrote kosten", "Index": 1},
                             {"Identifier": "M000002", "Title": "Gerealiseerde kosten", "Index": 2}]})";
      if (url.find("/Dimensions") != std::string::npos) return R"({"value": []})";
      throw Error(ErrorKind::Source, "Bron " + url + ": HTTP 404");
    }
  } costs;
  try {
    (void)loadCbsTable("https://datasets.cbs.nl/odata/v1/CBS/83454NED", costs, options);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Source);
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("onderwerpen van tabel 83454NED niet gebruiken") &&
                   Catch::Contains("'Begrote kosten' (M000001), 'Gerealiseerde kosten' (M000002)"));
  }
}

TEST_CASE("CBS: a youth-care region under another code is matched to the reference by name", "[cbs][catalog]") {
  class Pages final : public CbsPageSource {
   public:
    std::string get(const std::string& url) override {
      const auto is = [&](const char* e) { return url.find(std::string("/85098NED/") + e) != std::string::npos; };
      if (is("MeasureCodes"))
        return R"({"value": [{"Identifier": "M1", "Title": "Jongeren met jeugdhulp in natura", "Index": 1, "Decimals": 1}]})";
      if (is("Dimensions")) return R"({"value": [{"Identifier": "RegioS", "Kind": "GeoDimension"}]})";
      if (is("RegioSCodes"))
        return R"j({"value": [{"Identifier": "NL01", "Title": "Nederland"}, {"Identifier": "GM0546", "Title": "Leiden"},
                             {"Identifier": "JR0018", "Title": "Holland Rijnland (JZ)"},
                             {"Identifier": "JR0099", "Title": "Nieuwe regio (JZ)"}]})j";
      if (is("PeriodenCodes"))
        return R"({"value": [{"Identifier": "2023JJ00", "Title": "2023", "Status": "Definitief"}]})";
      if (is("Observations"))
        return R"({"value": [{"Measure": "M1", "RegioS": "JR0018", "Perioden": "2023JJ00", "Value": 14.2, "ValueAttribute": "None"},
                             {"Measure": "M1", "RegioS": "GM0546", "Perioden": "2023JJ00", "Value": 15.0, "ValueAttribute": "None"},
                             {"Measure": "M1", "RegioS": "JR0099", "Perioden": "2023JJ00", "Value": 9.0, "ValueAttribute": "None"}]})";
      throw Error(ErrorKind::Source, "Bron " + url + ": HTTP 404");
    }
  } pages;
  const auto ref = data::YouthCareRegions::read(data::youthCareRegionsFile(kDemoDataset));
  CbsOptions options;
  options.youthCareRegions = &ref;
  const CbsLoaded loaded = loadCbsTable("https://datasets.cbs.nl/odata/v1/CBS/85098NED", pages, options);
  const model::Dataset& ds = loaded.dataset;
  CHECK(ds.findRegion("GM0546")->youthCareRegion == "JZ18");
  REQUIRE(ds.findRegion("JZ18"));
  CHECK_FALSE(ds.findRegion("JR0018"));
  CHECK(ds.observation("JZ18", "jeugdhulp", "2023").value == 14.2);
  // A JZ row the reference does not know is kept under CBS's code.
  REQUIRE(ds.findRegion("JR0099"));
  CHECK(ds.findRegion("JR0099")->name == "Nieuwe regio");
  CHECK(ds.findRegion("JR0099")->kind == model::RegionKind::YouthCareRegion);
  CHECK(ds.observation("JR0099", "jeugdhulp", "2023").value == 9.0);
}

TEST_CASE("CBS periods: years, and half-years when asked for", "[cbs][catalog][periods]") {
  CHECK(cbsPeriodId("2023JJ00", false) == "2023");
  CHECK_FALSE(cbsPeriodId("2023HJ01", false));
  CHECK(cbsPeriodId("2023HJ01", true) == "2023-H1");
  CHECK(cbsPeriodId("2023HJ02", true) == "2023-H2");
  for (const char* other : {"2023KW01", "2023MM03", "2023HJ03", "20x3JJ00", "2023JJ0", ""}) {
    INFO(other);
    CHECK_FALSE(cbsPeriodId(other, true));
  }

  CbsReplay cbs;
  const auto ref = data::YouthCareRegions::read(data::youthCareRegionsFile(kDemoDataset));
  CbsOptions options;
  options.youthCareRegions = &ref;
  options.halfYears = true;
  net::HttpClient client(test::fastHttpOptions());
  const CbsLoaded loaded = loadCbsCatalog(cbs.catalog(), client, options);
  const model::Dataset& ds = loaded.dataset;
  std::vector<std::string> periods;
  for (const auto& p : ds.periods()) periods.push_back(p.marked());
  // "Nader voorlopig" (2022, **) and "Voorlopig" (*) are both provisional, and told apart.
  CHECK(periods == std::vector<std::string>{"2021", "2022**", "2023-H1*", "2023-H2*", "2023*"});
  CHECK(ds.findPeriod("2022")->provisional);
  CHECK(ds.findPeriod("2022")->status() == model::PeriodStatus::FurtherProvisional);
  // CBS's series start in 2021 (the break with 82972NED/82970NED): trends never run across it.
  CHECK(ds.findIndicator("jeugdhulp")->seriesStart == "2021");
  CHECK(ds.findIndicator("trajecten_begonnen_huisarts")->seriesStart == "2021");
  // A half-year's figure is CBS's own, not derived from the year (nor the year from its halves).
  for (const auto& [id, code] :
       std::vector<std::pair<std::string, std::string>>{{"2023-H1", "2023HJ01"}, {"2023-H2", "2023HJ02"}}) {
    checkCell(ds, "GM0546", "jeugdhulp", id, CbsReplay::expected("85098NED", "M001534", "", "GM0546", code));
    checkCell(ds, "JZ24", "jeugdhulp", id, CbsReplay::expected("85098NED", "M001534", "", "JZ24", code));
    checkCell(ds, "NL01", "trajecten_begonnen_huisarts", id,
              CbsReplay::expected("85097NED", "M002011", "A041349", "NL01", code));
  }
  // Every period of the table is used: no period filter.
  for (const auto& r : cbs.requests())
    if (r.query.count("$filter")) CHECK(r.query.at("$filter").find("Perioden") == std::string::npos);
}

TEST_CASE("CBS catalog: one memo's regions only (a $filter on RegioS with CBS's own codes)", "[cbs][catalog]") {
  CbsReplay cbs;
  const auto ref = data::YouthCareRegions::read(data::youthCareRegionsFile(kDemoDataset));
  CbsOptions options;
  options.youthCareRegions = &ref;
  options.regions = {"GM0626"};
  net::HttpClient client(test::fastHttpOptions());
  const CbsLoaded loaded = loadCbsCatalog(cbs.catalog(), client, options);
  const model::Dataset& ds = loaded.dataset;
  // Voorschoten, its youth-care region Haaglanden and the Netherlands: nothing else is sent.
  CHECK(cbs.observationsServed("85098NED") == 5 * 3 * 3);
  CHECK(cbs.observationsServed("85097NED") == 8 * 8 * 3 * 3);
  for (const auto& r : cbs.requests()) {
    if (!r.query.count("$filter")) continue;
    if (r.path.find("83454NED") != std::string::npos)  // its region dimension is Regio; no youth-care regions
      CHECK_THAT(r.query.at("$filter"),
                 Catch::Contains("(startswith(Regio,'NL01') or Regio eq 'GM0626' or startswith(Regio,'JZ24'))"));
    else
      CHECK_THAT(r.query.at("$filter"),
                 Catch::Contains("(startswith(RegioS,'NL01') or RegioS eq 'GM0626' or startswith(RegioS,'JZ24'))"));
  }
  // One page each; a 404 for each predecessor. No Dimensions (known shapes), no region list (the
  // memo's regions come from the reference data), one form-of-care list for two tables.
  CHECK(cbs.requests().size() == 3 + 5 + 4 + 3 + 3);
  CHECK(loaded.requests == 15);
  for (const auto& e : entities(cbs.requests())) {
    CHECK(e.find("/Dimensions") == std::string::npos);
    CHECK(e.find("/RegioSCodes") == std::string::npos);
  }
  CHECK(loaded.bytesReceived < 200 * 1000);
  checkCell(ds, "GM0626", "jeugdhulp", "2023", CbsReplay::expected("85098NED", "M001534", "", "GM0626", "2023JJ00"));
  checkCell(ds, "JZ24", "trajecten_begonnen", "2022",
            CbsReplay::expected("85097NED", "M002011", "T001070", "JZ24", "2022JJ00"));
  checkCell(ds, "NL01", "jeugdhulp", "2021", CbsReplay::expected("85098NED", "M001534", "", "NL01", "2021JJ00"));
  // Only the regions asked for are listed (names from the reference data), with their region.
  CHECK_FALSE(ds.findRegion("GM0546"));
  REQUIRE(ds.findRegion("GM0626"));
  CHECK(ds.findRegion("GM0626")->name == "Voorschoten");
  CHECK(ds.findRegion("GM0626")->youthCareRegion == "JZ24");
  REQUIRE(ds.findRegion("JZ24"));
  CHECK(ds.findRegion("JZ24")->name == "Haaglanden");
  CHECK_FALSE(ds.hasFigures("GM0546"));
}

TEST_CASE("CBS: a title in several blocks without MeasureGroups: the first by Index, with a warning",
          "[cbs][catalog]") {
  class Pages final : public CbsPageSource {
   public:
    std::string get(const std::string& url) override {
      const auto is = [&](const char* e) { return url.find(std::string("/85097NED/") + e) != std::string::npos; };
      if (is("MeasureCodes"))
        return R"({"value": [{"Identifier": "M2", "Title": "Herhaald beroep", "Index": 7, "MeasureGroupId": "G2"},
                             {"Identifier": "M1", "Title": "Herhaald beroep", "Index": 3, "MeasureGroupId": "G1"}]})";
      if (is("Dimensions")) return R"({"value": [{"Identifier": "VerwijzerJeugdzorg", "Kind": "Dimension"}]})";
      if (is("VerwijzerJeugdzorgCodes"))
        return R"({"value": [{"Identifier": "T001070", "Title": "Totaal verwijzer"}]})";
      if (is("RegioSCodes")) return R"({"value": [{"Identifier": "NL01", "Title": "Nederland"}]})";
      if (is("PeriodenCodes"))
        return R"({"value": [{"Identifier": "2023JJ00", "Title": "2023", "Status": "Definitief"}]})";
      if (is("Observations")) {
        observations = url;
        return R"({"value": [{"Measure": "M1", "VerwijzerJeugdzorg": "T001070", "RegioS": "NL01", "Perioden": "2023JJ00", "Value": 39105, "ValueAttribute": "None"},
                             {"Measure": "M2", "VerwijzerJeugdzorg": "T001070", "RegioS": "NL01", "Perioden": "2023JJ00", "Value": 5, "ValueAttribute": "None"}]})";
      }
      throw Error(ErrorKind::Source, "Bron " + url + ": HTTP 404");  // no MeasureGroups
    }
    std::string observations;
  } pages;
  const CbsLoaded loaded = loadCbsTable("https://datasets.cbs.nl/odata/v1/CBS/85097NED", pages);
  CHECK(loaded.dataset.observation("NL01", "trajecten_herhaald", "2023").value == 39105);
  bool warned = false;
  for (const auto& w : loaded.warnings)
    warned = warned || (w.find("'Herhaald beroep' komt 2 keer voor") != std::string::npos &&
                        w.find("de eerste (M1)") != std::string::npos);
  CHECK(warned);
  CHECK_THAT(pages.observations, Catch::Contains("Measure%20eq%20'M1')"));
}

TEST_CASE("CBS v3: measure groups (TopicGroup/ParentID) and a dimension's category, as in 82970NED", "[cbs][catalog]") {
  class Pages final : public CbsPageSource {
   public:
    std::string get(const std::string& url) override {
      const auto is = [&](const char* e) { return url.find(std::string("/82970NED/") + e) != std::string::npos; };
      if (is("DataProperties"))
        return R"j({"value": [
          {"ID": 0, "ParentID": null, "Type": "GeoDimension", "Key": "RegioS", "Title": "Regio's"},
          {"ID": 1, "ParentID": null, "Type": "TimeDimension", "Key": "Perioden", "Title": "Perioden"},
          {"ID": 2, "ParentID": null, "Type": "Dimension", "Key": "VerwijzerJeugdzorg", "Title": "Verwijzer jeugdzorg"},
          {"ID": 3, "ParentID": null, "Type": "TopicGroup", "Key": "", "Title": "Jeugdhulp zonder verblijf"},
          {"ID": 4, "ParentID": 3, "Type": "TopicGroup", "Key": "", "Title": "Begonnen trajecten"},
          {"ID": 5, "ParentID": 4, "Type": "Topic", "Key": "TotaalBegonnenTrajecten_1", "Title": "Totaal begonnen trajecten", "Decimals": 0},
          {"ID": 6, "ParentID": null, "Type": "TopicGroup", "Key": "", "Title": "Totaal jeugdhulptrajecten in natura"},
          {"ID": 7, "ParentID": 6, "Type": "TopicGroup", "Key": "", "Title": "Begonnen trajecten"},
          {"ID": 8, "ParentID": 7, "Type": "Topic", "Key": "TotaalBegonnenTrajecten_2", "Title": "Totaal begonnen trajecten", "Decimals": 0}]})j";
      if (is("VerwijzerJeugdzorg?"))
        return R"({"value": [{"Key": "T001070", "Title": "Totaal verwijzer"}, {"Key": "A041349", "Title": "Huisarts"}]})";
      if (is("RegioS?"))
        return R"({"value": [{"Key": "NL01  ", "Title": "Nederland"}, {"Key": "GM0546", "Title": "Leiden"}]})";
      if (is("Perioden?")) return R"({"value": [{"Key": "2019JJ00", "Title": "2019", "Status": "Definitief"}]})";
      if (is("TypedDataSet"))
        return R"({"value": [
          {"ID": 0, "VerwijzerJeugdzorg": "T001070", "RegioS": "GM0546", "Perioden": "2019JJ00", "TotaalBegonnenTrajecten_1": 100, "TotaalBegonnenTrajecten_2": 2745},
          {"ID": 1, "VerwijzerJeugdzorg": "A041349", "RegioS": "GM0546", "Perioden": "2019JJ00", "TotaalBegonnenTrajecten_1": 40, "TotaalBegonnenTrajecten_2": 980},
          {"ID": 2, "VerwijzerJeugdzorg": "A041349", "RegioS": "NL01  ", "Perioden": "2019JJ00", "TotaalBegonnenTrajecten_1": 5, "TotaalBegonnenTrajecten_2": null}]})";
      throw Error(ErrorKind::Source, "Bron " + url + ": HTTP 404");
    }
  } pages;
  const CbsLoaded loaded = loadCbsTable("https://opendata.cbs.nl/ODataFeed/odata/82970NED", pages);
  const model::Dataset& ds = loaded.dataset;
  CHECK(ds.observation("GM0546", "trajecten_begonnen", "2019").value == 2745);  // the block meant, not the first
  CHECK(ds.observation("GM0546", "trajecten_begonnen_huisarts", "2019").value == 980);  // the category's row
  CHECK(ds.observation("NL01", "trajecten_begonnen_huisarts", "2019").state == model::Observation::State::Suppressed);
  CHECK(ds.findIndicator("trajecten_begonnen")->source == "CBS 82970NED (TotaalBegonnenTrajecten_2; Totaal verwijzer)");
  CHECK_FALSE(ds.findIndicator("trajecten_begonnen_gemeentelijke_toegang"));  // no such category in this table
  bool warned = false;
  for (const auto& w : loaded.warnings)
    warned = warned || w.find("Gemeentelijke toegang' ontbreekt") != std::string::npos;
  CHECK(warned);
}

// ---------------------------------------------------------------------------------------------
// One memo's figures: the municipality's whole youth-care region, the region and NL01.

TEST_CASE("CBS region filter: every municipality of the youth-care region, the region and NL01",
          "[cbs][catalog][filter]") {
  const auto ref = data::YouthCareRegions::read(data::youthCareRegionsFile(kDemoDataset));
  const std::vector<std::string> haaglanden{"GM0503", "GM0518", "GM0603", "GM0626", "GM0629", "GM0637",
                                            "GM1783", "GM1842", "GM1916", "GM1926", "JZ24",   "NL01"};
  CHECK(cbsRegionFilter({"Voorschoten"}, &ref) == haaglanden);
  CHECK(cbsRegionFilter({"gm0626"}, &ref) == haaglanden);
  CHECK(cbsRegionFilter({"Den Haag"}, &ref) == haaglanden);  // the name people use
  CHECK(cbsRegionFilter({" 's-gravenhage "}, &ref) == haaglanden);
  CHECK(cbsRegionFilter({"Voorschoten", "Zoetermeer"}, &ref) == haaglanden);
  const auto two = cbsRegionFilter({"Voorschoten", "Leiden"}, &ref);
  CHECK(two.size() == haaglanden.size() + 12 + 1);  // Holland Rijnland: 12 municipalities and JZ18
  CHECK(std::find(two.begin(), two.end(), "GM1884") != two.end());
  // No filter (every region) when there is nothing to filter on or a name the reference lacks:
  // the dataset then says "Onbekende gemeente …; bedoelt u …".
  CHECK(cbsRegionFilter({}, &ref).empty());
  CHECK(cbsRegionFilter({"Voorschoten"}, nullptr).empty());
  CHECK(cbsRegionFilter({"Voorschotn"}, &ref).empty());
  CHECK(cbsRegionFilter({"Leiden", "Nergenshuizen"}, &ref).empty());
  CHECK(cbsRegionFilter({"Voorschoten"}, std::filesystem::path(kDemoDataset)) == haaglanden);
  CHECK(cbsRegionFilter({"Voorschoten"}, std::filesystem::path("/nonexistent/demo-dataset.json")).empty());
}

namespace {

LoadPolicy cbsPolicy(std::vector<std::string> municipalities) {
  LoadPolicy policy;
  policy.bundledDataset = kDemoDataset;
  policy.http = test::fastHttpOptions();
  policy.municipalities = std::move(municipalities);
  return policy;
}

/// The RegioS codes of the Observations requests' filters (trimmed; `eq` or, for the codes CBS
/// pads, `startswith`), over all requests so far.
std::set<std::string> filteredRegions(const std::vector<Request>& requests) {
  std::set<std::string> out;
  for (const auto& r : requests) {
    if (!r.query.count("$filter")) continue;
    const std::string& f = r.query.at("$filter");
    for (const std::string form : {"RegioS eq '", "startswith(RegioS,'"})
      for (std::size_t at = f.find(form); at != std::string::npos; at = f.find(form, at + 1)) {
        const std::size_t start = at + form.size();
        const std::string code = trimmed(f.substr(start, f.find('\'', start) - start));
        if (code.size() >= 4) out.insert(code);  // not a kind of region ('GM', 'JZ'): a batch's filter
      }
  }
  return out;
}

}  // namespace

TEST_CASE("CBS source for one memo: the load path asks only for the municipality's youth-care region",
          "[cbs][catalog][filter]") {
  CbsReplay cbs;
  const Figures figures = loadFigures(SourceList::of({cbs.catalog()}), cbsPolicy({"Voorschoten"}));
  const model::Dataset& ds = *figures.dataset;
  // Every municipality of Haaglanden (from the reference data: the replay has three of them), the
  // region and NL01 are asked for.
  CHECK(filteredRegions(cbs.requests()) == std::set<std::string>{"NL01", "GM0503", "GM0518", "GM0603", "GM0626",
                                                                 "GM0629", "GM0637", "GM1783", "GM1842", "GM1916",
                                                                 "GM1926", "JZ24"});
  CHECK(cbs.observationsServed("85098NED") == 5 * 5 * 5);
  checkCell(ds, "GM0626", "jeugdhulp", "2023", CbsReplay::expected("85098NED", "M001534", "", "GM0626", "2023JJ00"));
  checkCell(ds, "GM0637", "trajecten_begonnen", "2022",
            CbsReplay::expected("85097NED", "M002011", "T001070", "GM0637", "2022JJ00"));
  checkCell(ds, "JZ24", "jeugdhulp", "2021", CbsReplay::expected("85098NED", "M001534", "", "JZ24", "2021JJ00"));
  CHECK(ds.hasFigures("NL01"));
  CHECK_FALSE(ds.hasFigures("GM0546"));  // Leiden is in Holland Rijnland

  SECTION("a batch (no municipalities) reads every region") {
    CbsReplay all;
    (void)loadFigures(SourceList::of({all.catalog()}), cbsPolicy({}));
    CHECK(filteredRegions(all.requests()).empty());
    CHECK(all.observationsServed("85098NED") == 5 * 14 * 5);
  }
}

TEST_CASE("DatasetMemo: a CBS load for one memo never answers for another youth-care region",
          "[cbs][catalog][filter][loader]") {
  CbsReplay cbs;
  DatasetMemo memo;
  const SourceSpec spec = parseSource(cbs.catalog());
  const Loaded leiden = memo.load(spec, cbsPolicy({"Leiden"}));
  // Every indicator: the four tables the replay has, 85098NED 3, 85097NED 5, 85099NED 4, 83454NED 3
  // (the predecessors answer 404, which Loaded::requests does not count).
  CHECK(leiden.requests == 3 + 5 + 4 + 3);
  CHECK(leiden.dataset->hasFigures("GM0546"));
  CHECK_FALSE(leiden.dataset->hasFigures("GM0626"));

  // Katwijk is in Leiden's region: the same filter, the memo's copy.
  const Loaded katwijk = memo.load(spec, cbsPolicy({"Katwijk"}));
  CHECK(katwijk.requests == 0);
  CHECK(katwijk.dataset == leiden.dataset);

  // Voorschoten is not: a load of its own, with its figures.
  const Loaded voorschoten = memo.load(spec, cbsPolicy({"Voorschoten"}));
  CHECK(voorschoten.requests == 3 + 5 + 4 + 3 + 1);  // Haaglanden's 85097NED takes a second page
  CHECK(voorschoten.dataset->hasFigures("GM0626"));
  CHECK_FALSE(voorschoten.dataset->hasFigures("GM0546"));
  CHECK(memo.load(spec, cbsPolicy({"Zoetermeer"})).dataset == voorschoten.dataset);

  // An unfiltered copy (every region) answers for any municipality.
  const Loaded all = memo.load(spec, cbsPolicy({}));
  // 85098NED's region list too (no municipality named); 85097NED for every region takes five pages.
  CHECK(all.requests == 4 + 5 + 4 + 3 + 4);
  const Loaded amsterdam = memo.load(spec, cbsPolicy({"Amsterdam"}));
  CHECK(amsterdam.requests == 0);
  CHECK(amsterdam.dataset == all.dataset);
  CHECK(amsterdam.dataset->hasFigures("GM0363"));
}

TEST_CASE("CBS lists only: regions, periods and indicators from the code lists, never Observations",
          "[cbs][catalog][lists][loader]") {
  CbsReplay cbs;
  LoadPolicy lists = cbsPolicy({});
  lists.observations = false;
  const Figures figures = loadFigures(SourceList::of({cbs.catalog()}), lists);
  const model::Dataset& ds = *figures.dataset;
  for (const auto& r : cbs.requests()) {
    INFO(r.target);
    CHECK(r.path.find("/Observations") == std::string::npos);
    CHECK_FALSE(r.authorization);
  }
  CHECK(cbs.observationsServed("85098NED") == 0);
  CHECK(cbs.observationsServed("85097NED") == 0);
  // Every request the loader made is counted (the optional tables the replay lacks answer 404 on
  // their first request; those may be remembered and not counted again).
  CHECK(figures.requests > 0);
  CHECK(figures.requests <= static_cast<int>(cbs.requests().size()));

  // Every municipality, named without CBS's suffix, with its youth-care region from the reference.
  std::size_t municipalities = 0;
  for (const auto& r : ds.regions()) municipalities += r.kind == model::RegionKind::Municipality ? 1 : 0;
  CHECK(municipalities == 8);
  REQUIRE(ds.findRegion("GM0518"));
  CHECK(ds.findRegion("GM0518")->name == "'s-Gravenhage");
  CHECK(ds.findRegion("GM0518")->youthCareRegion == "JZ24");
  CHECK(ds.findRegion("GM0014")->name == "Groningen");
  REQUIRE(ds.findRegion("JZ18"));
  CHECK(ds.findRegion("JZ18")->name == "Holland Rijnland");
  CHECK(ds.findRegion("GM0546")->youthCareRegion == "JZ18");
  // The periods with CBS's status, half-years included (as the full load has them).
  std::vector<std::string> periods;
  for (const auto& p : ds.periods()) periods.push_back(p.marked());
  CHECK(periods == std::vector<std::string>{"2021", "2022**", "2023-H1*", "2023-H2*", "2023*"});
  // The indicators, resolved from the metadata as for a full load; no figure at all.
  for (const auto& m : cbsMeasures()) CHECK(ds.findIndicator(m.indicator));  // (and the derived ones)
  CHECK(ds.indicators().size() >= cbsMeasures().size());
  for (const auto& r : ds.regions()) CHECK_FALSE(ds.hasFigures(r.code));

  SECTION("the memo keeps the lists apart from the figures") {
    CbsReplay served;
    DatasetMemo memo;
    const SourceSpec spec = parseSource(served.catalog());
    const Loaded first = memo.load(spec, lists);
    CHECK(first.requests > 0);
    CHECK(memo.load(spec, lists).requests == 0);  // the lists again: the memo's copy
    // A memo's figures are never taken from the lists.
    const Loaded leiden = memo.load(spec, cbsPolicy({"Leiden"}));
    CHECK(leiden.requests > 0);
    CHECK(leiden.dataset->hasFigures("GM0546"));
    CHECK(served.observationsServed("85098NED") > 0);
    // A full copy of every region answers for the lists as well.
    DatasetMemo fresh;
    const Loaded all = fresh.load(spec, cbsPolicy({}));
    const Loaded fromAll = fresh.load(spec, lists);
    CHECK(fromAll.requests == 0);
    CHECK(fromAll.dataset == all.dataset);
  }

  SECTION("a single v4 table and the load options: the same without Observations") {
    CbsReplay one;
    LoadOptions options = loadOptions();
    options.observations = false;
    options.municipalities = {"Leiden"};  // no filter is needed: nothing of the figures is read
    const Loaded loaded = load(parseSource(one.catalog() + "/85098NED"), options);
    for (const auto& r : one.requests()) CHECK(r.path.find("/Observations") == std::string::npos);
    CHECK(loaded.dataset->findRegion("GM0637"));
    CHECK(loaded.dataset->findIndicator("jeugdhulp"));
    CHECK_FALSE(loaded.dataset->hasFigures("GM0546"));
  }
}
TEST_CASE("CBS catalog: 85099NED (young people per form of care) and 83454NED (costs, x 1 000 euro)",
          "[cbs][catalog]") {
  CbsReplay cbs;
  const Loaded loaded = load(parseSource(cbs.catalog()), loadOptions());
  const model::Dataset& ds = *loaded.dataset;
  for (const auto& w : loaded.warnings) UNSCOPED_INFO("warning: " << w);

  // 85099NED: the count, not the share of the same title (measure group "Aantal" decides); the
  // category codes from VormenVanJeugdzorgCodes, whose titles carry CBS's code prefix.
  const std::vector<std::tuple<std::string, std::string, std::string>> young{
      {"jongeren_jeugdzorg", "M004101", "T001397"},
      {"jongeren_jeugdhulp_zonder_verblijf", "M004101", "A049432"},
      {"jongeren_jeugdhulp_met_verblijf", "M004101", "A049435"},
      {"jongeren_wijkteam", "M004101", "A049433"},
      {"jeugdzorgtrajecten", "M004103", "T001397"},
      {"jeugdhulptrajecten", "M004103", "A049431"}};
  int suppressed = 0;
  for (const auto& [id, measure, form] : young) {
    REQUIRE(ds.findIndicator(id));
    CHECK(ds.findIndicator(id)->unit == model::Unit::Count);
    CHECK(ds.findIndicator(id)->decimals == 0);
    for (const auto& p : kPeriods)
      for (const char* region : {"NL01", "GM0546", "GM0626", "GM0479", "GM0363", "JZ24"}) {
        const model::Period* ours = ds.findPeriod(*cbsPeriodId(p.id, true));
        REQUIRE(ours);
        const Cell cell = CbsReplay::expected("85099NED", measure, form, region, p.id);
        suppressed += !cell.value;
        checkCell(ds, region, id, ours->id, cell);
      }
  }
  CHECK(suppressed > 0);
  CHECK(ds.findIndicator("jongeren_wijkteam")->source ==
        "CBS 85099NED (Jongeren met jeugdzorg; JH 1211 Uitgevoerd door wijkteam)");
  CHECK_THAT(ds.findIndicator("jongeren_jeugdzorg")->label, Catch::Contains("aantal"));

  // 83454NED: "Gereal. kosten" in thousands of euros (MeasureCodes' Unit "x 1 000 euro") becomes euros;
  // read over its Regio dimension; years only; suppressed cells stay suppressed.
  REQUIRE(ds.findIndicator("kosten_jeugdzorg"));
  CHECK(ds.findIndicator("kosten_jeugdzorg")->unit == model::Unit::Euro);
  CHECK(ds.findIndicator("kosten_jeugdzorg")->source == "CBS 83454NED (Gereal. kosten; JZ Totaal jeugdzorg)");
  int costSuppressed = 0;
  for (const auto& [id, form] : std::vector<std::pair<std::string, std::string>>{{"kosten_jeugdzorg", "T001397"},
                                                                                 {"kosten_jeugdhulp", "A049431"}})
    for (const auto& [year, period] : kYearCodes)
      for (const char* region : {"NL01", "GM0546", "GM0626", "GM0518", "GM0392", "GM0363", "GM0479", "GM0014"}) {
        INFO(id << " " << region << " " << year);
        const Cell cell = CbsReplay::expected("83454NED", "M000181", form, region, period);
        const model::Observation got = ds.observation(region, id, year);
        if (cell.value) {
          REQUIRE(got.hasValue());
          CHECK(got.value == Approx(std::stod(*cell.value) * 1000));
        } else {
          ++costSuppressed;
          CHECK(got.state == model::Observation::State::Suppressed);
        }
      }
  CHECK(costSuppressed > 0);
  // No half-year costs, no youth-care region costs (83454NED has no JZ rows): missing, never computed.
  CHECK(ds.observation("GM0546", "kosten_jeugdzorg", "2023-H1").state == model::Observation::State::Missing);
  CHECK(ds.observation("JZ24", "kosten_jeugdzorg", "2023").state == model::Observation::State::Missing);
  // Derived: cost per young person and per trajectory, from the replay's own cells (costs in
  // euros / a count of 85099NED), only where both have a value; the rest is missing, never 0.
  REQUIRE(ds.findIndicator("kosten_per_jongere"));
  REQUIRE(ds.findIndicator("kosten_per_traject"));
  REQUIRE_FALSE(ds.supplements().empty());
  CHECK_THAT(ds.supplements().back().name, Catch::StartsWith("berekend door Raadsbrief: "));
  int derived = 0, left = 0;
  for (const auto& [id, form, measure] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"kosten_per_jongere", "T001397", "M004101"}, {"kosten_per_traject", "A049431", "M004103"}})
    for (const auto& [year, period] : kYearCodes)
      for (const char* region : {"NL01", "GM0546", "GM0626", "GM0518", "GM0392", "GM0363", "GM0479", "GM0014"}) {
        INFO(id << " " << region << " " << year);
        const Cell costs = CbsReplay::expected("83454NED", "M000181", form, region, period);
        const Cell count =
            CbsReplay::expected("85099NED", measure, form == "A049431" ? "A049431" : "T001397", region, period);
        const model::Observation got = ds.observation(region, id, year);
        if (costs.value && count.value && std::stod(*count.value) > 0) {
          ++derived;
          REQUIRE(got.hasValue());
          CHECK(got.value == Approx(std::stod(*costs.value) * 1000 / std::stod(*count.value)));
          CHECK_THAT(ds.originOf(got).name, Catch::StartsWith("berekend door Raadsbrief"));
        } else {
          ++left;
          CHECK(got.state == model::Observation::State::Missing);
        }
      }
  CHECK(derived > 0);
  CHECK(left > 0);  // a suppressed cell on either side leaves the derived figure out
  // Half-years: 85099NED has them, 83454NED not; never a year's costs with a half-year's count.
  for (const char* p : {"2023-H1", "2023-H2"})
    CHECK(ds.observation("GM0546", "kosten_per_jongere", p).state == model::Observation::State::Missing);

  // "Begrote kosten" is not used: said once, not an error.
  bool unused = false;
  for (const auto& w : loaded.warnings)
    unused = unused || (w.find("83454NED") != std::string::npos && w.find("Begrote kosten") != std::string::npos);
  CHECK(unused);
}

TEST_CASE("CBS units: thousands and millions of euros become euros", "[cbs][catalog]") {
  CHECK(cbsUnitFactor("x 1 000 euro") == 1000);
  CHECK(cbsUnitFactor("\u00d7 \u20ac 1.000") == 1000);
  CHECK(cbsUnitFactor("duizend euro") == 1000);
  CHECK(cbsUnitFactor("mln euro") == 1e6);
  CHECK(cbsUnitFactor("euro") == 1);
  CHECK(cbsUnitFactor("aantal") == 1);
  CHECK(cbsUnitFactor("x 1 000") == 1);  // not money: a count in thousands is not ours to scale
  CHECK(cbsUnitFactor("") == 1);
}

TEST_CASE("CBS catalog: a predecessor (82972NED) gives the years before 2021, behind the break",
          "[cbs][catalog][periods]") {
  CbsReplay::Options o;
  o.tables = {"85098NED", "82972NED"};
  CbsReplay cbs(o);
  const Loaded loaded = load(parseSource(cbs.catalog()), loadOptions());
  const model::Dataset& ds = *loaded.dataset;
  for (const auto& w : loaded.warnings) UNSCOPED_INFO("warning: " << w);
  std::vector<std::string> periods;
  for (const auto& p : ds.periods()) periods.push_back(p.marked());
  CHECK(periods == std::vector<std::string>{"2019", "2020", "2021", "2022**", "2023-H1*", "2023-H2*", "2023*"});
  // 2019 and 2020 from 82972NED; 2021 only ever from 85098NED (82972NED's own 2021 is not asked for).
  for (const char* region : {"NL01", "GM0546", "GM0626", "JZ24"})
    for (const auto& [id, measure] :
         std::vector<std::pair<std::string, std::string>>{{"jeugdhulp", "M001534"}, {"jeugdreclassering", "M001538"}}) {
      checkCell(ds, region, id, "2019", CbsReplay::expected("82972NED", measure, "", region, "2019JJ00"));
      checkCell(ds, region, id, "2020", CbsReplay::expected("82972NED", measure, "", region, "2020JJ00"));
      checkCell(ds, region, id, "2021", CbsReplay::expected("85098NED", measure, "", region, "2021JJ00"));
    }
  for (const auto& r : cbs.requests())
    if (r.path.find("82972NED/Observations") != std::string::npos) {
      REQUIRE(r.query.count("$filter"));
      CHECK_THAT(r.query.at("$filter"), Catch::Contains("(Perioden eq '2019JJ00' or Perioden eq '2020JJ00')"));
      CHECK(r.query.at("$filter").find("2021JJ00") == std::string::npos);
    }
  // One indicator per figure, with the 2021 break: trends never run from 2020 into 2021.
  CHECK(ds.findIndicator("jeugdhulp")->seriesStart == "2021");
  CHECK(ds.indicators().size() == 5);
  // The source note names the predecessor as a supplement; its figures have it as their origin.
  REQUIRE_FALSE(ds.supplements().empty());
  CHECK(ds.supplements().front().name == "CBS StatLine, tabel 82972NED");
  const model::Observation old = ds.observation("NL01", "jeugdhulp", "2019");
  REQUIRE(old.hasValue());
  CHECK(ds.originOf(old).name == "CBS StatLine, tabel 82972NED");
  CHECK(ds.originOf(ds.observation("NL01", "jeugdhulp", "2021")).name == "CBS StatLine, tabel 85098NED");
}

// ---------------------------------------------------------------------------------------------
// One document's figures: only the tables (and measures) of the indicators it needs.

namespace {

/// The tables the requests went to, in order of first use.
std::vector<std::string> tablesAsked(const std::vector<Request>& requests) {
  std::vector<std::string> out;
  for (const auto& e : entities(requests)) {
    const std::string table = e.substr(0, e.find('/'));
    if (std::find(out.begin(), out.end(), table) == out.end()) out.push_back(table);
  }
  return out;
}

}  // namespace

TEST_CASE("CBS catalog tables for a document: the tables of its indicators and of derived figures' inputs",
          "[cbs][catalog][needs]") {
  const auto names = [](const std::vector<CbsCatalogTable>& tables) {
    std::vector<std::string> out;
    for (const auto& t : tables) out.push_back(t.table);
    return out;
  };
  CHECK(cbsCatalogTablesFor({}, 0).size() == cbsCatalogTables().size());  // no indicators named: all
  CHECK(names(cbsCatalogTablesFor({"jeugdhulp"}, 0)) == std::vector<std::string>{"85098NED"});
  CHECK(names(cbsCatalogTablesFor({"jeugdhulp"}, 2021)) == std::vector<std::string>{"85098NED"});
  CHECK(names(cbsCatalogTablesFor({"jeugdhulp"}, 2019)) == std::vector<std::string>{"85098NED", "82972NED"});
  CHECK(names(cbsCatalogTablesFor({"trajecten_begonnen_huisarts"}, 0)) ==
        std::vector<std::string>{"85098NED", "85097NED"});  // the required main table always
  CHECK(names(cbsCatalogTablesFor({"kosten_per_jongere"}, 0)) ==
        std::vector<std::string>{"85098NED", "85099NED", "83454NED"});
  CHECK(names(cbsCatalogTablesFor({"clienttevredenheid"}, 0)) == std::vector<std::string>{"85098NED"});
  CHECK(cbsIndicatorsWithInputs({"kosten_per_traject"}).size() == 3);
}

TEST_CASE("CBS catalog for a document: only its tables and measures are asked for", "[cbs][catalog][needs]") {
  SECTION("85098NED's jeugdhulp alone") {
    CbsReplay cbs;
    LoadOptions o = loadOptions();
    o.indicators = {"jeugdhulp"};
    const Loaded loaded = load(parseSource(cbs.catalog()), o);
    CHECK(tablesAsked(cbs.requests()) == std::vector<std::string>{"85098NED"});
    CHECK(loaded.requests == 4);  // MeasureCodes, RegioSCodes, PeriodenCodes, Observations
    REQUIRE(loaded.dataset->findIndicator("jeugdhulp"));
    CHECK_FALSE(loaded.dataset->findIndicator("residentieel"));  // not asked for
    CHECK(cbs.observationsServed("85098NED") == 1 * 14 * 5);
    checkCell(*loaded.dataset, "GM0546", "jeugdhulp", "2023",
              CbsReplay::expected("85098NED", "M001534", "", "GM0546", "2023JJ00"));
  }
  SECTION("a derived figure reads its inputs' tables, not 85097NED") {
    CbsReplay cbs;
    LoadOptions o = loadOptions();
    o.indicators = {"kosten_per_jongere"};
    const Loaded loaded = load(parseSource(cbs.catalog()), o);
    CHECK(tablesAsked(cbs.requests()) == std::vector<std::string>{"85098NED", "85099NED", "83454NED"});
    CHECK(loaded.requests == 4 + 4 + 3);  // 85099NED's lists serve 83454NED
    const model::Dataset& ds = *loaded.dataset;
    REQUIRE(ds.findIndicator("kosten_per_jongere"));
    CHECK_FALSE(ds.findIndicator("jeugdzorgtrajecten"));
    const Cell costs = CbsReplay::expected("83454NED", "M000181", "T001397", "GM0546", "2022JJ00");
    const Cell count = CbsReplay::expected("85099NED", "M004101", "T001397", "GM0546", "2022JJ00");
    const model::Observation got = ds.observation("GM0546", "kosten_per_jongere", "2022");
    if (costs.value && count.value && std::stod(*count.value) > 0) {
      REQUIRE(got.hasValue());
      CHECK(got.value == Approx(std::stod(*costs.value) * 1000 / std::stod(*count.value)));
    } else {
      CHECK_FALSE(got.hasValue());
    }
  }
  SECTION("the predecessor only for a year before 2021") {
    CbsReplay::Options ro;
    ro.tables = {"85098NED", "82972NED"};
    CbsReplay cbs(ro);
    LoadOptions o = loadOptions();
    o.indicators = {"jeugdhulp"};
    o.earliestYear = 2022;
    (void)load(parseSource(cbs.catalog()), o);
    CHECK(tablesAsked(cbs.requests()) == std::vector<std::string>{"85098NED"});
    o.earliestYear = 2019;
    const Loaded old = load(parseSource(cbs.catalog()), o);
    CHECK(tablesAsked(cbs.requests()) == std::vector<std::string>{"85098NED", "82972NED"});
    checkCell(*old.dataset, "GM0546", "jeugdhulp", "2019",
              CbsReplay::expected("82972NED", "M001534", "", "GM0546", "2019JJ00"));
  }
}

TEST_CASE("CBS catalog: a table the host lacks is asked for once, not on every load", "[cbs][catalog][needs]") {
  CbsReplay::Options ro;
  ro.tables = {"85098NED"};
  CbsReplay cbs(ro);
  LoadOptions o = loadOptions();
  o.indicators = {"jeugdhulp", "trajecten_begonnen"};
  const auto asked97 = [&] {
    int n = 0;
    for (const auto& e : entities(cbs.requests())) n += e.rfind("85097NED/", 0) == 0 ? 1 : 0;
    return n;
  };
  const auto warned = [](const Loaded& l) {
    return std::any_of(l.warnings.begin(), l.warnings.end(), [](const std::string& w) {
      return w.find("CBS-tabel 85097NED is niet beschikbaar") != std::string::npos;
    });
  };
  const Loaded first = load(parseSource(cbs.catalog()), o);
  CHECK(asked97() == 1);
  CHECK(warned(first));
  const Loaded second = load(parseSource(cbs.catalog()), o);  // a new HttpClient, the same process
  CHECK(asked97() == 1);
  CHECK(warned(second));  // still said
  CHECK(second.requests == 4);

  SECTION("and, with an HTTP cache, not by the next process either") {
    const std::filesystem::path cache =
        std::filesystem::temp_directory_path() /
        ("raadsbrief-missing-" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::remove_all(cache);
    CbsReplay other(ro);
    LoadOptions c = o;
    c.http.cacheDir = cache;
    (void)load(parseSource(other.catalog()), c);
    std::ifstream in(cache / "cbs-missing-tables.tsv");
    std::string line;
    REQUIRE(std::getline(in, line));
    CHECK(line.rfind(other.catalog() + "/85097NED\t", 0) == 0);
    std::filesystem::remove_all(cache);
  }
}

TEST_CASE("DatasetMemo: a CBS load for one document answers only for documents that need the same",
          "[cbs][catalog][needs][loader]") {
  CbsReplay cbs;
  DatasetMemo memo;
  const SourceSpec spec = parseSource(cbs.catalog());
  LoadPolicy shares = cbsPolicy({"Leiden"});
  shares.indicators = {"jeugdhulp"};
  const Loaded a = memo.load(spec, shares);
  CHECK(a.requests == 3);
  CHECK(memo.load(spec, shares).requests == 0);
  LoadPolicy costs = shares;
  costs.indicators = {"jeugdhulp", "kosten_per_jongere"};
  const Loaded b = memo.load(spec, costs);
  CHECK(b.requests == 3 + 4 + 3);
  CHECK(b.dataset->findIndicator("kosten_per_jongere"));
  LoadPolicy older = shares;
  older.earliestYear = 2019;  // the replay has no 82972NED: one 404 (not counted in Loaded::requests)
  CHECK(memo.load(spec, older).requests == 3);
  CHECK(tablesAsked(cbs.requests()).back() == "82972NED");
  // A copy with every indicator (the same region) answers for any document of that region.
  const Loaded all = memo.load(spec, cbsPolicy({"Leiden"}));
  CHECK(all.requests > 0);
  LoadPolicy other = shares;
  other.indicators = {"residentieel"};
  const Loaded fromAll = memo.load(spec, other);
  CHECK(fromAll.requests == 0);
  CHECK(fromAll.dataset == all.dataset);
}

// ---------------------------------------------------------------------------------------------
// What a load no longer asks for (the known tables' Dimensions, a second region or category
// list) must not hide a table CBS changed: a clear Dutch error, never wrong figures.

TEST_CASE("CBS known shapes: a table whose dimension CBS renamed fails with a clear message", "[cbs][catalog][shape]") {
  CbsReplay::Options ro;
  ro.renamedDimension = {{"85097NED", "Verwijzer"}};
  CbsReplay cbs(ro);
  LoadOptions o = loadOptions();
  o.municipalities = {"Leiden"};
  o.indicators = {"jeugdhulp", "trajecten_begonnen_huisarts"};
  try {
    (void)load(parseSource(cbs.catalog()), o);
    FAIL("a changed table was read");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Source);
    CHECK_THAT(e.what(), Catch::Contains("CBS-tabel 85097NED: de dimensie VerwijzerJeugdzorg bestaat niet (meer)"));
    CHECK_THAT(e.what(), Catch::Contains("CBS heeft de indeling van de tabel gewijzigd"));
  }
  // Not taken for a table the host lacks (that would be left out quietly, and remembered).
  LoadOptions again = o;
  CHECK_THROWS_AS(load(parseSource(cbs.catalog()), again), Error);
}

TEST_CASE("CBS known shapes: figures split by a dimension CBS added fail with a clear message",
          "[cbs][catalog][shape]") {
  CbsReplay::Options ro;
  ro.newDimension = {"85098NED"};
  CbsReplay cbs(ro);
  LoadOptions o = loadOptions();
  o.municipalities = {"Leiden"};
  o.indicators = {"jeugdhulp"};
  try {
    (void)load(parseSource(cbs.catalog()), o);
    FAIL("a changed table was read");
  } catch (const Error& e) {
    CHECK_THAT(e.what(), Catch::Contains(
                             "CBS-tabel 85098NED: de cijfers hebben een dimensie die Raadsbrief niet kent (Geslacht)"));
  }
}

TEST_CASE("CBS known shapes: a measure CBS renamed is named as missing, never read as another",
          "[cbs][catalog][shape]") {
  CbsReplay::Options ro;
  ro.renamedMeasure = {{"Jeugdzorgtrajecten", "Trajecten jeugdzorg (aantal)"}};
  CbsReplay cbs(ro);
  LoadOptions o = loadOptions();
  o.municipalities = {"Leiden"};
  SECTION("the only measure wanted from the table: an error listing what the table has") {
    o.indicators = {"kosten_per_traject"};
    try {
      (void)load(parseSource(cbs.catalog()), o);
      FAIL("a changed table was read");
    } catch (const Error& e) {
      CHECK_THAT(e.what(), Catch::Contains("Raadsbrief kan de onderwerpen van tabel 85099NED niet gebruiken"));
      CHECK_THAT(e.what(), Catch::Contains("'Trajecten jeugdzorg (aantal)' (M004103)"));
    }
  }
  SECTION("next to others: named as missing, the figure derived from it left out") {
    o.indicators = {"kosten_per_traject", "kosten_per_jongere"};
    const Loaded loaded = load(parseSource(cbs.catalog()), o);
    const model::Dataset& ds = *loaded.dataset;
    CHECK_FALSE(ds.findIndicator("jeugdhulptrajecten"));
    CHECK_FALSE(ds.findIndicator("kosten_per_traject"));  // never derived from something else
    CHECK(ds.findIndicator("kosten_per_jongere"));
    CHECK(std::any_of(loaded.warnings.begin(), loaded.warnings.end(), [](const std::string& w) {
      return w.find("CBS-tabel 85099NED: Jeugdzorgtrajecten (jeugdhulptrajecten) niet gevonden") != std::string::npos;
    }));
  }
}

TEST_CASE("CBS shared lists: a category the shared list lacks is looked up in the table's own list",
          "[cbs][catalog][shape]") {
  // 85099NED's list of forms of care here lacks "JH 1 Totaal jeugdhulp": 83454NED, which needs it
  // for the costs of jeugdhulp, reads its own list and finds it there.
  CbsReplay::Options ro;
  ro.droppedCategory = {{"85099NED", "A049431"}};
  CbsReplay cbs(ro);
  LoadOptions o = loadOptions();
  o.municipalities = {"Leiden"};
  o.indicators = {"kosten_per_traject", "kosten_per_jongere"};
  const Loaded loaded = load(parseSource(cbs.catalog()), o);
  std::vector<std::string> formLists;
  for (const auto& e : entities(cbs.requests()))
    if (e.find("VormenVanJeugdzorgCodes") != std::string::npos) formLists.push_back(e);
  CHECK(formLists == std::vector<std::string>{"85099NED/VormenVanJeugdzorgCodes", "83454NED/VormenVanJeugdzorgCodes"});
  CHECK_FALSE(loaded.dataset->findIndicator("jeugdhulptrajecten"));
  checkCell(*loaded.dataset, "GM0546", "kosten_jeugdhulp", "2022", [] {
    Cell c = CbsReplay::expected("83454NED", "M000181", "A049431", "GM0546", "2022JJ00");
    if (c.value) c.value = fmt::format("{}", std::stod(*c.value) * 1000);
    return c;
  }());
}
