#include "System.hpp"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <poll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "Error.hpp"

extern char** environ;

namespace raadsbrief::cli::sys {
namespace fs = std::filesystem;

namespace {

/// A folder of this user that nobody else can enter: not a symlink, owned by us, no group or
/// other permissions.
bool privateFolder(const fs::path& dir) {
  struct stat st {};
  if (dir.empty() || !dir.is_absolute() || ::lstat(dir.c_str(), &st) != 0) return false;
  return S_ISDIR(st.st_mode) && st.st_uid == ::geteuid() && (st.st_mode & 077) == 0;
}

/// argv[0] as execve wants it: a path, looked up in PATH when it has no slash.
std::string resolveProgram(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  const char* path = std::getenv("PATH");
  std::string dirs = path && *path ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const std::string dir = end > start ? dirs.substr(start, end - start) : ".";
    const std::string candidate = dir + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return {};
}

}  // namespace

fs::path temporaryBase() {
  if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && privateFolder(runtime)) return runtime;
  return fs::temp_directory_path();
}

PrivateTempDir::PrivateTempDir(const std::string& prefix) {
  // mkdtemp: mode 0700, a random name, mkdir(2) fails on anything that exists (a folder, a
  // symlink) and it tries another name.
  std::string pattern = (temporaryBase() / (prefix + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw Error(ErrorKind::Internal,
                "Kan geen tijdelijke map maken in " + temporaryBase().string() + ": " + std::strerror(errno));
  path_ = pattern;
}

PrivateTempDir::~PrivateTempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);  // remove_all does not follow symlinks inside
}

void writeNewFile(const fs::path& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) throw Error(ErrorKind::Internal, "Kan " + path.string() + " niet maken: " + std::strerror(errno));
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = errno;
      ::close(fd);
      throw Error(ErrorKind::Internal, "Kan " + path.string() + " niet schrijven: " + std::strerror(error));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0)
    throw Error(ErrorKind::Internal, "Kan " + path.string() + " niet schrijven: " + std::strerror(errno));
}

Supervised spawnSupervised(const std::vector<std::string>& args, const std::vector<std::string>& environment,
                           bool quiet) {
  if (args.empty()) throw Error(ErrorKind::Internal, "geen programma om te starten");
  const std::string program = resolveProgram(args.front());
  if (program.empty())
    throw Error(ErrorKind::Office, "Kan LibreOffice niet starten (" + args.front() + "): niet gevonden");
  // Everything the children need is prepared here: between fork and exec only async-signal-safe
  // calls are made (other threads of the CLI may hold the allocator's locks).
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> envCopy = environment;
  for (char** e = environ; *e; ++e) {
    const std::string entry = *e;
    const std::string name = entry.substr(0, entry.find('=') + 1);
    bool replaced = false;
    for (const auto& mine : environment) replaced = replaced || mine.rfind(name, 0) == 0;
    if (!replaced) envCopy.push_back(entry);
  }
  std::vector<char*> envp;
  for (auto& e : envCopy) envp.push_back(e.data());
  envp.push_back(nullptr);
  int lifeline[2];
  if (::pipe2(lifeline, O_CLOEXEC) != 0)
    throw Error(ErrorKind::Office, std::string("Kan LibreOffice niet starten: ") + std::strerror(errno));

  const pid_t supervisor = ::fork();
  if (supervisor < 0) {
    const int error = errno;
    ::close(lifeline[0]);
    ::close(lifeline[1]);
    throw Error(ErrorKind::Office, "Kan LibreOffice niet starten (" + args.front() + "): " + std::strerror(error));
  }
  if (supervisor == 0) {
    // The supervisor: leads a new process group, keeps only the read end of its lifeline (fd 3),
    // so no other pipe's writer (another office's supervisor) lives on in it.
    ::setpgid(0, 0);
    struct sigaction dflt {};
    dflt.sa_handler = SIG_DFL;
    ::sigaction(SIGINT, &dflt, nullptr);
    ::sigaction(SIGTERM, &dflt, nullptr);
    ::sigaction(SIGPIPE, &dflt, nullptr);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    if (lifeline[0] != 3 && ::dup2(lifeline[0], 3) < 0) ::_exit(127);
    ::syscall(SYS_close_range, 4U, ~0U, 0U);
    const pid_t office = ::fork();
    if (office < 0) ::_exit(127);
    if (office == 0) {
      ::close(3);
      if (quiet) {
        const int null = ::open("/dev/null", O_WRONLY);
        if (null >= 0) {
          ::dup2(null, 1);
          ::dup2(null, 2);
          if (null > 2) ::close(null);
        }
      }
      ::execve(program.c_str(), argv.data(), envp.data());
      ::_exit(127);
    }
    for (;;) {
      int status = 0;
      if (::waitpid(office, &status, WNOHANG) == office)
        ::_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
      struct pollfd watch {
        3, POLLIN, 0
      };
      if (::poll(&watch, 1, 200) > 0) {
        char byte;
        const ssize_t n = ::read(3, &byte, 1);
        if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
          ::kill(0, SIGKILL);  // the CLI is gone (or let go): the office and the supervisor with it
          ::_exit(137);
        }
      }
    }
  }
  ::close(lifeline[0]);
  ::setpgid(supervisor, supervisor);  // also here: no window in which a kill of the group misses
  return Supervised{supervisor, lifeline[1]};
}

