// raadsbrief-reportd: the reporting API v1 (docs/reporting-api.md). Most cases run the real
// HTTP server in-process on an ephemeral loopback port and talk to it over loopback with
// Poco's HTTP client; a few call the API function directly.
#include <catch2/catch.hpp>

#include <Poco/InflatingStream.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <set>
#include <sstream>
#include <thread>

#include "ReportServer.hpp"
#include "ReportingApi.hpp"
#include "data/DatasetReader.hpp"
#include "net/HttpClient.hpp"

using namespace raadsbrief;
using namespace raadsbrief::reportd;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

const model::Dataset& demo() {
  static const model::Dataset ds = data::readDatasetFile(RAADSBRIEF_DEMO_DATASET);
  return ds;
}

/// The real server on 127.0.0.1, an ephemeral port, for the lifetime of the object.
class LocalServer {
 public:
  explicit LocalServer(const std::string& token = {}, int maxThreads = 8) {
    std::signal(SIGPIPE, SIG_IGN);  // a client going away must not end the test run
    ApiOptions options;
    options.bearerToken = token;
    api_ = loadReportingApi(RAADSBRIEF_DEMO_DATASET, options);
    ServerOptions serverOptions;
    serverOptions.bindAddress = "127.0.0.1";
    serverOptions.port = 0;
    serverOptions.maxThreads = maxThreads;
    server_ = std::make_unique<ReportServer>(api_, serverOptions);
    server_->start();
  }
  [[nodiscard]] std::uint16_t port() const { return server_->port(); }
  [[nodiscard]] const ReportServer& server() const { return *server_; }

 private:
  std::shared_ptr<const ReportingApi> api_;
  std::unique_ptr<ReportServer> server_;
};

struct Reply {
  int status = 0;
  Headers headers;
  std::string body;
  [[nodiscard]] std::string header(const std::string& name) const { return findHeader(headers, name).value_or(""); }
};

Reply exchange(Poco::Net::HTTPClientSession& session, const std::string& method, const std::string& target,
               const Headers& headers = {}, const std::string& body = {}) {
  Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty()) request.setContentLength64(static_cast<Poco::Int64>(body.size()));
  std::ostream& out = session.sendRequest(request);
  out << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Reply r;
  r.status = static_cast<int>(response.getStatus());
  for (const auto& [name, value] : response) r.headers.emplace_back(name, value);
  Poco::StreamCopier::copyToString(in, r.body);
  return r;
}

/// One request on a fresh connection to 127.0.0.1:port.
Reply call(std::uint16_t port, const std::string& method, const std::string& target, const Headers& headers = {},
           const std::string& body = {}) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(10, 0));
  return exchange(session, method, target, headers, body);
}

Reply get(std::uint16_t port, const std::string& target, const Headers& headers = {}) {
  return call(port, "GET", target, headers);
}

Object::Ptr json(const std::string& body) {
  Poco::JSON::Parser parser;
  return parser.parse(body).extract<Object::Ptr>();
}

std::string errorCode(const Reply& r) { return json(r.body)->getObject("error")->getValue<std::string>("code"); }

std::string gunzip(const std::string& compressed) {
  std::istringstream in(compressed);
  Poco::InflatingInputStream inflater(in, Poco::InflatingStreamBuf::STREAM_GZIP);
  std::string out;
  Poco::StreamCopier::copyToString(inflater, out);
  return out;
}

void checkSameObservation(const model::Dataset& served, const std::string& region, const std::string& indicator,
                          const std::string& period) {
  INFO(region << " " << indicator << " " << period);
  const model::Observation expected = demo().observation(region, indicator, period);
  const model::Observation got = served.observation(region, indicator, period);
  REQUIRE(got.state == expected.state);
  if (expected.hasValue()) CHECK(got.value == expected.value);  // exact: no precision lost in JSON
}

}  // namespace

