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
#include <fstream>
#include <map>
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

/// A template of our own made from the memo's: its styles, with `body` (ODF paragraphs) as the
/// whole text. Written to DIR/cbs.ott.
fs::path templateWithBody(const fs::path& dir, const std::string& body) {
  const fs::path unpacked = dir / "sjabloon";
  fs::remove_all(unpacked);
  fs::create_directories(unpacked);
  REQUIRE(run("/usr/bin/unzip", {"-q", RAADSBRIEF_MEMO_OTT, "-d", unpacked.string()}).exitCode == 0);
  std::string content;
  {
    std::ifstream in(unpacked / "content.xml", std::ios::binary);
    content = slurp(in);
  }
  const auto from = content.find("<office:text>"), to = content.find("</office:text>");
  REQUIRE((from != std::string::npos && to != std::string::npos));
  content = content.substr(0, from) + body + content.substr(to);
  std::ofstream(unpacked / "content.xml", std::ios::binary) << content;
  const fs::path ott = dir / "cbs.ott";
  fs::remove(ott);
  REQUIRE(run("/usr/bin/bash", {"-c", "cd '" + unpacked.string() + "' && zip -q -X -0 '" + ott.string() +
                                          "' mimetype && zip -q -X -r -9 '" + ott.string() + "' . -x mimetype"})
              .exitCode == 0);
  return ott;
}

}  // namespace

TEST_CASE("CBS at full size: a memo with costs reads 85099NED and 83454NED, nothing else it does not need",
          "[endpoint][cbs][budget]") {
  const fs::path dir = outputDir("cbs-budget-costs");
  BackgroundServer cbs("/usr/bin/python3",
                       {RAADSBRIEF_FAKE_CBS, "--catalog", "--full", "--tables", "85098NED,85097NED,85099NED,83454NED"});
  const std::map<std::string, std::string> env{{"XDG_CACHE_HOME", (dir / "cache").string()}};
  const fs::path ott =
      templateWithBody(dir, R"(<office:text><text:p text:style-name="Raadsbrief_Tekst">A={{cijfer jeugdhulp}}|</text:p>
<text:p text:style-name="Raadsbrief_Tekst">{{als cijfer kosten_per_jongere}}J={{cijfer kosten_per_jongere}}|{{einde}}</text:p>
<text:p text:style-name="Raadsbrief_Tekst">{{bron}}</text:p>)");
  const fs::path odt = dir / "kosten.odt";
  const RunResult r = cli({"generate", "--template", ott.string(), "--municipality", "Leiden", "--period", "2023",
                           "--source", cbs.url(), "--output", odt.string()},
                          env);
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);

  std::map<std::string, int> perTable;
  std::size_t bytes = 0;
  const std::vector<Logged> log = replayLog(cbs.url());
  for (const auto& l : log) {
    INFO(l.target);
    CHECK(l.status == 200);
    bytes += l.bytes;
    const std::size_t at = l.target.find("/CBS/");
    REQUIRE(at != std::string::npos);
    ++perTable[l.target.substr(at + 5, 8)];
    if (l.target.find("/Observations") != std::string::npos) {
      const bool costs = l.target.find("/83454NED/") != std::string::npos;  // its region field is "Regio"
      CHECK(l.target.find(costs ? "Regio eq 'GM0546'" : "RegioS eq 'GM0546'") != std::string::npos);
      CHECK(l.target.find("'GM0363'") == std::string::npos);
    }
  }
  // 85098NED (the main table), the two tables of kosten_per_jongere's inputs, nothing else.
  CHECK(perTable.size() == 3);
  CHECK(perTable.count("85098NED"));
  CHECK(perTable.count("85099NED"));
  CHECK(perTable.count("83454NED"));
  // Measured, not the memo budget: three tables cost 18 requests cold (5 + 7 + 6:
  // docs/performance.md), over the 15 of a memo of 85098NED alone; well within 1 MB.
  UNSCOPED_INFO("requests: " << log.size() << ", bytes: " << bytes);
  CHECK(log.size() <= 18);
  CHECK(bytes <= 1000 * 1000);

  // The figure is there: costs per young person, computed by Raadsbrief.
  sources::LoadOptions options;
  options.bundledDataset = RAADSBRIEF_DEMO_DATASET;
  options.municipalities = {"Leiden"};
  options.indicators = {"kosten_per_jongere"};
  const sources::Loaded loaded = sources::load(sources::parseSource(cbs.url()), options);
  const model::Observation o = loaded.dataset->observation("GM0546", "kosten_per_jongere", "2023");
  const std::string body = OdfDocument(odt).bodyText();
  if (o.hasValue())
    CHECK_THAT(
        body, Catch::Contains("J=" + text::formatObservation(o, *loaded.dataset->findIndicator("kosten_per_jongere"))));
  else CHECK_THAT(body, !Catch::Contains("J="));
}

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
  std::size_t bytes = 0, notFound = 0;
  int observations = 0;
  for (const auto& l : first) {
    INFO(l.target);
    // The template needs 85098NED, 85097NED (inflow, referrers, outcome) and the costs (85099NED,
    // 83454NED: the replay lacks both, one 404 each); no year before 2021, so never a predecessor.
    const bool optional =
        l.target.find("/85099NED/") != std::string::npos || l.target.find("/83454NED/") != std::string::npos;
    CHECK((l.status == 200 || (l.status == 404 && optional)));
    notFound += l.status == 404 ? 1 : 0;
    for (const char* predecessor : {"/82970NED/", "/82972NED/", "/84134NED/"})
      CHECK(l.target.find(predecessor) == std::string::npos);
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
  CHECK(notFound == 2);
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

  // Warm: the same cache, a new soffice: every request is a revalidation answered 304; the tables
  // the host lacks are remembered (cbs-missing-tables.tsv in the cache), not asked for again.
  (void)generate("warm");
  const std::vector<Logged> second = replayLog(cbs.url());
  REQUIRE(second.size() > before);
  CHECK(second.size() - before == first.size() - notFound);
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
  CHECK(refreshObservations >= 1);

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
    // The tables this replay lacks (all but 85098NED and 85097NED) answer 404 once, on MeasureCodes.
    CHECK((l.status == 200 || (l.status == 404 && l.target.find("/MeasureCodes") != std::string::npos)));
    CHECK(l.target.find("/Observations") == std::string::npos);
    bytes += l.bytes;
  }
  CHECK_FALSE(log.empty());
  CHECK(log.size() <= 6 * sources::cbsCatalogTables().size());  // metadata and code lists of each table
  CHECK(bytes <= 300 * 1000);
}
