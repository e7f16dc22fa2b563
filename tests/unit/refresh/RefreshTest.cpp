#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

#include "Error.hpp"
#include "TestData.hpp"
#include "data/DatasetReader.hpp"
#include "refresh/Refresh.hpp"

using namespace raadsbrief;
using namespace raadsbrief::refresh;

namespace {

const char* kToday = "2026-11-25";

model::Dataset oldData() { return data::readDataset(test::kSmallDataset); }

/// The same figures a quarter later: 2024 appeared, 2023 was corrected.
model::Dataset newData() {
  model::Dataset ds = oldData();
  ds.addPeriod({"2024", true});
  ds.setObservation("GM0546", "jeugdhulp", "2023", model::Observation::of(12.4));  // correction
  ds.setObservation("GM0546", "jeugdhulp", "2024", model::Observation::of(11.1));
  ds.setObservation("JR0001", "jeugdhulp", "2024", model::Observation::of(12.0));
  ds.setObservation("NL01", "jeugdhulp", "2024", model::Observation::of(11.9));
  ds.setObservation("GM0546", "kosten", "2024", model::Observation::of(10500));
  ds.setObservation("JR0001", "kosten", "2024", model::Observation::of(8700));
  ds.setObservation("NL01", "kosten", "2024", model::Observation::of(8900));
  return ds;
}

plan::Content resolve(const model::Dataset& ds, const std::string& field, const std::string& period = "") {
  return plan::resolveField(fields::parseField(field), plan::BriefingContext(ds, "GM0546", period, kToday));
}

/// A record as generate() writes it, and what the document shows right after generation.
struct Generated {
  DocumentRecord record;
  std::vector<std::optional<plan::Content>> shown;
};

Generated generate(const model::Dataset& ds, const std::vector<std::string>& fieldTexts,
                   const std::string& period = "") {
  Generated g;
  g.record.created = "2026-08-01";
  for (const auto& f : fieldTexts) {
    const plan::Content c = resolve(ds, f, period);
    g.record.bindings.push_back(
        {g.record.newId("Raadsbrief_"), kindOf(c), f, "GM0546", period, fingerprint(c), {}, {}, {}});
    noteShown(g.record.bindings.back(), c, ds);
    g.shown.emplace_back(c);
  }
  return g;
}

plan::Content tableOf(std::vector<std::vector<std::string>> cells) {
  plan::TableSpec t;
  t.cells = std::move(cells);
  t.numericColumns.assign(t.cells.front().size(), false);
  return t;
}

std::string text(const plan::Content& c) { return std::get<plan::TextSpec>(c).text; }

}  // namespace

TEST_CASE("Refresh: the record survives a round trip through its JSON", "[refresh]") {
  DocumentRecord r;
  r.source = "bundled\nhttp://127.0.0.1:1/api/v1";
  r.created = "2026-08-01";
  r.refreshed = "2026-11-25";
  r.refreshedFrom = "Bron: Testbron, \"opgehaald\" 20 november 2026";
  r.bindings.push_back({"Raadsbrief_1", BindingKind::Text, "{{cijfer jeugdhulp}}", "GM0546", "", "00ff", "ee11",
                        "2023-H1", "nader voorlopig"});
  r.bindings.push_back(
      {"Raadsbrief_tabel_1", BindingKind::Table, "{{tabel vergelijking}}", "GM0546", "2022", "abcd", "", "2022", ""});
  r.bindings.push_back({"Raadsbrief_grafiek_1", BindingKind::Chart, "{{grafiek ontwikkeling jeugdhulp}}", "GM0638", "",
                        "1234", "", "", ""});
  const DocumentRecord back = parseRecord(toJson(r));
  CHECK(back.source == r.source);
  CHECK(back.created == r.created);
  CHECK(back.refreshed == r.refreshed);
  CHECK(back.refreshedFrom == r.refreshedFrom);
  REQUIRE(back.bindings.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(back.bindings[i].id == r.bindings[i].id);
    CHECK(back.bindings[i].kind == r.bindings[i].kind);
    CHECK(back.bindings[i].field == r.bindings[i].field);
    CHECK(back.bindings[i].municipality == r.bindings[i].municipality);
    CHECK(back.bindings[i].period == r.bindings[i].period);
    CHECK(back.bindings[i].fingerprint == r.bindings[i].fingerprint);
    CHECK(back.bindings[i].previousFingerprint == r.bindings[i].previousFingerprint);
    CHECK(back.bindings[i].shownPeriod == r.bindings[i].shownPeriod);
    CHECK(back.bindings[i].shownStatus == r.bindings[i].shownStatus);
  }
  CHECK(back.newId("Raadsbrief_") == "Raadsbrief_2");
  CHECK(back.newId("Raadsbrief_tabel_") == "Raadsbrief_tabel_2");
}

