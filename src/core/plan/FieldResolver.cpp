/// The resolver of one field: the keyword dispatch and what every field kind looks up
/// (indicators, regions, periods, observations with their provenance).
#include "plan/FieldResolver.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "Error.hpp"
#include "text/DutchFormat.hpp"
#include "text/Search.hpp"

namespace raadsbrief::plan::detail {

[[noreturn]] void fail(const std::string& why) { throw Error(ErrorKind::Template, why); }

std::string join(const std::vector<std::string>& parts, const std::string& sep, const std::string& lastSep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += (i + 1 == parts.size()) ? lastSep : sep;
    out += parts[i];
  }
  return out;
}

std::vector<std::string> splitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

void expectShape(const fields::Field& f, std::size_t words, std::initializer_list<const char*> allowed) {
  if (f.words.size() != words) {
    if (words == 0) fail("'" + f.keyword + "' neemt geen woorden na het sleutelwoord");
    if (f.words.size() < words) fail("'" + f.keyword + "' mist een indicator of soort");
    fail("te veel woorden in het veld");
  }
  for (const auto& setting : f.settings) {
    const std::string& name = setting.first;  // not a structured binding: clang < 16 cannot capture one
    if (std::none_of(allowed.begin(), allowed.end(), [&name](const char* a) { return name == a; }))
      fail("onbekende instelling '" + name + "' bij '" + f.keyword + "'");
  }
}

std::string sourcesWord(const model::Dataset& ds) { return ds.supplements().empty() ? "de bron" : "de bronnen"; }

bool looksLikePeriod(const std::string& s) {
  return s.size() >= 4 && std::all_of(s.begin(), s.begin() + 4, [](unsigned char c) { return std::isdigit(c) != 0; });
}

namespace {

const char* const kKeywords[] = {"gemeente", "gemeentecode", "jeugdregio",   "periode", "datum",    "bron",
                                 "cijfer",   "label",        "vergelijking", "oordeel", "verschil", "ontwikkeling",
                                 "tabel",    "grafiek",      "als",          "einde"};

}  // namespace

Content Resolver::run() {
  Content content = dispatch();
  if (auto* t = std::get_if<TextSpec>(&content)) {
    t->provenance = provenance_;
  } else if (auto* table = std::get_if<TableSpec>(&content)) {
    table->provenance = provenance_;
    table->source = sourceLine(provenance_, ds_);
  } else if (auto* chart = std::get_if<ChartSpec>(&content)) {
    chart->provenance = provenance_;
    chart->source = sourceLine(provenance_, ds_);
  }
  return content;
}

Content Resolver::dispatch() {
  const std::string& k = f_.keyword;
  if (k == "gemeente") return simple(c_.municipality().name);
  if (k == "gemeentecode") return simple(c_.municipality().code);
  if (k == "jeugdregio") return simple(youthRegion().name);
  if (k == "periode") return periodText();
  if (k == "datum") return simple(text::formatIsoDateLong(c_.todayIso()));
  if (k == "bron") return simple(sourceNote(c_));
  if (k == "cijfer") return figure();
  if (k == "label") {
    expectShape(f_, 1, {});
    return TextSpec{text::lowerFirst(indicator(f_.words[0]).label), {}};
  }
  if (k == "vergelijking") return comparison();
  if (k == "oordeel") return judgement();
  if (k == "verschil") return difference();
  if (k == "ontwikkeling") return development();
  if (k == "tabel") return table();
  if (k == "grafiek") return chart();
  if (k == "als") return condition();
  if (k == "einde") return simple({});
  std::string message = "onbekend sleutelwoord '" + k + "'";
  const std::string guess = text::closestMatch(k, std::vector<std::string>(std::begin(kKeywords), std::end(kKeywords)));
  if (!guess.empty()) message += "; bedoelde u '" + guess + "'?";
  fail(message);
}

/// The label of an indicator in lower case, from the source or else from what Raadsbrief knows.
std::string Resolver::labelOf(const std::string& id) const {
  if (const Indicator* ind = ds_.findIndicator(id)) return text::lowerFirst(ind->label);
  for (const auto& [known, label] : knownIndicators())
    if (known == id) return text::lowerFirst(label);
  return id;
}

