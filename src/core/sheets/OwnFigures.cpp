#include "sheets/OwnFigures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <utility>

#include "Error.hpp"
#include "data/DatasetReader.hpp"
#include "package/PackageCheck.hpp"
#include "text/Search.hpp"
#include "util/File.hpp"
#include "util/Text.hpp"

namespace raadsbrief::sheets {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxShortText = 200;
constexpr std::size_t kMaxLongText = 4000;

std::string sheetWhere(const Sheet& sheet) { return sheet.where.empty() ? "Blad " + sheet.name : sheet.where; }

[[noreturn]] void failAt(const Sheet& sheet, std::size_t row, const std::string& what) {
  throw Error(ErrorKind::Data, fmt::format("{}, rij {}: {}", sheetWhere(sheet), row + 1, what));
}

/// Validates UTF-8 (no overlong forms, no surrogates); returns the byte offset of the first
/// invalid sequence, or npos.
std::size_t invalidUtf8At(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07u;
    } else {
      return i;
    }
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return i;
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    const bool overlong = (n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += n + 1;
  }
  return std::string_view::npos;
}

std::string cellText(const Cell& cell) {
  if (const auto* s = std::get_if<std::string>(&cell)) return util::trim(*s);
  if (const auto* d = std::get_if<double>(&cell)) {
    if (std::isfinite(*d) && std::floor(*d) == *d && std::abs(*d) < 1e15) return fmt::format("{:.0f}", *d);
    return fmt::format("{}", *d);
  }
  return {};
}

bool isEmpty(const Cell& cell) { return cellText(cell).empty(); }

/// One sheet with its header read: the column of each known header.
class Table {
 public:
  Table(const Sheet& sheet, const std::vector<std::string>& required, const std::vector<std::string>& optional)
      : sheet_(sheet) {
    if (sheet.rows.size() > kMaxRows)
      throw Error(ErrorKind::Data, fmt::format("{}: meer dan {} rijen", sheetWhere(sheet), kMaxRows));
    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
      if (sheet.rows[r].size() > kMaxColumns) failAt(sheet, r, fmt::format("meer dan {} kolommen", kMaxColumns));
      for (std::size_t c = 0; c < sheet.rows[r].size(); ++c)
        if (const auto* s = std::get_if<std::string>(&sheet.rows[r][c]); s && s->size() > kMaxCellBytes)
          failAt(sheet, r,
                 fmt::format("kolom {}: de cel is te lang (meer dan {} tekens)", columnName(c), kMaxCellBytes));
    }
    if (sheet.rows.empty()) failAt(sheet, 0, "het blad is leeg; de eerste rij hoort de kolomkoppen te bevatten");
    const auto& header = sheet.rows.front();
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string name = util::lowerAscii(cellText(header[c]));
      if (name.empty()) continue;
      const bool known = std::find(required.begin(), required.end(), name) != required.end() ||
                         std::find(optional.begin(), optional.end(), name) != optional.end();
      if (util::startsWith(name, "opmerking")) continue;  // free notes of the user
      if (!known) {
        std::string all;
        for (const auto& h : required) all += (all.empty() ? "" : ", ") + h;
        for (const auto& h : optional) all += ", " + h;
        failAt(sheet, 0,
               fmt::format("kolom {}: onbekende kolomkop '{}' (verwacht: {}; een kolom 'opmerking' mag ook)",
                           columnName(c), cellText(header[c]), all));
      }
      if (columns_.count(name))
        failAt(sheet, 0,
               fmt::format("kolom {}: de kolomkop '{}' staat er twee keer (ook in kolom {})", columnName(c), name,
                           columnName(columns_[name])));
      columns_[name] = c;
    }
    for (const auto& h : required)
      if (!columns_.count(h)) failAt(sheet, 0, fmt::format("de kolom '{}' ontbreekt in de kolomkoppen", h));
  }

  [[nodiscard]] bool has(const std::string& column) const { return columns_.count(column) > 0; }
  [[nodiscard]] std::size_t rows() const { return sheet_.rows.size(); }
  [[nodiscard]] const Sheet& sheet() const { return sheet_; }

  [[nodiscard]] bool emptyRow(std::size_t row) const {
    const auto& cells = sheet_.rows[row];
    return std::all_of(cells.begin(), cells.end(), isEmpty);
  }

  [[nodiscard]] const Cell& cell(std::size_t row, const std::string& column) const {
    static const Cell empty;
    const auto it = columns_.find(column);
    if (it == columns_.end() || it->second >= sheet_.rows[row].size()) return empty;
    return sheet_.rows[row][it->second];
  }

  [[nodiscard]] std::string text(std::size_t row, const std::string& column) const {
    return cellText(cell(row, column));
  }

  /// The cell's text, checked as text for a document.
  [[nodiscard]] std::string plainText(std::size_t row, const std::string& column, std::size_t maxLength,
                                      bool required) const {
    std::string t = text(row, column);
    if (t.empty() && required) fail(row, column, "de cel is leeg");
    if (auto problem = data::plainTextProblem(t, maxLength)) fail(row, column, *problem);
    return t;
  }

  [[noreturn]] void fail(std::size_t row, const std::string& column, const std::string& what) const {
    const auto it = columns_.find(column);
    throw Error(ErrorKind::Data,
                fmt::format("{}, rij {}, kolom {} ({}): {}", sheetWhere(sheet_), row + 1,
                            it == columns_.end() ? std::string("?") : columnName(it->second), column, what));
  }

 private:
  const Sheet& sheet_;
  std::map<std::string, std::size_t> columns_;
};

