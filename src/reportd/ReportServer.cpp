#include "ReportServer.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/String.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timespan.h>
#include <sys/socket.h>  // MSG_PEEK

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "Error.hpp"

namespace raadsbrief::reportd {
namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

using Clock = std::chrono::steady_clock;

/// Deadlines per connection, enforced from one thread: a client gets `head` seconds to send a
/// request head (a slowloris client that sends a header line every few seconds, or one that sends
/// nothing, is cut off then), a request `request` seconds to be answered, and an idle keep-alive
/// connection `keepAlive` + `head` seconds for its next head. A connection past its deadline is
/// shut down, which ends the blocked receive of the thread serving it: no client holds a thread
/// for longer than that (Poco's own timeout is per receive, so trickling bytes never trips it).
class ConnectionWatchdog {
 public:
  ConnectionWatchdog(int headSeconds, int requestSeconds, int keepAliveSeconds)
      : head_(headSeconds), request_(requestSeconds), keepAlive_(keepAliveSeconds), thread_([this] { run(); }) {}
  ~ConnectionWatchdog() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  ConnectionWatchdog(const ConnectionWatchdog&) = delete;
  ConnectionWatchdog& operator=(const ConnectionWatchdog&) = delete;

  [[nodiscard]] std::chrono::seconds headTime() const { return head_; }
  void opened(const Poco::Net::StreamSocket& socket) { set(socket, head_, true); }
  void serving(const Poco::Net::StreamSocket& socket) { set(socket, request_, false); }
  void served(const Poco::Net::StreamSocket& socket) { set(socket, keepAlive_ + head_, false); }
  void closed(const Poco::Net::StreamSocket& socket) {
    std::lock_guard lock(mutex_);
    watched_.erase(socket.impl());
  }
  /// Shuts every watched connection (the server is stopping).
  void closeAll() {
    std::lock_guard lock(mutex_);
    for (auto& [impl, entry] : watched_) shut(entry.socket);
  }

 private:
  struct Entry {
    Poco::Net::StreamSocket socket;
    Clock::time_point deadline;
  };

  void set(const Poco::Net::StreamSocket& socket, std::chrono::seconds within, bool add) {
    std::lock_guard lock(mutex_);
    const auto it = watched_.find(socket.impl());
    if (it != watched_.end()) it->second.deadline = Clock::now() + within;
    else if (add) watched_.emplace(socket.impl(), Entry{socket, Clock::now() + within});
  }

  static void shut(Poco::Net::StreamSocket& socket) {
    try {
      socket.shutdown();
    } catch (...) {
      // already closed by its peer or by the server
    }
  }

  void run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      wake_.wait_for(lock, std::chrono::milliseconds(100));
      const auto now = Clock::now();
      for (auto& [impl, entry] : watched_)
        if (entry.deadline <= now) {
          shut(entry.socket);
          entry.deadline = Clock::time_point::max();  // once
        }
    }
  }

  std::chrono::seconds head_, request_, keepAlive_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::map<const Poco::Net::SocketImpl*, Entry> watched_;
  std::thread thread_;
};

/// The socket a request came in on (Poco's request object knows it).
Poco::Net::StreamSocket& connectionOf(const HTTPServerRequest& request) {
  return const_cast<Poco::Net::HTTPServerRequestImpl&>(dynamic_cast<const Poco::Net::HTTPServerRequestImpl&>(request))
      .socket();
}

/// Looks (MSG_PEEK: nothing is consumed) at the first request head on a connection and tells
/// whether it carries a Content-Length that is not a plain decimal number. Poco fails on such a
/// head while building the request and closes the connection without an answer; we answer 400.
/// Gives up (false) when the head does not come: the watchdog cuts such a connection off.
bool hasUnreadableContentLength(Poco::Net::StreamSocket& socket, Clock::time_point deadline) {
  std::array<char, 16 * 1024> buffer{};
  std::string head;
  while (Clock::now() < deadline) {
    int n = 0;
    try {
      if (!socket.poll(Poco::Timespan(0, 200000), Poco::Net::Socket::SELECT_READ)) continue;
      n = socket.receiveBytes(buffer.data(), static_cast<int>(buffer.size()), MSG_PEEK);
    } catch (const Poco::Exception&) {
      return false;
    }
    if (n <= 0) return false;
    head.assign(buffer.data(), static_cast<std::size_t>(n));
    if (head.find("\r\n\r\n") != std::string::npos || n == static_cast<int>(buffer.size())) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // more of the head is on its way
  }
  std::string lower = head.substr(0, head.find("\r\n\r\n"));
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::size_t at = lower.find("\r\ncontent-length:"); at != std::string::npos;
       at = lower.find("\r\ncontent-length:", at + 1)) {
    std::size_t start = at + 17;
    const std::size_t end = std::min(lower.find("\r\n", start), lower.size());
    while (start < end && (lower[start] == ' ' || lower[start] == '\t')) ++start;
    std::size_t stop = end;
    while (stop > start && (lower[stop - 1] == ' ' || lower[stop - 1] == '\t')) --stop;
    const std::string value = lower.substr(start, stop - start);
    if (value.empty() || value.size() > 18 || value.find_first_not_of("0123456789") != std::string::npos) return true;
  }
  return false;
}

