#pragma once
// What a store keeps of the file it replaces (docs/security.md, "Outputs"): the new content goes
// to the file a symlink leads to, gets the old file's mode and, where the process may, its owner;
// a read-only file is only replaced when forced. The store itself stays atomic (a temporary file
// beside the target, then a rename).
#include <cstdint>
#include <filesystem>

namespace raadsbrief::office {

struct OutputFile {
  std::filesystem::path path;  ///< where the new file goes: the output, or where its symlink(s) lead
  bool exists = false;         ///< a file is there now (it will be replaced)
  std::filesystem::perms perms = std::filesystem::perms::none;
  bool readOnly = false;  ///< nobody may write it (e.g. 0444), or this process may not
  std::uint64_t owner = 0, group = 0;
  std::uintmax_t links = 1;  ///< hard links to the existing file (the others keep the old content)
};

/// Looks at `output` before a store. Throws Error(Usage) for a symlink chain that does not end.
OutputFile inspectOutput(const std::filesystem::path& output);

/// Refuses what must not be replaced, before any work: a read-only file unless `force`, and a
/// folder this process cannot write in (each with a Dutch message saying what to do).
void checkReplaceable(const OutputFile& file, bool force);

/// A name beside `target` that nobody can predict (pid and 64 random bits), with nothing there
/// now: ".<name>.raadsbrief-<pid>-<random>.tmp" (the store makes it a private folder).
std::filesystem::path temporaryBeside(const std::filesystem::path& target);

/// Gives the freshly stored `temp` the mode of the file it replaces and, where allowed (root, or
/// a group of one's own), its owner and group. A new file keeps the mode the store gave it.
void keepIdentity(const std::filesystem::path& temp, const OutputFile& original);

}  // namespace raadsbrief::office
