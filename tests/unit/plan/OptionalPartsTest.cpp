// Optional parts of templates ({{als …}} … {{einde}}), the rule for a lone field whose figure
// is missing, and the list of what was left out (plan::planBriefing).
#include <catch2/catch.hpp>

#include <cstdint>

#include "Error.hpp"
#include "TestData.hpp"
#include "data/DatasetReader.hpp"
#include "plan/Briefing.hpp"
#include "text/Search.hpp"

using namespace raadsbrief;
using namespace raadsbrief::plan;

namespace {

const model::Dataset& dataset() { return test::smallDataset(); }

/// The fields of a text as the Writer side reports them; '\n' separates paragraphs.
std::vector<FieldOccurrence> occurrencesOf(const std::string& text) {
  std::vector<FieldOccurrence> out;
  std::size_t from = 0;
  for (const auto& field : fields::findFields(text)) {
    const std::size_t at = text.find(field, from);
    from = at + field.size();
    const std::size_t lineStart = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
    const std::size_t lineEnd = std::min(text.find('\n', from), text.size());
    FieldOccurrence o{field, text.substr(lineStart, at - lineStart)};
    o.paragraphStart = text.find_first_not_of(' ', lineStart) == at;
    o.paragraphEnd = text.substr(from, lineEnd - from).find_first_not_of(' ') == std::string::npos;
    out.push_back(o);
  }
  return out;
}

BriefingPlan planFor(const std::string& text, const std::string& municipality = "Leiden", bool strict = false) {
  const BriefingContext ctx(dataset(), municipality, "", "2026-11-25");
  return planBriefing(occurrencesOf(text), ctx, strict);
}

std::string errorOf(const std::string& text, const std::string& municipality = "Leiden") {
  try {
    (void)planFor(text, municipality);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Template);
    return e.what();
  }
  FAIL("no error for " << text);
  return {};
}

std::string textAt(const BriefingPlan& p, std::size_t i) { return std::get<TextSpec>(p.contents.at(i)).text; }

using A = FieldAction;

}  // namespace

TEST_CASE("Optional parts: a part whose figure exists keeps its text and loses its markers", "[briefing][optional]") {
  const auto p = planFor(
      "In 2023 kreeg {{cijfer jeugdhulp}} hulp. {{als cijfer kosten}}De kosten waren {{cijfer kosten}}.{{einde}}");
  CHECK(p.actions == std::vector<A>{A::Fill, A::RemoveMarker, A::Fill, A::RemoveMarker});
  CHECK(p.removed.empty());
  CHECK(p.omitted.empty());
  CHECK(textAt(p, 0) == "12,3%");
  CHECK(textAt(p, 2) == "\u20ac\u00a010.235");
  // A marker alone in its paragraph goes with its paragraph.
  const auto alone = planFor("Intro.\n{{als cijfer kosten}}\nDe kosten: {{cijfer kosten}}.\n {{einde}} \nSlot.");
  CHECK(alone.actions == std::vector<A>{A::RemoveParagraph, A::Fill, A::RemoveParagraph});
}

TEST_CASE("Optional parts: a part whose figure the source lacks is left out and listed", "[briefing][optional]") {
  const auto p = planFor(
      "Hulp: {{cijfer jeugdhulp}}. {{als cijfer clienttevredenheid}}Het rapportcijfer is {{cijfer "
      "clienttevredenheid}}.{{einde}}");
  CHECK(p.actions == std::vector<A>{A::Fill, A::Removed, A::Removed, A::Removed});
  REQUIRE(p.removed.size() == 1);
  CHECK(p.removed[0].open == 1);
  CHECK(p.removed[0].close == 3);
  CHECK_FALSE(p.removed[0].wholeParagraphs);
  CHECK(p.omitted == std::vector<std::string>{
                         "weggelaten: de tekst over cli\u00ebnttevredenheid \u2014 dit cijfer staat niet in de bron"});
}

