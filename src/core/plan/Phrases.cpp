/// Fields of running text that state or compare figures: {{cijfer}}, {{vergelijking}}, {{oordeel}},
/// {{verschil}} and {{ontwikkeling}}.
#include "plan/FieldResolver.hpp"

#include <cmath>

#include "text/DutchFormat.hpp"

namespace raadsbrief::plan::detail {

/// {{cijfer IND}}: the figure as the dataset has it ("12,3%", a small count in words);
/// vorm=afgerond rounds it the way a newspaper does ("12 procent", "1.200"), for B1 text.
Content Resolver::figure() {
  expectShape(f_, 1, {"regio", "periode", "vorm"});
  const Indicator& ind = indicator(f_.words[0]);
  const std::string form = f_.setting("vorm").value_or("exact");
  if (form != "exact" && form != "afgerond") fail("onbekende waarde '" + form + "' bij vorm= (exact of afgerond)");
  const Observation o = obs(region("regio", "gemeente"), ind, currentIndex());
  if (form == "afgerond" && o.hasValue()) return TextSpec{text::formatRounded(o.value, ind.unit), {}};
  return TextSpec{textValue(o, ind), {}};
}

Resolver::Comparison Resolver::compared() {
  expectShape(f_, 1, {"regio", "met", "periode"});
  const Indicator& ind = indicator(f_.words[0]);
  const Region& subject = region("regio", "gemeente");
  const Region& other = region("met", "nederland");
  const int index = currentIndex();
  Comparison c{ind, other.kind == model::RegionKind::Country, obs(subject, ind, index), obs(other, ind, index), {}, {}};
  c.ra = shown(c.a, ind);
  c.rb = shown(c.b, ind);
  return c;
}

Content Resolver::comparison() {
  const Comparison c = compared();
  if (!c.ra || !c.rb)
    return TextSpec{std::string("niet te vergelijken met ") + (c.national ? "het landelijke cijfer" : "de jeugdregio") +
                        ", omdat een cijfer ontbreekt",
                    {}};
  const auto [va, vb] = textValues(c.a, c.b, c.ind);
  if (*c.ra == *c.rb)
    return TextSpec{std::string("gelijk aan ") +
                        (c.national ? "het landelijke cijfer" : "het cijfer van de jeugdregio") + " (" + va + ")",
                    {}};
  return TextSpec{std::string(*c.ra > *c.rb ? "hoger" : "lager") + c.against() + " (" + va + " tegen " + vb + ")", {}};
}

/// "beter dan landelijk" / "slechter dan in de jeugdregio": the indicator's direction decides;
/// a neutral indicator gets "hoger"/"lager" (no judgement).
Content Resolver::judgement() {
  const Comparison c = compared();
  if (!c.ra || !c.rb) return TextSpec{"niet te beoordelen, omdat een cijfer ontbreekt", {}};
  if (*c.ra == *c.rb)
    return TextSpec{c.ind.direction == model::Direction::Neutral
                        ? std::string(c.national ? "gelijk aan landelijk" : "gelijk aan de jeugdregio")
                        : std::string(c.national ? "even goed als landelijk" : "even goed als in de jeugdregio"),
                    {}};
  const bool higher = *c.ra > *c.rb;
  std::string word = higher ? "hoger" : "lager";
  if (c.ind.direction == model::Direction::HigherIsBetter) word = higher ? "beter" : "slechter";
  if (c.ind.direction == model::Direction::LowerIsBetter) word = higher ? "slechter" : "beter";
  return TextSpec{word + c.against(), {}};
}

/// "0,4 procentpunt hoger dan landelijk": the difference of the figures as shown, so the text
/// and the rounded figures next to it always agree.
Content Resolver::difference() {
  const Comparison c = compared();
  if (!c.ra || !c.rb) return TextSpec{"niet te berekenen, omdat een cijfer ontbreekt", {}};
  const double diff = text::roundTo(*c.ra - *c.rb, c.ind.decimals);
  if (diff == 0.0) return TextSpec{c.national ? "gelijk aan landelijk" : "gelijk aan de jeugdregio", {}};
  const double size = std::abs(diff);
  std::string amount;
  switch (c.ind.unit) {
    case model::Unit::Percent: amount = text::formatNumber(size, c.ind.decimals) + " procentpunt"; break;
    case model::Unit::Euro: amount = text::formatValue(size, model::Unit::Euro, c.ind.decimals); break;
    case model::Unit::Score: amount = text::formatNumber(size, c.ind.decimals); break;
    case model::Unit::Count: amount = text::formatCountInText(size, c.ind.decimals); break;
    case model::Unit::PerThousandYouth:
    case model::Unit::Days: amount = text::formatValue(size, c.ind.unit, c.ind.decimals); break;
  }
  return TextSpec{amount + (diff > 0 ? " hoger" : " lager") + c.against(), {}};
}

Content Resolver::development() {
  expectShape(f_, 1, {"regio", "van", "periode"});
  const Indicator& ind = indicator(f_.words[0]);
  const Region& subject = region("regio", "gemeente");
  const int to = currentIndex();
  const std::string toId = model::periodName(periodAt(to).id);
  // The first period of its kind has nothing to compare with: say so, whatever van= says, so a
  // template that uses ontwikkeling works for every period.
  const int earlier = earlierOfSameKind(to);
  if (earlier < 0) {
    (void)periodIndex("van", 0);  // an unknown period in van= is still a template error
    return TextSpec{"niet te volgen, omdat er geen cijfers van vóór " + toId + " zijn", {}};
  }
  const int from = periodIndex("van", earlier);
  if (from >= to) fail("van= moet vóór de periode van de briefing (" + toId + ") liggen");
  if (periodAt(from).kind() != periodAt(to).kind())
    fail(std::string("van= moet ") +
         (periodAt(to).kind() == model::PeriodKind::HalfYear ? "een halfjaar" : "een jaar") +
         " zijn, zoals de periode van de briefing (" + toId +
         "): een halfjaar wordt met halfjaren vergeleken, een jaar met jaren");
  const std::string fromId = model::periodName(periodAt(from).id);
  if (acrossBreak(ind, from, to))
    return TextSpec{"niet te vergelijken met " + fromId + ", omdat CBS de cijfers sinds " + ind.seriesStart +
                        " anders telt (trendbreuk)",
                    {}};
  const Observation a = obs(subject, ind, from);
  const Observation b = obs(subject, ind, to);
  const auto ra = shown(a, ind), rb = shown(b, ind);
  if (!ra || !rb) return TextSpec{"niet te volgen van " + fromId + " tot " + toId + ", omdat een cijfer ontbreekt", {}};
  const auto [va, vb] = textValues(a, b, ind);
  if (*ra == *rb) return TextSpec{"sinds " + fromId + " gelijk gebleven op " + vb, {}};
  return TextSpec{
      std::string(*rb > *ra ? "gestegen" : "gedaald") + " van " + va + " in " + fromId + " naar " + vb + " in " + toId,
      {}};
}

}  // namespace raadsbrief::plan::detail
