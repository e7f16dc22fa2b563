#include "Arguments.hpp"

#include <algorithm>

#include "Error.hpp"

namespace raadsbrief::cli {

std::string Arguments::require(const std::string& name) const {
  auto v = get(name);
  if (!v || v->empty()) throw Error(ErrorKind::Usage, "--" + name + " ontbreekt (zie raadsbrief --help)");
  return *v;
}

Arguments parse(int argc, char** argv) {
  static const std::vector<std::string> withValue{"template",       "municipality", "period", "source",  "output",
                                                  "profile",        "connect",      "oxt",    "soffice", "insecure-tls",
                                                  "municipalities", "output-dir",   "jobs",   "shard",   "timeout"};
  Arguments a;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      a.command = "help";
      return a;
    }
    if (arg == "--version") {
      a.command = "version";
      return a;
    }
    if (arg == "--verbose") {
      a.verbose = true;
      continue;
    }
    if (arg == "--allow-stale") {
      a.allowStale = true;
      continue;
    }
    if (arg == "--pdfa") {
      a.pdfA = true;
      continue;
    }
    if (arg == "--dry-run") {
      a.dryRun = true;
      continue;
    }
    if (arg == "--pdf") {
      a.pdf = true;
      continue;
    }
    if (arg == "--strict") {
      a.strict = true;
      continue;
    }
    if (arg == "--force") {
      a.force = true;
      continue;
    }
    if (arg.rfind("--", 0) == 0) {
      std::string name = arg.substr(2), value;
      const auto eq = name.find('=');
      if (eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        throw Error(ErrorKind::Usage, "--" + name + " mist een waarde");
      }
      if (std::find(withValue.begin(), withValue.end(), name) == withValue.end())
        throw Error(ErrorKind::Usage, "onbekende optie --" + name + " (zie raadsbrief --help)");
      if (name == "source") a.sources.push_back(value);
      if (name == "insecure-tls") a.insecureTls.push_back(value);
      a.values[name] = value;
      continue;
    }
    if (!a.command.empty()) {
      a.operands.push_back(arg);
      continue;
    }
    a.command = arg;
  }
  if (a.command.empty()) throw Error(ErrorKind::Usage, "geen opdracht gegeven (zie raadsbrief --help)");
  const std::size_t operands = a.command == "refresh" ? 1 : 0;
  if (a.operands.size() > operands) throw Error(ErrorKind::Usage, "onverwacht argument '" + a.operands[operands] + "'");
  if (a.operands.size() < operands) throw Error(ErrorKind::Usage, "raadsbrief " + a.command + " mist het document");
  return a;
}

int intArgument(const Arguments& a, const std::string& name, int fallback, int min) {
  const auto v = a.get(name);
  if (!v) return fallback;
  try {
    std::size_t used = 0;
    const int n = std::stoi(*v, &used);
    if (used == v->size() && n >= min) return n;
  } catch (const std::exception&) {
  }
  throw Error(ErrorKind::Usage,
              "--" + name + " verwacht een geheel getal vanaf " + std::to_string(min) + ", niet '" + *v + "'");
}

}  // namespace raadsbrief::cli
