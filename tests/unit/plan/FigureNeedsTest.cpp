// What a document needs from its sources, known before they are loaded: plan::figureNeeds over
// its fields, fields::odfPlainText / templateFieldTexts over a template file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "fields/Field.hpp"
#include "fields/TemplateFile.hpp"
#include "plan/Briefing.hpp"

using namespace raadsbrief;

TEST_CASE("figureNeeds: the indicators a document's fields name", "[plan][needs]") {
  const plan::FigureNeeds needs = plan::figureNeeds(
      {"{{cijfer jeugdhulp}}", "{{als cijfer kosten_per_jongere}}", "gemeente",
       "{{tabel vergelijking indicatoren=jeugdbescherming, trajecten_begonnen_huisarts}}", "{{datum}}"},
      {"latest"});
  CHECK(needs.indicators ==
        std::set<std::string>{"jeugdhulp", "kosten_per_jongere", "jeugdbescherming", "trajecten_begonnen_huisarts"});
  CHECK(needs.earliestYear == 0);
}

TEST_CASE("figureNeeds: every indicator where a field takes all of them or cannot be read", "[plan][needs]") {
  CHECK(plan::figureNeeds({"{{cijfer jeugdhulp}}", "{{tabel vergelijking}}"}, {}).indicators.empty());
  CHECK(plan::figureNeeds({"{{cijfer jeugdhulp}}", "{{grafiek vergelijking}}"}, {}).indicators.empty());
  // A development (ontwikkeling) names its one indicator.
  CHECK(
      plan::figureNeeds({"{{grafiek ontwikkeling jeugdhulp}}", "{{tabel ontwikkeling residentieel}}"}, {}).indicators ==
      std::set<std::string>{"jeugdhulp", "residentieel"});
  CHECK(plan::figureNeeds({"{{cijfer jeugdhulp}}", "{{cijfer regio=}}}"}, {}).indicators.empty());
  CHECK(plan::figureNeeds({"{{gemeente}}"}, {}).indicators.empty());  // nothing named: everything
  CHECK(plan::figureNeeds({}, {}).indicators.empty());
}

TEST_CASE("figureNeeds: the earliest year of van=, periode= and the memo's period", "[plan][needs]") {
  CHECK(plan::figureNeeds({"{{cijfer jeugdhulp}}"}, {"2023"}).earliestYear == 2023);
  CHECK(plan::figureNeeds({"{{cijfer jeugdhulp periode=2019}}"}, {"2023"}).earliestYear == 2019);
  CHECK(plan::figureNeeds({"{{tabel ontwikkeling jeugdhulp van=2017}}"}, {"latest"}).earliestYear == 2017);
  CHECK(plan::figureNeeds({"{{cijfer jeugdhulp}}"}, {"2020-H1", ""}).earliestYear == 2020);
  CHECK(plan::figureNeeds({"{{cijfer jeugdhulp}}"}, {"latest"}).earliestYear == 0);
  CHECK(plan::figureNeeds({"{{cijfer jeugdhulp periode=12345}}"}, {}).earliestYear == 0);  // not a year
}

TEST_CASE("odfPlainText: a field split over spans is one field again", "[fields][needs]") {
  const std::string xml =
      "<office:text><text:p>Geachte raad,</text:p><text:p>{{cijfer <text:span text:style-name=\"T1\">"
      "jeugdhulp</text:span> vorm=&quot;zin&quot;}}<text:s/>en<text:tab/>{{tabel vergelijking "
      "indicatoren=jeugdhulp,kosten_per_jongere}}</text:p><text:p>&#x2013;&#8212;&amp;</text:p></office:text>";
  const std::string text = fields::odfPlainText(xml);
  CHECK(fields::findFields(text) ==
        std::vector<std::string>{"{{cijfer jeugdhulp vorm=\"zin\"}}",
                                 "{{tabel vergelijking indicatoren=jeugdhulp,kosten_per_jongere}}"});
  CHECK(text.find("Geachte raad,\n") == 0);
  CHECK(text.find("}} en {{") != std::string::npos);
  CHECK(text.find("\xe2\x80\x93\xe2\x80\x94&") != std::string::npos);
}

TEST_CASE("templateFieldTexts: nothing for a file that is not an ODF package", "[fields][needs]") {
  CHECK_FALSE(fields::templateFieldTexts("/nonexistent/template.ott"));
  CHECK_FALSE(fields::templateFieldTexts(RAADSBRIEF_SOURCE_DIR "/README.md"));
}

TEST_CASE("templateFieldTexts: the shipped raadsinformatiebrief needs 85098NED's, 85097NED's and cost figures",
          "[fields][needs]") {
  const auto texts = fields::templateFieldTexts(RAADSBRIEF_TEMPLATES_DIR "/raadsinformatiebrief.ott");
  REQUIRE(texts);
  CHECK(std::find(texts->begin(), texts->end(), "{{ontwikkeling jeugdhulp}}") != texts->end());
  CHECK(std::find(texts->begin(), texts->end(), "{{gemeente}}") != texts->end());
  const plan::FigureNeeds needs = plan::figureNeeds(*texts, {"2023"});
  CHECK(needs.indicators ==
        std::set<std::string>{"clienttevredenheid", "jeugdbescherming", "jeugdbescherming_verblijf", "jeugdhulp",
                              "jeugdreclassering", "kosten_per_traject", "residentieel", "trajecten_beeindigd",
                              "trajecten_begonnen", "trajecten_begonnen_gemeentelijke_toegang",
                              "trajecten_begonnen_huisarts", "trajecten_duur", "trajecten_herhaald", "trajecten_nieuw",
                              "trajecten_volgens_plan", "trajecten_voortijdig", "wachttijd"});
  // No year before CBS's 2021 break: the predecessor tables are not read for it.
  CHECK((needs.earliestYear == 0 || needs.earliestYear >= 2021));
}