const Sheet& findSheet(const Workbook& book, const std::string& name) {
  for (const auto& s : book)
    if (util::lowerAscii(util::trim(s.name)) == util::lowerAscii(name)) return s;
  std::string names;
  for (const auto& s : book) names += (names.empty() ? "" : ", ") + ("'" + s.name + "'");
  throw Error(ErrorKind::Data, "Het bestand heeft geen blad '" + name + "'" +
                                   (names.empty() ? std::string() : " (wel: " + names + ")") +
                                   "; zie het sjabloon eigen-cijfers.ods voor de indeling");
}

bool isIndicatorId(const std::string& s) {
  return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

struct UnitWord {
  const char* word;
  model::Unit unit;
  int decimals;
};
constexpr UnitWord kUnits[] = {{"procent", model::Unit::Percent, 1},
                               {"aantal", model::Unit::Count, 0},
                               {"euro", model::Unit::Euro, 0},
                               {"dagen", model::Unit::Days, 0},
                               {"cijfer", model::Unit::Score, 1}};

model::Direction parseDirection(const Table& t, std::size_t row) {
  const std::string s = util::lowerAscii(t.text(row, "richting"));
  if (s.empty() || s == "neutraal") return model::Direction::Neutral;
  if (s == "hoger is beter") return model::Direction::HigherIsBetter;
  if (s == "lager is beter") return model::Direction::LowerIsBetter;
  t.fail(row, "richting",
         "'" + t.text(row, "richting") + "' is geen richting (hoger is beter, lager is beter of neutraal)");
}

struct IndicatorRow {
  model::Indicator indicator;
  std::string sourceName;
};

std::vector<IndicatorRow> readIndicators(const Sheet& sheet) {
  const Table t(sheet, {"indicator", "label", "eenheid", "decimalen", "richting"}, {"definitie", "bronnaam"});
  std::vector<IndicatorRow> out;
  std::map<std::string, std::size_t> seen;
  for (std::size_t r = 1; r < t.rows(); ++r) {
    if (t.emptyRow(r)) continue;
    IndicatorRow row;
    model::Indicator& ind = row.indicator;
    ind.id = util::lowerAscii(t.text(r, "indicator"));
    if (ind.id.empty()) t.fail(r, "indicator", "de cel is leeg");
    if (!isIndicatorId(ind.id))
      t.fail(
          r, "indicator",
          "'" + t.text(r, "indicator") + "' is geen geldige indicator-id (alleen a-z, 0-9 en _, hoogstens 64 tekens)");
    if (const auto it = seen.find(ind.id); it != seen.end())
      t.fail(r, "indicator",
             fmt::format("indicator '{}' staat er twee keer in (ook in rij {})", ind.id, it->second + 1));
    seen[ind.id] = r;
    ind.label = t.plainText(r, "label", kMaxShortText, true);
    const std::string unit = util::lowerAscii(t.text(r, "eenheid"));
    const auto u =
        std::find_if(std::begin(kUnits), std::end(kUnits), [&](const UnitWord& w) { return unit == w.word; });
    if (u == std::end(kUnits))
      t.fail(r, "eenheid", "'" + t.text(r, "eenheid") + "' is geen eenheid (procent, aantal, euro, dagen of cijfer)");
    ind.unit = u->unit;
    ind.decimals = u->decimals;
    if (const std::string d = t.text(r, "decimalen"); !d.empty()) {
      const auto n = parseNumber(d, false);
      if (!n || *n != std::floor(*n) || *n < 0 || *n > 3)
        t.fail(r, "decimalen", "'" + d + "' is geen aantal decimalen (0, 1, 2 of 3)");
      ind.decimals = static_cast<int>(*n);
    }
    ind.direction = parseDirection(t, r);
    ind.definition = t.plainText(r, "definitie", kMaxLongText, false);
    row.sourceName = t.plainText(r, "bronnaam", kMaxShortText, false);
    ind.source = row.sourceName;
    out.push_back(std::move(row));
  }
  if (out.empty()) failAt(sheet, 1, "geen enkele indicator (vul onder de kolomkoppen één indicator per rij in)");
  return out;
}

/// A region named in the sheet: a municipality by code or name, the country, a youth-care region.
/// Names are folded once; each distinct text in the column is looked up once.
class RegionFinder {
 public:
  explicit RegionFinder(const data::YouthCareRegions& refs) : refs_(refs) {
    for (const auto& m : refs.municipalities()) byName_.emplace(text::foldForSearch(m.name), &m);
  }

  [[nodiscard]] std::optional<model::Region> find(const std::string& text) {
    if (const auto it = seen_.find(text); it != seen_.end()) return it->second;
    return seen_[text] = lookUp(text);
  }

  [[nodiscard]] std::string suggestion(const std::string& text) const {
    std::vector<std::string> names;
    names.reserve(refs_.municipalities().size());
    for (const auto& m : refs_.municipalities()) names.push_back(m.name);
    const std::string near = text::closestMatch(text, names);
    return near.empty() ? "; geef een gemeentenaam of een CBS-code als GM0546" : "; bedoelt u " + near + "?";
  }

 private:
  [[nodiscard]] static model::Region municipality(const data::MunicipalityRef& m) {
    return {m.code, m.name, model::RegionKind::Municipality, m.regionCode};
  }

  [[nodiscard]] std::optional<model::Region> lookUp(const std::string& text) const {
    const std::string lower = util::lowerAscii(text);
    if (lower == "nl01" || lower == "nederland")
      return model::Region{"NL01", "Nederland", model::RegionKind::Country, {}};
    std::string upper;
    for (const char c : text) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (const auto* m = refs_.municipality(upper)) return municipality(*m);
    if (const auto it = byName_.find(text::foldForSearch(text)); it != byName_.end()) return municipality(*it->second);
    if (const std::string_view official = text::officialNameFor(text); !official.empty())
      if (const auto it = byName_.find(text::foldForSearch(official)); it != byName_.end())
        return municipality(*it->second);
    if (const auto* y = refs_.region(upper))
      return model::Region{y->code, y->name, model::RegionKind::YouthCareRegion, {}};
    if (const auto* y = refs_.regionNamed(text))
      return model::Region{y->code, y->name, model::RegionKind::YouthCareRegion, {}};
    return std::nullopt;
  }

  const data::YouthCareRegions& refs_;
  std::unordered_map<std::string, const data::MunicipalityRef*> byName_;
  std::map<std::string, std::optional<model::Region>> seen_;
};

struct Figure {
  std::string region, indicator, period;
  model::Observation observation;
  std::size_t group = 0;
};

}  // namespace

