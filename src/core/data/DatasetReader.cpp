#include "data/DatasetReader.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>

#include "Error.hpp"
#include "util/File.hpp"

namespace raadsbrief::data {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw Error(ErrorKind::Data, "Ongeldige dataset: " + where + ": " + what);
}

Object::Ptr objectAt(const Object::Ptr& parent, const std::string& key, const std::string& where) {
  if (!parent->has(key)) fail(where, "'" + key + "' ontbreekt");
  Object::Ptr o = parent->getObject(key);
  if (!o) fail(where + "." + key, "moet een object zijn");
  return o;
}

Array::Ptr arrayAt(const Object::Ptr& parent, const std::string& key, const std::string& where) {
  if (!parent->has(key)) fail(where, "'" + key + "' ontbreekt");
  Array::Ptr a = parent->getArray(key);
  if (!a) fail(where + "." + key, "moet een lijst zijn");
  return a;
}

/// The longest text a dataset may hold in one field: names and labels are short, definitions and
/// notes a paragraph. A document built from a 2 MB region name would keep the office busy for
/// minutes; nothing real comes near these.
constexpr std::size_t kMaxShortText = 200;
constexpr std::size_t kMaxLongText = 4000;

void checkPlainText(const std::string& text, const std::string& where, std::size_t maxLength) {
  if (auto problem = plainTextProblem(text, maxLength)) fail(where, *problem);
}

void checkValue(double v, const model::Indicator& indicator, const std::string& where) {
  if (auto problem = valueProblem(v, indicator)) fail(where, *problem);
}

std::string stringAt(const Object::Ptr& o, const std::string& key, const std::string& where, bool required = true) {
  if (!o->has(key) || o->isNull(key)) {
    if (required) fail(where, "'" + key + "' ontbreekt");
    return {};
  }
  Var v = o->get(key);
  if (!v.isString()) fail(where + "." + key, "moet tekst zijn");
  return v.convert<std::string>();
}

Object::Ptr elementObject(const Array::Ptr& a, unsigned i, const std::string& where) {
  Object::Ptr o = a->getObject(i);
  if (!o) fail(where + "[" + std::to_string(i) + "]", "moet een object zijn");
  return o;
}

