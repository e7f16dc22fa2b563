#include "fields/TemplateFile.hpp"

#include <array>
#include <fstream>
#include <string>

#include "Error.hpp"

namespace raadsbrief::fields {

bool looksLikeOdfText(std::string_view head) {
  // Local file header: signature, then at offset 26 the name length (2 bytes, little endian) and
  // the extra field length; the name starts at 30, the stored data right after name and extra.
  // The compression method (offset 8) must be 0: the mimetype is stored, not deflated.
  constexpr std::string_view signature("PK\x03\x04", 4);
  constexpr std::string_view name = "mimetype";
  constexpr std::string_view text = "application/vnd.oasis.opendocument.text";
  if (head.size() < 30 || head.substr(0, 4) != signature) return false;
  const auto u16 = [&](std::size_t at) {
    return static_cast<std::size_t>(static_cast<unsigned char>(head[at])) |
           static_cast<std::size_t>(static_cast<unsigned char>(head[at + 1])) << 8;
  };
  if (u16(8) != 0 || u16(26) != name.size()) return false;
  const std::size_t data = 30 + name.size() + u16(28);
  if (head.size() < data + text.size() || head.substr(30, name.size()) != name) return false;
  const std::string_view type = head.substr(data);
  if (type.substr(0, text.size()) != text) return false;
  const std::string_view rest = type.substr(text.size());
  // "text" alone (then the next entry's "PK") or "text-template".
  return rest.substr(0, 9) == "-template" || rest.substr(0, 2) == "PK" || rest.empty();
}

void checkTemplateFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::NotFound, "Sjabloonbestand niet leesbaar: " + path.string());
  std::array<char, 128> buffer{};
  in.read(buffer.data(), buffer.size());
  const std::string_view head(buffer.data(), static_cast<std::size_t>(in.gcount()));
  if (!looksLikeOdfText(head))
    throw Error(ErrorKind::Template, "Het sjabloon " + path.string() +
                                         " is geen Writer-sjabloon of -tekstdocument (.ott/.odt in ODF-formaat)");
}

}  // namespace raadsbrief::fields
