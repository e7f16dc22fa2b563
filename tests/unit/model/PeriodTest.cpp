// Periods as CBS has them: years and half-years, their ids, order, status and words, and how a
// briefing compares a half-year with half-years and a year with years.
#include <catch2/catch.hpp>

#include "Error.hpp"
#include "data/DatasetReader.hpp"
#include "data/DatasetWriter.hpp"
#include "model/Period.hpp"
#include "plan/Briefing.hpp"

using namespace raadsbrief;
using namespace raadsbrief::model;

TEST_CASE("Period: ids as users and CBS write them are normalised", "[period]") {
  CHECK(normalisePeriodId("2025") == std::optional<std::string>("2025"));
  CHECK(normalisePeriodId("2025-H1") == std::optional<std::string>("2025-H1"));
  CHECK(normalisePeriodId(" 2025-h2 ") == std::optional<std::string>("2025-H2"));
  CHECK(normalisePeriodId("2025H1") == std::optional<std::string>("2025-H1"));
  CHECK(normalisePeriodId("2025HJ01") == std::optional<std::string>("2025-H1"));
  CHECK(normalisePeriodId("2025hj02") == std::optional<std::string>("2025-H2"));
  CHECK(normalisePeriodId("2025JJ00") == std::optional<std::string>("2025"));
  for (const char* bad : {"", "25", "2025-H3", "2025HJ03", "2025KW01", "2025MM01", "abcd", "2025-", "1800", "20250"})
    CHECK_FALSE(normalisePeriodId(bad).has_value());
}

TEST_CASE("Period: order by the date a period ends, a half-year before its year", "[period]") {
  CHECK(periodBefore("2022", "2023-H1"));
  CHECK(periodBefore("2023-H1", "2023-H2"));
  CHECK(periodBefore("2023-H2", "2023"));
  CHECK(periodBefore("2023", "2024-H1"));
  CHECK_FALSE(periodBefore("2023", "2023-H1"));
  CHECK_FALSE(periodBefore("2023", "2023"));
  CHECK(periodKind("2023-H2") == PeriodKind::HalfYear);
  CHECK(periodKind("2023") == PeriodKind::Year);
}

TEST_CASE("Period: the comparison rule is the same kind one year earlier", "[period]") {
  CHECK(sameKindYearEarlier("2023") == std::optional<std::string>("2022"));
  CHECK(sameKindYearEarlier("2023-H1") == std::optional<std::string>("2022-H1"));
  CHECK(sameKindYearEarlier("2023-H2") == std::optional<std::string>("2022-H2"));
}

TEST_CASE("Period: status and words", "[period]") {
  CHECK(parsePeriodStatus("Definitief") == PeriodStatus::Final);
  CHECK(parsePeriodStatus("Voorlopig") == PeriodStatus::Provisional);
  CHECK(parsePeriodStatus("Nader voorlopig") == PeriodStatus::FurtherProvisional);
  CHECK(statusMark(PeriodStatus::Provisional) == "*");
  CHECK(statusMark(PeriodStatus::FurtherProvisional) == "**");
  CHECK(toString(PeriodStatus::FurtherProvisional) == "nader voorlopig");
  CHECK(periodName("2025") == "2025");
  CHECK(periodName("2025-H1") == "het eerste halfjaar van 2025");
  CHECK(periodName("2025-H2") == "het tweede halfjaar van 2025");
  CHECK(periodShortLabel("2025-H1") == "1e halfjaar 2025");
  CHECK(Period::of("2025-H1", PeriodStatus::FurtherProvisional).marked() == "2025-H1**");
}

TEST_CASE("Period: in words with its status, as a council reads it", "[period]") {
  CHECK(statusWords(PeriodStatus::Final).empty());
  CHECK(statusWords(PeriodStatus::Provisional) == "voorlopige cijfers");
  CHECK(statusWords(PeriodStatus::FurtherProvisional) == "nader voorlopige cijfers");
  CHECK(periodPhrase("2025-H1", PeriodStatus::Provisional) == "in het eerste halfjaar van 2025 (voorlopige cijfers)");
  CHECK(periodPhrase("2024", PeriodStatus::FurtherProvisional) == "in 2024 (nader voorlopige cijfers)");
  CHECK(periodPhrase("2023-H2", PeriodStatus::Final) == "in het tweede halfjaar van 2023");
  CHECK(periodPhrase("2023", PeriodStatus::Final) == "in 2023");
  CHECK(periodHeading("2025-H1", PeriodStatus::Provisional) == "1e halfjaar 2025 (voorlopige cijfers)");
  CHECK(periodHeading("2024", PeriodStatus::FurtherProvisional) == "2024 (nader voorlopige cijfers)");
  CHECK(periodHeading("2023", PeriodStatus::Final) == "2023");
}

