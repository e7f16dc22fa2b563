#include <catch2/catch.hpp>

#include <fstream>
#include <unistd.h>

#include "Error.hpp"
#include "data/DatasetReader.hpp"
#include "settings/Settings.hpp"

using namespace raadsbrief;
using namespace raadsbrief::settings;

namespace {

bool usageError(const std::string& text, const std::string& expected) {
  try {
    (void)normaliseSource(text);
  } catch (const Error& e) {
    return e.kind() == ErrorKind::Usage && std::string(e.what()).find(expected) != std::string::npos;
  }
  return false;
}

}  // namespace

TEST_CASE("Settings: the defaults are the HTTP client's own", "[settings]") {
  const Settings defaults;
  const net::HttpOptions http;
  CHECK(std::chrono::milliseconds(std::chrono::seconds(defaults.connectTimeoutSeconds)) == http.connectTimeout);
  CHECK(std::chrono::milliseconds(std::chrono::seconds(defaults.readTimeoutSeconds)) == http.readTimeout);
  CHECK_FALSE(defaults.allowStaleCache);
  CHECK(defaults.sources.empty());
  CHECK(sourceArgument(defaults).empty());  // = bundled
}

TEST_CASE("Settings: sources are checked and normalised as the user types them", "[settings]") {
  CHECK(normaliseSource("  http://127.0.0.1:8085/api/v1/ \n") == "http://127.0.0.1:8085/api/v1");
  CHECK(normaliseSource("bundled") == "bundled");
  CHECK(normaliseSource("/data/cijfers.json") == "/data/cijfers.json");
  CHECK(normaliseSource("file:///data/mijn%20cijfers.json") == "file:///data/mijn%20cijfers.json");
  CHECK(normaliseSource("https://odata4.cbs.nl/CBS/85098NED/") == "https://odata4.cbs.nl/CBS/85098NED");
  CHECK(usageError("", "Vul een bron in"));
  CHECK(usageError("   ", "Vul een bron in"));
  CHECK(usageError("cijfers.json", "Onbekende bron"));
  CHECK(usageError("ftp://example.org/x", "Onbekende bron"));
  CHECK(usageError("http://", "noemt geen server"));
  CHECK(usageError("http://:8085/api", "noemt geen server"));
  CHECK(usageError("https://gebruiker:geheim@example.org/api/v1", "token hoort in het veld Token"));
  CHECK(usageError("http://example.org/api v1", "tekens die in een adres niet mogen"));
  CHECK(usageError("http://a.example/api\nhttp://b.example/api", "één regel"));
}

TEST_CASE("Settings: validated keeps the order, drops duplicates and checks the timeouts", "[settings]") {
  Settings s;
  s.sources = {"http://127.0.0.1:9/api/v1/", "/data/eigen.json", "http://127.0.0.1:9/api/v1", "bundled"};
  const Settings v = validated(s);
  CHECK(v.sources == std::vector<std::string>{"http://127.0.0.1:9/api/v1", "/data/eigen.json", "bundled"});
  CHECK(sourceArgument(v) == "http://127.0.0.1:9/api/v1\n/data/eigen.json\nbundled");

  s = {};
  s.connectTimeoutSeconds = 0;
  CHECK_THROWS_WITH(validated(s), Catch::Contains("verbindingstijd moet tussen 1 en 300 seconden"));
  s.connectTimeoutSeconds = 5;
  s.readTimeoutSeconds = 301;
  CHECK_THROWS_WITH(validated(s),
                    Catch::Contains("wachttijd op een antwoord moet tussen 1 en 300 seconden liggen, niet 301"));
  s.readTimeoutSeconds = 300;
  CHECK_NOTHROW(validated(s));
  s.sources = {"niets"};
  CHECK_THROWS_AS(validated(s), Error);
}

TEST_CASE("Settings: the timeouts reach the HTTP options, clamped", "[settings]") {
  Settings s;
  s.connectTimeoutSeconds = 2;
  s.readTimeoutSeconds = 40;
  net::HttpOptions http;
  applyTo(s, http);
  CHECK(http.connectTimeout == std::chrono::seconds(2));
  CHECK(http.readTimeout == std::chrono::seconds(40));
  s.connectTimeoutSeconds = -5;
  s.readTimeoutSeconds = 100000;
  applyTo(s, http);
  CHECK(http.connectTimeout == std::chrono::seconds(kMinTimeoutSeconds));
  CHECK(http.readTimeout == std::chrono::seconds(kMaxTimeoutSeconds));
}

TEST_CASE("Settings: only a reporting endpoint takes a token, keyed by its base URL", "[settings]") {
  CHECK(tokenKey("http://127.0.0.1:8085/api/v1/") == std::optional<std::string>("http://127.0.0.1:8085/api/v1"));
  CHECK_FALSE(tokenKey("bundled").has_value());
  CHECK_FALSE(tokenKey("/data/cijfers.json").has_value());
  CHECK_FALSE(tokenKey("https://odata4.cbs.nl/CBS/85098NED").has_value());
  CHECK_FALSE(tokenKey("onzin").has_value());
}

TEST_CASE("Settings: describe names municipalities, years and what kind of figures", "[settings]") {
  const model::Dataset demo = data::readDatasetFile(RAADSBRIEF_DEMO_DATASET);
  std::size_t municipalities = 0;
  for (const auto& r : demo.regions()) municipalities += r.kind == model::RegionKind::Municipality ? 1 : 0;
  const std::string text = describe(demo);
  CHECK_THAT(text, Catch::StartsWith(std::to_string(municipalities) + " gemeenten, " + demo.periods().front().id +
                                     "\u2013" + demo.periods().back().id + " (" + demo.source.name + ")"));
  CHECK_THAT(text, Catch::Contains("voorbeeldcijfers"));
  model::Dataset stale = demo;
  stale.source.demo = false;
  stale.source.staleFrom = "2024-03-01";
  CHECK_THAT(describe(stale), Catch::EndsWith("uit de cache van 2024-03-01") && !Catch::Contains("geen echte cijfers"));
}

TEST_CASE("Settings: clearing the cache removes its files and keeps the folder", "[settings]") {
  const auto folder =
      std::filesystem::temp_directory_path() / ("raadsbrief-settings-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(folder);
  CHECK(clearCache(folder) == 0);  // missing: nothing to do
  std::filesystem::create_directories(folder / "sub");
  std::ofstream(folder / "a.body") << "x";
  std::ofstream(folder / "a.meta") << "y";
  std::ofstream(folder / "sub" / "b.body") << "z";
  CHECK(clearCache(folder) == 3);
  CHECK(std::filesystem::is_directory(folder));
  CHECK(std::filesystem::is_empty(folder));
  std::filesystem::remove_all(folder);
}
