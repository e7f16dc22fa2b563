// Another user on the same machine, and a CLI that dies (docs/security.md, docs/reliability.md):
// temporary names nobody can plant, the identity of the files Raadsbrief replaces, no office
// outliving its CLI, no lock or temporary files left in the user's folders.
#include <catch2/catch.hpp>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

#include "OdfDocument.hpp"
#include "TestSupport.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;
using namespace raadsbrief::test;

namespace {

std::string bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return slurp(in);
}

struct stat statOf(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st;
}

/// soffice processes whose command line names the test profile (the CLI's offices).
std::vector<pid_t> officesOnTestProfile() {
  std::vector<pid_t> found;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream cmdline(entry.path() / "cmdline", std::ios::binary);
    const std::string args = slurp(cmdline);
    if (args.find(RAADSBRIEF_TEST_PROFILE) != std::string::npos && args.find("soffice") != std::string::npos)
      found.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return found;
}

/// Waits (at most `seconds`) until `done()`; a generous bound, never a timing assertion.
template <typename Done>
bool waitFor(Done done, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

/// What LibreOffice or a store may leave beside a document: lock files, its temporaries, ours.
std::vector<std::string> litter(const fs::path& dir) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(".~lock.", 0) == 0 || (name.rfind("lu", 0) == 0 && entry.path().extension() == ".tmp") ||
        name.find(".raadsbrief-") != std::string::npos)
      found.push_back(name);
  }
  return found;
}

std::vector<std::string> generate(const std::string& municipality, const fs::path& output) {
  return {"generate",   "--template", "raadsinformatiebrief", "--municipality",
          municipality, "--output",   output.string()};
}

}  // namespace

TEST_CASE("Local machine: temporary names another user planted are neither followed nor reused", "[security][local]") {
  const fs::path dir = outputDir("local-temp");
  // A shared temp folder like /tmp (sticky, writable for all) in which "another user" planted
  // the names the CLI used to pick: the UNO bootstrap ini as a symlink to a file of the victim,
  // the batch's snapshot folder with figures of their own.
  const fs::path tmp = dir / "tmp";
  fs::create_directories(tmp);
  fs::permissions(tmp, fs::perms::all | fs::perms::sticky_bit);
  const fs::path victim = dir / "alleen-van-root.txt";
  std::ofstream(victim) << "geheim\n";
  const std::string planted = R"({"raadsbrief-dataset": "van een ander"})";
  BackgroundServer server(RAADSBRIEF_REPORTD, {"--port", "0", "--data", RAADSBRIEF_DEMO_DATASET});
  // The shell plants the names for its own pid, then becomes the CLI (exec keeps the pid).
  const std::string script = R"(for n in 1 2 3 4 5 6; do ln -s "$1" "$TMPDIR/raadsbrief-$$-$n.ini"; done
mkdir -m 0777 "$TMPDIR/raadsbrief-batch-$$" && printf '%s' "$2" > "$TMPDIR/raadsbrief-batch-$$/bron-1.json"
shift 2; exec "$@")";
  const RunResult r =
      run("/bin/sh",
          {"-c",
           script,
           "sh",
           victim.string(),
           planted,
           RAADSBRIEF_CLI,
           "batch",
           "--template",
           "raadsinformatiebrief",
           "--municipalities",
           "GM0546",
           "--period",
           "2023",
           "--source",
           server.url(),
           "--output-dir",
           (dir / "uit").string(),
           "--jobs",
           "1",
           "--verbose",
           "--profile",
           RAADSBRIEF_TEST_PROFILE},
          {{"TMPDIR", tmp.string()}, {"XDG_RUNTIME_DIR", ""}, {"XDG_CACHE_HOME", (dir / "cache").string()}});
  INFO("stderr: " << r.err);
  CHECK(r.exitCode == 0);
  CHECK(officesOnTestProfile().empty());
  CHECK(bytes(victim) == "geheim\n");  // the symlinked ini name was not written through
  // The planted folder was neither used nor emptied; the snapshot the workers read was elsewhere.
  std::smatch m;
  REQUIRE(std::regex_search(r.err, m, std::regex("de werkers lezen (\\S+)")));
  const fs::path snapshot = m[1].str();
  int plantedFolders = 0;
  for (const auto& entry : fs::directory_iterator(tmp)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("raadsbrief-batch-", 0) != 0 || !entry.is_directory()) continue;
    ++plantedFolders;
    CHECK(snapshot.parent_path() != entry.path());
    CHECK(bytes(entry.path() / "bron-1.json") == planted);
    CHECK(std::distance(fs::directory_iterator(entry.path()), fs::directory_iterator()) == 1);
  }
  CHECK(plantedFolders == 1);
  CHECK_THAT(snapshot.parent_path().filename().string(), Catch::StartsWith("raadsbrief-batch-"));
  CHECK_FALSE(fs::exists(snapshot.parent_path()));  // the private folder is gone after the run
  CHECK_THAT(OdfDocument(dir / "uit" / "GM0546-leiden.odt").bodyText(), Catch::Contains("Leiden"));
  // Nothing else of ours was left in the shared folder: only what was planted.
  for (const auto& entry : fs::directory_iterator(tmp)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("raadsbrief", 0) != 0) continue;
    INFO(name);
    CHECK((entry.is_symlink() || name.rfind("raadsbrief-batch-", 0) == 0));
  }
  for (const auto& entry : fs::directory_iterator(dir / "uit")) CHECK(entry.path().extension() != ".tmp");
}