namespace {

// Years and half-years side by side, as CBS's tables have them; nader voorlopig for 2023.
const std::string kHalfYears = R"({
  "format": "raadsbrief-dataset", "version": 1,
  "source": {"name": "CBS StatLine", "demo": false, "retrieved": "2026-11-20"},
  "periods": [{"id": "2021-H1", "status": "definitief"}, {"id": "2021-H2", "status": "definitief"},
              {"id": "2021", "status": "definitief"},
              {"id": "2022-H1", "status": "definitief"}, {"id": "2022-H2", "status": "definitief"},
              {"id": "2022", "status": "definitief"},
              {"id": "2023-H1", "status": "nader voorlopig"}, {"id": "2023-H2", "status": "voorlopig"},
              {"id": "2023", "status": "voorlopig"}, {"id": "2024-H1", "status": "voorlopig"}],
  "indicators": [
    {"id": "jeugdhulp", "label": "Jongeren met jeugdhulp", "unit": "percent", "decimals": 1, "direction": "neutral"}
  ],
  "regions": [
    {"code": "NL01", "name": "Nederland", "kind": "land"},
    {"code": "GM0546", "name": "Leiden", "kind": "gemeente"},
    {"code": "GM0363", "name": "Amsterdam", "kind": "gemeente"}
  ],
  "observations": {
    "NL01":   {"jeugdhulp": {"2021-H1": 9.0, "2021-H2": 9.2, "2021": 11.0, "2022-H1": 9.4, "2022-H2": 9.6,
                             "2022": 11.5, "2023-H1": 9.8, "2023-H2": 9.9, "2023": 11.8, "2024-H1": 10.0}},
    "GM0546": {"jeugdhulp": {"2021-H1": 8.0, "2021-H2": 8.5, "2021": 10.0, "2022-H1": 8.6, "2022-H2": 8.9,
                             "2022": 10.4, "2023-H1": 9.1, "2023-H2": 9.0, "2023": 10.9, "2024-H1": 9.3}},
    "GM0363": {"jeugdhulp": {"2022": 12.0, "2023-H1": 10.1, "2023-H2": 10.2, "2023": 12.5}}
  }
})";

const model::Dataset& halfYears() {
  static const model::Dataset ds = data::readDataset(kHalfYears);
  return ds;
}

plan::Content resolve(const std::string& field, const std::string& period, const std::string& municipality = "Leiden") {
  const plan::BriefingContext ctx(halfYears(), municipality, period, "2026-11-25");
  return plan::resolveField(fields::parseField(field), ctx);
}

std::string text(const std::string& field, const std::string& period) {
  const auto c = resolve(field, period);
  REQUIRE(std::holds_alternative<plan::TextSpec>(c));
  return std::get<plan::TextSpec>(c).text;
}

}  // namespace

TEST_CASE("Period: the dataset format keeps half-years and nader voorlopig in order", "[period][dataset]") {
  const auto& ds = halfYears();
  REQUIRE(ds.periods().size() == 10);
  CHECK(ds.findPeriod("2023-H1")->status() == PeriodStatus::FurtherProvisional);
  CHECK(ds.findPeriod("2023")->status() == PeriodStatus::Provisional);
  const model::Dataset again = data::readDataset(data::writeDataset(ds));
  REQUIRE(again.periods().size() == ds.periods().size());
  for (std::size_t i = 0; i < ds.periods().size(); ++i) {
    CHECK(again.periods()[i].id == ds.periods()[i].id);
    CHECK(again.periods()[i].status() == ds.periods()[i].status());
  }
  CHECK(again.observation("GM0546", "jeugdhulp", "2023-H1").value == 9.1);
  // Out of order (a half-year after its year) and CBS's raw codes are not our format.
  std::string wrongOrder = kHalfYears;
  wrongOrder.replace(wrongOrder.find("{\"id\": \"2021-H2\""), 0, "{\"id\": \"2021\", \"status\": \"definitief\"}, ");
  CHECK_THROWS_WITH(data::readDataset(wrongOrder), Catch::Contains("oplopen"));
  std::string raw = kHalfYears;
  raw.replace(raw.find("\"2024-H1\", \"status\""), 9, "\"2024HJ01\"");
  CHECK_THROWS_WITH(data::readDataset(raw), Catch::Contains("2024HJ01"));
}

