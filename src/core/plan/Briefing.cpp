#include "plan/Briefing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "Error.hpp"
#include "sources/CbsDerived.hpp"
#include "sources/CbsOData.hpp"
#include "text/DutchFormat.hpp"
#include "text/Search.hpp"

namespace raadsbrief::plan {
namespace {

using model::Indicator;
using model::Observation;
using model::Region;

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

/// Checks a field's shape: the number of words it takes and the settings it knows.
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

/// "de bron" or "de bronnen": how a reason names where the figures come from.
std::string sourcesWord(const model::Dataset& ds) { return ds.supplements().empty() ? "de bron" : "de bronnen"; }

/// "2019", "2025HJ01", "2025-H1": a period id (which may be missing from the figures), as
/// opposed to a typo such as "vorig".
bool looksLikePeriod(const std::string& s) {
  return s.size() >= 4 && std::all_of(s.begin(), s.begin() + 4, [](unsigned char c) { return std::isdigit(c) != 0; });
}

const char* const kKeywords[] = {"gemeente", "gemeentecode", "jeugdregio",   "periode", "datum",    "bron",
                                 "cijfer",   "label",        "vergelijking", "oordeel", "verschil", "ontwikkeling",
                                 "tabel",    "grafiek",      "als",          "einde"};

class Resolver {
 public:
  Resolver(const fields::Field& f, const BriefingContext& c, std::vector<std::string>* notes)
      : f_(f), c_(c), ds_(c.dataset()), notes_(notes) {}

  /// For an {{als …}} field: what its part is about (see conditionSubject below).
  std::string subjectOfCondition() const { return conditionSubject(); }

