#include "settings/Settings.hpp"

#include <Poco/Path.h>

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>

#include "Error.hpp"
#include "sources/Source.hpp"
#include "util/Text.hpp"

namespace raadsbrief::settings {
namespace {

namespace fs = std::filesystem;

int clamped(int seconds) { return std::clamp(seconds, kMinTimeoutSeconds, kMaxTimeoutSeconds); }

}  // namespace

std::string normaliseSource(const std::string& text) {
  const std::string source = util::trim(text);
  if (source.empty()) throw Error(ErrorKind::Usage, "Vul een bron in");
  if (source.find_first_of("\r\n\t") != std::string::npos)
    throw Error(ErrorKind::Usage, "Een bron is één regel: '" + source + "'");
  // Credentials first, with the options page's own advice (parseSource refuses them too).
  if (const std::size_t scheme = source.find("://"); scheme != std::string::npos) {
    const std::size_t start = scheme + 3;
    const std::string authority = source.substr(start, source.find_first_of("/?#", start) - start);
    if (authority.find('@') != std::string::npos)
      throw Error(ErrorKind::Usage, "Zet geen gebruikersnaam, wachtwoord of token in het adres '" +
                                        source.substr(0, start) + "…@" + authority.substr(authority.rfind('@') + 1) +
                                        "': een token hoort in het veld Token");
  }
  const sources::SourceSpec spec = sources::parseSource(source);  // throws Usage with the reason
  switch (spec.kind) {
    case sources::SourceSpec::Kind::Bundled: return "bundled";
    case sources::SourceSpec::Kind::File: return source;
    case sources::SourceSpec::Kind::ReportingApi:
    case sources::SourceSpec::Kind::CbsOData: break;
  }
  const std::size_t scheme = spec.location.find("://");
  const std::size_t hostStart = scheme == std::string::npos ? spec.location.size() : scheme + 3;
  const std::string authority = spec.location.substr(hostStart, spec.location.find('/', hostStart) - hostStart);
  if (authority.empty() || authority.front() == ':')
    throw Error(ErrorKind::Usage, "Het adres '" + source + "' noemt geen server");
  if (spec.location.find_first_of(" \"<>\\^`{|}") != std::string::npos)
    throw Error(ErrorKind::Usage, "Het adres '" + source + "' bevat tekens die in een adres niet mogen");
  return spec.location;
}

Settings validated(Settings settings) {
  std::vector<std::string> sources;
  for (const auto& s : settings.sources) {
    std::string normal = normaliseSource(s);
    if (std::find(sources.begin(), sources.end(), normal) == sources.end()) sources.push_back(std::move(normal));
  }
  settings.sources = std::move(sources);
  const auto checkTimeout = [](int seconds, const char* what) {
    if (seconds < kMinTimeoutSeconds || seconds > kMaxTimeoutSeconds)
      throw Error(ErrorKind::Usage, fmt::format("{} moet tussen {} en {} seconden liggen, niet {}", what,
                                                kMinTimeoutSeconds, kMaxTimeoutSeconds, seconds));
  };
  checkTimeout(settings.connectTimeoutSeconds, "De verbindingstijd");
  checkTimeout(settings.readTimeoutSeconds, "De wachttijd op een antwoord");
  return settings;
}

std::string sourceArgument(const Settings& settings) {
  std::string joined;
  for (const auto& s : settings.sources) joined += (joined.empty() ? "" : "\n") + s;
  return joined;
}

void applyTo(const Settings& settings, net::HttpOptions& http) {
  http.connectTimeout = std::chrono::seconds(clamped(settings.connectTimeoutSeconds));
  http.readTimeout = std::chrono::seconds(clamped(settings.readTimeoutSeconds));
}

std::optional<std::string> tokenKey(const std::string& source) {
  try {
    const auto spec = sources::parseSource(util::trim(source));
    if (spec.kind == sources::SourceSpec::Kind::ReportingApi) return spec.location;
  } catch (const Error&) {
  }
  return std::nullopt;
}

std::string describe(const model::Dataset& dataset) {
  std::size_t municipalities = 0;
  for (const auto& r : dataset.regions())
    if (r.kind == model::RegionKind::Municipality) ++municipalities;
  std::string text = fmt::format("{} {}", municipalities, municipalities == 1 ? "gemeente" : "gemeenten");
  const auto& periods = dataset.periods();
  if (periods.size() == 1) text += ", " + periods.front().id;
  if (periods.size() > 1) text += ", " + periods.front().id + "\u2013" + periods.back().id;
  if (!dataset.source.name.empty()) text += " (" + dataset.source.name + ")";
  if (dataset.source.demo) text += "; voorbeeldcijfers, geen echte cijfers";
  if (!dataset.source.staleFrom.empty())
    text += "; de bron was niet bereikbaar, dit is de kopie uit de cache van " + dataset.source.staleFrom;
  return text;
}

fs::path cacheHome() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "raadsbrief";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "raadsbrief";
  // No HOME (a service account): the platform's per-user cache folder (Windows: %LOCALAPPDATA%).
  return fs::path(Poco::Path::cacheHome()) / "raadsbrief";
}

std::size_t clearCache(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return 0;
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(folder, ec))
    if (entry.is_regular_file(ec)) ++files;
  if (ec) throw Error(ErrorKind::Office, "De cache " + folder.string() + " kon niet worden gelezen: " + ec.message());
  std::vector<fs::path> entries;  // collected first: removing while iterating is unspecified
  for (const auto& entry : fs::directory_iterator(folder, ec)) entries.push_back(entry.path());
  if (ec) throw Error(ErrorKind::Office, "De cache " + folder.string() + " kon niet worden gelezen: " + ec.message());
  for (const auto& path : entries) {
    fs::remove_all(path, ec);
    if (ec) throw Error(ErrorKind::Office, "Kon " + path.string() + " niet verwijderen: " + ec.message());
  }
  return files;
}

}  // namespace raadsbrief::settings