/// {{periode}}: "2023" or "het eerste halfjaar van 2023" (after "in"/"over"); vorm=zin gives
/// "in het eerste halfjaar van 2023 (voorlopige cijfers)" (status=ja by default); vorm=kort gives
/// "1e halfjaar 2023", vorm=code the id ("2023-H1", for a reference number); status=ja adds
/// " (voorlopige cijfers)" / " (nader voorlopige cijfers)" when CBS has not made them final.
TextSpec Resolver::periodText() {
  expectShape(f_, 0, {"vorm", "status"});
  const model::Period& p = c_.period();
  const std::string form = f_.setting("vorm").value_or("tekst");
  std::string out;
  if (form == "tekst") out = model::periodName(p.id);
  else if (form == "zin") out = "in " + model::periodName(p.id);
  else if (form == "kort") out = model::periodShortLabel(p.id);
  else if (form == "code") out = p.id;
  else fail("onbekende waarde '" + form + "' bij vorm= (tekst, zin, kort of code)");
  // vorm=zin is the whole phrase a council reads, status included unless status=nee.
  const std::string status = f_.setting("status").value_or(form == "zin" ? "ja" : "nee");
  if (status == "ja") {
    if (const std::string words = model::statusWords(p.status()); !words.empty()) out += " (" + words + ")";
  } else if (status != "nee") {
    fail("onbekende waarde '" + status + "' bij status= (ja of nee)");
  }
  return {out, {}};
}

TextSpec Resolver::simple(const std::string& s) {
  expectShape(f_, 0, {});
  return {s, {}};
}

const Region& Resolver::youthRegion() const {
  if (!c_.youthCareRegion())
    throw MissingFigure("de jeugdregio", "gemeente " + c_.municipality().name + " hoort in " + sourcesWord(ds_) +
                                             " niet bij een jeugdregio");
  return *c_.youthCareRegion();
}

/// An indicator of the source. One Raadsbrief knows but the source lacks is a missing figure;
/// any other name is a typo, with the nearest known name as a suggestion.
const Indicator& Resolver::indicator(const std::string& id) const {
  if (const Indicator* ind = ds_.findIndicator(id)) return *ind;
  for (const auto& [known, label] : knownIndicators())
    if (known == id) throw MissingFigure(text::lowerFirst(label), "dit cijfer staat niet in " + sourcesWord(ds_));
  std::vector<std::string> ids;
  for (const auto& i : ds_.indicators()) ids.push_back(i.id);
  for (const auto& known : knownIndicators())
    if (std::find(ids.begin(), ids.end(), known.first) == ids.end()) ids.push_back(known.first);
  std::string message = "onbekende indicator \"" + id + "\"";
  const std::string guess = text::closestMatch(id, ids, 3);
  if (!guess.empty()) message += "; bedoelde u \"" + guess + "\"?";
  fail(message + " (bekend: " + join(ids, ", ", ", ") + ")");
}

const Region& Resolver::region(const std::string& setting, const std::string& fallback) const {
  const std::string which = f_.setting(setting).value_or(fallback);
  if (which == "gemeente") return c_.municipality();
  if (which == "jeugdregio") return youthRegion();
  if (which == "nederland") return c_.country();
  fail("onbekende regio '" + which + "' bij " + setting + "= (gemeente, jeugdregio of nederland)");
}

const model::Period& Resolver::periodAt(int index) const { return ds_.periods()[static_cast<std::size_t>(index)]; }

/// The period a CBS reader compares period `index` with: the newest earlier period of the same
/// kind and, for a half-year, the same half (2023-H1 → 2022-H1; 2023 → 2022): a half-year is
/// compared with half-years, a year with years. -1 when there is none.
int Resolver::earlierOfSameKind(int index) const {
  const auto key = model::parsePeriod(periodAt(index).id);
  for (int i = index - 1; i >= 0; --i) {
    const auto k = model::parsePeriod(periodAt(i).id);
    if (key && k && k->half == key->half && k->year < key->year) return i;
  }
  return -1;
}

/// The periods of the same kind as period `index`, oldest first, up to and including it; a
/// half-year's trend runs through both halves (2022-H1, 2022-H2, 2023-H1).
std::vector<int> Resolver::sameKindUpTo(int index) const {
  std::vector<int> out;
  const model::PeriodKind kind = periodAt(index).kind();
  for (int i = 0; i <= index; ++i)
    if (periodAt(i).kind() == kind) out.push_back(i);
  return out;
}

