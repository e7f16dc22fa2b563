// Windows: files have ACLs, not a POSIX owner and mode. Not built on our Linux machines (no MSVC,
// no Windows SDK; CONTRIBUTING.md, "Other platforms"); kept small so that a Windows build has
// nothing POSIX to port.
#include <windows.h>

#include "FileIdentity.hpp"

namespace raadsbrief::platform {
namespace fs = std::filesystem;

std::optional<FileIdentity> identityOf(const fs::path& file) {
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (ec || !fs::exists(status)) return std::nullopt;
  FileIdentity id;
  id.perms = status.permissions();
  id.links = fs::hard_link_count(file, ec);
  const DWORD attributes = ::GetFileAttributesW(file.c_str());
  id.writable = attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_READONLY) == 0;
  return id;
}

bool isTrustedLink(const fs::path&) { return true; }  // creating links needs a privilege on Windows

bool canCreateIn(const fs::path&) { return true; }  // ACLs: the store itself reports a refusal

void copyOwnership(const fs::path&, std::uint64_t, std::uint64_t) noexcept {}

std::uint64_t processId() noexcept { return ::GetCurrentProcessId(); }

}  // namespace raadsbrief::platform
