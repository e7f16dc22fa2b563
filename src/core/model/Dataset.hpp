#pragma once
/// The figures model: indicators, regions, periods and observations of one dataset.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/Period.hpp"

namespace raadsbrief::model {

/// PerThousandYouth: a rate per 1.000 young people ("4,2 per 1.000 jongeren"); Days: a duration
/// such as a waiting time ("34 dagen").
enum class Unit { Percent, Euro, Score, Count, PerThousandYouth, Days };
enum class Direction { HigherIsBetter, LowerIsBetter, Neutral };
enum class RegionKind { Country, YouthCareRegion, Municipality };

struct Indicator {
  std::string id;
  std::string label;  ///< Dutch, sentence case: "Jongeren met jeugdhulp"
  Unit unit = Unit::Percent;
  int decimals = 1;
  Direction direction = Direction::Neutral;
  std::string definition;
  std::string source;
  /// The first year of the series its figures belong to ("2021": CBS redesigned its youth-care
  /// statistics then; 2015–2020 come from other tables, counted differently). A trend or a
  /// development never runs across it. Empty: one series.
  std::string seriesStart;
};

struct Region {
  std::string code;  ///< "NL01", "JR0001", "GM0546"
  std::string name;
  RegionKind kind = RegionKind::Municipality;
  std::string youthCareRegion;  ///< code of the youth-care region, municipalities only; may be empty
};

struct Period {
  std::string id;                   ///< "2023", "2023-H1", "2023-H2" (model/Period.hpp)
  bool provisional = false;         ///< voorlopig or nader voorlopig: not final
  bool furtherProvisional = false;  ///< nader voorlopig (only with `provisional`)

  [[nodiscard]] PeriodStatus status() const noexcept {
    if (!provisional) return PeriodStatus::Final;
    return furtherProvisional ? PeriodStatus::FurtherProvisional : PeriodStatus::Provisional;
  }
  /// The period with its status mark: "2023", "2023*", "2023-H1**".
  [[nodiscard]] std::string marked() const { return id + statusMark(status()); }
  [[nodiscard]] PeriodKind kind() const { return periodKind(id); }
  static Period of(std::string id, PeriodStatus status) {
    return {std::move(id), status != PeriodStatus::Final, status == PeriodStatus::FurtherProvisional};
  }
};

/// One cell: a figure, a suppressed figure (disclosure control: never zero) or nothing at all.
struct Observation {
  enum class State { Value, Suppressed, Missing };
  State state = State::Missing;
  double value = 0.0;
  std::uint8_t origin = 0;  ///< which source it came from: 0 = Dataset::source, k = supplements()[k-1]

  [[nodiscard]] bool hasValue() const noexcept { return state == State::Value; }
  static Observation of(double v) { return {State::Value, v}; }
  static Observation suppressed() { return {State::Suppressed, 0.0}; }
};

struct SourceInfo {
  std::string name;
  bool demo = false;
  std::string note;
  std::string retrieved;  ///< ISO date, may be empty
  std::string location;   ///< where the figures were read (endpoint URL); empty for files
  std::string staleFrom;  ///< ISO date of a cached copy used because the endpoint was unreachable
};

class Dataset {
 public:
  SourceInfo source;

  void addIndicator(Indicator indicator);
  void addRegion(Region region);
  /// Adds a period in its place (periods() stays ordered: see PeriodKey::order).
  void addPeriod(Period period);
  void setObservation(const std::string& region, const std::string& indicator, const std::string& period,
                      Observation observation);

  [[nodiscard]] const std::vector<Indicator>& indicators() const noexcept { return indicators_; }
  [[nodiscard]] const std::vector<Region>& regions() const noexcept { return regions_; }
  [[nodiscard]] const std::vector<Period>& periods() const noexcept { return periods_; }

  [[nodiscard]] const Indicator* findIndicator(const std::string& id) const;
  [[nodiscard]] const Region* findRegion(const std::string& code) const;
  [[nodiscard]] const Period* findPeriod(const std::string& id) const;
  [[nodiscard]] const Region* country() const;
  /// Index of a period in periods() (oldest first; a half-year before the year it ends), or -1.
  [[nodiscard]] int periodIndex(const std::string& id) const;

  [[nodiscard]] Observation observation(const std::string& region, const std::string& indicator,
                                        const std::string& period) const;
  /// True when the region has at least one observation.
  [[nodiscard]] bool hasFigures(const std::string& region) const;

  /// Finds a municipality by CBS code ("GM0546", any case), name (any case), or a name in common
  /// use or a former name (text::officialNameFor: "Den Haag", "Heerhugowaard").
  /// Throws Error(NotFound) with a suggestion ("Bedoelt u Leiden?") when there is none.
  [[nodiscard]] const Region& municipality(const std::string& nameOrCode) const;

  /// Fills what this dataset lacks from `other` (a later --source): regions, indicators and
  /// periods it does not know, a youth-care region a municipality lacks, and every observation
  /// that is missing here. A figure or a suppression here always wins. Each figure keeps its origin.
  void supplement(const Dataset& other);

  /// The sources merged in after `source`, in order.
  [[nodiscard]] const std::vector<SourceInfo>& supplements() const noexcept { return supplements_; }
  /// The source an observation came from.
  [[nodiscard]] const SourceInfo& originOf(const Observation& observation) const;

 private:
  std::vector<Indicator> indicators_;
  std::vector<Region> regions_;
  std::vector<Period> periods_;
  std::unordered_map<std::string, std::size_t> indicatorIndex_, regionIndex_, periodIndex_;
  // key: region '\x1f' indicator '\x1f' period
  std::unordered_map<std::string, Observation> observations_;
  std::unordered_map<std::string, std::size_t> figureCount_;
  std::vector<SourceInfo> supplements_;
};

[[nodiscard]] std::string toString(Unit unit);
[[nodiscard]] std::string toString(Direction direction);
/// As the dataset format and the reporting API write it: "land", "jeugdregio", "gemeente".
[[nodiscard]] std::string toString(RegionKind kind);

}  // namespace raadsbrief::model