void release(Supervised& process) noexcept {
  if (process.lifeline >= 0) ::close(process.lifeline);
  process.lifeline = -1;
}

int killProcessesNaming(const std::string& marker) {
  int killed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/proc", ec)) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(name));
    if (pid == ::getpid()) continue;
    struct stat st {};
    if (::stat(entry.path().c_str(), &st) != 0 || st.st_uid != ::geteuid()) continue;
    std::ifstream in(entry.path() / "cmdline", std::ios::binary);
    const std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bool names = false;
    for (std::size_t start = 0; start < cmdline.size() && !names;) {
      const std::size_t end = std::min(cmdline.find('\0', start), cmdline.size());
      names = cmdline.compare(start, end - start, marker) == 0;
      start = end + 1;
    }
    if (!names) continue;
    if (::kill(pid, SIGKILL) == 0) ++killed;
    int status = 0;
    ::waitpid(pid, &status, 0 | WNOHANG);
  }
  return killed;
}

int removeOrphanedTemporaries(const fs::path& dir, const std::string& only) {
  int removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const auto mark = name.rfind(".raadsbrief-");
    if (name.empty() || name[0] != '.' || mark == std::string::npos || name.size() < mark + 16 ||
        name.compare(name.size() - 4, 4, ".tmp") != 0)
      continue;
    if (!only.empty() && name.compare(1, mark - 1, only) != 0) continue;
    std::string pid = name.substr(mark + 12, name.size() - 4 - mark - 12);
    pid = pid.substr(0, pid.find('-'));
    if (pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos) continue;
    if (processAlive(static_cast<pid_t>(std::stol(pid)))) continue;
    // A file (older stores) or the store's private folder; remove_all follows no symlink.
    if (fs::remove_all(entry.path(), ec) > 0) ++removed;
  }
  return removed;
}

bool processAlive(pid_t pid) {
  if (pid <= 0 || (::kill(pid, 0) != 0 && errno != EPERM)) return false;
  // A zombie is dead too: a killed office's soffice.bin is reparented to init, which may take
  // its time to reap it.
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  const std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto paren = stat.rfind(')');
  if (paren == std::string::npos || paren + 2 >= stat.size()) return true;
  const char state = stat[paren + 2];
  return state != 'Z' && state != 'X';
}

bool folderWritable(const fs::path& dir) { return ::access(dir.c_str(), W_OK | X_OK) == 0; }

}  // namespace raadsbrief::cli::sys
