#include "ReportingApi.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/DeflatingStream.h>
#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/SHA1Engine.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <limits>
#include <sstream>

#include "Error.hpp"
#include "data/DatasetReader.hpp"
#include "data/DatasetWriter.hpp"
#include "util/Text.hpp"

namespace raadsbrief::reportd {

struct ReportingApi::Rendered {
  std::string body;      ///< identity-encoded JSON
  std::string etag;      ///< quoted hex SHA-1 of body
  std::string gzipBody;  ///< made once for the unfiltered endpoints; empty otherwise (made per request)
  std::string gzipEtag;  ///< etag with "-gzip" inside the quotes: another representation, another tag
};

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr const char* kJson = "application/json; charset=utf-8";

/// An API error: becomes {"error": {"code": ..., "message": ...}} with `status`.
struct ApiError {
  int status;
  std::string code;
  std::string message;
  Headers extraHeaders = {};
};

/// Splits on `separator`, trimming each part; "" gives one empty part.
std::vector<std::string> split(std::string_view s, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t next = s.find(separator, start);
    parts.push_back(
        util::trim(s.substr(start, next == std::string_view::npos ? std::string_view::npos : next - start)));
    if (next == std::string_view::npos) break;
    start = next + 1;
  }
  return parts;
}

Object::Ptr newObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string toJson(const Object::Ptr& o) {
  std::ostringstream out;
  o->stringify(out);
  return out.str();
}

std::string gzip(const std::string& data) {
  std::ostringstream out;
  {
    Poco::DeflatingOutputStream deflater(out, Poco::DeflatingStreamBuf::STREAM_GZIP, 6);
    deflater.write(data.data(), static_cast<std::streamsize>(data.size()));
    deflater.close();
  }
  return out.str();
}

std::string errorBody(const std::string& code, const std::string& message) {
  Object::Ptr inner = newObject();
  inner->set("code", code);
  inner->set("message", message);
  Object::Ptr root = newObject();
  root->set("error", inner);
  return toJson(root);
}

std::string periodStatus(const model::Period& p) { return model::toString(p.status()); }

Object::Ptr sourceObject(const model::SourceInfo& s) {
  Object::Ptr o = newObject();
  o->set("name", s.name);
  o->set("demo", s.demo);
  if (!s.note.empty()) o->set("note", s.note);
  if (!s.retrieved.empty()) o->set("retrieved", s.retrieved);
  return o;
}

Array::Ptr periodsArray(const model::Dataset& ds) {
  Array::Ptr a = new Array;
  for (const auto& p : ds.periods()) {
    Object::Ptr o = newObject();
    o->set("id", p.id);
    o->set("status", periodStatus(p));
    a->add(o);
  }
  return a;
}

Array::Ptr indicatorsArray(const model::Dataset& ds) {
  Array::Ptr a = new Array;
  for (const auto& i : ds.indicators()) {
    Object::Ptr o = newObject();
    o->set("id", i.id);
    o->set("label", i.label);
    o->set("unit", model::toString(i.unit));
    o->set("decimals", i.decimals);
    o->set("direction", model::toString(i.direction));
    o->set("definition", i.definition);
    o->set("source", i.source);
    a->add(o);
  }
  return a;
}

Object::Ptr regionObject(const model::Region& r) {
  Object::Ptr o = newObject();
  o->set("code", r.code);
  o->set("name", r.name);
  o->set("kind", model::toString(r.kind));
  if (!r.youthCareRegion.empty()) o->set("jeugdregio", r.youthCareRegion);
  return o;
}

/// A comma-separated list of codes from the query, checked against the dataset; duplicates
/// dropped, order kept. std::nullopt when the parameter was not given.
template <typename Find>
std::optional<std::vector<std::string>> codeList(const std::map<std::string, std::string>& query,
                                                 const std::string& name, Find find, const std::string& errorCode,
                                                 const std::string& noun) {
  const auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  std::vector<std::string> codes;
  for (const std::string& code : split(it->second, ',')) {
    if (code.empty())
      throw ApiError{400, "bad_parameter", "Lege waarde in parameter '" + name + "' (lijsten zijn kommagescheiden)"};
    if (!find(code)) throw ApiError{404, errorCode, "Onbekende " + noun + " '" + code + "'"};
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  }
  return codes;
}

