#include <catch2/catch.hpp>

#include "Error.hpp"
#include "TestData.hpp"
#include "data/DatasetReader.hpp"
#include "plan/Briefing.hpp"

using namespace raadsbrief;
using namespace raadsbrief::plan;

namespace {

const model::Dataset& dataset() {
  static const model::Dataset ds = data::readDataset(test::kSmallDataset);
  return ds;
}

std::string textOf(const std::string& field, const std::string& municipality = "Leiden", const std::string& period = "") {
  const BriefingContext ctx(dataset(), municipality, period, "2026-11-25");
  const Content c = resolveField(fields::parseField(field), ctx);
  REQUIRE(std::holds_alternative<TextSpec>(c));
  return std::get<TextSpec>(c).text;
}

std::string errorOf(const std::string& field) {
  const BriefingContext ctx(dataset(), "Leiden", "", "2026-11-25");
  try {
    (void)resolveField(fields::parseField(field), ctx);
  } catch (const Error& e) {
    return e.what();
  }
  FAIL("no error for " << field);
  return {};
}

}  // namespace

TEST_CASE("Briefing: the context picks the newest period and the youth-care region", "[briefing]") {
  const BriefingContext ctx(dataset(), "GM0546", "", "2026-11-25");
  CHECK(ctx.period().id == "2023");
  REQUIRE(ctx.youthCareRegion());
  CHECK(ctx.youthCareRegion()->name == "Holland Rijnland");
  CHECK(BriefingContext(dataset(), "Leiden", "2022", "2026-11-25").period().id == "2022");
}

TEST_CASE("Briefing: unknown municipality, period or a municipality without figures", "[briefing][errors]") {
  CHECK_THROWS_WITH(BriefingContext(dataset(), "Atlantis", "", "2026-11-25"), Catch::Contains("Onbekende gemeente 'Atlantis'"));
  CHECK_THROWS_WITH(BriefingContext(dataset(), "Leiden", "2030", "2026-11-25"),
                    Catch::Contains("2030") && Catch::Contains("2021\u20132023"));
  CHECK_THROWS_WITH(BriefingContext(dataset(), "Groningen", "", "2026-11-25"), Catch::Contains("geen cijfers"));
}

TEST_CASE("Briefing: simple text fields", "[briefing]") {
  CHECK(textOf("{{gemeente}}") == "Leiden");
  CHECK(textOf("{{gemeentecode}}") == "GM0546");
  CHECK(textOf("{{jeugdregio}}") == "Holland Rijnland");
  CHECK(textOf("{{periode}}") == "2023");
  CHECK(textOf("{{periode}}", "Leiden", "2022") == "2022");
  CHECK(textOf("{{datum}}") == "25 november 2026");
  CHECK(textOf("{{label jeugdhulp}}") == "jongeren met jeugdhulp");
}

TEST_CASE("Briefing: figures per region and period, Dutch formatted", "[briefing]") {
  CHECK(textOf("{{cijfer jeugdhulp}}") == "12,3%");
  CHECK(textOf("{{cijfer jeugdhulp regio=nederland}}") == "11,8%");
  CHECK(textOf("{{cijfer jeugdhulp regio=jeugdregio periode=vorige}}") == "12,0%");
  CHECK(textOf("{{cijfer jeugdhulp periode=2021}}") == "12,6%");
  CHECK(textOf("{{cijfer kosten}}") == "\u20ac\u00a010.235");
  CHECK(textOf("{{cijfer jeugdreclassering}}") == "0,29%");
  CHECK(textOf("{{cijfer jeugdreclassering}}", "Zoeterwoude") == "\u2013");
}

TEST_CASE("Briefing: comparison phrases follow the rounded figures", "[briefing]") {
  CHECK(textOf("{{vergelijking jeugdhulp}}") == "hoger dan landelijk (12,3% tegen 11,8%)");
  CHECK(textOf("{{vergelijking jeugdhulp met=jeugdregio}}") == "gelijk aan het cijfer van de jeugdregio (12,3%)");
  CHECK(textOf("{{vergelijking kosten met=jeugdregio periode=2021}}") == "hoger dan in de jeugdregio (\u20ac\u00a09.050 tegen \u20ac\u00a07.900)");
  CHECK(textOf("{{vergelijking jeugdreclassering}}") == "gelijk aan het landelijke cijfer (0,29%)");
  CHECK(textOf("{{vergelijking jeugdhulp}}", "Zoeterwoude") == "lager dan landelijk (9,4% tegen 11,8%)");
  CHECK_THAT(textOf("{{vergelijking jeugdreclassering}}", "Zoeterwoude"), Catch::StartsWith("niet te vergelijken"));
}