TEST_CASE("reportd: / describes the API and every answer has validators", "[reportd]") {
  LocalServer server;
  CHECK(server.server().baseUrl() == "http://127.0.0.1:" + std::to_string(server.port()) + "/api/v1");
  for (const std::string target : {"/api/v1/", "/api/v1"}) {
    const Reply r = get(server.port(), target);
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type") == "application/json; charset=utf-8");
    CHECK_THAT(r.header("ETag"), Catch::Matches(R"("[0-9a-f]{40}")"));
    CHECK_THAT(r.header("Last-Modified"), Catch::EndsWith(" GMT"));
    const Object::Ptr root = json(r.body);
    CHECK(root->getValue<std::string>("api") == "raadsbrief-reporting");
    CHECK(root->getValue<int>("version") == 1);
    CHECK(root->getObject("source")->getValue<std::string>("name") == demo().source.name);
    CHECK(root->getObject("source")->getValue<bool>("demo"));
    const Array::Ptr endpoints = root->getArray("endpoints");
    REQUIRE(endpoints->size() == 5);
    CHECK(endpoints->getElement<std::string>(0) == "dataset");
    CHECK(endpoints->getElement<std::string>(4) == "observations");
  }
}

TEST_CASE("reportd: /dataset parses back into the same figures", "[reportd]") {
  LocalServer server;
  const Reply r = get(server.port(), "/api/v1/dataset");
  REQUIRE(r.status == 200);
  const model::Dataset served = data::readDataset(r.body);
  CHECK(served.source.name == demo().source.name);
  CHECK(served.source.note == demo().source.note);
  CHECK(served.source.retrieved == demo().source.retrieved);
  CHECK(served.source.demo);
  REQUIRE(served.periods().size() == demo().periods().size());
  for (std::size_t i = 0; i < served.periods().size(); ++i) {
    CHECK(served.periods()[i].id == demo().periods()[i].id);
    CHECK(served.periods()[i].provisional == demo().periods()[i].provisional);
  }
  REQUIRE(served.indicators().size() == demo().indicators().size());
  for (std::size_t i = 0; i < served.indicators().size(); ++i) {
    const auto& a = served.indicators()[i];
    const auto& b = demo().indicators()[i];
    CHECK(a.id == b.id);
    CHECK(a.label == b.label);
    CHECK(a.unit == b.unit);
    CHECK(a.decimals == b.decimals);
    CHECK(a.direction == b.direction);
    CHECK(a.definition == b.definition);
    CHECK(a.source == b.source);
  }
  REQUIRE(served.regions().size() == demo().regions().size());
  for (std::size_t i = 0; i < served.regions().size(); ++i) {
    CHECK(served.regions()[i].code == demo().regions()[i].code);
    CHECK(served.regions()[i].name == demo().regions()[i].name);
    CHECK(served.regions()[i].kind == demo().regions()[i].kind);
    CHECK(served.regions()[i].youthCareRegion == demo().regions()[i].youthCareRegion);
  }
  // The named cases first, then every cell.
  checkSameObservation(served, "GM0546", "jeugdhulp", "2023");
  checkSameObservation(served, "NL01", "kosten_per_traject", "2019");
  CHECK(served.observation("GM0638", "jeugdreclassering", "2023").state == model::Observation::State::Suppressed);
  CHECK(served.observation("GM0431", "clienttevredenheid", "2019").state == model::Observation::State::Missing);
  CHECK(served.observation("GM0431", "clienttevredenheid", "2020").hasValue());
  int cells = 0;
  for (const auto& region : demo().regions())
    for (const auto& indicator : demo().indicators())
      for (const auto& period : demo().periods()) {
        checkSameObservation(served, region.code, indicator.id, period.id);
        ++cells;
      }
  CHECK(cells == 348 * 6 * 5);
  CHECK_FALSE(served.hasFigures("GM0014"));  // listed without figures, as in the file
}