TEST_CASE("Refresh: a document's municipalities, each once, in the order of their first binding", "[refresh]") {
  DocumentRecord record;
  CHECK(documentMunicipalities(record).empty());
  for (const char* code : {"GM0546", "GM0014", "GM0546", "GM0518", "GM0014"}) {
    Binding b;
    b.id = record.newId("Raadsbrief_");
    b.municipality = code;
    record.bindings.push_back(b);
  }
  CHECK(documentMunicipalities(record) == std::vector<std::string>{"GM0546", "GM0014", "GM0518"});
}

TEST_CASE("Refresh: a damaged record is a clear error, not a crash", "[refresh][errors]") {
  CHECK_THROWS_WITH(parseRecord("{kapot"), Catch::Contains("beschadigd"));
  CHECK_THROWS_WITH(parseRecord("[]"), Catch::Contains("beschadigd"));
  CHECK_THROWS_WITH(parseRecord(R"({"versie": 9, "koppelingen": []})"), Catch::Contains("versie 9"));
  CHECK_THROWS_WITH(parseRecord(R"({"versie": 1})"), Catch::Contains("geen koppelingen"));
  CHECK_THROWS_WITH(parseRecord(R"({"versie": 1, "koppelingen": [{"id": "a", "veld": "x", "gemeente": "g"},
                                                                {"id": "a", "veld": "y", "gemeente": "g"}]})"),
                    Catch::Contains("dubbele id 'a'"));
  CHECK_THROWS_WITH(
      parseRecord(R"({"versie": 1, "koppelingen": [{"id": "a", "soort": "film", "veld": "x", "gemeente": "g"}]})"),
      Catch::Contains("film"));
  try {
    (void)parseRecord(R"({"versie": 1, "koppelingen": [{"id": 3}]})");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Data);
  }
}

TEST_CASE("Refresh: fingerprints see every visible change and nothing else", "[refresh]") {
  const auto ds = oldData();
  const plan::Content a = resolve(ds, "{{cijfer jeugdhulp}}");
  CHECK(fingerprint(a) == fingerprint(resolve(ds, "{{cijfer jeugdhulp}}")));
  CHECK(fingerprint(a) != fingerprint(plan::TextSpec{"12,4%", {}}));
  CHECK(fingerprint(plan::TextSpec{"ab", {}}) != fingerprint(tableOf({{"ab"}})));
  const plan::Content table = resolve(ds, "{{tabel vergelijking indicatoren=jeugdhulp,kosten}}");
  auto edited = std::get<plan::TableSpec>(table);
  edited.cells[1][1] = "12,0%";
  CHECK(fingerprint(table) != fingerprint(edited));
  edited = std::get<plan::TableSpec>(table);
  edited.title = "another alt text";  // not shown in a cell
  CHECK(fingerprint(table) == fingerprint(edited));
  const plan::Content chart = resolve(ds, "{{grafiek ontwikkeling jeugdhulp}}");
  auto moved = std::get<plan::ChartSpec>(chart);
  moved.series[0].values[0] = 99.0;
  CHECK(fingerprint(chart) != fingerprint(moved));
  moved = std::get<plan::ChartSpec>(chart);
  moved.series[0].values[0] = std::nullopt;  // a gap is not a zero
  auto zero = std::get<plan::ChartSpec>(chart);
  zero.series[0].values[0] = 0.0;
  CHECK(fingerprint(moved) != fingerprint(zero));
}

