// Every template for every municipality of shared/regions.md (all municipalities with figures and a
// youth-care region in the demo data): one soffice serves all documents (the CLI with --connect),
// and each document is checked against the dataset: text, table cells and chart series.
#include <catch2/catch.hpp>

#include <Poco/Process.h>

#include <filesystem>

#include "OdfDocument.hpp"
#include "TestSupport.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;
using namespace raadsbrief::test;

namespace {

std::map<std::string, std::vector<std::string>> rowsByLabel(const Table& t) {
  std::map<std::string, std::vector<std::string>> rows;
  for (const auto& row : t)
    if (!row.empty()) rows[row[0]] = row;
  return rows;
}

}  // namespace

TEST_CASE("Templates: all four for every municipality of the first regions, checked against the data",
          "[generate][templates][all]") {
  REQUIRE(cli({"templates"}).exitCode == 0);  // installs the extension into the test profile
  const std::string pipe = "raadsbrief_all_" + std::to_string(Poco::Process::id());
  const fs::path dir = outputDir("all-municipalities");
  const std::string period = demo().periods().back().id;
  int documents = 0;
  {
    ListeningOffice office(pipe);
    for (const auto& m : demo().regions()) {
      if (m.kind != model::RegionKind::Municipality || m.youthCareRegion.empty() || !demo().hasFigures(m.code))
        continue;
      const std::string& region = m.youthCareRegion;
      const std::string name = demo().findRegion(region)->name;
      for (const char* templateName : {"raadsinformatiebrief", "raadsbrief", "column", "nieuwsbericht"}) {
        INFO(templateName << " for " << m.name << " (" << m.code << ")");
        const fs::path odt = dir / (std::string(templateName) + "-" + m.code + ".odt");
        const RunResult r = runConnected(
            pipe, {"generate", "--template", templateName, "--municipality", m.code, "--output", odt.string()});
        INFO("stderr: " << r.err);
        REQUIRE(r.exitCode == 0);
        ++documents;
        const OdfDocument doc(odt);
        CHECK(doc.contentXml().find("{{") == std::string::npos);
        const std::string body = doc.bodyText();
        CHECK_THAT(body, Catch::Contains(m.name) && Catch::Contains(expected(m.code, "jeugdhulp", period)));
        const std::string t(templateName);
        if (t == "raadsinformatiebrief" || t == "raadsbrief") {
          auto rows = rowsByLabel(doc.table("Raadsbrief_tabel_1"));
          REQUIRE(rows.count("Indicator") == 1);
          CHECK(rows["Indicator"] ==
                std::vector<std::string>{"Indicator", m.name, name, "Nederland", "Verschil met Nederland"});
          for (const auto& ind : demo().indicators()) {
            if (!rows.count(ind.label)) continue;  // the letter's table shows four indicators
            REQUIRE(rows[ind.label].size() == 5);
            CHECK(rows[ind.label][1] == expected(m.code, ind.id, period));
            CHECK(rows[ind.label][2] == expected(region, ind.id, period));
            CHECK(rows[ind.label][3] == expected("NL01", ind.id, period));
            CHECK(rows[ind.label][4] == expectedDifference(m.code, "NL01", ind.id, period));
          }
        }
        if (t == "raadsinformatiebrief" || t == "nieuwsbericht") {
          const ChartData bar = doc.chart("Raadsbrief_grafiek_1");
          REQUIRE(bar.cells.size() == 4);
          CHECK(bar.cells[0][1] == m.name);
          const char* shown[] = {"jeugdhulp", "residentieel", "jeugdbescherming"};
          for (std::size_t i = 0; i < 3; ++i) {
            const auto o = demo().observation(m.code, shown[i], period);
            if (o.hasValue()) CHECK(std::stod(bar.cells[i + 1][1]) == Approx(o.value));
            else CHECK((bar.cells[i + 1][1].empty() || bar.cells[i + 1][1] == "NaN"));
          }
        }
        if (t == "column") {
          const ChartData line = doc.chart("Raadsbrief_grafiek_1");
          REQUIRE(line.cells.size() == 6);
          for (std::size_t y = 0; y < 5; ++y)
            CHECK(std::stod(line.cells[y + 1][1]) ==
                  Approx(demo().observation(m.code, "jeugdhulp", demo().periods()[y].id).value));
        }
        if (t == "nieuwsbericht") {
          const Table trend = doc.table("Raadsbrief_tabel_1");
          REQUIRE(trend.size() == 4);
          CHECK(trend[1][0] == m.name);
          CHECK(trend[1].back() == expected(m.code, "jeugdhulp", period));
        }
      }
    }
  }
  CHECK(documents == 4 * 39);
}