TEST_CASE("Briefing: development phrases", "[briefing]") {
  CHECK(textOf("{{ontwikkeling jeugdhulp}}") == "gedaald van 12,9% in 2022 naar 12,3% in 2023");
  CHECK(textOf("{{ontwikkeling jeugdhulp van=2021 regio=jeugdregio}}") == "gestegen van 11,9% in 2021 naar 12,3% in 2023");
  CHECK(textOf("{{ontwikkeling jeugdreclassering regio=gemeente}}", "Leiden", "2022") ==
        "gestegen van 0,27% in 2021 naar 0,28% in 2022");
  CHECK_THAT(textOf("{{ontwikkeling jeugdhulp van=2021}}", "Zoeterwoude"), Catch::StartsWith("niet te volgen"));
  CHECK_THAT(errorOf("{{ontwikkeling jeugdhulp van=2023}}"), Catch::Contains("vóór"));
}

TEST_CASE("Briefing: comparison table", "[briefing][table]") {
  const BriefingContext ctx(dataset(), "Leiden", "", "2026-11-25");
  const Content c = resolveField(fields::parseField("{{tabel vergelijking}}"), ctx);
  REQUIRE(std::holds_alternative<TableSpec>(c));
  const auto& t = std::get<TableSpec>(c);
  REQUIRE(t.cells.size() == 4);
  CHECK(t.cells[0] == std::vector<std::string>{"Indicator", "Leiden", "Holland Rijnland", "Nederland"});
  CHECK(t.cells[1] == std::vector<std::string>{"Jongeren met jeugdhulp", "12,3%", "12,3%", "11,8%"});
  CHECK(t.cells[3][1] == "\u20ac\u00a010.235");
  CHECK(t.numericColumns == std::vector<bool>{false, true, true, true});
  CHECK(t.note.empty());
  CHECK_THAT(t.title, Catch::Contains("Leiden, Holland Rijnland en Nederland, 2023*"));
  CHECK_THAT(t.description, Catch::Contains("Jongeren met jeugdhulp: Leiden 12,3%"));
}

TEST_CASE("Briefing: a suppressed cell is a dash with a note", "[briefing][table]") {
  const BriefingContext ctx(dataset(), "Zoeterwoude", "", "2026-11-25");
  const auto t = std::get<TableSpec>(
      resolveField(fields::parseField("{{tabel vergelijking indicatoren=jeugdreclassering,jeugdhulp}}"), ctx));
  REQUIRE(t.cells.size() == 3);
  CHECK(t.cells[1][0] == "Jongeren met jeugdreclassering");
  CHECK(t.cells[1][1] == "\u2013");
  CHECK_THAT(t.note, Catch::Contains("geheim"));
}

TEST_CASE("Briefing: trend table over the last years", "[briefing][table]") {
  const BriefingContext ctx(dataset(), "Leiden", "", "2026-11-25");
  const auto t = std::get<TableSpec>(resolveField(fields::parseField("{{tabel ontwikkeling jeugdhulp jaren=2}}"), ctx));
  REQUIRE(t.cells.size() == 4);
  CHECK(t.cells[0] == std::vector<std::string>{"Jongeren met jeugdhulp", "2022", "2023*"});
  CHECK(t.cells[1] == std::vector<std::string>{"Leiden", "12,9%", "12,3%"});
  CHECK(t.cells[3] == std::vector<std::string>{"Nederland", "11,7%", "11,8%"});
}

