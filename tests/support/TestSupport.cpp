#include "TestSupport.hpp"

#include <catch2/catch.hpp>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "data/DatasetReader.hpp"
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