/// [a-z0-9_]+, checked by hand: libstdc++'s std::regex recurses once per character and
/// overflows the stack on a long id (found with fuzz_dataset; see
/// tests/fuzz/regressions/dataset-long-indicator-id.json).
bool isIndicatorId(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(),
                                   [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

model::Unit parseUnit(const std::string& s, const std::string& where) {
  if (s == "percent") return model::Unit::Percent;
  if (s == "euro") return model::Unit::Euro;
  if (s == "score") return model::Unit::Score;
  if (s == "count") return model::Unit::Count;
  if (s == "per_1000_jongeren") return model::Unit::PerThousandYouth;
  if (s == "dagen") return model::Unit::Days;
  fail(where, "onbekende eenheid '" + s + "' (percent, euro, score, count, per_1000_jongeren of dagen)");
}

model::Direction parseDirection(const std::string& s, const std::string& where) {
  if (s == "higher_is_better") return model::Direction::HigherIsBetter;
  if (s == "lower_is_better") return model::Direction::LowerIsBetter;
  if (s == "neutral") return model::Direction::Neutral;
  fail(where, "onbekende richting '" + s + "' (higher_is_better, lower_is_better of neutral)");
}

model::RegionKind parseKind(const std::string& s, const std::string& where) {
  if (s == "land") return model::RegionKind::Country;
  if (s == "jeugdregio") return model::RegionKind::YouthCareRegion;
  if (s == "gemeente") return model::RegionKind::Municipality;
  fail(where, "onbekende soort '" + s + "' (land, jeugdregio of gemeente)");
}

void readSource(const Object::Ptr& root, model::Dataset& ds) {
  Object::Ptr src = objectAt(root, "source", "dataset");
  ds.source.name = stringAt(src, "name", "source");
  checkPlainText(ds.source.name, "source.name", kMaxShortText);
  ds.source.note = stringAt(src, "note", "source", false);
  checkPlainText(ds.source.note, "source.note", kMaxLongText);
  ds.source.retrieved = stringAt(src, "retrieved", "source", false);
  // Written by DatasetWriter into a batch's snapshot of an endpoint: where and how it was fetched.
  ds.source.location = stringAt(src, "location", "source", false);
  ds.source.staleFrom = stringAt(src, "stale_from", "source", false);
  if (src->has("demo")) {
    Var d = src->get("demo");
    if (!d.isBoolean()) fail("source.demo", "moet true of false zijn");
    ds.source.demo = d.convert<bool>();
  }
}

void readPeriods(const Object::Ptr& root, model::Dataset& ds) {
  Array::Ptr periods = arrayAt(root, "periods", "dataset");
  if (periods->size() == 0) fail("periods", "geen perioden");
  std::string previous;
  for (unsigned i = 0; i < periods->size(); ++i) {
    const std::string where = "periods[" + std::to_string(i) + "]";
    Object::Ptr p = elementObject(periods, i, "periods");
    model::Period period;
    period.id = stringAt(p, "id", where);
    // Our ids only ("2023", "2023-H1"): the file is written by tools, not typed by users.
    if (model::normalisePeriodId(period.id) != period.id)
      fail(where, "periode '" + period.id + "' is geen jaartal of halfjaar (zoals 2023 of 2023-H1)");
    if (!previous.empty() && !model::periodBefore(previous, period.id))
      fail(where, "perioden moeten oplopen en uniek zijn");
    previous = period.id;
    const std::string status = stringAt(p, "status", where);
    if (status == "voorlopig") period = model::Period::of(period.id, model::PeriodStatus::Provisional);
    else if (status == "nader voorlopig")
      period = model::Period::of(period.id, model::PeriodStatus::FurtherProvisional);
    else if (status != "definitief") fail(where, "status '" + status + "' (definitief, voorlopig of nader voorlopig)");
    ds.addPeriod(std::move(period));
  }
}

void readIndicators(const Object::Ptr& root, model::Dataset& ds) {
  Array::Ptr indicators = arrayAt(root, "indicators", "dataset");
  for (unsigned i = 0; i < indicators->size(); ++i) {
    const std::string where = "indicators[" + std::to_string(i) + "]";
    Object::Ptr o = elementObject(indicators, i, "indicators");
    model::Indicator ind;
    ind.id = stringAt(o, "id", where);
    if (!isIndicatorId(ind.id)) fail(where, "id '" + ind.id + "' mag alleen a-z, 0-9 en _ bevatten");
    if (ds.findIndicator(ind.id)) fail(where, "indicator '" + ind.id + "' staat er twee keer in");
    if (ind.id.size() > 64) fail(where, "id is te lang (meer dan 64 tekens)");
    ind.label = stringAt(o, "label", where);
    checkPlainText(ind.label, where + ".label", kMaxShortText);
    ind.unit = parseUnit(stringAt(o, "unit", where), where + ".unit");
    ind.direction = parseDirection(stringAt(o, "direction", where), where + ".direction");
    if (!o->has("decimals") || !o->get("decimals").isInteger()) fail(where, "'decimals' moet een geheel getal zijn");
    ind.decimals = o->getValue<int>("decimals");
    if (ind.decimals < 0 || ind.decimals > 3) fail(where + ".decimals", "moet 0 tot en met 3 zijn");
    ind.definition = stringAt(o, "definition", where, false);
    checkPlainText(ind.definition, where + ".definition", kMaxLongText);
    ind.source = stringAt(o, "source", where, false);
    checkPlainText(ind.source, where + ".source", kMaxShortText);
    ind.seriesStart = stringAt(o, "series_start", where, false);
    if (!ind.seriesStart.empty() &&
        (!model::parsePeriod(ind.seriesStart) || model::parsePeriod(ind.seriesStart)->id() != ind.seriesStart ||
         model::periodKind(ind.seriesStart) != model::PeriodKind::Year))
      fail(where + ".series_start", "'" + ind.seriesStart + "' is geen jaartal");
    ds.addIndicator(std::move(ind));
  }
}

void readRegions(const Object::Ptr& root, model::Dataset& ds) {
  Array::Ptr regions = arrayAt(root, "regions", "dataset");
  int countries = 0;
  for (unsigned i = 0; i < regions->size(); ++i) {
    const std::string where = "regions[" + std::to_string(i) + "]";
    Object::Ptr o = elementObject(regions, i, "regions");
    model::Region r;
    r.code = stringAt(o, "code", where);
    checkPlainText(r.code, where + ".code", 32);
    if (ds.findRegion(r.code)) fail(where, "regio '" + r.code + "' staat er twee keer in");
    r.name = stringAt(o, "name", where);
    checkPlainText(r.name, where + ".name (" + r.code + ")", kMaxShortText);
    r.kind = parseKind(stringAt(o, "kind", where), where + ".kind");
    r.youthCareRegion = stringAt(o, "jeugdregio", where, false);
    if (r.kind == model::RegionKind::Country) ++countries;
    ds.addRegion(std::move(r));
  }
  if (countries != 1) fail("regions", "er moet precies één regio van soort 'land' zijn");
  for (const auto& r : ds.regions()) {
    if (r.youthCareRegion.empty()) continue;
    const model::Region* y = ds.findRegion(r.youthCareRegion);
    if (!y || y->kind != model::RegionKind::YouthCareRegion)
      fail("regions." + r.code, "onbekende jeugdregio '" + r.youthCareRegion + "'");
  }
}

void readObservations(const Object::Ptr& root, model::Dataset& ds) {
  Object::Ptr obs = objectAt(root, "observations", "dataset");
  for (const auto& [regionCode, regionVar] : *obs) {
    const std::string whereRegion = "observations." + regionCode;
    if (!ds.findRegion(regionCode)) fail(whereRegion, "onbekende regio");
    Object::Ptr perIndicator = obs->getObject(regionCode);
    if (!perIndicator) fail(whereRegion, "moet een object zijn");
    for (const auto& [indicatorId, indicatorVar] : *perIndicator) {
      const std::string whereIndicator = whereRegion + "." + indicatorId;
      if (!ds.findIndicator(indicatorId)) fail(whereIndicator, "onbekende indicator");
      Object::Ptr perPeriod = perIndicator->getObject(indicatorId);
      if (!perPeriod) fail(whereIndicator, "moet een object zijn");
      for (const auto& [periodId, value] : *perPeriod) {
        const std::string where = whereIndicator + "." + periodId;
        if (!ds.findPeriod(periodId)) fail(where, "onbekende periode");
        if (value.isEmpty()) {
          ds.setObservation(regionCode, indicatorId, periodId, model::Observation::suppressed());
        } else if (value.isNumeric() && !value.isBoolean()) {  // Poco counts true/false as numeric
          const double v = value.convert<double>();
          checkValue(v, *ds.findIndicator(indicatorId), where);
          ds.setObservation(regionCode, indicatorId, periodId, model::Observation::of(v));
        } else {
          fail(where, "moet een getal of null (geheim) zijn");
        }
      }
    }
  }
}

}  // namespace

std::optional<std::string> plainTextProblem(const std::string& text, std::size_t maxLength) {
  if (text.size() > maxLength) return "te lang (meer dan " + std::to_string(maxLength) + " tekens)";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) return "bevat een stuurteken (positie " + std::to_string(i + 1) + ")";
    // U+202A..U+202E (E2 80 AA..AE) and U+2066..U+2069 (E2 81 A6..A9): bidi embeddings/overrides/isolates.
    if (c == 0xE2 && i + 2 < text.size()) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
      if ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9))
        return "bevat een teken dat de leesrichting omdraait (positie " + std::to_string(i + 1) + ")";
    }
  }
  if (text.find("{{") != std::string::npos || text.find("}}") != std::string::npos)
    return std::string("bevat '{{' of '}}' (die zijn voor sjabloonvelden)");
  return std::nullopt;
}

