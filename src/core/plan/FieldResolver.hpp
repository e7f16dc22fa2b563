#pragma once
/// Internal to src/core/plan, not a public header: the resolver that turns one field into its
/// content. Its member functions are defined by concern, in the file named above each group.
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fields/Field.hpp"
#include "model/Dataset.hpp"
#include "plan/Briefing.hpp"

namespace raadsbrief::plan::detail {

using model::Indicator;
using model::Observation;
using model::Region;

/// A template error (ErrorKind::Template) with a Dutch reason.
[[noreturn]] void fail(const std::string& why);
/// "a, b en c": `parts` joined by `sep`, the last two by `lastSep`.
std::string join(const std::vector<std::string>& parts, const std::string& sep, const std::string& lastSep);
/// The non-empty items of a comma-separated list.
std::vector<std::string> splitList(const std::string& s);
/// Checks a field's shape: the number of words it takes and the settings it knows.
void expectShape(const fields::Field& f, std::size_t words, std::initializer_list<const char*> allowed);
/// "de bron" or "de bronnen": how a reason names where the figures come from.
std::string sourcesWord(const model::Dataset& ds);
/// "2019", "2025HJ01", "2025-H1": a period id (which may be missing from the figures), as
/// opposed to a typo such as "vorig".
bool looksLikePeriod(const std::string& s);

/// "veld 3 ({{cijfer x}}), na \"tekst\"": where field `i` stands, for an error or an omission.
std::string fieldPlace(std::size_t i, const FieldOccurrence& occurrence);
/// Error(Template) listing every problem ("Het sjabloon heeft 2 foute velden: …"), when there are any.
void throwTemplateProblems(const std::vector<std::string>& problems);

/// Resolves one field against a briefing's context.
class Resolver {
 public:
  Resolver(const fields::Field& f, const BriefingContext& c, std::vector<std::string>* notes)
      : f_(f), c_(c), ds_(c.dataset()), notes_(notes) {}

  /// For an {{als …}} field: what its part is about (see conditionSubject).
  std::string subjectOfCondition() const { return conditionSubject(); }

  /// The field's content, with the provenance of every figure it used and, for tables and
  /// charts, the source line under them.
  Content run();

 private:
  // FieldResolver.cpp: the keyword dispatch, indicators, regions, periods and observations.
  Content dispatch();
  std::string labelOf(const std::string& id) const;
  TextSpec periodText();
  TextSpec simple(const std::string& s);
  const Region& youthRegion() const;
  const Indicator& indicator(const std::string& id) const;
  const Region& region(const std::string& setting, const std::string& fallback) const;
  const model::Period& periodAt(int index) const;
  int earlierOfSameKind(int index) const;
  std::vector<int> sameKindUpTo(int index) const;
  int periodIndex(const std::string& setting, int fallback) const;
  int currentIndex() const;
  std::string periodLabel(int index) const;
  std::string periodShort(int index) const;
  std::string spanHeading(const std::vector<int>& span) const;
  std::string periodHeadingAt(int index) const;
  Observation obs(const Region& r, const Indicator& ind, int index) const;
  static std::optional<double> shown(const Observation& o, const Indicator& ind);
  std::string value(const Observation& o, const Indicator& ind) const;
  std::pair<std::string, std::string> textValues(const Observation& a, const Observation& b,
                                                 const Indicator& ind) const;
  std::string textValue(const Observation& o, const Indicator& ind) const;

  // OptionalParts.cpp: {{als …}} conditions.
  std::string conditionSubject() const;
  Content condition();

  // Phrases.cpp: {{cijfer}}, {{vergelijking}}, {{oordeel}}, {{verschil}}, {{ontwikkeling}}.
  /// The two figures a comparing field is about: the subject (regio=, default the municipality)
  /// and what it is compared with (met=, default the Netherlands), as shown (rounded).
  struct Comparison {
    const Indicator& ind;
    bool national;
    Observation a, b;
    std::optional<double> ra, rb;
    [[nodiscard]] std::string against() const { return national ? " dan landelijk" : " dan in de jeugdregio"; }
  };
  Content figure();
  Comparison compared();
  Content comparison();
  Content judgement();
  Content difference();
  Content development();

  // TablesCharts.cpp: {{tabel …}} and {{grafiek …}} of a comparison or a trend.
  std::vector<const Region*> comparedRegions() const;
  std::vector<std::string> regionNames() const;
  std::vector<const Indicator*> indicatorList(bool percentOnly) const;
  int yearOf(int index) const;
  bool acrossBreak(const Indicator& ind, int a, int b) const;
  static std::string breakNote(const Indicator& ind);
  std::vector<int> trendSpan(int to, const Indicator& ind, bool& cut) const;
  void requireTrend(const std::vector<int>& span, int to, const Indicator& ind) const;
  int years() const;
  std::string blockKind(std::size_t& wordsExpected) const;
  static std::string gapNote();
  const Region* differenceBase() const;
  Content table();
  static std::string describeTable(const TableSpec& t);
  Content chart();

  // RegionBlocks.cpp: {{tabel regio …}} and {{grafiek regio …}}, every municipality of the region.
  /// One row (bar) of the region as a whole: a member municipality, the region or the country.
  struct RegionRow {
    const Region* region = nullptr;
    std::string name;  ///< as shown: "Leiden", "Jeugdregio Holland Rijnland", "Nederland"
    Observation observation;
    std::optional<double> shown;  ///< the rounded figure; nullopt when suppressed or missing
  };
  static std::string nameSortKey(const std::string& name);
  std::vector<RegionRow> regionRows(const Indicator& ind, int index) const;
  static std::string regionCell(const Observation& o, const Indicator& ind);
  static std::string regionGapNote(const std::vector<RegionRow>& rows, bool chart);
  Content regionTable(std::size_t words);
  Content regionChart(std::size_t words);

  const fields::Field& f_;
  const BriefingContext& c_;
  const model::Dataset& ds_;
  std::vector<std::string>* notes_;  ///< parts of a table or chart left out (may be null)
  mutable Provenance provenance_;    ///< every (source, period) whose figure this field used
};

}  // namespace raadsbrief::plan::detail
