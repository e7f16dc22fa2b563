// One memo from CBS within budget: the replay of CBS's v4 catalog at its real breadth
// (fake_cbs.py --catalog --full: 342 municipalities, 42 youth-care regions, every measure,
// referrer and period; with --tables every table the documents read) serves a memo made by the
// real CLI in a real soffice. The replay's own log (/replay-log-bytes, FakeCbs::log: status, body
// bytes, target per request) must show, cold, at most 15 requests and 1 MB — for the
// raadsinformatiebrief against a host with all four of its tables and for a memo with costs —,
// no request for what Raadsbrief knows already (a known table's Dimensions, the region list of
// one memo), every figure request filtered on the municipality's youth-care region; warm, only
// revalidations (304). Counts and bytes, never timings.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
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

using Logged = FakeCbs::Logged;

/// The entity a logged request asked for: "85098NED/MeasureCodes".
std::string entityOf(const Logged& l) {
  const std::size_t at = l.target.find("/CBS/");
  if (at == std::string::npos) return l.target;
  const std::string rest = l.target.substr(at + 5);
  return rest.substr(0, rest.find('?'));
}

/// What a memo must never ask for: what Raadsbrief knows already (the known tables' dimensions;
/// the region list: one memo's regions come from the reference data) and the predecessors.
void checkNothingKnownAsked(const Logged& l) {
  INFO(l.target);
  const std::string e = entityOf(l);
  CHECK(e.find("/Dimensions") == std::string::npos);
  CHECK(e.find("/RegioSCodes") == std::string::npos);
  CHECK(e.find("/RegioCodes") == std::string::npos);
  for (const char* predecessor : {"82970NED/", "82972NED/", "84134NED/"})
    CHECK(e.find(predecessor) == std::string::npos);
}

}  // namespace

