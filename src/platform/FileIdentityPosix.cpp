#include <sys/stat.h>
#include <unistd.h>

#include "FileIdentity.hpp"

namespace raadsbrief::platform {
namespace fs = std::filesystem;

std::optional<FileIdentity> identityOf(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return std::nullopt;
  FileIdentity id;
  id.perms = static_cast<fs::perms>(st.st_mode & 07777);
  id.owner = st.st_uid;
  id.group = st.st_gid;
  id.links = st.st_nlink;
  id.writable = ::access(file.c_str(), W_OK) == 0;
  return id;
}

bool isTrustedLink(const fs::path& link) {
  struct stat st {};
  if (::lstat(link.c_str(), &st) != 0) return true;  // gone: following it fails later with a clear message
  return st.st_uid == ::geteuid() || st.st_uid == 0;
}

bool canCreateIn(const fs::path& folder) { return ::access(folder.c_str(), W_OK | X_OK) == 0; }

void copyOwnership(const fs::path& file, std::uint64_t owner, std::uint64_t group) noexcept {
  // chown clears set-id bits; the caller sets the mode afterwards.
  if (::lchown(file.c_str(), static_cast<uid_t>(owner), static_cast<gid_t>(group)) != 0)
    (void)::lchown(file.c_str(), static_cast<uid_t>(-1), static_cast<gid_t>(group));  // at least the group
}

std::uint64_t processId() noexcept { return static_cast<std::uint64_t>(::getpid()); }

}  // namespace raadsbrief::platform
