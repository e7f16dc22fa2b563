#include <catch2/catch.hpp>

#include <Poco/DeflatingStream.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/ThreadPool.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

#include "Error.hpp"
#include "HttpTestOptions.hpp"
#include "LoopbackServer.hpp"
#include "net/HttpClient.hpp"

using namespace raadsbrief;
using raadsbrief::test::ignoreSigpipe;
using raadsbrief::test::LoopbackServer;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

/// The headers of one request a test server saw (names lower case).
struct Seen {
  std::string target;
  std::map<std::string, std::string> headers;
  [[nodiscard]] std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  [[nodiscard]] bool has(const std::string& name) const { return headers.count(name) != 0; }
};

std::string lowerCase(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// A real HTTP server on 127.0.0.1 (ephemeral port) answering with `handler`; it counts and records
/// the requests. `n` is the 1-based number of the request.
class TestServer {
 public:
  using Handler = std::function<void(int n, Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&)>;

  explicit TestServer(Handler handler)
      : TestServer(std::move(handler), Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0)), "http") {}

  TestServer(Handler handler, const Poco::Net::ServerSocket& socket, std::string scheme)
      : handler_(std::move(handler)),
        scheme_(std::move(scheme)),
        port_(socket.address().port()),
        server_(socket, [this](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
          record(request, response);
        }) {}
  ~TestServer() { stop(); }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  /// Stops accepting and closes the listening socket: afterwards connections are refused.
  void stop() { server_.stop(); }

  [[nodiscard]] std::string url(const std::string& path) const {
    return scheme_ + "://127.0.0.1:" + std::to_string(port_) + path;
  }
  [[nodiscard]] int requests() const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(seen_.size());
  }
  [[nodiscard]] Seen request(int n) const {
    std::lock_guard lock(mutex_);
    REQUIRE(n >= 1);
    REQUIRE(static_cast<std::size_t>(n) <= seen_.size());
    return seen_[static_cast<std::size_t>(n - 1)];
  }

 private:
  void record(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    Seen seen;
    seen.target = request.getURI();
    for (const auto& [name, value] : request) seen.headers[lowerCase(name)] = value;
    int n = 0;
    {
      std::lock_guard lock(mutex_);
      seen_.push_back(seen);
      n = static_cast<int>(seen_.size());
    }
    handler_(n, request, response);
  }

  Handler handler_;
  std::string scheme_;
  Poco::UInt16 port_;
  mutable std::mutex mutex_;
  std::vector<Seen> seen_;
  LoopbackServer server_;  // last: stopped (in its destructor) before the members it calls into go
};

/// A misbehaving server on 127.0.0.1: reads the request head, then lets `handler` write whatever
/// raw bytes it likes on the connection. One connection at a time.
class RawServer {
 public:
  using Handler = std::function<void(Poco::Net::StreamSocket&)>;

  explicit RawServer(Handler handler)
      : handler_(std::move(handler)), socket_(Poco::Net::SocketAddress("127.0.0.1", 0)), thread_([this] { run(); }) {
    ignoreSigpipe();
  }
  ~RawServer() {
    stop_ = true;
    thread_.join();
  }
  RawServer(const RawServer&) = delete;
  RawServer& operator=(const RawServer&) = delete;

  [[nodiscard]] std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(socket_.address().port()) + path;
  }
  /// The connections accepted so far, after waiting (a few seconds at most) until there are at least
  /// `atLeast`: a client may give up on a connection before this thread gets round to accepting it.
  [[nodiscard]] int connections(int atLeast = 0) const {
    for (int i = 0; i < 250 && connections_ < atLeast; ++i) std::this_thread::sleep_for(20ms);
    return connections_;
  }

  static void send(Poco::Net::StreamSocket& socket, const std::string& bytes) {
    socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()), MSG_NOSIGNAL);
  }
  /// Waits (at most a few seconds) for the client to give up and close the connection.
  static void waitForClose(Poco::Net::StreamSocket& socket) {
    char c = 0;
    for (int i = 0; i < 50; ++i) {
      if (socket.poll(Poco::Timespan(0, 100000), Poco::Net::Socket::SELECT_READ)) {
        if (socket.receiveBytes(&c, 1) <= 0) return;
      }
    }
  }

 private:
  void run() {
    while (!stop_) {
      try {
        if (!socket_.poll(Poco::Timespan(0, 20000), Poco::Net::Socket::SELECT_READ)) continue;
        Poco::Net::StreamSocket connection = socket_.acceptConnection();
        ++connections_;
        connection.setReceiveTimeout(Poco::Timespan(3, 0));
        std::string head;
        char buffer[1024];
        while (head.find("\r\n\r\n") == std::string::npos) {
          const int n = connection.receiveBytes(buffer, sizeof buffer);
          if (n <= 0) break;
          head.append(buffer, static_cast<std::size_t>(n));
        }
        handler_(connection);
        connection.close();
      } catch (...) {
      }
    }
  }

  Handler handler_;
  Poco::Net::ServerSocket socket_;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