TEST_CASE("reportd: /dataset?regions= narrows the observations, not the lists", "[reportd]") {
  LocalServer server;
  const Reply r = get(server.port(), "/api/v1/dataset?regions=GM0546,JR0001,NL01");
  REQUIRE(r.status == 200);
  const Object::Ptr root = json(r.body);
  std::set<std::string> keys;
  for (const auto& [key, value] : *root->getObject("observations")) keys.insert(key);
  CHECK(keys == std::set<std::string>{"GM0546", "JR0001", "NL01"});
  CHECK(root->getArray("regions")->size() == demo().regions().size());

  const model::Dataset served = data::readDataset(r.body);
  checkSameObservation(served, "GM0546", "jeugdhulp", "2023");
  checkSameObservation(served, "JR0001", "residentieel", "2021");
  checkSameObservation(served, "NL01", "clienttevredenheid", "2019");
  CHECK_FALSE(served.hasFigures("GM0638"));
  CHECK(served.findRegion("GM0638") != nullptr);

  const Reply narrow = get(server.port(), "/api/v1/dataset?regions=GM0638&indicators=jeugdreclassering&periods=2023");
  REQUIRE(narrow.status == 200);
  const Object::Ptr obs = json(narrow.body)->getObject("observations");
  REQUIRE(obs->size() == 1);
  const Object::Ptr cell = obs->getObject("GM0638")->getObject("jeugdreclassering");
  REQUIRE(cell->size() == 1);
  CHECK(cell->isNull("2023"));  // suppressed: null, not absent and not 0
}

TEST_CASE("reportd: /observations states value, suppressed and missing", "[reportd]") {
  LocalServer server;
  const Reply r = get(server.port(),
                      "/api/v1/observations?indicators=jeugdreclassering,clienttevredenheid&regions=GM0638,GM0431"
                      "&periods=2019");
  REQUIRE(r.status == 200);
  const Array::Ptr list = json(r.body)->getArray("observations");
  REQUIRE(list->size() == 4);  // 2 indicators × 2 regions × 1 period, in that order
  const auto entry = [&](unsigned i) { return list->getObject(i); };
  CHECK(entry(0)->getValue<std::string>("indicator") == "jeugdreclassering");
  CHECK(entry(0)->getValue<std::string>("region") == "GM0638");
  CHECK(entry(0)->getValue<std::string>("state") == "suppressed");
  CHECK(entry(0)->isNull("value"));
  CHECK(entry(1)->getValue<std::string>("region") == "GM0431");
  CHECK(entry(1)->getValue<std::string>("state") == "value");
  CHECK(entry(1)->getValue<double>("value") == demo().observation("GM0431", "jeugdreclassering", "2019").value);
  CHECK(entry(3)->getValue<std::string>("indicator") == "clienttevredenheid");
  CHECK(entry(3)->getValue<std::string>("region") == "GM0431");
  CHECK(entry(3)->getValue<std::string>("state") == "missing");
  CHECK(entry(3)->isNull("value"));
  for (unsigned i = 0; i < list->size(); ++i) {
    CHECK(entry(i)->getValue<std::string>("period") == "2019");
    CHECK(entry(i)->getValue<std::string>("status") == "definitief");
    CHECK(entry(i)->getValue<std::string>("source") == demo().source.name);
  }

  // Without periods: every period, oldest first; the newest is provisional.
  const Reply all = get(server.port(), "/api/v1/observations?indicators=jeugdhulp&regions=GM0546");
  REQUIRE(all.status == 200);
  const Array::Ptr years = json(all.body)->getArray("observations");
  REQUIRE(years->size() == demo().periods().size());
  CHECK(years->getObject(0)->getValue<std::string>("period") == "2019");
  CHECK(years->getObject(4)->getValue<std::string>("status") == "voorlopig");
  CHECK(years->getObject(4)->getValue<double>("value") == demo().observation("GM0546", "jeugdhulp", "2023").value);
}

