#include "sources/CbsDerived.hpp"

#include <cmath>

namespace raadsbrief::sources {

const std::vector<CbsDerivedFigure>& cbsDerivedFigures() {
  static const std::vector<CbsDerivedFigure> figures{
      {"kosten_per_jongere", "kosten_jeugdzorg", "jongeren_jeugdzorg", "Kosten jeugdzorg per jongere",
       "Gerealiseerde kosten van de gemeente voor alle jeugdzorg (CBS 83454NED) gedeeld door het aantal jongeren met "
       "jeugdzorg (CBS 85099NED), voor dezelfde gemeente en hetzelfde jaar. Berekend door Raadsbrief, geen cijfer "
       "van CBS.",
       "kosten per jongere = gerealiseerde kosten jeugdzorg (83454NED) / jongeren met jeugdzorg (85099NED)"},
      {"kosten_per_traject", "kosten_jeugdhulp", "jeugdhulptrajecten", "Kosten per hulptraject",
       "Gerealiseerde kosten van de gemeente voor jeugdhulp (CBS 83454NED) gedeeld door het aantal "
       "jeugdhulptrajecten (CBS 85099NED), voor dezelfde gemeente en hetzelfde jaar. Berekend door Raadsbrief, geen "
       "cijfer van CBS.",
       "kosten per traject = gerealiseerde kosten jeugdhulp (83454NED) / jeugdhulptrajecten (85099NED)"},
  };
  return figures;
}

model::Dataset cbsDerivedDataset(const model::Dataset& dataset) {
  model::Dataset out;
  std::string formulas;
  for (const auto& f : cbsDerivedFigures()) {
    if (dataset.findIndicator(f.indicator)) continue;  // a source that has the figure itself wins
    const model::Indicator* numerator = dataset.findIndicator(f.numerator);
    const model::Indicator* denominator = dataset.findIndicator(f.denominator);
    if (!numerator || !denominator) continue;
    // The later of the two series starts: a trend never runs across either's break.
    const std::string& seriesStart =
        numerator->seriesStart < denominator->seriesStart ? denominator->seriesStart : numerator->seriesStart;
    model::Indicator indicator{f.indicator,
                               f.label,
                               numerator->unit,
                               0,
                               model::Direction::Neutral,
                               f.definition,
                               "berekend door Raadsbrief: " + f.formula,
                               seriesStart};
    out.addIndicator(std::move(indicator));
    formulas += (formulas.empty() ? "" : "; ") + f.formula;
  }
  if (out.indicators().empty()) return out;
  out.source.name = "berekend door Raadsbrief: " + formulas;
  out.source.demo = false;
  for (const auto& r : dataset.regions()) out.addRegion(r);
  for (const auto& p : dataset.periods()) out.addPeriod(p);
  for (const auto& i : out.indicators()) {
    const CbsDerivedFigure* f = nullptr;
    for (const auto& d : cbsDerivedFigures())
      if (d.indicator == i.id) f = &d;
    for (const auto& r : dataset.regions())
      for (const auto& p : dataset.periods()) {
        // One period id for both figures: the same kind and the same span, never a year's costs
        // with a half-year's count.
        const model::Observation n = dataset.observation(r.code, f->numerator, p.id);
        const model::Observation d = dataset.observation(r.code, f->denominator, p.id);
        if (!n.hasValue() || !d.hasValue() || !(d.value > 0) || !std::isfinite(n.value / d.value)) continue;
        out.setObservation(r.code, i.id, p.id, model::Observation::of(n.value / d.value));
      }
  }
  return out;
}

}  // namespace raadsbrief::sources
