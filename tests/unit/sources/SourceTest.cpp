#include <catch2/catch.hpp>

#include <Poco/Net/ServerSocket.h>

#include "Error.hpp"
#include "sources/Source.hpp"

using namespace raadsbrief;
using namespace raadsbrief::sources;

TEST_CASE("Source: the kind follows from the text", "[source]") {
  CHECK(parseSource("").kind == SourceSpec::Kind::Bundled);
  CHECK(parseSource("bundled").kind == SourceSpec::Kind::Bundled);
  const auto file = parseSource("file:///tmp/mijn%20cijfers.json");
  CHECK(file.kind == SourceSpec::Kind::File);
  CHECK(file.location == "/tmp/mijn cijfers.json");
  CHECK(parseSource("/data/x.json").location == "/data/x.json");
  const auto api = parseSource("http://127.0.0.1:8085/api/v1/");
  CHECK(api.kind == SourceSpec::Kind::ReportingApi);
  CHECK(api.location == "http://127.0.0.1:8085/api/v1");
  CHECK(parseSource("https://odata4.example/CBS/85098NED").kind == SourceSpec::Kind::CbsOData);
  CHECK(parseSource("https://opendata.example/ODataApi/odata/85098NED").kind == SourceSpec::Kind::CbsOData);
  CHECK(parseSource("http://127.0.0.1/ODataFeed/odata/82972NED").kind == SourceSpec::Kind::CbsOData);
  CHECK_THROWS_AS(parseSource("ftp://example/x"), Error);
  CHECK_THROWS_AS(parseSource("cijfers.json"), Error);
  CHECK_THROWS_AS(parseSource("file://relative.json"), Error);
}

TEST_CASE("Source: files and the bundled dataset load", "[source]") {
  LoadOptions options;
  options.bundledDataset = RAADSBRIEF_DEMO_DATASET;
  const auto bundled = load(parseSource("bundled"), options);
  REQUIRE(bundled.dataset);
  CHECK(bundled.dataset->source.demo);
  CHECK(bundled.requests == 0);
  const auto file = load(parseSource(RAADSBRIEF_DEMO_DATASET), options);
  CHECK(file.dataset->hasFigures("GM0546"));
  CHECK_THROWS_MATCHES(load(parseSource("/nonexistent/x.json"), options), Error,
                       Catch::Predicate<Error>([](const Error& e) { return e.kind() == ErrorKind::NotFound; }));
  // A CBS table is now read over HTTP (tests in CbsODataTest.cpp): one that cannot be reached is a
  // Source error naming the first entity asked for. A loopback port nobody listens on.
  Poco::UInt16 port = 0;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    port = probe.address().port();
  }
  const std::string cbs = "http://127.0.0.1:" + std::to_string(port) + "/ODataApi/odata/85098NED";
  options.http.maxRetries = 0;
  CHECK_THROWS_MATCHES(load(parseSource(cbs), options), Error, Catch::Predicate<Error>([&](const Error& e) {
                         const std::string message = e.what();
                         return e.kind() == ErrorKind::Source &&
                                message.find("Bron " + cbs + "/DataProperties") != std::string::npos &&
                                message.find("verbinding geweigerd") != std::string::npos;
                       }));
}

TEST_CASE("Source: plain http to another machine is warned about, loopback and https are not", "[source][security]") {
  for (const std::string host : {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "[::1]"})
    CHECK(isLoopbackHost(host == "[::1]" ? "::1" : host));
  for (const std::string host : {"127.0.0.1.example.nl", "127.example.nl", "128.0.0.1", "10.0.0.1", "::2",
                                 "localhost.example.nl", "127.0.0.256", "127.0.0", "example.nl", ""})
    CHECK_FALSE(isLoopbackHost(host));

  const auto warned = securityWarnings(parseSource("http://cijfers.example.nl/api/v1"));
  REQUIRE(warned.size() == 1);
  CHECK_THAT(warned[0], Catch::StartsWith("de bron http://cijfers.example.nl/api/v1 gebruikt http zonder "
                                          "versleuteling") &&
                            Catch::Contains("https"));
  CHECK(securityWarnings(parseSource("http://10.1.2.3:8085/CBS/85098NED")).size() == 1);  // CBS too
  CHECK(securityWarnings(parseSource("http://127.0.0.1.example.nl/api/v1")).size() == 1);
  CHECK(securityWarnings(parseSource("https://cijfers.example.nl/api/v1")).empty());
  CHECK(securityWarnings(parseSource("http://127.0.0.1:8085/api/v1")).empty());
  CHECK(securityWarnings(parseSource("http://localhost:8085/api/v1")).empty());
  CHECK(securityWarnings(parseSource("http://[::1]:8085/api/v1")).empty());
  CHECK(securityWarnings(parseSource("bundled")).empty());
  CHECK(securityWarnings(parseSource("/tmp/x.json")).empty());
}

TEST_CASE("Source: an address with a user name or password is refused without showing it", "[source][security]") {
  for (const std::string url :
       {"https://gebruiker:geheim-wachtwoord@cijfers.example.nl/api/v1",
        "http://geheim-wachtwoord@127.0.0.1:8085/api/v1", "https://a:geheim-wachtwoord@h/CBS/85098NED"}) {
    INFO(url);
    CHECK_THROWS_MATCHES(parseSource(url), Error, Catch::Predicate<Error>([](const Error& e) {
                           const std::string message = e.what();
                           return e.kind() == ErrorKind::Usage && message.find("geheim") == std::string::npos &&
                                  message.find("wachtwoordopslag") != std::string::npos;
                         }));
  }
  // An @ after the host (in the path or query) is not a user name.
  CHECK(parseSource("https://cijfers.example.nl/api/v1?contact=a@b").kind == SourceSpec::Kind::ReportingApi);
  CHECK(parseSource("http://127.0.0.1:8085/api/@v1").location == "http://127.0.0.1:8085/api/@v1");
}
