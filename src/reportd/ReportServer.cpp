#include "ReportServer.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/String.h>
#include <Poco/ThreadPool.h>
#include <Poco/Timespan.h>

#include <string>

#include "Error.hpp"

namespace raadsbrief::reportd {
namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

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
  explicit ApiHandlerFactory(std::shared_ptr<const ReportingApi> api) : api_(std::move(api)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new ApiHandler(api_);
  }

 private:
  std::shared_ptr<const ReportingApi> api_;
};

}  // namespace

struct ReportServer::Impl {
  std::shared_ptr<const ReportingApi> api;
  ServerOptions options;
  Poco::ThreadPool pool;  // declared before server: outlives it
  Poco::Net::ServerSocket socket;
  std::unique_ptr<Poco::Net::HTTPServer> server;
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
    throw Error(ErrorKind::Usage, "kan niet luisteren op " + o.bindAddress + " poort " + std::to_string(o.port) +
                                      ": " + e.displayText());
  }
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(o.maxThreads);
  params->setMaxQueued(o.maxQueued);
  params->setTimeout(Poco::Timespan(o.timeoutSeconds, 0));
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(o.keepAliveSeconds, 0));
  params->setMaxKeepAliveRequests(1000);
  params->setSoftwareVersion("raadsbrief-reportd");
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(new ApiHandlerFactory(impl_->api), impl_->pool,
                                                          impl_->socket, params);
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
    impl_->server->stopAll(false);  // finishes the requests in progress, then shuts the connections
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