TEST_CASE("reportd: /indicators, /periods and /regions", "[reportd]") {
  LocalServer server;
  const Array::Ptr indicators = json(get(server.port(), "/api/v1/indicators").body)->getArray("indicators");
  REQUIRE(indicators->size() == demo().indicators().size());
  CHECK(indicators->getObject(0)->getValue<std::string>("unit") == "percent");
  CHECK(indicators->getObject(0)->getValue<std::string>("direction") == "neutral");

  const Array::Ptr periods = json(get(server.port(), "/api/v1/periods").body)->getArray("periods");
  REQUIRE(periods->size() == 5);
  CHECK(periods->getObject(4)->getValue<std::string>("status") == "voorlopig");

  const Array::Ptr regions = json(get(server.port(), "/api/v1/regions?kind=jeugdregio").body)->getArray("regions");
  REQUIRE(regions->size() == 5);
  CHECK(regions->getObject(0)->getValue<std::string>("kind") == "jeugdregio");
  const Array::Ptr land = json(get(server.port(), "/api/v1/regions?kind=land").body)->getArray("regions");
  REQUIRE(land->size() == 1);
  CHECK(land->getObject(0)->getValue<std::string>("code") == "NL01");
  const Array::Ptr municipalities = json(get(server.port(), "/api/v1/regions?kind=gemeente").body)->getArray("regions");
  CHECK(municipalities->size() == 342);
  CHECK(municipalities->getObject(0)->has("code"));
}

TEST_CASE("reportd: errors are JSON with the documented status and code", "[reportd][errors]") {
  LocalServer server;
  const auto port = server.port();

  Reply r = get(port, "/api/v1/observations?indicators=bestaatniet&regions=GM0546");
  CHECK(r.status == 404);
  CHECK(r.header("Content-Type") == "application/json; charset=utf-8");
  CHECK(errorCode(r) == "unknown_indicator");
  CHECK(json(r.body)->getObject("error")->getValue<std::string>("message") == "Onbekende indicator 'bestaatniet'");

  CHECK(errorCode(get(port, "/api/v1/dataset?regions=GM0546,GM9999")) == "unknown_region");
  CHECK(get(port, "/api/v1/dataset?regions=GM0546,GM9999").status == 404);
  CHECK(errorCode(get(port, "/api/v1/dataset?periods=1999")) == "unknown_period");
  CHECK(errorCode(get(port, "/api/v1/dataset?indicators=x")) == "unknown_indicator");

  r = get(port, "/api/v1/dataset?gemeente=GM0546");
  CHECK(r.status == 400);
  CHECK(errorCode(r) == "unknown_parameter");
  CHECK(get(port, "/api/v1/indicators?regions=GM0546").status == 400);
  r = get(port, "/api/v1/observations?indicators=jeugdhulp");
  CHECK(r.status == 400);
  CHECK(errorCode(r) == "missing_parameter");
  CHECK(errorCode(get(port, "/api/v1/regions?kind=provincie")) == "bad_parameter");
  CHECK(errorCode(get(port, "/api/v1/dataset?regions=GM0546,,NL01")) == "bad_parameter");
  CHECK(errorCode(get(port, "/api/v1/dataset?regions=GM0546&regions=NL01")) == "bad_parameter");

  for (const std::string target :
       {"/api/v1/onbekend", "/api/v1/dataset/", "/api/v2/dataset", "/", "/api/v1/indicators/dataset"}) {
    INFO(target);
    r = get(port, target);
    CHECK(r.status == 404);
    CHECK(errorCode(r) == "not_found");
  }

  r = call(port, "POST", "/api/v1/dataset", {{"Content-Type", "application/json"}}, "{}");
  CHECK(r.status == 405);
  CHECK(r.header("Allow") == "GET, HEAD");
  CHECK(errorCode(r) == "method_not_allowed");
  CHECK(call(port, "DELETE", "/api/v1/dataset").status == 405);

  r = call(port, "GET", "/api/v1/dataset", {}, "a body");
  CHECK(r.status == 413);
  CHECK(errorCode(r) == "payload_too_large");

  r = get(port, "/api/v1/dataset?regions=" + std::string(9000, 'G'));
  CHECK(r.status == 414);
  CHECK(errorCode(r) == "uri_too_long");
  r = get(port, "/api/v1/",
          {{"X-A", std::string(6000, 'a')}, {"X-B", std::string(6000, 'b')}, {"X-C", std::string(6000, 'c')}});
  CHECK(r.status == 431);
  CHECK(errorCode(r) == "headers_too_large");

  // The server is still fine after all that.
  CHECK(get(port, "/api/v1/").status == 200);
}

