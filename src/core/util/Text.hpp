#pragma once
/// Small string helpers used across the core, the reporting server and the CLI: ASCII only (names
/// with accents are compared elsewhere, by text/Search), no locale.
#include <string>
#include <string_view>
#include <vector>

namespace raadsbrief::util {

/// ASCII letters in lower case; other bytes (UTF-8 included) unchanged.
[[nodiscard]] std::string lowerAscii(std::string_view s);
/// Without leading and trailing ASCII white space (space, tab, CR, LF, VT, FF).
[[nodiscard]] std::string trim(std::string_view s);
[[nodiscard]] constexpr bool startsWith(std::string_view s, std::string_view prefix) noexcept {
  return s.substr(0, prefix.size()) == prefix;
}
[[nodiscard]] constexpr bool endsWith(std::string_view s, std::string_view suffix) noexcept {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
/// Splits on `separator`, trimming each part (trim); "" gives one empty part, "a,,b" an empty middle one.
[[nodiscard]] std::vector<std::string> splitTrimmed(std::string_view s, char separator);
/// The SHA-1 of `data` in lower-case hex (cache keys, ETags; not for secrets).
[[nodiscard]] std::string sha1Hex(std::string_view data);

}  // namespace raadsbrief::util