void reply(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
           const std::string& body = {}, const std::string& contentType = "application/json; charset=utf-8") {
  response.setStatus(status);
  response.setContentType(contentType);
  response.sendBuffer(body.data(), body.size());
}

/// The message of the Error(Source) that getting `url` throws.
std::string fetchError(const net::HttpOptions& options, const std::string& url) {
  try {
    (void)net::HttpClient(options).get(url);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Source);
    return e.what();
  }
  FAIL("no error for " << url);
  return {};
}

/// A fresh directory under the system temp dir, removed afterwards.
struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device random;
    path = fs::temp_directory_path() / ("raadsbrief-http-test-" + std::to_string(random()) + std::to_string(random()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

std::string readAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kJson = R"({"format": "raadsbrief-dataset", "version": 1})";

}  // namespace

TEST_CASE("HttpClient: only http and https", "[http]") {
  for (const std::string url : {"file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1/", "127.0.0.1/x"}) {
    const auto message = fetchError(test::fastHttpOptions(), url);
    CHECK_THAT(message, Catch::Contains("Bron " + url));
    CHECK_THAT(message, Catch::Contains("http"));
  }
  CHECK_THAT(fetchError(test::fastHttpOptions(), "file:///etc/passwd"), Catch::Contains("niet 'file'"));
}

TEST_CASE("HttpClient: a plain GET, with User-Agent, gzip offered and the Bearer token", "[http]") {
  TestServer server([](int, auto&, auto& response) {
    response.set("ETag", "\"abc\"");
    reply(response, Poco::Net::HTTPResponse::HTTP_OK, kJson);
  });
  auto options = test::fastHttpOptions();
  options.bearerToken = "s3cr3t-token";
  const auto response = net::HttpClient(options).get(server.url("/api/v1/dataset?regions=GM0546"));
  CHECK(response.status == 200);
  CHECK(response.body == kJson);
  CHECK(response.contentType == "application/json; charset=utf-8");
  CHECK(response.etag == "\"abc\"");
  CHECK_FALSE(response.fromCache);
  CHECK_FALSE(response.stale);
  CHECK(response.requests == 1);
  CHECK(response.bytesReceived == kJson.size());
  CHECK(response.fetchedAt.size() == 20);
  CHECK(response.fetchedAt.back() == 'Z');
  REQUIRE(server.requests() == 1);
  const auto seen = server.request(1);
  CHECK(seen.target == "/api/v1/dataset?regions=GM0546");
  CHECK(seen.header("authorization") == "Bearer s3cr3t-token");
  CHECK(seen.header("user-agent") == "Raadsbrief/0.1");
  CHECK_THAT(seen.header("accept-encoding"), Catch::Contains("gzip"));

  // Without a token no Authorization header at all.
  (void)net::HttpClient(test::fastHttpOptions()).get(server.url("/x"));
  CHECK_FALSE(server.request(2).has("authorization"));
}

TEST_CASE("HttpClient: connection refused", "[http]") {
  Poco::UInt16 port = 0;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    port = probe.address().port();
    probe.close();
  }
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/api/v1/dataset";
  auto options = test::fastHttpOptions();
  CHECK(fetchError(options, url) == "Bron " + url + ": verbinding geweigerd");
  options.maxRetries = 2;
  const auto message = fetchError(options, url);
  CHECK_THAT(message, Catch::Contains("verbinding geweigerd") && Catch::Contains("na 3 pogingen"));
}

