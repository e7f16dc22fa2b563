/// What a set of fields needs from the sources (indicators, the earliest year), and every
/// indicator some source of Raadsbrief can deliver.
#include <algorithm>
#include <cctype>

#include "Error.hpp"
#include "plan/Briefing.hpp"
#include "plan/FieldResolver.hpp"
#include "sources/CbsDerived.hpp"
#include "sources/CbsOData.hpp"

namespace raadsbrief::plan {

using detail::splitList;

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

}  // namespace raadsbrief::plan
