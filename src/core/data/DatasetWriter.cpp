#include "data/DatasetWriter.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <unistd.h>

#include "Error.hpp"

namespace raadsbrief::data {
namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        else out += c;
    }
  }
  return out + "\"";
}

}  // namespace

std::string writeDataset(const model::Dataset& ds) {
  std::string out = "{\n  \"format\": \"raadsbrief-dataset\",\n  \"version\": 1,\n  \"source\": {";
  out += "\"name\": " + quote(ds.source.name) + ", \"demo\": " + (ds.source.demo ? "true" : "false");
  if (!ds.source.note.empty()) out += ", \"note\": " + quote(ds.source.note);
  if (!ds.source.retrieved.empty()) out += ", \"retrieved\": " + quote(ds.source.retrieved);
  if (!ds.source.location.empty()) out += ", \"location\": " + quote(ds.source.location);
  if (!ds.source.staleFrom.empty()) out += ", \"stale_from\": " + quote(ds.source.staleFrom);
  out += "},\n  \"periods\": [";
  for (std::size_t i = 0; i < ds.periods().size(); ++i) {
    const auto& p = ds.periods()[i];
    out += (i ? ", " : "") + std::string("{\"id\": ") + quote(p.id) + ", \"status\": " +
           quote(model::toString(p.status())) + "}";
  }
  out += "],\n  \"indicators\": [";
  for (std::size_t i = 0; i < ds.indicators().size(); ++i) {
    const auto& ind = ds.indicators()[i];
    out += (i ? ",\n    " : "\n    ") + fmt::format("{{\"id\": {}, \"label\": {}, \"unit\": {}, \"decimals\": {}, \"direction\": {}",
                                                  quote(ind.id), quote(ind.label), quote(model::toString(ind.unit)),
                                                  ind.decimals, quote(model::toString(ind.direction)));
    if (!ind.definition.empty()) out += ", \"definition\": " + quote(ind.definition);
    if (!ind.source.empty()) out += ", \"source\": " + quote(ind.source);
    if (!ind.seriesStart.empty()) out += ", \"series_start\": " + quote(ind.seriesStart);
    out += "}";
  }
  out += "],\n  \"regions\": [";
  for (std::size_t i = 0; i < ds.regions().size(); ++i) {
    const auto& r = ds.regions()[i];
    out += (i ? ",\n    " : "\n    ") + fmt::format("{{\"code\": {}, \"name\": {}, \"kind\": \"{}\"", quote(r.code),
                                                  quote(r.name), model::toString(r.kind));
    if (!r.youthCareRegion.empty()) out += ", \"jeugdregio\": " + quote(r.youthCareRegion);
    out += "}";
  }
  out += "],\n  \"observations\": {";
  bool firstRegion = true;
  for (const auto& r : ds.regions()) {
    std::string indicators;
    for (const auto& ind : ds.indicators()) {
      std::string periods;
      for (const auto& p : ds.periods()) {
        const model::Observation o = ds.observation(r.code, ind.id, p.id);
        if (o.state == model::Observation::State::Missing) continue;
        if (o.state == model::Observation::State::Value && !std::isfinite(o.value)) continue;
        periods += (periods.empty() ? "" : ", ") + quote(p.id) + ": " +
                   (o.state == model::Observation::State::Suppressed ? std::string("null") : fmt::format("{}", o.value));
      }
      if (!periods.empty()) indicators += (indicators.empty() ? "" : ", ") + quote(ind.id) + ": {" + periods + "}";
    }
    if (indicators.empty()) continue;
    out += (firstRegion ? "\n    " : ",\n    ") + quote(r.code) + ": {" + indicators + "}";
    firstRegion = false;
  }
  out += "\n  }\n}\n";
  return out;
}

void writeDatasetFile(const model::Dataset& dataset, const std::filesystem::path& path) {
  const std::filesystem::path temp = path.string() + fmt::format(".{}.tmp", ::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << writeDataset(dataset);
    if (!out) throw Error(ErrorKind::Internal, "Kan " + path.string() + " niet schrijven");
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    throw Error(ErrorKind::Internal, "Kan " + path.string() + " niet schrijven");
  }
}

}  // namespace raadsbrief::data
