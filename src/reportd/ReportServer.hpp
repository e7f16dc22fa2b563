#pragma once
/// ReportingApi behind Poco's HTTP protocol handling: a listening socket, a bounded thread pool and
/// queue, keep-alive with timeouts, and per-connection deadlines (request head, answer, idle) so
/// that slow or idle clients cannot keep others out (docs/security.md). Used by raadsbrief-reportd and, in-process, by
/// the tests.
#include <cstdint>
#include <memory>
#include <string>

#include "ReportingApi.hpp"

namespace raadsbrief::reportd {

struct ServerOptions {
  std::string bindAddress = "127.0.0.1";
  std::uint16_t port = 8085;  ///< 0: an ephemeral port, see ReportServer::port()
  int maxThreads = 32;        ///< connections served at the same time
  int maxQueued = 64;         ///< accepted connections waiting for a thread; more are closed
  int timeoutSeconds = 15;    ///< receive/send timeout on a connection; also the time to answer a request
  int keepAliveSeconds = 5;   ///< how long an idle keep-alive connection stays open
  /// The whole request head (request line and headers) must arrive within this, counted from the
  /// moment a thread takes the connection: slow or silent clients cannot hold threads.
  int requestHeadSeconds = 5;
};

class ReportServer {
 public:
  /// Binds the socket (so port() is known) without serving yet. Throws Error(Usage) when the
  /// address cannot be bound or the options are out of range.
  ReportServer(std::shared_ptr<const ReportingApi> api, ServerOptions options);
  ~ReportServer();  ///< stops
  ReportServer(const ReportServer&) = delete;
  ReportServer& operator=(const ReportServer&) = delete;

  void start();
  /// Stops accepting, lets requests in progress finish, closes the connections and waits for
  /// the worker threads. Idempotent.
  void stop();

  [[nodiscard]] std::uint16_t port() const;
  /// "http://127.0.0.1:PORT/api/v1" (IPv6 addresses in brackets).
  [[nodiscard]] std::string baseUrl() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace raadsbrief::reportd
