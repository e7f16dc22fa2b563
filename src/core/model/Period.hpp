#pragma once
/// Period ids as Raadsbrief writes them ("2023", "2023-H1", "2023-H2"), as users and CBS write
/// them ("2023h1", "2023HJ01", "2023JJ00"), their order, kind and status, and their Dutch words.
#include <optional>
#include <string>
#include <string_view>

namespace raadsbrief::model {

enum class PeriodKind { Year, HalfYear };

/// CBS's status of a period's figures: definitief, voorlopig (`*`), nader voorlopig (`**`: a
/// second provisional release, revised but not yet final).
enum class PeriodStatus { Final, Provisional, FurtherProvisional };

/// A parsed period: a year, or one half of it (half 1 or 2; 0 = the whole year).
struct PeriodKey {
  int year = 0;
  int half = 0;
  [[nodiscard]] PeriodKind kind() const noexcept { return half == 0 ? PeriodKind::Year : PeriodKind::HalfYear; }
  /// Our id: "2023", "2023-H1".
  [[nodiscard]] std::string id() const;
  /// Order: by the date the period ends; a half-year before the year that ends with it
  /// (2023-H1 < 2023-H2 < 2023 < 2024-H1).
  [[nodiscard]] int order() const noexcept { return year * 4 + (half == 0 ? 3 : half); }
};

/// Parses a period as users and CBS write it: "2023", "2023-H1", "2023-h2", "2023H1", "2023HJ01",
/// "2023JJ00" (surrounding blanks ignored). Years 1900–2999. nullopt for anything else.
[[nodiscard]] std::optional<PeriodKey> parsePeriod(std::string_view text);

/// Our id of a period written any of those ways ("2023HJ01" → "2023-H1"); nullopt when it is none.
[[nodiscard]] std::optional<std::string> normalisePeriodId(std::string_view text);

/// True when `a` comes before `b` (see PeriodKey::order). Ids that do not parse sort as strings,
/// after those that do.
[[nodiscard]] bool periodBefore(const std::string& a, const std::string& b);

/// The kind of one of our ids; a year for anything that does not parse.
[[nodiscard]] PeriodKind periodKind(const std::string& id);

/// The period a CBS reader compares a period with: the same kind, one year earlier. A year with
/// the year before it, a half-year with the same half-year of the year before (2023-H1 → 2022-H1:
/// the youth-care figures have a season, and CBS's own tables compare half-years this way).
/// nullopt when `id` does not parse.
[[nodiscard]] std::optional<std::string> sameKindYearEarlier(const std::string& id);

/// CBS's status as its tables word it ("Definitief", "Voorlopig", "Nader voorlopig", any case).
[[nodiscard]] PeriodStatus parsePeriodStatus(std::string_view text);
/// As the dataset format and the reporting API write it: "definitief", "voorlopig", "nader voorlopig".
[[nodiscard]] std::string toString(PeriodStatus status);
/// The mark after a period's figures: "", "*", "**".
[[nodiscard]] std::string statusMark(PeriodStatus status);

/// A period in running text, after "in"/"over": "2025", "het eerste halfjaar van 2025".
[[nodiscard]] std::string periodName(const std::string& id);
/// A short label (dialogs, table headers): "2025", "1e halfjaar 2025".
[[nodiscard]] std::string periodShortLabel(const std::string& id);

/// A status as a council reads it: "", "voorlopige cijfers", "nader voorlopige cijfers".
[[nodiscard]] std::string statusWords(PeriodStatus status);
/// A period in running text with its status: "in het eerste halfjaar van 2025 (voorlopige
/// cijfers)", "in 2024 (nader voorlopige cijfers)", "in 2023" (final figures: no words).
[[nodiscard]] std::string periodPhrase(const std::string& id, PeriodStatus status);
/// A period in a title or the head of a single-period column, with its status in words:
/// "1e halfjaar 2025 (voorlopige cijfers)", "2024 (nader voorlopige cijfers)", "2023".
[[nodiscard]] std::string periodHeading(const std::string& id, PeriodStatus status);

}  // namespace raadsbrief::model
