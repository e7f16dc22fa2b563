// One memo from CBS within budget: the replay of CBS's v4 catalog at its real breadth
// (fake_cbs.py --catalog --full: 342 municipalities, 42 youth-care regions, every measure,
// referrer and period) serves a memo made by the real CLI in a real soffice. The replay's own log
// (/replay-log-bytes: status, body bytes, target per request) must show, cold, at most 15
// requests and 1 MB, every figure request filtered on the municipality's youth-care region; warm,
// only revalidations (304). Counts and bytes, never timings.
#include <catch2/catch.hpp>

#include <Poco/URI.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "OdfDocument.hpp"
#include "TestSupport.hpp"
#include "net/HttpClient.hpp"
#include "sources/CbsCatalog.hpp"
#include "sources/Source.hpp"
#include "text/DutchFormat.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;
using namespace raadsbrief::test;

namespace {

struct Logged {
  int status = 0;
  std::size_t bytes = 0;
  std::string target;  ///< decoded
};

/// The replay's log of every CBS request so far.
std::vector<Logged> replayLog(const std::string& catalog) {
  const std::string base = catalog.substr(0, catalog.find("/odata/"));
  net::HttpClient client(net::HttpOptions{});
  const auto response = client.get(base + "/replay-log-bytes");
  std::vector<Logged> out;
  std::istringstream in(response.body);
  for (std::string line; std::getline(in, line);) {
    const std::size_t a = line.find('\t');
    const std::size_t b = line.find('\t', a + 1);
    REQUIRE((a != std::string::npos && b != std::string::npos));
    std::string target;
    Poco::URI::decode(line.substr(b + 1), target);
    out.push_back({std::stoi(line.substr(0, a)), std::stoul(line.substr(a + 1, b - a - 1)), target});
  }
  return out;
}

}  // namespace

TEST_CASE("CBS at full size: one memo cold within 15 requests and 1 MB, warm only revalidations",
          "[endpoint][cbs][budget]") {
  const fs::path dir = outputDir("cbs-budget");
  BackgroundServer cbs("/usr/bin/python3", {RAADSBRIEF_FAKE_CBS, "--catalog", "--full"});
  const std::map<std::string, std::string> env{{"XDG_CACHE_HOME", (dir / "cache").string()}};
  const auto generate = [&](const std::string& name) {
    const fs::path odt = dir / (name + ".odt");
    const RunResult r = cli({"generate", "--template", "raadsinformatiebrief", "--municipality", "Leiden", "--period",
                             "2023", "--source", cbs.url(), "--output", odt.string()},
                            env);
    INFO("stderr: " << r.err);
    REQUIRE(r.exitCode == 0);
    return odt;
  };

  // Cold: an empty HTTP cache.
  const fs::path cold = generate("cold");
  const std::vector<Logged> first = replayLog(cbs.url());
  std::size_t bytes = 0;
  int observations = 0;
  for (const auto& l : first) {
    INFO(l.target);
    CHECK(l.status == 200);
    bytes += l.bytes;
    if (l.target.find("/Observations") == std::string::npos) continue;
    ++observations;
    // Leiden's youth-care region Holland Rijnland: all its municipalities (Kaag en Braassem too),
    // the region and the Netherlands; nothing of another region (Amsterdam, Zoetermeer).
    CHECK(l.target.find("RegioS eq 'GM0546'") != std::string::npos);
    CHECK(l.target.find("RegioS eq 'GM1884'") != std::string::npos);
    CHECK(l.target.find("RegioS eq 'JZ18  '") != std::string::npos);
    CHECK(l.target.find("RegioS eq 'NL01  '") != std::string::npos);
    CHECK(l.target.find("'GM0363'") == std::string::npos);
    CHECK(l.target.find("'GM0637'") == std::string::npos);
  }
  CHECK(observations >= 2);  // 85098NED and 85097NED
  CHECK(first.size() <= 15);
  CHECK(bytes <= 1000 * 1000);

  // The memo holds the replay's figure for Leiden (as the core reads the same filtered answer).
  sources::LoadOptions options;
  options.bundledDataset = RAADSBRIEF_DEMO_DATASET;
  options.municipalities = {"Leiden"};
  const sources::Loaded loaded = sources::load(sources::parseSource(cbs.url()), options);
  const std::string figure = text::formatObservation(loaded.dataset->observation("GM0546", "jeugdhulp", "2023"),
                                                     *loaded.dataset->findIndicator("jeugdhulp"));
  CHECK_THAT(OdfDocument(cold).bodyText(), Catch::Contains(figure));
  const std::size_t before = replayLog(cbs.url()).size();

  // Warm: the same cache, a new soffice: every request is a revalidation answered 304.
  (void)generate("warm");
  const std::vector<Logged> second = replayLog(cbs.url());
  REQUIRE(second.size() > before);
  CHECK(second.size() - before == first.size());
  for (std::size_t k = before; k < second.size(); ++k) {
    INFO(second[k].target);
    CHECK(second[k].status == 304);
    CHECK(second[k].bytes == 0);
  }

  // A refresh of that memo asks for the same region: the municipality of its bindings.
  const RunResult refreshed = cli({"refresh", cold.string(), "--source", cbs.url(), "--dry-run"}, env);
  INFO("stderr: " << refreshed.err);
  REQUIRE(refreshed.exitCode == 0);
  const std::vector<Logged> third = replayLog(cbs.url());
  int refreshObservations = 0;
  for (std::size_t k = second.size(); k < third.size(); ++k) {
    if (third[k].target.find("/Observations") == std::string::npos) continue;
    ++refreshObservations;
    CHECK(third[k].target.find("RegioS eq 'GM1884'") != std::string::npos);
    CHECK(third[k].target.find("'GM0363'") == std::string::npos);
  }
  CHECK(refreshObservations >= 2);

  // The fixture is real-size: without the region filter, one page of 85097NED's observations of
  // a single year is already over 1 MB (and more pages follow).
  net::HttpOptions slow;  // the replay generates that answer in Python
  slow.readTimeout = std::chrono::seconds(120);
  slow.totalTimeout = std::chrono::seconds(240);
  slow.maxRetries = 0;
  net::HttpClient client(slow);
  const auto page = client.get(cbs.url() + "/85097NED/Observations?$filter=Perioden%20eq%20%272023JJ00%27");
  CHECK(page.body.size() > 1000 * 1000);
  CHECK(page.body.find("@odata.nextLink") != std::string::npos);
}

