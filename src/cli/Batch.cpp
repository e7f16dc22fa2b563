#include "Batch.hpp"

#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/uno/Exception.hpp>
#include <nl/raadsbrief/GenerationException.hpp>
#include <nl/raadsbrief/XBriefingGenerator.hpp>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <unistd.h>

#include "Convert.hxx"
#include "Error.hpp"
#include "System.hpp"
#include "data/DatasetWriter.hpp"
#include "sources/Loader.hpp"
#include "sources/Source.hpp"
#include "util/File.hpp"

namespace raadsbrief::cli {
namespace {

namespace fs = std::filesystem;
using office::toOU;
using office::toUtf8;
using Clock = std::chrono::steady_clock;

std::string fileUrl(const fs::path& p) { return office::fileUrl(fs::absolute(p).string()); }

/// The HTTP cache the component uses too (a batch revalidates what single runs fetched).
fs::path cacheHome() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "raadsbrief";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "raadsbrief";
  return fs::temp_directory_path() / ("raadsbrief-cache-" + std::to_string(::getuid()));
}

std::string oneLine(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  std::string out;
  for (char c : s) {
    if (c == '\n') out += "; ";
    else out += c;
  }
  return out;
}

struct PreparedSources {
  std::string forWorkers;  ///< the service's Source argument: one source a line
  std::shared_ptr<model::Dataset> merged;
};

/// Loads every source once, here. A remote one (reporting API, CBS) becomes a local snapshot in
/// the dataset format that keeps its provenance (name, retrieval date, a stale cache): the workers
/// read that file, so the endpoint is asked once per run, not per document or per worker.
PreparedSources prepareSources(const BatchOptions& o, const fs::path& snapshotDir, bool verbose) {
  const std::vector<std::string> list = o.sources.empty() ? std::vector<std::string>{"bundled"} : o.sources;
  sources::LoadPolicy policy;
  policy.bundledDataset = o.bundledDataset;
  policy.http.cacheDir = cacheHome() / "http";
  policy.http.allowStaleCache = o.allowStale;
  for (const auto& url : o.insecureTls) policy.insecureTls.insert(sources::parseSource(url).location);
  // Every source of a batch is named by the user on the command line: the environment's token may go to them.
  policy.token = [](const std::string&) {
    const char* token = std::getenv("RAADSBRIEF_TOKEN");
    return std::string(token ? token : "");
  };
  const sources::SourceList parsed = sources::SourceList::of(list);
  const sources::Figures figures = sources::loadFigures(parsed, policy);
  PreparedSources prepared;
  prepared.merged = std::make_shared<model::Dataset>(*figures.dataset);
  for (std::size_t k = 0; k < list.size(); ++k) {
    const sources::SourceSpec& spec = parsed.specs()[k];
    const sources::Loaded& loaded = figures.parts[k];
    std::string forWorker = list[k];
    if (spec.kind == sources::SourceSpec::Kind::ReportingApi || spec.kind == sources::SourceSpec::Kind::CbsOData) {
      const fs::path snapshot = snapshotDir / fmt::format("bron-{}.json", k + 1);
      data::writeDatasetFile(*loaded.dataset, snapshot);
      forWorker = fileUrl(snapshot);
      if (verbose)
        std::cerr << fmt::format("raadsbrief: {} opgehaald ({} verzoek(en), {} bytes); de werkers lezen {}\n",
                                 spec.location, loaded.requests, loaded.bytesReceived, snapshot.string());
    }
    prepared.forWorkers += (k ? "\n" : "") + forWorker;
  }
  return prepared;
}

/// One soffice with its own profile, started on first use and replaced when it dies.
class Worker {
 public:
  Worker(int number, OfficeOptions options) : number_(number), options_(std::move(options)) {}
  [[nodiscard]] int number() const { return number_; }

