#pragma once
// HTTP client options for the tests that talk to a loopback server.
#include <chrono>

#include "net/HttpClient.hpp"

namespace raadsbrief::test {

/// Options for fast tests: no retries unless a test asks, a tiny backoff, a generous read timeout
/// (only the stall tests rely on it running out).
inline net::HttpOptions fastHttpOptions() {
  using namespace std::chrono_literals;
  net::HttpOptions o;
  o.connectTimeout = 5000ms;
  o.readTimeout = 5000ms;
  o.maxRetries = 0;
  o.initialBackoff = 10ms;
  o.maxBackoff = 40ms;
  return o;
}

}  // namespace raadsbrief::test
