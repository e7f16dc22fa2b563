#pragma once
// The command line of `raadsbrief`, parsed: the command, its options and operands.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace raadsbrief::cli {

/// What the command line said; no option is interpreted here beyond its syntax.
struct Arguments {
  std::string command;
  std::map<std::string, std::string> values;
  std::vector<std::string> sources;      ///< every --source, in order
  std::vector<std::string> insecureTls;  ///< every --insecure-tls URL
  bool verbose = false;
  bool allowStale = false;
  bool pdfA = false;
  bool dryRun = false;
  std::vector<std::string> operands;  ///< positional arguments after the command
  bool pdf = false;                   ///< batch: also a PDF
  bool strict = false;                ///< a figure the sources lack is an error (exit 5), nothing is left out
  bool force = false;                 ///< a read-only output file may be replaced

  [[nodiscard]] std::optional<std::string> get(const std::string& name) const {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  }
  /// The value of --name; Error(Usage) when it is missing or empty.
  [[nodiscard]] std::string require(const std::string& name) const;
};

/// Parses argv; Error(Usage) for an unknown option, a missing value or a stray operand.
Arguments parse(int argc, char** argv);

/// --name as a whole number of at least `min`, `fallback` when not given; Error(Usage) otherwise.
int intArgument(const Arguments& a, const std::string& name, int fallback, int min);

}  // namespace raadsbrief::cli
