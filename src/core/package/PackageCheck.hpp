#pragma once
/// Checks a document package (ODT/OTT/DOCX: a zip) before LibreOffice opens it. A template or a
/// document can come from anyone; LibreOffice would inflate a zip bomb (a 1 MB file holding 400 MB
/// of content.xml) and parse it for minutes, and it fetches linked images and sections over the
/// network while laying out. Both are refused here, with a Dutch message naming the entry.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace raadsbrief::package {

struct PackageLimits {
  std::size_t maxEntries = 5000;
  std::uint64_t maxPackageBytes = 256ULL * 1024 * 1024;  ///< the file itself
  std::uint64_t maxEntryBytes = 256ULL * 1024 * 1024;    ///< one entry, uncompressed (declared)
  std::uint64_t maxTotalBytes = 512ULL * 1024 * 1024;    ///< all entries, uncompressed (declared)
  std::uint64_t maxXmlBytes = 64ULL * 1024 * 1024;       ///< one XML entry, uncompressed (inflated and counted)
  /// Uncompressed : compressed for entries over 1 MiB. Real XML compresses 10–30 ×; bombs 1000 ×.
  double maxRatio = 200.0;
};

/// A link in the package to content outside it, which LibreOffice would fetch: an image
/// (`draw:image`, background and fill images), a linked section, a linked object, a DDE link.
struct ExternalLink {
  std::string entry;   ///< "content.xml"
  std::string kind;    ///< Dutch: "afbeelding", "sectie", "object", "DDE-koppeling"
  std::string target;  ///< the address as written
};

struct PackageReport {
  std::size_t entries = 0;
  std::uint64_t uncompressedBytes = 0;
  std::vector<ExternalLink> externalLinks;  ///< in ODF XML entries only
};

/// Reads the zip directory of `path` and inflates each XML entry with a bound (declared sizes can
/// lie), looking for external links. Throws Error(Data) naming the entry for a package over a
/// limit, and for a file that is not a readable zip; Error(NotFound) when it cannot be opened.
[[nodiscard]] PackageReport inspectPackage(const std::filesystem::path& path, const PackageLimits& limits = {});

/// External links in one ODF XML text (exposed for tests and the fuzz target).
[[nodiscard]] std::vector<ExternalLink> findExternalLinks(const std::string& entry, const std::string& xml);

}  // namespace raadsbrief::package
