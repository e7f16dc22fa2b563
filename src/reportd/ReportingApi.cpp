#include "ReportingApi.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/SHA1Engine.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <chrono>

#include "Error.hpp"
#include "HttpSemantics.hpp"
#include "Resources.hpp"
#include "data/DatasetReader.hpp"
#include "util/Text.hpp"

namespace raadsbrief::reportd {

struct ReportingApi::Rendered {
  std::string body;      ///< identity-encoded JSON
  std::string etag;      ///< quoted hex SHA-1 of body
  std::string gzipBody;  ///< made once for the unfiltered endpoints; empty otherwise (made per request)
  std::string gzipEtag;  ///< etag with "-gzip" inside the quotes: another representation, another tag
};

namespace {

constexpr const char* kJson = "application/json; charset=utf-8";

}  // namespace

std::optional<std::string> findHeader(const Headers& headers, std::string_view name) {
  const std::string wanted = util::lowerAscii(name);
  for (const auto& [n, v] : headers)
    if (util::lowerAscii(n) == wanted) return v;
  return std::nullopt;
}

ReportingApi::ReportingApi(model::Dataset dataset, std::chrono::system_clock::time_point lastModified,
                           ApiOptions options)
    : dataset_(std::move(dataset)),
      lastModified_(std::chrono::floor<std::chrono::seconds>(lastModified)),
      lastModifiedText_(httpDate(lastModified_)),
      options_(std::move(options)) {
  while (!options_.basePath.empty() && options_.basePath.back() == '/') options_.basePath.pop_back();
  // The answers without query parameters never change: make them (and their gzip) once.
  for (const auto& entry : endpoints()) {
    if (entry.first == "observations") continue;  // needs parameters
    auto rendered = std::make_shared<Rendered>(*render(entry.first, {}));
    rendered->gzipBody = gzip(rendered->body);
    unfiltered_[entry.first] = std::move(rendered);
  }
}

ReportingApi::~ReportingApi() = default;

std::shared_ptr<const ReportingApi::Rendered> ReportingApi::render(
    const std::string& endpoint, const std::map<std::string, std::string>& query) const {
  if (query.empty()) {
    if (const auto it = unfiltered_.find(endpoint); it != unfiltered_.end()) return it->second;
  }
  auto r = std::make_shared<Rendered>();
  if (endpoint.empty()) r->body = renderDiscovery(dataset_);
  else if (endpoint == "dataset") r->body = renderDataset(dataset_, filters(dataset_, query));
  else if (endpoint == "indicators") r->body = renderIndicators(dataset_);
  else if (endpoint == "periods") r->body = renderPeriods(dataset_);
  else if (endpoint == "regions") r->body = renderRegions(dataset_, query);
  else if (endpoint == "observations") r->body = renderObservations(dataset_, filters(dataset_, query));
  else throw ApiError{404, "not_found", "Onbekend eindpunt '" + endpoint + "'"};
  const std::string hex = util::sha1Hex(r->body);
  r->etag = "\"" + hex + "\"";
  r->gzipEtag = "\"" + hex + "-gzip\"";
  return r;
}

ApiResponse ReportingApi::handle(const ApiRequest& request) const {
  ApiResponse response;
  try {
    response = respond(request);
  } catch (const ApiError& e) {
    response.status = e.status;
    response.body = errorBody(e.code, e.message);
    response.headers = e.extraHeaders;
  } catch (const std::exception&) {
    response.status = 500;
    response.body = errorBody("internal_error", "Interne fout in raadsbrief-reportd");
    response.headers.clear();
  }
  if (response.status >= 400) {
    response.headers.emplace_back("Content-Type", kJson);
    response.headers.emplace_back("Content-Length", std::to_string(response.body.size()));
    response.headers.emplace_back("Cache-Control", "no-store");
    if (request.method == "HEAD") response.body.clear();
  }
  return response;
}

ApiResponse ReportingApi::respond(const ApiRequest& request) const {
  // 1. Size and shape of the request itself.
  if (request.target.size() > options_.maxTargetLength)
    throw ApiError{414, "uri_too_long",
                   "Het verzoekadres is te lang (meer dan " + std::to_string(options_.maxTargetLength) + " tekens)"};
  std::size_t headerBytes = 0;
  for (const auto& [n, v] : request.headers) headerBytes += n.size() + v.size() + 4;
  if (headerBytes > options_.maxHeaderBytes)
    throw ApiError{
        431, "headers_too_large",
        "De kopregels van het verzoek zijn te groot (meer dan " + std::to_string(options_.maxHeaderBytes) + " bytes)"};
  if (request.method != "GET" && request.method != "HEAD")
    throw ApiError{405,
                   "method_not_allowed",
                   "Methode '" + request.method + "' is niet toegestaan; alleen GET en HEAD",
                   {{"Allow", "GET, HEAD"}}};
  if (findHeader(request.headers, "Transfer-Encoding"))
    throw ApiError{413, "payload_too_large", "Een verzoek aan deze API heeft geen inhoud"};
  if (const auto length = findHeader(request.headers, "Content-Length")) {
    const std::string l = util::trim(*length);
    if (l.empty() || !std::all_of(l.begin(), l.end(), [](char c) { return c >= '0' && c <= '9'; }))
      throw ApiError{400, "bad_request", "Ongeldige Content-Length"};
    if (l.find_first_not_of('0') != std::string::npos)
      throw ApiError{413, "payload_too_large", "Een verzoek aan deze API heeft geen inhoud"};
  }

  // 2. Authentication.
  const bool authRequired = !options_.bearerToken.empty();
  if (authRequired) {
    const Headers challenge{{"WWW-Authenticate", "Bearer realm=\"raadsbrief-reportd\""}};
    const auto auth = findHeader(request.headers, "Authorization");
    if (!auth)
      throw ApiError{401, "unauthorized", "Authenticatie vereist: stuur 'Authorization: Bearer <token>'", challenge};
    const std::string value = util::trim(*auth);
    const auto space = value.find(' ');
    const std::string token = space == std::string::npos ? std::string() : util::trim(value.substr(space + 1));
    if (space == std::string::npos || util::lowerAscii(value.substr(0, space)) != "bearer" || token.empty() ||
        token.find_first_of(" \t") != std::string::npos)
      throw ApiError{401, "unauthorized", "Ongeldige Authorization-header: verwacht 'Bearer <token>'", challenge};
    if (!sameSecret(token, options_.bearerToken)) throw ApiError{403, "forbidden", "Het token is onjuist"};
  }

  // 3. Route.
  std::string path;
  std::vector<std::pair<std::string, std::string>> parameters;
  try {
    const Poco::URI uri(request.target);
    path = uri.getPath();
    parameters = uri.getQueryParameters();
  } catch (const Poco::Exception&) {
    throw ApiError{400, "bad_request", "Ongeldig verzoekadres"};
  }
  std::string endpoint;
  const std::string& base = options_.basePath;
  if (path != base) {
    const std::string prefix = base + "/";
    endpoint = path.starts_with(prefix) ? path.substr(prefix.size()) : "-";
    if (!endpoints().count(endpoint))
      throw ApiError{404, "not_found", "Onbekend pad '" + path + "' (de API staat onder " + prefix + ")"};
  }

  // 4. Query parameters: only the known ones, each once.
  const std::vector<std::string>& allowed = endpoints().at(endpoint);
  std::map<std::string, std::string> query;
  for (const auto& [name, value] : parameters) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
      throw ApiError{400, "unknown_parameter", "Onbekende parameter '" + name + "' (" + allowedList(allowed) + ")"};
    if (!query.emplace(name, value).second)
      throw ApiError{400, "bad_parameter", "Parameter '" + name + "' staat er meer dan één keer in"};
  }