std::optional<std::string> valueProblem(double v, const model::Indicator& indicator) {
  constexpr double kMaxMagnitude = 1e12;
  if (!std::isfinite(v) || std::abs(v) > kMaxMagnitude) return std::string("geen (redelijk) eindig getal");
  switch (indicator.unit) {
    case model::Unit::Percent:
      if (v < 0 || v > 100) return "een percentage moet tussen 0 en 100 liggen, niet " + fmt::format("{}", v);
      break;
    case model::Unit::PerThousandYouth:
      if (v < 0 || v > 1000) return "een aantal per 1.000 moet tussen 0 en 1.000 liggen, niet " + fmt::format("{}", v);
      break;
    case model::Unit::Count:
    case model::Unit::Days:
    case model::Unit::Euro:
    case model::Unit::Score:
      if (v < 0) return "mag niet negatief zijn (" + fmt::format("{}", v) + ")";
      break;
  }
  return std::nullopt;
}

model::Dataset readDataset(const std::string& json) {
  Var parsed;
  try {
    Poco::JSON::Parser parser;
    parsed = parser.parse(json);
  } catch (const Poco::Exception& e) {
    throw Error(ErrorKind::Data, "Ongeldige dataset: geen geldige JSON (" + e.message() + ")");
  }
  Object::Ptr root;
  try {
    root = parsed.extract<Object::Ptr>();
  } catch (const Poco::Exception&) {
    fail("dataset", "moet een JSON-object zijn");
  }
  if (!root) fail("dataset", "moet een JSON-object zijn");
  try {
    if (stringAt(root, "format", "dataset", false) != "raadsbrief-dataset")
      fail("format", "dit is geen Raadsbrief-dataset ('format' moet 'raadsbrief-dataset' zijn)");
    if (!root->has("version") || !root->get("version").isInteger() || root->getValue<int>("version") != 1)
      fail("version", "alleen versie 1 wordt ondersteund");
    model::Dataset ds;
    readSource(root, ds);
    readPeriods(root, ds);
    readIndicators(root, ds);
    readRegions(root, ds);
    readObservations(root, ds);
    return ds;
  } catch (const Poco::Exception& e) {
    throw Error(ErrorKind::Data, "Ongeldige dataset: " + e.displayText());
  }
}

model::Dataset readDataset(std::istream& in) {
  std::string text;
  char buffer[64 * 1024];
  while (in) {
    in.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > util::kMaxDatasetBytes)
      throw Error(ErrorKind::Data,
                  fmt::format("Ongeldige dataset: groter dan {} MB", util::kMaxDatasetBytes / (1024 * 1024)));
  }
  return readDataset(text);
}

model::Dataset readDatasetFile(const std::filesystem::path& path) {
  // A dataset may be named by a document that came from someone else: bounded, regular files only.
  return readDataset(util::readRegularFile(path, util::kMaxDatasetBytes, "Dataset"));
}

}  // namespace raadsbrief::data
