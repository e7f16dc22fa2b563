// Every template for every municipality of shared/regions.md (all municipalities with figures and a
// youth-care region in the demo data): one soffice serves all documents (the CLI with --connect),
// and each document is checked against the dataset: text, table cells and chart series.
#include <catch2/catch.hpp>

#include <Poco/Process.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "OdfDocument.hpp"
#include "TestSupport.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;
using namespace raadsbrief::test;

namespace {

/// A soffice listening on a pipe, on the test profile (the extension is installed there first).
class ListeningOffice {
 public:
  explicit ListeningOffice(const std::string& pipe)
      : handle_(Poco::Process::launch(RAADSBRIEF_SOFFICE_BIN,
                                      {"--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
                                       "--nolockcheck", "-env:UserInstallation=file://" RAADSBRIEF_TEST_PROFILE,
                                       "--accept=pipe,name=" + pipe + ";urp;StarOffice.ComponentContext"},
                                      nullptr, nullptr, nullptr)) {}
  ~ListeningOffice() {
    Poco::Process::requestTermination(handle_.id());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (Poco::Process::isRunning(handle_) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (Poco::Process::isRunning(handle_)) Poco::Process::kill(handle_);
    handle_.wait();
  }
  ListeningOffice(const ListeningOffice&) = delete;
  ListeningOffice& operator=(const ListeningOffice&) = delete;

 private:
  Poco::ProcessHandle handle_;
};

/// Runs the CLI against the listening office; retries while it is still starting.
RunResult generateConnected(const std::string& pipe, const std::string& templateName, const std::string& code,
                            const fs::path& output) {
  RunResult r;
  for (int attempt = 0; attempt < 100; ++attempt) {
    r = run(RAADSBRIEF_CLI, {"generate", "--connect", pipe, "--template", templateName, "--municipality", code,
                             "--output", output.string()});
    if (r.exitCode != 6 || r.err.find("Geen LibreOffice gevonden") == std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return r;
}

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
        const RunResult r = generateConnected(pipe, templateName, m.code, odt);
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
