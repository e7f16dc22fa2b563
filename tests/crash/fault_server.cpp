// A misbehaving reporting endpoint for the crash-safety suite: a real Poco HTTP server on
// 127.0.0.1 (ephemeral port) that answers GET /<fault>/api/v1/dataset with the fault named in the
// path. Prints "fault_server: http://127.0.0.1:PORT" on its first line, serves until SIGTERM or
// until its stdin is closed (so it never outlives the test that started it).
//
// Usage: fault_server DATASET BIG_DATASET
//   ok            the dataset (DATASET)                     big          BIG_DATASET (about 10× larger)
//   slow          the dataset after 3 s                     500          always HTTP 500 with a JSON error
//   503-once      503 with Retry-After: 0, then the dataset  malformed    200, the first 40% of the JSON
//   truncated     Content-Length of the whole, half sent, connection closed
//   stall         headers and half the body, then nothing (until the client gives up, 120 s at most)
//   wrong-type    200 text/html, a maintenance page          not-dataset  200 JSON that is not a dataset
//   huge          declares 100 MB                            gzip-bomb    70 MB of zeros, gzip (about 70 KB)
//   redirect-file 302 to file:///etc/passwd                  redirect-loop 302 to itself
//   echo-auth     401 whose message quotes the Authorization header it received
#include <Poco/DeflatingStream.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include "LoopbackServer.hpp"

namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

std::string readFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string("cannot read ") + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void reply(HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const std::string& body,
           const std::string& type = "application/json; charset=utf-8") {
  response.setStatus(status);
  response.setContentType(type);
  response.sendBuffer(body.data(), body.size());
}

/// Writes `bytes` of the body, then blocks until the client goes away or `seconds` pass.
void partial(HTTPServerRequest& request, HTTPServerResponse& response, const std::string& body, std::size_t bytes,
             int seconds) {
  response.setStatus(HTTPResponse::HTTP_OK);
  response.setContentType("application/json; charset=utf-8");
  response.setContentLength64(static_cast<Poco::Int64>(body.size()));
  std::ostream& out = response.send();
  out.write(body.data(), static_cast<std::streamsize>(bytes));
  out.flush();
  auto& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket();
  char c = 0;
  for (int i = 0; i < seconds * 10; ++i) {
    if (socket.poll(Poco::Timespan(0, 100000), Poco::Net::Socket::SELECT_READ)) {
      try {
        if (socket.receiveBytes(&c, 1) <= 0) break;
      } catch (...) {
        break;
      }
    }
  }
  socket.shutdown();  // ends the response early: the client sees a short body
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: fault_server DATASET BIG_DATASET\n";
    return 2;
  }
  const std::string dataset = readFile(argv[1]);
  const std::string big = readFile(argv[2]);
  const std::string bomb = raadsbrief::test::gzipped(std::string(70u * 1024 * 1024, '0'));
  std::mutex mutex;
  std::set<std::string> seen;  // faults that answer differently the first time

  // SIGTERM/SIGINT: taken with sigwait (blocked in every thread before any starts).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  const auto port = socket.address().port();
  raadsbrief::test::LoopbackServer server(
      socket,
      [&](HTTPServerRequest& request, HTTPServerResponse& response) {
        const std::string uri = request.getURI();
        const auto slash = uri.find('/', 1);
        const std::string fault = uri.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
        bool first = false;
        {
          std::lock_guard lock(mutex);
          first = seen.insert(fault).second;
        }
        if (fault == "ok") {
          reply(response, HTTPResponse::HTTP_OK, dataset);
        } else if (fault == "big") {
          reply(response, HTTPResponse::HTTP_OK, big);
        } else if (fault == "slow") {
          std::this_thread::sleep_for(std::chrono::seconds(3));
          reply(response, HTTPResponse::HTTP_OK, dataset);
        } else if (fault == "500") {
          reply(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
                R"({"error": {"code": "internal_error", "message": "Databank niet beschikbaar"}})");
        } else if (fault == "503-once") {
          if (first) {
            response.set("Retry-After", "0");
            reply(response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, R"({"error": "even bezet"})");
          } else {
            reply(response, HTTPResponse::HTTP_OK, dataset);
          }
        } else if (fault == "malformed") {
          reply(response, HTTPResponse::HTTP_OK, dataset.substr(0, dataset.size() * 2 / 5));
        } else if (fault == "truncated") {
          partial(request, response, dataset, dataset.size() / 2, 0);
        } else if (fault == "stall") {
          partial(request, response, dataset, dataset.size() / 2, 120);
        } else if (fault == "wrong-type") {
          reply(response, HTTPResponse::HTTP_OK, "<html><body><h1>Onderhoud</h1></body></html>",
                "text/html; charset=utf-8");
        } else if (fault == "not-dataset") {
          reply(response, HTTPResponse::HTTP_OK, R"({"api": "iets anders", "items": [1, 2, 3]})");
        } else if (fault == "huge") {
          response.setStatus(HTTPResponse::HTTP_OK);
          response.setContentType("application/json");
          response.setContentLength64(100LL * 1024 * 1024);
          std::ostream& out = response.send();
          out << "{\"format\": \"raadsbrief-dataset\", ";
          out.flush();
        } else if (fault == "gzip-bomb") {
          response.set("Content-Encoding", "gzip");
          reply(response, HTTPResponse::HTTP_OK, bomb);
        } else if (fault == "redirect-file") {
          response.redirect("file:///etc/passwd", HTTPResponse::HTTP_FOUND);
        } else if (fault == "redirect-loop") {
          response.redirect(uri, HTTPResponse::HTTP_FOUND);
        } else if (fault == "echo-auth") {
          const std::string auth = request.get("Authorization", "(geen)");
          reply(response, HTTPResponse::HTTP_UNAUTHORIZED,
                R"({"error": {"code": "unauthorized", "message": "Onbekend: )" + auth + R"("}})");
        } else {
          reply(response, HTTPResponse::HTTP_NOT_FOUND, R"({"error": {"code": "not_found", "message": "?"}})");
        }
      },
      8);
  std::cout << "fault_server: http://127.0.0.1:" << port << std::endl;

  // Stop on a signal or when the parent closes our stdin.
  std::thread watchStdin([] {
    std::string line;
    while (std::getline(std::cin, line)) {
    }
    ::kill(::getpid(), SIGTERM);
  });
  watchStdin.detach();
  int received = 0;
  sigwait(&signals, &received);
  server.stop();
  return 0;
}