/// The period a setting names: actueel (default), vorige (the same period a year earlier: see
/// earlierOfSameKind), or a period in the data ("2022", "2022-H1", also "2022HJ01").
int Resolver::periodIndex(const std::string& setting, int fallback) const {
  const auto value = f_.setting(setting);
  if (!value) return fallback;
  const int current = ds_.periodIndex(c_.period().id);
  int index = -1;
  if (*value == "actueel") index = current;
  else if (*value == "vorige") index = earlierOfSameKind(current);
  else if (const auto id = model::normalisePeriodId(*value)) index = ds_.periodIndex(*id);
  if (index < 0) {
    const std::string range = ds_.periods().front().id + "\u2013" + ds_.periods().back().id;
    const std::string now = model::periodName(c_.period().id);
    if (*value == "vorige")
      throw MissingFigure("cijfers over de periode vóór " + now,
                          sourcesWord(ds_) + " heeft geen cijfers van vóór " + now + " (" + range + ")");
    if (looksLikePeriod(*value))
      throw MissingFigure("cijfers over " + *value, "periode '" + *value + "' staat niet in de cijfers van " +
                                                        sourcesWord(ds_) + " (" + range + ")");
    fail("ongeldige periode '" + *value + "' bij " + setting +
         "= (actueel, vorige of een periode als 2023 of 2023-H1)");
  }
  return index;
}

int Resolver::currentIndex() const { return periodIndex("periode", ds_.periodIndex(c_.period().id)); }

/// A period in a title, header or chart axis: "2023*", "1e halfjaar 2023**".
std::string Resolver::periodLabel(int index) const {
  const auto& p = periodAt(index);
  return model::periodShortLabel(p.id) + model::statusMark(p.status());
}

std::string Resolver::periodShort(int index) const { return model::periodShortLabel(periodAt(index).id); }

/// A run of periods in a title, with the status of the ones that are not final in words:
/// "2019–2023 (voorlopige cijfers: 2023)", "1e halfjaar 2022–1e halfjaar 2024 (nader voorlopige
/// cijfers: 1e halfjaar 2023; voorlopige cijfers: 2e halfjaar 2023 en 1e halfjaar 2024)".
std::string Resolver::spanHeading(const std::vector<int>& span) const {
  std::string out = periodShort(span.front());
  if (span.size() > 1) out += "\u2013" + periodShort(span.back());
  std::vector<std::string> statuses;
  for (const auto status : {model::PeriodStatus::FurtherProvisional, model::PeriodStatus::Provisional}) {
    std::vector<std::string> ids;
    for (const int i : span)
      if (periodAt(i).status() == status) ids.push_back(periodShort(i));
    if (!ids.empty()) statuses.push_back(model::statusWords(status) + ": " + join(ids, ", ", " en "));
  }
  if (!statuses.empty()) out += " (" + join(statuses, "; ", "; ") + ")";
  return out;
}

/// A single period in a title or column head, its status in words: "1e halfjaar 2025
/// (voorlopige cijfers)", "2023".
std::string Resolver::periodHeadingAt(int index) const {
  return model::periodHeading(periodAt(index).id, periodAt(index).status());
}

Observation Resolver::obs(const Region& r, const Indicator& ind, int index) const {
  Observation o = ds_.observation(r.code, ind.id, ds_.periods()[static_cast<std::size_t>(index)].id);
  if (o.state != Observation::State::Missing) provenance_.uses.emplace(o.origin, index);
  return o;
}

std::optional<double> Resolver::shown(const Observation& o, const Indicator& ind) {
  if (!o.hasValue()) return std::nullopt;
  return text::roundTo(o.value, ind.decimals);
}

std::string Resolver::value(const Observation& o, const Indicator& ind) const {
  return text::formatObservation(o, ind);
}

/// Two figures of one phrase in running text ("12,3% tegen 11,8%", "drie tegen vijf"): counts
/// are words only when both are 0..20, so a phrase never mixes "drie" with "25".
std::pair<std::string, std::string> Resolver::textValues(const Observation& a, const Observation& b,
                                                         const Indicator& ind) const {
  if (ind.unit == model::Unit::Count && ind.decimals == 0 && a.hasValue() && b.hasValue()) {
    const std::string wa = text::numberInWords(text::roundTo(a.value, 0));
    const std::string wb = text::numberInWords(text::roundTo(b.value, 0));
    if (!wa.empty() && !wb.empty()) return {wa, wb};
  }
  return {value(a, ind), value(b, ind)};
}

/// One figure in running text: a small count in words ("drie"), anything else as value().
std::string Resolver::textValue(const Observation& o, const Indicator& ind) const {
  if (ind.unit == model::Unit::Count && o.hasValue()) return text::formatCountInText(o.value, ind.decimals);
  return value(o, ind);
}

}  // namespace raadsbrief::plan::detail