TEST_CASE("Refresh: latest-period bindings move to the newest period, pinned ones only get corrections", "[refresh]") {
  const auto before = oldData();
  const auto after = newData();
  const std::vector<std::string> fields{"{{cijfer jeugdhulp}}", "{{periode}}", "{{gemeente}}"};
  const Generated latest = generate(before, fields);
  const Generated pinned = generate(before, fields, "2023");

  const RefreshPlan a = planRefresh(latest.record, latest.shown, after, kToday);
  REQUIRE(a.changes.size() == 3);
  CHECK(a.changes[0].status == Status::Updated);
  CHECK(a.changes[0].before == "12,3%");
  CHECK(a.changes[0].after == "11,1%");
  CHECK(text(*a.contents[0]) == "11,1%");
  CHECK(a.changes[1].status == Status::Updated);
  CHECK(a.changes[1].after.find("2024") != std::string::npos);
  CHECK(a.changes[2].status == Status::Unchanged);
  CHECK_FALSE(a.contents[2]);
  CHECK(a.record.refreshed == kToday);
  CHECK(a.record.refreshedFrom.find("Testbron") != std::string::npos);
  CHECK(a.record.bindings[0].fingerprint == fingerprint(*a.contents[0]));
  CHECK(a.record.bindings[0].previousFingerprint == latest.record.bindings[0].fingerprint);

  const RefreshPlan p = planRefresh(pinned.record, pinned.shown, after, kToday);
  CHECK(p.changes[0].status == Status::Updated);
  CHECK(p.changes[0].after == "12,4%");  // the corrected 2023 figure, not 2024
  CHECK(p.changes[1].status == Status::Unchanged);
  CHECK(p.count(Status::Updated) == 1);
}

TEST_CASE("Refresh: a figure overtyped by hand is kept and listed, a deleted one is listed", "[refresh]") {
  const auto after = newData();
  Generated g = generate(oldData(), {"{{cijfer jeugdhulp}}", "{{cijfer kosten}}", "{{cijfer jeugdreclassering}}"});
  g.shown[0] = plan::TextSpec{"ruim 12%", {}};  // the user rewrote it
  g.shown[2] = std::nullopt;                    // the user deleted it
  const RefreshPlan plan = planRefresh(g.record, g.shown, after, kToday);
  CHECK(plan.changes[0].status == Status::KeptByUser);
  CHECK(plan.changes[0].before == "ruim 12%");
  CHECK_FALSE(plan.contents[0]);
  CHECK(plan.record.bindings[0].fingerprint == g.record.bindings[0].fingerprint);  // still detects the edit next time
  CHECK(plan.changes[1].status == Status::Updated);
  CHECK(plan.changes[2].status == Status::Missing);
  const auto lines = describe(plan.changes);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "jongeren met jeugdhulp: \"ruim 12%\" — u heeft dit cijfer zelf aangepast; het is niet bijgewerkt");
  INFO(lines[1]);
  CHECK_THAT(lines[1], Catch::StartsWith("kosten per hulptraject: €") && Catch::Contains("10.235 → €") &&
                           Catch::EndsWith("10.500 (nieuwe periode: 2023 → 2024)"));
  CHECK(lines[2] == "jongeren met jeugdreclassering: dit cijfer staat niet meer in het document");
  CHECK(lines[3] == "1 bijgewerkt, 0 ongewijzigd, 1 met de hand gewijzigd, 1 verdwenen");
}