  const css::uno::Reference<nl::raadsbrief::XBriefingGenerator>& generator() {
    if (!office_) {
      office_ = std::make_unique<Office>(options_);
      group_ = office_->processGroup();
      const auto& context = office_->context();
      generator_.set(
          context->getServiceManager()->createInstanceWithContext("nl.raadsbrief.BriefingGenerator", context),
          css::uno::UNO_QUERY);
      if (!generator_.is()) throw Error(ErrorKind::Office, "de Raadsbrief-service is niet beschikbaar in LibreOffice");
    }
    return generator_;
  }

  /// Throws the office away (killed: it is broken or dead); the next generator() starts a new one.
  void discard() noexcept {
    if (group_ > 0) ::kill(-group_, SIGKILL);
    generator_.clear();
    office_.reset();
    group_ = -1;
  }

  /// Kills a hanging office from the watchdog (the call in progress then fails).
  void kill() noexcept {
    if (const pid_t g = group_; g > 0) ::kill(-g, SIGKILL);
  }

  std::atomic<long long> callStarted{0};  ///< steady-clock ms of the call in progress, 0 when idle

 private:
  int number_;
  OfficeOptions options_;
  std::unique_ptr<Office> office_;
  std::atomic<pid_t> group_{-1};
  css::uno::Reference<nl::raadsbrief::XBriefingGenerator> generator_;
};

std::string decimalComma(double seconds) {
  std::string s = fmt::format("{:.2f}", seconds);
  std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

long long nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch()).count();
}

/// Gives every worker a profile of its own: copies of one prepared profile (the extension
/// installed once), made again when the extension changed.
std::vector<fs::path> prepareProfiles(const OfficeOptions& base, int jobs) {
  std::vector<fs::path> profiles;
  bool stale = false;
  for (int i = 1; i <= jobs; ++i) {
    profiles.push_back(base.profile.parent_path() / fmt::format("{}-werker-{}", base.profile.filename().string(), i));
    if (!Office::profileReady(profiles.back(), base.oxt)) stale = true;
  }
  if (!stale) return profiles;
  if (!Office::profileReady(base.profile, base.oxt)) {
    OfficeOptions prepare = base;
    prepare.thumbnails = false;
    const Office office(prepare);  // creates the profile and installs the extension, then stops
  }
  for (const auto& p : profiles) {
    if (Office::profileReady(p, base.oxt)) continue;
    fs::remove_all(p);
    fs::copy(base.profile, p, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  }
  return profiles;
}

}  // namespace

