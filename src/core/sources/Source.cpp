#include "sources/Source.hpp"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>

#include "Error.hpp"
#include "data/DatasetReader.hpp"
#include "data/YouthCareRegions.hpp"
#include "sheets/OwnFigures.hpp"
#include "sources/CbsCatalog.hpp"

namespace raadsbrief::sources {
namespace {

bool startsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

std::string percentDecoded(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

/// Own figures from a spreadsheet or CSV file; municipalities are found (and given their
/// youth-care region) in the reference data shipped next to the bundled dataset.
Loaded loadOwnFigures(const std::filesystem::path& file, const LoadOptions& options) {
  std::vector<std::string> warnings;
  data::YouthCareRegions regions;
  const std::filesystem::path reference = data::youthCareRegionsFile(options.bundledDataset);
  std::error_code ec;
  if (!options.bundledDataset.empty() && std::filesystem::is_regular_file(reference, ec))
    regions = data::YouthCareRegions::read(reference);
  else
    warnings.push_back("het referentiebestand van de gemeenten ontbreekt (" + reference.string() +
                       "); alleen Nederland is bekend");
  model::Dataset dataset = sheets::readOwnFiguresFile(file, regions, options.spreadsheetReader);
  return {std::make_shared<const model::Dataset>(std::move(dataset)), 0, 0, std::move(warnings)};
}

}  // namespace

SourceSpec parseSource(const std::string& text) {
  if (text.empty() || text == "bundled") return {SourceSpec::Kind::Bundled, {}};
  if (text == "cbs") return {SourceSpec::Kind::CbsOData, kCbsCatalog};
  if (startsWith(text, "file://")) {
    std::string path = text.substr(7);
    if (startsWith(path, "localhost/")) path = path.substr(9);
    if (!startsWith(path, "/")) throw Error(ErrorKind::Usage, "Ongeldige bestands-URL: " + text);
    return {SourceSpec::Kind::File, percentDecoded(path)};
  }
  if (startsWith(text, "/")) return {SourceSpec::Kind::File, text};
  if (startsWith(text, "http://") || startsWith(text, "https://")) {
    // No credentials in an address: they would end up in messages and in the HTTP cache's
    // metadata. A token belongs in LibreOffice's password container (or RAADSBRIEF_TOKEN).
    const std::size_t authority = text.find("://") + 3;
    const std::size_t authorityEnd = std::min(text.find_first_of("/?#", authority), text.size());
    if (const std::size_t at = text.rfind('@', authorityEnd - 1); at != std::string::npos && at >= authority)
      throw Error(ErrorKind::Usage, "Zet geen gebruikersnaam of wachtwoord in het adres van een bron (" +
                                        text.substr(0, authority) + "…@" + text.substr(at + 1) +
                                        "): een token hoort in de wachtwoordopslag van LibreOffice");
    std::string base = text;
    while (!base.empty() && base.back() == '/') base.pop_back();
    const bool cbs = base.find("/ODataApi/odata/") != std::string::npos ||
                     base.find("/ODataFeed/odata/") != std::string::npos || base.find("/CBS/") != std::string::npos ||
                     isCbsCatalog(base);
    return {cbs ? SourceSpec::Kind::CbsOData : SourceSpec::Kind::ReportingApi, base};
  }
  throw Error(ErrorKind::Usage, "Onbekende bron '" + text +
                                    "': gebruik 'bundled', 'cbs', een datasetbestand, een CBS-adres of een "
                                    "http(s)-adres van een rapportage-API");
}

bool isLoopbackHost(const std::string& host) {
  std::string h;
  for (const char c : host) h += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (h.size() > 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (h == "localhost" || h == "::1" || h == "0:0:0:0:0:0:0:1") return true;
  // 127.0.0.0/8 in dotted-quad form only: four decimal parts of at most 3 digits, each <= 255.
  if (!startsWith(h, "127.")) return false;
  int parts = 0;
  std::size_t start = 0;
  while (start <= h.size()) {
    const std::size_t dot = std::min(h.find('.', start), h.size());
    const std::string part = h.substr(start, dot - start);
    if (part.empty() || part.size() > 3 ||
        !std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isdigit(c) != 0; }) ||
        std::stoi(part) > 255)
      return false;
    ++parts;
    start = dot + 1;
  }
  return parts == 4;
}

std::vector<std::string> securityWarnings(const SourceSpec& spec) {
  if (spec.kind != SourceSpec::Kind::ReportingApi && spec.kind != SourceSpec::Kind::CbsOData) return {};
  std::string host;
  try {
    const Poco::URI uri(spec.location);
    if (uri.getScheme() != "http") return {};
    host = uri.getHost();
  } catch (const Poco::Exception&) {
    return {};  // the client rejects it with its own message
  }
  if (isLoopbackHost(host)) return {};
  return {"de bron " + spec.location +
          " gebruikt http zonder versleuteling; de cijfers (en een token) kunnen onderweg worden "
          "meegelezen of veranderd. Gebruik bij voorkeur https."};
}

Loaded load(const SourceSpec& spec, const LoadOptions& options) {
  switch (spec.kind) {
    case SourceSpec::Kind::Bundled:
      return {std::make_shared<const model::Dataset>(data::readDatasetFile(options.bundledDataset)), 0, 0, {}};
    case SourceSpec::Kind::File:
      if (sheets::isSpreadsheetFile(spec.location)) return loadOwnFigures(spec.location, options);
      return {std::make_shared<const model::Dataset>(data::readDatasetFile(spec.location)), 0, 0, {}};
    case SourceSpec::Kind::CbsOData: return loadCbs(spec.location, options);
    case SourceSpec::Kind::ReportingApi: break;
  }
  net::HttpClient client(options.http);
  const std::string url = spec.location + "/dataset";
  const net::HttpResponse response = client.get(url);
  model::Dataset dataset;
  try {
    dataset = data::readDataset(response.body);
  } catch (const Error& e) {
    throw Error(ErrorKind::Source, "Bron " + url + " gaf een ongeldig antwoord: " + e.what());
  }
  dataset.source.location = spec.location;
  if (!response.fetchedAt.empty()) dataset.source.retrieved = response.fetchedAt.substr(0, 10);
  if (response.stale) dataset.source.staleFrom = response.fetchedAt.substr(0, 10);
  return {std::make_shared<const model::Dataset>(std::move(dataset)), response.requests, response.bytesReceived, {}};
}

}  // namespace raadsbrief::sources