TEST_CASE("reportd: ETag and Last-Modified give 304 Not Modified", "[reportd]") {
  LocalServer server;
  const auto port = server.port();
  const Reply first = get(port, "/api/v1/dataset?regions=GM0546");
  REQUIRE(first.status == 200);
  const std::string etag = first.header("ETag");
  REQUIRE_FALSE(etag.empty());
  CHECK(get(port, "/api/v1/dataset?regions=GM0546").header("ETag") == etag);  // stable
  CHECK(get(port, "/api/v1/dataset?regions=NL01").header("ETag") != etag);    // per representation

  Reply again = get(port, "/api/v1/dataset?regions=GM0546", {{"If-None-Match", etag}});
  CHECK(again.status == 304);
  CHECK(again.body.empty());
  CHECK(again.header("ETag") == etag);
  CHECK(again.header("Last-Modified") == first.header("Last-Modified"));
  CHECK(get(port, "/api/v1/dataset?regions=GM0546", {{"If-None-Match", "\"ander\", W/" + etag}}).status == 304);
  CHECK(get(port, "/api/v1/dataset?regions=GM0546", {{"If-None-Match", "\"ander\""}}).status == 200);

  CHECK(get(port, "/api/v1/dataset", {{"If-Modified-Since", first.header("Last-Modified")}}).status == 304);
  CHECK(get(port, "/api/v1/dataset", {{"If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT"}}).status == 200);
  // If-None-Match wins over If-Modified-Since.
  CHECK(get(port, "/api/v1/dataset",
            {{"If-None-Match", "\"ander\""}, {"If-Modified-Since", first.header("Last-Modified")}})
            .status == 200);
}

TEST_CASE("reportd: Accept-Encoding gzip gives a gzip body that inflates to the same JSON", "[reportd]") {
  LocalServer server;
  const Reply plain = get(server.port(), "/api/v1/dataset");
  const Reply zipped = get(server.port(), "/api/v1/dataset", {{"Accept-Encoding", "gzip, deflate"}});
  REQUIRE(zipped.status == 200);
  CHECK(plain.header("Content-Encoding").empty());
  CHECK(zipped.header("Content-Encoding") == "gzip");
  CHECK(zipped.header("Vary") == "Accept-Encoding");
  CHECK(zipped.body.size() < plain.body.size() / 3);
  CHECK(gunzip(zipped.body) == plain.body);
  // Another representation, another strong tag; either one revalidates.
  CHECK(zipped.header("ETag") != plain.header("ETag"));
  CHECK(get(server.port(), "/api/v1/dataset", {{"Accept-Encoding", "gzip"}, {"If-None-Match", zipped.header("ETag")}})
            .status == 304);
  // A filtered answer is compressed on the fly.
  const Reply part = get(server.port(), "/api/v1/dataset?regions=GM0546", {{"Accept-Encoding", "gzip"}});
  CHECK(gunzip(part.body) == get(server.port(), "/api/v1/dataset?regions=GM0546").body);
  CHECK(get(server.port(), "/api/v1/", {{"Accept-Encoding", "gzip;q=0"}}).header("Content-Encoding").empty());
}

TEST_CASE("reportd: HEAD is GET without the body", "[reportd]") {
  LocalServer server;
  const Reply full = get(server.port(), "/api/v1/dataset");
  const Reply head = call(server.port(), "HEAD", "/api/v1/dataset");
  CHECK(head.status == 200);
  CHECK(head.body.empty());
  CHECK(head.header("Content-Length") == std::to_string(full.body.size()));
  CHECK(head.header("ETag") == full.header("ETag"));
  CHECK(call(server.port(), "HEAD", "/api/v1/onbekend").status == 404);
}

