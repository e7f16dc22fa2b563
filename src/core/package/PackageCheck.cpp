#include "package/PackageCheck.hpp"

#include <Poco/Exception.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <fmt/format.h>

#include <array>
#include <fstream>
#include <string_view>

#include "Error.hpp"

namespace raadsbrief::package {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void refuse(const fs::path& path, const std::string& what) {
  throw Error(ErrorKind::Data, fmt::format("{} wordt niet geopend: {}", path.filename().string(), what));
}

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// A target inside the package ("Pictures/x.png", "./Object 1") or an empty one is internal;
/// anything with a scheme ("http:", "file:", "smb:"), an absolute path or "../" leaves the package.
bool isExternal(const std::string& target) {
  if (target.empty() || target[0] == '#') return false;
  if (target[0] == '/' || target[0] == '\\' || target.rfind("../", 0) == 0 || target.rfind("..\\", 0) == 0) return true;
  const std::size_t colon = target.find(':');
  const std::size_t slash = target.find('/');
  return colon != std::string::npos && (slash == std::string::npos || colon < slash);
}

/// The value of attribute `name` inside the tag that starts at `tagStart` (up to its '>').
std::string attribute(const std::string& xml, std::size_t tagStart, const std::string& name) {
  const std::size_t tagEnd = xml.find('>', tagStart);
  const std::string tag = xml.substr(tagStart, tagEnd == std::string::npos ? std::string::npos : tagEnd - tagStart);
  for (std::size_t at = tag.find(name); at != std::string::npos; at = tag.find(name, at + 1)) {
    if (at > 0 && tag[at - 1] != ' ' && tag[at - 1] != '\n' && tag[at - 1] != '\t' && tag[at - 1] != '\r') continue;
    std::size_t eq = at + name.size();
    while (eq < tag.size() && (tag[eq] == ' ' || tag[eq] == '\t' || tag[eq] == '\n' || tag[eq] == '\r')) ++eq;
    if (eq >= tag.size() || tag[eq] != '=') continue;
    std::size_t quote = eq + 1;
    while (quote < tag.size() && (tag[quote] == ' ' || tag[quote] == '\t' || tag[quote] == '\n' || tag[quote] == '\r'))
      ++quote;
    if (quote >= tag.size() || (tag[quote] != '"' && tag[quote] != '\'')) continue;
    const std::size_t close = tag.find(tag[quote], quote + 1);
    if (close == std::string::npos) return {};
    return tag.substr(quote + 1, close - quote - 1);
  }
  return {};
}

}  // namespace

std::vector<ExternalLink> findExternalLinks(const std::string& entry, const std::string& xml) {
  struct Element {
    const char* tag;
    const char* kind;
    const char* attribute;
  };
  static const std::array<Element, 9> elements{{
      {"<draw:image", "afbeelding", "xlink:href"},
      {"<style:background-image", "afbeelding", "xlink:href"},
      {"<draw:fill-image", "afbeelding", "xlink:href"},
      {"<text:section-source", "sectie", "xlink:href"},
      {"<draw:object", "object", "xlink:href"},
      {"<draw:object-ole", "object", "xlink:href"},
      {"<draw:plugin", "object", "xlink:href"},
      {"<office:dde-source", "DDE-koppeling", "office:dde-application"},
      {"<text:dde-connection-decl", "DDE-koppeling", "office:dde-application"},
  }};
  std::vector<ExternalLink> links;
  for (const auto& e : elements) {
    const std::string tag = e.tag;
    for (std::size_t at = xml.find(tag); at != std::string::npos; at = xml.find(tag, at + tag.size())) {
      const char next = at + tag.size() < xml.size() ? xml[at + tag.size()] : '>';
      if (next != ' ' && next != '>' && next != '/' && next != '\n' && next != '\t' && next != '\r')
        continue;  // a longer name
      const std::string target = attribute(xml, at, e.attribute);
      // A DDE link always reaches outside (another program); the others only with an outside target.
      if (std::string_view(e.kind) == "DDE-koppeling" || isExternal(target)) links.push_back({entry, e.kind, target});
    }
  }
  return links;
}

PackageReport inspectPackage(const fs::path& path, const PackageLimits& limits) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw Error(ErrorKind::NotFound, "Bestand niet gevonden: " + path.string());
  if (const auto size = fs::file_size(path, ec); !ec && size > limits.maxPackageBytes)
    refuse(path, fmt::format("het bestand is groter dan {} MB", limits.maxPackageBytes / (1024 * 1024)));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::NotFound, "Bestand niet leesbaar: " + path.string());
  PackageReport report;
  try {
    const Poco::Zip::ZipArchive archive(in);
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
      const Poco::Zip::ZipLocalFileHeader& header = it->second;
      if (++report.entries > limits.maxEntries)
        refuse(path, fmt::format("het pakket heeft meer dan {} onderdelen", limits.maxEntries));
      const std::string& name = header.getFileName();
      const std::uint64_t size = header.getUncompressedSize();
      const std::uint64_t packed = header.getCompressedSize();
      if (size > limits.maxEntryBytes)
        refuse(path,
               fmt::format("onderdeel {} is uitgepakt groter dan {} MB", name, limits.maxEntryBytes / (1024 * 1024)));
      report.uncompressedBytes += size;
      if (report.uncompressedBytes > limits.maxTotalBytes)
        refuse(path, fmt::format("het pakket is uitgepakt groter dan {} MB", limits.maxTotalBytes / (1024 * 1024)));
      if (size > 1024 * 1024 &&
          static_cast<double>(size) > limits.maxRatio * static_cast<double>(std::max<std::uint64_t>(packed, 1)))
        refuse(path, fmt::format("onderdeel {} is verdacht sterk ingepakt ({} keer; een 'zip-bom')", name,
                                 size / std::max<std::uint64_t>(packed, 1)));
      if (!endsWith(name, ".xml") || header.isDirectory()) continue;
      // Inflate with a bound: the declared size may lie.
      Poco::Zip::ZipInputStream entry(in, header, true);
      std::string xml;
      std::array<char, 64 * 1024> buffer{};
      while (entry) {
        entry.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        xml.append(buffer.data(), static_cast<std::size_t>(entry.gcount()));
        if (xml.size() > limits.maxXmlBytes)
          refuse(path,
                 fmt::format("onderdeel {} is uitgepakt groter dan {} MB", name, limits.maxXmlBytes / (1024 * 1024)));
      }
      if (xml.size() > limits.maxRatio * static_cast<double>(std::max<std::uint64_t>(packed, 1)) &&
          xml.size() > 1024 * 1024)
        refuse(path, fmt::format("onderdeel {} is verdacht sterk ingepakt (een 'zip-bom')", name));
      auto links = findExternalLinks(name, xml);
      report.externalLinks.insert(report.externalLinks.end(), links.begin(), links.end());
    }
    if (report.entries == 0) refuse(path, "geen leesbaar ODF- of Word-bestand (geen zip-pakket)");
  } catch (const Error&) {
    throw;
  } catch (const Poco::Exception& e) {
    refuse(path, "geen leesbaar ODF- of Word-bestand (" + e.displayText() + ")");
  } catch (const std::exception& e) {
    refuse(path, std::string("geen leesbaar ODF- of Word-bestand (") + e.what() + ")");
  }
  return report;
}

}  // namespace raadsbrief::package
