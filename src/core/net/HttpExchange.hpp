#pragma once
/// Internal to src/core/net: one GET over a fresh connection (the request, the token, the
/// revalidation headers, the time limit of the whole request) and what it answered.
#include <Poco/URI.h>

#include <cstddef>
#include <string>

#include "net/HttpCache.hpp"
#include "net/HttpClient.hpp"
#include "net/HttpRetry.hpp"

namespace raadsbrief::net::detail {

/// The parts of an HTTP exchange that get() needs.
struct Exchange {
  int status = 0;
  std::string location;
  std::string etag;
  std::string lastModified;
  std::string contentType;
  std::string retryAfter;
  bool noStore = false;
  std::string body;  ///< 2xx: the whole decoded body; other statuses: at most kErrorBodyLimit
};

bool isRedirect(int status);
/// "https://host:443": where a token may go.
std::string origin(const Poco::URI& uri);

/// One GET over a fresh connection. Throws AttemptFailure for anything short of an HTTP status.
Exchange exchange(const Poco::URI& uri, const HttpOptions& options, bool withToken, const CacheEntry* cached,
                  std::size_t& counted, Clock::time_point deadline);

}  // namespace raadsbrief::net::detail
