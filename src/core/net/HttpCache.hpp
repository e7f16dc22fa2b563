#pragma once
/// Internal to src/core/net: the disk cache of responses (one body and one metadata file per URL,
/// revalidated with ETag/Last-Modified; never a credential).
#include <filesystem>
#include <optional>
#include <string>

namespace raadsbrief::net::detail {

/// What the disk cache holds for one URL.
struct CacheEntry {
  std::string body;
  std::string etag;
  std::string lastModified;
  std::string fetchedAt;
  std::string contentType;
};

/// The cached copy of `url`, if both files are there and belong together (the metadata holds
/// the body's hash, so a half-finished update or a foreign file is ignored).
std::optional<CacheEntry> loadCache(const std::filesystem::path& dir, const std::string& url, std::size_t maxBodyBytes);
/// Stores `entry` for `url`; the body first, then the metadata that vouches for it. A cache that
/// cannot be written costs only the next revalidation, so failures are ignored.
void storeCache(const std::filesystem::path& dir, const std::string& url, const CacheEntry& entry, bool writeBody);
/// Forgets the cached copy of `url` (the server said it must not be stored).
void removeCache(const std::filesystem::path& dir, const std::string& url);
/// Now as an ISO date-time in UTC: when a body was fetched.
std::string isoNowUtc();

}  // namespace raadsbrief::net::detail
