// Issue 15's "done when", end to end: for a municipality of each youth-care region of regions.md,
// from CBS (the catalog replay at full breadth, fake_cbs.py --catalog --full, over 127.0.0.1) plus
// an own spreadsheet (.ods, converted by soffice from a flat ODS written here), the shipped
// templates are made by the real CLI against one listening soffice. Every raadsinformatiebrief
// (all five) is checked, and each of the other three templates for one or two of the places:
// a CBS figure equals the replay's in Dutch format, an own figure (satisfaction, waiting time)
// equals the sheet's, each keeps its own source note, the region table and chart have one row per
// member of the youth-care region plus the region and the Netherlands (12 for Holland Rijnland,
// 10 Haaglanden, 4 Zuid-Kennemerland, 6 Amsterdam-Amstelland, 7 Zaanstreek-Waterland), and the
// parts without figures (costs: the replay lacks the cost tables; own figures for Zaanstad, a
// waiting time for Zoetermeer; trajectories CBS keeps secret) are absent.
#include <catch2/catch.hpp>

#include <Poco/Process.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "FlatOds.hpp"
#include "OdfDocument.hpp"
#include "TestSupport.hpp"
#include "sources/Source.hpp"
#include "text/DutchFormat.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;
using namespace raadsbrief::test;

namespace {

constexpr const char* kSatisfactionSource = "Cli\u00ebntervaringsonderzoek jeugd 2023";
constexpr const char* kWaitingSource = "Wachttijdregistratie jeugdhulp";

/// A place of the test: a municipality, its youth-care region, the members the reference data
/// gives that region, its own figures in the sheet (none: not in the sheet), and the templates made
/// for it besides the raadsinformatiebrief.
struct Place {
  std::string code, name, region;
  std::size_t members;
  std::optional<double> satisfaction, regionSatisfaction, waiting;
  std::vector<std::string> others;
};

/// One municipality of each region of regions.md; every template is made for at least one.
const std::vector<Place> kPlaces{
    {"GM0546", "Leiden", "JZ18", 12, 7.4, 7.1, 41, {"raadsbrief"}},
    {"GM0637", "Zoetermeer", "JZ24", 10, 7.8, 7.5, std::nullopt, {"column"}},
    {"GM0392", "Haarlem", "JZ11", 4, 6.9, 7.2, 28, {"nieuwsbericht"}},
    {"GM0363", "Amsterdam", "JZ13", 6, 7.2, 7.3, 55, {"raadsbrief", "column"}},
    {"GM0479", "Zaanstad", "JZ09", 7, std::nullopt, std::nullopt, std::nullopt, {"nieuwsbericht"}},
};
constexpr double kCountrySatisfaction = 7.0;

/// A number cell: its value as ODF writes it, its text as a Dutch user sees it.
std::string number(double value) {
  const std::string dutch = text::formatNumber(value, 1);
  std::string dot = dutch;
  std::replace(dot.begin(), dot.end(), ',', '.');
  return ods::number(dot, dutch);
}

/// The own figures of kPlaces in the layout of docs/own-figures.md (sheets Cijfers, Indicatoren).
std::string flatOds() {
  using ods::cell, ods::row;
  std::string figures = ods::figuresHead();
  const auto add = [&](const std::string& who, const std::string& indicator, double value) {
    figures += row({cell(who), cell(indicator), cell("2023"), number(value), cell("voorlopig")});
  };
  for (const auto& p : kPlaces) {
    if (p.satisfaction) add(p.code, "clienttevredenheid", *p.satisfaction);
    if (p.regionSatisfaction) add(p.region, "clienttevredenheid", *p.regionSatisfaction);
    if (p.waiting) add(p.code, "wachttijd", *p.waiting);
  }
  add("NL01", "clienttevredenheid", kCountrySatisfaction);
  return ods::document(
      ods::table("Cijfers", figures) +
      ods::indicatorsTable(kSatisfactionSource, "Dagen tussen aanmelding en start van de hulp.", kWaitingSource));
}

/// The sheet as .ods, converted by soffice (the test's own convert profile).
fs::path ownFigures(const fs::path& dir) {
  const fs::path fods = dir / "eigen-cijfers.fods";
  {
    std::ofstream out(fods, std::ios::binary);
    out << flatOds();
  }
  return convertedByOffice(fods, "ods", dir);
}

/// The replay as the core reads it for the five places' regions: what the documents must say.
class Expected {
 public:
  explicit Expected(const std::string& url) {
    sources::LoadOptions options;
    options.bundledDataset = RAADSBRIEF_DEMO_DATASET;
    for (const auto& p : kPlaces) options.municipalities.push_back(p.code);
    loaded_ = sources::load(sources::parseSource(url), options);
  }
  [[nodiscard]] const model::Dataset& ds() const { return *loaded_.dataset; }
  [[nodiscard]] model::Observation obs(const std::string& region, const std::string& indicator) const {
    return ds().observation(region, indicator, "2023");
  }
  [[nodiscard]] bool has(const std::string& region, const std::string& indicator) const {
    return ds().findIndicator(indicator) != nullptr && obs(region, indicator).hasValue();
  }
  [[nodiscard]] std::string text(const std::string& region, const std::string& indicator) const {
    return text::formatObservation(obs(region, indicator), *ds().findIndicator(indicator));
  }
  /// A region table's cell: "geheim" for a suppressed figure, else as in every table.
  [[nodiscard]] std::string regionCell(const std::string& region) const {
    const model::Observation o = obs(region, "jeugdhulp");
    if (o.state == model::Observation::State::Suppressed) return "geheim";
    return text::formatObservationCell(o, *ds().findIndicator("jeugdhulp"));
  }
  [[nodiscard]] std::string name(const std::string& region) const { return ds().findRegion(region)->name; }
  /// The members of a youth-care region, name -> code.
  [[nodiscard]] std::map<std::string, std::string> members(const std::string& region) const {
    std::map<std::string, std::string> out;
    for (const auto& r : ds().regions())
      if (r.kind == model::RegionKind::Municipality && r.youthCareRegion == region) out[r.name] = r.code;
    return out;
  }

