/// Optional parts {{als …}} … {{einde}}: their conditions, their structure, and the plan of what is
/// filled, removed or left out.
#include <algorithm>

#include "Error.hpp"
#include "plan/Briefing.hpp"
#include "plan/FieldResolver.hpp"

namespace raadsbrief::plan {
namespace detail {

/// What a condition is about, for "de alinea over …": "cliënttevredenheid", "jongeren met
/// jeugdhulp in de jeugdregio over 2019", "de jeugdregio"; empty for anything else.
std::string Resolver::conditionSubject() const {
  if (f_.words.empty()) return {};
  if (f_.words[0] == "jeugdregio") return "de jeugdregio";
  if (f_.words[0] != "cijfer" || f_.words.size() < 2) return {};
  std::string subject = labelOf(f_.words[1]);
  const std::string where = f_.setting("regio").value_or("gemeente");
  if (where == "jeugdregio") subject += " in de jeugdregio";
  else if (where == "nederland") subject += " in Nederland";
  if (auto p = f_.setting("periode"); p && *p != "actueel")
    subject += " over " + (*p == "vorige" ? "het jaar ervoor" : *p);
  return subject;
}

/// `{{als cijfer IND [regio=…] [periode=…]}}` holds when the source has a published figure
/// (not secret, not missing) for it; `{{als jeugdregio}}` when the municipality's youth-care
/// region is known. When it does not hold: MissingFigure, naming what and why.
Content Resolver::condition() {
  if (f_.words.empty()) fail("'als' mist de voorwaarde: 'cijfer INDICATOR' of 'jeugdregio'");
  const std::string& what = f_.words[0];
  if (what == "jeugdregio") {
    if (f_.words.size() > 1 || !f_.settings.empty()) fail("'als jeugdregio' neemt geen woorden of instellingen");
    (void)youthRegion();
    return TextSpec{};
  }
  if (what != "cijfer") fail("onbekende voorwaarde '" + what + "' bij 'als' (cijfer INDICATOR of jeugdregio)");
  if (f_.words.size() < 2) fail("'als cijfer' mist de indicator");
  if (f_.words.size() > 2) fail("te veel woorden in het veld");
  for (const auto& [name, value] : f_.settings) {
    (void)value;
    if (name != "regio" && name != "periode") fail("onbekende instelling '" + name + "' bij 'als cijfer'");
  }
  const std::string& id = f_.words[1];
  const std::string subject = conditionSubject();
  try {
    const Indicator& ind = indicator(id);
    const Region& r = region("regio", "gemeente");
    const int index = currentIndex();
    const Observation o = obs(r, ind, index);
    if (o.hasValue()) return TextSpec{};
    if (o.state == Observation::State::Suppressed)
      throw MissingFigure(subject, "dit cijfer is geheim (te klein om te publiceren)");
    throw MissingFigure(subject, "dit cijfer staat voor " + r.name + " over " +
                                     model::periodName(ds_.periods()[static_cast<std::size_t>(index)].id) +
                                     " niet in " + sourcesWord(ds_));
  } catch (const MissingFigure& e) {
    if (e.subject() == subject) throw;
    throw MissingFigure(subject, e.reason());
  }
}

}  // namespace detail

using detail::fieldPlace;
using detail::Resolver;
using detail::sourcesWord;

namespace {

/// One optional part while planning: its markers and what lies directly inside it.
struct Part {
  std::size_t open = 0;
  std::size_t close = 0;
  std::optional<std::size_t> parent;     ///< the enclosing part (index into the parts)
  std::vector<std::size_t> fields;       ///< the fields directly inside (not in a nested part)
  std::optional<MissingFigure> missing;  ///< why it is left out: its condition, or a field in it
  bool closed = false;
};

/// "de alinea", "de tabel", "de grafiek", "de tekst": what a left-out part was, for the user.
std::string partKind(const Part& part, const std::vector<std::optional<fields::Field>>& parsed, bool wholeParagraphs) {
  bool table = false, chart = false;
  for (const std::size_t i : part.fields) {
    if (!parsed[i]) continue;
    table = table || parsed[i]->keyword == "tabel";
    chart = chart || parsed[i]->keyword == "grafiek";
  }
  if (table && chart) return "de tabel en de grafiek";
  if (table) return "de tabel";
  if (chart) return "de grafiek";
  return wholeParagraphs ? "de alinea" : "de tekst";
}

}  // namespace

BriefingPlan planBriefing(const std::vector<FieldOccurrence>& occurrences, const BriefingContext& context,
                          bool strict) {
  const std::size_t n = occurrences.size();
  BriefingPlan plan;
  plan.contents.assign(n, TextSpec{});
  plan.actions.assign(n, FieldAction::Fill);
  std::vector<std::string> problems;
  std::vector<std::optional<fields::Field>> parsed(n);
  std::vector<std::optional<MissingFigure>> missing(n);
  std::vector<std::vector<std::string>> notes(n);

  // 1. Parse every field and resolve it (a condition is resolved too: it throws when it fails).
  for (std::size_t i = 0; i < n; ++i) {
    try {
      parsed[i] = fields::parseField(occurrences[i].text);
      plan.contents[i] = Resolver(*parsed[i], context, &notes[i]).run();
    } catch (const MissingFigure& e) {
      missing[i] = e;
    } catch (const Error& e) {
      problems.push_back(fieldPlace(i, occurrences[i]) + ": " + e.what());
    }
  }

  // 2. The structure of the optional parts: {{als …}} opens, {{einde}} closes, nested properly,
  //    each part within one text (a table cell, a header and the body are different texts).
  std::vector<Part> parts;
  std::vector<std::size_t> stack;
  std::vector<std::optional<std::size_t>> owner(n);  ///< the innermost part around each field
  for (std::size_t i = 0; i < n; ++i) {
    const std::string keyword = parsed[i] ? parsed[i]->keyword : std::string();
    if (!stack.empty()) owner[i] = stack.back();
    if (keyword == "als") {
      Part part;
      part.open = i;
      if (!stack.empty()) part.parent = stack.back();
      parts.push_back(part);
      stack.push_back(parts.size() - 1);
    } else if (keyword == "einde") {
      if (stack.empty()) {
        problems.push_back(fieldPlace(i, occurrences[i]) + ": {{einde}} zonder {{als …}} ervoor");
        continue;
      }
      Part& part = parts[stack.back()];
      stack.pop_back();
      part.close = i;
      part.closed = true;
      if (occurrences[part.open].textId != occurrences[i].textId)
        problems.push_back(
            fieldPlace(i, occurrences[i]) + ": {{einde}} staat in een ander tekstdeel dan zijn " +
            occurrences[part.open].text + " (veld " + std::to_string(part.open + 1) +
            "); een optioneel deel kan niet van een tabelcel, kop- of voettekst naar de gewone tekst lopen");
    } else if (owner[i]) {
      parts[*owner[i]].fields.push_back(i);
    }
  }
  for (const std::size_t open : stack)
    problems.push_back(fieldPlace(parts[open].open, occurrences[parts[open].open]) +
                       ": {{als …}} zonder {{einde}} erna");

  detail::throwTemplateProblems(problems);

  // 3. A part is left out when its condition fails or a field directly inside it has no figure.
  for (auto& part : parts) {
    if (missing[part.open]) part.missing = missing[part.open];
    for (const std::size_t i : part.fields)
      if (!part.missing && missing[i]) part.missing = missing[i];
  }
  auto removedByAncestor = [&](std::optional<std::size_t> p) {
    for (; p; p = parts[*p].parent)
      if (parts[*p].missing) return true;
    return false;
  };
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const Part& part = parts[k];
    if (removedByAncestor(part.parent)) continue;  // inside a part that is left out as a whole
    const FieldOccurrence& open = occurrences[part.open];
    const FieldOccurrence& close = occurrences[part.close];
    if (part.missing) {
      const bool whole = open.paragraphStart && close.paragraphEnd;
      plan.removed.push_back({part.open, part.close, whole});
      for (std::size_t i = part.open; i <= part.close; ++i) plan.actions[i] = FieldAction::Removed;
      // About what its condition names (the part may go for another figure inside it).
      // When another figure inside made it go, the reason names that figure.
      std::string subject = Resolver(*parsed[part.open], context, nullptr).subjectOfCondition();
      if (subject.empty()) subject = part.missing->subject();
      const std::string reason = subject == part.missing->subject()
                                     ? part.missing->reason()
                                     : part.missing->subject() + ": " + part.missing->reason();
      plan.omitted.push_back("weggelaten: " + partKind(part, parsed, whole) + " over " + subject + " \u2014 " + reason);
    } else {
      for (const std::size_t i : {part.open, part.close})
        plan.actions[i] = occurrences[i].paragraphStart && occurrences[i].paragraphEnd ? FieldAction::RemoveParagraph
                                                                                       : FieldAction::RemoveMarker;
    }
  }

