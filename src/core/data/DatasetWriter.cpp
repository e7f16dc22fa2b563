#include "data/DatasetWriter.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>

#include "Error.hpp"
#include "util/File.hpp"

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

std::string writeDataset(const model::Dataset& ds, const ObservationFilter& filter) {
  const auto selected = [](const std::optional<std::set<std::string>>& only, const std::string& id) {
    return !only || only->count(id) > 0;
  };
  std::string out = "{\n  \"format\": \"raadsbrief-dataset\",\n  \"version\": 1,\n  \"source\": {";
  out += "\"name\": " + quote(ds.source.name) + ", \"demo\": " + (ds.source.demo ? "true" : "false");
  if (!ds.source.note.empty()) out += ", \"note\": " + quote(ds.source.note);
  if (!ds.source.retrieved.empty()) out += ", \"retrieved\": " + quote(ds.source.retrieved);
  if (!ds.source.location.empty()) out += ", \"location\": " + quote(ds.source.location);
  if (!ds.source.staleFrom.empty()) out += ", \"stale_from\": " + quote(ds.source.staleFrom);
  out += "},\n  \"periods\": [";
  for (std::size_t i = 0; i < ds.periods().size(); ++i) {
    const auto& p = ds.periods()[i];
    out += (i ? ", " : "") + std::string("{\"id\": ") + quote(p.id) +
           ", \"status\": " + quote(model::toString(p.status())) + "}";
  }
  out += "],\n  \"indicators\": [";
  for (std::size_t i = 0; i < ds.indicators().size(); ++i) {
    const auto& ind = ds.indicators()[i];
    out += (i ? ",\n    " : "\n    ") +
           fmt::format("{{\"id\": {}, \"label\": {}, \"unit\": {}, \"decimals\": {}, \"direction\": {}", quote(ind.id),
                       quote(ind.label), quote(model::toString(ind.unit)), ind.decimals,
                       quote(model::toString(ind.direction)));
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
    if (!selected(filter.regions, r.code)) continue;
    std::string indicators;
    for (const auto& ind : ds.indicators()) {
      if (!selected(filter.indicators, ind.id)) continue;
      std::string periods;
      for (const auto& p : ds.periods()) {
        if (!selected(filter.periods, p.id)) continue;
        const model::Observation o = ds.observation(r.code, ind.id, p.id);
        if (o.state == model::Observation::State::Missing) continue;
        if (o.state == model::Observation::State::Value && !std::isfinite(o.value)) continue;
        periods +=
            (periods.empty() ? "" : ", ") + quote(p.id) + ": " +
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
  util::writeFileAtomically(path, writeDataset(dataset));
}

}  // namespace raadsbrief::data