TEST_CASE("Refresh: an undone refresh is not mistaken for a hand edit", "[refresh]") {
  const auto after = newData();
  const Generated g = generate(oldData(), {"{{cijfer jeugdhulp}}"});
  const RefreshPlan first = planRefresh(g.record, g.shown, after, kToday);
  REQUIRE(first.changes[0].status == Status::Updated);
  // The user pressed Undo: the document shows the old figure, the record (outside Undo) the new one.
  const RefreshPlan again = planRefresh(first.record, g.shown, after, kToday);
  CHECK(again.changes[0].status == Status::Updated);
  CHECK(again.changes[0].after == "11,1%");
  // Refreshing a refreshed document with the same figures changes nothing.
  const RefreshPlan same = planRefresh(first.record, {first.contents[0]}, after, kToday);
  CHECK(same.changes[0].status == Status::Unchanged);
}

TEST_CASE("Refresh: a bookmark a Word round trip moved is repaired, a hand edit is not", "[refresh][docx]") {
  const Generated g = generate(oldData(), {"{{gemeente}}", "{{cijfer jeugdhulp}}"});
  const Binding& place = g.record.bindings[0];
  REQUIRE(text(*g.shown[0]) == "Leiden");
  CHECK(showsWhatWasWritten(place, *g.shown[0]));
  CHECK_FALSE(showsWhatWasWritten(place, plan::TextSpec{"Leide", {}}));

  // The shifts, nearest first; the one LibreOffice 7.4 makes (the end one to the left) comes first.
  const auto& shifts = bookmarkShifts();
  REQUIRE_FALSE(shifts.empty());
  CHECK(shifts.front().start == 0);
  CHECK(shifts.front().end == 1);
  for (std::size_t i = 1; i < shifts.size(); ++i)
    CHECK(std::abs(shifts[i - 1].start) + std::abs(shifts[i - 1].end) <=
          std::abs(shifts[i].start) + std::abs(shifts[i].end));

  // What the document shows around "Leide" (the bookmark after a footnote, ended one early):
  // the candidate that widens the end by one shows "Leiden".
  std::vector<std::optional<std::string>> shifted(shifts.size());
  for (std::size_t i = 0; i < shifts.size(); ++i) {
    const std::string around = "In Leiden kreeg";  // "Leide" starts at 3
    const int start = 3 + shifts[i].start, end = 8 + shifts[i].end;
    if (start >= 0 && end <= static_cast<int>(around.size()) && start < end)
      shifted[i] = around.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
  }
  const auto repaired = repairedShift(place, shifted);
  REQUIRE(repaired);
  CHECK(*shifted[*repaired] == "Leiden");
  CHECK(shifts[*repaired].start == 0);
  CHECK(shifts[*repaired].end == 1);

  // Twice round: two characters early.
  std::vector<std::optional<std::string>> twice(shifts.size());
  for (std::size_t i = 0; i < shifts.size(); ++i)
    if (shifts[i].start == 0 && shifts[i].end == 2) twice[i] = "Leiden";
  CHECK(repairedShift(place, twice));

  // A figure the user overtyped matches no shift: it stays a hand edit.
  const Binding& figure = g.record.bindings[1];
  std::vector<std::optional<std::string>> edited(shifts.size(), std::optional<std::string>("ruim 12%"));
  CHECK_FALSE(repairedShift(figure, edited));
  // Nothing to try (every shift impossible), or an empty text: no repair.
  CHECK_FALSE(repairedShift(place, std::vector<std::optional<std::string>>(shifts.size())));
  CHECK_FALSE(repairedShift(place, {std::string()}));
}