  // 4. Lone fields without their figure say so; tables and charts list the rows they left out.
  for (std::size_t i = 0; i < n; ++i) {
    if (plan.actions[i] == FieldAction::Removed) continue;
    if (missing[i] && !owner[i]) {
      const bool block = parsed[i] && (parsed[i]->keyword == "tabel" || parsed[i]->keyword == "grafiek");
      plan.actions[i] = FieldAction::Unavailable;
      plan.contents[i] =
          TextSpec{block ? "Niet beschikbaar: " + missing[i]->subject() + " (" + missing[i]->reason() + ")."
                         : std::string("niet beschikbaar"),
                   {}};
      plan.omitted.push_back("niet beschikbaar: " + missing[i]->subject() + " in " + fieldPlace(i, occurrences[i]) +
                             " \u2014 " + missing[i]->reason());
    }
    if (plan.actions[i] == FieldAction::Fill)
      for (const auto& note : notes[i]) plan.omitted.push_back(note);
  }

  // The same line twice (two parts about the youth-care region) says nothing new.
  std::vector<std::string> unique;
  for (auto& line : plan.omitted)
    if (std::find(unique.begin(), unique.end(), line) == unique.end()) unique.push_back(std::move(line));
  plan.omitted = std::move(unique);

  if (strict && !plan.omitted.empty()) {
    std::string message = "Niet alle cijfers van het sjabloon staan in " + sourcesWord(context.dataset()) +
                          " (strikt: niets wordt weggelaten):";
    for (const auto& line : plan.omitted) message += "\n- " + line;
    throw Error(ErrorKind::Template, message);
  }
  return plan;
}

}  // namespace raadsbrief::plan
