#pragma once
/// The user's settings of Tools ▸ Options ▸ Raadsbrief, without UNO: which sources a briefing uses
/// when the caller names none, the HTTP timeouts, and the stale-cache fallback. The UNO side
/// (src/uno/Settings.cxx) stores them in LibreOffice's configuration (/nl.raadsbrief.Raadsbrief/
/// Settings). Tokens are never part of the settings: they live in the password container.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/Dataset.hpp"
#include "net/HttpClient.hpp"

namespace raadsbrief::settings {

inline constexpr int kMinTimeoutSeconds = 1;
inline constexpr int kMaxTimeoutSeconds = 300;

struct Settings {
  std::vector<std::string> sources;  ///< in priority order; empty = the bundled demo dataset
  int connectTimeoutSeconds = 5;     ///< as net::HttpOptions::connectTimeout
  int readTimeoutSeconds = 15;       ///< as net::HttpOptions::readTimeout
  bool allowStaleCache = false;      ///< an unreachable endpoint may be answered from the cache
};

/// One source as a user typed it, checked and in the form the service takes: "bundled", an
/// absolute path or file:/// URL, or an http(s) base URL without trailing '/'. Throws
/// Error(Usage) with a Dutch message for anything else, also for a URL carrying a user name or
/// password (a token belongs in the password container, never in an address).
[[nodiscard]] std::string normaliseSource(const std::string& text);

/// The settings checked and normalised: every source (duplicates dropped, order kept), the
/// timeouts within [kMinTimeoutSeconds, kMaxTimeoutSeconds]. Throws Error(Usage).
[[nodiscard]] Settings validated(Settings settings);

/// The sources as the service's Source argument: one per line, "" when none (= bundled).
[[nodiscard]] std::string sourceArgument(const Settings& settings);

/// Applies the timeouts (clamped to the allowed range) to an HTTP client's options.
void applyTo(const Settings& settings, net::HttpOptions& http);

/// The password-container key of a source's token: the base URL of a reporting endpoint; none
/// for sources that take no token (bundled, files, CBS StatLine) or that cannot be parsed.
[[nodiscard]] std::optional<std::string> tokenKey(const std::string& source);

/// A loaded dataset in one Dutch line for the connection test, e.g.
/// "342 gemeenten, 2019–2023 (Naam van de bron)"; says so when the figures are demo figures
/// or a stale cached copy.
[[nodiscard]] std::string describe(const model::Dataset& dataset);

/// Where Raadsbrief keeps its caches: $XDG_CACHE_HOME/raadsbrief, ~/.cache/raadsbrief, or a
/// per-user folder in the temp directory. The HTTP cache is its "http" subfolder.
[[nodiscard]] std::filesystem::path cacheHome();

/// Empties a cache folder (the folder itself stays); returns the number of files removed.
/// A missing folder is empty. Throws Error(Office) when something cannot be removed.
std::size_t clearCache(const std::filesystem::path& folder);

}  // namespace raadsbrief::settings