TEST_CASE("Optional parts: whole paragraphs, also with a table or chart field inside", "[briefing][optional]") {
  const auto table = planFor(
      "Intro {{gemeente}}.\n{{als cijfer clienttevredenheid}}Tabel 2. Tevredenheid\n{{tabel ontwikkeling "
      "clienttevredenheid}}{{einde}}\nSlot.");
  REQUIRE(table.removed.size() == 1);
  CHECK(table.removed[0].wholeParagraphs);
  CHECK(table.actions == std::vector<A>{A::Fill, A::Removed, A::Removed, A::Removed});
  CHECK(table.omitted ==
        std::vector<std::string>{
            "weggelaten: de tabel over cli\u00ebnttevredenheid \u2014 dit cijfer staat niet in de bron"});
  const auto chart =
      planFor("{{als cijfer clienttevredenheid}}\n{{grafiek ontwikkeling clienttevredenheid}}\n{{einde}}");
  CHECK(chart.omitted.at(0).rfind("weggelaten: de grafiek over", 0) == 0);
  const auto paragraph =
      planFor("{{als cijfer clienttevredenheid}}Het rapportcijfer is {{cijfer clienttevredenheid}}.{{einde}}");
  CHECK(paragraph.omitted.at(0).rfind("weggelaten: de alinea over", 0) == 0);
  // The part kept: a table inside is filled as usual.
  const auto kept = planFor("{{als cijfer kosten}}\n{{tabel ontwikkeling kosten}}\n{{einde}}");
  CHECK(kept.actions == std::vector<A>{A::RemoveParagraph, A::Fill, A::RemoveParagraph});
  CHECK(std::holds_alternative<TableSpec>(kept.contents[1]));
}

TEST_CASE("Optional parts: nested parts, and a field without its figure takes its part along", "[briefing][optional]") {
  // Outer kept, inner left out.
  const auto inner = planFor(
      "{{als cijfer jeugdhulp}}A {{als cijfer clienttevredenheid}}B {{cijfer clienttevredenheid}}{{einde}} C{{einde}}");
  CHECK(inner.actions == std::vector<A>{A::RemoveMarker, A::Removed, A::Removed, A::Removed, A::RemoveMarker});
  REQUIRE(inner.removed.size() == 1);
  CHECK(inner.removed[0].open == 1);
  CHECK(inner.removed[0].close == 3);
  // Outer left out: one line, for the outer part only.
  const auto outer =
      planFor("{{als cijfer clienttevredenheid}}A {{als cijfer jeugdhulp}}B{{einde}}{{einde}} Slot {{gemeente}}");
  REQUIRE(outer.removed.size() == 1);
  CHECK(outer.removed[0].open == 0);
  CHECK(outer.removed[0].close == 3);
  CHECK(outer.omitted.size() == 1);
  CHECK(outer.actions.back() == A::Fill);
  // The condition holds, but a field inside has no figure: the part goes, the field says why.
  const auto implicit = planFor("{{als cijfer jeugdhulp}}Wachten duurt {{cijfer wachttijd}}.{{einde}}");
  REQUIRE(implicit.removed.size() == 1);
  CHECK(implicit.omitted ==
        std::vector<std::string>{"weggelaten: de alinea over jongeren met jeugdhulp \u2014 wachttijd: dit "
                                 "cijfer staat niet in de bron"});
  const auto region = planFor("{{als cijfer jeugdhulp}}Dit bespreken wij in {{jeugdregio}}.{{einde}}", "'s-Gravenhage");
  CHECK(region.omitted ==
        std::vector<std::string>{"weggelaten: de alinea over jongeren met jeugdhulp \u2014 de jeugdregio: "
                                 "gemeente 's-Gravenhage hoort in de bron niet bij een jeugdregio"});
  // Two parts about the same missing thing: one line.
  const auto twice =
      planFor("A{{als jeugdregio}} in {{jeugdregio}}{{einde}} en B{{als jeugdregio}} in {{jeugdregio}}{{einde}}.",
              "'s-Gravenhage");
  CHECK(twice.removed.size() == 2);
  CHECK(twice.omitted ==
        std::vector<std::string>{"weggelaten: de tekst over de jeugdregio \u2014 gemeente 's-Gravenhage hoort "
                                 "in de bron niet bij een jeugdregio"});
}