TEST_CASE("Period: --period accepts years, half-years, CBS codes and latest", "[period][briefing]") {
  const auto& ds = halfYears();
  CHECK(plan::findBriefingPeriod(ds, "GM0546", "2022")->id == "2022");
  CHECK(plan::findBriefingPeriod(ds, "GM0546", "2023-H1")->id == "2023-H1");
  CHECK(plan::findBriefingPeriod(ds, "GM0546", "2023HJ02")->id == "2023-H2");
  // Empty: the newest year, even with a newer half-year.
  CHECK(plan::findBriefingPeriod(ds, "GM0546", "")->id == "2023");
  // latest: the newest period with the municipality's figures, a half-year when it is newer.
  CHECK(plan::findBriefingPeriod(ds, "GM0546", "latest")->id == "2024-H1");
  // Amsterdam has no 2024-H1: its newest is the year 2023, which ends with 2023-H2.
  CHECK(plan::findBriefingPeriod(ds, "GM0363", "latest")->id == "2023");
  CHECK_THROWS_WITH(plan::findBriefingPeriod(ds, "GM0546", "2024"),
                    Catch::Contains("2024") && Catch::Contains("latest"));
  CHECK_THROWS_AS(plan::findBriefingPeriod(ds, "GM0546", "2023-H3"), Error);
}

TEST_CASE("Period: a half-year is compared with the same half-year a year earlier", "[period][briefing]") {
  CHECK(text("{{cijfer jeugdhulp}}", "2023-H1") == "9,1%");
  CHECK(text("{{cijfer jeugdhulp periode=vorige}}", "2023-H1") == "8,6%");  // 2022-H1, not 2022-H2 or 2022
  CHECK(text("{{cijfer jeugdhulp periode=vorige}}", "2023") == "10,4%");    // 2022
  CHECK(text("{{ontwikkeling jeugdhulp}}", "2023-H1") ==
        "gestegen van 8,6% in het eerste halfjaar van 2022 naar 9,1% in het eerste halfjaar van 2023");
  CHECK(text("{{ontwikkeling jeugdhulp}}", "2023-H2") ==
        "gestegen van 8,9% in het tweede halfjaar van 2022 naar 9,0% in het tweede halfjaar van 2023");
  CHECK(text("{{ontwikkeling jeugdhulp}}", "2023") == "gestegen van 10,4% in 2022 naar 10,9% in 2023");
  CHECK(text("{{ontwikkeling jeugdhulp van=2021HJ01}}", "2023-H1") ==
        "gestegen van 8,0% in het eerste halfjaar van 2021 naar 9,1% in het eerste halfjaar van 2023");
  CHECK(text("{{ontwikkeling jeugdhulp}}", "2021-H1") ==
        "niet te volgen, omdat er geen cijfers van vóór het eerste halfjaar van 2021 zijn");
  // A year is never compared with a half-year.
  CHECK_THROWS_WITH(resolve("{{ontwikkeling jeugdhulp van=2022}}", "2023-H1"), Catch::Contains("halfjaar"));
  CHECK_THROWS_WITH(resolve("{{ontwikkeling jeugdhulp van=2022-H1}}", "2023"), Catch::Contains("een jaar"));
}

