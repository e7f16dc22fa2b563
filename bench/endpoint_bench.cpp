// How many requests and bytes the figures of one briefing and of a 342-municipality run cost,
// cold (empty HTTP cache) and warm (cache filled: revalidation answered 304), against
// raadsbrief-reportd on loopback serving the demo dataset. Also the wall time (median of runs).
//
//   build/bench/endpoint_bench [RUNS]        (default 21; results in docs/performance.md)
//
// Then the same against CBS: tests/integration/fake_cbs.py --catalog --full, the loopback replay of
// CBS's v4 catalog at its real breadth (85098NED and 85097NED for all 342 municipalities, every
// measure, referrer and period: about half a million observations; ETags on every answer), for one
// memo (filtered on the municipality's youth-care region, as the component loads it: Leiden, and
// a municipality of the largest region), for one memo without that filter (what it would cost),
// and for a run over all 342 municipalities (each table read once, filtered on measures and
// periods only); first, the lists the dialogs and `raadsbrief municipalities` load (metadata and
// code lists only, no Observations). A memo asks only for the tables of its fields
// (plan::figureNeeds, as the component does). Requests, 304s and bytes come from the replay's own
// log (/replay-log-bytes).
//
// A run over many municipalities inside one soffice loads its source once (the component keeps an
// endpoint's dataset for 60 s) and then resolves every briefing from memory; that is what the
// "run" rows measure: one load plus the plan of every municipality's memo.
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <tuple>
#include <vector>

#include "ReportServer.hpp"
#include "data/DatasetReader.hpp"
#include "fields/Field.hpp"
#include "net/HttpClient.hpp"
#include "plan/Briefing.hpp"
#include "sources/Source.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;