std::string columnName(std::size_t index) {
  std::string name;
  std::size_t n = index + 1;
  while (n > 0) {
    const std::size_t rem = (n - 1) % 26;
    name.insert(name.begin(), static_cast<char>('A' + rem));
    n = (n - 1) / 26;
  }
  return name;
}

std::optional<double> parseNumber(std::string_view input, bool decimalPoint) {
  std::string s = util::trim(input);
  if (util::startsWith(s, "\u20ac")) s = util::trim(s.substr(3));
  if (util::endsWith(s, "%")) s = util::trim(s.substr(0, s.size() - 1));
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s = s.substr(1);
  } else if (util::startsWith(s, "\u2212")) {  // a real minus sign
    negative = true;
    s = s.substr(3);
  }
  if (s.empty()) return std::nullopt;
  char decimal = ',';
  char group = '.';
  if (decimalPoint) {
    const bool comma = s.find(',') != std::string::npos, dot = s.find('.') != std::string::npos;
    decimal = comma && !dot ? ',' : '.';
    group = '\0';  // no thousands separators in an international file
  }
  const std::size_t decimalAt = s.find(decimal);
  if (decimalAt != std::string::npos && s.find(decimal, decimalAt + 1) != std::string::npos) return std::nullopt;
  std::string whole = s.substr(0, decimalAt);
  const std::string fraction = decimalAt == std::string::npos ? std::string() : s.substr(decimalAt + 1);
  if (whole.empty() || (decimalAt != std::string::npos && fraction.empty())) return std::nullopt;
  if (group != '\0' && whole.find(group) != std::string::npos) {
    // "1.234.567": groups of three after the first of one to three digits.
    std::string digits;
    std::size_t start = 0;
    bool first = true;
    while (start <= whole.size()) {
      const std::size_t end = std::min(whole.find(group, start), whole.size());
      const std::size_t len = end - start;
      if (first ? (len < 1 || len > 3) : len != 3) return std::nullopt;
      digits += whole.substr(start, len);
      first = false;
      start = end + 1;
    }
    whole = digits;
  }
  const auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
  if (!std::all_of(whole.begin(), whole.end(), isDigit) || !std::all_of(fraction.begin(), fraction.end(), isDigit))
    return std::nullopt;
  if (whole.size() + fraction.size() > 18) return std::nullopt;
  double v = std::stod(whole + (fraction.empty() ? "" : "." + fraction));
  return negative ? -v : v;
}

