#pragma once
/// The few operating-system calls that std::filesystem does not offer: who owns a file, whether
/// this process may write it, handing a replaced file's owner to its successor, this process's id.
///
/// The only place in Raadsbrief's core and component where platform headers are allowed: one
/// implementation per platform (FileIdentityPosix.cpp, FileIdentityWindows.cpp), chosen by CMake.
/// Everything above it (src/uno/OutputFile) is written once for all platforms.
#include <cstdint>
#include <filesystem>
#include <optional>

namespace raadsbrief::platform {

/// What the system says about an existing file (symlinks followed).
struct FileIdentity {
  std::filesystem::perms perms = std::filesystem::perms::none;
  std::uint64_t owner = 0, group = 0;  ///< POSIX uid/gid; 0 where the platform has none
  std::uintmax_t links = 1;            ///< hard links
  bool writable = false;               ///< this process may write it (the mode bits alone do not say so for root)
};

/// nullopt when nothing is there (or it cannot be examined).
[[nodiscard]] std::optional<FileIdentity> identityOf(const std::filesystem::path& file);

/// Whether a symbolic link was made by this user or the administrator: only those are followed
/// (like the kernel's protected_symlinks, but everywhere). True where links have no owner.
[[nodiscard]] bool isTrustedLink(const std::filesystem::path& link);

/// Whether this process may create files in `folder`.
[[nodiscard]] bool canCreateIn(const std::filesystem::path& folder);

/// Gives `file` this owner and group where the process may (root), else at least the group, else
/// nothing: best effort, never throws. No-op where files have no POSIX owner.
void copyOwnership(const std::filesystem::path& file, std::uint64_t owner, std::uint64_t group) noexcept;

/// This process's id (for names of temporary files).
[[nodiscard]] std::uint64_t processId() noexcept;

}  // namespace raadsbrief::platform
