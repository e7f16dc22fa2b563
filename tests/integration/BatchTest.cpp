// `raadsbrief batch`: the real CLI with a pool of real headless soffice workers. The documents are
// opened and compared with the dataset; resuming, a failing municipality, shards, an endpoint
// asked once per run, and a worker killed with SIGKILL are checked from the outside.
#include <catch2/catch.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "LoopbackServer.hpp"
#include "OdfDocument.hpp"
#include "ReportingApi.hpp"
#include "TestSupport.hpp"
#include "data/DatasetReader.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;
using namespace raadsbrief::test;

namespace {

Poco::JSON::Object::Ptr readSummary(const fs::path& path) {
  std::ifstream in(path);
  REQUIRE(in);
  return Poco::JSON::Parser().parse(in).extract<Poco::JSON::Object::Ptr>();
}

/// code → the municipality's entry of the summary.
std::map<std::string, Poco::JSON::Object::Ptr> entries(const Poco::JSON::Object::Ptr& summary) {
  std::map<std::string, Poco::JSON::Object::Ptr> out;
  const auto list = summary->getArray("municipalities");
  for (unsigned i = 0; i < list->size(); ++i) {
    auto e = list->getObject(i);
    out[e->getValue<std::string>("code")] = e;
  }
  return out;
}

std::string statusOf(const std::map<std::string, Poco::JSON::Object::Ptr>& e, const std::string& code) {
  const auto it = e.find(code);
  return it == e.end() ? std::string("(ontbreekt)") : it->second->getValue<std::string>("status");
}

/// The ODT holds this municipality's figures, next to its region's and the country's.
void checkMemo(const fs::path& odt, const std::string& code) {
  INFO(odt);
  REQUIRE(fs::exists(odt));
  const OdfDocument doc(odt);
  const Table t = doc.table("Raadsbrief_tabel_1");
  const model::Region* municipality = demo().findRegion(code);
  REQUIRE(municipality);
  REQUIRE(t.size() == demo().indicators().size() + 1);
  CHECK(t[0][1] == municipality->name);
  for (std::size_t i = 0; i < demo().indicators().size(); ++i) {
    const auto& id = demo().indicators()[i].id;
    CHECK(t[i + 1][1] == expected(code, id, "2023"));
    CHECK(t[i + 1][2] == expected(municipality->youthCareRegion, id, "2023"));
    CHECK(t[i + 1][3] == expected("NL01", id, "2023"));
  }
  CHECK_THAT(doc.bodyText(), Catch::Contains("In 2023 kreeg " + expected(code, "jeugdhulp", "2023")));
}

void checkPdf(const fs::path& pdf, const std::string& code) {
  INFO(pdf);
  REQUIRE(fs::exists(pdf));
  const RunResult text = run(PDFTOTEXT, {pdf.string(), "-"});
  REQUIRE(text.exitCode == 0);
  CHECK_THAT(text.out, Catch::Contains(demo().findRegion(code)->name));
  CHECK_THAT(text.out, Catch::Contains(expected(code, "jeugdhulp", "2023")));
}

std::vector<std::string> batchArgs(const fs::path& dir, const std::string& municipalities, int jobs) {
  return {"batch",      "--template",       "raadsinformatiebrief", "--period",
          "2023",       "--municipalities", municipalities,         "--output-dir",
          dir.string(), "--jobs",           std::to_string(jobs)};
}

std::vector<fs::path> leftoverTemporaries(const fs::path& dir) {
  std::vector<fs::path> found;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".tmp") found.push_back(e.path());
  return found;
}

fs::file_time_type mtime(const fs::path& p) { return fs::last_write_time(p); }

/// The soffice.bin processes whose command line names this profile.
std::vector<pid_t> officesOn(const std::string& profile) {
  std::vector<pid_t> found;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream cmdline(entry.path() / "cmdline", std::ios::binary);
    const std::string args = slurp(cmdline);
    if (args.find("soffice.bin") != std::string::npos && args.find(profile) != std::string::npos)
      found.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return found;
}

}  // namespace