TEST_CASE("Optional parts: a broken structure is a template error naming the problem", "[briefing][optional][errors]") {
  CHECK_THAT(errorOf("Tekst {{einde}}"),
             Catch::Contains("veld 1 ({{einde}})") && Catch::Contains("{{einde}} zonder {{als …}} ervoor"));
  CHECK_THAT(errorOf("{{gemeente}} {{als cijfer jeugdhulp}}Tekst"),
             Catch::Contains("veld 2 ({{als cijfer jeugdhulp}})") && Catch::Contains("zonder {{einde}} erna"));
  CHECK_THAT(errorOf("{{als cijfer jeugdhulp}}A{{als jeugdregio}}B{{einde}}"),
             Catch::Contains("veld 1") && Catch::Contains("zonder {{einde}}"));
  CHECK_THAT(errorOf("{{als cijfer jeugdhulp}}A{{einde}}{{einde}}"),
             Catch::Contains("veld 3") && Catch::Contains("zonder {{als"));
  CHECK_THAT(errorOf("{{als cijfr jeugdhulp}}A{{einde}}"), Catch::Contains("onbekende voorwaarde 'cijfr'"));
  CHECK_THAT(errorOf("{{als}}A{{einde}}"), Catch::Contains("mist de voorwaarde"));
  CHECK_THAT(errorOf("{{als cijfer}}A{{einde}}"), Catch::Contains("mist de indicator"));
  CHECK_THAT(errorOf("{{als cijfer jeugdhulp met=nederland}}A{{einde}}"),
             Catch::Contains("onbekende instelling 'met'"));
  CHECK_THAT(errorOf("{{als jeugdregio}}A{{einde klaar}}"), Catch::Contains("neemt geen woorden"));
  CHECK_THAT(errorOf("{{als cijfer jeugdhulp periode=vorig}}A{{einde}}"), Catch::Contains("ongeldige periode 'vorig'"));
  // A typo in a condition is a typo, with a suggestion, even though the part would be left out.
  CHECK_THAT(errorOf("{{als cijfer jeugdhulpp}}A{{einde}}"),
             Catch::Contains("onbekende indicator \"jeugdhulpp\"; bedoelde u \"jeugdhulp\"?"));
  // Every problem at once.
  const std::string all = errorOf("{{einde}} {{cijfer jeugdhlp}} {{als jeugdregio}}");
  CHECK_THAT(all, Catch::Contains("3 foute velden"));
  // A part cannot run from a table cell (or a header) into the body.
  auto occ = occurrencesOf("{{als cijfer jeugdhulp}}A{{einde}}");
  occ[1].textId = 1;
  const BriefingContext ctx(dataset(), "Leiden", "", "2026-11-25");
  CHECK_THROWS_WITH(planBriefing(occ, ctx), Catch::Contains("ander tekstdeel"));
}

TEST_CASE("Optional parts: conditions", "[briefing][optional]") {
  auto removedBecause = [](const std::string& condition, const std::string& municipality) {
    const auto p = planFor(condition + "A{{einde}}", municipality);
    return p.omitted.empty() ? std::string("gehouden") : p.omitted.front();
  };
  CHECK(removedBecause("{{als cijfer jeugdhulp}}", "Leiden") == "gehouden");
  CHECK(removedBecause("{{als jeugdregio}}", "Leiden") == "gehouden");
  CHECK(removedBecause("{{als cijfer jeugdhulp regio=jeugdregio periode=2021}}", "Leiden") == "gehouden");
  CHECK(removedBecause("{{als cijfer jeugdhulp periode=vorige}}", "Leiden") == "gehouden");
  // A secret (suppressed) figure: nothing to write about.
  CHECK(removedBecause("{{als cijfer jeugdreclassering}}", "Zoeterwoude") ==
        "weggelaten: de alinea over jongeren met jeugdreclassering \u2014 dit cijfer is geheim (te klein om te "
        "publiceren)");
  // A figure missing for this municipality and period.
  CHECK(removedBecause("{{als cijfer jeugdhulp periode=2021}}", "Zoeterwoude") ==
        "weggelaten: de alinea over jongeren met jeugdhulp over 2021 \u2014 dit cijfer staat voor Zoeterwoude over "
        "2021 niet in de bron");
  // A year that is not in the figures at all (e.g. before CBS's 2021 break).
  CHECK_THAT(removedBecause("{{als cijfer jeugdhulp periode=2019}}", "Leiden"),
             Catch::StartsWith(
                 "weggelaten: de alinea over jongeren met jeugdhulp over 2019 \u2014 periode '2019' staat niet") &&
                 Catch::Contains("(2021\u20132023)"));
  // No youth-care region, or none for this municipality.
  CHECK(removedBecause("{{als jeugdregio}}", "'s-Gravenhage") ==
        "weggelaten: de alinea over de jeugdregio \u2014 gemeente 's-Gravenhage hoort in de bron niet bij een "
        "jeugdregio");
  CHECK_THAT(removedBecause("{{als cijfer jeugdhulp regio=jeugdregio}}", "'s-Gravenhage"),
             Catch::Contains("over jongeren met jeugdhulp in de jeugdregio \u2014 gemeente 's-Gravenhage"));
  // Leiden's 2021 has no year before it.
  const BriefingContext first(dataset(), "Leiden", "2021", "2026-11-25");
  const auto p = planBriefing(occurrencesOf("{{als cijfer jeugdhulp periode=vorige}}A{{einde}}"), first);
  CHECK_THAT(p.omitted.at(0), Catch::Contains("vóór 2021"));
}