TEST_CASE("Refresh: phrases that flip their wording are flagged", "[refresh]") {
  const auto after = newData();
  const Generated g = generate(oldData(), {"{{ontwikkeling jeugdhulp}}", "{{vergelijking jeugdhulp met=nederland}}"});
  const RefreshPlan plan = planRefresh(g.record, g.shown, after, kToday);
  REQUIRE(plan.changes[0].status == Status::Updated);
  INFO(plan.changes[0].before << " → " << plan.changes[0].after);
  CHECK_FALSE(plan.changes[0].wordingChanged);  // fell 2022→2023 and fell again 2023→2024: only numbers change
  CHECK(plan.changes[0].after.find("11,1%") != std::string::npos);
  REQUIRE(plan.changes[1].status == Status::Updated);
  INFO(plan.changes[1].before << " → " << plan.changes[1].after);
  CHECK(plan.changes[1].wordingChanged);  // higher than the country (12,3 vs 11,8) → lower (11,1 vs 11,9)
}

TEST_CASE("Refresh: tables and charts list their changed cells and points", "[refresh]") {
  const auto after = newData();
  const Generated g = generate(
      oldData(),
      {"{{tabel vergelijking indicatoren=jeugdhulp,kosten}}", "{{grafiek vergelijking indicatoren=jeugdhulp}}"},
      "2023");
  const RefreshPlan plan = planRefresh(g.record, g.shown, after, kToday);
  REQUIRE(plan.changes[0].status == Status::Updated);
  const auto& details = plan.changes[0].details;
  CHECK(std::count_if(details.begin(), details.end(),
                      [](const std::string& d) { return d.find("12,3% → 12,4%") != std::string::npos; }) == 1);
  CHECK(std::all_of(details.begin(), details.end(),
                    [](const std::string& d) { return d.rfind("Jongeren met jeugdhulp, ", 0) == 0; }));
  REQUIRE(plan.changes[1].status == Status::Updated);
  REQUIRE(plan.changes[1].details.size() == 1);
  CHECK(plan.changes[1].details[0].find("12,3 → 12,4") != std::string::npos);
  CHECK(std::holds_alternative<plan::TableSpec>(*plan.contents[0]));
  CHECK(std::holds_alternative<plan::ChartSpec>(*plan.contents[1]));
}

TEST_CASE("Refresh: bindings that cannot be made with the new figures stop the whole refresh", "[refresh][errors]") {
  Generated g = generate(oldData(), {"{{cijfer jeugdhulp}}", "{{cijfer kosten}}"});
  g.record.bindings[0].field = "{{cijfer verdwenen}}";
  g.record.bindings[1].period = "2019";
  try {
    (void)planRefresh(g.record, g.shown, newData(), kToday);
    FAIL("no error");
  } catch (const Error& e) {
    const std::string m = e.what();
    CHECK(m.find("2 van de 2 koppelingen") != std::string::npos);
    CHECK(m.find("niet gewijzigd") != std::string::npos);
    CHECK(m.find("{{cijfer verdwenen}} (Raadsbrief_1)") != std::string::npos);
    CHECK(m.find("(Raadsbrief_2)") != std::string::npos);
  }
  CHECK_FALSE(isBound(fields::parseField("{{datum}}")));
  for (Status st : {Status::Unchanged, Status::Updated, Status::KeptByUser, Status::Missing})
    CHECK(statusFromName(statusName(st)) == st);
  for (BindingKind k : {BindingKind::Text, BindingKind::Table, BindingKind::Chart})
    CHECK(kindFromName(kindName(k)) == k);
  CHECK(isBound(fields::parseField("{{cijfer jeugdhulp}}")));
}

namespace {

/// The small dataset as CBS would have it a while later: 2023 made final (and corrected in
/// Leiden when `corrected`), the source named as CBS's table.
model::Dataset revisedData(const std::string& status2023, std::optional<double> leiden2023) {
  std::string json = test::kSmallDataset;
  const std::string from = R"({"id": "2023", "status": "voorlopig"})";
  json.replace(json.find(from), from.size(), R"({"id": "2023", "status": ")" + status2023 + "\"}");
  model::Dataset ds = data::readDataset(json);
  ds.source.name = "CBS StatLine, tabel 85098NED";
  if (leiden2023) ds.setObservation("GM0546", "jeugdhulp", "2023", model::Observation::of(*leiden2023));
  return ds;
}

}  // namespace

