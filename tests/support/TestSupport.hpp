#pragma once
// Shared by the integration tests: running programs (the CLI against the test profile), fresh
// output folders, and the demo dataset as the source of expected values.
#include <Poco/Pipe.h>
#include <Poco/Process.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/Dataset.hpp"

namespace raadsbrief::test {

struct RunResult {
  int exitCode = -1;
  std::string out, err;
};

/// Runs a program to its end, collecting exit code and output; `env` adds environment variables.
RunResult run(const std::string& program, const std::vector<std::string>& args,
              const std::map<std::string, std::string>& env = {});

/// Runs the CLI with --profile <test profile>; afterwards no soffice of ours may be left running.
RunResult cli(std::vector<std::string> args, const std::map<std::string, std::string>& env = {});

/// A fresh, empty output directory for one test case.
std::filesystem::path outputDir(const std::string& name);

const model::Dataset& demo();

/// The figure as Raadsbrief must print it, straight from the demo dataset.
std::string expected(const std::string& region, const std::string& indicator, const std::string& period);

/// The difference column's cell: `region` minus `base`, of the figures as printed (rounded), or "–".
std::string expectedDifference(const std::string& region, const std::string& base, const std::string& indicator,
                               const std::string& period);

/// The demo dataset a year later, written as `dir`/cijfers-2024.json: a period 2024 with `status`
/// ("voorlopig", "nader voorlopig"), every figure of 2023 times 0.9; `leidenYouthCare`, when
/// given, is Leiden's (GM0546) jeugdhulp in 2024 instead.
std::filesystem::path demoDatasetAYearLater(const std::filesystem::path& dir, const std::string& status,
                                            std::optional<double> leidenYouthCare = std::nullopt);

/// A server process on an ephemeral loopback port that announces its base URL on its first line
/// of output (raadsbrief-reportd, fake_cbs.py), for the lifetime of the object; `env` is added
/// to its environment.
class BackgroundServer {
 public:
  BackgroundServer(const std::string& program, const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env = {});
  ~BackgroundServer() { stop(); }
  BackgroundServer(const BackgroundServer&) = delete;
  BackgroundServer& operator=(const BackgroundServer&) = delete;
  [[nodiscard]] const std::string& url() const { return url_; }
  void stop();

 private:
  Poco::Pipe outPipe_;
  Poco::ProcessHandle handle_;
  std::string url_;
  bool stopped_ = false;
};

/// tests/integration/fake_cbs.py — a loopback replay of CBS's OData endpoints — started with
/// `args` (e.g. {"--catalog", "--full"}); url() is its catalog (or table) URL.
class FakeCbs : public BackgroundServer {
 public:
  explicit FakeCbs(const std::vector<std::string>& args);

  /// One request as the replay logged it (catalog and v3 modes).
  struct Logged {
    int status = 0;
    std::size_t bytes = 0;  ///< body bytes sent (0 for a 304)
    std::string target;     ///< decoded
  };
  /// Every CBS request the replay answered so far (GET /replay-log-bytes), in order.
  [[nodiscard]] std::vector<Logged> log() const;
};

/// A template of our own made from the memo's: its styles, with `body` (ODF paragraphs) as the
/// whole text. Written to DIR/cbs.ott.
/// `file` converted by LibreOffice (soffice --convert-to, a throwaway profile of its own) into
/// `format` ("ods", "xlsx", "odt") in `outdir`; the converted file, which must exist.
std::filesystem::path convertedByOffice(const std::filesystem::path& file, const std::string& format,
                                        const std::filesystem::path& outdir);

std::filesystem::path templateWithBody(const std::filesystem::path& dir, const std::string& body);

std::string slurp(std::istream& in);

/// A soffice listening on a pipe, on the test profile, for the lifetime of the object (the
/// extension must be installed there first, e.g. by cli({"templates"})); many CLI runs with
/// --connect share it instead of starting an office each.
class ListeningOffice {
 public:
  explicit ListeningOffice(const std::string& pipe);
  ~ListeningOffice();
  ListeningOffice(const ListeningOffice&) = delete;
  ListeningOffice& operator=(const ListeningOffice&) = delete;

 private:
  Poco::ProcessHandle handle_;
};

/// Runs the CLI with `args` plus --connect `pipe` against a ListeningOffice; retries while the
/// office is still starting (exit 6, "Geen LibreOffice gevonden"), so no test waits a fixed time.
RunResult runConnected(const std::string& pipe, std::vector<std::string> args,
                       const std::map<std::string, std::string>& env = {});

}  // namespace raadsbrief::test