namespace {

struct Sample {
  int requests = 0;
  std::size_t bytes = 0;
  double ms = 0;
  int documents = 0;
};

/// The fields of the memo template (as the component would find them).
const std::vector<std::string> kMemoFields{
    "{{gemeente}}",
    "{{jeugdregio}}",
    "{{periode}}",
    "{{datum}}",
    "{{cijfer jeugdhulp}}",
    "{{vergelijking jeugdhulp}}",
    "{{vergelijking residentieel}}",
    "{{cijfer jeugdbescherming}}",
    "{{ontwikkeling jeugdbescherming}}",
    "{{cijfer clienttevredenheid}}",
    "{{vergelijking clienttevredenheid met=jeugdregio}}",
    "{{ontwikkeling jeugdhulp van=2019}}",
    "{{cijfer jeugdreclassering}}",
    "{{cijfer jeugdreclassering regio=nederland}}",
    "{{cijfer kosten_per_traject}}",
    "{{ontwikkeling kosten_per_traject}}",
    "{{tabel vergelijking "
    "indicatoren=jeugdhulp,residentieel,jeugdbescherming,jeugdreclassering,kosten_per_traject,clienttevredenheid}}",
    "{{grafiek vergelijking indicatoren=jeugdhulp,residentieel,jeugdbescherming}}",
    "{{grafiek ontwikkeling jeugdhulp}}",
    "{{bron}}"};

Sample measure(const std::string& url, const fs::path& cache, bool allMunicipalities) {
  sources::LoadOptions options;
  options.http.cacheDir = cache;
  const auto start = std::chrono::steady_clock::now();
  const auto loaded = sources::load(sources::parseSource(url), options);
  Sample s{loaded.requests, loaded.bytesReceived, 0, 0};
  std::vector<plan::FieldOccurrence> fields;
  for (const auto& f : kMemoFields) fields.push_back({f, ""});
  for (const auto& region : loaded.dataset->regions()) {
    if (region.kind != model::RegionKind::Municipality) continue;
    if (!allMunicipalities && region.code != "GM0546") continue;
    if (!loaded.dataset->hasFigures(region.code)) continue;
    const plan::BriefingContext context(*loaded.dataset, region.code, "", "2026-11-25");
    (void)plan::resolveFields(fields, context);
    ++s.documents;
  }
  s.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return s;
}

Sample median(std::vector<Sample> samples);

/// The fields of the memo template as the CBS replay is asked for them: the ones CBS lacks
/// (client satisfaction, costs, 2019) are optional parts in the template, so planned apart.
const std::vector<std::string> kCbsMemoFields{
    "{{gemeente}}",
    "{{jeugdregio}}",
    "{{periode}}",
    "{{datum}}",
    "{{cijfer jeugdhulp}}",
    "{{vergelijking jeugdhulp}}",
    "{{vergelijking residentieel}}",
    "{{cijfer jeugdbescherming}}",
    "{{ontwikkeling jeugdbescherming}}",
    "{{cijfer jeugdreclassering}}",
    "{{cijfer jeugdreclassering regio=nederland}}",
    "{{tabel vergelijking indicatoren=jeugdhulp,residentieel,jeugdbescherming,jeugdreclassering}}",
    "{{grafiek vergelijking indicatoren=jeugdhulp,residentieel,jeugdbescherming}}",
    "{{grafiek ontwikkeling jeugdhulp}}",
    "{{bron}}"};

/// One request as the replay logged it.
struct Logged {
  int status = 0;
  std::size_t bytes = 0;
  std::string target;
};

/// The replay's own log of the CBS requests so far: status, bytes of the body sent, target.
std::vector<Logged> replayLog(const std::string& catalogUrl) {
  const std::string base = catalogUrl.substr(0, catalogUrl.find("/odata/"));
  net::HttpClient client(net::HttpOptions{});
  const auto response = client.get(base + "/replay-log-bytes");
  std::vector<Logged> lines;
  std::istringstream in(response.body);
  for (std::string line; std::getline(in, line);) {
    const std::size_t a = line.find('\t');
    const std::size_t b = line.find('\t', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    lines.push_back({std::stoi(line.substr(0, a)), std::stoul(line.substr(a + 1, b - a - 1)), line.substr(b + 1)});
  }
  return lines;
}

/// What the replay served for one load: requests, 304s, body bytes.
struct Served {
  int requests = 0, notModified = 0;
  std::size_t bytes = 0;
};

/// `municipality`: one memo of it, its youth-care region only (as the component loads it); with
/// `filtered` false the same memo from an unfiltered load; empty: a run over every municipality.
/// `lists`: only the lists the dialogs offer (LoadPolicy::observations false: no figures).
Sample measureCbs(const std::string& url, const fs::path& cache, const std::string& municipality, bool filtered,
                  bool lists, Served& served) {
  sources::LoadOptions options;
  options.bundledDataset = RAADSBRIEF_DEMO_DATASET;  // the youth-care regions' reference data lies beside it
  options.http.cacheDir = cache;
  if (filtered && !municipality.empty()) options.municipalities = {municipality};
  options.observations = !lists;
  if (!municipality.empty() && !lists) {  // one memo: only the tables of its fields (the component's pre-pass)
    const plan::FigureNeeds needs = plan::figureNeeds(kCbsMemoFields, {"2023"});
    options.indicators = needs.indicators;
    options.earliestYear = needs.earliestYear;
  }
  const std::size_t before = replayLog(url).size();
  const auto start = std::chrono::steady_clock::now();
  const auto loaded = sources::load(sources::parseSource(url), options);
  Sample s{loaded.requests, loaded.bytesReceived, 0, 0};
  std::vector<plan::FieldOccurrence> fields;
  for (const auto& f : kCbsMemoFields) fields.push_back({f, ""});
  const std::string only = municipality.empty() ? "" : loaded.dataset->municipality(municipality).code;
  for (const auto& region : loaded.dataset->regions()) {
    if (region.kind != model::RegionKind::Municipality) continue;
    if (lists) {  // a municipality listed with its youth-care region, as the dialogs list it
      s.documents += region.youthCareRegion.empty() ? 0 : 1;
      continue;
    }
    if (!only.empty() && region.code != only) continue;
    if (!loaded.dataset->hasFigures(region.code)) continue;
    const plan::BriefingContext context(*loaded.dataset, region.code, "2023", "2026-12-04");
    (void)plan::resolveFields(fields, context);
    ++s.documents;
  }
  s.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  const auto log = replayLog(url);
  served = {};
  for (std::size_t k = before; k < log.size(); ++k) {
    ++served.requests;
    served.notModified += log[k].status == 304 ? 1 : 0;
    served.bytes += log[k].bytes;
  }
  return s;
}

void cbsBench(int runs, const fs::path& root) {
  Poco::Pipe out;
  Poco::ProcessHandle fake =
      Poco::Process::launch("/usr/bin/python3", {RAADSBRIEF_FAKE_CBS, "--catalog", "--full"}, nullptr, &out, nullptr);
  Poco::PipeInputStream outStream(out);
  std::string line;
  std::getline(outStream, line);
  std::smatch m;
  if (!std::regex_search(line, m, std::regex(R"((http://127\.0\.0\.1:\d+/\S+))"))) {
    fmt::print("fake_cbs.py did not start: '{}'\n", line);
    Poco::Process::requestTermination(fake.id());
    fake.wait();
    return;
  }
  const std::string url = m[1];
  // The replay is Python and generates its answers: a few runs say enough (requests and bytes are
  // the point, and they do not vary between runs).
  runs = std::min(runs, 3);
  fmt::print("\nCBS v4 catalog replay at full size (fake_cbs.py --catalog --full): {} ({} runs each, medians)\n\n", url,
             runs);
  fmt::print(
      "| case | documents | requests | 304s | bytes served | bytes received | time (ms) |\n"
      "|---|---:|---:|---:|---:|---:|---:|\n");
  struct Case {
    const char* what;
    std::string municipality;
    bool filtered;
    bool lists;
  };
  const std::vector<Case> cases{
      {"the dialogs' lists only (municipalities with their region, periods, indicators; documents = municipalities "
       "listed)",
       "", false, true},
      {"one memo (Leiden; Holland Rijnland, 12 municipalities)", "Leiden", true, false},
      {"one memo (Eindhoven; Zuidoost-Brabant, 21 municipalities, the largest region)", "Eindhoven", true, false},
      {"one memo (Leiden) without the region filter", "Leiden", false, false},
      {"run over all 342 municipalities", "", false, false}};
  std::map<std::string, int> perEntity;  // one cold run over all municipalities, from the replay's log
  for (const auto& c : cases) {
    std::vector<Sample> cold, warm;
    std::vector<Served> coldServed, warmServed;
    for (int i = 0; i < runs; ++i) {
      const fs::path cache = root / fmt::format("cbs-cache-{}-{}-{}-{}", c.municipality, c.filtered, c.lists, i);
      const std::size_t before = replayLog(url).size();
      Served served;
      cold.push_back(measureCbs(url, cache, c.municipality, c.filtered, c.lists, served));
      coldServed.push_back(served);
      if (c.municipality.empty() && !c.lists && i == 0) {
        const auto log = replayLog(url);
        for (std::size_t k = before; k < log.size(); ++k) {
          std::string entity = log[k].target.substr(0, log[k].target.find('?'));
          entity = entity.substr(std::string("/odata/v1/CBS/").size());
          if (log[k].target.find("skip=") != std::string::npos) entity += " (next page)";
          ++perEntity[entity];
        }
      }
      warm.push_back(measureCbs(url, cache, c.municipality, c.filtered, c.lists, served));
      warmServed.push_back(served);
    }
    for (const auto& [label, samples, served] :
         {std::tuple{"cold", cold, coldServed}, std::tuple{"warm", warm, warmServed}}) {
      const Sample s = median(samples);
      const Served& r = served.back();  // the same in every run
      fmt::print("| {}, {} cache | {} | {} | {} | {} | {} | {:.1f} |\n", c.what, label, s.documents, r.requests,
                 r.notModified, r.bytes, s.bytes, s.ms);
    }
  }
  fmt::print(
      "\nRequests of one cold run over all municipalities, per table and entity:\n\n| entity | requests "
      "|\n|---|---:|\n");
  for (const auto& [entity, n] : perEntity) fmt::print("| {} | {} |\n", entity, n);
  Poco::Process::requestTermination(fake.id());
  fake.wait();
}

Sample median(std::vector<Sample> samples) {
  std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) { return a.ms < b.ms; });
  return samples[samples.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 21;
  auto api = std::make_shared<const reportd::ReportingApi>(data::readDatasetFile(RAADSBRIEF_DEMO_DATASET),
                                                           std::chrono::system_clock::now());
  reportd::ServerOptions serverOptions;
  serverOptions.port = 0;
  reportd::ReportServer server(api, serverOptions);
  server.start();
  const std::string url = server.baseUrl();
  const fs::path root = fs::temp_directory_path() / fmt::format("raadsbrief-bench-{}", ::getpid());

  fmt::print("endpoint_bench: {} ({} runs each, medians)\n\n", url, runs);
  fmt::print("| case | documents | requests | bytes received | time (ms) |\n|---|---:|---:|---:|---:|\n");
  for (const bool run : {false, true}) {
    std::vector<Sample> cold, warm;
    for (int i = 0; i < runs; ++i) {
      const fs::path cache = root / fmt::format("cache-{}-{}", run, i);
      cold.push_back(measure(url, cache, run));  // empty cache
      warm.push_back(measure(url, cache, run));  // same cache: If-None-Match → 304
    }
    const char* what = run ? "run over all municipalities" : "one briefing (Leiden)";
    for (const auto& [label, samples] : {std::pair{"cold", cold}, std::pair{"warm", warm}}) {
      const Sample m = median(samples);
      fmt::print("| {}, {} cache | {} | {} | {} | {:.1f} |\n", what, label, m.documents, m.requests, m.bytes, m.ms);
    }
  }
  server.stop();
  cbsBench(runs, root);
  fs::remove_all(root);
  return 0;
}
