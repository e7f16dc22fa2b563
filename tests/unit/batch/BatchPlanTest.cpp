// The UNO-free half of `raadsbrief batch`: selection, shards, output names, resuming, summary.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

#include "Error.hpp"
#include "batch/BatchPlan.hpp"
#include "data/DatasetReader.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;
using namespace raadsbrief::batch;

namespace {

const model::Dataset& demo() {
  static const model::Dataset ds = data::readDatasetFile(RAADSBRIEF_DEMO_DATASET);
  return ds;
}

fs::path freshDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("raadsbrief-batchplan-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("Batch: --shard I/N is parsed and checked", "[batch]") {
  const Shard s = parseShard("2/4");
  CHECK(s.index == 2);
  CHECK(s.count == 4);
  CHECK(parseShard(" 1 / 1 ").count == 1);
  for (const char* bad : {"0/4", "5/4", "2", "a/b", "2/0", "-1/3", ""}) CHECK_THROWS_AS(parseShard(bad), Error);
}

TEST_CASE("Batch: output names are the code and the name in lower-case ASCII", "[batch]") {
  CHECK(outputStem("GM0546", "Leiden") == "GM0546-leiden");
  CHECK(outputStem("GM0518", "'s-Gravenhage") == "GM0518-s-gravenhage");
  CHECK(outputStem("GM1900", "S\u00fadwest-Frysl\u00e2n") == "GM1900-sudwest-fryslan");
  CHECK(outputStem("GM0080", "Leeuwarden (Ljouwert)") == "GM0080-leeuwarden-ljouwert");
  CHECK(outputStem("GM9999", "\u2603") == "GM9999");
  // Every municipality of the demo list gets a distinct, portable name.
  std::set<std::string> stems;
  for (const auto& r : demo().regions()) {
    if (r.kind != model::RegionKind::Municipality) continue;
    const std::string stem = outputStem(r.code, r.name);
    CHECK(stem.find_first_not_of("abcdefghijklmnopqrstuvwxyzGM0123456789-") == std::string::npos);
    stems.insert(stem);
  }
  CHECK(stems.size() == 342);
}

TEST_CASE("Batch: all means every municipality, those without figures skipped as geen cijfers", "[batch]") {
  const fs::path dir = freshDir("all");
  const auto items = planRun(parseSelection("all", demo()), demo(), {}, dir, true);
  REQUIRE(items.size() == 342);
  int pending = 0, skipped = 0;
  for (const auto& i : items) {
    if (i.pending) {
      ++pending;
      CHECK(demo().hasFigures(i.code));
      REQUIRE(i.outputs.size() == 2);
      CHECK(i.outputs[0].extension() == ".odt");
      CHECK(i.outputs[1].extension() == ".pdf");
    } else {
      ++skipped;
      CHECK(i.status == Status::Skipped);
      CHECK(i.reason == "geen cijfers");
      CHECK_FALSE(demo().hasFigures(i.code));
    }
  }
  CHECK(pending == 39);
  CHECK(skipped == 303);
  CHECK(std::is_sorted(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.code < b.code; }));
}

TEST_CASE("Batch: a list by code or name, duplicates dropped, unknown and figureless ones fail", "[batch]") {
  const fs::path dir = freshDir("list");
  const auto items = planRun(parseSelection("GM0546, Haarlem,gm0546,GM9999,GM0014", demo()), demo(), {}, dir, false);
  REQUIRE(items.size() == 4);
  CHECK(items[0].code == "GM0546");
  CHECK(items[0].pending);
  CHECK(items[0].outputs == std::vector<fs::path>{dir / "GM0546-leiden.odt"});
  CHECK(items[1].name == "Haarlem");
  CHECK(items[2].code == "GM9999");
  CHECK(items[2].status == Status::Failed);
  CHECK(items[2].errorKind == 3);
  CHECK_FALSE(items[2].reason.empty());
  CHECK(items[3].code == "GM0014");  // Groningen: known, no figures, named explicitly → a failure
  CHECK(items[3].status == Status::Failed);
  CHECK_THAT(items[3].reason, Catch::Contains("geen cijfers"));

  const fs::path file = dir / "lijst.txt";
  std::ofstream(file) << "# gemeenten van Holland Rijnland\nGM0546\tLeiden\tHolland Rijnland\n\nKatwijk  # aan zee\n";
  const Selection fromFile = parseSelection(file.string(), demo());
  CHECK(fromFile.entries == std::vector<std::string>{"GM0546", "Katwijk"});
  CHECK_THROWS_AS(parseSelection(" , ", demo()), Error);
  CHECK_THROWS_AS(parseSelection((dir / "geen-bestand.txt").string(), demo()), Error);
}

