#pragma once
// What several commands share: sources, outputs and templates as the service wants them, the
// office to start, the service, and the time limit of one call.
#include <com/sun/star/beans/NamedValue.hpp>
#include <nl/raadsbrief/XBriefingGenerator.hpp>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "Arguments.hpp"
#include "Error.hpp"
#include "Office.hpp"

namespace raadsbrief::cli {

namespace fs = std::filesystem;

/// An installed layout (<prefix>/bin + <prefix>/share/raadsbrief) wins over the build tree.
fs::path locate(const char* envName, const std::string& fileName, const char* buildPath);
std::string fileUrl(const fs::path& p);
/// One --source value as the service wants it: "bundled", an endpoint URL or a dataset's file URL.
std::string sourceValue(const std::string& source);
/// All --source values, one per line (the service's format); "bundled" when none was given.
std::string sourceArgument(const Arguments& a);
/// Warns on stderr about sources that are not safe to use unnoticed (plain http to another
/// machine), before any work; see docs/security.md.
void warnAboutSources(const Arguments& a);
/// --output, absolute, with a known extension and an existing (or made) folder.
fs::path outputArgument(const Arguments& a);
OfficeOptions officeOptions(const Arguments& a);
/// A shipped template's name, or a path to an .ott of one's own (as its file URL).
std::string templateArgument(const Arguments& a);

/// Removes the temporary files an office that is gone left beside `target`.
void sweepTemporaries(const fs::path& target);

/// Removes the temporary files of `target` whose office is gone (a store cut short by a killed
/// office): when made, for what an earlier run left, and when destroyed — declared before the
/// Office, that is after this run's office has stopped, also when it died (docs/reliability.md).
class TemporariesSweep {
 public:
  explicit TemporariesSweep(fs::path target) : target_(std::move(target)) { sweep(); }
  ~TemporariesSweep() { sweep(); }
  TemporariesSweep(const TemporariesSweep&) = delete;
  TemporariesSweep& operator=(const TemporariesSweep&) = delete;

 private:
  void sweep() const noexcept {
    try {
      sweepTemporaries(target_);
    } catch (...) {
    }
  }
  fs::path target_;
};

/// The time limit of one generate or refresh (--timeout): when it passes, the service is asked
/// to cancel (it stops at its next checkpoint and changes nothing); when the office still does not
/// answer 15 s later (a hung layout, a dialog nobody sees), the office is killed, which ends the
/// blocked call. Either way the run ends with one message saying the time limit was reached.
class Deadline {
 public:
  Deadline(std::chrono::seconds limit, std::function<void()> cancel, std::function<void()> kill)
      : limit_(limit), thread_([this, cancel = std::move(cancel), kill = std::move(kill)] {
          std::unique_lock lock(mutex_);
          if (wake_.wait_for(lock, limit_, [this] { return done_; })) return;
          expired_ = true;
          lock.unlock();
          try {
            cancel();
          } catch (...) {
            // the bridge may be gone already
          }
          lock.lock();
          if (wake_.wait_for(lock, std::chrono::seconds(15), [this] { return done_; })) return;
          kill();
        }) {}
  ~Deadline() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  Deadline(const Deadline&) = delete;
  Deadline& operator=(const Deadline&) = delete;

  /// Runs `work`; when it fails after the limit passed, the failure is the time limit's.
  template <typename Work>
  auto run(Work&& work) -> decltype(work()) {
    try {
      return work();
    } catch (...) {
      if (!expired()) throw;
    }
    throw Error(ErrorKind::Office, "de opdracht duurde langer dan --timeout (" + std::to_string(limit_.count()) +
                                       " s) en is gestopt; er is niets geschreven of gewijzigd. Is de bron traag? "
                                       "Probeer het later opnieuw of geef een ruimere --timeout.");
  }

 private:
  [[nodiscard]] bool expired() {
    std::lock_guard lock(mutex_);
    return expired_;
  }
  std::chrono::seconds limit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  bool expired_ = false;
  std::thread thread_;  // last: started when everything it uses exists
};

css::uno::Reference<nl::raadsbrief::XBriefingGenerator> generator(const Office& office);
/// The --timeout of a generate or refresh (default 600 s: generous, a memo takes seconds).
Deadline timeLimit(const Arguments& a, const css::uno::Reference<nl::raadsbrief::XBriefingGenerator>& service,
                   Office& office);
/// The service's Options from --allow-stale, --pdfa, --strict, --force and --insecure-tls.
css::uno::Sequence<css::beans::NamedValue> generationOptions(const Arguments& a);

}  // namespace raadsbrief::cli