TEST_CASE("Batch: two workers make ODT and PDF from the data, a bad code fails alone, a rerun resumes", "[batch]") {
  const fs::path dir = outputDir("batch");
  const std::vector<std::string> good{"GM0546", "GM0392", "GM0473", "GM0415"};  // Leiden Haarlem Zandvoort Landsmeer
  auto args = batchArgs(dir, "GM0546,Haarlem,GM9999,Zandvoort,GM0415", 2);
  args.push_back("--pdf");
  const RunResult r = cli(args);
  INFO("stderr: " << r.err << "\nstdout: " << r.out);
  CHECK(r.exitCode == 8);  // one failed, the others were made
  CHECK_THAT(r.out, Catch::Contains("Mislukt:\n  GM9999: "));
  const auto summary = readSummary(dir / "raadsbrief-batch.json");
  const auto e = entries(summary);
  CHECK(summary->getObject("counts")->getValue<int>("gemaakt") == 4);
  CHECK(summary->getObject("counts")->getValue<int>("mislukt") == 1);
  CHECK(summary->getValue<int>("jobs") == 2);
  CHECK(statusOf(e, "GM9999") == "mislukt");
  CHECK(e.at("GM9999")->getValue<int>("exit_code") == 3);
  for (const auto& code : good) {
    CHECK(statusOf(e, code) == "gemaakt");
    const fs::path stem = dir / e.at(code)->getArray("outputs")->getElement<std::string>(0);
    checkMemo(stem, code);
    checkPdf(fs::path(stem).replace_extension(".pdf"), code);
  }
  CHECK(leftoverTemporaries(dir).empty());

  // Again: what is complete stays as it is; a missing PDF is made again (with its ODT).
  const fs::path leiden = dir / "GM0546-leiden.odt", zandvoortPdf = dir / "GM0473-zandvoort.pdf";
  const auto leidenTime = mtime(leiden);
  fs::remove(zandvoortPdf);
  const RunResult again = cli(args);
  INFO("stderr: " << again.err);
  CHECK(again.exitCode == 8);
  const auto e2 = entries(readSummary(dir / "raadsbrief-batch.json"));
  CHECK(statusOf(e2, "GM0546") == "al aanwezig");
  CHECK(statusOf(e2, "GM0392") == "al aanwezig");
  CHECK(statusOf(e2, "GM0415") == "al aanwezig");
  CHECK(statusOf(e2, "GM0473") == "gemaakt");
  CHECK(statusOf(e2, "GM9999") == "mislukt");
  CHECK(mtime(leiden) == leidenTime);
  checkPdf(zandvoortPdf, "GM0473");
}

TEST_CASE("Batch: all skips municipalities without figures, with the reason in the summary", "[batch]") {
  const fs::path dir = outputDir("batch-all-shard");
  // One shard of 'all' keeps this short: 342 municipalities split in 40 parts of 8 or 9.
  auto args = batchArgs(dir, "all", 1);
  args.insert(args.end(), {"--shard", "11/40"});
  const RunResult r = cli(args);
  INFO("stderr: " << r.err << "\nstdout: " << r.out);
  REQUIRE(r.exitCode == 0);
  const auto summary = readSummary(dir / "raadsbrief-batch-11-van-40.json");
  const auto e = entries(summary);
  CHECK(e.size() == 9);  // items 10, 50, 90, ... of the 342 sorted by code (2 with figures)
  int made = 0, skipped = 0;
  for (const auto& [code, entry] : e) {
    if (demo().hasFigures(code)) {
      CHECK(statusOf(e, code) == "gemaakt");
      checkMemo(dir / entry->getArray("outputs")->getElement<std::string>(0), code);
      ++made;
    } else {
      CHECK(statusOf(e, code) == "overgeslagen");
      CHECK(entry->getValue<std::string>("reason") == "geen cijfers");
      CHECK_FALSE(fs::exists(dir / entry->getArray("outputs")->getElement<std::string>(0)));
      ++skipped;
    }
  }
  CHECK(made == 2);
  CHECK(skipped >= 1);
  CHECK_THAT(r.out, Catch::Contains("overgeslagen") && Catch::Contains("geen cijfers"));
}

TEST_CASE("Batch: shards 1/2 and 2/2 together make every municipality exactly once", "[batch]") {
  const fs::path dir = outputDir("batch-shards");
  const std::string list = "GM0546,GM0392,GM0473,GM0415,GM0537";
  std::multiset<std::string> made;
  for (const char* shard : {"1/2", "2/2"}) {
    auto args = batchArgs(dir, list, 1);
    args.insert(args.end(), {"--shard", shard});
    const RunResult r = cli(args);
    INFO("stderr: " << r.err);
    REQUIRE(r.exitCode == 0);
  }
  const auto first = entries(readSummary(dir / "raadsbrief-batch-1-van-2.json"));
  const auto second = entries(readSummary(dir / "raadsbrief-batch-2-van-2.json"));
  CHECK(first.size() == 3);
  CHECK(second.size() == 2);
  for (const auto* part : {&first, &second})
    for (const auto& [code, entry] : *part) {
      CHECK(entry->getValue<std::string>("status") == "gemaakt");
      made.insert(code);
    }
  CHECK(made == std::multiset<std::string>{"GM0392", "GM0415", "GM0473", "GM0537", "GM0546"});
  CHECK(first.count("GM0546") == 1);  // deterministic: the list's 1st, 3rd and 5th
  CHECK(first.count("GM0473") == 1);
  CHECK(first.count("GM0537") == 1);
}