  /// The field's content, with the provenance of every figure it used and, for tables and
  /// charts, the source line under them.
  Content run() {
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

 private:
  Content dispatch() {
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
    const std::string guess =
        text::closestMatch(k, std::vector<std::string>(std::begin(kKeywords), std::end(kKeywords)));
    if (!guess.empty()) message += "; bedoelde u '" + guess + "'?";
    fail(message);
  }

  const fields::Field& f_;
  const BriefingContext& c_;
  const model::Dataset& ds_;
  std::vector<std::string>* notes_;  ///< parts of a table or chart left out (may be null)
  mutable Provenance provenance_;    ///< every (source, period) whose figure this field used

  /// The label of an indicator in lower case, from the source or else from what Raadsbrief knows.
  std::string labelOf(const std::string& id) const {
    if (const Indicator* ind = ds_.findIndicator(id)) return text::lowerFirst(ind->label);
    for (const auto& [known, label] : knownIndicators())
      if (known == id) return text::lowerFirst(label);
    return id;
  }

  /// What a condition is about, for "de alinea over …": "cliënttevredenheid", "jongeren met
  /// jeugdhulp in de jeugdregio over 2019", "de jeugdregio"; empty for anything else.
  std::string conditionSubject() const {
    if (f_.words.empty()) return {};
    if (f_.words[0] == "jeugdregio") return "de jeugdregio";
    if (f_.words[0] != "cijfer" || f_.words.size() < 2) return {};
    std::string subject = labelOf(f_.words[1]);
    const std::string where = f_.setting("regio").value_or("gemeente");
    if (where == "jeugdregio") subject += " in de jeugdregio";
    else if (where == "nederland") subject += " in Nederland";
    if (auto p = f_.setting("periode"); p && *p != "actueel")
      subject += " over " + (*p == "vorige" ? "het jaar ervoor" : *p);
    return subject;
  }

  /// `{{als cijfer IND [regio=…] [periode=…]}}` holds when the source has a published figure
  /// (not secret, not missing) for it; `{{als jeugdregio}}` when the municipality's youth-care
  /// region is known. When it does not hold: MissingFigure, naming what and why.
  Content condition() {
    if (f_.words.empty()) fail("'als' mist de voorwaarde: 'cijfer INDICATOR' of 'jeugdregio'");
    const std::string& what = f_.words[0];
    if (what == "jeugdregio") {
      if (f_.words.size() > 1 || !f_.settings.empty()) fail("'als jeugdregio' neemt geen woorden of instellingen");
      (void)youthRegion();
      return TextSpec{};
    }
    if (what != "cijfer") fail("onbekende voorwaarde '" + what + "' bij 'als' (cijfer INDICATOR of jeugdregio)");
    if (f_.words.size() < 2) fail("'als cijfer' mist de indicator");
    if (f_.words.size() > 2) fail("te veel woorden in het veld");
    for (const auto& [name, value] : f_.settings) {
      (void)value;
      if (name != "regio" && name != "periode") fail("onbekende instelling '" + name + "' bij 'als cijfer'");
    }
    const std::string& id = f_.words[1];
    const std::string subject = conditionSubject();
    try {
      const Indicator& ind = indicator(id);
      const Region& r = region("regio", "gemeente");
      const int index = currentIndex();
      const Observation o = obs(r, ind, index);
      if (o.hasValue()) return TextSpec{};
      if (o.state == Observation::State::Suppressed)
        throw MissingFigure(subject, "dit cijfer is geheim (te klein om te publiceren)");
      throw MissingFigure(subject, "dit cijfer staat voor " + r.name + " over " +
                                       model::periodName(ds_.periods()[static_cast<std::size_t>(index)].id) +
                                       " niet in " + sourcesWord(ds_));
    } catch (const MissingFigure& e) {
      if (e.subject() == subject) throw;
      throw MissingFigure(subject, e.reason());
    }
  }

  /// {{periode}}: "2023" or "het eerste halfjaar van 2023" (after "in"/"over"); vorm=zin gives
  /// "in het eerste halfjaar van 2023 (voorlopige cijfers)" (status=ja by default); vorm=kort gives
  /// "1e halfjaar 2023", vorm=code the id ("2023-H1", for a reference number); status=ja adds
  /// " (voorlopige cijfers)" / " (nader voorlopige cijfers)" when CBS has not made them final.
  TextSpec periodText() {
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

  TextSpec simple(const std::string& s) {
    expectShape(f_, 0, {});
    return {s, {}};
  }

  const Region& youthRegion() const {
    if (!c_.youthCareRegion())
      throw MissingFigure("de jeugdregio", "gemeente " + c_.municipality().name + " hoort in " + sourcesWord(ds_) +
                                               " niet bij een jeugdregio");
    return *c_.youthCareRegion();
  }

  /// An indicator of the source. One Raadsbrief knows but the source lacks is a missing figure;
  /// any other name is a typo, with the nearest known name as a suggestion.
  const Indicator& indicator(const std::string& id) const {
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

  const Region& region(const std::string& setting, const std::string& fallback) const {
    const std::string which = f_.setting(setting).value_or(fallback);
    if (which == "gemeente") return c_.municipality();
    if (which == "jeugdregio") return youthRegion();
    if (which == "nederland") return c_.country();
    fail("onbekende regio '" + which + "' bij " + setting + "= (gemeente, jeugdregio of nederland)");
  }

  const model::Period& periodAt(int index) const { return ds_.periods()[static_cast<std::size_t>(index)]; }

  /// The period a CBS reader compares period `index` with: the newest earlier period of the same
  /// kind and, for a half-year, the same half (2023-H1 → 2022-H1; 2023 → 2022): a half-year is
  /// compared with half-years, a year with years. -1 when there is none.
  int earlierOfSameKind(int index) const {
    const auto key = model::parsePeriod(periodAt(index).id);
    for (int i = index - 1; i >= 0; --i) {
      const auto k = model::parsePeriod(periodAt(i).id);
      if (key && k && k->half == key->half && k->year < key->year) return i;
    }
    return -1;
  }

  /// The periods of the same kind as period `index`, oldest first, up to and including it; a
  /// half-year's trend runs through both halves (2022-H1, 2022-H2, 2023-H1).
  std::vector<int> sameKindUpTo(int index) const {
    std::vector<int> out;
    const model::PeriodKind kind = periodAt(index).kind();
    for (int i = 0; i <= index; ++i)
      if (periodAt(i).kind() == kind) out.push_back(i);
    return out;
  }

  /// The period a setting names: actueel (default), vorige (the same period a year earlier: see
  /// earlierOfSameKind), or a period in the data ("2022", "2022-H1", also "2022HJ01").
  int periodIndex(const std::string& setting, int fallback) const {
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

  int currentIndex() const { return periodIndex("periode", ds_.periodIndex(c_.period().id)); }

  /// A period in a title, header or chart axis: "2023*", "1e halfjaar 2023**".
  std::string periodLabel(int index) const {
    const auto& p = periodAt(index);
    return model::periodShortLabel(p.id) + model::statusMark(p.status());
  }

  std::string periodShort(int index) const { return model::periodShortLabel(periodAt(index).id); }

  /// A run of periods in a title, with the status of the ones that are not final in words:
  /// "2019–2023 (voorlopige cijfers: 2023)", "1e halfjaar 2022–1e halfjaar 2024 (nader voorlopige
  /// cijfers: 1e halfjaar 2023; voorlopige cijfers: 2e halfjaar 2023 en 1e halfjaar 2024)".
  std::string spanHeading(const std::vector<int>& span) const {
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
  std::string periodHeadingAt(int index) const {
    return model::periodHeading(periodAt(index).id, periodAt(index).status());
  }

  Observation obs(const Region& r, const Indicator& ind, int index) const {
    Observation o = ds_.observation(r.code, ind.id, ds_.periods()[static_cast<std::size_t>(index)].id);
    if (o.state != Observation::State::Missing) provenance_.uses.emplace(o.origin, index);
    return o;
  }

  static std::optional<double> shown(const Observation& o, const Indicator& ind) {
    if (!o.hasValue()) return std::nullopt;
    return text::roundTo(o.value, ind.decimals);
  }

  std::string value(const Observation& o, const Indicator& ind) const { return text::formatObservation(o, ind); }

  /// Two figures of one phrase in running text ("12,3% tegen 11,8%", "drie tegen vijf"): counts
  /// are words only when both are 0..20, so a phrase never mixes "drie" with "25".
  std::pair<std::string, std::string> textValues(const Observation& a, const Observation& b,
                                                 const Indicator& ind) const {
    if (ind.unit == model::Unit::Count && ind.decimals == 0 && a.hasValue() && b.hasValue()) {
      const std::string wa = text::numberInWords(text::roundTo(a.value, 0));
      const std::string wb = text::numberInWords(text::roundTo(b.value, 0));
      if (!wa.empty() && !wb.empty()) return {wa, wb};
    }
    return {value(a, ind), value(b, ind)};
  }

  /// One figure in running text: a small count in words ("drie"), anything else as value().
  std::string textValue(const Observation& o, const Indicator& ind) const {
    if (ind.unit == model::Unit::Count && o.hasValue()) return text::formatCountInText(o.value, ind.decimals);
    return value(o, ind);
  }

  /// {{cijfer IND}}: the figure as the dataset has it ("12,3%", a small count in words);
  /// vorm=afgerond rounds it the way a newspaper does ("12 procent", "1.200"), for B1 text.
  Content figure() {
    expectShape(f_, 1, {"regio", "periode", "vorm"});
    const Indicator& ind = indicator(f_.words[0]);
    const std::string form = f_.setting("vorm").value_or("exact");
    if (form != "exact" && form != "afgerond") fail("onbekende waarde '" + form + "' bij vorm= (exact of afgerond)");
    const Observation o = obs(region("regio", "gemeente"), ind, currentIndex());
    if (form == "afgerond" && o.hasValue()) return TextSpec{text::formatRounded(o.value, ind.unit), {}};
    return TextSpec{textValue(o, ind), {}};
  }

  /// The two figures a comparing field is about: the subject (regio=, default the municipality)
  /// and what it is compared with (met=, default the Netherlands), as shown (rounded).
  struct Comparison {
    const Indicator& ind;
    bool national;
    Observation a, b;
    std::optional<double> ra, rb;
    [[nodiscard]] std::string against() const { return national ? " dan landelijk" : " dan in de jeugdregio"; }
  };

  Comparison compared() {
    expectShape(f_, 1, {"regio", "met", "periode"});
    const Indicator& ind = indicator(f_.words[0]);
    const Region& subject = region("regio", "gemeente");
    const Region& other = region("met", "nederland");
    const int index = currentIndex();
    Comparison c{ind, other.kind == model::RegionKind::Country, obs(subject, ind, index), obs(other, ind, index), {},
                 {}};
    c.ra = shown(c.a, ind);
    c.rb = shown(c.b, ind);
    return c;
  }

  Content comparison() {
    const Comparison c = compared();
    if (!c.ra || !c.rb)
      return TextSpec{std::string("niet te vergelijken met ") +
                          (c.national ? "het landelijke cijfer" : "de jeugdregio") + ", omdat een cijfer ontbreekt",
                      {}};
    const auto [va, vb] = textValues(c.a, c.b, c.ind);
    if (*c.ra == *c.rb)
      return TextSpec{std::string("gelijk aan ") +
                          (c.national ? "het landelijke cijfer" : "het cijfer van de jeugdregio") + " (" + va + ")",
                      {}};
    return TextSpec{std::string(*c.ra > *c.rb ? "hoger" : "lager") + c.against() + " (" + va + " tegen " + vb + ")",
                    {}};
  }

  /// "beter dan landelijk" / "slechter dan in de jeugdregio": the indicator's direction decides;
  /// a neutral indicator gets "hoger"/"lager" (no judgement).
  Content judgement() {
    const Comparison c = compared();
    if (!c.ra || !c.rb) return TextSpec{"niet te beoordelen, omdat een cijfer ontbreekt", {}};
    if (*c.ra == *c.rb)
      return TextSpec{c.ind.direction == model::Direction::Neutral
                          ? std::string(c.national ? "gelijk aan landelijk" : "gelijk aan de jeugdregio")
                          : std::string(c.national ? "even goed als landelijk" : "even goed als in de jeugdregio"),
                      {}};
    const bool higher = *c.ra > *c.rb;
    std::string word = higher ? "hoger" : "lager";
    if (c.ind.direction == model::Direction::HigherIsBetter) word = higher ? "beter" : "slechter";
    if (c.ind.direction == model::Direction::LowerIsBetter) word = higher ? "slechter" : "beter";
    return TextSpec{word + c.against(), {}};
  }

  /// "0,4 procentpunt hoger dan landelijk": the difference of the figures as shown, so the text
  /// and the rounded figures next to it always agree.
  Content difference() {
    const Comparison c = compared();
    if (!c.ra || !c.rb) return TextSpec{"niet te berekenen, omdat een cijfer ontbreekt", {}};
    const double diff = text::roundTo(*c.ra - *c.rb, c.ind.decimals);
    if (diff == 0.0) return TextSpec{c.national ? "gelijk aan landelijk" : "gelijk aan de jeugdregio", {}};
    const double size = std::abs(diff);
    std::string amount;
    switch (c.ind.unit) {
      case model::Unit::Percent: amount = text::formatNumber(size, c.ind.decimals) + " procentpunt"; break;
      case model::Unit::Euro: amount = text::formatValue(size, model::Unit::Euro, c.ind.decimals); break;
      case model::Unit::Score: amount = text::formatNumber(size, c.ind.decimals); break;
      case model::Unit::Count: amount = text::formatCountInText(size, c.ind.decimals); break;
      case model::Unit::PerThousandYouth:
      case model::Unit::Days: amount = text::formatValue(size, c.ind.unit, c.ind.decimals); break;
    }
    return TextSpec{amount + (diff > 0 ? " hoger" : " lager") + c.against(), {}};
  }

  Content development() {
    expectShape(f_, 1, {"regio", "van", "periode"});
    const Indicator& ind = indicator(f_.words[0]);
    const Region& subject = region("regio", "gemeente");
    const int to = currentIndex();
    const std::string toId = model::periodName(periodAt(to).id);
    // The first period of its kind has nothing to compare with: say so, whatever van= says, so a
    // template that uses ontwikkeling works for every period.
    const int earlier = earlierOfSameKind(to);
    if (earlier < 0) {
      (void)periodIndex("van", 0);  // an unknown period in van= is still a template error
      return TextSpec{"niet te volgen, omdat er geen cijfers van vóór " + toId + " zijn", {}};
    }
    const int from = periodIndex("van", earlier);
    if (from >= to) fail("van= moet vóór de periode van de briefing (" + toId + ") liggen");
    if (periodAt(from).kind() != periodAt(to).kind())
      fail(std::string("van= moet ") +
           (periodAt(to).kind() == model::PeriodKind::HalfYear ? "een halfjaar" : "een jaar") +
           " zijn, zoals de periode van de briefing (" + toId +
           "): een halfjaar wordt met halfjaren vergeleken, een jaar met jaren");
    const std::string fromId = model::periodName(periodAt(from).id);
    if (acrossBreak(ind, from, to))
      return TextSpec{"niet te vergelijken met " + fromId + ", omdat CBS de cijfers sinds " + ind.seriesStart +
                          " anders telt (trendbreuk)",
                      {}};
    const Observation a = obs(subject, ind, from);
    const Observation b = obs(subject, ind, to);
    const auto ra = shown(a, ind), rb = shown(b, ind);
    if (!ra || !rb)
      return TextSpec{"niet te volgen van " + fromId + " tot " + toId + ", omdat een cijfer ontbreekt", {}};
    const auto [va, vb] = textValues(a, b, ind);
    if (*ra == *rb) return TextSpec{"sinds " + fromId + " gelijk gebleven op " + vb, {}};
    return TextSpec{std::string(*rb > *ra ? "gestegen" : "gedaald") + " van " + va + " in " + fromId + " naar " + vb +
                        " in " + toId,
                    {}};
  }

  std::vector<const Region*> comparedRegions() const {
    std::vector<const Region*> out{&c_.municipality()};
    if (c_.youthCareRegion()) out.push_back(c_.youthCareRegion());
    out.push_back(&c_.country());
    return out;
  }

  std::vector<std::string> regionNames() const {
    std::vector<std::string> names;
    for (const Region* r : comparedRegions()) names.push_back(r->name);
    return names;
  }

  /// The indicators of a comparison table or chart. One the source lacks is left out (and
  /// noted); when all of them are missing, the field is.
  std::vector<const Indicator*> indicatorList(bool percentOnly) const {
    std::vector<const Indicator*> out;
    if (auto list = f_.setting("indicatoren")) {
      std::vector<MissingFigure> missing;
      for (const auto& id : splitList(*list)) {
        try {
          out.push_back(&indicator(id));
        } catch (const MissingFigure& e) {
          missing.push_back(e);
        }
      }
      if (out.empty() && !missing.empty()) throw missing.front();
      if (out.empty()) fail("indicatoren= is leeg");
      const bool isTable = f_.keyword == "tabel";
      for (const auto& m : missing)
        if (notes_)
          notes_->push_back(std::string("weggelaten uit ") +
                            (isTable ? "de tabel: de rij over " : "de grafiek: de staven over ") + m.subject() +
                            " \u2014 " + m.reason());
    } else {
      for (const auto& i : ds_.indicators())
        if (!percentOnly || i.unit == model::Unit::Percent) out.push_back(&i);
    }
    return out;
  }

  /// The year of a period (a half-year's year).
  int yearOf(int index) const {
    const auto key = model::parsePeriod(periodAt(index).id);
    return key ? key->year : 0;
  }

  /// True when periods `a` and `b` lie on either side of the indicator's series break (the 2021
  /// break at CBS): their figures are counted differently and are never compared.
  bool acrossBreak(const Indicator& ind, int a, int b) const {
    const auto start = model::parsePeriod(ind.seriesStart);
    if (ind.seriesStart.empty() || !start) return false;
    return (yearOf(a) < start->year) != (yearOf(b) < start->year);
  }

  /// Under a trend that starts at the break because earlier figures are left out.
  static std::string breakNote(const Indicator& ind) {
    return "Cijfers van vóór " + ind.seriesStart + " staan er niet in: CBS telt sinds " + ind.seriesStart +
           " anders (trendbreuk), zodat ze niet met latere cijfers te vergelijken zijn.";
  }

  /// The periods of a trend ending at `to`: the last jaren= (default 5) periods of its kind, never
  /// across the indicator's series break: it starts at the break instead (`cut` says so).
  std::vector<int> trendSpan(int to, const Indicator& ind, bool& cut) const {
    std::vector<int> all = sameKindUpTo(to);
    const auto n = static_cast<std::size_t>(years());
    if (all.size() > n) all.erase(all.begin(), all.end() - static_cast<std::ptrdiff_t>(n));
    const std::size_t before = all.size();
    all.erase(std::remove_if(all.begin(), all.end(), [&](int i) { return acrossBreak(ind, i, to); }), all.end());
    cut = all.size() < before;
    return all;
  }

  /// A half-year trend needs two half-years: with one (the first half-year CBS has) it is left
  /// out and reported, never shown as a one-point table or line. (A year's trend with one year
  /// still shows that year: the first year of a dataset, or the only one since a break, with its
  /// note.)
  void requireTrend(const std::vector<int>& span, int to, const Indicator& ind) const {
    if (span.size() >= 2 || periodAt(to).kind() != model::PeriodKind::HalfYear) return;
    throw MissingFigure("de ontwikkeling van " + text::lowerFirst(ind.label),
                        "er zijn cijfers van maar één halfjaar (" + model::periodName(periodAt(to).id) +
                            "); een halfjaar wordt alleen met halfjaren vergeleken");
  }

  int years() const {
    int n = 5;
    if (auto y = f_.setting("jaren")) {
      try {
        n = std::stoi(*y);
      } catch (const std::exception&) {
        n = 0;
      }
      if (n < 2 || n > 20) fail("jaren= moet een getal van 2 tot en met 20 zijn");
    }
    return n;
  }

  /// The block kind word ("vergelijking"/"ontwikkeling") of tabel/grafiek and its indicator.
  std::string blockKind(std::size_t& wordsExpected) const {
    if (f_.words.empty()) fail("'" + f_.keyword + "' mist de soort: vergelijking, ontwikkeling of regio");
    const std::string& kind = f_.words[0];
    if (kind == "vergelijking") wordsExpected = 1;
    else if (kind == "ontwikkeling" || kind == "regio") wordsExpected = 2;
    else fail("onbekende soort '" + kind + "' bij '" + f_.keyword + "' (vergelijking, ontwikkeling of regio)");
    return kind;
  }

  static std::string gapNote() { return "\u2013 = cijfer geheim (te klein om te publiceren) of niet beschikbaar."; }

  /// The region the comparison table's difference column compares with (met=, default the
  /// Netherlands), or nullptr for met=geen (no difference column).
  const Region* differenceBase() const {
    const std::string which = f_.setting("met").value_or("nederland");
    if (which == "geen") return nullptr;
    if (which == "nederland") return &c_.country();
    if (which == "jeugdregio") return c_.youthCareRegion();  // none: no column rather than an error
    fail("onbekende waarde '" + which + "' bij met= (nederland, jeugdregio of geen)");
  }

  /// One row (bar) of the region as a whole: a member municipality, the region or the country.
  struct RegionRow {
    const Region* region = nullptr;
    std::string name;  ///< as shown: "Leiden", "Jeugdregio Holland Rijnland", "Nederland"
    Observation observation;
    std::optional<double> shown;  ///< the rounded figure; nullopt when suppressed or missing
  };

  /// Dutch alphabetical order: case and accents ignored, "'s-Gravenhage" under G.
  static std::string nameSortKey(const std::string& name) {
    std::string key = text::foldForSearch(name);
    if (key.size() > 3 && key[0] == '\'' && (key[1] == 's' || key[1] == 't') && (key[2] == '-' || key[2] == ' '))
      key.erase(0, 3);
    return key;
  }

  /// The rows of {{tabel regio IND}} and {{grafiek regio IND}}: every municipality of the
  /// youth-care region (the dataset's membership — for CBS the reference data's), by name or, with
  /// volgorde=waarde, by figure (highest first; a missing or secret figure last); then the
  /// region's own figure (the source's region row, never computed from the members) and the
  /// Netherlands.
  std::vector<RegionRow> regionRows(const Indicator& ind, int index) const {
    const Region& youth = youthRegion();
    std::vector<RegionRow> members;
    for (const auto& r : ds_.regions()) {
      if (r.kind != model::RegionKind::Municipality || r.youthCareRegion != youth.code) continue;
      const Observation o = obs(r, ind, index);
      members.push_back({&r, r.name, o, shown(o, ind)});
    }
    std::sort(members.begin(), members.end(), [](const RegionRow& a, const RegionRow& b) {
      const std::string ka = nameSortKey(a.name), kb = nameSortKey(b.name);
      return ka != kb ? ka < kb : a.region->code < b.region->code;
    });
    const std::string order = f_.setting("volgorde").value_or("naam");
    if (order == "waarde") {
      std::stable_sort(members.begin(), members.end(), [](const RegionRow& a, const RegionRow& b) {
        if (a.shown.has_value() != b.shown.has_value()) return a.shown.has_value();
        return a.shown && *a.shown > *b.shown;
      });
    } else if (order != "naam") {
      fail("onbekende waarde '" + order + "' bij volgorde= (naam of waarde)");
    }
    const Observation ro = obs(youth, ind, index);
    members.push_back({&youth, "Jeugdregio " + youth.name, ro, shown(ro, ind)});
    const Observation no = obs(c_.country(), ind, index);
    members.push_back({&c_.country(), c_.country().name, no, shown(no, ind)});
    return members;
  }

  /// "geheim" for a suppressed figure, "–" for one the source does not have.
  static std::string regionCell(const Observation& o, const Indicator& ind) {
    if (o.state == Observation::State::Suppressed) return "geheim";
    return text::formatObservationCell(o, ind);
  }

  /// The note under a region table or chart: what "geheim" and "–" mean (only those that occur),
  /// naming the rows they stand in.
  static std::string regionGapNote(const std::vector<RegionRow>& rows, bool chart) {
    std::vector<std::string> secret, missing;
    for (const auto& r : rows) {
      if (r.observation.state == Observation::State::Suppressed) secret.push_back(r.name);
      if (r.observation.state == Observation::State::Missing) missing.push_back(r.name);
    }
    std::vector<std::string> notes;
    if (chart) {
      if (!secret.empty())
        notes.push_back("Geen staaf voor " + join(secret, ", ", " en ") +
                        ": cijfer geheim (te klein om te publiceren).");
      if (!missing.empty())
        notes.push_back("Geen staaf voor " + join(missing, ", ", " en ") + ": cijfer niet beschikbaar in de bron.");
    } else {
      if (!secret.empty())
        notes.push_back("geheim = cijfer te klein om te publiceren (" + join(secret, ", ", " en ") + ").");
      if (!missing.empty())
        notes.push_back("\u2013 = cijfer niet beschikbaar in de bron (" + join(missing, ", ", " en ") + ").");
    }
    return join(notes, " ", " ");
  }

  /// {{tabel regio IND}}: one row per member municipality, then the region and the Netherlands.
  Content regionTable(std::size_t words) {
    expectShape(f_, words, {"volgorde", "periode"});
    const Indicator& ind = indicator(f_.words[1]);
    const int index = currentIndex();
    const std::vector<RegionRow> rows = regionRows(ind, index);
    const std::string heading = periodHeadingAt(index);
    TableSpec t;
    t.cells.push_back({"Gemeente", ind.label + text::labelUnitSuffix(ind.unit) + ", " + heading});
    for (const auto& r : rows) t.cells.push_back({r.name, regionCell(r.observation, ind)});
    t.numericColumns = {false, true};
    t.note = regionGapNote(rows, false);
    t.title =
        "Tabel: " + text::lowerFirst(ind.label) + " per gemeente van jeugdregio " + youthRegion().name + ", " + heading;
    t.description = describeTable(t);
    return t;
  }

  /// {{grafiek regio IND}}: a bar per member municipality, then the region and the Netherlands.
  Content regionChart(std::size_t words) {
    expectShape(f_, words, {"volgorde", "periode"});
    const Indicator& ind = indicator(f_.words[1]);
    const int index = currentIndex();
    const std::vector<RegionRow> rows = regionRows(ind, index);
    const std::string heading = periodHeadingAt(index);
    ChartSpec ch;
    ch.kind = ChartSpec::Kind::Bar;
    ch.unit = ind.unit;
    ch.decimals = ind.decimals;
    ChartSeries series{ind.label, {}};
    std::vector<std::string> parts;
    ch.horizontal = true;
    for (const auto& r : rows) {
      ch.categories.push_back(r.name);
      ch.roles.push_back(r.region == &c_.municipality()     ? ChartSpec::Role::Municipality
                         : r.region == &c_.country()        ? ChartSpec::Role::Country
                         : r.region == c_.youthCareRegion() ? ChartSpec::Role::YouthCareRegion
                                                            : ChartSpec::Role::Other);
      series.values.push_back(r.shown);
      parts.push_back(
          r.name + " " +
          (r.observation.state == Observation::State::Suppressed ? std::string("geheim") : value(r.observation, ind)));
    }
    ch.series.push_back(std::move(series));
    ch.title = ind.label + text::labelUnitSuffix(ind.unit) + " in jeugdregio " + youthRegion().name + ", " + heading;
    ch.description = "Staafdiagram van " + text::lowerFirst(ind.label) + " per gemeente, " + heading + ": " +
                     join(parts, ", ", ", ") + ".";
    ch.note = regionGapNote(rows, true);
    return ch;
  }

  Content table() {
    std::size_t words = 0;
    const std::string kind = blockKind(words);
    if (kind == "regio") return regionTable(words);
    TableSpec t;
    bool gap = false;
    std::vector<std::string> notes;
    if (kind == "vergelijking") {
      expectShape(f_, words, {"indicatoren", "periode", "met"});
      const int index = currentIndex();
      const Region* base = differenceBase();
      std::vector<std::string> header{"Indicator"};
      for (const auto& n : regionNames()) header.push_back(n);
      if (base) header.push_back(base == &c_.country() ? "Verschil met Nederland" : "Verschil met jeugdregio");
      t.cells.push_back(header);
      bool percentDifference = false;
      for (const Indicator* ind : indicatorList(false)) {
        std::vector<std::string> row{ind->label + text::labelUnitSuffix(ind->unit)};
        for (const Region* r : comparedRegions()) {
          const Observation o = obs(*r, *ind, index);
          gap = gap || !o.hasValue();
          row.push_back(text::formatObservationCell(o, *ind));
        }
        if (base) {
          // The difference of the figures as shown in this row, so the column always adds up.
          const auto a = shown(obs(c_.municipality(), *ind, index), *ind);
          const auto b = shown(obs(*base, *ind, index), *ind);
          row.push_back(a && b ? text::formatDifference(*a - *b, ind->unit, ind->decimals) : text::kNoFigure);
          percentDifference = percentDifference || (a && b && ind->unit == model::Unit::Percent);
        }
        t.cells.push_back(row);
      }
      if (base) {
        notes.push_back("Verschil = " + c_.municipality().name + " min " +
                        (base == &c_.country() ? std::string("Nederland") : base->name) +
                        ", berekend met de afgeronde cijfers in de tabel" +
                        (percentDifference ? "; pp = procentpunt." : "."));
      }
      t.title = "Tabel: jeugdhulp in " + join(regionNames(), ", ", " en ") + ", " + periodHeadingAt(index);
    } else {
      expectShape(f_, words, {"jaren", "periode"});
      const Indicator& ind = indicator(f_.words[1]);
      const int to = currentIndex();
      bool cut = false;
      const std::vector<int> span = trendSpan(to, ind, cut);
      requireTrend(span, to, ind);
      if (cut) notes.push_back(breakNote(ind));
      std::vector<std::string> header{ind.label + text::labelUnitSuffix(ind.unit)};
      for (int i : span) header.push_back(periodLabel(i));
      t.cells.push_back(header);
      for (const Region* r : comparedRegions()) {
        std::vector<std::string> row{r->name};
        for (int i : span) {
          const Observation o = obs(*r, ind, i);
          gap = gap || !o.hasValue();
          row.push_back(text::formatObservationCell(o, ind));
        }
        t.cells.push_back(row);
      }
      t.title = "Tabel: " + text::lowerFirst(ind.label) + " in " + join(regionNames(), ", ", " en ") + ", " +
                spanHeading(span);
    }
    t.numericColumns.assign(t.cells.front().size(), true);
    t.numericColumns[0] = false;
    if (gap) notes.insert(notes.begin(), gapNote());
    t.note = join(notes, " ", " ");
    t.description = describeTable(t);
    return t;
  }

  static std::string describeTable(const TableSpec& t) {
    std::string d;
    for (std::size_t r = 1; r < t.cells.size(); ++r) {
      if (r > 1) d += "; ";
      d += t.cells[r][0] + ": ";
      std::vector<std::string> parts;
      for (std::size_t c = 1; c < t.cells[r].size(); ++c) parts.push_back(t.cells[0][c] + " " + t.cells[r][c]);
      d += join(parts, ", ", ", ");
    }
    return d + ".";
  }

  Content chart() {
    std::size_t words = 0;
    const std::string kind = blockKind(words);
    if (kind == "regio") return regionChart(words);
    ChartSpec ch;
    if (kind == "vergelijking") {
      expectShape(f_, words, {"indicatoren", "periode"});
      const auto inds = indicatorList(true);
      for (const Indicator* i : inds)
        if (i->unit != inds.front()->unit)
          fail("een vergelijkingsgrafiek kan alleen indicatoren met dezelfde eenheid tonen ('" + i->id + "')");
      const int index = currentIndex();
      ch.kind = ChartSpec::Kind::Bar;
      ch.unit = inds.front()->unit;
      for (const Indicator* i : inds) {
        ch.categories.push_back(i->label);
        ch.decimals = std::max(ch.decimals, i->decimals);
      }
      for (const Region* r : comparedRegions()) {
        ChartSeries s{r->name, {}};
        for (const Indicator* i : inds) s.values.push_back(shown(obs(*r, *i, index), *i));
        ch.series.push_back(std::move(s));
      }
      ch.title = join(regionNames(), ", ", " en ") + text::labelUnitSuffix(ch.unit) + ", " + periodHeadingAt(index);
      std::vector<std::string> parts;
      for (std::size_t k = 0; k < inds.size(); ++k) {
        std::vector<std::string> vals;
        for (const Region* r : comparedRegions())
          vals.push_back(r->name + " " + value(obs(*r, *inds[k], index), *inds[k]));
        parts.push_back(text::lowerFirst(inds[k]->label) + ": " + join(vals, ", ", ", "));
      }
      ch.description = "Staafdiagram, " + periodHeadingAt(index) + ". " + join(parts, "; ", "; ") + ".";
    } else {
      expectShape(f_, words, {"jaren", "periode"});
      const Indicator& ind = indicator(f_.words[1]);
      const int to = currentIndex();
      bool cut = false;
      const std::vector<int> trend = trendSpan(to, ind, cut);
      requireTrend(trend, to, ind);
      const int from = trend.front();
      if (cut) ch.note = breakNote(ind);
      ch.kind = ChartSpec::Kind::Line;
      ch.unit = ind.unit;
      ch.decimals = ind.decimals;
      for (int i : trend) ch.categories.push_back(periodLabel(i));
      std::vector<std::string> parts;
      for (const Region* r : comparedRegions()) {
        ChartSeries s{r->name, {}};
        for (int i : trend) s.values.push_back(shown(obs(*r, ind, i), ind));
        parts.push_back(r->name + " van " + value(obs(*r, ind, from), ind) + " naar " + value(obs(*r, ind, to), ind));
        ch.series.push_back(std::move(s));
      }
      const std::string span = spanHeading(trend);
      ch.title = ind.label + text::labelUnitSuffix(ind.unit) + ", " + span;
      ch.description =
          "Lijndiagram van " + text::lowerFirst(ind.label) + ", " + span + ": " + join(parts, "; ", "; ") + ".";
    }
    const bool gap = std::any_of(ch.series.begin(), ch.series.end(), [](const ChartSeries& s) {
      return std::any_of(s.values.begin(), s.values.end(), [](const auto& v) { return !v.has_value(); });
    });
    if (gap)
      ch.note = std::string(ch.kind == ChartSpec::Kind::Bar ? "Een ontbrekende staaf" : "Een onderbroken lijn") +
                ": cijfer geheim (te klein om te publiceren) of niet beschikbaar." +
                (ch.note.empty() ? "" : " " + ch.note);
    return ch;
  }
};

}  // namespace

BriefingContext::BriefingContext(const model::Dataset& dataset, const std::string& municipality,
                                 const std::string& period, std::string todayIso)
    : dataset_(&dataset),
      municipality_(&dataset.municipality(municipality)),
      country_(dataset.country()),
      todayIso_(std::move(todayIso)) {
  if (!country_) throw Error(ErrorKind::Data, "De dataset heeft geen landcijfers (NL01)");
  if (!municipality_->youthCareRegion.empty()) youthCareRegion_ = dataset.findRegion(municipality_->youthCareRegion);
  if (!dataset.hasFigures(municipality_->code)) {
    std::vector<std::string> names{"'" + dataset.source.name + "'"};
    for (const auto& s : dataset.supplements()) names.push_back("'" + s.name + "'");
    throw Error(ErrorKind::NotFound, "Voor " + municipality_->name + " (" + municipality_->code +
                                         ") staan geen cijfers in " + (names.size() == 1 ? "de bron " : "de bronnen ") +
                                         join(names, ", ", " en ") + ".");
  }
  if (dataset.periods().empty()) throw Error(ErrorKind::Data, "De dataset heeft geen perioden");
  period_ = findBriefingPeriod(dataset, municipality_->code, period);
}

const model::Period* findBriefingPeriod(const model::Dataset& dataset, const std::string& municipalityCode,
                                        const std::string& period) {
  const auto& periods = dataset.periods();
  if (periods.empty()) throw Error(ErrorKind::Data, "De dataset heeft geen perioden");
  std::string wanted = period;
  while (!wanted.empty() && std::isspace(static_cast<unsigned char>(wanted.front()))) wanted.erase(0, 1);
  while (!wanted.empty() && std::isspace(static_cast<unsigned char>(wanted.back()))) wanted.pop_back();
  for (auto& ch : wanted) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (wanted.empty()) {
    // The newest year: what a yearly document is about, even when a newer half-year exists.
    for (auto it = periods.rbegin(); it != periods.rend(); ++it)
      if (it->kind() == model::PeriodKind::Year) return &*it;
    return &periods.back();
  }
  if (wanted == "latest" || wanted == "laatste" || wanted == "nieuwste") {
    // The newest period with a figure of this municipality, by the date it ends; a year before
    // the half-year that ends with it (2024 over 2024-H2: the whole year is the fuller figure).
    const model::Period* best = nullptr;
    for (const auto& p : periods) {
      bool has = false;
      for (const auto& ind : dataset.indicators())
        if (dataset.observation(municipalityCode, ind.id, p.id).state != model::Observation::State::Missing) {
          has = true;
          break;
        }
      if (!has) continue;
      if (!best) {
        best = &p;
        continue;
      }
      const auto a = model::parsePeriod(best->id), b = model::parsePeriod(p.id);
      if (!a || !b) {
        best = &p;
        continue;
      }
      const int endA = a->year * 2 + (a->half == 1 ? 1 : 2), endB = b->year * 2 + (b->half == 1 ? 1 : 2);
      if (endB > endA || (endB == endA && b->half == 0)) best = &p;
    }
    if (best) return best;
    return &periods.back();
  }
  const auto id = model::normalisePeriodId(wanted);
  const model::Period* found = id ? dataset.findPeriod(*id) : nullptr;
  if (!found) {
    throw Error(ErrorKind::NotFound,
                "Periode '" + period + "' staat niet in de cijfers; beschikbaar: " + periods.front().id + "\u2013" +
                    periods.back().id + " (een jaar als 2023, een halfjaar als 2023-H1, of latest).");
  }
  return found;
}

const std::vector<std::pair<std::string, std::string>>& knownIndicators() {
  // Every indicator id any source of Raadsbrief can deliver (the bundled dataset, CBS StatLine,
  // the reporting API). Extend this list with each indicator a source learns to deliver; CBS's
  // come from its mapping table (sources::cbsMeasures), so that a template using one of them gets a
  // missing figure, not a typo error, from a source without it (the demo data, a v3 85098NED).
  static const std::vector<std::pair<std::string, std::string>> known = [] {
    std::vector<std::pair<std::string, std::string>> k{
        {"jeugdhulp", "Jongeren met jeugdhulp"},
        {"residentieel", "Jeugdhulp met verblijf"},
        {"jeugdbescherming", "Jongeren met jeugdbescherming"},
        {"jeugdreclassering", "Jongeren met jeugdreclassering"},
        {"kosten_per_traject", "Kosten per hulptraject"},
        {"clienttevredenheid", "Cli\u00ebnttevredenheid"},
        {"wachttijd", "Wachttijd"},
    };
    for (const auto& m : sources::cbsMeasures())
      if (std::none_of(k.begin(), k.end(), [&](const auto& e) { return e.first == m.indicator; }))
        k.emplace_back(m.indicator, m.label);
    for (const auto& d : sources::cbsDerivedFigures())  // computed from CBS's tables
      if (std::none_of(k.begin(), k.end(), [&](const auto& e) { return e.first == d.indicator; }))
        k.emplace_back(d.indicator, d.label);
    return k;
  }();
  return known;
}

namespace {

/// The earliest year (1900–2999) written in `text` as four digits of their own, 0 when none.
int earliestYearIn(const std::string& text) {
  int earliest = 0;
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    const auto digit = [&](std::size_t k) {
      return k < text.size() && std::isdigit(static_cast<unsigned char>(text[k]));
    };
    if ((i > 0 && digit(i - 1)) || digit(i + 4)) continue;
    if (!digit(i) || !digit(i + 1) || !digit(i + 2) || !digit(i + 3)) continue;
    const int year = std::stoi(text.substr(i, 4));
    if (year >= 1900 && year <= 2999 && (earliest == 0 || year < earliest)) earliest = year;
  }
  return earliest;
}

}  // namespace

FigureNeeds figureNeeds(const std::vector<std::string>& fieldTexts, const std::vector<std::string>& periods) {
  FigureNeeds needs;
  const auto year = [&](const std::string& text) {
    const int y = earliestYearIn(text);
    if (y > 0 && (needs.earliestYear == 0 || y < needs.earliestYear)) needs.earliestYear = y;
  };
  for (const auto& p : periods) year(p);
  bool all = false;
  const auto known = [](const std::string& word) {
    const auto& k = knownIndicators();
    return std::any_of(k.begin(), k.end(), [&](const auto& e) { return e.first == word; });
  };
  for (const auto& text : fieldTexts) {
    fields::Field f;
    try {
      f = fields::parseField(text);
    } catch (const Error&) {
      all = true;  // a field we cannot read here: its error comes later, with every figure at hand
      continue;
    }
    // A comparison table or chart without indicatoren= shows every indicator of the source.
    if ((f.keyword == "tabel" || f.keyword == "grafiek") && (f.words.empty() || f.words[0] == "vergelijking") &&
        !f.setting("indicatoren"))
      all = true;
    for (const auto& w : f.words)
      if (known(w)) needs.indicators.insert(w);
    for (const auto& [name, value] : f.settings) {
      year(value);
      for (auto item : splitList(value)) {
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (known(item)) needs.indicators.insert(item);
      }
    }
  }
  if (all) needs.indicators.clear();
  return needs;
}

Content resolveField(const fields::Field& field, const BriefingContext& context, std::vector<std::string>* notes) {
  // A marker only means something in a template, around text (insert figure, refresh: no).
  if (field.keyword == "als" || field.keyword == "einde")
    throw Error(ErrorKind::Template,
                "'" + field.keyword + "' hoort in een sjabloon, om tekst heen ({{als …}} … {{einde}})");
  return Resolver(field, context, notes).run();
}

std::vector<Content> resolveFields(const std::vector<FieldOccurrence>& occurrences, const BriefingContext& context) {
  std::vector<Content> out;
  out.reserve(occurrences.size());
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < occurrences.size(); ++i) {
    const auto& occ = occurrences[i];
    try {
      out.push_back(resolveField(fields::parseField(occ.text), context));
    } catch (const Error& e) {
      std::string where = "veld " + std::to_string(i + 1) + " (" + occ.text + ")";
      if (!occ.before.empty()) where += ", na \"" + occ.before + "\"";
      problems.push_back(where + ": " + e.what());
    }
  }
  if (!problems.empty()) {
    std::string message = problems.size() == 1
                              ? "Het sjabloon heeft een fout veld:"
                              : "Het sjabloon heeft " + std::to_string(problems.size()) + " foute velden:";
    for (const auto& p : problems) message += "\n- " + p;
    throw Error(ErrorKind::Template, message);
  }
  return out;
}

namespace {

/// One optional part while planning: its markers and what lies directly inside it.
struct Part {
  std::size_t open = 0;
  std::size_t close = 0;
  std::optional<std::size_t> parent;     ///< the enclosing part (index into the parts)
  std::vector<std::size_t> fields;       ///< the fields directly inside (not in a nested part)
  std::optional<MissingFigure> missing;  ///< why it is left out: its condition, or a field in it
  bool closed = false;
};

/// "de alinea", "de tabel", "de grafiek", "de tekst": what a left-out part was, for the user.
std::string partKind(const Part& part, const std::vector<std::optional<fields::Field>>& parsed, bool wholeParagraphs) {
  bool table = false, chart = false;
  for (const std::size_t i : part.fields) {
    if (!parsed[i]) continue;
    table = table || parsed[i]->keyword == "tabel";
    chart = chart || parsed[i]->keyword == "grafiek";
  }
  if (table && chart) return "de tabel en de grafiek";
  if (table) return "de tabel";
  if (chart) return "de grafiek";
  return wholeParagraphs ? "de alinea" : "de tekst";
}

std::string where(std::size_t i, const FieldOccurrence& occ) {
  std::string w = "veld " + std::to_string(i + 1) + " (" + occ.text + ")";
  if (!occ.before.empty()) w += ", na \"" + occ.before + "\"";
  return w;
}

}  // namespace

BriefingPlan planBriefing(const std::vector<FieldOccurrence>& occurrences, const BriefingContext& context,
                          bool strict) {
  const std::size_t n = occurrences.size();
  BriefingPlan plan;
  plan.contents.assign(n, TextSpec{});
  plan.actions.assign(n, FieldAction::Fill);
  std::vector<std::string> problems;
  std::vector<std::optional<fields::Field>> parsed(n);
  std::vector<std::optional<MissingFigure>> missing(n);
  std::vector<std::vector<std::string>> notes(n);

  // 1. Parse every field and resolve it (a condition is resolved too: it throws when it fails).
  for (std::size_t i = 0; i < n; ++i) {
    try {
      parsed[i] = fields::parseField(occurrences[i].text);
      plan.contents[i] = Resolver(*parsed[i], context, &notes[i]).run();
    } catch (const MissingFigure& e) {
      missing[i] = e;
    } catch (const Error& e) {
      problems.push_back(where(i, occurrences[i]) + ": " + e.what());
    }
  }

  // 2. The structure of the optional parts: {{als …}} opens, {{einde}} closes, nested properly,
  //    each part within one text (a table cell, a header and the body are different texts).
  std::vector<Part> parts;
  std::vector<std::size_t> stack;
  std::vector<std::optional<std::size_t>> owner(n);  ///< the innermost part around each field
  for (std::size_t i = 0; i < n; ++i) {
    const std::string keyword = parsed[i] ? parsed[i]->keyword : std::string();
    if (!stack.empty()) owner[i] = stack.back();
    if (keyword == "als") {
      Part part;
      part.open = i;
      if (!stack.empty()) part.parent = stack.back();
      parts.push_back(part);
      stack.push_back(parts.size() - 1);
    } else if (keyword == "einde") {
      if (stack.empty()) {
        problems.push_back(where(i, occurrences[i]) + ": {{einde}} zonder {{als …}} ervoor");
        continue;
      }
      Part& part = parts[stack.back()];
      stack.pop_back();
      part.close = i;
      part.closed = true;
      if (occurrences[part.open].textId != occurrences[i].textId)
        problems.push_back(
            where(i, occurrences[i]) + ": {{einde}} staat in een ander tekstdeel dan zijn " +
            occurrences[part.open].text + " (veld " + std::to_string(part.open + 1) +
            "); een optioneel deel kan niet van een tabelcel, kop- of voettekst naar de gewone tekst lopen");
    } else if (owner[i]) {
      parts[*owner[i]].fields.push_back(i);
    }
  }
  for (const std::size_t open : stack)
    problems.push_back(where(parts[open].open, occurrences[parts[open].open]) + ": {{als …}} zonder {{einde}} erna");

  if (!problems.empty()) {
    std::string message = problems.size() == 1
                              ? "Het sjabloon heeft een fout veld:"
                              : "Het sjabloon heeft " + std::to_string(problems.size()) + " foute velden:";
    for (const auto& p : problems) message += "\n- " + p;
    throw Error(ErrorKind::Template, message);
  }

  // 3. A part is left out when its condition fails or a field directly inside it has no figure.
  for (auto& part : parts) {
    if (missing[part.open]) part.missing = missing[part.open];
    for (const std::size_t i : part.fields)
      if (!part.missing && missing[i]) part.missing = missing[i];
  }
  auto removedByAncestor = [&](std::optional<std::size_t> p) {
    for (; p; p = parts[*p].parent)
      if (parts[*p].missing) return true;
    return false;
  };
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const Part& part = parts[k];
    if (removedByAncestor(part.parent)) continue;  // inside a part that is left out as a whole
    const FieldOccurrence& open = occurrences[part.open];
    const FieldOccurrence& close = occurrences[part.close];
    if (part.missing) {
      const bool whole = open.paragraphStart && close.paragraphEnd;
      plan.removed.push_back({part.open, part.close, whole});
      for (std::size_t i = part.open; i <= part.close; ++i) plan.actions[i] = FieldAction::Removed;
      // About what its condition names (the part may go for another figure inside it).
      // When another figure inside made it go, the reason names that figure.
      std::string subject = Resolver(*parsed[part.open], context, nullptr).subjectOfCondition();
      if (subject.empty()) subject = part.missing->subject();
      const std::string reason = subject == part.missing->subject()
                                     ? part.missing->reason()
                                     : part.missing->subject() + ": " + part.missing->reason();
      plan.omitted.push_back("weggelaten: " + partKind(part, parsed, whole) + " over " + subject + " \u2014 " + reason);
    } else {
      for (const std::size_t i : {part.open, part.close})
        plan.actions[i] = occurrences[i].paragraphStart && occurrences[i].paragraphEnd ? FieldAction::RemoveParagraph
                                                                                       : FieldAction::RemoveMarker;
    }
  }

  // 4. Lone fields without their figure say so; tables and charts list the rows they left out.
  for (std::size_t i = 0; i < n; ++i) {
    if (plan.actions[i] == FieldAction::Removed) continue;
    if (missing[i] && !owner[i]) {
      const bool block = parsed[i] && (parsed[i]->keyword == "tabel" || parsed[i]->keyword == "grafiek");
      plan.actions[i] = FieldAction::Unavailable;
      plan.contents[i] =
          TextSpec{block ? "Niet beschikbaar: " + missing[i]->subject() + " (" + missing[i]->reason() + ")."
                         : std::string("niet beschikbaar"),
                   {}};
      plan.omitted.push_back("niet beschikbaar: " + missing[i]->subject() + " in " + where(i, occurrences[i]) +
                             " \u2014 " + missing[i]->reason());
    }
    if (plan.actions[i] == FieldAction::Fill)
      for (const auto& note : notes[i]) plan.omitted.push_back(note);
  }

  // The same line twice (two parts about the youth-care region) says nothing new.
  std::vector<std::string> unique;
  for (auto& line : plan.omitted)
    if (std::find(unique.begin(), unique.end(), line) == unique.end()) unique.push_back(std::move(line));
  plan.omitted = std::move(unique);

  if (strict && !plan.omitted.empty()) {
    std::string message = "Niet alle cijfers van het sjabloon staan in " + sourcesWord(context.dataset()) +
                          " (strikt: niets wordt weggelaten):";
    for (const auto& line : plan.omitted) message += "\n- " + line;
    throw Error(ErrorKind::Template, message);
  }
  return plan;
}

namespace {

/// Every source of a dataset: the first, then the ones that supplement it.
std::vector<const model::SourceInfo*> allSources(const model::Dataset& ds) {
  std::vector<const model::SourceInfo*> out{&ds.source};
  for (const auto& s : ds.supplements()) out.push_back(&s);
  return out;
}

}  // namespace

std::string documentTitle(const std::string& templateTitle, const BriefingContext& context) {
  const std::string base = templateTitle.empty() ? std::string("Raadsbrief") : templateTitle;
  return base + " \u2013 " + context.municipality().name + ", " + model::periodShortLabel(context.period().id);
}

std::string sourceNote(const BriefingContext& context) {
  const auto& ds = context.dataset();
  std::vector<std::string> parts;
  for (const model::SourceInfo* s : allSources(ds)) {
    std::string part = s->name;
    if (s->demo) part += " \u2013 Voorbeeldcijfers, geen echte cijfers van CBS of gemeente";
    if (!s->retrieved.empty()) part += ", opgehaald " + text::formatIsoDateLong(s->retrieved);
    parts.push_back(part);
  }
  // Two CBS tables (or any supplement) are two sources: "Bronnen".
  std::string note = (parts.size() == 1 ? "Bron: " : "Bronnen: ") + join(parts, "; ", "; aangevuld met ");
  note += ". Cijfers " + model::periodShortLabel(ds.periods().front().id) + "\u2013" +
          model::periodShortLabel(ds.periods().back().id);
  std::vector<std::string> provisional, further;
  for (const auto& p : ds.periods()) {
    if (p.status() == model::PeriodStatus::Provisional) provisional.push_back(model::periodShortLabel(p.id));
    if (p.status() == model::PeriodStatus::FurtherProvisional) further.push_back(model::periodShortLabel(p.id));
  }
  if (!provisional.empty()) note += "; * voorlopig cijfer (" + join(provisional, ", ", " en ") + ")";
  if (!further.empty()) note += "; ** nader voorlopig cijfer (" + join(further, ", ", " en ") + ")";
  note += ".";
  for (const model::SourceInfo* s : allSources(ds))
    if (!s->staleFrom.empty())
      note += " Let op: de bron " + s->name + " was niet bereikbaar; dit zijn de cijfers van " +
              text::formatIsoDateLong(s->staleFrom) + " uit de cache.";
  return note;
}

namespace {

const model::SourceInfo& sourceAt(const model::Dataset& ds, std::uint8_t origin) {
  if (origin == 0 || origin > ds.supplements().size()) return ds.source;
  return ds.supplements()[origin - 1u];
}

/// "2023*", "2019–2023*", "2019 en 2021–2023*", "1e halfjaar 2022–1e halfjaar 2023**": consecutive periods of one
/// kind as a range (a year and a half-year are never one run).
std::string periodList(const std::vector<int>& indices, const model::Dataset& ds) {
  auto label = [&](int i) {
    const auto& p = ds.periods()[static_cast<std::size_t>(i)];
    return model::periodShortLabel(p.id) + model::statusMark(p.status());
  };
  // Consecutive among the periods of that kind in the dataset.
  auto next = [&](int i, int j) {
    const auto kind = ds.periods()[static_cast<std::size_t>(i)].kind();
    if (ds.periods()[static_cast<std::size_t>(j)].kind() != kind) return false;
    for (int k = i + 1; k < j; ++k)
      if (ds.periods()[static_cast<std::size_t>(k)].kind() == kind) return false;
    return true;
  };
  std::vector<int> sorted = indices;
  std::stable_sort(sorted.begin(), sorted.end(), [&](int a, int b) {
    return ds.periods()[static_cast<std::size_t>(a)].kind() < ds.periods()[static_cast<std::size_t>(b)].kind();
  });
  const std::vector<int>& idx = sorted;
  std::vector<std::string> runs;
  for (std::size_t i = 0; i < idx.size();) {
    std::size_t j = i;
    while (j + 1 < idx.size() && next(idx[j], idx[j + 1])) ++j;
    runs.push_back(i == j ? label(idx[i]) : label(idx[i]) + "\u2013" + label(idx[j]));
    i = j + 1;
  }
  return join(runs, ", ", " en ");
}

}  // namespace

std::string sourceLine(const Provenance& provenance, const model::Dataset& ds) {
  if (provenance.empty()) return {};
  std::map<std::uint8_t, std::vector<int>> periodsBySource;  // uses are sorted: periods ascend
  bool provisional = false, further = false;
  for (const auto& [origin, period] : provenance.uses) {
    if (period < 0 || static_cast<std::size_t>(period) >= ds.periods().size()) continue;
    periodsBySource[origin].push_back(period);
    const auto status = ds.periods()[static_cast<std::size_t>(period)].status();
    provisional = provisional || status == model::PeriodStatus::Provisional;
    further = further || status == model::PeriodStatus::FurtherProvisional;
  }
  if (periodsBySource.empty()) return {};
  std::vector<std::string> parts;
  for (const auto& [origin, periods] : periodsBySource) {
    const model::SourceInfo& s = sourceAt(ds, origin);
    std::string part = s.name + (s.demo ? " (voorbeeldcijfers)" : "") + ", " + periodList(periods, ds);
    if (!s.retrieved.empty()) part += ", opgehaald " + text::formatIsoDateLong(s.retrieved);
    if (!s.staleFrom.empty()) part += ", uit de cache van " + text::formatIsoDateLong(s.staleFrom);
    parts.push_back(part);
  }
  std::string line = (parts.size() == 1 ? "Bron: " : "Bronnen: ") + join(parts, "; ", "; ") + ".";
  if (provisional) line += " * voorlopig cijfer.";
  if (further) line += " ** nader voorlopig cijfer.";
  return line;
}

std::vector<SourceFootnote> sourceFootnotes(const std::vector<Content>& contents, const model::Dataset& dataset) {
  std::vector<std::uint8_t> order;  // sources in order of their first figure in the text
  std::map<std::uint8_t, Provenance> uses;
  std::map<std::uint8_t, std::vector<std::size_t>> candidates;
  for (std::size_t i = 0; i < contents.size(); ++i) {
    const auto* t = std::get_if<TextSpec>(&contents[i]);
    if (!t) continue;
    std::set<std::uint8_t> seen;
    for (const auto& use : t->provenance.uses) {
      if (!uses.count(use.first)) order.push_back(use.first);
      uses[use.first].uses.insert(use);
      if (seen.insert(use.first).second) candidates[use.first].push_back(i);
    }
  }
  std::vector<SourceFootnote> out;
  out.reserve(order.size());
  for (const std::uint8_t origin : order) out.push_back({sourceLine(uses[origin], dataset), candidates[origin]});
  return out;
}

bool needsSourceNotice(const std::vector<FieldOccurrence>& occurrences, const model::Dataset& dataset) {
  const auto sources = allSources(dataset);
  if (std::none_of(sources.begin(), sources.end(),
                   [](const model::SourceInfo* s) { return s->demo || !s->staleFrom.empty(); }))
    return false;
  return std::none_of(occurrences.begin(), occurrences.end(), [](const FieldOccurrence& o) {
    try {
      return fields::parseField(o.text).keyword == "bron";
    } catch (const Error&) {
      return false;
    }
  });
}

std::string captionText(const std::string& note, const std::string& source) {
  if (note.empty()) return source;
  if (source.empty()) return note;
  return note + " " + source;
}

}  // namespace raadsbrief::plan