TEST_CASE("Refresh: the record remembers the period and status shown, and older records still parse", "[refresh]") {
  const Generated g = generate(oldData(), {"{{cijfer jeugdhulp}}", "{{gemeente}}", "{{tabel ontwikkeling jeugdhulp}}"});
  CHECK(g.record.bindings[0].shownPeriod == "2023");
  CHECK(g.record.bindings[0].shownStatus == "voorlopig");
  CHECK(g.record.bindings[1].shownPeriod.empty());  // no figures in a name
  CHECK(g.record.bindings[2].shownPeriod == "2023");
  const std::string json = toJson(g.record);
  CHECK(json.find("\"getoondePeriode\":\"2023\"") != std::string::npos);
  CHECK(json.find("\"getoondeStatus\":\"voorlopig\"") != std::string::npos);

  // A record written before Raadsbrief remembered them: parses, and no revision is claimed.
  const DocumentRecord old = parseRecord(
      R"({"versie": 1, "bron": "bundled", "gemaakt": "2026-08-01", "koppelingen": [{"id": "Raadsbrief_1",
          "soort": "tekst", "veld": "{{cijfer jeugdhulp}}", "gemeente": "GM0546", "periode": "2023",
          "vingerafdruk": ")" +
      g.record.bindings[0].fingerprint + R"("}]})");
  REQUIRE(old.bindings.size() == 1);
  CHECK(old.bindings[0].shownPeriod.empty());
  CHECK(old.bindings[0].shownStatus.empty());
  const RefreshPlan plan = planRefresh(old, {g.shown[0]}, revisedData("definitief", 12.6), kToday);
  CHECK(plan.changes[0].status == Status::Updated);
  CHECK(plan.changes[0].revision.empty());
  CHECK(plan.record.bindings[0].shownPeriod == "2023");  // learnt for the next refresh
  CHECK(plan.record.bindings[0].shownStatus == "definitief");
}

TEST_CASE("Refresh: revisions by CBS are recognised and said", "[refresh]") {
  const Generated g =
      generate(oldData(), {"{{cijfer jeugdhulp}}", "{{cijfer kosten}}", "{{tabel vergelijking}}"}, "2023");

  SECTION("voorlopig → definitief with a new figure") {
    const RefreshPlan plan = planRefresh(g.record, g.shown, revisedData("definitief", 12.6), kToday);
    REQUIRE(plan.changes[0].status == Status::Updated);
    CHECK(plan.changes[0].revision == "herzien door CBS: voorlopig → definitief");
    // the same figure, now final: unchanged, but said
    CHECK(plan.changes[1].status == Status::Unchanged);
    CHECK(plan.changes[1].revision == "herzien door CBS: voorlopig → definitief");
    CHECK(plan.changes[2].status == Status::Updated);
    CHECK(plan.changes[2].revision == "herzien door CBS: voorlopig → definitief");
    CHECK(plan.record.bindings[0].shownStatus == "definitief");
    const auto lines = describe(plan.changes);
    CHECK(std::find(lines.begin(), lines.end(),
                    "jongeren met jeugdhulp: 12,3% → 12,6% (herzien door CBS: voorlopig → definitief)") != lines.end());
    CHECK(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
      return l.rfind("kosten per hulptraject: €", 0) == 0 &&
             l.find(" blijft gelijk (herzien door CBS: voorlopig → definitief)") != std::string::npos;
    }));
    // once refreshed, the same figures say nothing more
    std::vector<std::optional<plan::Content>> now = g.shown;
    for (std::size_t i = 0; i < now.size(); ++i)
      if (plan.contents[i]) now[i] = plan.contents[i];
    const RefreshPlan again = planRefresh(plan.record, now, revisedData("definitief", 12.6), kToday);
    CHECK(again.count(Status::Unchanged) == 3);
    CHECK(std::all_of(again.changes.begin(), again.changes.end(), [](const Change& c) { return c.revision.empty(); }));
  }
  SECTION("voorlopig → nader voorlopig") {
    const RefreshPlan plan = planRefresh(g.record, g.shown, revisedData("nader voorlopig", 12.5), kToday);
    CHECK(plan.changes[0].revision == "herzien door CBS: voorlopig → nader voorlopig");
  }
  SECTION("the same status, another figure for a period already shown") {
    const RefreshPlan plan = planRefresh(g.record, g.shown, revisedData("voorlopig", 12.5), kToday);
    CHECK(plan.changes[0].revision == "herzien door CBS: het cijfer over 2023 is aangepast");
    CHECK(plan.changes[1].status == Status::Unchanged);
    CHECK(plan.changes[1].revision.empty());
    CHECK(plan.changes[2].revision == "herzien door CBS: de cijfers over 2023 zijn aangepast");
  }
  SECTION("a source that is not CBS is not named CBS") {
    model::Dataset ds = revisedData("definitief", 12.6);
    ds.source.name = "Eigen cijfers";
    const RefreshPlan plan = planRefresh(g.record, g.shown, ds, kToday);
    CHECK(plan.changes[0].revision == "herzien door de bron: voorlopig → definitief");
  }
}