TEST_CASE("reportd: a Bearer token is required when configured", "[reportd][auth]") {
  LocalServer server("geheim-token-42");
  const auto port = server.port();
  Reply r = get(port, "/api/v1/dataset");
  CHECK(r.status == 401);
  CHECK_THAT(r.header("WWW-Authenticate"), Catch::StartsWith("Bearer"));
  CHECK(errorCode(r) == "unauthorized");
  CHECK(get(port, "/api/v1/dataset", {{"Authorization", "Basic Z2VoZWltOnRva2Vu"}}).status == 401);
  CHECK(get(port, "/api/v1/dataset", {{"Authorization", "Bearer"}}).status == 401);
  r = get(port, "/api/v1/dataset", {{"Authorization", "Bearer fout-token"}});
  CHECK(r.status == 403);
  CHECK(errorCode(r) == "forbidden");
  CHECK(get(port, "/api/v1/dataset", {{"Authorization", "Bearer geheim-token-4"}}).status == 403);
  CHECK(get(port, "/api/v1/onbekend").status == 401);  // nothing is revealed without the token
  r = get(port, "/api/v1/dataset", {{"Authorization", "Bearer geheim-token-42"}});
  CHECK(r.status == 200);
  CHECK_NOTHROW(data::readDataset(r.body));
  CHECK_THAT(r.header("Cache-Control"), Catch::Contains("private"));
  CHECK(get(port, "/api/v1/", {{"Authorization", "bearer geheim-token-42"}}).status == 200);
}

TEST_CASE("reportd: 8 concurrent clients making 20 requests each all get their answer", "[reportd][threads]") {
  LocalServer server;
  const auto port = server.port();
  const std::vector<std::string> targets{"/api/v1/dataset", "/api/v1/dataset?regions=GM0546,JR0001,NL01",
                                         "/api/v1/indicators", "/api/v1/regions?kind=gemeente",
                                         "/api/v1/observations?indicators=jeugdhulp&regions=GM0546,NL01"};
  std::vector<std::string> expected;
  for (const auto& t : targets) expected.push_back(get(port, t).body);

  std::atomic<int> ok{0}, wrong{0}, failed{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      try {
        // Half the clients keep one connection open, the other half connect per request.
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        session.setTimeout(Poco::Timespan(10, 0));
        for (int i = 0; i < 20; ++i) {
          const std::size_t k = static_cast<std::size_t>(c + i) % targets.size();
          const bool gz = i % 3 == 0;
          const Headers headers = gz ? Headers{{"Accept-Encoding", "gzip"}} : Headers{};
          const Reply r =
              c % 2 ? exchange(session, "GET", targets[k], headers) : call(port, "GET", targets[k], headers);
          if (r.status == 200 && (gz ? gunzip(r.body) : r.body) == expected[k]) ++ok;
          else ++wrong;
        }
      } catch (...) {
        ++failed;
      }
    });
  }
  for (auto& t : clients) t.join();
  CHECK(failed == 0);
  CHECK(wrong == 0);
  CHECK(ok == 8 * 20);
}

TEST_CASE("reportd: stopping the server ends it and frees the port", "[reportd]") {
  auto server = std::make_unique<LocalServer>();
  const auto port = server->port();
  Poco::Net::HTTPClientSession idle("127.0.0.1", port);  // a keep-alive connection left open
  idle.setTimeout(Poco::Timespan(10, 0));
  CHECK(exchange(idle, "GET", "/api/v1/").status == 200);
  const auto before = std::chrono::steady_clock::now();
  server.reset();
  CHECK(std::chrono::steady_clock::now() - before < std::chrono::seconds(3));
  CHECK_THROWS(get(port, "/api/v1/"));
}

