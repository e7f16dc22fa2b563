#include "TestSupport.hpp"

#include <catch2/catch.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/URI.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "data/DatasetReader.hpp"
#include "net/HttpClient.hpp"
#include "text/DutchFormat.hpp"

namespace fs = std::filesystem;

namespace raadsbrief::test {
namespace {

/// Processes whose command line mentions our test profile (a soffice we left behind).
std::vector<std::string> leftoverOffices() {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::ifstream cmdline(entry.path() / "cmdline", std::ios::binary);
    if (!cmdline) continue;
    const std::string args = slurp(cmdline);
    if (args.find(RAADSBRIEF_TEST_PROFILE) != std::string::npos && args.find("soffice") != std::string::npos)
      found.push_back(entry.path().filename().string());
  }
  return found;
}

}  // namespace

std::string slurp(std::istream& in) {
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

RunResult run(const std::string& program, const std::vector<std::string>& args,
              const std::map<std::string, std::string>& env) {
  Poco::Pipe outPipe, errPipe;
  Poco::Process::Env extra(env.begin(), env.end());
  Poco::ProcessHandle handle =
      Poco::Process::launch(program, args, fs::current_path().string(), nullptr, &outPipe, &errPipe, extra);
  Poco::PipeInputStream out(outPipe), err(errPipe);
  RunResult r;
  r.out = slurp(out);
  r.err = slurp(err);
  r.exitCode = handle.wait();
  return r;
}

RunResult cli(std::vector<std::string> args, const std::map<std::string, std::string>& env) {
  args.push_back("--profile");
  args.push_back(RAADSBRIEF_TEST_PROFILE);
  RunResult r = run(RAADSBRIEF_CLI, args, env);
  INFO("stderr: " << r.err);
  CHECK(leftoverOffices().empty());
  return r;
}

fs::path outputDir(const std::string& name) {
  const fs::path dir = fs::path(RAADSBRIEF_TEST_OUTPUT) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

const model::Dataset& demo() {
  static const model::Dataset ds = data::readDatasetFile(RAADSBRIEF_DEMO_DATASET);
  return ds;
}

std::string expected(const std::string& region, const std::string& indicator, const std::string& period) {
  const auto* ind = demo().findIndicator(indicator);
  REQUIRE(ind);
  return text::formatObservation(demo().observation(region, indicator, period), *ind);
}

std::string expectedDifference(const std::string& region, const std::string& base, const std::string& indicator,
                               const std::string& period) {
  const auto* ind = demo().findIndicator(indicator);
  REQUIRE(ind);
  const auto a = demo().observation(region, indicator, period), b = demo().observation(base, indicator, period);
  if (!a.hasValue() || !b.hasValue()) return text::kNoFigure;
  return text::formatDifference(text::roundTo(a.value, ind->decimals) - text::roundTo(b.value, ind->decimals),
                                ind->unit, ind->decimals);
}

BackgroundServer::BackgroundServer(const std::string& program, const std::vector<std::string>& args,
                                   const std::map<std::string, std::string>& env)
    : handle_(Poco::Process::launch(program, args, nullptr, &outPipe_, nullptr,
                                    Poco::Process::Env(env.begin(), env.end()))) {
  Poco::PipeInputStream out(outPipe_);
  std::string line;
  std::getline(out, line);
  std::smatch m;
  if (!std::regex_search(line, m, std::regex(R"((http://127\.0\.0\.1:\d+/\S+))"))) {
    stop();
    FAIL(program << " did not announce its address: '" << line << "'");
  }
  url_ = m[1];
}

void BackgroundServer::stop() {
  if (stopped_) return;
  stopped_ = true;
  Poco::Process::requestTermination(handle_.id());
  handle_.wait();
}

std::filesystem::path demoDatasetAYearLater(const std::filesystem::path& dir, const std::string& status,
                                            std::optional<double> leidenYouthCare) {
  std::ifstream in(RAADSBRIEF_DEMO_DATASET);
  auto root = Poco::JSON::Parser().parse(in).extract<Poco::JSON::Object::Ptr>();
  Poco::JSON::Object period;
  period.set("id", "2024");
  period.set("status", status);
  root->getArray("periods")->add(period);
  auto observations = root->getObject("observations");
  for (const auto& region : *observations) {
    auto indicators = observations->getObject(region.first);
    for (const auto& indicator : *indicators) {
      auto values = indicators->getObject(indicator.first);
      if (values->has("2023") && !values->isNull("2023")) values->set("2024", values->getValue<double>("2023") * 0.9);
    }
  }
  if (leidenYouthCare) observations->getObject("GM0546")->getObject("jeugdhulp")->set("2024", *leidenYouthCare);
  const std::filesystem::path out = dir / "cijfers-2024.json";
  std::ofstream file(out);
  root->stringify(file);
  return out;
}

FakeCbs::FakeCbs(const std::vector<std::string>& args)
    : BackgroundServer("/usr/bin/python3", [&] {
        std::vector<std::string> all{RAADSBRIEF_FAKE_CBS};
        all.insert(all.end(), args.begin(), args.end());
        return all;
      }()) {}

std::vector<FakeCbs::Logged> FakeCbs::log() const {
  const std::string& u = url();
  const std::size_t odata = u.find("/odata/");
  const std::size_t v3 = u.find("/ODataApi/");
  const std::size_t v4 = u.find("/CBS/");
  const std::size_t cut = odata != std::string::npos ? odata : (v3 != std::string::npos ? v3 : v4);
  net::HttpClient client(net::HttpOptions{});
  const auto response = client.get(u.substr(0, cut) + "/replay-log-bytes");
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

fs::path convertedByOffice(const fs::path& file, const std::string& format, const fs::path& outdir) {
  const RunResult r =
      run(SOFFICE, {"--headless", "--norestore", "-env:UserInstallation=file://" RAADSBRIEF_CONVERT_PROFILE,
                    "--convert-to", format, "--outdir", outdir.string(), file.string()});
  INFO(r.out << r.err);
  REQUIRE(r.exitCode == 0);
  const fs::path out = outdir / (file.stem().string() + "." + format);
  REQUIRE(fs::exists(out));
  return out;
}

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

ListeningOffice::ListeningOffice(const std::string& pipe)
    : handle_(Poco::Process::launch(RAADSBRIEF_SOFFICE_BIN,
                                    {"--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
                                     "--nolockcheck", "-env:UserInstallation=file://" RAADSBRIEF_TEST_PROFILE,
                                     "--accept=pipe,name=" + pipe + ";urp;StarOffice.ComponentContext"},
                                    nullptr, nullptr, nullptr)) {}

ListeningOffice::~ListeningOffice() {
  Poco::Process::requestTermination(handle_.id());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (Poco::Process::isRunning(handle_) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  if (Poco::Process::isRunning(handle_)) Poco::Process::kill(handle_);
  handle_.wait();
}

RunResult runConnected(const std::string& pipe, std::vector<std::string> args,
                       const std::map<std::string, std::string>& env) {
  args.emplace_back("--connect");
  args.push_back(pipe);
  RunResult r;
  for (int attempt = 0; attempt < 100; ++attempt) {
    r = run(RAADSBRIEF_CLI, args, env);
    if (r.exitCode != 6 || r.err.find("Geen LibreOffice gevonden") == std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return r;
}

}  // namespace raadsbrief::test