TEST_CASE("Batch: shards split the list deterministically, together exactly once", "[batch]") {
  const fs::path dir = freshDir("shards");
  const Selection all = parseSelection("all", demo());
  std::multiset<std::string> seen;
  for (int i = 1; i <= 3; ++i) {
    const auto part = planRun(all, demo(), {i, 3}, dir, false);
    CHECK(part.size() == 114);
    const auto again = planRun(all, demo(), {i, 3}, dir, false);
    REQUIRE(again.size() == part.size());
    for (std::size_t k = 0; k < part.size(); ++k) CHECK(again[k].code == part[k].code);
    for (const auto& item : part) seen.insert(item.code);
  }
  CHECK(seen.size() == 342);
  CHECK(std::set<std::string>(seen.begin(), seen.end()).size() == 342);
}

TEST_CASE("Batch: a resumed run skips what is complete and redoes what is not", "[batch]") {
  const fs::path dir = freshDir("resume");
  std::ofstream(dir / "GM0546-leiden.odt") << "x";
  std::ofstream(dir / "GM0546-leiden.pdf") << "x";
  std::ofstream(dir / "GM0392-haarlem.odt") << "x";  // its PDF is missing
  const auto items = planRun(parseSelection("GM0546,GM0392", demo()), demo(), {}, dir, true);
  REQUIRE(items.size() == 2);
  CHECK(items[0].status == Status::Existing);
  CHECK_FALSE(items[0].pending);
  CHECK(items[1].pending);
  const auto odtOnly = planRun(parseSelection("GM0392", demo()), demo(), {}, dir, false);
  CHECK(odtOnly[0].status == Status::Existing);
}

TEST_CASE("Batch: the summary counts every status and lists each failure", "[batch]") {
  const fs::path dir = freshDir("summary");
  auto items = planRun(parseSelection("GM0546,GM9999", demo()), demo(), {}, dir, false);
  items[0].status = Status::Made;
  items[0].pending = false;
  items[0].attempts = 2;
  RunInfo info;
  info.templateName = "raadsinformatiebrief";
  info.jobs = 2;
  info.workerRestarts = 1;
  info.seconds = 75;
  const std::string json = summaryJson(items, info);
  CHECK_THAT(json, Catch::Contains(
                       R"("counts": {"total": 2, "gemaakt": 1, "al aanwezig": 0, "overgeslagen": 0, "mislukt": 1})"));
  CHECK_THAT(json, Catch::Contains(R"("code": "GM9999", "name": "", "status": "mislukt")"));
  CHECK_THAT(json, Catch::Contains(R"("exit_code": 3)"));
  CHECK_THAT(json, Catch::Contains(R"("worker_restarts": 1)"));
  CHECK_THAT(json, Catch::Contains(R"("outputs": ["GM0546-leiden.odt"], "attempts": 2)"));
  CHECK(json.find("weggelaten") == std::string::npos);  // only when something was left out
  items[0].omitted = {"weggelaten: de alinea over cli\u00ebnttevredenheid \u2014 dit cijfer staat niet in de bron"};
  CHECK_THAT(summaryJson(items, info),
             Catch::Contains("\"exit_code\"") &&
                 Catch::Contains(
                     "\"weggelaten\": [\"weggelaten: de alinea over cli\u00ebnttevredenheid \u2014 dit cijfer staat "
                     "niet in de bron\"]"));
  const std::string table = summaryTable(items, info);
  CHECK_THAT(table, Catch::Contains("gemaakt") && Catch::Contains("1:15") && Catch::Contains("1 keer herstart"));
  CHECK_THAT(table, Catch::Contains("Mislukt:\n  GM9999: "));
}

TEST_CASE("Batch: the progress bar shows count, percentage and time left", "[batch]") {
  using namespace std::chrono_literals;
  CHECK(progressBar(0, 10, 0s, 10) == "[..........]    0/10    0%  nog ?");
  CHECK(progressBar(5, 10, 30s, 10) == "[#####.....]    5/10   50%  nog ~0:30");
  CHECK(progressBar(10, 10, 61s, 10) == "[##########]   10/10  100%  klaar in 1:01");
}
