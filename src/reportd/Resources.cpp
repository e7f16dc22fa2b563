#include "Resources.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "data/DatasetWriter.hpp"
#include "util/Text.hpp"

namespace raadsbrief::reportd {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr newObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string toJson(const Object::Ptr& o) {
  std::ostringstream out;
  o->stringify(out);
  return out.str();
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
  for (const std::string& code : util::splitTrimmed(it->second, ',')) {
    if (code.empty())
      throw ApiError{400, "bad_parameter", "Lege waarde in parameter '" + name + "' (lijsten zijn kommagescheiden)"};
    if (!find(code)) throw ApiError{404, errorCode, "Onbekende " + noun + " '" + code + "'"};
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  }
  return codes;
}

}  // namespace

std::string errorBody(const std::string& code, const std::string& message) {
  Object::Ptr inner = newObject();
  inner->set("code", code);
  inner->set("message", message);
  Object::Ptr root = newObject();
  root->set("error", inner);
  return toJson(root);
}

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

}  // namespace raadsbrief::reportd
