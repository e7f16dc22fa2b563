#pragma once
/// Loading the figures: the one place that turns a list of sources into one dataset. The UNO
/// component (every generation, refresh and insertion), the options page's connection test and
/// the CLI's batch all call loadFigures/loadSource with a LoadPolicy of their own; what differs
/// between them is visible in that policy (retries, stale fallback, token provider, memo).
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "model/Dataset.hpp"
#include "net/HttpClient.hpp"
#include "sources/Source.hpp"

namespace raadsbrief::sources {

/// The sources of a document or a run, parsed once, in priority order: the first source's figures
/// win, later ones fill what it lacks. No sources at all means the bundled demo dataset.
class SourceList {
 public:
  SourceList();  ///< the bundled dataset alone
  /// One source per line (the service's Source argument); blank lines are skipped. Throws
  /// Error(Usage) for a source that cannot be parsed (parseSource).
  [[nodiscard]] static SourceList parse(const std::string& lines);
  [[nodiscard]] static SourceList of(const std::vector<std::string>& sources);

  [[nodiscard]] const std::vector<SourceSpec>& specs() const noexcept { return specs_; }
  /// The sources as they were given, one per line ("" stays "" for the bundled data).
  [[nodiscard]] const std::vector<std::string>& texts() const noexcept { return texts_; }

  /// The sources of this list that are neither the bundled dataset nor one of `trusted`
  /// (compared as parsed: kind and location). A document's recorded sources are only
  /// suggestions: whatever this returns needs the user's own word before it is used.
  [[nodiscard]] std::vector<SourceSpec> notAmong(const SourceList& trusted) const;

 private:
  std::vector<SourceSpec> specs_;
  std::vector<std::string> texts_;
};

/// A source as a user reads it: its address or path, or "de meegeleverde voorbeeldcijfers".
[[nodiscard]] std::string displayName(const SourceSpec& spec);

/// How the figures are fetched. `http.bearerToken` is ignored: a token comes from `token` only,
/// which is asked for reporting endpoints alone (never for CBS, files or the bundled data), with
/// the endpoint's base URL; net::HttpClient then sends it to that origin only (a redirect to
/// another origin drops it).
struct LoadPolicy {
  std::filesystem::path bundledDataset;  ///< the dataset shipped with the extension
  net::HttpOptions http;                 ///< timeouts, retries, cache, stale fallback, size limit, cancel
  std::set<std::string> insecureTls;     ///< source locations whose TLS certificate is not verified
  std::function<std::string(const std::string& location)> token;  ///< "" = no token; may be empty
  /// The municipalities the figures are for, as the user gave them (name or code): one memo's
  /// (generate, refresh, insert, preview). A CBS source then asks only for the figures of every
  /// municipality of their youth-care regions, those regions and NL01 ($filter on RegioS,
  /// cbsRegionFilter); other sources ignore it. Empty: every region (a batch, the dialogs' lists).
  std::vector<std::string> municipalities;
  /// false: the lists only — the regions (municipalities with their youth-care region), periods
  /// and indicators a dialog or `raadsbrief municipalities` offers, without a single figure. A CBS
  /// source then reads its metadata and code lists alone, never Observations (CbsOptions::
  /// observations, about 100 KB instead of about 10 MB); other sources load in full as always.
  bool observations = true;
  /// Reads own figures from an .ods/.xlsx file (docs/own-figures.md). The UNO layer fills it: it
  /// loads the file in LibreOffice, hidden, read-only, without macros or link updates, and reads
  /// each sheet's used range. Empty (the core alone, the CLI's batch): such a file is an
  /// Error(Usage) naming it; CSV files are read in the core and need no reader.
  sheets::SpreadsheetReader spreadsheetReader;
  /// The indicators one document needs (plan::figureNeeds of its fields: generate, refresh,
  /// insert). A CBS catalog then reads only the tables that deliver one of them (a derived figure
  /// pulls in its inputs' tables) and only their measures (cbsCatalogTablesFor); other sources
  /// ignore it. Empty: every indicator (a batch, the dialogs' lists).
  std::set<std::string> indicators;
  /// With `indicators`: the earliest year the document names (van=, periode=, the memo's period),
  /// 0 when none. CBS's 2015–2020 predecessor tables are read only for a year before 2021.
  int earliestYear = 0;
};

/// What loading a list of sources gave.
struct Figures {
  std::shared_ptr<const model::Dataset> dataset;  ///< merged, in priority order
  std::vector<Loaded> parts;                      ///< one per source, in the list's order
  int requests = 0;                               ///< HTTP requests over all sources
  std::size_t bytesReceived = 0;
  std::vector<std::string> warnings;  ///< of every source, in order
};

class DatasetMemo;

/// Loads one source under `policy`. Throws Error(NotFound/Data/Source/Usage/Cancelled).
[[nodiscard]] Loaded loadSource(const SourceSpec& spec, const LoadPolicy& policy);

/// Loads every source of `sources` (through `memo` when given) and merges them.
[[nodiscard]] Figures loadFigures(const SourceList& sources, const LoadPolicy& policy, DatasetMemo* memo = nullptr);

/// Parsed datasets kept inside one process: a file's while it is unchanged, an endpoint's for a
/// short while, so that a run of documents in one office asks an endpoint once, not per document.
/// Thread-safe.
class DatasetMemo {
 public:
  explicit DatasetMemo(std::chrono::seconds endpointFreshness = std::chrono::seconds(60));
  /// The memo's copy when still fresh, else loadSource (then remembered). A copy from the memo
  /// reports 0 requests. A CBS source's key includes its region filter (cbsRegionFilter of
  /// policy.municipalities): figures loaded for Leiden never answer for a municipality of another
  /// youth-care region; and its indicators and earliest year: a copy for a document that needs
  /// 85098NED alone never answers for one that needs costs. A copy with every indicator answers
  /// for any document of its regions. A lists-only CBS load (policy.observations false) has a key
  /// of its own: it never answers for figures; a full unfiltered copy answers for the lists.
  [[nodiscard]] Loaded load(const SourceSpec& spec, const LoadPolicy& policy);
  void clear();

 private:
  struct Entry {
    std::filesystem::file_time_type stamp;
    std::chrono::steady_clock::time_point loadedAt;
    Loaded loaded;
  };
  std::chrono::seconds freshness_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace raadsbrief::sources