TEST_CASE("Batch: over an endpoint the figures are fetched once for the whole run", "[batch][endpoint]") {
  const fs::path dir = outputDir("batch-endpoint");
  reportd::ReportingApi api(data::readDatasetFile(RAADSBRIEF_DEMO_DATASET), std::chrono::system_clock::now());
  std::mutex mutex;
  std::vector<std::string> requests;
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  LoopbackServer server(socket, [&](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    {
      std::lock_guard lock(mutex);
      requests.push_back(request.getMethod() + " " + request.getURI());
    }
    reportd::ApiRequest in;
    in.method = request.getMethod();
    in.target = request.getURI();
    for (const auto& [name, value] : request) in.headers.emplace_back(name, value);
    const reportd::ApiResponse out = api.handle(in);
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(out.status));
    for (const auto& [name, value] : out.headers) response.set(name, value);
    response.sendBuffer(out.body.data(), out.body.size());
  });
  const std::string url = "http://127.0.0.1:" + std::to_string(socket.address().port()) + "/api/v1";
  auto args = batchArgs(dir, "GM0546,GM0392,GM0473,GM0415,GM0537", 2);
  args.insert(args.end(), {"--source", url});
  const RunResult r = cli(args, {{"XDG_CACHE_HOME", (dir / "cache").string()}});
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  server.stop();
  CHECK(requests == std::vector<std::string>{"GET /api/v1/dataset"});  // once, not per document or worker
  for (const auto& code : {"GM0546", "GM0392", "GM0473", "GM0415", "GM0537"}) {
    const fs::path odt =
        dir /
        (entries(readSummary(dir / "raadsbrief-batch.json")).at(code)->getArray("outputs")->getElement<std::string>(0));
    checkMemo(odt, code);
    CHECK_THAT(OdfDocument(odt).bodyText(), Catch::Contains("Bron: " + demo().source.name));
  }
}

TEST_CASE("Batch: a worker killed with SIGKILL mid-run is replaced and its document made again", "[batch][errors]") {
  const fs::path dir = outputDir("batch-kill");
  const std::string list = "GM0546,GM0392,GM0473,GM0415,GM0537,GM0575,GM0579,GM0603,GM0626,GM0629";
  auto args = batchArgs(dir, list, 2);
  args.insert(args.end(), {"--profile", RAADSBRIEF_TEST_PROFILE});
  Poco::Pipe outPipe, errPipe;
  Poco::ProcessHandle handle = Poco::Process::launch(RAADSBRIEF_CLI, args, nullptr, &outPipe, &errPipe);
  std::string out, err;
  std::thread reader([&] {
    Poco::PipeInputStream s(errPipe);
    err = slurp(s);
  });
  std::thread outReader([&] {
    Poco::PipeInputStream s(outPipe);
    out = slurp(s);
  });
  // Wait for the first document, then kill worker 1's soffice.bin (not its launcher).
  const std::string workerProfile = std::string(RAADSBRIEF_TEST_PROFILE) + "-werker-1";
  bool killed = false;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!killed && std::chrono::steady_clock::now() < deadline) {
    bool anyOutput = false;
    for (const auto& e : fs::directory_iterator(dir)) anyOutput |= e.path().extension() == ".odt";
    if (anyOutput) {
      for (const pid_t pid : officesOn(workerProfile)) killed |= ::kill(pid, SIGKILL) == 0;
      if (killed) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const int exitCode = handle.wait();
  reader.join();
  outReader.join();
  INFO("stderr: " << err << "\nstdout: " << out);
  REQUIRE(killed);
  CHECK(exitCode == 0);
  const auto summary = readSummary(dir / "raadsbrief-batch.json");
  CHECK(summary->getValue<int>("worker_restarts") >= 1);
  CHECK(summary->getObject("counts")->getValue<int>("gemaakt") == 10);
  const auto e = entries(summary);
  int retried = 0;
  for (const auto& [code, entry] : e) {
    CHECK(entry->getValue<std::string>("status") == "gemaakt");
    retried += entry->getValue<int>("attempts") == 2;
    checkMemo(dir / entry->getArray("outputs")->getElement<std::string>(0), code);
  }
  CHECK(retried >= 1);
  // Killed while generating ("stopte tijdens") or, on a slow machine, while still starting ("startte niet").
  CHECK_THAT(err, Catch::Contains("stopte tijdens") || Catch::Contains("startte niet"));
  CHECK(leftoverTemporaries(dir).empty());
  CHECK(officesOn(RAADSBRIEF_TEST_PROFILE).empty());
}

TEST_CASE("Generate: a template of one's own, given by its path", "[batch][templates]") {
  const fs::path dir = outputDir("own-template");
  const fs::path own = dir / "eigen sjabloon.ott";  // a space: the path becomes a proper file URL
  fs::copy_file(RAADSBRIEF_MEMO_OTT, own);
  const RunResult r = cli({"generate", "--template", own.string(), "--municipality", "GM0392", "--period", "2023",
                           "--output", (dir / "haarlem.odt").string()});
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  checkMemo(dir / "haarlem.odt", "GM0392");
  const RunResult missing = cli({"generate", "--template", (dir / "weg.ott").string(), "--municipality", "GM0392",
                                 "--output", (dir / "x.odt").string()});
  CHECK(missing.exitCode == 3);
  CHECK_FALSE(fs::exists(dir / "x.odt"));
}
