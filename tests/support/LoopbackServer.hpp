#pragma once
// A real Poco HTTP server for tests: listens on a socket the caller bound on 127.0.0.1 (plain or
// TLS), answers every request with one callback, and stops cleanly. Shared by the test servers
// of the HTTP client and the CBS adapter.
#include <Poco/DeflatingStream.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <csignal>
#include <functional>
#include <memory>
#include <sstream>
#include <string>

namespace raadsbrief::test {

/// A server writing into a connection the client already closed must not kill the test run.
inline void ignoreSigpipe() {
  static const bool once = [] {
    std::signal(SIGPIPE, SIG_IGN);
    return true;
  }();
  (void)once;
}

/// `data` compressed as an HTTP body with Content-Encoding: gzip.
inline std::string gzipped(const std::string& data) {
  std::ostringstream out;
  Poco::DeflatingOutputStream deflate(out, Poco::DeflatingStreamBuf::STREAM_GZIP);
  deflate << data;
  deflate.close();
  return out.str();
}

class LoopbackServer {
 public:
  using Callback = std::function<void(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&)>;

  LoopbackServer(const Poco::Net::ServerSocket& socket, Callback callback, int maxThreads = 4)
      : callback_(std::move(callback)), pool_(1, maxThreads + 4) {
    ignoreSigpipe();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(maxThreads);
    params->setKeepAlive(false);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(callback_), pool_, socket, params);
    server_->start();
  }
  ~LoopbackServer() { stop(); }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  /// Stops accepting and closes the listening socket: afterwards connections are refused.
  void stop() {
    if (server_) {
      server_->stopAll(true);
      server_.reset();
    }
    pool_.joinAll();
  }

 private:
  class Handle : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Handle(const Callback& callback) : callback_(callback) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
      callback_(request, response);
    }

   private:
    const Callback& callback_;
  };
  class Factory : public Poco::Net::HTTPRequestHandlerFactory {
   public:
    explicit Factory(const Callback& callback) : callback_(callback) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
      return new Handle(callback_);
    }

   private:
    const Callback& callback_;
  };

  Callback callback_;
  Poco::ThreadPool pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
};

}  // namespace raadsbrief::test