TEST_CASE("Optional parts: a lone field without its figure says 'niet beschikbaar' and is listed",
          "[briefing][optional]") {
  const auto p = planFor(
      "Het rapportcijfer is {{cijfer clienttevredenheid}}; in {{jeugdregio}}.\n{{tabel ontwikkeling wachttijd}}",
      "'s-Gravenhage");
  CHECK(p.actions == std::vector<A>{A::Unavailable, A::Unavailable, A::Unavailable});
  CHECK(textAt(p, 0) == "niet beschikbaar");
  CHECK(textAt(p, 1) == "niet beschikbaar");
  CHECK(textAt(p, 2) == "Niet beschikbaar: wachttijd (dit cijfer staat niet in de bron).");
  REQUIRE(p.omitted.size() == 3);
  CHECK(p.omitted[0] ==
        "niet beschikbaar: cli\u00ebnttevredenheid in veld 1 ({{cijfer clienttevredenheid}}), na \"Het "
        "rapportcijfer is \" \u2014 dit cijfer staat niet in de bron");
  CHECK_THAT(p.omitted[1], Catch::StartsWith("niet beschikbaar: de jeugdregio in veld 2"));
  // A comparison table or chart leaves out the rows it has no figures for, and says so.
  const auto table = planFor("{{tabel vergelijking indicatoren=jeugdhulp,clienttevredenheid,kosten}}");
  CHECK(table.actions == std::vector<A>{A::Fill});
  CHECK(std::get<TableSpec>(table.contents[0]).cells.size() == 3);  // header, jeugdhulp, kosten
  CHECK(table.omitted ==
        std::vector<std::string>{"weggelaten uit de tabel: de rij over cli\u00ebnttevredenheid \u2014 dit "
                                 "cijfer staat niet in de bron"});
}

TEST_CASE("Optional parts: typos stay errors, with a suggestion", "[briefing][optional][errors]") {
  CHECK_THAT(errorOf("{{cijfer jeugdhulpp}}"),
             Catch::Contains("onbekende indicator \"jeugdhulpp\"; bedoelde u \"jeugdhulp\"?"));
  CHECK_THAT(errorOf("{{cijfer clienttevredenhied}}"),
             Catch::Contains("bedoelde u \"clienttevredenheid\"?"));  // known to Raadsbrief, not to this source
  CHECK_THAT(errorOf("{{cijfr jeugdhulp}}"), Catch::Contains("onbekend sleutelwoord 'cijfr'; bedoelde u 'cijfer'?"));
  CHECK_THAT(errorOf("{{cijfer xyzzy}}"), Catch::Contains("onbekende indicator \"xyzzy\" (bekend:"));
  // resolveField (insert figure, preview, refresh) tells a missing figure from a typo too.
  const BriefingContext ctx(dataset(), "Leiden", "", "2026-11-25");
  CHECK_THROWS_AS(resolveField(fields::parseField("{{cijfer clienttevredenheid}}"), ctx), MissingFigure);
  CHECK_THROWS_WITH(resolveField(fields::parseField("{{als jeugdregio}}"), ctx),
                    Catch::Contains("hoort in een sjabloon"));
  try {
    (void)resolveField(fields::parseField("{{cijfer jeugdhulpp}}"), ctx);
    FAIL("no error");
  } catch (const MissingFigure&) {
    FAIL("a typo is not a missing figure");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Template);
  }
}

TEST_CASE("Optional parts: CBS's indicators are known, so a source without them leaves them out, not a typo",
          "[briefing][optional]") {
  // This dataset has no 85097NED trajectories and no jeugdbescherming_verblijf.
  const auto p = planFor(
      "Hulp: {{cijfer jeugdhulp}}.{{als cijfer trajecten_herhaald_huisarts}} Herhaald: "
      "{{cijfer trajecten_herhaald_huisarts}}.{{einde}}{{als cijfer jeugdbescherming_verblijf}} En "
      "{{cijfer jeugdbescherming_verblijf}}.{{einde}}");
  REQUIRE(p.omitted.size() == 2);
  CHECK_THAT(p.omitted[0], Catch::Contains("jeugdhulptrajecten bij herhaald beroep, verwezen door de huisarts") &&
                               Catch::Contains("dit cijfer staat niet in de bron"));
  CHECK_THAT(p.omitted[1], Catch::Contains("jeugdbescherming met jeugdhulp met verblijf"));
  // Still a typo: a name neither this source nor any source of Raadsbrief knows, with a CBS suggestion.
  CHECK_THAT(errorOf("{{cijfer trajecten_herhaaldd}}"), Catch::Contains("bedoelde u \"trajecten_herhaald\"?"));
}