TEST_CASE("Refresh: a newer period is said as such, not as a revision", "[refresh]") {
  const Generated g = generate(oldData(), {"{{cijfer jeugdhulp}}"});  // the newest period: moves on
  const RefreshPlan plan = planRefresh(g.record, g.shown, newData(), kToday);
  REQUIRE(plan.changes[0].status == Status::Updated);
  CHECK(plan.changes[0].revision == "nieuwe periode: 2023 → 2024");
  CHECK(plan.record.bindings[0].shownPeriod == "2024");
}

TEST_CASE("Refresh: places and subjects in words", "[refresh]") {
  CHECK(paragraphOpening("In 2023 kreeg 12,3% van de jongeren in Leiden jeugdhulp.") ==
        "\"In 2023 kreeg 12,3% van de jongeren …\"");
  CHECK(paragraphOpening("  Kort\tgezegd:\n ja ") == "\"Kort gezegd: ja\"");
  CHECK(paragraphOpening("   ").empty());
  CHECK(paragraphOpening("Jeugdbeschermingsmaatregelenoverzichtsrapportage en jeugdreclasseringsmaatregelen "
                         "nemen toe") == "\"Jeugdbeschermingsmaatregelenoverzichtsrapportage en …\"");
  CHECK(numberedPlace(BindingKind::Table, 1) == "tabel 1");
  CHECK(numberedPlace(BindingKind::Chart, 2) == "figuur 2");

  const model::Dataset ds = oldData();
  CHECK(subjectOf("{{cijfer jeugdhulp}}", ds) == "jongeren met jeugdhulp");
  CHECK(subjectOf("{{cijfer jeugdhulp regio=jeugdregio}}", ds) == "jongeren met jeugdhulp in de jeugdregio");
  CHECK(subjectOf("{{vergelijking kosten met=jeugdregio}}", ds) ==
        "kosten per hulptraject, vergeleken met de jeugdregio");
  CHECK(subjectOf("{{ontwikkeling jeugdreclassering}}", ds) == "ontwikkeling van jongeren met jeugdreclassering");
  CHECK(subjectOf("{{tabel ontwikkeling jeugdhulp}}", ds) == "ontwikkeling van jongeren met jeugdhulp");
  CHECK(subjectOf("{{tabel vergelijking}}", ds) == "vergelijking van de cijfers");
  CHECK(subjectOf("{{gemeente}}", ds) == "de naam van de gemeente");
  CHECK(subjectOf("{{cijfer bestaatniet}}", ds) == "bestaatniet");
  CHECK(subjectOf("{{ kapot", ds) == "{{ kapot");
}