Sheet readCsv(std::string_view text, const std::string& sheetName, const std::string& where) {
  Sheet sheet;
  sheet.name = sheetName;
  sheet.where = where;
  if (util::startsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  if (const std::size_t bad = invalidUtf8At(text); bad != std::string_view::npos) {
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
    throw Error(ErrorKind::Data,
                fmt::format("{}, rij {}: geen geldige UTF-8-tekst (sla het bestand op als 'CSV UTF-8')", where, line));
  }
  // The separator: ';' when the first line has one outside quotes (Dutch spreadsheets), else ','.
  char sep = ',';
  {
    bool quoted = false;
    for (const char c : text) {
      if (c == '"') quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r')) break;
      else if (!quoted && c == ';') {
        sep = ';';
        break;
      }
    }
  }
  sheet.decimalPoint = sep == ',';
  std::vector<Cell> row;
  std::string field;
  bool fieldQuoted = false;
  std::size_t line = 1, rowStartLine = 1;
  auto endField = [&] {
    if (field.size() > kMaxCellBytes)
      throw Error(ErrorKind::Data, fmt::format("{}, rij {}: een veld is te lang (meer dan {} tekens)", where,
                                               rowStartLine, kMaxCellBytes));
    if (row.size() >= kMaxColumns)
      throw Error(ErrorKind::Data, fmt::format("{}, rij {}: meer dan {} kolommen", where, rowStartLine, kMaxColumns));
    if (field.empty() && !fieldQuoted) row.emplace_back(std::monostate{});
    else row.emplace_back(field);
    field.clear();
    fieldQuoted = false;
  };
  auto endRow = [&] {
    endField();
    if (sheet.rows.size() >= kMaxRows)
      throw Error(ErrorKind::Data, fmt::format("{}: meer dan {} rijen", where, kMaxRows));
    sheet.rows.push_back(std::move(row));
    row.clear();
  };
  std::size_t i = 0;
  bool atRecordStart = true;
  while (i < text.size()) {
    if (atRecordStart) rowStartLine = line;
    atRecordStart = false;
    const char c = text[i];
    if (c == '"' && field.empty() && !fieldQuoted) {
      fieldQuoted = true;
      ++i;
      for (;;) {
        if (i >= text.size())
          throw Error(ErrorKind::Data,
                      fmt::format("{}, rij {}: een aanhalingsteken (\") wordt niet afgesloten", where, rowStartLine));
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        field += text[i++];
        if (field.size() > kMaxCellBytes) endField();  // throws
      }
      if (i < text.size() && text[i] != sep && text[i] != '\n' && text[i] != '\r')
        throw Error(ErrorKind::Data,
                    fmt::format("{}, rij {}: tekst na een afsluitend aanhalingsteken (schrijf \"\" voor een "
                                "aanhalingsteken binnen een veld)",
                                where, rowStartLine));
      continue;
    }
    if (c == sep) {
      endField();
      ++i;
    } else if (c == '\r' || c == '\n') {
      endRow();
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++i;
      ++line;
      atRecordStart = true;
    } else {
      if (fieldQuoted)
        throw Error(ErrorKind::Data, fmt::format("{}, rij {}: tekst na een afsluitend aanhalingsteken", where, line));
      field += c;
      ++i;
      if (field.size() > kMaxCellBytes) endField();  // throws
    }
  }
  if (!atRecordStart || !field.empty() || fieldQuoted || !row.empty()) endRow();
  return sheet;
}

model::Dataset readOwnFigures(const Workbook& book, const data::YouthCareRegions& regions,
                              const std::string& defaultSourceName) {
  const std::vector<IndicatorRow> indicators = readIndicators(findSheet(book, "Indicatoren"));
  const Sheet& figuresSheet = findSheet(book, "Cijfers");
  const Table t(figuresSheet, {"gemeente", "indicator", "periode", "waarde", "status"}, {"bron"});

  RegionFinder finder(regions);
  std::map<std::string, model::Region> usedRegions;
  std::map<std::string, model::PeriodStatus> periods;
  std::vector<std::string> groups;  // source names, in order of first use
  std::vector<Figure> figures;
  std::map<std::string, std::size_t> seen;  // region/indicator/period → row

  for (std::size_t r = 1; r < t.rows(); ++r) {
    if (t.emptyRow(r)) continue;
    Figure f;
    const std::string place = t.text(r, "gemeente");
    if (place.empty()) t.fail(r, "gemeente", "de cel is leeg (een gemeentenaam of CBS-code als GM0546)");
    const auto region = finder.find(place);
    if (!region) t.fail(r, "gemeente", "onbekende gemeente '" + place + "'" + finder.suggestion(place));
    f.region = region->code;
    usedRegions.emplace(region->code, *region);
    if (!region->youthCareRegion.empty())
      if (const auto* y = regions.region(region->youthCareRegion))
        usedRegions.emplace(y->code, model::Region{y->code, y->name, model::RegionKind::YouthCareRegion, {}});

    f.indicator = util::lowerAscii(t.text(r, "indicator"));
    if (f.indicator.empty()) t.fail(r, "indicator", "de cel is leeg");
    const auto ind = std::find_if(indicators.begin(), indicators.end(),
                                  [&](const IndicatorRow& i) { return i.indicator.id == f.indicator; });
    if (ind == indicators.end())
      t.fail(r, "indicator",
             "onbekende indicator '" + t.text(r, "indicator") + "': beschrijf haar eerst op het blad Indicatoren");

    const std::string period = t.text(r, "periode");
    const auto periodId = model::normalisePeriodId(period);
    if (!periodId)
      t.fail(r, "periode", "'" + period + "' is geen periode (een jaar als 2025 of een halfjaar als 2025-H1)");
    f.period = *periodId;

    const std::string status = util::lowerAscii(t.text(r, "status"));
    model::PeriodStatus st = model::PeriodStatus::Final;
    if (status == "voorlopig") st = model::PeriodStatus::Provisional;
    else if (status == "nader voorlopig") st = model::PeriodStatus::FurtherProvisional;
    else if (status != "definitief")
      t.fail(r, "status", "'" + t.text(r, "status") + "' is geen status (definitief, voorlopig of nader voorlopig)");
    // One status per period: not final when any row says so (as when sources are merged).
    auto [pit, fresh] = periods.emplace(f.period, st);
    const bool weaker = st == model::PeriodStatus::Provisional ||
                        (st == model::PeriodStatus::FurtherProvisional && pit->second == model::PeriodStatus::Final);
    if (!fresh && weaker) pit->second = st;

    const Cell& value = t.cell(r, "waarde");
    const std::string valueText = cellText(value);
    if (const auto* d = std::get_if<double>(&value)) {
      f.observation = model::Observation::of(*d);
    } else if (valueText.empty()) {
      t.fail(r, "waarde", "de cel is leeg (laat de rij weg als er geen cijfer is, of schrijf 'geheim')");
    } else if (util::lowerAscii(valueText) == "geheim" || valueText == "x") {
      f.observation = model::Observation::suppressed();
    } else if (const auto n = parseNumber(valueText, t.sheet().decimalPoint)) {
      f.observation = model::Observation::of(*n);
    } else {
      t.fail(r, "waarde", "'" + valueText + "' is geen getal");
    }
    if (f.observation.hasValue())
      if (auto problem = data::valueProblem(f.observation.value, ind->indicator)) t.fail(r, "waarde", *problem);

    const std::string key = f.region + '\x1f' + f.indicator + '\x1f' + f.period;
    if (const auto it = seen.find(key); it != seen.end())
      t.fail(r, "waarde",
             fmt::format("{} heeft voor {} in {} al een cijfer in rij {}", region->name, f.indicator, f.period,
                         it->second + 1));
    seen[key] = r;

    std::string source = t.plainText(r, "bron", kMaxShortText, false);
    if (source.empty()) source = ind->sourceName;
    if (source.empty()) source = defaultSourceName;
    const auto g = std::find(groups.begin(), groups.end(), source);
    f.group = static_cast<std::size_t>(g - groups.begin());
    if (g == groups.end()) {
      if (groups.size() >= kMaxSourceNames)
        t.fail(r, "bron", fmt::format("meer dan {} verschillende bronnen in één bestand", kMaxSourceNames));
      groups.push_back(source);
    }
    figures.push_back(std::move(f));
  }
  if (figures.empty()) failAt(figuresSheet, 1, "geen enkel cijfer (vul onder de kolomkoppen één cijfer per rij in)");

  // One dataset per source, all with the same indicators, regions and periods; merged in order,
  // so that each figure's origin is its own source.
  auto part = [&](std::size_t group) {
    model::Dataset ds;
    ds.source.name = groups[group];
    for (const auto& i : indicators) {
      model::Indicator copy = i.indicator;
      if (copy.source.empty()) copy.source = defaultSourceName;
      ds.addIndicator(std::move(copy));
    }
    if (!usedRegions.count("NL01")) ds.addRegion({"NL01", "Nederland", model::RegionKind::Country, {}});
    for (const auto& [code, region] : usedRegions) ds.addRegion(region);
    for (const auto& [id, status] : periods) ds.addPeriod(model::Period::of(id, status));
    for (const auto& f : figures)
      if (f.group == group) ds.setObservation(f.region, f.indicator, f.period, f.observation);
    return ds;
  };
  model::Dataset dataset = part(0);
  for (std::size_t g = 1; g < groups.size(); ++g) dataset.supplement(part(g));
  return dataset;
}

bool isSpreadsheetFile(const fs::path& file) {
  const std::string ext = util::lowerAscii(file.extension().string());
  return ext == ".ods" || ext == ".xlsx" || ext == ".csv";
}

bool needsSpreadsheetReader(const fs::path& file) {
  const std::string ext = util::lowerAscii(file.extension().string());
  return ext == ".ods" || ext == ".xlsx";
}

fs::path csvIndicatorFile(const fs::path& csvFile) {
  fs::path out = csvFile;
  out.replace_extension();
  out += ".indicatoren";
  out += csvFile.extension();
  return out;
}

model::Dataset readOwnFiguresFile(const fs::path& file, const data::YouthCareRegions& regions,
                                  const SpreadsheetReader& reader) {
  const std::string name = file.filename().string();
  const std::string defaultSource = "Eigen cijfers (" + name + ")";
  try {
    if (!needsSpreadsheetReader(file)) {
      const fs::path indicatorFile = csvIndicatorFile(file);
      Workbook book;
      book.push_back(readCsv(util::readRegularFile(file, kMaxFileBytes, "Bestand met eigen cijfers"), "Cijfers",
                             "Bestand " + name));
      std::error_code ec;
      if (!fs::exists(indicatorFile, ec))
        throw Error(ErrorKind::Data, "bij " + name + " hoort een bestand " + indicatorFile.filename().string() +
                                         " dat de indicatoren beschrijft (zie docs/own-figures.md)");
      book.push_back(readCsv(util::readRegularFile(indicatorFile, kMaxFileBytes, "Bestand met indicatoren"),
                             "Indicatoren", "Bestand " + indicatorFile.filename().string()));
      return readOwnFigures(book, regions, defaultSource);
    }
    if (!reader)
      throw Error(ErrorKind::Usage,
                  "een spreadsheet (.ods of .xlsx) kan alleen met LibreOffice worden gelezen; "
                  "gebruik hier een CSV-bestand");
    // Like any file from elsewhere: a regular file within bounds, a zip without bombs.
    (void)util::readRegularFile(file, kMaxFileBytes, "Spreadsheet");
    package::PackageLimits limits;
    limits.maxPackageBytes = kMaxFileBytes;
    limits.maxTotalBytes = 128ULL * 1024 * 1024;
    limits.maxEntryBytes = 64ULL * 1024 * 1024;
    (void)package::inspectPackage(file, limits);
    return readOwnFigures(reader(file), regions, defaultSource);
  } catch (const Error& e) {
    throw Error(e.kind(), name + ": " + e.what());
  }
}

}  // namespace raadsbrief::sheets
