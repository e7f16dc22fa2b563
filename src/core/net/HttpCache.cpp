#include "net/HttpCache.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "util/File.hpp"
#include "util/Text.hpp"

namespace raadsbrief::net::detail {

namespace fs = std::filesystem;

namespace {

/// A cache file: bounded (a body never exceeds the largest answer we accept), regular files only.
std::optional<std::string> readFile(const fs::path& path, std::size_t maxBytes) {
  return util::tryReadRegularFile(path, maxBytes);
}

struct CachePaths {
  fs::path body;
  fs::path meta;
};

CachePaths cachePaths(const fs::path& dir, const std::string& url) {
  const std::string key = util::sha1Hex(url);
  return {dir / (key + ".body"), dir / (key + ".meta.json")};
}

}  // namespace

std::optional<CacheEntry> loadCache(const fs::path& dir, const std::string& url, std::size_t maxBodyBytes) {
  constexpr std::size_t kMaxMetaBytes = 64 * 1024;
  const auto paths = cachePaths(dir, url);
  const auto metaText = readFile(paths.meta, kMaxMetaBytes);
  if (!metaText) return std::nullopt;
  auto body = readFile(paths.body, maxBodyBytes);
  if (!body) return std::nullopt;
  try {
    Poco::JSON::Parser parser;
    const auto meta = parser.parse(*metaText).extract<Poco::JSON::Object::Ptr>();
    if (!meta || meta->optValue<std::string>("url", "") != url) return std::nullopt;
    if (meta->optValue<std::string>("sha1", "") != util::sha1Hex(*body)) return std::nullopt;
    CacheEntry entry;
    entry.body = std::move(*body);
    entry.etag = meta->optValue<std::string>("etag", "");
    entry.lastModified = meta->optValue<std::string>("lastModified", "");
    entry.fetchedAt = meta->optValue<std::string>("fetchedAt", "");
    entry.contentType = meta->optValue<std::string>("contentType", "");
    return entry;
  } catch (...) {
    return std::nullopt;
  }
}

void storeCache(const fs::path& dir, const std::string& url, const CacheEntry& entry, bool writeBody) {
  try {
    fs::create_directories(dir);
    const auto paths = cachePaths(dir, url);
    if (writeBody) util::writeFileAtomically(paths.body, entry.body, true);
    Poco::JSON::Object meta;
    meta.set("url", url);
    meta.set("etag", entry.etag);
    meta.set("lastModified", entry.lastModified);
    meta.set("fetchedAt", entry.fetchedAt);
    meta.set("contentType", entry.contentType);
    meta.set("size", static_cast<Poco::UInt64>(entry.body.size()));
    meta.set("sha1", util::sha1Hex(entry.body));
    std::ostringstream text;
    meta.stringify(text, 2);
    util::writeFileAtomically(paths.meta, text.str(), true);
  } catch (...) {
  }
}

void removeCache(const fs::path& dir, const std::string& url) {
  const auto paths = cachePaths(dir, url);
  std::error_code ignored;
  fs::remove(paths.meta, ignored);
  fs::remove(paths.body, ignored);
}

std::string isoNowUtc() { return Poco::DateTimeFormatter::format(Poco::DateTime(), "%Y-%m-%dT%H:%M:%SZ"); }

}  // namespace raadsbrief::net::detail
