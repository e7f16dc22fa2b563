/// The table and chart specs of {{tabel vergelijking|ontwikkeling …}} and {{grafiek …}}: their cells,
/// series, titles, alt text and notes.
#include "plan/FieldResolver.hpp"

#include <algorithm>

#include "text/DutchFormat.hpp"

namespace raadsbrief::plan::detail {

std::vector<const Region*> Resolver::comparedRegions() const {
  std::vector<const Region*> out{&c_.municipality()};
  if (c_.youthCareRegion()) out.push_back(c_.youthCareRegion());
  out.push_back(&c_.country());
  return out;
}

std::vector<std::string> Resolver::regionNames() const {
  std::vector<std::string> names;
  for (const Region* r : comparedRegions()) names.push_back(r->name);
  return names;
}

/// The indicators of a comparison table or chart. One the source lacks is left out (and
/// noted); when all of them are missing, the field is.
std::vector<const Indicator*> Resolver::indicatorList(bool percentOnly) const {
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
int Resolver::yearOf(int index) const {
  const auto key = model::parsePeriod(periodAt(index).id);
  return key ? key->year : 0;
}

/// True when periods `a` and `b` lie on either side of the indicator's series break (the 2021
/// break at CBS): their figures are counted differently and are never compared.
bool Resolver::acrossBreak(const Indicator& ind, int a, int b) const {
  const auto start = model::parsePeriod(ind.seriesStart);
  if (ind.seriesStart.empty() || !start) return false;
  return (yearOf(a) < start->year) != (yearOf(b) < start->year);
}

/// Under a trend that starts at the break because earlier figures are left out.
std::string Resolver::breakNote(const Indicator& ind) {
  return "Cijfers van vóór " + ind.seriesStart + " staan er niet in: CBS telt sinds " + ind.seriesStart +
         " anders (trendbreuk), zodat ze niet met latere cijfers te vergelijken zijn.";
}

/// The periods of a trend ending at `to`: the last jaren= (default 5) periods of its kind, never
/// across the indicator's series break: it starts at the break instead (`cut` says so).
std::vector<int> Resolver::trendSpan(int to, const Indicator& ind, bool& cut) const {
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
void Resolver::requireTrend(const std::vector<int>& span, int to, const Indicator& ind) const {
  if (span.size() >= 2 || periodAt(to).kind() != model::PeriodKind::HalfYear) return;
  throw MissingFigure("de ontwikkeling van " + text::lowerFirst(ind.label),
                      "er zijn cijfers van maar één halfjaar (" + model::periodName(periodAt(to).id) +
                          "); een halfjaar wordt alleen met halfjaren vergeleken");
}

int Resolver::years() const {
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
std::string Resolver::blockKind(std::size_t& wordsExpected) const {
  if (f_.words.empty()) fail("'" + f_.keyword + "' mist de soort: vergelijking, ontwikkeling of regio");
  const std::string& kind = f_.words[0];
  if (kind == "vergelijking") wordsExpected = 1;
  else if (kind == "ontwikkeling" || kind == "regio") wordsExpected = 2;
  else fail("onbekende soort '" + kind + "' bij '" + f_.keyword + "' (vergelijking, ontwikkeling of regio)");
  return kind;
}

std::string Resolver::gapNote() { return "\u2013 = cijfer geheim (te klein om te publiceren) of niet beschikbaar."; }

/// The region the comparison table's difference column compares with (met=, default the
/// Netherlands), or nullptr for met=geen (no difference column).
const Region* Resolver::differenceBase() const {
  const std::string which = f_.setting("met").value_or("nederland");
  if (which == "geen") return nullptr;
  if (which == "nederland") return &c_.country();
  if (which == "jeugdregio") return c_.youthCareRegion();  // none: no column rather than an error
  fail("onbekende waarde '" + which + "' bij met= (nederland, jeugdregio of geen)");
}

Content Resolver::table() {
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
    t.title =
        "Tabel: " + text::lowerFirst(ind.label) + " in " + join(regionNames(), ", ", " en ") + ", " + spanHeading(span);
  }
  t.numericColumns.assign(t.cells.front().size(), true);
  t.numericColumns[0] = false;
  if (gap) notes.insert(notes.begin(), gapNote());
  t.note = join(notes, " ", " ");
  t.description = describeTable(t);
  return t;
}

std::string Resolver::describeTable(const TableSpec& t) {
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

Content Resolver::chart() {
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

}  // namespace raadsbrief::plan::detail
