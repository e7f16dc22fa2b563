#pragma once
/// Reading files that Raadsbrief did not write itself (a dataset named by a document, a cache
/// entry) without trusting them: only regular files, and never more than a limit that is checked
/// before reading and enforced while reading (a file that grows, or is swapped for a device,
/// between the check and the read is still cut off). Portable: std::filesystem only.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace raadsbrief::util {

/// The largest dataset Raadsbrief reads from a file or an endpoint: 64 MiB. The real datasets are
/// below 2 MiB (342 municipalities, every indicator and year); ten times the bundled one is 1 MiB.
inline constexpr std::size_t kMaxDatasetBytes = 64U * 1024U * 1024U;

/// The content of `path`. Throws Error(NotFound) when it does not exist or cannot be opened, and
/// Error(Data) — naming `what` and the path — when it is not a regular file (a folder, a device
/// such as /dev/zero, a FIFO, a socket) or larger than `maxBytes`. Symbolic links are followed
/// to what they point at, which must be a regular file too.
[[nodiscard]] std::string readRegularFile(const std::filesystem::path& path, std::size_t maxBytes,
                                          const std::string& what);

/// As readRegularFile, but nothing instead of an exception (for caches: a missing or odd entry is
/// simply not used).
[[nodiscard]] std::optional<std::string> tryReadRegularFile(const std::filesystem::path& path,
                                                            std::size_t maxBytes) noexcept;

/// Writes `data` to `target` through a temporary file beside it (an unpredictable name, created
/// exclusively) and a rename: `target` is then complete or as it was. `ownerOnly` makes it 0600
/// (caches). Throws Error(Office) naming the target when it cannot be written.
void writeFileAtomically(const std::filesystem::path& target, const std::string& data, bool ownerOnly = false);

}  // namespace raadsbrief::util