TEST_CASE("Period: trend tables and charts keep to one kind of period", "[period][briefing]") {
  const auto table = std::get<plan::TableSpec>(resolve("{{tabel ontwikkeling jeugdhulp jaren=3}}", "2023-H1"));
  REQUIRE(table.cells.front().size() == 4);
  CHECK(table.cells[0][1] == "1e halfjaar 2022");
  CHECK(table.cells[0][2] == "2e halfjaar 2022");
  CHECK(table.cells[0][3] == "1e halfjaar 2023**");
  CHECK(table.cells[1][3] == "9,1%");
  CHECK_THAT(table.source, Catch::Contains("** nader voorlopig cijfer."));
  const auto years = std::get<plan::TableSpec>(resolve("{{tabel ontwikkeling jeugdhulp}}", "2023"));
  REQUIRE(years.cells.front().size() == 4);  // 2021, 2022, 2023*: no half-year among them
  CHECK(years.cells[0][1] == "2021");
  CHECK(years.cells[0][3] == "2023*");
  CHECK_THAT(years.source, Catch::Contains("2021\u20132023*") && Catch::Contains("* voorlopig cijfer."));
  const auto chart = std::get<plan::ChartSpec>(resolve("{{grafiek ontwikkeling jeugdhulp}}", "2024-H1"));
  // The last five half-years up to 2024-H1, never a year among them.
  CHECK(chart.categories == std::vector<std::string>{"1e halfjaar 2022", "2e halfjaar 2022", "1e halfjaar 2023**",
                                                     "2e halfjaar 2023*", "1e halfjaar 2024*"});
}

TEST_CASE("Period: titles and captions name half-years and provisional figures in words", "[period][briefing]") {
  // Chart titles: the status in words, not only a mark.
  const auto line = std::get<plan::ChartSpec>(resolve("{{grafiek ontwikkeling jeugdhulp jaren=3}}", "2023-H2"));
  CHECK(line.title ==
        "Jongeren met jeugdhulp, 2e halfjaar 2022\u20132e halfjaar 2023 (nader voorlopige cijfers: 1e halfjaar 2023; "
        "voorlopige cijfers: 2e halfjaar 2023)");
  const auto bars = std::get<plan::ChartSpec>(resolve("{{grafiek vergelijking}}", "2023-H1"));
  CHECK(bars.title == "Leiden en Nederland, 1e halfjaar 2023 (nader voorlopige cijfers)");
  const auto yearly = std::get<plan::ChartSpec>(resolve("{{grafiek vergelijking}}", "2022"));
  CHECK(yearly.title == "Leiden en Nederland, 2022");
  // Captions: a half-year as a council reads it, never its code.
  const auto table = std::get<plan::TableSpec>(resolve("{{tabel ontwikkeling jeugdhulp jaren=2}}", "2023-H1"));
  CHECK_THAT(table.source, Catch::Contains("2e halfjaar 2022\u20131e halfjaar 2023**") && !Catch::Contains("2023-H1") &&
                               Catch::Contains("** nader voorlopig cijfer."));
  CHECK_THAT(table.title, Catch::EndsWith("2e halfjaar 2022\u20131e halfjaar 2023 (nader voorlopige cijfers: 1e "
                                          "halfjaar 2023)"));
  const plan::BriefingContext ctx(halfYears(), "Leiden", "2023-H1", "2026-11-25");
  CHECK_THAT(plan::sourceNote(ctx), Catch::Contains("Cijfers 1e halfjaar 2021\u20131e halfjaar 2024") &&
                                        Catch::Contains("** nader voorlopig cijfer (1e halfjaar 2023)") &&
                                        !Catch::Contains("-H"));
}

TEST_CASE("Period: {{periode}} in words, short, as a code and with its status", "[period][briefing]") {
  CHECK(text("{{periode}}", "2023-H1") == "het eerste halfjaar van 2023");
  CHECK(text("{{periode}}", "2022") == "2022");
  CHECK(text("{{periode vorm=kort}}", "2023-H2") == "2e halfjaar 2023");
  CHECK(text("{{periode vorm=code}}", "2023-H2") == "2023-H2");
  CHECK(text("{{periode status=ja}}", "2023-H1") == "het eerste halfjaar van 2023 (nader voorlopige cijfers)");
  CHECK(text("{{periode status=ja}}", "2023") == "2023 (voorlopige cijfers)");
  CHECK(text("{{periode status=ja}}", "2022") == "2022");
  CHECK_THROWS_WITH(resolve("{{periode vorm=lang}}", "2023"), Catch::Contains("vorm="));
  // vorm=zin: the whole phrase, status included unless status=nee.
  CHECK(text("{{periode vorm=zin}}", "2023-H2") == "in het tweede halfjaar van 2023 (voorlopige cijfers)");
  CHECK(text("{{periode vorm=zin}}", "2023-H1") == "in het eerste halfjaar van 2023 (nader voorlopige cijfers)");
  CHECK(text("{{periode vorm=zin}}", "2022") == "in 2022");
  CHECK(text("{{periode vorm=zin status=nee}}", "2023") == "in 2023");
  const plan::BriefingContext ctx(halfYears(), "Leiden", "2023-H1", "2026-11-25");
  CHECK(plan::documentTitle("Raadsbrief", ctx) == "Raadsbrief \u2013 Leiden, 1e halfjaar 2023");
}