TEST_CASE(
    "Local machine: a replaced file keeps its mode and owner, read-only needs --force, symlinks are written through",
    "[security][local][files]") {
  const fs::path dir = outputDir("local-identity");
  const fs::path odt = dir / "leiden.odt";
  REQUIRE(cli(generate("Leiden", odt)).exitCode == 0);

  // A private document stays private, and (run as root) keeps its owner.
  fs::permissions(odt, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  const bool root = ::geteuid() == 0;
  if (root) REQUIRE(::chown(odt.c_str(), 65534, 65534) == 0);
  const fs::path hard = dir / "harde-koppeling.odt";
  fs::create_hard_link(odt, hard);
  const std::string before = bytes(odt);
  const auto inode = statOf(odt).st_ino;
  RunResult r = cli({"refresh", odt.string()});
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  struct stat st = statOf(odt);
  CHECK(st.st_ino != inode);  // it was stored anew (atomically: a new file renamed into place)
  CHECK((st.st_mode & 07777) == 0600);
  if (root) CHECK((st.st_uid == 65534 && st.st_gid == 65534));
  // A hard link keeps the old file (docs/security.md): the path gets the new one.
  CHECK(statOf(hard).st_ino == inode);
  CHECK(bytes(hard) == before);
  CHECK(statOf(odt).st_nlink == 1);

  // Read-only: refused (refresh and generate), nothing changed; --force replaces it, still 0444.
  fs::permissions(odt, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read,
                  fs::perm_options::replace);
  const std::string readOnly = bytes(odt);
  r = cli({"refresh", odt.string()});
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.err, Catch::Contains("alleen-lezen") && Catch::Contains("--force"));
  CHECK(bytes(odt) == readOnly);
  r = cli(generate("Haarlem", odt));
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.err, Catch::Contains("alleen-lezen") && Catch::Contains("--force"));
  CHECK(bytes(odt) == readOnly);
  std::vector<std::string> forced = generate("Haarlem", odt);
  forced.push_back("--force");
  r = cli(forced);
  CHECK(r.exitCode == 0);
  CHECK_THAT(OdfDocument(odt).bodyText(), Catch::Contains("Haarlem"));
  CHECK((statOf(odt).st_mode & 07777) == 0444);
  r = cli({"refresh", odt.string(), "--force"});
  CHECK(r.exitCode == 0);
  CHECK((statOf(odt).st_mode & 07777) == 0444);

  // An --output that is a symlink: the link stays, the file it leads to gets the document.
  fs::create_directories(dir / "echt");
  const fs::path target = dir / "echt" / "memo.odt";
  std::ofstream(target) << "oude inhoud";
  const fs::path link = dir / "koppeling.odt";
  fs::create_symlink("echt/memo.odt", link);
  r = cli(generate("Leiden", link));
  CHECK(r.exitCode == 0);
  CHECK(fs::is_symlink(link));
  CHECK(fs::read_symlink(link) == "echt/memo.odt");
  CHECK_THAT(OdfDocument(target).bodyText(), Catch::Contains("Leiden"));
  r = cli({"refresh", link.string()});
  CHECK(r.exitCode == 0);
  CHECK(fs::is_symlink(link));
  CHECK_THAT(OdfDocument(target).bodyText(), Catch::Contains("Leiden"));
  CHECK(litter(dir).empty());
  CHECK(litter(dir / "echt").empty());

  // A symlink another user made is not followed (it could lead a root run onto any file).
  if (root) {
    const fs::path foreign = dir / "van-een-ander.odt";
    fs::create_symlink("echt/memo.odt", foreign);
    REQUIRE(::lchown(foreign.c_str(), 65534, 65534) == 0);
    const std::string kept = bytes(target);
    r = cli(generate("Haarlem", foreign));
    CHECK(r.exitCode == 2);
    CHECK_THAT(r.err, Catch::Contains("van een andere gebruiker"));
    CHECK(bytes(target) == kept);
    CHECK(fs::is_symlink(foreign));
  }
}

