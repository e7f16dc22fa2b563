#include "sources/Source.hpp"

#include <cctype>

#include "Error.hpp"
#include "data/DatasetReader.hpp"
#include "sources/CbsOData.hpp"

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

}  // namespace

SourceSpec parseSource(const std::string& text) {
  if (text.empty() || text == "bundled") return {SourceSpec::Kind::Bundled, {}};
  if (startsWith(text, "file://")) {
    std::string path = text.substr(7);
    if (startsWith(path, "localhost/")) path = path.substr(9);
    if (!startsWith(path, "/")) throw Error(ErrorKind::Usage, "Ongeldige bestands-URL: " + text);
    return {SourceSpec::Kind::File, percentDecoded(path)};
  }
  if (startsWith(text, "/")) return {SourceSpec::Kind::File, text};
  if (startsWith(text, "http://") || startsWith(text, "https://")) {
    std::string base = text;
    while (!base.empty() && base.back() == '/') base.pop_back();
    const bool cbs = base.find("/ODataApi/odata/") != std::string::npos ||
                     base.find("/ODataFeed/odata/") != std::string::npos || base.find("/CBS/") != std::string::npos;
    return {cbs ? SourceSpec::Kind::CbsOData : SourceSpec::Kind::ReportingApi, base};
  }
  throw Error(ErrorKind::Usage, "Onbekende bron '" + text +
                                    "': gebruik 'bundled', een datasetbestand of een http(s)-adres van een rapportage-API");
}

Loaded load(const SourceSpec& spec, const LoadOptions& options) {
  switch (spec.kind) {
    case SourceSpec::Kind::Bundled:
      return {std::make_shared<const model::Dataset>(data::readDatasetFile(options.bundledDataset)), 0, 0, {}};
    case SourceSpec::Kind::File:
      return {std::make_shared<const model::Dataset>(data::readDatasetFile(spec.location)), 0, 0, {}};
    case SourceSpec::Kind::CbsOData: {
      net::HttpClient cbsClient(options.http);
      CbsLoaded cbs = loadCbsTable(spec.location, cbsClient);
      return {std::make_shared<const model::Dataset>(std::move(cbs.dataset)), cbs.requests, cbs.bytesReceived,
              std::move(cbs.warnings)};
    }
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