  // 5. The representation, and whether the client already has it.
  const std::shared_ptr<const Rendered> rendered = render(endpoint, query);
  const bool useGzip = acceptsGzip(findHeader(request.headers, "Accept-Encoding"));
  const std::string& etag = useGzip ? rendered->gzipEtag : rendered->etag;

  ApiResponse response;
  response.headers.emplace_back("Cache-Control", authRequired ? "private, no-cache" : "no-cache");
  response.headers.emplace_back("Vary", authRequired ? "Accept-Encoding, Authorization" : "Accept-Encoding");
  response.headers.emplace_back("Last-Modified", lastModifiedText_);

  std::optional<std::string> matched;
  if (const auto inm = findHeader(request.headers, "If-None-Match")) {
    for (const std::string& tag : entityTags(*inm)) {
      if (tag == "*") matched = etag;
      else if (tag == rendered->etag || tag == rendered->gzipEtag) matched = tag;
      if (matched) break;
    }
  } else if (const auto ims = findHeader(request.headers, "If-Modified-Since")) {
    if (const auto since = parseHttpDate(*ims); since && lastModified_ <= *since) matched = etag;
  }
  if (matched) {
    // The tag the client holds, so a cache can tell which stored response this refreshes.
    response.status = 304;
    response.headers.emplace(response.headers.begin(), "ETag", *matched);
    return response;
  }

  response.status = 200;
  response.headers.emplace(response.headers.begin(), "ETag", etag);
  response.headers.emplace(response.headers.begin(), "Content-Type", kJson);
  if (useGzip) {
    response.body = rendered->gzipBody.empty() ? gzip(rendered->body) : rendered->gzipBody;
    response.headers.emplace_back("Content-Encoding", "gzip");
  } else {
    response.body = rendered->body;
  }
  response.headers.emplace_back("Content-Length", std::to_string(response.body.size()));
  if (request.method == "HEAD") response.body.clear();
  return response;
}

std::unique_ptr<ReportingApi> loadReportingApi(const std::filesystem::path& datasetFile, ApiOptions options) {
  model::Dataset dataset = data::readDatasetFile(datasetFile);
  std::chrono::system_clock::time_point modified = std::chrono::system_clock::now();
  try {
    const Poco::Timestamp t = Poco::File(datasetFile.string()).getLastModified();
    modified = std::chrono::system_clock::time_point(std::chrono::microseconds(t.epochMicroseconds()));
  } catch (const Poco::Exception&) {
    // Read a moment ago, so it exists; should the time be unavailable, "now" will do.
  }
  return std::make_unique<ReportingApi>(std::move(dataset), modified, std::move(options));
}

}  // namespace raadsbrief::reportd
