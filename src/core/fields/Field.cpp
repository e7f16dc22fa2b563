#include "fields/Field.hpp"

#include <algorithm>
#include <cctype>

#include "Error.hpp"
#include "util/Text.hpp"

namespace raadsbrief::fields {
namespace {

[[noreturn]] void fail(const std::string& why) { throw Error(ErrorKind::Template, why); }

/// Splits on ASCII white space and U+00A0 (no-break space, which Writer's autocorrect inserts).
std::vector<std::string> splitWords(std::string_view s) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
    if (std::isspace(c) || nbsp) {
      if (nbsp) ++i;
      if (!current.empty()) out.push_back(std::move(current)), current.clear();
    } else {
      current += static_cast<char>(c);
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

bool isName(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '_' || c == '-';
  });
}

}  // namespace

std::optional<std::string> Field::setting(const std::string& name) const {
  auto it = settings.find(name);
  if (it == settings.end()) return std::nullopt;
  return it->second;
}

Field parseField(std::string_view text) {
  std::string_view body = text;
  if (body.size() >= 4 && body.substr(0, 2) == "{{" && body.substr(body.size() - 2) == "}}")
    body = body.substr(2, body.size() - 4);
  // A field is a few words; a template from someone else may hold a megabyte between braces.
  constexpr std::size_t kMaxFieldLength = 500;
  if (body.size() > kMaxFieldLength) fail("te lang (meer dan " + std::to_string(kMaxFieldLength) + " tekens)");
  if (body.find('{') != std::string_view::npos || body.find('}') != std::string_view::npos)
    fail("accolades binnen een veld");
  const std::vector<std::string> words = splitWords(body);
  if (words.empty()) fail("leeg veld");
  Field field;
  field.keyword = util::lowerAscii(words.front());
  if (!isName(field.keyword)) fail("ongeldig sleutelwoord '" + words.front() + "'");
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string& w = words[i];
    const auto eq = w.find('=');
    if (eq == std::string::npos) {
      field.words.push_back(util::lowerAscii(w));
      continue;
    }
    const std::string name = util::lowerAscii(w.substr(0, eq));
    const std::string value = w.substr(eq + 1);
    if (!isName(name)) fail("ongeldige instelling '" + w + "'");
    if (value.empty()) fail("instelling '" + name + "' heeft geen waarde");
    if (!field.settings.emplace(name, value).second) fail("instelling '" + name + "' staat er twee keer in");
  }
  return field;
}

std::vector<std::string> findFields(std::string_view text) {
  // The same matches as searching kFieldPattern (\{\{[^{}]*\}\}) left to right, scanned by hand:
  // libstdc++'s std::regex recurses once per character and overflows the stack on a long field
  // (found with fuzz_field; tests/fuzz/regressions/field-long-field.txt).
  std::vector<std::string> out;
  std::size_t start = 0;
  while ((start = text.find("{{", start)) != std::string_view::npos) {
    const std::size_t brace = text.find_first_of("{}", start + 2);
    if (brace != std::string_view::npos && text.substr(brace, 2) == "}}") {
      out.emplace_back(text.substr(start, brace + 2 - start));
      start = brace + 2;
    } else {
      ++start;
    }
  }
  return out;
}

}  // namespace raadsbrief::fields
