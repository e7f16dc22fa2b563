#pragma once
/// The template field language: `{{keyword word name=value ...}}` (docs/template-authoring.md).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace raadsbrief::fields {

/// The regular expression (ICU/ECMAScript compatible) that finds fields in a document.
inline constexpr const char* kFieldPattern = R"(\{\{[^{}]*\}\})";

struct Field {
  std::string keyword;                          ///< lower case: "cijfer"
  std::vector<std::string> words;               ///< positional words: {"jeugdhulp"}
  std::map<std::string, std::string> settings;  ///< name (lower case) → value

  [[nodiscard]] std::optional<std::string> setting(const std::string& name) const;
};

/// Parses one field, with or without its braces. Throws Error(Template) with a Dutch reason.
[[nodiscard]] Field parseField(std::string_view text);

/// Every field in a plain text, in order (for tests and for text-only templates).
[[nodiscard]] std::vector<std::string> findFields(std::string_view text);

}  // namespace raadsbrief::fields