int runBatch(const BatchOptions& o) {
  const auto started = Clock::now();
  fs::create_directories(o.outputDir);
  sys::removeOrphanedTemporaries(o.outputDir);
  // The snapshots of remote sources: a private folder (0700, unpredictable name, made new), so
  // another user cannot swap the figures the workers read (docs/security.md).
  const sys::PrivateTempDir snapshots("raadsbrief-batch-");
  const PreparedSources sources = prepareSources(o, snapshots.path(), o.office.verbose);

  const batch::Selection selection = batch::parseSelection(o.municipalities, *sources.merged);
  std::vector<batch::Item> items = batch::planRun(selection, *sources.merged, o.shard, o.outputDir, o.pdf);
  std::vector<batch::Item*> queue;
  for (auto& item : items)
    if (item.pending) queue.push_back(&item);

  int jobs = o.jobs > 0 ? o.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  jobs = std::max(1, std::min<int>(jobs, static_cast<int>(queue.size())));
  const bool terminal = ::isatty(2) != 0;
  std::mutex outputMutex;
  std::atomic<std::size_t> finished{0};
  std::atomic<int> restarts{0};
  std::size_t next = 0;
  std::mutex queueMutex;
  std::condition_variable progressChanged;
  const std::size_t total = queue.size();

  auto progress = [&](const std::string& line) {
    std::lock_guard lock(outputMutex);
    if (terminal) {
      std::cerr << "\r\x1b[K";
      if (!line.empty()) std::cerr << line << "\n";
      std::cerr << batch::progressBar(finished, total, Clock::now() - started) << std::flush;
    } else if (!line.empty()) {
      std::cerr << line << "\n";
    }
  };

  std::cerr << fmt::format(
      "raadsbrief: {} gemeente(n) te maken, {} al aanwezig, {} overgeslagen of onbekend; "
      "{} LibreOffice-proces(sen)\n",
      total,
      std::count_if(items.begin(), items.end(),
                    [](const batch::Item& i) { return i.status == batch::Status::Existing; }),
      std::count_if(items.begin(), items.end(),
                    [](const batch::Item& i) { return !i.pending && i.status != batch::Status::Existing; }),
      total ? jobs : 0);

  if (!queue.empty()) {
    const std::vector<fs::path> profiles = prepareProfiles(o.office, jobs);
    std::vector<std::unique_ptr<Worker>> workers;
    for (int w = 0; w < jobs; ++w) {
      OfficeOptions options = o.office;
      options.profile = profiles[static_cast<std::size_t>(w)];
      options.thumbnails = false;
      workers.push_back(std::make_unique<Worker>(w + 1, options));
    }

    auto work = [&](Worker& worker) {
      for (;;) {
        batch::Item* item = nullptr;
        {
          std::lock_guard lock(queueMutex);
          if (next >= queue.size()) return;
          item = queue[next++];
        }
        std::vector<css::beans::NamedValue> options;
        if (o.pdfA) options.emplace_back("PdfA", css::uno::Any(true));
        if (o.strict) options.emplace_back("Strict", css::uno::Any(true));
        if (item->outputs.size() > 1) {
          css::uno::Sequence<rtl::OUString> extra(static_cast<sal_Int32>(item->outputs.size() - 1));
          for (std::size_t i = 1; i < item->outputs.size(); ++i)
            extra.getArray()[i - 1] = toOU(fileUrl(item->outputs[i]));
          options.emplace_back("ExtraOutputs", css::uno::Any(extra));
        }
        const css::uno::Sequence<css::beans::NamedValue> optionSeq(options.data(),
                                                                   static_cast<sal_Int32>(options.size()));
        for (int attempt = 1; attempt <= 2; ++attempt) {
          item->attempts = attempt;
          auto t0 = Clock::now();
          try {
            const auto& generator = worker.generator();
            t0 = Clock::now();  // the document's own time, not the office's start
            worker.callStarted = nowMs();
            const std::string summary =
                toUtf8(generator->generate(toOU(o.templateName), toOU(item->code), toOU(o.period),
                                           toOU(sources.forWorkers), toOU(fileUrl(item->outputs.front())), optionSeq));
            // What the document left out (the summary's lines after the first, but the warnings
            // about sources, which were given once at the start): on stderr, per municipality,
            // and in the JSON summary.
            item->omitted.clear();
            for (std::size_t start = summary.find('\n'); start != std::string::npos;) {
              const std::size_t end = summary.find('\n', start + 1);
              const std::string line =
                  summary.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
              if (!line.empty() && line.rfind("Let op: ", 0) != 0) {
                progress(fmt::format("raadsbrief: {} {}: {}", item->code, item->name, line));
                item->omitted.push_back(line);
              }
              start = end;
            }
            worker.callStarted = 0;
            item->status = batch::Status::Made;
            item->reason.clear();
            item->errorKind = 0;
          } catch (const nl::raadsbrief::GenerationException& e) {  // this document cannot be made
            worker.callStarted = 0;
            item->status = batch::Status::Failed;
            item->errorKind = (e.Kind >= 1 && e.Kind <= 7) || e.Kind == 9 ? e.Kind : 1;
            item->reason = oneLine(toUtf8(e.Message));
          } catch (const Error& e) {  // the office would not start (or died while starting): as below
            worker.callStarted = 0;
            worker.discard();
            ++restarts;
            item->status = batch::Status::Failed;
            item->errorKind = static_cast<int>(e.kind());
            item->reason = oneLine(e.what());
            progress(fmt::format("raadsbrief: LibreOffice-proces {} startte niet ({}); {}", worker.number(),
                                 item->reason, attempt == 1 ? "nieuwe poging" : "opgegeven voor " + item->code));
            item->seconds = std::chrono::duration<double>(Clock::now() - t0).count();
            continue;
          } catch (const css::uno::Exception&) {  // the office died (or was killed by the watchdog)
            worker.callStarted = 0;
            worker.discard();
            ++restarts;
            item->status = batch::Status::Failed;
            item->errorKind = static_cast<int>(ErrorKind::Office);
            item->reason = "LibreOffice stopte tijdens dit document" +
                           std::string(attempt == 2 ? ", ook bij de tweede poging" : "");
            progress(fmt::format("raadsbrief: LibreOffice-proces {} stopte tijdens {} {}; het wordt vervangen{}",
                                 worker.number(), item->code, item->name,
                                 attempt == 1 ? " en het document opnieuw gemaakt" : ""));
            item->seconds = std::chrono::duration<double>(Clock::now() - t0).count();
            continue;
          } catch (const std::exception& e) {
            worker.callStarted = 0;
            item->status = batch::Status::Failed;
            item->errorKind = static_cast<int>(ErrorKind::Internal);
            item->reason = oneLine(std::string("interne fout: ") + e.what());
          }
          item->seconds = std::chrono::duration<double>(Clock::now() - t0).count();
          break;
        }
        item->pending = false;
        ++finished;
        const std::string line =
            item->status == batch::Status::Made
                ? (terminal ? std::string()
                            : fmt::format("raadsbrief: [{}/{}] {} {}: gemaakt ({} s)", finished.load(), total,
                                          item->code, item->name, decimalComma(item->seconds)))
                : fmt::format("raadsbrief: [{}/{}] {} {}: mislukt: {}", finished.load(), total, item->code, item->name,
                              item->reason);
        progress(line);
        progressChanged.notify_all();
      }
    };

    std::atomic<int> alive{jobs};
    std::vector<std::thread> threads;
    for (auto& w : workers)
      threads.emplace_back([&work, &w, &progress, &alive, &progressChanged] {
        try {
          work(*w);
        } catch (...) {
          progress("raadsbrief: interne fout in een werker");
        }
        --alive;
        progressChanged.notify_all();
      });
    // Watchdog and progress: a document that takes longer than the timeout kills its worker.
    {
      std::unique_lock lock(queueMutex);
      while (finished < total && alive > 0) {
        progressChanged.wait_for(lock, std::chrono::milliseconds(500));
        lock.unlock();
        for (auto& w : workers) {
          const long long since = w->callStarted;
          if (since && nowMs() - since > o.timeoutSeconds * 1000LL) {
            progress(fmt::format("raadsbrief: LibreOffice-proces {} reageert {} s niet; het wordt gestopt", w->number(),
                                 o.timeoutSeconds));
            w->kill();
            w->callStarted = 0;
          }
        }
        if (terminal) progress("");
        lock.lock();
      }
    }
    for (auto& t : threads) t.join();
    workers.clear();  // stops every office
    if (terminal) std::cerr << "\n";
  }
  sys::removeOrphanedTemporaries(o.outputDir);

  batch::RunInfo info;
  info.templateName = o.templateName;
  info.period = o.period;
  info.sources = o.sources.empty() ? std::vector<std::string>{"bundled"} : o.sources;
  info.shard = o.shard;
  info.jobs = total ? jobs : 0;
  info.workerRestarts = restarts;
  info.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const fs::path summary =
      o.outputDir / (o.shard.count > 1 ? fmt::format("raadsbrief-batch-{}-van-{}.json", o.shard.index, o.shard.count)
                                       : std::string("raadsbrief-batch.json"));
  // Beside the summary under a name nobody can plant beforehand, created exclusively, then renamed.
  util::writeFileAtomically(summary, batch::summaryJson(items, info));
  std::cout << batch::summaryTable(items, info) << "Samenvatting: " << summary.string() << "\n";
  const bool failed =
      std::any_of(items.begin(), items.end(), [](const batch::Item& i) { return i.status == batch::Status::Failed; });
  return failed ? 8 : 0;
}

}  // namespace raadsbrief::cli