struct Filters {
  std::optional<std::vector<std::string>> indicators, regions, periods;
};

Filters filters(const model::Dataset& ds, const std::map<std::string, std::string>& query) {
  Filters f;
  f.indicators = codeList(
      query, "indicators", [&](const std::string& c) { return ds.findIndicator(c) != nullptr; }, "unknown_indicator",
      "indicator");
  f.regions = codeList(
      query, "regions", [&](const std::string& c) { return ds.findRegion(c) != nullptr; }, "unknown_region", "regio");
  f.periods = codeList(
      query, "periods", [&](const std::string& c) { return ds.findPeriod(c) != nullptr; }, "unknown_period", "periode");
  return f;
}

std::string renderDiscovery(const model::Dataset& ds) {
  Object::Ptr root = newObject();
  root->set("api", "raadsbrief-reporting");
  root->set("version", 1);
  root->set("source", sourceObject(ds.source));
  Array::Ptr endpoints = new Array;
  for (const char* e : {"dataset", "indicators", "periods", "regions", "observations"}) endpoints->add(std::string(e));
  root->set("endpoints", endpoints);
  return toJson(root);
}

/// The dataset format (docs/dataset-format.md), written by the one dataset writer. Filters narrow
/// `observations` only: the periods, indicators and regions lists are always complete.
std::string renderDataset(const model::Dataset& ds, const Filters& f) {
  const auto asSet = [](const std::optional<std::vector<std::string>>& list) -> std::optional<std::set<std::string>> {
    if (!list) return std::nullopt;
    return std::set<std::string>(list->begin(), list->end());
  };
  return data::writeDataset(ds, {asSet(f.regions), asSet(f.indicators), asSet(f.periods)});
}

std::string renderIndicators(const model::Dataset& ds) {
  Object::Ptr root = newObject();
  root->set("indicators", indicatorsArray(ds));
  return toJson(root);
}

std::string renderPeriods(const model::Dataset& ds) {
  Object::Ptr root = newObject();
  root->set("periods", periodsArray(ds));
  return toJson(root);
}

std::string renderRegions(const model::Dataset& ds, const std::map<std::string, std::string>& query) {
  std::optional<model::RegionKind> kind;
  if (const auto it = query.find("kind"); it != query.end()) {
    if (it->second == "gemeente") kind = model::RegionKind::Municipality;
    else if (it->second == "jeugdregio") kind = model::RegionKind::YouthCareRegion;
    else if (it->second == "land") kind = model::RegionKind::Country;
    else
      throw ApiError{400, "bad_parameter",
                     "Onbekende soort '" + it->second + "' voor 'kind' (gemeente, jeugdregio of land)"};
  }
  Array::Ptr regions = new Array;
  for (const auto& r : ds.regions())
    if (!kind || r.kind == *kind) regions->add(regionObject(r));
  Object::Ptr root = newObject();
  root->set("regions", regions);
  return toJson(root);
}

/// One entry per indicator × region × period asked for: indicators and regions in the order
/// asked, periods in the order asked or, without `periods`, all of them oldest first.
std::string renderObservations(const model::Dataset& ds, const Filters& f) {
  if (!f.indicators) throw ApiError{400, "missing_parameter", "Parameter 'indicators' ontbreekt"};
  if (!f.regions) throw ApiError{400, "missing_parameter", "Parameter 'regions' ontbreekt"};
  std::vector<std::string> periods;
  if (f.periods) {
    periods = *f.periods;
  } else {
    for (const auto& p : ds.periods()) periods.push_back(p.id);
  }
  Array::Ptr list = new Array;
  for (const auto& indicator : *f.indicators) {
    for (const auto& region : *f.regions) {
      for (const auto& period : periods) {
        const model::Observation o = ds.observation(region, indicator, period);
        Object::Ptr e = newObject();
        e->set("indicator", indicator);
        e->set("region", region);
        e->set("period", period);
        switch (o.state) {
          case model::Observation::State::Value:
            e->set("value", o.value);
            e->set("state", "value");
            break;
          case model::Observation::State::Suppressed:
            e->set("value", Var());
            e->set("state", "suppressed");
            break;
          case model::Observation::State::Missing:
            e->set("value", Var());
            e->set("state", "missing");
            break;
        }
        e->set("status", periodStatus(*ds.findPeriod(period)));
        e->set("source", ds.source.name);
        list->add(e);
      }
    }
  }
  Object::Ptr root = newObject();
  root->set("observations", list);
  return toJson(root);
}