 private:
  sources::Loaded loaded_;
};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

bool anyContains(const std::vector<std::string>& notes, const std::string& part) {
  return std::any_of(notes.begin(), notes.end(), [&](const std::string& n) { return contains(n, part); });
}

/// The table whose head starts with "Gemeente" (the region table), whatever its number.
std::optional<Table> regionTable(const OdfDocument& doc) {
  for (int i = 1; i <= 8; ++i) {
    try {
      Table t = doc.table("Raadsbrief_tabel_" + std::to_string(i));
      if (!t.empty() && !t[0].empty() && t[0][0] == "Gemeente") return t;
    } catch (const std::exception&) {
      // no table of that number
    }
  }
  return std::nullopt;
}

/// The bar chart whose last bar is the Netherlands and whose categories are places, not
/// indicators or years (the region chart), whatever its number.
std::optional<ChartData> regionChart(const OdfDocument& doc, const std::string& regionName) {
  for (int i = 1; i <= 8; ++i) {
    try {
      ChartData c = doc.chart("Raadsbrief_grafiek_" + std::to_string(i));
      if (c.cells.size() > 3 && c.cells.back()[0] == "Nederland" &&
          c.cells[c.cells.size() - 2][0] == "Jeugdregio " + regionName)
        return c;
    } catch (const std::exception&) {
      // no chart of that number
    }
  }
  return std::nullopt;
}

double chartNumber(const std::string& s) {
  INFO("chart cell '" << s << "'");
  REQUIRE_FALSE(s.empty());
  return std::stod(s);
}

/// The region part of the memo: a row per member, then the region and the Netherlands, each with
/// the replay's figure; the chart the same, highest first.
void checkRegionPart(const OdfDocument& doc, const Place& p, const Expected& e) {
  const std::string regionName = e.name(p.region);
  const auto members = e.members(p.region);
  REQUIRE(members.size() == p.members);
  CHECK_THAT(doc.bodyText(), Catch::Contains("De jeugdregio als geheel\n") &&
                                 Catch::Contains("Jongeren met jeugdhulp in de gemeenten van " + regionName));

  const auto table = regionTable(doc);
  REQUIRE(table);
  const Table& t = *table;
  REQUIRE(t.size() == 1 + p.members + 2);
  CHECK(t[0][1] == "Jongeren met jeugdhulp, 2023 (voorlopige cijfers)");
  std::set<std::string> seen;
  for (std::size_t i = 1; i <= p.members; ++i) {
    INFO("row " << i << ": " << t[i][0]);
    REQUIRE(t[i].size() == 2);
    const auto it = members.find(t[i][0]);
    REQUIRE(it != members.end());
    seen.insert(it->first);
    CHECK(t[i][1] == e.regionCell(it->second));
  }
  CHECK(seen.size() == p.members);
  CHECK(t[p.members + 1] == std::vector<std::string>{"Jeugdregio " + regionName, e.regionCell(p.region)});
  CHECK(t[p.members + 2] == std::vector<std::string>{"Nederland", e.regionCell("NL01")});

  const auto chart = regionChart(doc, regionName);
  REQUIRE(chart);
  REQUIRE(chart->cells.size() == 1 + p.members + 2);
  CHECK(chart->chartClass == "chart:bar");
  std::optional<double> previous;
  for (std::size_t i = 1; i <= p.members; ++i) {
    INFO("bar " << i << ": " << chart->cells[i][0]);
    const auto it = members.find(chart->cells[i][0]);
    REQUIRE(it != members.end());
    const model::Observation o = e.obs(it->second, "jeugdhulp");
    if (!o.hasValue()) {
      CHECK((chart->cells[i][1].empty() || chart->cells[i][1] == "NaN"));
      continue;
    }
    const double v = chartNumber(chart->cells[i][1]);
    CHECK(v == Approx(o.value));
    if (previous) CHECK(v <= *previous + 1e-9);  // volgorde=waarde: highest first
    previous = v;
  }
}

/// Makes one document against the listening office; it must be made.
OdfDocument make(const std::string& pipe, const std::vector<std::string>& sources, const std::string& templ,
                 const Place& p, const fs::path& dir, std::string& err) {
  const fs::path odt = dir / (templ + "-" + p.code + ".odt");
  std::vector<std::string> args{"generate", "--template", templ,      "--municipality", p.name,
                                "--period", "2023",       "--output", odt.string()};
  for (const auto& s : sources) args.insert(args.end(), {"--source", s});
  const RunResult r = runConnected(pipe, args, {{"XDG_CACHE_HOME", (dir / "cache").string()}});
  INFO(templ << " for " << p.name << "; stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  err = r.err;
  return OdfDocument(odt);
}

/// What every document must show: no template markers, no demo figures, no "niet beschikbaar" in
/// running text; CBS's figures under CBS's note and the sheet's under the sheet's own.
void checkCommon(const OdfDocument& doc, const std::string& err, const Place& p, const std::string& templ) {
  INFO(templ << " for " << p.name << "; stderr: " << err);
  std::string body = doc.bodyText();
  CHECK_FALSE(contains(doc.contentXml(), "{{"));
  CHECK_FALSE(contains(body, "oorbeeldcijfers"));
  for (const std::string legend :
       {"geheim (te klein om te publiceren) of niet beschikbaar", "cijfer niet beschikbaar in de bron"})
    for (auto at = body.find(legend); at != std::string::npos; at = body.find(legend)) body.erase(at, legend.size());
  CHECK_FALSE(contains(body, "niet beschikbaar"));
  CHECK_FALSE(contains(err, "fout"));

  const auto notes = doc.footnotes();
  CHECK(anyContains(notes, "CBS StatLine"));
  for (const auto& n : notes) {
    INFO("note: " << n);
    if (contains(n, kSatisfactionSource) || contains(n, kWaitingSource)) CHECK_FALSE(contains(n, "CBS"));
    if (contains(n, "CBS")) CHECK_FALSE((contains(n, kSatisfactionSource) || contains(n, kWaitingSource)));
  }
  // Satisfaction: in every template exactly when the sheet has it; otherwise left out and listed.
  CHECK(anyContains(notes, kSatisfactionSource) == p.satisfaction.has_value());
  const std::map<std::string, std::string> satisfactionPhrase{{"raadsinformatiebrief", "Tevredenheid en wachttijden\n"},
                                                              {"raadsbrief", "Dat rapportcijfer is"},
                                                              {"column", "hulp na afloop gemiddeld een"},
                                                              {"nieuwsbericht", "Gemiddeld was dat een"}};
  CHECK(contains(body, satisfactionPhrase.at(templ)) == p.satisfaction.has_value());
  CHECK(contains(err, "over cli\u00ebnttevredenheid") == !p.satisfaction.has_value());
  // Costs: the replay has no cost tables, so no template says a word about costs per trajectory.
  CHECK_FALSE(contains(body, "per hulptraject"));
  CHECK_FALSE(contains(body, "van hulp kostte"));
}

/// The raadsinformatiebrief: a CBS figure in text and table 1, the own figures, the region part,
/// and the optional parts exactly when their figures exist.
void checkMemo(const OdfDocument& doc, const std::string& err, const Place& p, const Expected& e) {
  INFO("raadsinformatiebrief for " << p.name << "; stderr: " << err);
  checkCommon(doc, err, p, "raadsinformatiebrief");
  const std::string body = doc.bodyText();
  REQUIRE(e.has(p.code, "jeugdhulp"));
  CHECK_THAT(body, Catch::Contains("In 2023 kreeg " + e.text(p.code, "jeugdhulp") + " van de jongeren in " + p.name));
  const Table t1 = doc.table("Raadsbrief_tabel_1");
  REQUIRE(t1.size() >= 2);
  CHECK(t1[1][0] == e.ds().findIndicator("jeugdhulp")->label);
  CHECK(t1[1][1] == e.text(p.code, "jeugdhulp"));
  CHECK(t1[1][2] == e.text(p.region, "jeugdhulp"));

  // Own figures: the sheet's satisfaction and waiting time, in Dutch format.
  CHECK(contains(body, "Tevredenheid en wachttijden\n") == p.satisfaction.has_value());
  if (p.satisfaction)
    CHECK_THAT(body, Catch::Contains("gemiddeld " + text::formatNumber(*p.satisfaction, 1) + "; dat is hoger") ||
                         Catch::Contains("gemiddeld " + text::formatNumber(*p.satisfaction, 1) + "; dat is lager"));
  CHECK(contains(body, "Voor de wachttijd") == (p.satisfaction && p.waiting));
  if (p.satisfaction && p.waiting) {
    CHECK_THAT(body, Catch::Contains("is het cijfer " + text::formatNumber(*p.waiting, 0) + "\u00a0dagen."));
    CHECK(anyContains(doc.footnotes(), kWaitingSource));
  }

  // CBS's trajectory parts: there exactly when the municipality has their figures.
  CHECK(contains(body, "Instroom\n") == e.has(p.code, "trajecten_begonnen"));
  CHECK(contains(body, "Verwijzers\n") == e.has(p.code, "trajecten_begonnen"));
  CHECK(contains(body, "Resultaat van de hulp\n") == e.has(p.code, "trajecten_beeindigd"));
  if (e.has(p.code, "trajecten_beeindigd"))
    CHECK_THAT(body, Catch::Contains("In 2023 eindigden " +
                                     text::formatCountInText(e.obs(p.code, "trajecten_beeindigd").value, 0) +
                                     " jeugdhulptrajecten."));

  checkRegionPart(doc, p, e);
}

/// The other templates: a CBS figure and the own satisfaction figure where the template has them.
void checkOther(const OdfDocument& doc, const std::string& err, const std::string& templ, const Place& p,
                const Expected& e) {
  INFO(templ << " for " << p.name << "; stderr: " << err);
  checkCommon(doc, err, p, templ);
  const std::string body = doc.bodyText();
  CHECK_FALSE(regionTable(doc));  // the region part is the memo's only
  const auto ind = [&](const char* id) { return e.ds().findIndicator(id); };
  if (templ == "nieuwsbericht") {
    CHECK_THAT(body, Catch::Contains("In 2023 kreeg " +
                                     text::formatRounded(e.obs(p.code, "jeugdhulp").value, ind("jeugdhulp")->unit) +
                                     " van de jongeren in " + p.name + " jeugdhulp."));
    if (p.satisfaction)
      CHECK_THAT(body, Catch::Contains("Gemiddeld was dat een " +
                                       text::formatRounded(*p.satisfaction, model::Unit::Score) + "."));
  } else {
    CHECK_THAT(body, Catch::Contains("In 2023 kreeg " + e.text(p.code, "jeugdhulp") + " van de jongeren in " + p.name));
    if (p.satisfaction && templ == "column")
      CHECK_THAT(body, Catch::Contains("gemiddeld een " + text::formatNumber(*p.satisfaction, 1) + "; dat is"));
    if (p.satisfaction && templ == "raadsbrief")
      CHECK_THAT(body,
                 Catch::Contains("Dat rapportcijfer is hoger dan landelijk (" + text::formatNumber(*p.satisfaction, 1) +
                                 " tegen " + text::formatNumber(kCountrySatisfaction, 1) + ")"));
  }
}

}  // namespace

TEST_CASE("Every region: all four templates from CBS and an own spreadsheet, a municipality of each region",
          "[cbs][ownfigures][region][templates]") {
  const fs::path dir = outputDir("every-region");
  const fs::path ods = ownFigures(dir);
  BackgroundServer cbs("/usr/bin/python3", {RAADSBRIEF_FAKE_CBS, "--catalog", "--full"});
  const Expected e(cbs.url());
  const std::vector<std::string> sources{cbs.url(), ods.string()};

  REQUIRE(cli({"templates"}).exitCode == 0);  // installs the extension into the test profile
  const std::string pipe = "raadsbrief_regions_" + std::to_string(Poco::Process::id());
  std::set<std::string> made;
  {
    ListeningOffice office(pipe);
    for (const auto& p : kPlaces) {
      INFO(p.name);
      std::string err;
      checkMemo(make(pipe, sources, "raadsinformatiebrief", p, dir, err), err, p, e);
      made.insert("raadsinformatiebrief");
      for (const auto& templ : p.others) {
        checkOther(make(pipe, sources, templ, p, dir, err), err, templ, p, e);
        made.insert(templ);
      }
    }
  }
  CHECK(made == std::set<std::string>{"raadsinformatiebrief", "raadsbrief", "column", "nieuwsbericht"});
}
