#include "util/File.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <system_error>

#include "Error.hpp"

namespace raadsbrief::util {
namespace fs = std::filesystem;

namespace {

/// Reads at most maxBytes + 1 bytes: one more than allowed tells a too-large file apart.
std::optional<std::string> readAtMost(const fs::path& path, std::size_t maxBytes, bool& tooLarge) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string content;
  constexpr std::size_t kChunk = 64 * 1024;
  char buffer[kChunk];
  while (in) {
    in.read(buffer, static_cast<std::streamsize>(kChunk));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (content.size() + got > maxBytes) {
      tooLarge = true;
      return std::nullopt;
    }
    content.append(buffer, got);
  }
  if (in.bad()) return std::nullopt;
  return content;
}

}  // namespace

std::string readRegularFile(const fs::path& path, std::size_t maxBytes, const std::string& what) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status))
    throw Error(ErrorKind::NotFound, fmt::format("{} niet gevonden: {}", what, path.string()));
  if (!fs::is_regular_file(status))
    throw Error(ErrorKind::Data, fmt::format("{} {} is geen gewoon bestand (maar een map, apparaat of pijp); "
                                             "Raadsbrief leest alleen gewone bestanden",
                                             what, path.string()));
  const std::uintmax_t size = fs::file_size(path, ec);
  const auto tooLargeError = [&] {
    return Error(ErrorKind::Data, fmt::format("{} {} is te groot (meer dan {} MB); Raadsbrief leest het niet", what,
                                              path.string(), maxBytes / (1024 * 1024)));
  };
  if (!ec && size > maxBytes) throw tooLargeError();
  bool tooLarge = false;
  auto content = readAtMost(path, maxBytes, tooLarge);
  if (tooLarge) throw tooLargeError();
  if (!content) throw Error(ErrorKind::NotFound, fmt::format("{} niet leesbaar: {}", what, path.string()));
  return std::move(*content);
}

std::optional<std::string> tryReadRegularFile(const fs::path& path, std::size_t maxBytes) noexcept {
  try {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec) || ec) return std::nullopt;
    if (const auto size = fs::file_size(path, ec); ec || size > maxBytes) return std::nullopt;
    bool tooLarge = false;
    return readAtMost(path, maxBytes, tooLarge);
  } catch (...) {
    return std::nullopt;
  }
}

void writeFileAtomically(const fs::path& target, const std::string& data, bool ownerOnly) {
  const auto fail = [&] { return Error(ErrorKind::Office, "Kan " + target.string() + " niet schrijven"); };
  thread_local std::mt19937_64 random{std::random_device{}()};
  fs::path temp = target;
  temp += fmt::format(".{:016x}.tmp", random());
  // "x": created exclusively (C11; glibc and MSVC), never through a planted file or link.
  std::FILE* file = std::fopen(temp.string().c_str(), "wbx");
  if (!file) throw fail();
  const bool written = std::fwrite(data.data(), 1, data.size(), file) == data.size();
  const bool closed = std::fclose(file) == 0;
  std::error_code ec;
  if (written && closed && ownerOnly)
    fs::permissions(temp, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
  if (!written || !closed || ec) {
    fs::remove(temp, ec);
    throw fail();
  }
  fs::rename(temp, target, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw fail();
  }
}

}  // namespace raadsbrief::util