TEST_CASE("Refresh: the list is sorted by place in the document and says where", "[refresh]") {
  std::vector<Change> changes(4);
  changes[0] = {"Raadsbrief_tabel_1",
                BindingKind::Table,
                "{{tabel vergelijking}}",
                Status::Updated,
                "",
                "",
                false,
                {"Leiden, 2023: 12,3% → 12,4%"},
                "vergelijking van de cijfers",
                "",
                "tabel 1",
                2};
  changes[1] = {"Raadsbrief_2",
                BindingKind::Text,
                "{{cijfer jeugdreclassering}}",
                Status::KeptByUser,
                "0",
                "0",
                false,
                {},
                "jongeren met jeugdreclassering",
                "",
                "\"Het aantal jongeren …\"",
                1};
  changes[2] = {"Raadsbrief_1",
                BindingKind::Text,
                "{{cijfer jeugdhulp}}",
                Status::Updated,
                "12,3%",
                "12,6%",
                false,
                {},
                "jongeren met jeugdhulp",
                "herzien door CBS: voorlopig → definitief",
                "\"In 2023 kreeg …\"",
                0};
  changes[3] = {"Raadsbrief_grafiek_1",
                BindingKind::Chart,
                "{{grafiek ontwikkeling jeugdhulp}}",
                Status::Missing,
                "",
                "",
                false,
                {},
                "ontwikkeling van jongeren met jeugdhulp",
                "",
                "",
                -1};
  const auto lines = describe(changes);
  REQUIRE(lines.size() == 6);
  CHECK(lines[0] ==
        "\"In 2023 kreeg …\" — jongeren met jeugdhulp: 12,3% → 12,6% (herzien door CBS: voorlopig → "
        "definitief)");
  CHECK(lines[1] ==
        "\"Het aantal jongeren …\" — jongeren met jeugdreclassering: 0 — u heeft dit cijfer zelf aangepast; "
        "het is niet bijgewerkt");
  CHECK(lines[2] == "tabel 1 — vergelijking van de cijfers: bijgewerkt");
  CHECK(lines[3] == "  Leiden, 2023: 12,3% → 12,4%");
  CHECK(lines[4] == "ontwikkeling van jongeren met jeugdhulp: deze grafiek staat niet meer in het document");
  CHECK(lines[5] == "2 bijgewerkt, 0 ongewijzigd, 1 met de hand gewijzigd, 1 verdwenen");

  // Many unchanged figures that CBS made final: one line, not one each.
  std::vector<Change> final = changes;
  for (int i = 0; i < 4; ++i)
    final.push_back({"Raadsbrief_x" + std::to_string(i),
                     BindingKind::Text,
                     "{{cijfer jeugdhulp}}",
                     Status::Unchanged,
                     "1,0%",
                     "1,0%",
                     false,
                     {},
                     "jongeren met jeugdhulp",
                     "herzien door CBS: voorlopig → definitief",
                     "\"Tekst …\"",
                     10 + i});
  const auto many = describe(final);
  REQUIRE(many.size() == 7);
  CHECK(many[5] == "4 cijfers blijven gelijk (herzien door CBS: voorlopig → definitief)");
  final.resize(changes.size() + 1);
  const auto one = describe(final);
  REQUIRE(one.size() == 7);
  CHECK(one[4] ==
        "\"Tekst …\" — jongeren met jeugdhulp: 1,0% blijft gelijk (herzien door CBS: voorlopig → definitief)");

  RefreshPlan plan;
  plan.changes = changes;
  locate(plan, {{5, "figuur 1"}});  // one location: the others keep theirs
  CHECK(plan.changes[0].place == "figuur 1");
  CHECK(plan.changes[0].position == 5);
  CHECK(plan.changes[1].position == 1);
}
