#pragma once
// `raadsbrief batch`: many municipalities' documents from one template, made by a pool of
// headless soffice workers (each with its own profile, reused across documents). The figures of
// a remote source are fetched once by the CLI and handed to the workers as a local snapshot.
#include <filesystem>
#include <string>
#include <vector>

#include "Office.hpp"
#include "batch/BatchPlan.hpp"

namespace raadsbrief::cli {

struct BatchOptions {
  std::string templateName;              ///< a shipped template's name, or an .ott's file URL
  std::string period;                    ///< empty: the newest
  std::vector<std::string> sources;      ///< as the service wants them ("bundled", file URL, http URL)
  std::vector<std::string> insecureTls;  ///< endpoints whose certificate is not checked
  bool allowStale = false;
  bool pdfA = false;
  bool strict = false;                 ///< a figure the sources lack fails the municipality
  std::string municipalities = "all";  ///< all | FILE | CODES
  std::filesystem::path outputDir;
  bool pdf = false;  ///< a PDF beside every ODT
  int jobs = 0;      ///< workers; 0 = one per core
  batch::Shard shard;
  std::filesystem::path bundledDataset;  ///< the demo dataset (the same as inside the extension)
  int timeoutSeconds = 300;              ///< a document taking longer: its worker is killed and replaced
  OfficeOptions office;                  ///< profile = the base profile the workers' profiles are copied from
};

/// Runs the batch; prints progress on stderr and the summary on stdout, writes the JSON summary
/// into the output folder. Returns 0 when nothing failed, 8 when one or more municipalities
/// failed (the others were made). Throws Error for what stops the whole run (usage, sources).
int runBatch(const BatchOptions& options);

}  // namespace raadsbrief::cli
