#pragma once
/// The UNO-free half of `raadsbrief batch`: which municipalities a run covers (all, a file, a
/// list), the deterministic shard of a run spread over machines, the output names, resuming,
/// and the summary (JSON and a table for people). The office work is in src/cli/Batch.cpp.
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "Error.hpp"
#include "model/Dataset.hpp"

namespace raadsbrief::batch {

/// Part I of N (1-based) of a run: item k of the selection (0-based) belongs to part k % N + 1.
struct Shard {
  int index = 1;
  int count = 1;
};

/// "2/4" → {2, 4}. Throws Error(Usage) unless 1 ≤ I ≤ N.
[[nodiscard]] Shard parseShard(const std::string& text);

enum class Status {
  Made,      ///< made in this run
  Existing,  ///< all outputs were there already (resumed run): not made again
  Skipped,   ///< not made on purpose (no figures in the source, with --municipalities all)
  Failed,    ///< could not be made; the run went on
};

/// Dutch word for a status, as in the summary: "gemaakt", "al aanwezig", "overgeslagen", "mislukt".
[[nodiscard]] const char* statusName(Status status);

/// One municipality of a run.
struct Item {
  std::string code;  ///< CBS code, or the text as given when it is unknown
  std::string name;
  std::vector<std::filesystem::path> outputs;  ///< .odt first, then .pdf with --pdf
  Status status = Status::Made;
  std::string reason;                ///< why skipped or failed (Dutch, one line)
  int errorKind = 0;                 ///< ErrorKind of a failure (exit-code number), 0 otherwise
  int attempts = 0;                  ///< generation calls made (a retry after a worker died counts)
  double seconds = 0;                ///< wall time of the successful or last attempt
  std::vector<std::string> omitted;  ///< made, but these parts were left out (figures missing from the sources)
  bool pending = true;               ///< still to be made (false once decided)
};

struct Selection {
  bool all = false;                  ///< "--municipalities all"
  std::vector<std::string> entries;  ///< codes or names as given (all: the dataset's, sorted by code)
};

/// "all", a file (one code or name a line; '#' starts a comment) or a comma-separated list.
/// Throws Error(NotFound) for a named file that cannot be read, Error(Usage) for an empty list.
[[nodiscard]] Selection parseSelection(const std::string& text, const model::Dataset& dataset);

/// The items of one run (after the shard), with their outputs in `outputDir`
/// (`GM0546-leiden.odt`, and `.pdf` with `pdf`). Decided here already: unknown municipalities
/// (Failed, NotFound), municipalities without figures (with `all`: Skipped "geen cijfers";
/// named explicitly: Failed, NotFound), duplicates (dropped), and outputs that all exist
/// already (Existing: a resumed run skips them; outputs are only ever written whole).
[[nodiscard]] std::vector<Item> planRun(const Selection& selection, const model::Dataset& dataset, const Shard& shard,
                                        const std::filesystem::path& outputDir, bool pdf);

/// "GM0546-leiden": the code and the name in lower-case ASCII ("Súdwest-Fryslân" → "sudwest-fryslan").
[[nodiscard]] std::string outputStem(const std::string& code, const std::string& name);

struct RunInfo {
  std::string templateName, period;
  std::vector<std::string> sources;
  Shard shard;
  int jobs = 1;
  int workerRestarts = 0;
  double seconds = 0;
};

/// The summary as JSON (docs/batch.md describes the fields).
[[nodiscard]] std::string summaryJson(const std::vector<Item>& items, const RunInfo& info);

/// The summary for people: counts per status and reason, then every failure on its own line.
[[nodiscard]] std::string summaryTable(const std::vector<Item>& items, const RunInfo& info);

/// One progress line for a terminal: "[#######.......]  120/342  35%  nog ~0:42".
[[nodiscard]] std::string progressBar(std::size_t done, std::size_t total, std::chrono::duration<double> elapsed,
                                      int width = 30);

}  // namespace raadsbrief::batch
