/// Where the figures come from, in words: the document's source note, the source line under a
/// table or chart, the footnotes for figures in running text.
#include <algorithm>
#include <map>
#include <set>

#include "Error.hpp"
#include "plan/Briefing.hpp"
#include "plan/FieldResolver.hpp"
#include "text/DutchFormat.hpp"

namespace raadsbrief::plan {

using detail::join;

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
