// `raadsbrief refresh FILE`: a memo made a quarter ago gets the new figures; a failed or dry run
// leaves the file byte-for-byte as it was.
#include <catch2/catch.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "OdfDocument.hpp"
#include "TestSupport.hpp"
#include "text/DutchFormat.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;
using namespace raadsbrief::test;

namespace {

std::string bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return slurp(in);
}

/// The demo data as if CBS had revised it: 2023 made final (voorlopig → definitief), Leiden's
/// 2023 youth-care figure corrected, the source named as CBS's table.
fs::path revisedDataset(const fs::path& dir, double leiden2023) {
  std::ifstream in(RAADSBRIEF_DEMO_DATASET);
  auto root = Poco::JSON::Parser().parse(in).extract<Poco::JSON::Object::Ptr>();
  root->getObject("source")->set("name", "CBS StatLine, tabel 85098NED (testkopie)");
  auto periods = root->getArray("periods");
  for (std::size_t i = 0; i < periods->size(); ++i)
    if (periods->getObject(static_cast<unsigned>(i))->getValue<std::string>("id") == "2023")
      periods->getObject(static_cast<unsigned>(i))->set("status", "definitief");
  root->getObject("observations")->getObject("GM0546")->getObject("jeugdhulp")->set("2023", leiden2023);
  const fs::path out = dir / "cijfers-herzien.json";
  std::ofstream file(out);
  root->stringify(file);
  return out;
}

/// The index of the first line of `text` that contains `part`, or npos.
std::size_t lineWith(const std::string& text, const std::string& part) {
  std::istringstream in(text);
  std::string line;
  for (std::size_t i = 0; std::getline(in, line); ++i)
    if (line.find(part) != std::string::npos) return i;
  return std::string::npos;
}

}  // namespace

TEST_CASE("Refresh CLI: the list says where, what, old → new and why, in document order", "[refresh]") {
  const fs::path dir = outputDir("refresh-words");
  const fs::path odt = dir / "leiden.odt";
  RunResult r = cli({"generate", "--template", "raadsinformatiebrief", "--municipality", "Leiden", "--period", "2023",
                     "--output", odt.string()});
  REQUIRE(r.exitCode == 0);
  const fs::path data = revisedDataset(dir, 13.1);
  r = cli({"refresh", odt.string(), "--source", "file://" + data.string(), "--dry-run"});
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  // Where (the start of the paragraph), what (the indicator's label), old → new, and why.
  const std::size_t figure =
      lineWith(r.out,
               "\"In 2023 kreeg 12,8% van de jongeren …\" — jongeren met jeugdhulp: 12,8% → 13,1% (herzien door CBS: "
               "voorlopig → definitief)");
  const std::size_t table =
      lineWith(r.out, "tabel 1 — vergelijking van de cijfers: bijgewerkt (herzien door CBS: voorlopig → definitief)");
  const std::size_t chart = lineWith(r.out, "figuur 1 — ");
  CHECK(figure != std::string::npos);
  CHECK(table != std::string::npos);
  CHECK(chart != std::string::npos);
  CHECK(lineWith(r.out, "Jongeren met jeugdhulp, Leiden: 12,8% → 13,1%") != std::string::npos);  // the cell
  // Unchanged figures whose status changed are said too; nothing names a binding or a field.
  CHECK(lineWith(r.out, " cijfers blijven gelijk (herzien door CBS: voorlopig → definitief)") != std::string::npos);
  CHECK(lineWith(r.out, "Raadsbrief_") == std::string::npos);
  CHECK(lineWith(r.out, "{{") == std::string::npos);
  // In the order of the document: the running text, then the table, then the chart.
  CHECK(figure < table);
  CHECK(table < chart);
}

TEST_CASE("Refresh CLI: a memo gets the new year, a dry or failed run changes no byte", "[refresh]") {
  const fs::path dir = outputDir("refresh-cli");
  const fs::path odt = dir / "leiden.odt";
  RunResult r =
      cli({"generate", "--template", "raadsinformatiebrief", "--municipality", "Leiden", "--output", odt.string()});
  REQUIRE(r.exitCode == 0);
  const std::string original = bytes(odt);
  const fs::path data = demoDatasetAYearLater(dir, "voorlopig", 10.7);
  const std::string newSource = "file://" + data.string();

  r = cli({"refresh", odt.string(), "--source", newSource, "--dry-run"});
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.out, Catch::Contains("→ 10,7%") && Catch::Contains("niets gewijzigd"));
  CHECK(bytes(odt) == original);

  r = cli({"refresh", odt.string(), "--source", "http://127.0.0.1:9/api/v1"});
  CHECK(r.exitCode == 7);
  CHECK_THAT(r.err, Catch::Contains("127.0.0.1:9"));
  CHECK(bytes(odt) == original);
  for (const auto& entry : fs::directory_iterator(dir)) CHECK(entry.path().extension() != ".tmp");

  r = cli({"refresh", odt.string(), "--source", newSource});
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.out,
             Catch::Contains("tabel 1 — vergelijking van de cijfers: bijgewerkt (nieuwe periode: 2023 → 2024)") &&
                 Catch::Contains("0 met de hand gewijzigd"));
  const OdfDocument doc(odt);
  const std::string body = doc.bodyText();
  CHECK_THAT(body, Catch::Contains("In 2024 kreeg 10,7% van de jongeren in Leiden"));
  CHECK_THAT(body, Catch::Contains("het college van burgemeester en wethouders"));  // the template's own text
  bool found = false;
  for (const auto& row : doc.table("Raadsbrief_tabel_1"))
    if (!row.empty() && row.front() == "Jongeren met jeugdhulp") found = row.size() > 1 && row[1] == "10,7%";
  CHECK(found);
  const ChartData trend = doc.chart("Raadsbrief_grafiek_2");
  REQUIRE_FALSE(trend.cells.empty());
  CHECK_THAT(trend.cells.back().front(), Catch::StartsWith("2024"));

  // Again, without --source: the document records the file, but a document can come from anyone,
  // so a recorded source is used only when the user names it (docs/security.md).
  const std::string refreshed = bytes(odt);
  r = cli({"refresh", odt.string()});
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.err, Catch::Contains(data.string()) && Catch::Contains("--source"));
  CHECK(bytes(odt) == refreshed);
  r = cli({"refresh", odt.string(), "--source", newSource});
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.out, Catch::Contains("0 bijgewerkt"));
}

TEST_CASE("Refresh CLI: a DOCX keeps its text bindings, a PDF is refused clearly", "[refresh]") {
  const fs::path dir = outputDir("refresh-docx");
  const fs::path docx = dir / "leiden.docx";
  RunResult r = cli({"generate", "--template", "raadsbrief", "--municipality", "Leiden", "--output", docx.string()});
  REQUIRE(r.exitCode == 0);
  const fs::path data = demoDatasetAYearLater(dir, "voorlopig", 10.7);
  r = cli({"refresh", docx.string(), "--source", "file://" + data.string()});
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  CHECK(r.exitCode == 0);
  CHECK_THAT(r.out, Catch::Contains("→ 10,7%"));
  CHECK_THAT(readZip(docx).at("word/document.xml"), Catch::Contains("10,7%"));

  r = cli({"refresh", (dir / "leiden.pdf").string()});
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.err, Catch::Contains("PDF"));
}
