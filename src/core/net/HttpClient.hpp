#pragma once
/// An HTTP(S) GET client for reporting endpoints (Poco::Net): timeouts, retries with backoff on
/// 5xx/429 honouring Retry-After, a redirect limit, a time limit for the whole request, a response size limit, gzip,
/// Bearer tokens, and a disk cache revalidated with ETag/If-None-Match and Last-Modified/If-Modified-Since. Errors are
/// raadsbrief::Error(ErrorKind::Source) with a Dutch message that names the URL (never the token) and what went wrong.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "Cancel.hpp"

namespace raadsbrief::net {

struct HttpOptions {
  std::chrono::milliseconds connectTimeout{5000};
  std::chrono::milliseconds readTimeout{15000};  ///< per receive; a server stalling mid-body fails after this
  /// The whole get(): every attempt, redirect and backoff. Bounds a server that trickles its
  /// headers or body (each receive within readTimeout, but never done). Checked while waiting for
  /// the response; connecting and the TLS handshake are bounded by connectTimeout.
  std::chrono::milliseconds totalTimeout{60000};
  int maxRetries = 3;                             ///< extra attempts after a 5xx/429 or a connection failure
  std::chrono::milliseconds initialBackoff{200};  ///< doubles each retry; Retry-After (seconds) wins, capped
  std::chrono::milliseconds maxBackoff{5000};
  int maxRedirects = 5;
  std::size_t maxBodyBytes = 64 * 1024 * 1024;    ///< after decompression
  bool verifyTls = true;                          ///< against the system store; false only by explicit opt-out
  std::string bearerToken;                        ///< sent as Authorization: Bearer; never logged or cached
  std::optional<std::filesystem::path> cacheDir;  ///< no disk cache when empty
  bool allowStaleCache = false;  ///< on failure to reach the server, answer from the cache (fromCache + fetchedAt)
  /// Cancels a get() from another thread: a waiting receive or backoff ends within ~50 ms with
  /// Error(Cancelled); never answered from the cache.
  std::shared_ptr<const CancelToken> cancel;
};

struct HttpResponse {
  int status = 0;    ///< 200 (also when answered from the cache after a 304)
  std::string body;  ///< decoded (gunzipped)
  std::string contentType;
  std::string etag;
  std::string lastModified;
  bool fromCache = false;         ///< body came from the disk cache (after 304, or stale on failure)
  bool stale = false;             ///< the server could not be reached; this is the cached copy
  std::string fetchedAt;          ///< ISO date-time (UTC) the body was last fetched from the server
  int requests = 0;               ///< HTTP requests this call made (retries and redirects included)
  std::size_t bytesReceived = 0;  ///< bytes read from the network (compressed)
};

class HttpClient {
 public:
  explicit HttpClient(HttpOptions options = {});

  /// GETs `url` (http or https only). Returns a 2xx response (or the cached body); throws
  /// Error(Source) for anything else: refused, timeout, 4xx, 5xx after retries, redirect loop or
  /// scheme change, body too large, undecodable gzip.
  HttpResponse get(const std::string& url);

  [[nodiscard]] const HttpOptions& options() const noexcept { return options_; }

 private:
  HttpOptions options_;
};

}  // namespace raadsbrief::net
