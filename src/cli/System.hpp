#pragma once
// The Linux-specific parts of the CLI behind a small interface: private temporary folders and
// files that another user on the machine cannot predict or pre-plant, and offices that die with
// the CLI (docs/security.md, "Another user on the same machine"; docs/reliability.md).
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace raadsbrief::cli::sys {

/// A folder only this user can enter (mode 0700), with an unpredictable name (mkdtemp), made
/// new — never one that already existed. It lives in $XDG_RUNTIME_DIR when that is a private
/// folder of this user, else in the system temp folder. Removed with its content on destruction.
class PrivateTempDir {
 public:
  /// `prefix` starts the name ("raadsbrief-batch-"); six random characters follow.
  /// Throws raadsbrief::Error(Internal) with a Dutch message when no folder can be made.
  explicit PrivateTempDir(const std::string& prefix);
  ~PrivateTempDir();
  PrivateTempDir(const PrivateTempDir&) = delete;
  PrivateTempDir& operator=(const PrivateTempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// The folder PrivateTempDir makes its folders in.
std::filesystem::path temporaryBase();

/// Writes `content` to a file that must not exist yet (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600):
/// a file or symlink planted at `path` makes this fail instead of being written through.
void writeNewFile(const std::filesystem::path& path, const std::string& content);

/// A program started under a small supervisor process that kills it (its whole process group)
/// as soon as the CLI is gone, however the CLI ended (kill -9 included): the supervisor waits
/// on a pipe whose only writer is the CLI. The supervisor leads the group, so `group` is both
/// the supervisor's pid (it exits with the program's status) and the group to kill.
struct Supervised {
  pid_t group = -1;
  int lifeline = -1;  ///< the CLI's end of the pipe; closing it stops the program
};

/// Starts `argv` (argv[0] is looked up in PATH) under a supervisor in a new process group, with
/// `environment` ("NAME=value") added to ours; `quiet` sends its output to /dev/null. Throws
/// raadsbrief::Error(Office) when it cannot.
Supervised spawnSupervised(const std::vector<std::string>& argv, const std::vector<std::string>& environment,
                           bool quiet);

/// Closes the lifeline (the supervisor then kills what is left of the group).
void release(Supervised& process) noexcept;

/// Processes of this user whose command line names `marker` (a profile's URL): offices left
/// running by an earlier run that died. Killed with SIGKILL (and reaped when they are ours);
/// returns how many. Only call while holding the profile's lock.
int killProcessesNaming(const std::string& marker);

/// Temporary files and folders of a store that never finished (its office was killed) in `dir`:
/// ".<name>.raadsbrief-<pid>[-<random>].tmp" whose process is gone; only those of `name` when
/// given. Returns how many were removed.
int removeOrphanedTemporaries(const std::filesystem::path& dir, const std::string& name = {});

/// Whether `pid` names a running process.
bool processAlive(pid_t pid);

/// Whether this process may create and rename files in `dir` (access(2), W_OK|X_OK).
bool folderWritable(const std::filesystem::path& dir);

}  // namespace raadsbrief::cli::sys
