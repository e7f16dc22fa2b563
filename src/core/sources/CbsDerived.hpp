#pragma once
/// Figures Raadsbrief derives from CBS's tables (docs/cbs-statline.md, "Derived figures"): a cost
/// per young person and a cost per trajectory, computed from two CBS figures of the same region
/// and the same period. Never from a suppressed or missing figure, never across periods of
/// different kinds: then the derived figure is simply missing.
#include <string>
#include <vector>

#include "model/Dataset.hpp"

namespace raadsbrief::sources {

/// One derived figure: indicator = numerator / denominator (both indicator ids of the dataset).
struct CbsDerivedFigure {
  std::string indicator;    ///< "kosten_per_jongere"
  std::string numerator;    ///< "kosten_jeugdzorg" (euros)
  std::string denominator;  ///< "jongeren_jeugdzorg"
  std::string label;
  std::string definition;  ///< Dutch; says it is computed and from what
  std::string formula;     ///< Dutch, for the source note: "kosten per jongere = …"
};

/// kosten_per_jongere and kosten_per_traject.
[[nodiscard]] const std::vector<CbsDerivedFigure>& cbsDerivedFigures();

/// The derived figures of `dataset` as a dataset of their own (its source named "berekend door
/// Raadsbrief: …"), to be merged in with Dataset::supplement. A figure exists for a region and
/// period only when both its numerator and its denominator have a value there (not suppressed,
/// not missing) and the denominator is above 0. Its period is the period of both figures (the same
/// id, so never a year's costs with a half-year's count). Empty (no indicators) when the dataset
/// lacks the indicators of every derived figure.
[[nodiscard]] model::Dataset cbsDerivedDataset(const model::Dataset& dataset);

}  // namespace raadsbrief::sources