TEST_CASE("CBS at full size: the municipalities list reads CBS's code lists only, no figures",
          "[endpoint][cbs][budget][lists]") {
  const fs::path dir = outputDir("cbs-lists");
  BackgroundServer cbs("/usr/bin/python3", {RAADSBRIEF_FAKE_CBS, "--catalog", "--full"});
  const std::map<std::string, std::string> env{{"XDG_CACHE_HOME", (dir / "cache").string()}};
  const RunResult r = cli({"municipalities", "--source", cbs.url()}, env);
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);

  // Every municipality of 2023, named as people name it, with its youth-care region.
  std::istringstream out(r.out);
  std::vector<std::string> codes;
  for (std::string line; std::getline(out, line);) {
    INFO(line);
    const std::size_t a = line.find('\t');
    const std::size_t b = line.find('\t', a + 1);
    REQUIRE((a != std::string::npos && b != std::string::npos));
    codes.push_back(line.substr(0, a));
    const std::string name = line.substr(a + 1, b - a - 1);
    CHECK_FALSE(name.empty());
    CHECK(name.find("(gemeente)") == std::string::npos);  // CBS's suffix; "Bergen (NH.)" is a name
    CHECK(b + 1 < line.size());                           // a youth-care region
  }
  CHECK(codes.size() == 342);
  CHECK_THAT(r.out, Catch::Contains("GM0546\tLeiden\tHolland Rijnland"));
  CHECK_THAT(r.out, Catch::Contains("GM0518\t's-Gravenhage\tHaaglanden"));
  CHECK_THAT(r.out, Catch::Contains("GM0014\tGroningen\tGroningen"));
  CHECK_THAT(r.out, Catch::Contains("GM0373\tBergen (NH.)\t"));

  // The replay's log: metadata and code lists only, well under the figures' megabytes.
  const std::vector<Logged> log = replayLog(cbs.url());
  std::size_t bytes = 0;
  for (const auto& l : log) {
    INFO(l.target);
    CHECK(l.status == 200);
    CHECK(l.target.find("/Observations") == std::string::npos);
    bytes += l.bytes;
  }
  CHECK_FALSE(log.empty());
  CHECK(log.size() <= 6 * sources::cbsCatalogTables().size());  // metadata and code lists of each table
  CHECK(bytes <= 300 * 1000);
}
