// A source without some figures (as CBS StatLine has no client satisfaction): every shipped
// template still makes a sensible document, the CLI says what was left out, and --strict refuses.
#include <catch2/catch.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "OdfDocument.hpp"
#include "TestSupport.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief::test;

namespace {

/// The demo dataset without clienttevredenheid, kosten_per_traject and wachttijd, as a file in
/// the dataset format (docs/dataset-format.md).
fs::path datasetWithoutSatisfactionAndCosts() {
  static const fs::path path = [] {
    std::ifstream in(RAADSBRIEF_DEMO_DATASET);
    const std::string text = slurp(in);
    Poco::JSON::Object::Ptr root = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
    const std::vector<std::string> dropped{"clienttevredenheid", "kosten_per_traject", "wachttijd"};
    Poco::JSON::Array::Ptr indicators = root->getArray("indicators");
    Poco::JSON::Array::Ptr kept = new Poco::JSON::Array;
    for (std::size_t i = 0; i < indicators->size(); ++i) {
      Poco::JSON::Object::Ptr ind = indicators->getObject(static_cast<unsigned>(i));
      if (std::find(dropped.begin(), dropped.end(), ind->getValue<std::string>("id")) == dropped.end()) kept->add(ind);
    }
    root->set("indicators", kept);
    Poco::JSON::Object::Ptr observations = root->getObject("observations");
    std::vector<std::string> regions;
    observations->getNames(regions);
    for (const auto& region : regions)
      for (const auto& id : dropped) observations->getObject(region)->remove(id);
    root->getObject("source")->set("name", "Testbron zonder tevredenheid en kosten");
    const fs::path file = outputDir("optional-dataset") / "zonder-tevredenheid.json";
    std::ofstream out(file);
    root->stringify(out);
    return file;
  }();
  return path;
}

/// The lines `generate` prints for the memo from the demo data without satisfaction and costs.
constexpr long kMemoOmissions = 11;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("Optional parts: every template works from a source without satisfaction and costs", "[generate][optional]") {
  const fs::path dataset = datasetWithoutSatisfactionAndCosts();
  struct Expectation {
    const char* name;
    std::vector<std::string> removed;  ///< sentences of the parts left out
    std::vector<std::string> kept;     ///< the text around them, as it must read now
  };
  const std::vector<Expectation> templates{
      {"raadsinformatiebrief",
       {"Jongeren en ouders gaven de hulp", "De gemiddelde kosten per hulptraject bedroegen",
        "De gemiddelde kosten van"},
       {"een jeugdbeschermingsmaatregel; dat aandeel is",
        "Tabel 1 zet de belangrijkste cijfers van Leiden naast die van de jeugdregio",
        "Deze raadsinformatiebrief heeft geen directe financiële consequenties. Mogelijke gevolgen",
        "samen met de andere gemeenten in de jeugdregio Holland Rijnland. Zodra"}},
      {"raadsbrief",
       {"De gemiddelde kosten per hulptraject", "beoordelen de hulp na afloop met een rapportcijfer"},
       {"naast die van de jeugdregio en Nederland.",
        "Ik blijf het gebruik, de kosten en de kwaliteit van de jeugdhulp volgen, "
        "samen met de gemeenten in de jeugdregio Holland Rijnland."}},
      {"column", {"Het cijfer dat ik het belangrijkst vind"}, {"daar willen we op tijd bij zijn."}},
      {"nieuwsbericht",
       {"rapportcijfer", "De gemiddelde kosten per hulptraject"},
       {"De gemeente bespreekt de uitkomsten met de aanbieders",
        "Dat doet zij samen met andere gemeenten in de regio Holland Rijnland. Een jaar eerder"}},
  };
  for (const auto& t : templates) {
    INFO("template " << t.name);
    const fs::path odt = outputDir(std::string("optional-") + t.name) / "leiden.odt";
    const RunResult r = cli({"generate", "--template", t.name, "--municipality", "Leiden", "--period", "2023",
                             "--source", dataset.string(), "--output", odt.string()});
    INFO("stderr: " << r.err);
    REQUIRE(r.exitCode == 0);
    // stderr names what was left out, one line each, and why.
    CHECK(contains(r.err, "raadsbrief: weggelaten: "));
    CHECK(contains(r.err, " over cli\u00ebnttevredenheid \u2014 dit cijfer staat niet in de bron\n"));
    CHECK_FALSE(contains(r.err, "niet beschikbaar"));
    const OdfDocument doc(odt);
    const std::string body = doc.bodyText();
    CHECK_FALSE(contains(doc.contentXml(), "{{"));
    CHECK_FALSE(contains(doc.entries().at("styles.xml"), "{{"));
    CHECK_FALSE(contains(body, "niet beschikbaar"));
    // No empty paragraph where a part was (the letter's paragraph of costs and satisfaction).
    CHECK_FALSE(contains(doc.contentXml(), "<text:p text:style-name=\"Raadsbrief_20_Tekst\"/>"));
    CHECK_FALSE(contains(doc.contentXml(), "<text:p text:style-name=\"Raadsbrief_20_Tekst\"></text:p>"));
    CHECK_FALSE(contains(body, "  "));  // no double space where a part was
    CHECK_FALSE(contains(body, " ."));
    for (const auto& sentence : t.removed) CHECK_FALSE(contains(body, sentence));
    for (const auto& sentence : t.kept) CHECK(contains(body, sentence));
    CHECK(contains(body, expected("GM0546", "jeugdhulp", "2023")));
  }
  // The memo's costs were in two parts and its text in both sections: one line for them.
  const RunResult memo =
      cli({"generate", "--template", "raadsinformatiebrief", "--municipality", "Leiden", "--source", dataset.string(),
           "--output", (outputDir("optional-memo-again") / "leiden.odt").string()});
  CHECK(memo.exitCode == 0);
  // … plus one line per row its comparison table (which names its indicators) leaves out, and the
  // parts about CBS's trajectories (85097NED), which the demo data does not have.
  INFO("stderr: " << memo.err);
  CHECK(std::count(memo.err.begin(), memo.err.end(), '\n') == kMemoOmissions);
  CHECK(contains(memo.err,
                 "raadsbrief: weggelaten: de tekst over begonnen jeugdhulptrajecten \u2014 dit cijfer staat "
                 "niet in de bron\n"));
  CHECK(contains(memo.err, "raadsbrief: weggelaten uit de tabel: de rij over kosten per hulptraject"));
  CHECK(contains(memo.err, "raadsbrief: weggelaten uit de tabel: de rij over cli\u00ebnttevredenheid"));
  CHECK(contains(
      memo.err,
      "raadsbrief: weggelaten: de tekst over kosten per hulptraject \u2014 dit cijfer staat niet in de bron\n"));
  // What remains is valid ODF: removing paragraphs leaves nothing broken behind.
  const auto entries = readZip(fs::path(RAADSBRIEF_TEST_OUTPUT) / "optional-raadsinformatiebrief" / "leiden.odt");
  const fs::path part = outputDir("optional-schema") / "content.xml";
  std::ofstream(part, std::ios::binary) << entries.at("content.xml");
  const RunResult valid =
      run(XMLLINT, {"--noout", "--relaxng", std::string(RAADSBRIEF_ODF_SCHEMA_DIR) + "/OpenDocument-v1.3-schema.rng",
                    part.string()});
  INFO(valid.err);
  CHECK(valid.exitCode == 0);
}

TEST_CASE("Optional parts: a municipality without a youth-care region gets a memo about itself and the Netherlands",
          "[generate][optional]") {
  const fs::path dir = outputDir("optional-no-region");
  std::ifstream in(RAADSBRIEF_DEMO_DATASET);
  Poco::JSON::Object::Ptr root = Poco::JSON::Parser().parse(slurp(in)).extract<Poco::JSON::Object::Ptr>();
  Poco::JSON::Array::Ptr regions = root->getArray("regions");
  for (std::size_t i = 0; i < regions->size(); ++i)
    if (regions->getObject(static_cast<unsigned>(i))->getValue<std::string>("code") == "GM0546")
      regions->getObject(static_cast<unsigned>(i))->remove("jeugdregio");
  const fs::path dataset = dir / "zonder-jeugdregio.json";
  {
    std::ofstream out(dataset);
    root->stringify(out);
  }
  const fs::path odt = dir / "leiden.odt";
  const RunResult r = cli({"generate", "--template", "raadsinformatiebrief", "--municipality", "Leiden", "--period",
                           "2023", "--source", dataset.string(), "--output", odt.string()});
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  CHECK(contains(r.err,
                 "raadsbrief: weggelaten: de tekst over de jeugdregio \u2014 gemeente Leiden hoort in de bron niet bij "
                 "een jeugdregio\n"));
  // The part about satisfaction compares with the region: it goes, and says why.
  CHECK(contains(r.err, "weggelaten: de tekst over cli\u00ebnttevredenheid \u2014 de jeugdregio: gemeente Leiden"));
  const OdfDocument doc(odt);
  const std::string body = doc.bodyText();
  CHECK_FALSE(contains(doc.contentXml(), "{{"));
  CHECK_FALSE(contains(body, "Holland Rijnland"));
  CHECK_FALSE(contains(body, "niet beschikbaar"));
  CHECK_FALSE(contains(body, "  "));
  CHECK(contains(body, "daarbij naast die van Nederland als geheel."));
  CHECK(contains(body, "Tabel 1. Jeugdhulp in Leiden en Nederland, 2023"));
  CHECK(contains(body, "Figuur 2 laat het verloop zien voor Leiden en Nederland."));
  // The costs stay; only the region goes from their sentence.
  CHECK(contains(body,
                 "per hulptraject betrekken wij bij de uitvoering van de begroting en bij de afspraken over de inkoop "
                 "van jeugdhulp. Mogelijke gevolgen"));
  CHECK(contains(body, "Wij blijven het gebruik, de resultaten en de kosten van jeugdhulp volgen. Zodra"));
  CHECK(doc.table("Raadsbrief_tabel_1").at(0) ==
        std::vector<std::string>{"Indicator", "Leiden", "Nederland", "Verschil met Nederland"});
}

TEST_CASE("Optional parts: --strict makes a missing figure an error and writes nothing",
          "[generate][optional][errors]") {
  const fs::path dir = outputDir("optional-strict");
  const RunResult r = cli({"generate", "--template", "column", "--municipality", "Leiden", "--strict", "--source",
                           datasetWithoutSatisfactionAndCosts().string(), "--output", (dir / "leiden.odt").string()});
  INFO("stderr: " << r.err);
  CHECK(r.exitCode == 5);
  CHECK(contains(r.err, "strikt"));
  CHECK(contains(r.err, "weggelaten: de alinea over cli\u00ebnttevredenheid"));
  CHECK(fs::is_empty(dir));
  // With every figure there, --strict changes nothing: a template (the memo's styles, a body of
  // its own) that asks only for what the demo data has. (The shipped templates also ask for CBS's
  // trajectories, which the demo data lacks.)
  const fs::path ott = templateWithBody(
      dir.parent_path() / "optional-strict-template",
      "<office:text><text:p text:style-name=\"Raadsbrief_Tekst\">In {{periode}} kreeg {{cijfer jeugdhulp}} "
      "jeugdhulp.{{als cijfer clienttevredenheid}} Rapportcijfer: {{cijfer clienttevredenheid}}.{{einde}}</text:p>");
  const RunResult demo = cli({"generate", "--template", ott.string(), "--municipality", "Leiden", "--strict",
                              "--output", (dir / "demo.odt").string()});
  CHECK(demo.exitCode == 0);
  CHECK(demo.err.empty());
}

TEST_CASE("Optional parts: a batch lists what each document left out, and strict fails those municipalities",
          "[batch][optional]") {
  const fs::path dataset = datasetWithoutSatisfactionAndCosts();
  const fs::path dir = outputDir("optional-batch");
  const RunResult r = cli({"batch", "--template", "column", "--municipalities", "GM0546,GM0392", "--source",
                           dataset.string(), "--output-dir", dir.string(), "--jobs", "1"});
  INFO("stderr: " << r.err);
  CHECK(r.exitCode == 0);
  CHECK(
      contains(r.err,
               "raadsbrief: GM0546 Leiden: weggelaten: de alinea over cli\u00ebnttevredenheid \u2014 dit cijfer staat "
               "niet in de bron\n"));
  CHECK(contains(r.err, "raadsbrief: GM0392 Haarlem: weggelaten: de alinea over cli\u00ebnttevredenheid"));
  CHECK(fs::exists(dir / "GM0546-leiden.odt"));
  std::ifstream in(dir / "raadsbrief-batch.json");
  const std::string summary = slurp(in);
  CHECK(contains(summary, "\"weggelaten\": [\"weggelaten: de "));
  CHECK(contains(summary,
                 "\"weggelaten: de alinea over cli\u00ebnttevredenheid \u2014 dit cijfer staat niet in de bron\""));

  const fs::path strictDir = outputDir("optional-batch-strict");
  const RunResult strict = cli({"batch", "--template", "column", "--municipalities", "GM0546", "--strict", "--source",
                                dataset.string(), "--output-dir", strictDir.string(), "--jobs", "1"});
  INFO("stderr: " << strict.err);
  CHECK(strict.exitCode == 8);  // a municipality failed
  std::ifstream strictIn(strictDir / "raadsbrief-batch.json");
  CHECK(contains(slurp(strictIn), "\"exit_code\": 5"));
  CHECK_FALSE(fs::exists(strictDir / "GM0546-leiden.odt"));
}

TEST_CASE("Optional parts: own figures the source has (waiting time) appear in the memo with their value",
          "[generate][optional]") {
  const fs::path dir = outputDir("optional-own-figures");
  std::ifstream in(RAADSBRIEF_DEMO_DATASET);
  Poco::JSON::Object::Ptr root = Poco::JSON::Parser().parse(slurp(in)).extract<Poco::JSON::Object::Ptr>();
  Poco::JSON::Object::Ptr waiting = new Poco::JSON::Object;
  waiting->set("id", "wachttijd");
  waiting->set("label", "Gemiddelde wachttijd in weken");
  waiting->set("unit", "count");
  waiting->set("decimals", 1);
  waiting->set("direction", "lower_is_better");
  waiting->set("definition", "Gemiddelde wachttijd tussen aanmelding en start van de hulp, in weken.");
  waiting->set("source", "Eigen registratie van de gemeente");
  root->getArray("indicators")->add(waiting);
  Poco::JSON::Object::Ptr values = new Poco::JSON::Object;
  values->set("2023", 6.5);
  root->getObject("observations")->getObject("GM0546")->set("wachttijd", values);
  const fs::path dataset = dir / "met-wachttijd.json";
  {
    std::ofstream out(dataset);
    root->stringify(out);
  }
  const fs::path odt = dir / "leiden.odt";
  const RunResult r = cli({"generate", "--template", "raadsinformatiebrief", "--municipality", "Leiden", "--period",
                           "2023", "--source", dataset.string(), "--output", odt.string()});
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  CHECK_FALSE(contains(r.err, "wachttijd"));
  const std::string body = OdfDocument(odt).bodyText();
  CHECK(contains(body, "Tevredenheid en wachttijden\n"));
  CHECK(contains(body, "Voor de wachttijd (gemiddelde wachttijd in weken) is het cijfer 6,5."));
}
