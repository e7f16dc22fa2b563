/// {{tabel regio IND}} and {{grafiek regio IND}}: every municipality of the youth-care region, the
/// region itself and the Netherlands.
#include "plan/FieldResolver.hpp"

#include <algorithm>

#include "text/DutchFormat.hpp"
#include "text/Search.hpp"

namespace raadsbrief::plan::detail {

/// Dutch alphabetical order: case and accents ignored, "'s-Gravenhage" under G.
std::string Resolver::nameSortKey(const std::string& name) {
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
std::vector<Resolver::RegionRow> Resolver::regionRows(const Indicator& ind, int index) const {
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
std::string Resolver::regionCell(const Observation& o, const Indicator& ind) {
  if (o.state == Observation::State::Suppressed) return "geheim";
  return text::formatObservationCell(o, ind);
}

/// The note under a region table or chart: what "geheim" and "–" mean (only those that occur),
/// naming the rows they stand in.
std::string Resolver::regionGapNote(const std::vector<RegionRow>& rows, bool chart) {
  std::vector<std::string> secret, missing;
  for (const auto& r : rows) {
    if (r.observation.state == Observation::State::Suppressed) secret.push_back(r.name);
    if (r.observation.state == Observation::State::Missing) missing.push_back(r.name);
  }
  std::vector<std::string> notes;
  if (chart) {
    if (!secret.empty())
      notes.push_back("Geen staaf voor " + join(secret, ", ", " en ") + ": cijfer geheim (te klein om te publiceren).");
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
Content Resolver::regionTable(std::size_t words) {
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
Content Resolver::regionChart(std::size_t words) {
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

}  // namespace raadsbrief::plan::detail