namespace {

// CBS's 2021 break: jeugdhulp is one series from 2021 on (2015–2020 counted differently);
// jeugdreclassering has no break, to show the rule follows the indicator.
const std::string kBreak = R"({
  "format": "raadsbrief-dataset", "version": 1,
  "source": {"name": "CBS StatLine", "demo": false},
  "periods": [{"id": "2019", "status": "definitief"}, {"id": "2020", "status": "definitief"},
              {"id": "2021", "status": "definitief"}, {"id": "2022", "status": "definitief"}],
  "indicators": [
    {"id": "jeugdhulp", "label": "Jongeren met jeugdhulp", "unit": "percent", "decimals": 1, "direction": "neutral",
     "series_start": "2021"},
    {"id": "jeugdreclassering", "label": "Jongeren met jeugdreclassering", "unit": "percent", "decimals": 1,
     "direction": "neutral"}
  ],
  "regions": [{"code": "NL01", "name": "Nederland", "kind": "land"},
              {"code": "GM0546", "name": "Leiden", "kind": "gemeente"}],
  "observations": {
    "NL01":   {"jeugdhulp": {"2019": 10.0, "2020": 10.2, "2021": 12.0, "2022": 12.4},
               "jeugdreclassering": {"2019": 0.3, "2020": 0.3, "2021": 0.3, "2022": 0.2}},
    "GM0546": {"jeugdhulp": {"2019": 9.0, "2020": 9.5, "2021": 11.0, "2022": 11.5},
               "jeugdreclassering": {"2019": 0.4, "2020": 0.3, "2021": 0.3, "2022": 0.2}}
  }
})";

plan::Content resolveBreak(const std::string& field, const std::string& period) {
  static const model::Dataset ds = data::readDataset(kBreak);
  const plan::BriefingContext ctx(ds, "Leiden", period, "2026-11-25");
  return plan::resolveField(fields::parseField(field), ctx);
}

std::string breakText(const std::string& field, const std::string& period) {
  return std::get<plan::TextSpec>(resolveBreak(field, period)).text;
}

}  // namespace

TEST_CASE("Period: a trend never runs across the 2021 break", "[period][break]") {
  // ontwikkeling: 2021 is not compared with 2020, nor 2022 with van=2019.
  CHECK(breakText("{{ontwikkeling jeugdhulp}}", "2021") ==
        "niet te vergelijken met 2020, omdat CBS de cijfers sinds 2021 anders telt (trendbreuk)");
  CHECK(breakText("{{ontwikkeling jeugdhulp van=2019}}", "2022") ==
        "niet te vergelijken met 2019, omdat CBS de cijfers sinds 2021 anders telt (trendbreuk)");
  CHECK(breakText("{{ontwikkeling jeugdhulp}}", "2022") == "gestegen van 11,0% in 2021 naar 11,5% in 2022");
  CHECK(breakText("{{ontwikkeling jeugdhulp}}", "2020") == "gestegen van 9,0% in 2019 naar 9,5% in 2020");
  CHECK(breakText("{{ontwikkeling jeugdreclassering}}", "2021") == "sinds 2020 gelijk gebleven op 0,3%");

  // The trend table starts at 2021 and says why.
  const auto table = std::get<plan::TableSpec>(resolveBreak("{{tabel ontwikkeling jeugdhulp}}", "2022"));
  CHECK(table.cells[0] == std::vector<std::string>{"Jongeren met jeugdhulp", "2021", "2022"});
  CHECK_THAT(table.note, Catch::Contains("vóór 2021") && Catch::Contains("trendbreuk"));
  CHECK_THAT(table.title, Catch::EndsWith(", 2021\u20132022"));
  // A year before the break: the older series alone, no note.
  const auto old = std::get<plan::TableSpec>(resolveBreak("{{tabel ontwikkeling jeugdhulp}}", "2020"));
  CHECK(old.cells[0] == std::vector<std::string>{"Jongeren met jeugdhulp", "2019", "2020"});
  CHECK(old.note.find("trendbreuk") == std::string::npos);
  // The line chart likewise; an indicator without a break keeps all its years.
  const auto chart = std::get<plan::ChartSpec>(resolveBreak("{{grafiek ontwikkeling jeugdhulp}}", "2022"));
  CHECK(chart.categories == std::vector<std::string>{"2021", "2022"});
  CHECK_THAT(chart.note, Catch::Contains("trendbreuk"));
  const auto other = std::get<plan::ChartSpec>(resolveBreak("{{grafiek ontwikkeling jeugdreclassering}}", "2022"));
  CHECK(other.categories == std::vector<std::string>{"2019", "2020", "2021", "2022"});
  CHECK(other.note.empty());
}