TEST_CASE("Briefing: comparison bar chart holds the rounded figures, and gaps stay gaps", "[briefing][chart]") {
  const BriefingContext ctx(dataset(), "Zoeterwoude", "", "2026-11-25");
  const auto ch = std::get<ChartSpec>(resolveField(fields::parseField("{{grafiek vergelijking}}"), ctx));
  CHECK(ch.kind == ChartSpec::Kind::Bar);
  CHECK(ch.categories == std::vector<std::string>{"Jongeren met jeugdhulp", "Jongeren met jeugdreclassering"});
  REQUIRE(ch.series.size() == 3);
  CHECK(ch.series[0].name == "Zoeterwoude");
  CHECK(ch.series[0].values[0] == Approx(9.4));
  CHECK_FALSE(ch.series[0].values[1].has_value());
  CHECK(ch.series[2].values[1] == Approx(0.29));
  CHECK_THAT(ch.description, Catch::Contains("Staafdiagram") && Catch::Contains("Zoeterwoude 9,4%"));
}

TEST_CASE("Briefing: trend line chart", "[briefing][chart]") {
  const BriefingContext ctx(dataset(), "Leiden", "", "2026-11-25");
  const auto ch = std::get<ChartSpec>(resolveField(fields::parseField("{{grafiek ontwikkeling jeugdhulp}}"), ctx));
  CHECK(ch.kind == ChartSpec::Kind::Line);
  CHECK(ch.categories == std::vector<std::string>{"2021", "2022", "2023*"});
  REQUIRE(ch.series.size() == 3);
  CHECK(ch.series[1].name == "Holland Rijnland");
  CHECK(ch.series[1].values[2] == Approx(12.3));
  CHECK_THAT(ch.description, Catch::Contains("Lijndiagram"));
}

TEST_CASE("Briefing: field errors say what is wrong", "[briefing][errors]") {
  CHECK_THAT(errorOf("{{cijfer jeugdhulpp}}"), Catch::Contains("onbekende indicator \"jeugdhulpp\""));
  CHECK_THAT(errorOf("{{cijfer jeugdhulp regio=europa}}"), Catch::Contains("europa"));
  CHECK_THAT(errorOf("{{cijfer jeugdhulp regoi=nederland}}"), Catch::Contains("onbekende instelling 'regoi'"));
  CHECK_THAT(errorOf("{{cijfer}}"), Catch::Contains("mist"));
  CHECK_THAT(errorOf("{{gemeente Leiden}}"), Catch::Contains("geen woorden"));
  CHECK_THAT(errorOf("{{tabel}}"), Catch::Contains("soort"));
  CHECK_THAT(errorOf("{{grafiek taart}}"), Catch::Contains("taart"));
  CHECK_THAT(errorOf("{{grafiek vergelijking indicatoren=jeugdhulp,kosten}}"), Catch::Contains("dezelfde eenheid"));
  CHECK_THAT(errorOf("{{cijfer jeugdhulp periode=1999}}"), Catch::Contains("1999"));
  CHECK_THAT(errorOf("{{foo}}"), Catch::Contains("onbekend sleutelwoord 'foo'"));
}

TEST_CASE("Briefing: all broken fields are reported at once, with their place", "[briefing][errors]") {
  const BriefingContext ctx(dataset(), "Leiden", "", "2026-11-25");
  const std::vector<FieldOccurrence> occ{{"{{gemeente}}", ""},
                                         {"{{cijfer jeugdhulpp}}", "Het aandeel is"},
                                         {"{{periode}}", ""},
                                         {"{{foo}}", "en verder"}};
  try {
    (void)resolveFields(occ, ctx);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Template);
    const std::string m = e.what();
    CHECK_THAT(m, Catch::Contains("2 foute velden"));
    CHECK_THAT(m, Catch::Contains("veld 2 ({{cijfer jeugdhulpp}}), na \"Het aandeel is\""));
    CHECK_THAT(m, Catch::Contains("veld 4 ({{foo}})"));
  }
  const auto ok = resolveFields({{"{{gemeente}}", ""}, {"{{cijfer jeugdhulp}}", ""}}, ctx);
  REQUIRE(ok.size() == 2);
  CHECK(std::get<TextSpec>(ok[1]).text == "12,3%");
}

TEST_CASE("Briefing: demo data is always labelled", "[briefing][demo]") {
  const BriefingContext ctx(dataset(), "Leiden", "", "2026-11-25");
  CHECK_THAT(sourceNote(ctx), Catch::Contains("Voorbeeldcijfers") && Catch::Contains("Testbron") &&
                                  Catch::Contains("* voorlopig cijfer (2023)") && Catch::Contains("20 november 2026"));
  CHECK(needsSourceNotice({{"{{gemeente}}", ""}}, dataset()));
  CHECK_FALSE(needsSourceNotice({{"{{gemeente}}", ""}, {"{{ bron }}", ""}}, dataset()));
}