TEST_CASE("Local machine: a read-only folder gets a clear message, not 'kon het document niet openen'",
          "[security][local][files]") {
  if (::geteuid() != 0) {
    WARN("not root: cannot act as another user here");
    return;
  }
  // Root writes anyway, so the CLI runs as nobody (setpriv); it refuses before it starts an office.
  const fs::path dir = outputDir("local-readonly");
  const fs::path folder = dir / "alleen-lezen";
  fs::create_directories(folder);
  const fs::path odt = folder / "leiden.odt";
  REQUIRE(cli(generate("Leiden", odt)).exitCode == 0);
  const std::string original = bytes(odt);
  fs::permissions(dir, fs::perms::all, fs::perm_options::add);
  fs::permissions(folder,
                  fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                      fs::perms::others_exec,
                  fs::perm_options::replace);
  fs::permissions(odt, fs::perms::all, fs::perm_options::add);  // the file itself is writable for anyone
  const auto asNobody = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--reuid=65534", "--regid=65534", "--clear-groups", "--", RAADSBRIEF_CLI});
    args.insert(args.end(), {"--profile", (dir / "profiel").string()});
    return run("/usr/bin/setpriv", args, {{"HOME", dir.string()}});
  };
  RunResult r = asNobody({"refresh", odt.string()});
  INFO("stderr: " << r.err);
  CHECK(r.exitCode == 6);
  CHECK_THAT(r.err, Catch::Contains("niet opslaan") && Catch::Contains("map " + folder.string() + " is alleen-lezen"));
  CHECK(r.err.find("niet openen") == std::string::npos);
  r = asNobody(generate("Leiden", folder / "nieuw.odt"));
  CHECK(r.exitCode == 6);
  CHECK_THAT(r.err, Catch::Contains("is alleen-lezen"));
  CHECK(bytes(odt) == original);
  CHECK_FALSE(fs::exists(folder / "nieuw.odt"));
  CHECK(officesOnTestProfile().empty());
}

TEST_CASE("Local machine: kill -9 of the CLI takes its office along, and the next run works", "[local][orphans]") {
  const fs::path dir = outputDir("local-orphans");
  const fs::path odt = dir / "leiden.odt";
  REQUIRE(cli(generate("Leiden", odt)).exitCode == 0);
  int killed = 0;
  for (const std::string command : {"generate", "refresh"}) {
    // A run takes about a second once its office is there: the CLI is killed at a few moments
    // after soffice.bin appeared (starting, connecting, working), each time on a running CLI.
    for (const int delayMs : {200, 600, 1000}) {
      INFO(command << ", killed " << delayMs << " ms after its office appeared");
      const std::vector<std::string> args =
          command == "generate" ? generate("Leiden", odt) : std::vector<std::string>{"refresh", odt.string()};
      std::vector<std::string> withProfile = args;
      withProfile.insert(withProfile.end(), {"--profile", RAADSBRIEF_TEST_PROFILE});
      Poco::Pipe outPipe, errPipe;  // kept quiet
      Poco::ProcessHandle handle = Poco::Process::launch(RAADSBRIEF_CLI, withProfile, nullptr, &outPipe, &errPipe);
      REQUIRE(waitFor([] { return !officesOnTestProfile().empty(); }, 120));
      std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
      const bool running = ::kill(handle.id(), 0) == 0;
      Poco::Process::kill(handle);  // SIGKILL: no handler runs, no destructor
      const int status = handle.wait();
      if (!running || status == 0) continue;  // it had finished already: nothing was killed
      ++killed;
      CHECK(waitFor([] { return officesOnTestProfile().empty(); }, 30));
      // The next run on the same profile works (no "stopte tijdens het starten").
      const RunResult r = cli(args);
      INFO("stderr: " << r.err);
      CHECK(r.exitCode == 0);
      CHECK(r.err.find("stopte") == std::string::npos);
      const auto left = litter(dir);
      CHECK(left.empty());
      for (const auto& name : left) WARN("left: " << name);
    }
  }
  CHECK(killed > 0);
}

