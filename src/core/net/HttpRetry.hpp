#pragma once
/// Internal to src/core/net: what a failed attempt means (retry, give up, may a stale copy answer),
/// how long to wait before the next one, and the Dutch words of a failure.
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "Cancel.hpp"

namespace raadsbrief::net::detail {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

/// One attempt that did not produce a usable HTTP exchange (or produced a failing status).
struct AttemptFailure {
  std::string reason;        ///< Dutch, without the "Bron <url>: " prefix
  bool retryable = false;    ///< 5xx, 429 and connection failures
  bool unreachable = false;  ///< the server could not serve us: a stale cached copy may answer
  std::optional<milliseconds> retryAfter;
};

/// A failure no further attempt will cure.
AttemptFailure fatal(std::string reason);
/// The server did not serve us in time: no further attempt, but a stale cached copy may answer.
AttemptFailure fatalUnreachable(std::string reason);
/// A failure worth another attempt, after which a stale cached copy may answer.
AttemptFailure transient(std::string reason, std::optional<milliseconds> retryAfter = std::nullopt);

/// Sleeps `delay`, in steps, so that a cancel ends it within ~50 ms.
void sleepUnlessCancelled(milliseconds delay, const std::shared_ptr<const CancelToken>& cancel);
/// "2 seconden", "1 seconde", "0,3 seconden".
std::string dutchSeconds(milliseconds d);
/// Retry-After as delta-seconds or as an HTTP date; nullopt when absent or unreadable.
std::optional<milliseconds> parseRetryAfter(const std::string& value);
/// The message of a JSON error body ({"error": {"message": ...}}, {"error": "..."}, or OData's
/// {"odata.error": {"message": {"value": ...}}}), if any; a token in it is masked.
std::string serverMessage(const std::string& body, const std::string& token);
/// The Dutch reason for a failing HTTP status.
std::string statusReason(int status, const std::string& message, bool haveToken);

}  // namespace raadsbrief::net::detail
