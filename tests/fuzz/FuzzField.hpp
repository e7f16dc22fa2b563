#pragma once
/// The body of the field fuzz target, shared by fuzz_field (libFuzzer) and fuzz_replay.
/// Parses the input as one field and finds the fields in it as a text. A raadsbrief::Error is the
/// expected answer to a broken field; any other exception or a broken invariant escapes.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "Error.hpp"
#include "fields/Field.hpp"

namespace raadsbrief::fuzz {

inline void fieldCheck(bool ok, const char* what) {
  if (!ok) throw std::logic_error(std::string("fuzz invariant broken: ") + what);
}

/// parseField; Error(Template) for a broken field, invariants for an accepted one.
inline void fuzzOneField(std::string_view text) {
  fields::Field f;
  try {
    f = fields::parseField(text);
  } catch (const Error& e) {
    fieldCheck(e.kind() == ErrorKind::Template, "parseField only throws Error(Template)");
    return;
  }
  fieldCheck(!f.keyword.empty(), "an accepted field has a keyword");
  for (const unsigned char c : f.keyword) fieldCheck(!std::isupper(c), "the keyword is lower case");
  for (const auto& w : f.words) fieldCheck(!w.empty(), "words are not empty");
  for (const auto& [name, value] : f.settings) {
    fieldCheck(!name.empty() && !value.empty(), "settings have a name and a value");
    fieldCheck(f.setting(name) == value, "setting() returns the value");
  }
}

/// findFields must find exactly what a search for kFieldPattern finds (Writer searches with that
/// pattern). std::regex is the reference only for short texts: it recurses once per character.
inline void compareWithPattern(std::string_view text, const std::vector<std::string>& found) {
  constexpr std::size_t kReferenceLimit = 2048;
  if (text.size() > kReferenceLimit) return;
  static const std::regex pattern(fields::kFieldPattern);
  const std::string s(text);
  std::size_t n = 0;
  const std::sregex_iterator end;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), pattern); it != end; ++it, ++n)
    fieldCheck(n < found.size() && found[n] == it->str(), "findFields matches kFieldPattern");
  fieldCheck(n == found.size(), "findFields finds as many fields as kFieldPattern");
}

/// One fuzz input: the whole input as a field, then every field found in it.
inline void fuzzField(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  fuzzOneField(text);
  const std::vector<std::string> found = fields::findFields(text);
  compareWithPattern(text, found);
  std::size_t from = 0;
  for (const auto& f : found) {
    fieldCheck(f.size() >= 4 && f.compare(0, 2, "{{") == 0 && f.compare(f.size() - 2, 2, "}}") == 0,
               "a found field is in double braces");
    fieldCheck(f.find_first_of("{}", 2) == f.size() - 2, "a found field has no braces inside");
    const auto at = text.find(f, from);
    fieldCheck(at != std::string_view::npos, "found fields are in the text, in order");
    from = at + f.size();
    fuzzOneField(f);
  }
}

}  // namespace raadsbrief::fuzz
