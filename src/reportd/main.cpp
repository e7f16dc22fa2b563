// raadsbrief-reportd: serves one dataset file over the Raadsbrief reporting API v1
// (docs/reporting-api.md). Prints its address on one line, then serves until SIGINT/SIGTERM.
#include <charconv>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <pthread.h>
#include <signal.h>
#include <string>

#include "Error.hpp"
#include "ReportServer.hpp"
#include "ReportingApi.hpp"

namespace fs = std::filesystem;
using raadsbrief::Error;
using raadsbrief::ErrorKind;

namespace {

constexpr const char* kUsage = R"(raadsbrief-reportd - serveert een Raadsbrief-dataset over de rapportage-API v1

Gebruik:
  raadsbrief-reportd [--port N] [--data BESTAND] [--bind ADRES] [--token TOKEN]
                     [--max-threads N]

  --port N          poort (standaard 8085; 0 = een vrije poort, die de startregel noemt)
  --data BESTAND    dataset in het Raadsbrief-formaat (docs/dataset-format.md);
                    standaard de meegeleverde voorbeeldcijfers
  --bind ADRES      adres om op te luisteren (standaard 127.0.0.1)
  --token TOKEN     eis 'Authorization: Bearer TOKEN'. Liever via de omgevingsvariabele
                    RAADSBRIEF_REPORTD_TOKEN: dan staat het token niet in de proceslijst
  --max-threads N   zoveel verbindingen tegelijk (standaard 32)
  --help, -h        deze hulp

Bij de start schrijft raadsbrief-reportd één regel naar stdout:
  raadsbrief-reportd: http://127.0.0.1:8085/api/v1 (dataset: BESTAND)
en stopt netjes op SIGINT of SIGTERM. De API: docs/reporting-api.md.

Afsluitcodes: 0 gestopt, 1 interne fout, 2 verkeerd gebruik, een onleesbare of ongeldige
dataset, of een adres of poort waarop niet geluisterd kan worden.
)";

struct Options {
  bool help = false;
  raadsbrief::reportd::ServerOptions server;
  std::optional<fs::path> data;
  std::string token;
};

int parseNumber(const std::string& option, const std::string& text, int min, int max) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || value < min || value > max)
    throw Error(ErrorKind::Usage, "--" + option + " moet een getal van " + std::to_string(min) + " tot en met " +
                                      std::to_string(max) + " zijn, niet '" + text + "'");
  return value;
}

void checkToken(const std::string& token, const std::string& origin) {
  if (token.empty()) throw Error(ErrorKind::Usage, origin + " is leeg");
  for (const char c : token)
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
      throw Error(ErrorKind::Usage, origin + " mag alleen zichtbare ASCII-tekens bevatten");
}

Options parse(int argc, char** argv) {
  Options o;
  if (const char* env = std::getenv("RAADSBRIEF_REPORTD_TOKEN"); env && *env) {
    o.token = env;
    checkToken(o.token, "RAADSBRIEF_REPORTD_TOKEN");
  }
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      o.help = true;
      return o;
    }
    if (arg.rfind("--", 0) != 0) throw Error(ErrorKind::Usage, "onverwacht argument '" + arg + "' (zie --help)");
    std::string name = arg.substr(2), value;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    } else if (name == "port" || name == "data" || name == "bind" || name == "token" || name == "max-threads") {
      if (i + 1 >= argc) throw Error(ErrorKind::Usage, "--" + name + " mist een waarde");
      value = argv[++i];
    }
    if (name == "port") {
      o.server.port = static_cast<std::uint16_t>(parseNumber(name, value, 0, 65535));
    } else if (name == "data") {
      if (value.empty()) throw Error(ErrorKind::Usage, "--data is leeg");
      o.data = fs::path(value);
    } else if (name == "bind") {
      if (value.empty()) throw Error(ErrorKind::Usage, "--bind is leeg");
      o.server.bindAddress = value;
    } else if (name == "token") {
      checkToken(value, "--token");
      o.token = value;
    } else if (name == "max-threads") {
      o.server.maxThreads = parseNumber(name, value, 1, 1024);
    } else {
      throw Error(ErrorKind::Usage, "onbekende optie --" + name + " (zie --help)");
    }
  }
  return o;
}

/// The bundled demo dataset: installed next to the program (<prefix>/share/raadsbrief), else the
/// one in the source tree this program was built from.
fs::path defaultDataset() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = self.parent_path() / ".." / "share" / "raadsbrief" / "demo-dataset.json";
    if (fs::is_regular_file(installed, ec)) return fs::weakly_canonical(installed, ec);
  }
  return RAADSBRIEF_SOURCE_DEMO_DATASET;
}

int run(int argc, char** argv) {
  const Options o = parse(argc, argv);
  if (o.help) {
    std::cout << kUsage;
    return 0;
  }
  const fs::path data = o.data.value_or(defaultDataset());
  raadsbrief::reportd::ApiOptions apiOptions;
  apiOptions.bearerToken = o.token;
  std::shared_ptr<const raadsbrief::reportd::ReportingApi> api;
  try {
    api = raadsbrief::reportd::loadReportingApi(data, apiOptions);
  } catch (const Error& e) {
    // Unreadable or invalid: both are a wrong --data for this program.
    throw Error(ErrorKind::Usage, e.what());
  }

  // SIGINT/SIGTERM are taken with sigwait below: block them before any thread starts, so that
  // every thread inherits the mask and none of them is interrupted.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  raadsbrief::reportd::ReportServer server(api, o.server);
  server.start();
  std::cout << "raadsbrief-reportd: " << server.baseUrl() << " (dataset: " << data.string() << ")" << std::endl;

  int received = 0;
  while (sigwait(&signals, &received) != 0) {
  }
  server.stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const Error& e) {
    std::cerr << "raadsbrief-reportd: " << e.what() << std::endl;
    return e.kind() == ErrorKind::Usage ? 2 : 1;
  } catch (const std::exception& e) {
    std::cerr << "raadsbrief-reportd: interne fout: " << e.what() << std::endl;
    return 1;
  }
}