TEST_CASE("HttpClient: a server that stalls mid-body times out, without a retry", "[http]") {
  RawServer server([](Poco::Net::StreamSocket& socket) {
    RawServer::send(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n");
    RawServer::send(socket, std::string(50, ' '));
    RawServer::waitForClose(socket);  // stalls until the client gives up
  });
  auto options = test::fastHttpOptions();
  options.readTimeout = 300ms;
  options.maxRetries = 1;
  const auto message = fetchError(options, server.url("/api/v1/dataset"));
  CHECK_THAT(message, Catch::Contains("geen antwoord binnen 0,3 seconden"));
  CHECK_THAT(message, !Catch::Contains("pogingen"));  // the configured wait, not a multiple of it
  CHECK(server.connections(1) == 1);
}

TEST_CASE("HttpClient: a server that accepts and never answers gives up after the read timeout", "[http]") {
  RawServer server([](Poco::Net::StreamSocket& socket) {
    RawServer::waitForClose(socket);  // reads the request, never says a word
  });
  auto options = test::fastHttpOptions();
  options.readTimeout = 400ms;
  options.maxRetries = 3;
  options.totalTimeout = 60s;
  const auto message = fetchError(options, server.url("/api/v1/dataset"));
  CHECK_THAT(message, Catch::Contains("geen antwoord binnen 0,4 seconden") && !Catch::Contains("pogingen") &&
                          !Catch::Contains("60 seconden"));
  CHECK(server.connections(1) == 1);
}

TEST_CASE("HttpClient: a server trickling its answer is cut off at the time limit", "[http][limits]") {
  // Each byte arrives well within readTimeout, so only the limit on the whole request can end it.
  const auto trickle = [](Poco::Net::StreamSocket& socket, const std::string& head) {
    RawServer::send(socket, head);
    for (int i = 0; i < 200; ++i) {  // 20 s at most
      std::this_thread::sleep_for(100ms);
      if (socket.sendBytes(" ", 1, MSG_NOSIGNAL) <= 0) return;
    }
  };
  RawServer body([&](Poco::Net::StreamSocket& socket) {
    trickle(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n");
  });
  RawServer noLength([&](Poco::Net::StreamSocket& socket) {  // ends with the connection: cut-off looks complete
    trickle(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n");
  });
  RawServer headers([&](Poco::Net::StreamSocket& socket) { trickle(socket, "HTTP/1.1 200 OK\r\nX-Slow: "); });
  auto options = test::fastHttpOptions();
  options.readTimeout = 2000ms;
  options.totalTimeout = 700ms;
  options.maxRetries = 3;  // a request out of time is not tried again
  for (RawServer* server : {&body, &noLength, &headers}) {
    // Without the limit each would run 20 s and end differently (truncated, "complete", reset).
    const auto message = fetchError(options, server->url("/api/v1/dataset"));
    CHECK_THAT(message, Catch::EndsWith(": geen volledig antwoord binnen 0,7 seconden"));
    CHECK(server->connections() == 1);
  }
}

TEST_CASE("HttpClient: no retry starts after the time limit", "[http][limits]") {
  TestServer server([](int, auto&, auto& response) {
    response.set("Retry-After", "1");
    reply(response, Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, R"({"error": "bezet"})");
  });
  auto options = test::fastHttpOptions();
  options.maxRetries = 5;
  options.maxBackoff = 1000ms;
  options.totalTimeout = 1500ms;  // room for one wait of a second, not for two
  const auto message = fetchError(options, server.url("/api/v1/dataset"));
  CHECK_THAT(message, Catch::Contains("HTTP 503") && Catch::Contains("na 2 pogingen"));
  CHECK(server.requests() == 2);
}

TEST_CASE("HttpClient: retries 500 and 503 and gives up", "[http]") {
  for (const auto status :
       {Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE}) {
    TestServer server([status](int, auto&, auto& response) {
      reply(response, status, R"({"error": {"code": "busy", "message": "Even geduld"}})");
    });
    auto options = test::fastHttpOptions();
    options.maxRetries = 3;
    const auto message = fetchError(options, server.url("/api/v1/dataset"));
    CHECK_THAT(message, Catch::StartsWith("Bron " + server.url("/api/v1/dataset") + ": HTTP " +
                                          std::to_string(static_cast<int>(status))));
    CHECK_THAT(message, Catch::Contains("na 4 pogingen"));
    CHECK_THAT(message, Catch::Contains("Even geduld"));
    CHECK(server.requests() == 4);
  }
}

TEST_CASE("HttpClient: 503 with Retry-After, then 200", "[http]") {
  TestServer server([](int n, auto&, auto& response) {
    if (n == 1) {
      response.set("Retry-After", "1");
      reply(response, Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
    } else {
      reply(response, Poco::Net::HTTPResponse::HTTP_OK, kJson);
    }
  });
  auto options = test::fastHttpOptions();
  options.maxRetries = 3;
  options.maxBackoff = 50ms;  // caps the Retry-After wait
  const auto response = net::HttpClient(options).get(server.url("/"));
  CHECK(response.body == kJson);
  CHECK(response.requests == 2);
  CHECK(server.requests() == 2);
}

TEST_CASE("HttpClient: 429, then 200", "[http]") {
  TestServer server([](int n, auto&, auto& response) {
    if (n == 1) reply(response, Poco::Net::HTTPResponse::HTTP_TOO_MANY_REQUESTS);
    else reply(response, Poco::Net::HTTPResponse::HTTP_OK, kJson);
  });
  auto options = test::fastHttpOptions();
  options.maxRetries = 2;
  const auto response = net::HttpClient(options).get(server.url("/"));
  CHECK(response.status == 200);
  CHECK(response.body == kJson);
  CHECK(server.requests() == 2);
}

TEST_CASE("HttpClient: 401 and 403 talk about the token without showing it", "[http]") {
  const std::string token = "geheim-token-8f3a";
  for (const auto status : {Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED, Poco::Net::HTTPResponse::HTTP_FORBIDDEN}) {
    TestServer server([&](int, auto&, auto& response) {
      response.set("WWW-Authenticate", "Bearer");
      reply(response, status, R"({"error": {"code": "auth", "message": "Token )" + token + R"( onbekend"}})");
    });
    auto options = test::fastHttpOptions();
    options.maxRetries = 3;
    options.bearerToken = token;
    const auto message = fetchError(options, server.url("/api/v1/dataset"));
    const auto code = std::to_string(static_cast<int>(status));
    CHECK_THAT(message, Catch::Contains("toegang geweigerd (HTTP " + code + ")"));
    CHECK_THAT(message, Catch::Contains("token"));
    CHECK_THAT(message, !Catch::Contains(token));
    CHECK(server.requests() == 1);  // not retried
    CHECK(server.request(1).header("authorization") == "Bearer " + token);
  }
  // Without a token the message says one is needed.
  TestServer server([](int, auto&, auto& response) { reply(response, Poco::Net::HTTPResponse::HTTP_UNAUTHORIZED); });
  CHECK_THAT(fetchError(test::fastHttpOptions(), server.url("/")),
             Catch::Contains("HTTP 401") && Catch::Contains("token"));
}

TEST_CASE("HttpClient: 404 surfaces the server's message", "[http]") {
  TestServer server([](int, auto&, auto& response) {
    reply(response, Poco::Net::HTTPResponse::HTTP_NOT_FOUND,
          R"({"error": {"code": "unknown_indicator", "message": "Onbekende indicator 'x'"}})");
  });
  auto options = test::fastHttpOptions();
  options.maxRetries = 3;
  const auto message = fetchError(options, server.url("/api/v1/observations?indicators=x"));
  CHECK_THAT(message, Catch::Contains("niet gevonden (HTTP 404)"));
  CHECK_THAT(message, Catch::Contains("Onbekende indicator 'x'"));
  CHECK(server.requests() == 1);
}

TEST_CASE("HttpClient: other 4xx name the status and are not retried", "[http]") {
  TestServer server([](int, auto&, auto& response) {
    reply(response, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "geen json", "text/plain");
  });
  auto options = test::fastHttpOptions();
  options.maxRetries = 3;
  CHECK_THAT(fetchError(options, server.url("/")), Catch::EndsWith(": HTTP 400"));
  CHECK(server.requests() == 1);
}

TEST_CASE("HttpClient: redirects are followed", "[http]") {
  TestServer server([](int, Poco::Net::HTTPServerRequest& request, auto& response) {
    if (request.getURI() == "/old") {
      response.redirect("/api/v1/new", Poco::Net::HTTPResponse::HTTP_MOVED_PERMANENTLY);
    } else if (request.getURI() == "/relative/a") {
      response.redirect("b?x=1", Poco::Net::HTTPResponse::HTTP_TEMPORARY_REDIRECT);
    } else {
      reply(response, Poco::Net::HTTPResponse::HTTP_OK, request.getURI());
    }
  });
  auto options = test::fastHttpOptions();
  options.bearerToken = "tok";
  const auto response = net::HttpClient(options).get(server.url("/old"));
  CHECK(response.body == "/api/v1/new");
  CHECK(response.requests == 2);
  CHECK(server.request(2).header("authorization") == "Bearer tok");  // same origin keeps the token
  CHECK(net::HttpClient(options).get(server.url("/relative/a")).body == "/relative/b?x=1");
}

TEST_CASE("HttpClient: a redirect to another origin does not carry the token", "[http]") {
  TestServer target([](int, auto&, auto& response) { reply(response, Poco::Net::HTTPResponse::HTTP_OK, kJson); });
  TestServer server([&](int, auto&, auto& response) {
    response.redirect(target.url("/elders"), Poco::Net::HTTPResponse::HTTP_FOUND);
  });
  auto options = test::fastHttpOptions();
  options.bearerToken = "tok";
  CHECK(net::HttpClient(options).get(server.url("/")).body == kJson);
  CHECK(server.request(1).header("authorization") == "Bearer tok");
  CHECK_FALSE(target.request(1).has("authorization"));
}

TEST_CASE("HttpClient: redirect loops and chains that are too long", "[http]") {
  TestServer server([](int, Poco::Net::HTTPServerRequest& request, auto& response) {
    const std::string uri = request.getURI();
    if (uri == "/a") response.redirect("/b", Poco::Net::HTTPResponse::HTTP_FOUND);
    else if (uri == "/b") response.redirect("/a", Poco::Net::HTTPResponse::HTTP_SEE_OTHER);
    else  // /chain/N → /chain/N+1, forever
      response.redirect("/chain/" + std::to_string(std::stoi(uri.substr(7)) + 1), Poco::Net::HTTPResponse::HTTP_FOUND);
  });
  auto options = test::fastHttpOptions();
  options.maxRetries = 3;
  const auto loop = fetchError(options, server.url("/a"));
  CHECK_THAT(loop, Catch::Contains("te veel doorverwijzingen") && Catch::Contains("doorverwijzingslus"));
  CHECK(server.requests() == 2);

  options.maxRedirects = 3;
  CHECK_THAT(fetchError(options, server.url("/chain/0")), Catch::Contains("te veel doorverwijzingen (meer dan 3)"));
  CHECK(server.requests() == 2 + 4);
}

TEST_CASE("HttpClient: a redirect to another scheme is refused", "[http]") {
  TestServer server([](int, Poco::Net::HTTPServerRequest& request, auto& response) {
    response.redirect(request.getURI() == "/ftp" ? "ftp://127.0.0.1/dataset.json" : "file:///etc/passwd",
                      Poco::Net::HTTPResponse::HTTP_FOUND);
  });
  const auto ftp = fetchError(test::fastHttpOptions(), server.url("/ftp"));
  CHECK_THAT(ftp, Catch::Contains("doorverwijzing naar ftp://127.0.0.1/dataset.json geweigerd"));
  CHECK_THAT(fetchError(test::fastHttpOptions(), server.url("/file")), Catch::Contains("file:///etc/passwd geweigerd"));
  CHECK(server.requests() == 2);
}

TEST_CASE("HttpClient: a body over maxBodyBytes fails", "[http]") {
  const std::string big(4096, 'x');
  TestServer server([&](int, Poco::Net::HTTPServerRequest& request, auto& response) {
    if (request.getURI() == "/chunked") {  // no Content-Length: the limit applies while reading
      response.setChunkedTransferEncoding(true);
      auto& out = response.send();
      for (int i = 0; i < 64 && out.good(); ++i) out << big;
    } else if (request.getURI() == "/gzip") {  // small on the wire, large unpacked
      response.set("Content-Encoding", "gzip");
      reply(response, Poco::Net::HTTPResponse::HTTP_OK, test::gzipped(std::string(2 * 1024 * 1024, '0')));
    } else {
      reply(response, Poco::Net::HTTPResponse::HTTP_OK, big);
    }
  });
  auto options = test::fastHttpOptions();
  options.maxBodyBytes = 1024;
  CHECK_THAT(fetchError(options, server.url("/length")), Catch::EndsWith(": te groot antwoord (meer dan 1024 bytes)"));
  CHECK_THAT(fetchError(options, server.url("/chunked")), Catch::Contains("te groot antwoord (meer dan 1024 bytes)"));
  options.maxBodyBytes = 1024 * 1024;
  CHECK_THAT(fetchError(options, server.url("/gzip")), Catch::Contains("te groot antwoord (meer dan 1048576 bytes)"));
}

TEST_CASE("HttpClient: a truncated body fails", "[http]") {
  RawServer server([](Poco::Net::StreamSocket& socket) {
    RawServer::send(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n");
    RawServer::send(socket, "0123456789");
    socket.shutdownSend();
  });
  const auto message = fetchError(test::fastHttpOptions(), server.url("/api/v1/dataset"));
  CHECK_THAT(message, Catch::Contains("onvolledig antwoord (10 van 100 bytes ontvangen)"));
  CHECK(server.connections() == 1);

  // Chunked: the connection closes in the middle of a chunk.
  RawServer chunked([](Poco::Net::StreamSocket& socket) {
    RawServer::send(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    RawServer::send(socket, "64\r\n0123456789");
    socket.shutdownSend();
  });
  CHECK_THAT(fetchError(test::fastHttpOptions(), chunked.url("/")), Catch::Contains("onvolledig"));
}

TEST_CASE("HttpClient: a gzip body is decoded", "[http]") {
  std::string payload;
  for (int i = 0; i < 200; ++i) payload += kJson;
  const std::string packed = test::gzipped(payload);
  TestServer server([&](int, Poco::Net::HTTPServerRequest& request, auto& response) {
    if (request.get("Accept-Encoding", "").find("gzip") != std::string::npos) response.set("Content-Encoding", "gzip");
    reply(response, Poco::Net::HTTPResponse::HTTP_OK, response.has("Content-Encoding") ? packed : payload);
  });
  const auto decoded = net::HttpClient(test::fastHttpOptions()).get(server.url("/"));
  CHECK(decoded.body == payload);
  CHECK(decoded.bytesReceived == packed.size());
  CHECK(packed.size() < payload.size());

  // Chunked, plain and gzipped, in many small chunks.
  TestServer chunked([&](int, Poco::Net::HTTPServerRequest& request, auto& response) {
    const bool gzip = request.getURI() == "/gzip";
    if (gzip) response.set("Content-Encoding", "gzip");
    response.setChunkedTransferEncoding(true);
    auto& out = response.send();
    const std::string& bytes = gzip ? packed : payload;
    for (std::size_t i = 0; i < bytes.size(); i += 100) {
      out << bytes.substr(i, 100);
      out.flush();
    }
  });
  CHECK(net::HttpClient(test::fastHttpOptions()).get(chunked.url("/plain")).body == payload);
  CHECK(net::HttpClient(test::fastHttpOptions()).get(chunked.url("/gzip")).body == payload);

  // Chunk extensions and trailers are allowed.
  RawServer raw([](Poco::Net::StreamSocket& socket) {
    RawServer::send(socket,
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "5;name=value\r\nhallo\r\n7\r\n wereld\r\n0\r\nX-Checksum: 1\r\n\r\n");
  });
  CHECK(net::HttpClient(test::fastHttpOptions()).get(raw.url("/")).body == "hallo wereld");

  // Undecodable gzip is an error.
  TestServer broken([](int, auto&, auto& response) {
    response.set("Content-Encoding", "gzip");
    reply(response, Poco::Net::HTTPResponse::HTTP_OK, "dit is geen gzip, maar wel lang genoeg om te proberen");
  });
  CHECK_THAT(fetchError(test::fastHttpOptions(), broken.url("/")),
             Catch::Contains("ongeldige gecomprimeerde gegevens"));
}

TEST_CASE("HttpClient: the disk cache revalidates with ETag and answers a 304", "[http]") {
  TempDir cache;
  TestServer server([](int, Poco::Net::HTTPServerRequest& request, auto& response) {
    if (request.get("If-None-Match", "") == "\"v1\"") {
      response.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
      response.setContentLength(0);
      response.send();
      return;
    }
    response.set("ETag", "\"v1\"");
    response.set("Last-Modified", "Mon, 23 Nov 2026 10:00:00 GMT");
    reply(response, Poco::Net::HTTPResponse::HTTP_OK, kJson);
  });
  auto options = test::fastHttpOptions();
  options.cacheDir = cache.path;
  options.bearerToken = "cache-token-77";
  net::HttpClient client(options);
  const auto first = client.get(server.url("/api/v1/dataset"));
  CHECK(first.status == 200);
  CHECK_FALSE(first.fromCache);
  CHECK(first.etag == "\"v1\"");
  CHECK_FALSE(server.request(1).has("if-none-match"));

  const auto second = client.get(server.url("/api/v1/dataset"));
  CHECK(second.status == 200);
  CHECK(second.fromCache);
  CHECK_FALSE(second.stale);
  CHECK(second.body == first.body);
  CHECK(second.contentType == first.contentType);
  CHECK(second.bytesReceived == 0);
  REQUIRE(server.requests() == 2);
  CHECK(server.request(2).header("if-none-match") == "\"v1\"");
  CHECK(server.request(2).header("if-modified-since") == "Mon, 23 Nov 2026 10:00:00 GMT");

  // The cache holds the body and metadata, never the token.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(cache.path)) {
    ++files;
    CHECK_THAT(readAll(entry.path()), !Catch::Contains("cache-token-77"));
    CHECK_THAT(entry.path().filename().string(), !Catch::Contains(".tmp"));
  }
  CHECK(files == 2);
}

TEST_CASE("HttpClient: Cache-Control: no-store is not cached", "[http]") {
  TempDir cache;
  TestServer server([](int n, auto&, auto& response) {
    response.set("ETag", "\"v1\"");
    if (n > 1) response.set("Cache-Control", "no-store");
    reply(response, Poco::Net::HTTPResponse::HTTP_OK, kJson);
  });
  auto options = test::fastHttpOptions();
  options.cacheDir = cache.path;
  (void)net::HttpClient(options).get(server.url("/"));
  CHECK(std::distance(fs::directory_iterator(cache.path), fs::directory_iterator()) == 2);
  (void)net::HttpClient(options).get(server.url("/"));  // no-store: the old copy goes too
  CHECK(fs::is_empty(cache.path));
  (void)net::HttpClient(options).get(server.url("/"));
  CHECK_FALSE(server.request(3).has("if-none-match"));
  CHECK(fs::is_empty(cache.path));
}

TEST_CASE("HttpClient: a stale cached copy when the server is gone", "[http]") {
  TempDir cache;
  auto server = std::make_unique<TestServer>([](int n, auto&, auto& response) {
    if (n == 1) reply(response, Poco::Net::HTTPResponse::HTTP_OK, kJson);
    else reply(response, Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE);
  });
  const std::string url = server->url("/api/v1/dataset");
  auto options = test::fastHttpOptions();
  options.cacheDir = cache.path;
  options.maxRetries = 1;
  const auto fresh = net::HttpClient(options).get(url);
  REQUIRE_FALSE(fresh.fromCache);

  // A 503 (after retries) without the stale fallback is an error; with it, the cached copy.
  CHECK_THAT(fetchError(options, url), Catch::Contains("HTTP 503 (na 2 pogingen)"));
  options.allowStaleCache = true;
  const auto busy = net::HttpClient(options).get(url);
  CHECK(busy.stale);
  CHECK(busy.fromCache);
  CHECK(busy.body == kJson);

  server->stop();
  const auto stale = net::HttpClient(options).get(url);
  CHECK(stale.status == 200);
  CHECK(stale.fromCache);
  CHECK(stale.stale);
  CHECK(stale.body == kJson);
  CHECK(stale.fetchedAt == fresh.fetchedAt);
  CHECK(stale.requests == 2);

  options.allowStaleCache = false;
  CHECK_THAT(fetchError(options, url), Catch::Contains("verbinding geweigerd"));

  // A 404 is an answer, not an outage: no stale copy for that.
  TestServer gone([](int, auto&, auto& response) { reply(response, Poco::Net::HTTPResponse::HTTP_NOT_FOUND); });
  options.allowStaleCache = true;
  CHECK_THAT(fetchError(options, gone.url("/nog-nooit-opgehaald")), Catch::Contains("niet gevonden"));
}

namespace {

/// A self-signed certificate for 127.0.0.1 made with the openssl command; empty when openssl is
/// not available.
std::optional<std::pair<fs::path, fs::path>> selfSignedCertificate(const fs::path& dir) {
  const auto key = dir / "key.pem";
  const auto cert = dir / "cert.pem";
  const std::string command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout '" +
                              key.string() + "' -out '" + cert.string() +
                              "' -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1";
  if (std::system(command.c_str()) != 0 || !fs::exists(cert)) return std::nullopt;
  return std::make_pair(key, cert);
}

}  // namespace

TEST_CASE("HttpClient: https verifies certificates unless told not to", "[http]") {
  TempDir dir;
  const auto files = selfSignedCertificate(dir.path);
  if (!files) {
    WARN("openssl not available: https test skipped");
    return;
  }
  Poco::Net::initializeSSL();
  Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, files->first.string(),
                                                           files->second.string(), "", Poco::Net::Context::VERIFY_NONE);
  Poco::Net::SecureServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0), 64, context);
  TestServer server([](int, auto&, auto& response) { reply(response, Poco::Net::HTTPResponse::HTTP_OK, kJson); },
                    socket, "https");
  auto options = test::fastHttpOptions();
  options.maxRetries = 2;
  const auto message = fetchError(options, server.url("/api/v1/dataset"));
  CHECK_THAT(message, Catch::Contains("certificaat niet vertrouwd"));
  CHECK(server.requests() == 0);

  options.verifyTls = false;
  const auto response = net::HttpClient(options).get(server.url("/api/v1/dataset"));
  CHECK(response.body == kJson);
  CHECK(server.requests() == 1);
}

TEST_CASE("HttpClient: a cancel ends a stalled answer and a retry wait, never as a cache answer", "[http][cancel]") {
  RawServer stalled([](Poco::Net::StreamSocket& socket) {
    RawServer::send(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
    RawServer::waitForClose(socket);  // stalls until the client gives up
  });
  RawServer busy([](Poco::Net::StreamSocket& socket) {
    RawServer::send(socket, "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 30\r\nContent-Length: 0\r\n\r\n");
  });
  for (const std::string& url : {stalled.url("/api/v1/dataset"), busy.url("/api/v1/dataset")}) {
    INFO(url);
    auto options = test::fastHttpOptions();
    options.readTimeout = 30s;  // only the cancel can end the stalled receive in time
    options.maxBackoff = 30s;   // and the 30 s Retry-After wait
    options.totalTimeout = 120s;
    options.maxRetries = 3;
    options.allowStaleCache = true;
    const auto token = std::make_shared<CancelToken>();
    options.cancel = token;
    std::thread canceller([token] {
      std::this_thread::sleep_for(300ms);
      token->cancel();
    });
    const auto started = std::chrono::steady_clock::now();
    try {
      (void)net::HttpClient(options).get(url);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::Cancelled);
      CHECK_THAT(e.what(), Catch::Contains("Geannuleerd"));
    }
    canceller.join();
    // Not a timing assertion: 30 s means the cancel was not seen at all (the waits are 30 s).
    CHECK(std::chrono::steady_clock::now() - started < 20s);
  }
  const auto token = std::make_shared<CancelToken>();
  token->cancel();
  auto options = test::fastHttpOptions();
  options.cancel = token;
  CHECK_THROWS_WITH(net::HttpClient(options).get(stalled.url("/x")), Catch::Contains("Geannuleerd"));
}
