#include "net/HttpClient.hpp"

#include <Poco/Exception.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "Error.hpp"
#include "net/HttpCache.hpp"
#include "net/HttpExchange.hpp"
#include "net/HttpRetry.hpp"

namespace raadsbrief::net {

using detail::AttemptFailure;
using detail::CacheEntry;
using detail::Clock;
using detail::dutchSeconds;
using detail::Exchange;
using detail::exchange;
using detail::fatal;
using detail::isoNowUtc;
using detail::isRedirect;
using detail::loadCache;
using detail::origin;
using detail::parseRetryAfter;
using detail::removeCache;
using detail::serverMessage;
using detail::sleepUnlessCancelled;
using detail::statusReason;
using detail::storeCache;
using detail::transient;
using std::chrono::milliseconds;

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)) {}

HttpResponse HttpClient::get(const std::string& url) {
  // Name the URL in messages, but never a password in its user-info part.
  std::string shown = url;
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::Exception&) {
    throw Error(ErrorKind::Source, fmt::format("Bron {}: ongeldige URL", url));
  }
  if (!uri.getUserInfo().empty()) {
    Poco::URI withoutUser = uri;
    withoutUser.setUserInfo("");
    shown = withoutUser.toString();
  }
  const auto fail = [&](const std::string& what) {
    return Error(ErrorKind::Source, fmt::format("Bron {}: {}", shown, what));
  };
  const auto supported = [](const Poco::URI& u) { return u.getScheme() == "http" || u.getScheme() == "https"; };
  if (!supported(uri))
    throw fail(uri.getScheme().empty()
                   ? std::string("geen http- of https-adres")
                   : fmt::format("alleen http en https worden ondersteund, niet '{}'", uri.getScheme()));
  if (uri.getHost().empty()) throw fail("geen server in het adres");

  const bool useCache = options_.cacheDir && !options_.cacheDir->empty();
  std::optional<CacheEntry> cached;
  if (useCache) cached = loadCache(*options_.cacheDir, url, options_.maxBodyBytes);

  HttpResponse out;
  const std::string startOrigin = origin(uri);
  Poco::URI current = uri;
  std::set<std::string> visited{current.toString()};
  const int maxRetries = std::max(options_.maxRetries, 0);
  const int maxRedirects = std::max(options_.maxRedirects, 0);
  int retries = 0;
  int redirects = 0;
  milliseconds backoff = std::max(options_.initialBackoff, milliseconds(0));
  const Clock::time_point deadline = Clock::now() + std::max(options_.totalTimeout, milliseconds(1));

  for (;;) {
    if (Clock::now() >= deadline)  // after a redirect
      throw fail(fmt::format("geen volledig antwoord binnen {}", dutchSeconds(options_.totalTimeout)));
    if (options_.cancel) options_.cancel->check();
    ++out.requests;
    std::optional<AttemptFailure> failure;
    Exchange ex;
    try {
      // The token goes to the origin it was meant for only, not to wherever a redirect points.
      ex = exchange(current, options_, origin(current) == startOrigin, cached ? &*cached : nullptr, out.bytesReceived,
                    deadline);
    } catch (const AttemptFailure& f) {
      failure = f;
    }
    if (options_.cancel) options_.cancel->check();  // a cut connection is a cancel, not a failure

    if (!failure) {
      if (ex.status >= 200 && ex.status < 300) {
        out.status = ex.status;
        out.body = std::move(ex.body);
        out.contentType = ex.contentType;
        out.etag = ex.etag;
        out.lastModified = ex.lastModified;
        out.fetchedAt = isoNowUtc();
        if (useCache && ex.noStore) removeCache(*options_.cacheDir, url);
        else if (useCache && ex.status == 200)
          storeCache(*options_.cacheDir, url, {out.body, out.etag, out.lastModified, out.fetchedAt, out.contentType},
                     true);
        return out;
      }
      if (ex.status == 304 && cached) {
        out.status = 200;
        out.body = cached->body;
        out.contentType = cached->contentType;
        out.etag = ex.etag.empty() ? cached->etag : ex.etag;
        out.lastModified = ex.lastModified.empty() ? cached->lastModified : ex.lastModified;
        out.fromCache = true;
        out.fetchedAt = isoNowUtc();  // the server just confirmed the cached body is current
        storeCache(*options_.cacheDir, url, {out.body, out.etag, out.lastModified, out.fetchedAt, out.contentType},
                   false);
        return out;
      }
      if (isRedirect(ex.status)) {
        if (ex.location.empty()) throw fail(fmt::format("doorverwijzing (HTTP {}) zonder Location", ex.status));
        Poco::URI next = current;
        try {
          next.resolve(ex.location);
        } catch (const Poco::Exception&) {
          throw fail(fmt::format("doorverwijzing naar een ongeldig adres ({})", ex.location));
        }
        if (!supported(next))
          throw fail(
              fmt::format("doorverwijzing naar {} geweigerd: alleen http en https worden ondersteund", ex.location));
        if (current.getScheme() == "https" && next.getScheme() == "http")
          throw fail(fmt::format("doorverwijzing van https naar http geweigerd ({})", ex.location));
        if (++redirects > maxRedirects) throw fail(fmt::format("te veel doorverwijzingen (meer dan {})", maxRedirects));
        if (!visited.insert(next.toString()).second)
          throw fail(fmt::format("te veel doorverwijzingen: doorverwijzingslus via {}", next.toString()));
        current = next;
        continue;
      }
      const std::string message = serverMessage(ex.body, options_.bearerToken);
      if (ex.status == 304) {
        failure = fatal("onverwacht HTTP 304 zonder gegevens in de cache");
      } else if (ex.status == 429 || ex.status >= 500) {
        failure = transient(statusReason(ex.status, message, false), parseRetryAfter(ex.retryAfter));
      } else {
        throw fail(statusReason(ex.status, message, !options_.bearerToken.empty()));
      }
    }

    milliseconds delay = failure->retryAfter ? *failure->retryAfter : backoff;
    delay = std::min(delay, options_.maxBackoff);
    // No retry that could not even start before the time limit.
    if (failure->retryable && retries < maxRetries && Clock::now() + delay < deadline) {
      if (delay.count() > 0) sleepUnlessCancelled(delay, options_.cancel);
      ++retries;
      backoff = std::min(backoff * 2, std::max(options_.maxBackoff, milliseconds(0)));
      continue;
    }
    std::string reason = failure->reason;
    if (retries > 0) reason += fmt::format(" (na {} pogingen)", retries + 1);
    if (failure->unreachable && options_.allowStaleCache && cached) {
      out.status = 200;
      out.body = cached->body;
      out.contentType = cached->contentType;
      out.etag = cached->etag;
      out.lastModified = cached->lastModified;
      out.fromCache = true;
      out.stale = true;
      out.fetchedAt = cached->fetchedAt;
      return out;
    }
    throw fail(reason);
  }
}

}  // namespace raadsbrief::net
