#include "plan/Briefing.hpp"

#include <cctype>

#include "Error.hpp"
#include "plan/FieldResolver.hpp"

namespace raadsbrief::plan {

using detail::join;
using detail::Resolver;

BriefingContext::BriefingContext(const model::Dataset& dataset, const std::string& municipality,
                                 const std::string& period, std::string todayIso)
    : dataset_(&dataset),
      municipality_(&dataset.municipality(municipality)),
      country_(dataset.country()),
      todayIso_(std::move(todayIso)) {
  if (!country_) throw Error(ErrorKind::Data, "De dataset heeft geen landcijfers (NL01)");
  if (!municipality_->youthCareRegion.empty()) youthCareRegion_ = dataset.findRegion(municipality_->youthCareRegion);
  if (!dataset.hasFigures(municipality_->code)) {
    std::vector<std::string> names{"'" + dataset.source.name + "'"};
    for (const auto& s : dataset.supplements()) names.push_back("'" + s.name + "'");
    throw Error(ErrorKind::NotFound, "Voor " + municipality_->name + " (" + municipality_->code +
                                         ") staan geen cijfers in " + (names.size() == 1 ? "de bron " : "de bronnen ") +
                                         join(names, ", ", " en ") + ".");
  }
  if (dataset.periods().empty()) throw Error(ErrorKind::Data, "De dataset heeft geen perioden");
  period_ = findBriefingPeriod(dataset, municipality_->code, period);
}

const model::Period* findBriefingPeriod(const model::Dataset& dataset, const std::string& municipalityCode,
                                        const std::string& period) {
  const auto& periods = dataset.periods();
  if (periods.empty()) throw Error(ErrorKind::Data, "De dataset heeft geen perioden");
  std::string wanted = period;
  while (!wanted.empty() && std::isspace(static_cast<unsigned char>(wanted.front()))) wanted.erase(0, 1);
  while (!wanted.empty() && std::isspace(static_cast<unsigned char>(wanted.back()))) wanted.pop_back();
  for (auto& ch : wanted) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (wanted.empty()) {
    // The newest year: what a yearly document is about, even when a newer half-year exists.
    for (auto it = periods.rbegin(); it != periods.rend(); ++it)
      if (it->kind() == model::PeriodKind::Year) return &*it;
    return &periods.back();
  }
  if (wanted == "latest" || wanted == "laatste" || wanted == "nieuwste") {
    // The newest period with a figure of this municipality, by the date it ends; a year before
    // the half-year that ends with it (2024 over 2024-H2: the whole year is the fuller figure).
    const model::Period* best = nullptr;
    for (const auto& p : periods) {
      bool has = false;
      for (const auto& ind : dataset.indicators())
        if (dataset.observation(municipalityCode, ind.id, p.id).state != model::Observation::State::Missing) {
          has = true;
          break;
        }
      if (!has) continue;
      if (!best) {
        best = &p;
        continue;
      }
      const auto a = model::parsePeriod(best->id), b = model::parsePeriod(p.id);
      if (!a || !b) {
        best = &p;
        continue;
      }
      const int endA = a->year * 2 + (a->half == 1 ? 1 : 2), endB = b->year * 2 + (b->half == 1 ? 1 : 2);
      if (endB > endA || (endB == endA && b->half == 0)) best = &p;
    }
    if (best) return best;
    return &periods.back();
  }
  const auto id = model::normalisePeriodId(wanted);
  const model::Period* found = id ? dataset.findPeriod(*id) : nullptr;
  if (!found) {
    throw Error(ErrorKind::NotFound,
                "Periode '" + period + "' staat niet in de cijfers; beschikbaar: " + periods.front().id + "\u2013" +
                    periods.back().id + " (een jaar als 2023, een halfjaar als 2023-H1, of latest).");
  }
  return found;
}

Content resolveField(const fields::Field& field, const BriefingContext& context, std::vector<std::string>* notes) {
  // A marker only means something in a template, around text (insert figure, refresh: no).
  if (field.keyword == "als" || field.keyword == "einde")
    throw Error(ErrorKind::Template,
                "'" + field.keyword + "' hoort in een sjabloon, om tekst heen ({{als …}} … {{einde}})");
  return Resolver(field, context, notes).run();
}

std::vector<Content> resolveFields(const std::vector<FieldOccurrence>& occurrences, const BriefingContext& context) {
  std::vector<Content> out;
  out.reserve(occurrences.size());
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < occurrences.size(); ++i) {
    const auto& occ = occurrences[i];
    try {
      out.push_back(resolveField(fields::parseField(occ.text), context));
    } catch (const Error& e) {
      problems.push_back(detail::fieldPlace(i, occ) + ": " + e.what());
    }
  }
  detail::throwTemplateProblems(problems);
  return out;
}

namespace detail {

std::string fieldPlace(std::size_t i, const FieldOccurrence& occurrence) {
  std::string w = "veld " + std::to_string(i + 1) + " (" + occurrence.text + ")";
  if (!occurrence.before.empty()) w += ", na \"" + occurrence.before + "\"";
  return w;
}

void throwTemplateProblems(const std::vector<std::string>& problems) {
  if (problems.empty()) return;
  std::string message = problems.size() == 1
                            ? "Het sjabloon heeft een fout veld:"
                            : "Het sjabloon heeft " + std::to_string(problems.size()) + " foute velden:";
  for (const auto& p : problems) message += "\n- " + p;
  throw Error(ErrorKind::Template, message);
}

}  // namespace detail

}  // namespace raadsbrief::plan