/// The documented error answer (docs/reporting-api.md) written straight onto a connection whose
/// request Poco could not even parse (a Content-Length of "abc" or "1e20").
void sendRawError(Poco::Net::StreamSocket& socket, const std::string& code, const std::string& message) {
  const std::string body = R"({"error":{"code":")" + code + R"(","message":")" + message + R"("}})";
  const std::string head =
      "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
  try {
    const std::string all = head + body;
    socket.sendBytes(all.data(), static_cast<int>(all.size()));
    socket.shutdown();
  } catch (...) {
    // the client is gone
  }
}

class ApiHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit ApiHandler(std::shared_ptr<const ReportingApi> api) : api_(std::move(api)) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    try {
      ApiRequest r;
      r.method = request.getMethod();
      r.target = request.getURI();
      for (const auto& [name, value] : request) r.headers.emplace_back(name, value);
      const ApiResponse a = api_->handle(r);

      response.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(a.status));
      // A request body is never read: the connection cannot be reused after one.
      if ((request.hasContentLength() && request.getContentLength64() > 0) || request.getChunkedTransferEncoding())
        response.setKeepAlive(false);
      for (const auto& [name, value] : a.headers) {
        if (Poco::icompare(name, "Content-Length") == 0) response.setContentLength64(std::stoll(value));
        else response.set(name, value);
      }
      // HEAD and 304: headers only (Poco's send() writes no body for them).
      if (a.status == 304 || r.method == "HEAD") response.send();
      else response.sendBuffer(a.body.data(), a.body.size());
    } catch (const std::exception&) {
      if (!response.sent()) {
        response.setStatusAndReason(HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
        response.setKeepAlive(false);
        response.setContentType("application/json; charset=utf-8");
        static const std::string body =
            R"({"error":{"code":"internal_error","message":"Interne fout in raadsbrief-reportd"}})";
        response.sendBuffer(body.data(), body.size());
      }
    }
  }

 private:
  std::shared_ptr<const ReportingApi> api_;
};

class ApiHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  ApiHandlerFactory(std::shared_ptr<const ReportingApi> api, ConnectionWatchdog& watchdog)
      : api_(std::move(api)), watchdog_(watchdog) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest& request) override {
    watchdog_.serving(connectionOf(request));  // the head is complete: now the answer's deadline
    return new ApiHandler(api_);
  }
  /// Tells every connection that the server stops: keep-alive connections end after their request.
  void stopping() { serverStopped(this, false); }

 private:
  std::shared_ptr<const ReportingApi> api_;
  ConnectionWatchdog& watchdog_;
};

/// One HTTP connection under the watchdog: Poco's HTTPServerConnection does the protocol; this
/// adds the deadlines and a 400 for a request head Poco cannot parse.
class GuardedConnection : public Poco::Net::TCPServerConnection {
 public:
  GuardedConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                    Poco::Net::HTTPRequestHandlerFactory::Ptr factory, ConnectionWatchdog& watchdog)
      : TCPServerConnection(socket),
        params_(std::move(params)),
        factory_(std::move(factory)),
        watchdog_(watchdog),
        headTime_(watchdog.headTime()) {}

  void run() override {
    watchdog_.opened(socket());
    try {
      if (hasUnreadableContentLength(socket(), Clock::now() + headTime_)) {
        sendRawError(socket(), "bad_request", "Ongeldig verzoek: Content-Length is geen getal");
      } else {
        Poco::Net::HTTPServerConnection http(socket(), params_, factory_);
        http.run();
      }
    } catch (const Poco::Exception&) {
      // the connection failed or was cut off by the watchdog: nothing more to say on it
    }
    watchdog_.closed(socket());
  }

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  ConnectionWatchdog& watchdog_;
  std::chrono::seconds headTime_;
};

class GuardedConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
 public:
  GuardedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                           ConnectionWatchdog& watchdog)
      : params_(std::move(params)), factory_(std::move(factory)), watchdog_(watchdog) {}
  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
    return new GuardedConnection(socket, params_, factory_, watchdog_);
  }

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
  ConnectionWatchdog& watchdog_;
};

}  // namespace

struct ReportServer::Impl {
  std::shared_ptr<const ReportingApi> api;
  ServerOptions options;
  Poco::ThreadPool pool;  // declared before server: outlives it
  Poco::Net::ServerSocket socket;
  std::unique_ptr<ConnectionWatchdog> watchdog;  // outlives the server's connections
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers;
  ApiHandlerFactory* apiHandlers = nullptr;  // the same object as `handlers`
  std::unique_ptr<Poco::Net::TCPServer> server;
  bool started = false;
  bool stopped = false;

  Impl(std::shared_ptr<const ReportingApi> a, ServerOptions o)
      : api(std::move(a)), options(std::move(o)), pool("reportd", 1, options.maxThreads, 60) {}
};

ReportServer::ReportServer(std::shared_ptr<const ReportingApi> api, ServerOptions options) {
  if (!api) throw Error(ErrorKind::Internal, "ReportServer zonder API");
  if (options.maxThreads < 1 || options.maxThreads > 1024)
    throw Error(ErrorKind::Usage, "--max-threads moet 1 tot en met 1024 zijn");
  if (options.maxQueued < 1) throw Error(ErrorKind::Usage, "de wachtrij moet minstens 1 verbinding toelaten");
  impl_ = std::make_unique<Impl>(std::move(api), std::move(options));
  const ServerOptions& o = impl_->options;
  try {
    // SO_REUSEADDR (a restart need not wait for TIME_WAIT) but not SO_REUSEPORT, which Poco's
    // two-argument bind() also sets and which would let a second server share the port.
    impl_->socket.bind(Poco::Net::SocketAddress(o.bindAddress, o.port), true, false);
    impl_->socket.listen(o.maxQueued);
  } catch (const Poco::Exception& e) {
    throw Error(ErrorKind::Usage,
                "kan niet luisteren op " + o.bindAddress + " poort " + std::to_string(o.port) + ": " + e.displayText());
  }
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(o.maxThreads);
  params->setMaxQueued(o.maxQueued);
  params->setTimeout(Poco::Timespan(o.timeoutSeconds, 0));
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(o.keepAliveSeconds, 0));
  params->setMaxKeepAliveRequests(1000);
  params->setSoftwareVersion("raadsbrief-reportd");
  // A silent client is cut off after the receive timeout at the latest, as Poco alone would.
  impl_->watchdog = std::make_unique<ConnectionWatchdog>(std::min(o.requestHeadSeconds, o.timeoutSeconds),
                                                         o.timeoutSeconds, o.keepAliveSeconds);
  impl_->apiHandlers = new ApiHandlerFactory(impl_->api, *impl_->watchdog);
  impl_->handlers = impl_->apiHandlers;
  impl_->server = std::make_unique<Poco::Net::TCPServer>(
      new GuardedConnectionFactory(params, impl_->handlers, *impl_->watchdog), impl_->pool, impl_->socket, params);
}

ReportServer::~ReportServer() {
  try {
    stop();
  } catch (...) {
    // A destructor does not throw; the process is going down or the test is over.
  }
}

void ReportServer::start() {
  if (impl_->started) return;
  impl_->started = true;
  impl_->server->start();
}

void ReportServer::stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  if (impl_->started) {
    impl_->server->stop();           // no new connections
    impl_->apiHandlers->stopping();  // keep-alive connections end after their request
    impl_->watchdog->closeAll();     // and those still waiting for a head end now
    impl_->pool.joinAll();
  }
  impl_->server.reset();
}

std::uint16_t ReportServer::port() const { return impl_->socket.address().port(); }

std::string ReportServer::baseUrl() const {
  const Poco::Net::SocketAddress address = impl_->socket.address();
  std::string host = address.host().toString();
  if (address.family() == Poco::Net::SocketAddress::IPv6) host = "[" + host + "]";
  return "http://" + host + ":" + std::to_string(address.port()) + impl_->api->options().basePath;
}

}  // namespace raadsbrief::reportd