TEST_CASE("reportd: the API function alone (no socket)", "[reportd]") {
  const std::unique_ptr<ReportingApi> api = loadReportingApi(RAADSBRIEF_DEMO_DATASET);
  const auto request = [&](const std::string& target, Headers headers = {}, const std::string& method = "GET") {
    return api->handle(ApiRequest{method, target, std::move(headers)});
  };
  const ApiResponse ok = request("/api/v1/periods");
  REQUIRE(ok.status == 200);
  CHECK(ok.header("Content-Length") == std::to_string(ok.body.size()));
  CHECK(ok.header("Last-Modified") == api->lastModifiedHttpDate());
  CHECK(request("/api/v1/periods", {{"if-none-match", "*"}}).status == 304);
  CHECK(request("/api/v1/periods", {{"Accept-Encoding", "br, *;q=0.5"}}).header("Content-Encoding") == "gzip");
  CHECK(request("/api/v1/periods", {{"Accept-Encoding", "identity"}}).header("Content-Encoding") == std::nullopt);
  CHECK(request("/api/v1/periods", {{"Transfer-Encoding", "chunked"}}).status == 413);
  CHECK(request("/api/v1/periods", {{"Content-Length", "0"}}).status == 200);
  CHECK(request("/api/v1/periods", {{"Content-Length", "12"}}).status == 413);
  CHECK(request("/api/v1/periods", {{"If-Modified-Since", "geen datum"}}).status == 200);
  const ApiResponse headError = request("/api/v1/onbekend", {}, "HEAD");
  CHECK(headError.status == 404);
  CHECK(headError.body.empty());
  CHECK(request("/api/v1/dataset?regions=GM0546%2CNL01").status == 200);  // an encoded comma is a comma
}

TEST_CASE("reportd: binds to loopback unless told otherwise", "[reportd][security]") {
  CHECK(ServerOptions{}.bindAddress == "127.0.0.1");
  ServerOptions options;  // only the port changed: ephemeral
  options.port = 0;
  ReportServer server(loadReportingApi(RAADSBRIEF_DEMO_DATASET), options);
  CHECK_THAT(server.baseUrl(), Catch::StartsWith("http://127.0.0.1:"));
}

TEST_CASE("reportd: no path reaches a file, traversal in any spelling is 404", "[reportd][security]") {
  LocalServer server;
  const auto port = server.port();
  const std::unique_ptr<ReportingApi> api = loadReportingApi(RAADSBRIEF_DEMO_DATASET);
  // The API serves one dataset loaded at start; a path only ever selects one of six fixed
  // endpoints. These ask for the dataset file's neighbours and for /etc/passwd.
  for (const std::string target :
       {"/api/v1/../../../../etc/passwd", "/api/v1/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/api/v1/..%2f..%2fetc%2fpasswd",
        "/api/v1/dataset/../../../etc/passwd", "/api/v1/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/api/v1/....//....//etc/passwd", "/api/v1/dataset%00.json", "/api/v1/..\\..\\etc\\passwd",
        "/api/v1//etc/passwd", "/api/v1/demo-dataset.json", "/../data/demo-dataset.json",
        "/api/v1/dataset?regions=../../etc/passwd"}) {
    INFO(target);
    const ApiResponse direct = api->handle(ApiRequest{"GET", target, {}});
    CHECK((direct.status == 404 || direct.status == 400));
    CHECK(direct.body.find("root:") == std::string::npos);
    CHECK(direct.body.find("\"observations\"") == std::string::npos);  // not the dataset either
    const Reply r = get(port, target);                                 // the same over the socket, sent as written
    CHECK(r.status == direct.status);
    CHECK(r.body.find("root:") == std::string::npos);
  }
}

TEST_CASE("reportd: idle connections beyond threads and queue are closed at once, the rest time out",
          "[reportd][security][threads]") {
  std::signal(SIGPIPE, SIG_IGN);
  ServerOptions options;
  options.port = 0;
  options.maxThreads = 2;
  options.maxQueued = 2;
  options.timeoutSeconds = 1;
  ReportServer server(loadReportingApi(RAADSBRIEF_DEMO_DATASET), options);
  server.start();
  const Poco::Net::SocketAddress address("127.0.0.1", server.port());

  // 12 clients connect and send nothing (a slowloris): 2 are served, 2 wait, the rest are refused.
  std::vector<Poco::Net::StreamSocket> idle;
  for (int i = 0; i < 12; ++i) {
    idle.emplace_back();
    idle.back().connect(address, Poco::Timespan(5, 0));
  }
  const auto closedByServer = [](Poco::Net::StreamSocket& s, Poco::Timespan wait) {
    if (!s.poll(wait, Poco::Net::Socket::SELECT_READ)) return false;
    char c = 0;
    try {
      return s.receiveBytes(&c, 1) <= 0;
    } catch (const Poco::Exception&) {
      return true;  // reset
    }
  };
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // well before the 1 s receive timeout
  int refused = 0;
  for (auto& s : idle) refused += closedByServer(s, Poco::Timespan(0, 1000)) ? 1 : 0;
  CHECK(refused >= 8);
  CHECK(refused < 12);

  // The held ones are dropped after the receive timeout, and the server answers again.
  int later = 0;
  for (auto& s : idle) later += closedByServer(s, Poco::Timespan(5, 0)) ? 1 : 0;
  CHECK(later == 12);
  CHECK(get(server.port(), "/api/v1/").status == 200);
}

