#include "model/Dataset.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "Error.hpp"
#include "text/Search.hpp"
#include "util/Text.hpp"

namespace raadsbrief::model {
namespace {

std::string key(const std::string& region, const std::string& indicator, const std::string& period) {
  std::string k;
  k.reserve(region.size() + indicator.size() + period.size() + 2);
  k.append(region).push_back('\x1f');
  k.append(indicator).push_back('\x1f');
  k.append(period);
  return k;
}

}  // namespace

void Dataset::addIndicator(Indicator indicator) {
  indicatorIndex_[indicator.id] = indicators_.size();
  indicators_.push_back(std::move(indicator));
}

void Dataset::addRegion(Region region) {
  regionIndex_[region.code] = regions_.size();
  regions_.push_back(std::move(region));
}

void Dataset::addPeriod(Period period) {
  auto at = periods_.end();
  while (at != periods_.begin() && periodBefore(period.id, std::prev(at)->id)) --at;
  const bool last = at == periods_.end();
  periods_.insert(at, std::move(period));
  if (last) {
    periodIndex_[periods_.back().id] = periods_.size() - 1;
    return;
  }
  periodIndex_.clear();
  for (std::size_t i = 0; i < periods_.size(); ++i) periodIndex_[periods_[i].id] = i;
}

void Dataset::setObservation(const std::string& region, const std::string& indicator, const std::string& period,
                             Observation observation) {
  auto [it, inserted] = observations_.insert_or_assign(key(region, indicator, period), observation);
  (void)it;
  if (inserted) ++figureCount_[region];
}

const Indicator* Dataset::findIndicator(const std::string& id) const {
  auto it = indicatorIndex_.find(id);
  return it == indicatorIndex_.end() ? nullptr : &indicators_[it->second];
}

const Region* Dataset::findRegion(const std::string& code) const {
  auto it = regionIndex_.find(code);
  return it == regionIndex_.end() ? nullptr : &regions_[it->second];
}

const Period* Dataset::findPeriod(const std::string& id) const {
  auto it = periodIndex_.find(id);
  return it == periodIndex_.end() ? nullptr : &periods_[it->second];
}

int Dataset::periodIndex(const std::string& id) const {
  auto it = periodIndex_.find(id);
  return it == periodIndex_.end() ? -1 : static_cast<int>(it->second);
}

const Region* Dataset::country() const {
  for (const auto& r : regions_)
    if (r.kind == RegionKind::Country) return &r;
  return nullptr;
}

Observation Dataset::observation(const std::string& region, const std::string& indicator,
                                 const std::string& period) const {
  auto it = observations_.find(key(region, indicator, period));
  return it == observations_.end() ? Observation{} : it->second;
}

bool Dataset::hasFigures(const std::string& region) const {
  auto it = figureCount_.find(region);
  return it != figureCount_.end() && it->second > 0;
}

const Region& Dataset::municipality(const std::string& nameOrCode) const {
  const std::string wanted = util::lowerAscii(nameOrCode);
  const Region* best = nullptr;
  std::size_t bestDistance = 3;  // suggest only near misses
  for (const auto& r : regions_) {
    if (r.kind != RegionKind::Municipality) continue;
    const std::string name = util::lowerAscii(r.name);
    if (util::lowerAscii(r.code) == wanted || name == wanted) return r;
    const std::size_t d = text::editDistance(name, wanted);
    if (d < bestDistance) {
      bestDistance = d;
      best = &r;
    }
  }
  // The name people use or a former name ("Den Haag", "Heerhugowaard"): the municipality it means.
  if (const std::string_view official = text::officialNameFor(nameOrCode); !official.empty())
    for (const auto& r : regions_)
      if (r.kind == RegionKind::Municipality && r.name == official) return r;
  std::string message = "Onbekende gemeente '" + nameOrCode + "'";
  if (best) message += "; bedoelt u " + best->name + " (" + best->code + ")?";
  else message += "; geef een gemeentenaam of een CBS-code als GM0546.";
  throw Error(ErrorKind::NotFound, message);
}

void Dataset::supplement(const Dataset& other) {
  for (const auto& r : other.regions_)
    if (!findRegion(r.code)) addRegion(r);
  for (auto& r : regions_) {
    if (!r.youthCareRegion.empty()) continue;
    if (const Region* theirs = other.findRegion(r.code); theirs && !theirs->youthCareRegion.empty())
      if (const Region* y = findRegion(theirs->youthCareRegion); y && y->kind == RegionKind::YouthCareRegion)
        r.youthCareRegion = theirs->youthCareRegion;
  }
  for (const auto& i : other.indicators_)
    if (!findIndicator(i.id)) addIndicator(i);

  std::map<std::string, Period> periods;
  for (const auto& p : periods_) periods[p.id] = p;
  for (const auto& p : other.periods_) {
    auto [it, inserted] = periods.emplace(p.id, p);
    if (!inserted) {
      // Not final when either says so; "nader voorlopig" only when neither says plain "voorlopig".
      const bool further =
          (it->second.furtherProvisional || !it->second.provisional) && (p.furtherProvisional || !p.provisional);
      it->second.provisional = it->second.provisional || p.provisional;
      it->second.furtherProvisional = it->second.provisional && further;
    }
  }
  periods_.clear();
  periodIndex_.clear();
  for (auto& [id, p] : periods) addPeriod(p);

  // Origins: theirs (0 = their source, k = their supplements) follow ours.
  const auto offset = static_cast<std::uint8_t>(supplements_.size() + 1);
  supplements_.push_back(other.source);
  supplements_.insert(supplements_.end(), other.supplements_.begin(), other.supplements_.end());
  for (const auto& [k, obs] : other.observations_) {
    if (observations_.count(k)) continue;
    Observation copy = obs;
    copy.origin = static_cast<std::uint8_t>(offset + obs.origin);
    observations_.emplace(k, copy);
    ++figureCount_[k.substr(0, k.find('\x1f'))];
  }
}

const SourceInfo& Dataset::originOf(const Observation& observation) const {
  if (observation.origin == 0 || observation.origin > supplements_.size()) return source;
  return supplements_[observation.origin - 1u];
}

std::string toString(Unit unit) {
  switch (unit) {
    case Unit::Percent: return "percent";
    case Unit::Euro: return "euro";
    case Unit::Score: return "score";
    case Unit::Count: return "count";
    case Unit::PerThousandYouth: return "per_1000_jongeren";
    case Unit::Days: return "dagen";
  }
  return "?";
}

std::string toString(Direction direction) {
  switch (direction) {
    case Direction::HigherIsBetter: return "higher_is_better";
    case Direction::LowerIsBetter: return "lower_is_better";
    case Direction::Neutral: return "neutral";
  }
  return "?";
}

std::string toString(RegionKind kind) {
  switch (kind) {
    case RegionKind::Country: return "land";
    case RegionKind::YouthCareRegion: return "jeugdregio";
    case RegionKind::Municipality: return "gemeente";
  }
  return "gemeente";
}

}  // namespace raadsbrief::model