/// Allowed query parameters per endpoint ("" is the discovery document).
const std::map<std::string, std::vector<std::string>>& endpoints() {
  static const std::map<std::string, std::vector<std::string>> e{
      {"", {}},
      {"dataset", {"regions", "indicators", "periods"}},
      {"indicators", {}},
      {"periods", {}},
      {"regions", {"kind"}},
      {"observations", {"indicators", "regions", "periods"}},
  };
  return e;
}

std::string allowedList(const std::vector<std::string>& allowed) {
  if (allowed.empty()) return "hier zijn geen parameters toegestaan";
  std::string s = "toegestaan: ";
  for (std::size_t i = 0; i < allowed.size(); ++i) s += (i ? ", " : "") + allowed[i];
  return s;
}

/// True when the request accepts gzip (q > 0), explicitly or through "*".
bool acceptsGzip(const std::optional<std::string>& header) {
  if (!header) return false;
  std::optional<bool> gzip, star;
  for (const std::string& element : split(*header, ',')) {
    const std::vector<std::string> parts = split(element, ';');
    const std::string coding = util::lowerAscii(parts.front());
    double q = 1.0;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      const std::string& param = parts[i];
      if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        try {
          q = std::stod(param.substr(2));
        } catch (const std::exception&) {
          q = 0.0;
        }
      }
    }
    if (coding == "gzip" || coding == "x-gzip") gzip = q > 0.0;
    else if (coding == "*") star = q > 0.0;
  }
  if (gzip) return *gzip;
  return star.value_or(false);
}

/// The entity tags of an If-None-Match header ("*" stays "*"); W/ prefixes dropped (weak comparison).
std::vector<std::string> entityTags(const std::string& header) {
  std::vector<std::string> tags;
  std::size_t i = 0;
  while (i < header.size()) {
    const char c = header[i];
    if (c == ' ' || c == '\t' || c == ',') {
      ++i;
    } else if (c == '*') {
      tags.emplace_back("*");
      ++i;
    } else if (c == 'W' && i + 1 < header.size() && header[i + 1] == '/') {
      i += 2;
    } else if (c == '"') {
      const auto end = header.find('"', i + 1);
      if (end == std::string::npos) break;
      tags.push_back(header.substr(i, end - i + 1));
      i = end + 1;
    } else {
      // Not a valid entity tag: skip to the next element.
      const auto comma = header.find(',', i);
      if (comma == std::string::npos) break;
      i = comma + 1;
    }
  }
  return tags;
}

std::string httpDate(std::chrono::system_clock::time_point t) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  return Poco::DateTimeFormatter::format(Poco::Timestamp(micros), Poco::DateTimeFormat::HTTP_FORMAT);
}

std::optional<std::chrono::system_clock::time_point> parseHttpDate(const std::string& text) {
  Poco::DateTime dt;
  int tzd = 0;
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::HTTP_FORMAT, text, dt, tzd) &&
      !Poco::DateTimeParser::tryParse(text, dt, tzd))
    return std::nullopt;
  dt.makeUTC(tzd);
  // system_clock counts nanoseconds in 64 bits (years 1678–2261): a date outside that range
  // (a client may send year 1 or 9999) would overflow the conversion. Treat it as unusable.
  const Poco::Timestamp::TimeVal micros = dt.timestamp().epochMicroseconds();
  constexpr Poco::Timestamp::TimeVal kLimit = std::numeric_limits<std::int64_t>::max() / 1000;
  if (micros > kLimit || micros < -kLimit) return std::nullopt;
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::microseconds(micros)));
}

/// Constant-time comparison, so the token cannot be guessed byte by byte from response times.
bool sameSecret(const std::string& a, const std::string& b) {
  const std::size_t n = std::max(a.size(), b.size());
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    const char x = i < a.size() ? a[i] : '\0';
    const char y = i < b.size() ? b[i] : '\0';
    diff = static_cast<unsigned char>(diff | (x ^ y));
  }
  return diff == 0;
}

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
