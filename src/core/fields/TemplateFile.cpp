#include "fields/TemplateFile.hpp"

#include <Poco/Exception.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <array>
#include <fstream>
#include <string>

#include "Error.hpp"
#include "fields/Field.hpp"

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

namespace {

void appendUtf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x110000) {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::string odfPlainText(std::string_view xml) {
  std::string out;
  out.reserve(xml.size() / 2);
  std::size_t i = 0;
  while (i < xml.size()) {
    const char c = xml[i];
    if (c == '<') {
      const std::size_t end = xml.find('>', i);
      if (end == std::string_view::npos) break;
      const std::string_view tag = xml.substr(i + 1, end - i - 1);
      if (tag.rfind("/text:p", 0) == 0 || tag.rfind("/text:h", 0) == 0 || tag.rfind("text:line-break", 0) == 0)
        out += '\n';
      else if ((tag.rfind("text:s", 0) == 0 && (tag.size() == 6 || tag[6] == ' ' || tag[6] == '/')) ||
               tag.rfind("text:tab", 0) == 0)
        out += ' ';
      i = end + 1;
    } else if (c == '&') {
      const std::size_t end = xml.find(';', i);
      if (end == std::string_view::npos || end - i > 10) {
        out += c;
        ++i;
        continue;
      }
      const std::string_view name = xml.substr(i + 1, end - i - 1);
      if (name == "amp") out += '&';
      else if (name == "lt") out += '<';
      else if (name == "gt") out += '>';
      else if (name == "quot") out += '"';
      else if (name == "apos") out += '\'';
      else if (name.size() > 1 && name[0] == '#') {
        try {
          const bool hex = name[1] == 'x' || name[1] == 'X';
          appendUtf8(out, std::stoul(std::string(name.substr(hex ? 2 : 1)), nullptr, hex ? 16 : 10));
        } catch (const std::exception&) {
          out += std::string(xml.substr(i, end - i + 1));
        }
      } else {
        out += std::string(xml.substr(i, end - i + 1));
      }
      i = end + 1;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

std::optional<std::vector<std::string>> templateFieldTexts(const std::filesystem::path& path) {
  constexpr std::size_t kMaxPart = 64U * 1024 * 1024;
  try {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    const Poco::Zip::ZipArchive archive(in);
    std::vector<std::string> out;
    bool content = false;
    for (const char* part : {"content.xml", "styles.xml"}) {
      const auto header = archive.findHeader(part);
      if (header == archive.headerEnd()) continue;
      content = content || std::string(part) == "content.xml";
      in.clear();
      Poco::Zip::ZipInputStream entry(in, header->second, true);
      std::string xml;
      std::array<char, 64 * 1024> buffer{};
      while (entry) {
        entry.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        xml.append(buffer.data(), static_cast<std::size_t>(entry.gcount()));
        if (xml.size() > kMaxPart) return std::nullopt;
      }
      for (auto& f : findFields(odfPlainText(xml))) out.push_back(std::move(f));
    }
    if (!content) return std::nullopt;
    return out;
  } catch (const Poco::Exception&) {
    return std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace raadsbrief::fields