TEST_CASE("Period: the series start survives the dataset format", "[period][break][dataset]") {
  const model::Dataset ds = data::readDataset(kBreak);
  CHECK(ds.findIndicator("jeugdhulp")->seriesStart == "2021");
  const model::Dataset again = data::readDataset(data::writeDataset(ds));
  CHECK(again.findIndicator("jeugdhulp")->seriesStart == "2021");
  CHECK(again.findIndicator("jeugdreclassering")->seriesStart.empty());
  std::string bad = kBreak;
  const std::string start = "\"series_start\": \"2021\"";
  bad.replace(bad.find(start), start.size(), "\"series_start\": \"2021-H1\"");
  CHECK_THROWS_WITH(data::readDataset(bad), Catch::Contains("series_start"));
}

TEST_CASE("Period: a trend of fewer than two periods is left out, never a one-point trend", "[period][briefing]") {
  // The first half-year of the series: no earlier half-year to draw a trend from.
  for (const std::string field : {"{{tabel ontwikkeling jeugdhulp}}", "{{grafiek ontwikkeling jeugdhulp}}"}) {
    INFO(field);
    try {
      (void)resolve(field, "2021-H1");
      FAIL("a one-point trend was made");
    } catch (const plan::MissingFigure& e) {
      CHECK(e.subject() == "de ontwikkeling van jongeren met jeugdhulp");
      CHECK(e.reason() ==
            "er zijn cijfers van maar één halfjaar (het eerste halfjaar van 2021); een halfjaar wordt alleen met "
            "halfjaren vergeleken");
    }
  }
  // Two half-years are a trend.
  const auto two = std::get<plan::TableSpec>(resolve("{{tabel ontwikkeling jeugdhulp}}", "2021-H2"));
  CHECK(two.cells[0] == std::vector<std::string>{"Jongeren met jeugdhulp", "1e halfjaar 2021", "2e halfjaar 2021"});

  // In a plan: the lone trend table is not filled and the user is told what was left out.
  const plan::BriefingContext ctx(halfYears(), "Leiden", "2021-H1", "2026-11-25");
  plan::FieldOccurrence lone{"{{tabel ontwikkeling jeugdhulp}}", ""};
  lone.paragraphStart = true;
  lone.paragraphEnd = true;
  const auto plan = plan::planBriefing({{"{{gemeente}}", ""}, lone}, ctx);
  CHECK(plan.actions[0] == plan::FieldAction::Fill);
  CHECK(plan.actions[1] != plan::FieldAction::Fill);
  REQUIRE(plan.omitted.size() == 1);
  CHECK_THAT(plan.omitted[0],
             Catch::Contains("de ontwikkeling van jongeren met jeugdhulp") && Catch::Contains("maar één halfjaar"));
  CHECK_THROWS_AS(plan::planBriefing({lone}, ctx, true), Error);  // strict: an error
}

TEST_CASE("Period: a year's trend with one year still shows it, with the break note", "[period][break]") {
  const auto chart = std::get<plan::ChartSpec>(resolveBreak("{{grafiek ontwikkeling jeugdhulp}}", "2021"));
  CHECK(chart.categories == std::vector<std::string>{"2021"});
  CHECK_THAT(chart.note, Catch::Contains("trendbreuk"));
}
