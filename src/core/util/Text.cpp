#include "util/Text.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>

namespace raadsbrief::util {

namespace {
constexpr bool isAsciiSpace(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}
}  // namespace

std::string lowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && isAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isAsciiSpace(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> splitTrimmed(std::string_view s, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t next = s.find(separator, start);
    parts.push_back(trim(s.substr(start, next == std::string_view::npos ? std::string_view::npos : next - start)));
    if (next == std::string_view::npos) break;
    start = next + 1;
  }
  return parts;
}

std::string sha1Hex(std::string_view data) {
  Poco::SHA1Engine engine;
  engine.update(data.data(), static_cast<unsigned>(data.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

}  // namespace raadsbrief::util
