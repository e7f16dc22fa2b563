#pragma once
/// Searching municipalities the way people type them: any case, without accents, by name or CBS
/// code ("sudwest" finds Súdwest-Fryslân; "0546" and "gm0546" find Leiden), by the name people
/// use ("Den Haag" finds 's-Gravenhage) and by a former name ("Heerhugowaard" finds Dijk en Waard).
#include <string>
#include <string_view>
#include <vector>

namespace raadsbrief::text {

/// Lower case, Latin accents removed, apostrophes and hyphens kept: "Súdwest-Fryslân" → "sudwest-fryslan".
[[nodiscard]] std::string foldForSearch(std::string_view utf8);

/// Other names of a municipality, by its official (CBS) name: the name in common use ("Den Haag",
/// "Den Bosch"), the Dutch name of a Frisian one, and the names of the municipalities it was
/// merged from since 2011. Empty when there are none.
[[nodiscard]] const std::vector<std::string_view>& aliasesOf(std::string_view officialName);

/// The official name that `alias` (any case, accents or not) stands for, or "" ("den haag" →
/// "'s-Gravenhage").
[[nodiscard]] std::string_view officialNameFor(std::string_view alias);

/// True when every word of `query` occurs in the folded name, code or one of the name's aliases
/// ("haag den" finds "Den Haag", "den haag" finds "'s-Gravenhage"). An empty query matches everything.
[[nodiscard]] bool matchesSearch(std::string_view query, std::string_view name, std::string_view code);

/// Levenshtein distance of two byte strings (insert, delete, replace one byte).
[[nodiscard]] std::size_t editDistance(std::string_view a, std::string_view b);

/// The candidate nearest to `word` (folded as foldForSearch does) within `maxDistance` edits, or
/// empty when none is that near: the "bedoelde u …?" of an error message.
[[nodiscard]] std::string closestMatch(std::string_view word, const std::vector<std::string>& candidates,
                                       std::size_t maxDistance = 2);

}  // namespace raadsbrief::text