TEST_CASE("reportd: slow and silent clients cannot keep a normal client out", "[reportd][security][threads]") {
  std::signal(SIGPIPE, SIG_IGN);
  ServerOptions options;
  options.port = 0;
  options.maxThreads = 4;
  options.timeoutSeconds = 5;      // each trickled header line comes well within this receive timeout
  options.requestHeadSeconds = 1;  // but the whole head must be there within a second
  ReportServer server(loadReportingApi(RAADSBRIEF_DEMO_DATASET), options);
  server.start();
  const Poco::Net::SocketAddress address("127.0.0.1", server.port());

  // 12 slowloris clients (a header line every 300 ms, never the blank line that ends the head)
  // and 20 that connect and say nothing. Without per-connection deadlines the slow ones hold all
  // four threads for as long as they keep trickling.
  std::atomic<int> cutOff{0};
  std::vector<std::thread> slow;
  for (int i = 0; i < 12; ++i)
    slow.emplace_back([&] {
      Poco::Net::StreamSocket s;
      try {
        s.connect(address, Poco::Timespan(5, 0));
        s.sendBytes("GET /api/v1/dataset HTTP/1.1\r\n", 31);
        for (int n = 0; n < 100; ++n) {
          std::this_thread::sleep_for(std::chrono::milliseconds(300));
          const std::string line = "X-Traag-" + std::to_string(n) + ": ja\r\n";
          s.sendBytes(line.data(), static_cast<int>(line.size()));
        }
      } catch (const Poco::Exception&) {
        ++cutOff;  // the server shut the connection
      }
    });
  std::vector<Poco::Net::StreamSocket> silent(20);
  for (auto& s : silent) s.connect(address, Poco::Timespan(5, 0));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));

  // A normal client with the settings Raadsbrief itself uses gets its dataset.
  net::HttpClient client;  // connect 5 s, each receive 15 s, 3 retries, 60 s in all
  net::HttpResponse r;
  std::string failure;
  try {
    r = client.get(server.baseUrl() + "/dataset");
  } catch (const std::exception& e) {
    failure = e.what();
  }
  // Every slow client is cut off by the server in turn (each within a second of getting a thread);
  // none keeps trickling until it gives up by itself (30 s).
  for (auto& t : slow) t.join();
  INFO(failure);
  REQUIRE(failure.empty());
  CHECK(r.status == 200);
  CHECK(data::readDataset(r.body).hasFigures("GM0546"));
  CHECK(cutOff == 12);
}

TEST_CASE("reportd: a Content-Length that is not a number gets the documented 400", "[reportd][errors]") {
  std::signal(SIGPIPE, SIG_IGN);
  LocalServer local;
  for (const std::string length : {"abc", "1e20", "99999999999999999999999"}) {
    INFO(length);
    Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", local.port()));
    s.setReceiveTimeout(Poco::Timespan(5, 0));
    const std::string request = "GET /api/v1/dataset HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n";
    s.sendBytes(request.data(), static_cast<int>(request.size()));
    std::string answer;
    char buffer[1024];
    for (int n = 0; (n = s.receiveBytes(buffer, sizeof buffer)) > 0;)
      answer.append(buffer, static_cast<std::size_t>(n));
    CHECK_THAT(answer, Catch::StartsWith("HTTP/1.1 400") && Catch::Contains(R"("code":"bad_request")"));
  }
}