TEST_CASE("CBS at full size: a memo with costs reads 85099NED and 83454NED, nothing else it does not need",
          "[endpoint][cbs][budget]") {
  const fs::path dir = outputDir("cbs-budget-costs");
  FakeCbs cbs({"--catalog", "--full", "--tables", "85098NED,85097NED,85099NED,83454NED"});
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
  const std::vector<Logged> log = cbs.log();
  for (const auto& l : log) {
    INFO(l.target);
    CHECK(l.status == 200);
    checkNothingKnownAsked(l);
    bytes += l.bytes;
    const std::size_t at = l.target.find("/CBS/");
    REQUIRE(at != std::string::npos);
    ++perTable[l.target.substr(at + 5, 8)];
    if (l.target.find("/Observations") != std::string::npos) {
      const bool costs = l.target.find("/83454NED/") != std::string::npos;  // its region field is "Regio"
      CHECK(l.target.find(costs ? "Regio eq 'GM0546'" : "RegioS eq 'GM0546'") != std::string::npos);
      CHECK(l.target.find(costs ? "startswith(Regio,'NL01')" : "startswith(RegioS,'NL01')") != std::string::npos);
      CHECK(l.target.find("'GM0363'") == std::string::npos);
    }
  }
  // 85098NED (the main table), the two tables of kosten_per_jongere's inputs, nothing else.
  CHECK(perTable.size() == 3);
  CHECK(perTable.count("85098NED"));
  CHECK(perTable.count("85099NED"));
  CHECK(perTable.count("83454NED"));
  // The memo budget: three tables within 15 requests cold (docs/performance.md: 3 + 4 + 3; it
  // was 18 before the known tables' dimensions and code lists were no longer asked for twice).
  WARN("costs memo, cold: requests " << log.size() << ", bytes " << bytes);
  CHECK(log.size() <= 15);
  CHECK(bytes <= 1000 * 1000);
  // 85099NED's count and share of the same title are told apart by their unit, not by asking for
  // the measure groups; the form-of-care list of 85099NED serves 83454NED too.
  int formLists = 0;
  for (const auto& l : log) {
    CHECK(entityOf(l) != "85099NED/MeasureGroups");
    formLists += entityOf(l).find("/VormenVanJeugdzorgCodes") != std::string::npos ? 1 : 0;
  }
  CHECK(formLists == 1);

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

TEST_CASE(
    "CBS at full size: the raadsinformatiebrief against a host with all its tables, cold within 15 requests "
    "and 1 MB, warm only revalidations",
    "[endpoint][cbs][budget]") {
  const fs::path dir = outputDir("cbs-budget");
  FakeCbs cbs({"--catalog", "--full", "--tables", "85098NED,85097NED,85099NED,83454NED"});
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
  const std::vector<Logged> first = cbs.log();
  std::size_t bytes = 0;
  std::map<std::string, int> observations;
  for (const auto& l : first) {
    INFO(l.target);
    // The template needs 85098NED, 85097NED (inflow, referrers, outcome) and the cost per
    // trajectory (85099NED's trajectories, 83454NED's costs); no year before 2021.
    CHECK(l.status == 200);
    checkNothingKnownAsked(l);
    bytes += l.bytes;
    if (l.target.find("/Observations") == std::string::npos) continue;
    const std::string table = entityOf(l).substr(0, 8);
    ++observations[table];
    // Leiden's youth-care region Holland Rijnland: all its municipalities (Kaag en Braassem too),
    // the region and the Netherlands (CBS pads their codes: matched by their start); nothing of
    // another region (Amsterdam, Zoetermeer).
    const std::string geo = table == "83454NED" ? "Regio" : "RegioS";
    CHECK(l.target.find(geo + " eq 'GM0546'") != std::string::npos);
    CHECK(l.target.find(geo + " eq 'GM1884'") != std::string::npos);
    CHECK(l.target.find("startswith(" + geo + ",'JZ18')") != std::string::npos);
    CHECK(l.target.find("startswith(" + geo + ",'NL01')") != std::string::npos);
    CHECK(l.target.find("'GM0363'") == std::string::npos);
    CHECK(l.target.find("'GM0637'") == std::string::npos);
  }
  CHECK(observations == std::map<std::string, int>{{"83454NED", 1}, {"85097NED", 1}, {"85098NED", 1}, {"85099NED", 1}});
  WARN("raadsinformatiebrief, all tables, cold: requests " << first.size() << ", bytes " << bytes);
  CHECK(first.size() <= 15);
  CHECK(bytes <= 1000 * 1000);

  // The memo holds the replay's figures for Leiden (as the core reads the same filtered answers):
  // 85098NED's share and the cost per trajectory computed from 83454NED and 85099NED.
  sources::LoadOptions options;
  options.bundledDataset = RAADSBRIEF_DEMO_DATASET;
  options.municipalities = {"Leiden"};
  options.indicators = {"jeugdhulp", "kosten_per_traject"};
  const sources::Loaded loaded = sources::load(sources::parseSource(cbs.url()), options);
  const std::string body = OdfDocument(cold).bodyText();
  CHECK_THAT(body, Catch::Contains(text::formatObservation(loaded.dataset->observation("GM0546", "jeugdhulp", "2023"),
                                                           *loaded.dataset->findIndicator("jeugdhulp"))));
  const model::Observation perTrajectory = loaded.dataset->observation("GM0546", "kosten_per_traject", "2023");
  REQUIRE(loaded.dataset->findIndicator("kosten_per_traject"));
  if (perTrajectory.hasValue())
    CHECK_THAT(body, Catch::Contains(
                         text::formatObservation(perTrajectory, *loaded.dataset->findIndicator("kosten_per_traject"))));
  const std::size_t before = cbs.log().size();

  // Warm: the same cache, a new soffice: every request is a revalidation answered 304.
  (void)generate("warm");
  const std::vector<Logged> second = cbs.log();
  REQUIRE(second.size() > before);
  CHECK(second.size() - before == first.size());
  WARN("raadsinformatiebrief, all tables, warm: requests " << second.size() - before);
  for (std::size_t k = before; k < second.size(); ++k) {
    INFO(second[k].target);
    CHECK(second[k].status == 304);
    CHECK(second[k].bytes == 0);
  }

  // A refresh of that memo asks for the same region: the municipality of its bindings.
  const RunResult refreshed = cli({"refresh", cold.string(), "--source", cbs.url(), "--dry-run"}, env);
  INFO("stderr: " << refreshed.err);
  REQUIRE(refreshed.exitCode == 0);
  const std::vector<Logged> third = cbs.log();
  int refreshObservations = 0;
  for (std::size_t k = second.size(); k < third.size(); ++k) {
    if (third[k].target.find("/Observations") == std::string::npos) continue;
    ++refreshObservations;
    CHECK(third[k].target.find(" eq 'GM1884'") != std::string::npos);
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
  FakeCbs cbs({"--catalog", "--full"});
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
  const std::vector<Logged> log = cbs.log();
  std::size_t bytes = 0;
  for (const auto& l : log) {
    INFO(l.target);
    // The tables this replay lacks (all but 85098NED and 85097NED) answer 404 once, on MeasureCodes.
    CHECK((l.status == 200 || (l.status == 404 && l.target.find("/MeasureCodes") != std::string::npos)));
    CHECK(l.target.find("/Observations") == std::string::npos);
    bytes += l.bytes;
  }
  CHECK_FALSE(log.empty());
  WARN("municipalities list, cold: requests " << log.size() << ", bytes " << bytes);
  CHECK(log.size() <= 6 * sources::cbsCatalogTables().size());  // metadata and code lists of each table
  CHECK(bytes <= 300 * 1000);
}
