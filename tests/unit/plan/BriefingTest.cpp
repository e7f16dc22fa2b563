#include <catch2/catch.hpp>

#include <map>

#include "Error.hpp"
#include "TestData.hpp"
#include "data/DatasetReader.hpp"
#include "plan/Briefing.hpp"

using namespace raadsbrief;
using namespace raadsbrief::plan;

namespace {

const model::Dataset& dataset() { return test::smallDataset(); }

std::string textOf(const std::string& field, const std::string& municipality = "Leiden",
                   const std::string& period = "") {
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
  CHECK_THROWS_WITH(BriefingContext(dataset(), "Atlantis", "", "2026-11-25"),
                    Catch::Contains("Onbekende gemeente 'Atlantis'"));
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
  CHECK(textOf("{{vergelijking kosten met=jeugdregio periode=2021}}") ==
        "hoger dan in de jeugdregio (\u20ac\u00a09.050 tegen \u20ac\u00a07.900)");
  CHECK(textOf("{{vergelijking jeugdreclassering}}") == "gelijk aan het landelijke cijfer (0,29%)");
  CHECK(textOf("{{vergelijking jeugdhulp}}", "Zoeterwoude") == "lager dan landelijk (9,4% tegen 11,8%)");
  CHECK_THAT(textOf("{{vergelijking jeugdreclassering}}", "Zoeterwoude"), Catch::StartsWith("niet te vergelijken"));
}

TEST_CASE("Briefing: development phrases", "[briefing]") {
  CHECK(textOf("{{ontwikkeling jeugdhulp}}") == "gedaald van 12,9% in 2022 naar 12,3% in 2023");
  CHECK(textOf("{{ontwikkeling jeugdhulp van=2021 regio=jeugdregio}}") ==
        "gestegen van 11,9% in 2021 naar 12,3% in 2023");
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
  CHECK(t.cells[0] ==
        std::vector<std::string>{"Indicator", "Leiden", "Holland Rijnland", "Nederland", "Verschil met Nederland"});
  CHECK(t.cells[1] == std::vector<std::string>{"Jongeren met jeugdhulp", "12,3%", "12,3%", "11,8%", "+0,5\u00a0pp"});
  CHECK(t.cells[2][4] == "0,00\u00a0pp");  // 0,29% against 0,29%
  CHECK(t.cells[3][1] == "\u20ac\u00a010.235");
  CHECK(t.cells[3][4] == "+\u20ac\u00a01.435");  // 10.235 (10.234,5 rounded) - 8.800
  CHECK(t.numericColumns == std::vector<bool>{false, true, true, true, true});
  CHECK(t.note == "Verschil = Leiden min Nederland, berekend met de afgeronde cijfers in de tabel; pp = procentpunt.");
  CHECK(t.source == "Bron: Testbron (voorbeeldcijfers), 2023*, opgehaald 20 november 2026. * voorlopig cijfer.");
  CHECK_THAT(t.title, Catch::Contains("Leiden, Holland Rijnland en Nederland, 2023 (voorlopige cijfers)"));
  CHECK_THAT(t.description, Catch::Contains("Jongeren met jeugdhulp: Leiden 12,3%"));
}

TEST_CASE("Briefing: a suppressed cell is a dash with a note", "[briefing][table]") {
  const BriefingContext ctx(dataset(), "Zoeterwoude", "", "2026-11-25");
  const auto t = std::get<TableSpec>(
      resolveField(fields::parseField("{{tabel vergelijking indicatoren=jeugdreclassering,jeugdhulp}}"), ctx));
  REQUIRE(t.cells.size() == 3);
  CHECK(t.cells[1][0] == "Jongeren met jeugdreclassering");
  CHECK(t.cells[1][1] == "\u2013");
  CHECK(t.cells[1][4] == "\u2013");             // no difference without both figures
  CHECK(t.cells[2][4] == "\u22122,4\u00a0pp");  // 9,4% - 11,8%
  CHECK_THAT(t.note, Catch::StartsWith("\u2013 = cijfer geheim") && Catch::Contains("pp = procentpunt"));
}

TEST_CASE("Briefing: the comparison table's difference column follows met=", "[briefing][table]") {
  const BriefingContext ctx(dataset(), "Leiden", "2021", "2026-11-25");
  const auto region =
      std::get<TableSpec>(resolveField(fields::parseField("{{tabel vergelijking met=jeugdregio}}"), ctx));
  CHECK(region.cells[0].back() == "Verschil met jeugdregio");
  CHECK(region.cells[1].back() == "+0,7\u00a0pp");        // 12,6 - 11,9
  CHECK(region.cells[3].back() == "+\u20ac\u00a01.150");  // 9.050 (9.050,4 rounded) - 7.900
  CHECK_THAT(region.note, Catch::Contains("Leiden min Holland Rijnland"));
  const auto none = std::get<TableSpec>(resolveField(fields::parseField("{{tabel vergelijking met=geen}}"), ctx));
  CHECK(none.cells[0] == std::vector<std::string>{"Indicator", "Leiden", "Holland Rijnland", "Nederland"});
  CHECK(none.note.empty());
  CHECK_THAT(errorOf("{{tabel vergelijking met=europa}}"), Catch::Contains("met="));
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
  const std::vector<FieldOccurrence> occ{
      {"{{gemeente}}", ""}, {"{{cijfer jeugdhulpp}}", "Het aandeel is"}, {"{{periode}}", ""}, {"{{foo}}", "en verder"}};
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
  // Two sources (e.g. CBS's 85098NED and 85097NED): "Bronnen", one: "Bron".
  CHECK_THAT(sourceNote(ctx),
             Catch::StartsWith("Bronnen: Testbron") &&
                 Catch::Contains("; aangevuld met CBS StatLine, tabel 85098NED, opgehaald 24 november 2026"));
  CHECK_THAT(sourceNote(BriefingContext(dataset(), "Leiden", "", "2026-11-25")), Catch::StartsWith("Bron: Testbron"));
  // A municipality without figures: the message names both sources.
  CHECK_THROWS_WITH(BriefingContext(ds, "Groningen", "", "2026-11-25"),
                    Catch::Contains("staan geen cijfers in de bronnen 'Testbron' en 'CBS StatLine, tabel 85098NED'"));
  CHECK_THROWS_WITH(BriefingContext(dataset(), "Groningen", "", "2026-11-25"),
                    Catch::Contains("staan geen cijfers in de bron 'Testbron'."));
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
  CHECK(textOf("{{oordeel jeugdreclassering periode=2021}}") == "beter dan landelijk");  // 0,27 < 0,31
  CHECK(textOf("{{oordeel jeugdreclassering met=jeugdregio periode=2021}}") == "slechter dan in de jeugdregio");
  CHECK(textOf("{{oordeel jeugdreclassering}}") == "even goed als landelijk");  // 0,29 = 0,29
  CHECK(textOf("{{oordeel jeugdhulp}}") == "hoger dan landelijk");              // neutral
  CHECK(textOf("{{oordeel jeugdhulp met=jeugdregio}}") == "gelijk aan de jeugdregio");
  CHECK(textOf("{{oordeel jeugdreclassering}}", "Zoeterwoude") == "niet te beoordelen, omdat een cijfer ontbreekt");
}

TEST_CASE("Briefing: a stated difference is the difference of the rounded figures", "[briefing][phrases]") {
  CHECK(textOf("{{verschil jeugdhulp}}") == "0,5 procentpunt hoger dan landelijk");  // 12,3 - 11,8
  CHECK(textOf("{{verschil jeugdreclassering periode=2021}}") == "0,04 procentpunt lager dan landelijk");
  CHECK(textOf("{{verschil kosten met=jeugdregio}}") ==
        "\u20ac\u00a01.635 hoger dan in de jeugdregio");  // 10.235 - 8.600
  CHECK(textOf("{{verschil jeugdhulp met=jeugdregio}}") == "gelijk aan de jeugdregio");
  CHECK_THAT(textOf("{{verschil jeugdhulp}}", "Zoeterwoude"), Catch::Contains("lager dan landelijk"));
  // Rounding: 9050,4 shows as 9.050 and 7.900 as 7.900, so the text must say 1.150, not 1.150,4.
  CHECK(textOf("{{verschil kosten met=jeugdregio periode=2021}}") == "\u20ac\u00a01.150 hoger dan in de jeugdregio");
}

TEST_CASE("Briefing: tables and charts carry a source line with the periods they show", "[briefing][source]") {
  const BriefingContext ctx(dataset(), "Leiden", "", "2026-11-25");
  const auto trend = std::get<TableSpec>(resolveField(fields::parseField("{{tabel ontwikkeling jeugdhulp}}"), ctx));
  CHECK(trend.source ==
        "Bron: Testbron (voorbeeldcijfers), 2021\u20132023*, opgehaald 20 november 2026. * voorlopig cijfer.");
  const auto line =
      std::get<ChartSpec>(resolveField(fields::parseField("{{grafiek ontwikkeling jeugdhulp jaren=2}}"), ctx));
  CHECK(line.source ==
        "Bron: Testbron (voorbeeldcijfers), 2022\u20132023*, opgehaald 20 november 2026. * voorlopig cijfer.");
  CHECK(line.note.empty());
  const auto old = std::get<ChartSpec>(resolveField(fields::parseField("{{grafiek vergelijking periode=2021}}"), ctx));
  CHECK(old.source == "Bron: Testbron (voorbeeldcijfers), 2021, opgehaald 20 november 2026.");  // final: no star
  // A gap in a chart is explained under it.
  const BriefingContext zoeterwoude(dataset(), "Zoeterwoude", "", "2026-11-25");
  const auto bar = std::get<ChartSpec>(resolveField(fields::parseField("{{grafiek vergelijking}}"), zoeterwoude));
  CHECK_THAT(bar.note, Catch::StartsWith("Een ontbrekende staaf: cijfer geheim"));
}

TEST_CASE("Briefing: source lines of merged sources and stale figures", "[briefing][source]") {
  model::Dataset ds = dataset();
  model::Dataset other;
  other.source.name = "CBS StatLine, tabel 85098NED";
  other.source.retrieved = "2026-11-24";
  other.source.staleFrom = "2026-11-02";
  other.addRegion({"NL01", "Nederland", model::RegionKind::Country, ""});
  other.addRegion({"GM0518", "'s-Gravenhage", model::RegionKind::Municipality, ""});
  other.addIndicator(
      {"jeugdhulp", "Jongeren met jeugdhulp", model::Unit::Percent, 1, model::Direction::Neutral, "", "", ""});
  other.addPeriod({"2022", false});
  other.setObservation("GM0518", "jeugdhulp", "2022", model::Observation::of(13.1));
  ds.supplement(other);
  Provenance p;
  p.uses = {{0, 2}, {1, 1}};
  CHECK(sourceLine(p, ds) ==
        "Bronnen: Testbron (voorbeeldcijfers), 2023*, opgehaald 20 november 2026; "
        "CBS StatLine, tabel 85098NED, 2022, opgehaald 24 november 2026, uit de cache van "
        "2 november 2026. * voorlopig cijfer.");
  p.uses = {{0, 0}, {0, 2}};
  CHECK(sourceLine(p, ds) ==
        "Bron: Testbron (voorbeeldcijfers), 2021 en 2023*, opgehaald 20 november 2026. * voorlopig cijfer.");
  CHECK(sourceLine(Provenance{}, ds).empty());
  // The 's-Gravenhage figure for 2022 comes from the second source: the field knows.
  const BriefingContext ctx(ds, "'s-Gravenhage", "2022", "2026-11-25");
  const auto figure = std::get<TextSpec>(resolveField(fields::parseField("{{cijfer jeugdhulp}}"), ctx));
  CHECK(figure.text == "13,1%");
  CHECK(figure.provenance.uses == std::set<std::pair<std::uint8_t, int>>{{1, 1}});
}

TEST_CASE("Briefing: one footnote per source for the figures in running text", "[briefing][source]") {
  const BriefingContext ctx(dataset(), "Leiden", "", "2026-11-25");
  const auto contents = resolveFields({{"{{gemeente}}", ""},
                                       {"{{cijfer jeugdhulp}}", ""},
                                       {"{{ontwikkeling jeugdhulp van=2021}}", ""},
                                       {"{{tabel vergelijking}}", ""},
                                       {"{{vergelijking kosten}}", ""},
                                       {"{{bron}}", ""}},
                                      ctx);
  CHECK(std::get<TextSpec>(contents[0]).provenance.empty());
  CHECK(std::get<TextSpec>(contents[5]).provenance.empty());
  const auto notes = sourceFootnotes(contents, dataset());
  REQUIRE(notes.size() == 1);
  // Every period the running text uses (2021 from ontwikkeling, 2023), not the table's.
  CHECK(notes[0].text ==
        "Bron: Testbron (voorbeeldcijfers), 2021 en 2023*, opgehaald 20 november 2026. * voorlopig cijfer.");
  CHECK(notes[0].candidates == std::vector<std::size_t>{1, 2, 4});
  CHECK(sourceFootnotes({}, dataset()).empty());
}

TEST_CASE("Briefing: ontwikkeling in the first year of the figures says there is no earlier year",
          "[briefing][phrases]") {
  CHECK(textOf("{{ontwikkeling jeugdhulp}}", "Leiden", "2021") ==
        "niet te volgen, omdat er geen cijfers van vóór 2021 zijn");
  CHECK(textOf("{{ontwikkeling jeugdhulp van=2021}}", "Leiden", "2021") ==
        "niet te volgen, omdat er geen cijfers van vóór 2021 zijn");
  CHECK_THAT(errorOf("{{ontwikkeling jeugdhulp van=1990}}"), Catch::Contains("1990"));
  // Tables and charts of a development show the one year there is.
  const BriefingContext ctx(dataset(), "Leiden", "2021", "2026-11-25");
  const auto t = std::get<TableSpec>(resolveField(fields::parseField("{{tabel ontwikkeling jeugdhulp}}"), ctx));
  CHECK(t.cells[0] == std::vector<std::string>{"Jongeren met jeugdhulp", "2021"});
}

namespace {

/// The small dataset plus a count and a rate per 1.000 jongeren.
const model::Dataset& datasetWithCounts() {
  static const model::Dataset ds = [] {
    model::Dataset d = dataset();
    d.addIndicator({"aanbieders", "Jeugdhulpaanbieders", model::Unit::Count, 0, model::Direction::Neutral, "", "", ""});
    d.addIndicator({"uithuisplaatsingen", "Uithuisplaatsingen", model::Unit::PerThousandYouth, 1,
                    model::Direction::LowerIsBetter, "", "", ""});
    const std::map<std::string, std::vector<double>> counts{
        {"GM0546", {12, 14, 3}}, {"JR0001", {40, 41, 45}}, {"NL01", {3000, 3100, 3150}}, {"GM0638", {2, 3, 3}}};
    const std::map<std::string, std::vector<double>> rates{
        {"GM0546", {4.1, 4.44, 3.96}}, {"JR0001", {3.8, 3.9, 4.0}}, {"NL01", {4.0, 4.1, 4.2}}};
    const char* years[] = {"2021", "2022", "2023"};
    for (const auto& [code, v] : counts)
      for (std::size_t i = 0; i < 3; ++i) d.setObservation(code, "aanbieders", years[i], model::Observation::of(v[i]));
    for (const auto& [code, v] : rates)
      for (std::size_t i = 0; i < 3; ++i)
        d.setObservation(code, "uithuisplaatsingen", years[i], model::Observation::of(v[i]));
    return d;
  }();
  return ds;
}

std::string countText(const std::string& field, const std::string& municipality = "Leiden",
                      const std::string& period = "") {
  const BriefingContext ctx(datasetWithCounts(), municipality, period, "2026-11-25");
  return std::get<TextSpec>(resolveField(fields::parseField(field), ctx)).text;
}

}  // namespace

TEST_CASE("Briefing: small counts are words in running text, never in tables or next to large numbers",
          "[briefing][phrases]") {
  CHECK(countText("{{cijfer aanbieders}}") == "drie");
  CHECK(countText("{{cijfer aanbieders regio=jeugdregio}}") == "45");
  CHECK(countText("{{ontwikkeling aanbieders}}") == "gedaald van veertien in 2022 naar drie in 2023");
  CHECK(countText("{{ontwikkeling aanbieders van=2021 regio=jeugdregio}}") ==
        "gestegen van 40 in 2021 naar 45 in 2023");
  CHECK(countText("{{vergelijking aanbieders}}") == "lager dan landelijk (3 tegen 3.150)");  // not "drie tegen 3.150"
  CHECK(countText("{{vergelijking aanbieders}}", "Zoeterwoude") == "lager dan landelijk (3 tegen 3.150)");
  CHECK(countText("{{verschil aanbieders}}", "Zoeterwoude", "2021") == "2.998 lager dan landelijk");
  CHECK(countText("{{verschil aanbieders met=jeugdregio}}", "Leiden", "2023") == "42 lager dan in de jeugdregio");
  const BriefingContext ctx(datasetWithCounts(), "Leiden", "", "2026-11-25");
  const auto t =
      std::get<TableSpec>(resolveField(fields::parseField("{{tabel vergelijking indicatoren=aanbieders}}"), ctx));
  CHECK(t.cells[1] == std::vector<std::string>{"Jeugdhulpaanbieders", "3", "45", "3.150", "\u22123.147"});
}

TEST_CASE("Briefing: cijfer vorm=afgerond rounds like a newspaper, a secret figure stays a dash",
          "[briefing][phrases][rounded]") {
  CHECK(textOf("{{cijfer jeugdhulp vorm=afgerond}}") == "12 procent");
  CHECK(textOf("{{cijfer jeugdhulp vorm=exact}}") == "12,3%");
  CHECK(textOf("{{cijfer jeugdreclassering vorm=afgerond}}") == "minder dan 1 procent");
  CHECK(textOf("{{cijfer jeugdreclassering vorm=afgerond}}", "Zoeterwoude") == "\u2013");
  CHECK(textOf("{{cijfer kosten vorm=afgerond}}") == "\u20ac\u00a010.000");
  CHECK(countText("{{cijfer aanbieders vorm=afgerond}}") == "drie");
  CHECK(countText("{{cijfer aanbieders regio=nederland vorm=afgerond}}") == "3.200");
  CHECK_THAT(errorOf("{{cijfer jeugdhulp vorm=rond}}"), Catch::Contains("vorm=") && Catch::Contains("afgerond"));
}

TEST_CASE("Briefing: rates per 1.000 jongeren in text, tables and charts", "[briefing][phrases]") {
  CHECK(countText("{{cijfer uithuisplaatsingen}}") == "4,0\u00a0per 1.000 jongeren");
  CHECK(countText("{{vergelijking uithuisplaatsingen}}") ==
        "lager dan landelijk (4,0\u00a0per 1.000 jongeren tegen 4,2\u00a0per 1.000 jongeren)");
  CHECK(countText("{{verschil uithuisplaatsingen}}") == "0,2\u00a0per 1.000 jongeren lager dan landelijk");
  CHECK(countText("{{oordeel uithuisplaatsingen}}") == "beter dan landelijk");
  CHECK(countText("{{ontwikkeling uithuisplaatsingen}}") ==
        "gedaald van 4,4\u00a0per 1.000 jongeren in 2022 naar 4,0\u00a0per 1.000 jongeren in 2023");
  const BriefingContext ctx(datasetWithCounts(), "Leiden", "", "2026-11-25");
  const auto t = std::get<TableSpec>(
      resolveField(fields::parseField("{{tabel vergelijking indicatoren=uithuisplaatsingen}}"), ctx));
  CHECK(t.cells[1] ==
        std::vector<std::string>{"Uithuisplaatsingen (per 1.000 jongeren)", "4,0", "4,0", "4,2", "\u22120,2"});
  const auto trend =
      std::get<TableSpec>(resolveField(fields::parseField("{{tabel ontwikkeling uithuisplaatsingen jaren=2}}"), ctx));
  CHECK(trend.cells[0] == std::vector<std::string>{"Uithuisplaatsingen (per 1.000 jongeren)", "2022", "2023*"});
  CHECK(trend.cells[1] == std::vector<std::string>{"Leiden", "4,4", "4,0"});
  const auto line =
      std::get<ChartSpec>(resolveField(fields::parseField("{{grafiek ontwikkeling uithuisplaatsingen}}"), ctx));
  CHECK(line.unit == model::Unit::PerThousandYouth);
  CHECK_THAT(line.title, Catch::StartsWith("Uithuisplaatsingen (per 1.000 jongeren), 2021"));
  CHECK(line.series[0].values[1] == Approx(4.4));
}