TEST_CASE("Briefing: the source note names every source", "[briefing][source]") {
  model::Dataset ds = dataset();
  model::Dataset other;
  other.source.name = "CBS StatLine, tabel 85098NED";
  other.source.retrieved = "2026-11-24";
  other.addRegion({"NL01", "Nederland", model::RegionKind::Country, ""});
  other.addPeriod({"2023", false});
  ds.supplement(other);
  const BriefingContext ctx(ds, "Leiden", "", "2026-11-25");
  CHECK_THAT(sourceNote(ctx), Catch::StartsWith("Bron: Testbron") &&
                                  Catch::Contains("; aangevuld met CBS StatLine, tabel 85098NED, opgehaald 24 november 2026"));
}

TEST_CASE("Briefing: figures from a stale cache say so", "[briefing][source]") {
  model::Dataset ds = dataset();
  ds.source.demo = false;
  CHECK_FALSE(needsSourceNotice({{"{{gemeente}}", ""}}, ds));
  ds.source.staleFrom = "2026-11-02";
  CHECK(needsSourceNotice({{"{{gemeente}}", ""}}, ds));
  const BriefingContext ctx(ds, "Leiden", "", "2026-11-25");
  CHECK_THAT(sourceNote(ctx), Catch::Contains("niet bereikbaar") && Catch::Contains("cijfers van 2 november 2026"));
}

TEST_CASE("Briefing: the document title names template, municipality and period", "[briefing]") {
  const BriefingContext ctx(dataset(), "Leiden", "2022", "2026-11-25");
  CHECK(documentTitle("Raadsinformatiebrief jeugdhulp", ctx) == "Raadsinformatiebrief jeugdhulp \u2013 Leiden, 2022");
  CHECK(documentTitle("", ctx) == "Raadsbrief \u2013 Leiden, 2022");
}

TEST_CASE("Briefing: judgements follow the indicator's direction", "[briefing][phrases]") {
  // jeugdreclassering is lower_is_better; jeugdhulp is neutral; kosten lower_is_better.
  CHECK(textOf("{{oordeel jeugdreclassering periode=2021}}") == "beter dan landelijk");            // 0,27 < 0,31
  CHECK(textOf("{{oordeel jeugdreclassering met=jeugdregio periode=2021}}") == "slechter dan in de jeugdregio");
  CHECK(textOf("{{oordeel jeugdreclassering}}") == "even goed als landelijk");                     // 0,29 = 0,29
  CHECK(textOf("{{oordeel jeugdhulp}}") == "hoger dan landelijk");                                  // neutral
  CHECK(textOf("{{oordeel jeugdhulp met=jeugdregio}}") == "gelijk aan de jeugdregio");
  CHECK(textOf("{{oordeel jeugdreclassering}}", "Zoeterwoude") == "niet te beoordelen, omdat een cijfer ontbreekt");
}

TEST_CASE("Briefing: a stated difference is the difference of the rounded figures", "[briefing][phrases]") {
  CHECK(textOf("{{verschil jeugdhulp}}") == "0,5 procentpunt hoger dan landelijk");                 // 12,3 - 11,8
  CHECK(textOf("{{verschil jeugdreclassering periode=2021}}") == "0,04 procentpunt lager dan landelijk");
  CHECK(textOf("{{verschil kosten met=jeugdregio}}") == "\u20ac\u00a01.635 hoger dan in de jeugdregio");  // 10.235 - 8.600
  CHECK(textOf("{{verschil jeugdhulp met=jeugdregio}}") == "gelijk aan de jeugdregio");
  CHECK_THAT(textOf("{{verschil jeugdhulp}}", "Zoeterwoude"), Catch::Contains("lager dan landelijk"));
  // Rounding: 9050,4 shows as 9.050 and 7.900 as 7.900, so the text must say 1.150, not 1.150,4.
  CHECK(textOf("{{verschil kosten met=jeugdregio periode=2021}}") == "\u20ac\u00a01.150 hoger dan in de jeugdregio");
}