TEST_CASE("Optional parts: strict makes every missing figure an error", "[briefing][optional][errors]") {
  const std::string text = "{{als cijfer clienttevredenheid}}A{{einde}} {{cijfer wachttijd}}";
  CHECK(planFor(text).omitted.size() == 2);
  try {
    (void)planFor(text, "Leiden", true);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Template);
    CHECK_THAT(e.what(), Catch::Contains("strikt") &&
                             Catch::Contains("weggelaten: de tekst over cli\u00ebnttevredenheid") &&
                             Catch::Contains("niet beschikbaar: wachttijd"));
  }
  CHECK_NOTHROW(planFor("{{als cijfer kosten}}A{{einde}} {{cijfer jeugdhulp}}", "Leiden", true));
}

TEST_CASE("Search: the nearest name for a suggestion", "[format][search]") {
  CHECK(text::editDistance("jeugdhulpp", "jeugdhulp") == 1);
  CHECK(text::editDistance("", "abc") == 3);
  CHECK(text::closestMatch("Jeugdhlp", {"jeugdreclassering", "jeugdhulp"}) == "jeugdhulp");
  CHECK(text::closestMatch("cli\u00ebnttevredenheid", {"clienttevredenheid"}) == "clienttevredenheid");
  CHECK(text::closestMatch("xyzzy", {"jeugdhulp"}).empty());
}

TEST_CASE("Optional parts: any mix of markers and fields gives a template error or a consistent plan",
          "[briefing][optional]") {
  // Many random templates (fixed seed): never another exception, and a plan that holds together.
  const std::vector<std::string> pieces{"{{als cijfer jeugdhulp}}",
                                        "{{als cijfer clienttevredenheid}}",
                                        "{{als jeugdregio}}",
                                        "{{einde}}",
                                        "{{cijfer jeugdhulp}}",
                                        "{{cijfer wachttijd}}",
                                        "{{jeugdregio}}",
                                        "{{tabel vergelijking}}",
                                        "tekst ",
                                        "\n",
                                        "{{cijfer jeugdhulpp}}"};
  std::uint32_t state = 20261204u;
  auto next = [&state] { return state = state * 1664525u + 1013904223u; };
  int plans = 0, errors = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int length = 1 + static_cast<int>(next() % 12);
    for (int k = 0; k < length; ++k) text += pieces[(next() >> 8) % (pieces.size() - (round % 3 ? 1 : 0))];
    const std::string municipality = round % 2 ? "Leiden" : "'s-Gravenhage";
    BriefingPlan p;
    try {
      p = planFor(text, municipality);
    } catch (const Error& e) {
      CHECK(e.kind() == ErrorKind::Template);
      ++errors;
      continue;
    }
    ++plans;
    const auto occ = occurrencesOf(text);
    REQUIRE(p.actions.size() == occ.size());
    REQUIRE(p.contents.size() == occ.size());
    std::size_t end = 0;
    for (const auto& part : p.removed) {
      INFO(text);
      CHECK(part.open >= end);  // in order, not overlapping
      CHECK(part.open < part.close);
      CHECK(fields::parseField(occ[part.open].text).keyword == "als");
      CHECK(fields::parseField(occ[part.close].text).keyword == "einde");
      for (std::size_t i = part.open; i <= part.close; ++i) CHECK(p.actions[i] == A::Removed);
      end = part.close + 1;
    }
    for (std::size_t i = 0; i < occ.size(); ++i) {
      const std::string keyword = fields::parseField(occ[i].text).keyword;
      const bool marker = keyword == "als" || keyword == "einde";
      if (marker) CHECK((p.actions[i] != A::Fill && p.actions[i] != A::Unavailable));
      else CHECK((p.actions[i] == A::Fill || p.actions[i] == A::Unavailable || p.actions[i] == A::Removed));
    }
    for (const auto& line : p.omitted)
      CHECK((line.rfind("weggelaten", 0) == 0 || line.rfind("niet beschikbaar: ", 0) == 0));
  }
  CHECK(plans > 100);
  CHECK(errors > 100);
}