TEST_CASE("Local machine: an office a dead run left on the profile is cleared, not blamed on LibreOffice",
          "[local][orphans]") {
  const fs::path dir = outputDir("local-stale");
  // The leftover of a run that died before offices died with it: soffice still running on the
  // test profile, with its lock file (an old one of a killed office is removed first, so that
  // the wait below waits for this one).
  fs::remove(fs::path(RAADSBRIEF_TEST_PROFILE) / ".lock");
  Poco::ProcessHandle leftover = Poco::Process::launch(
      RAADSBRIEF_SOFFICE_BIN, {"--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
                               "-env:UserInstallation=file://" + std::string(RAADSBRIEF_TEST_PROFILE),
                               "--accept=pipe,name=raadsbrief_achtergebleven_" + std::to_string(::getpid()) + ";urp;"});
  REQUIRE(waitFor([] { return fs::exists(fs::path(RAADSBRIEF_TEST_PROFILE) / ".lock"); }, 60));
  const RunResult r = cli(generate("Leiden", dir / "leiden.odt"));
  INFO("stderr: " << r.err);
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.err, Catch::Contains("achtergebleven LibreOffice-proces"));
  CHECK(r.err.find("stopte tijdens het starten") == std::string::npos);
  CHECK(leftover.wait() != 0);  // it was killed
  CHECK(officesOnTestProfile().empty());
  CHECK(litter(dir).empty());
}

TEST_CASE("Local machine: an office that dies during the work is a Dutch sentence, not a bridge message",
          "[local][errors]") {
  const fs::path dir = outputDir("local-office-dies");
  // soffice.bin is killed a moment after it appears: while starting or during the work,
  // depending on the machine's load; either way the user gets one of two Dutch sentences. A few
  // moments are tried, so that at least one run is cut short.
  int cutShort = 0, duringWork = 0;
  for (const int delayMs : {100, 300, 500, 800, 1200, 2000}) {
    INFO("killed " << delayMs << " ms after soffice.bin appeared");
    std::vector<std::string> args = generate("Leiden", dir / "leiden.pdf");
    args.insert(args.end(), {"--profile", RAADSBRIEF_TEST_PROFILE});
    Poco::Pipe errPipe;
    Poco::ProcessHandle handle = Poco::Process::launch(RAADSBRIEF_CLI, args, nullptr, nullptr, &errPipe);
    pid_t office = -1;
    REQUIRE(waitFor(
        [&] {
          for (const pid_t pid : officesOnTestProfile()) {
            std::ifstream cmdline("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
            if (slurp(cmdline).rfind(RAADSBRIEF_SOFFICE_BIN, 0) == 0) office = pid;
          }
          return office > 0;
        },
        120));
    std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
    ::kill(office, SIGKILL);
    Poco::PipeInputStream errStream(errPipe);
    const std::string err = slurp(errStream);
    const int exitCode = handle.wait();
    INFO("exit code " << exitCode << ", stderr: " << err);
    CHECK(waitFor([] { return officesOnTestProfile().empty(); }, 30));
    const auto left = litter(dir);
    CHECK(left.empty());
    for (const auto& name : left) WARN("left: " << name);
    if (exitCode == 0) continue;  // finished before the kill
    ++cutShort;
    CHECK(exitCode == 6);
    const bool working = err.find("LibreOffice is onverwacht gestopt tijdens het werk") != std::string::npos;
    duringWork += working ? 1 : 0;
    CHECK((working || err.find("LibreOffice stopte tijdens het starten") != std::string::npos));
    CHECK(err.find("URP") == std::string::npos);
    CHECK(err.find("binaryurp") == std::string::npos);
  }
  CHECK(cutShort > 0);
  if (duringWork == 0) WARN("no run was cut short during the work itself, only while starting");
}
