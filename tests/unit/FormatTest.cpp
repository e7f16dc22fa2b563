#include <catch2/catch.hpp>

#include "Error.hpp"
#include "data/DatasetReader.hpp"
#include "text/DutchFormat.hpp"
#include "text/Search.hpp"

using namespace raadsbrief;
using namespace raadsbrief::text;

TEST_CASE("Format: numbers use Dutch separators", "[format]") {
  CHECK(formatNumber(1234.5, 1) == "1.234,5");
  CHECK(formatNumber(12.3, 1) == "12,3");
  CHECK(formatNumber(1234567.891, 2) == "1.234.567,89");
  CHECK(formatNumber(999, 0) == "999");
  CHECK(formatNumber(1000, 0) == "1.000");
  CHECK(formatNumber(0.25, 2) == "0,25");
  CHECK(formatNumber(-1234.5, 1) == "-1.234,5");
}

TEST_CASE("Format: rounding is half away from zero and never prints -0", "[format]") {
  CHECK(formatNumber(12.25, 1) == "12,3");
  CHECK(formatNumber(0.125, 2) == "0,13");
  CHECK(formatNumber(2.5, 0) == "3");
  CHECK(formatNumber(-0.04, 1) == "0,0");
  CHECK(roundTo(1.45, 1) == Approx(1.5));
}

TEST_CASE("Format: values carry their unit", "[format]") {
  CHECK(formatValue(12.3, model::Unit::Percent, 1) == "12,3%");
  CHECK(formatValue(1234, model::Unit::Euro, 0) == "\u20ac\u00a01.234");
  CHECK(formatValue(7.44, model::Unit::Score, 1) == "7,4");
  CHECK(formatValue(1234, model::Unit::Count, 0) == "1.234");
}

TEST_CASE("Format: suppressed and missing figures print a dash, never 0", "[format]") {
  model::Indicator ind{"x", "X", model::Unit::Percent, 1, model::Direction::Neutral, "", "", ""};
  CHECK(formatObservation(model::Observation::suppressed(), ind) == "\u2013");
  CHECK(formatObservation(model::Observation{}, ind) == "\u2013");
  CHECK(formatObservation(model::Observation::of(0.0), ind) == "0,0%");
}

TEST_CASE("Format: long Dutch dates", "[format]") {
  CHECK(formatDateLong(2026, 11, 25) == "25 november 2026");
  CHECK(formatDateLong(2024, 3, 1) == "1 maart 2024");
  CHECK(formatIsoDateLong("2026-01-09") == "9 januari 2026");
  CHECK(formatIsoDateLong("gisteren") == "gisteren");
  CHECK_THROWS_AS(formatDateLong(2026, 13, 1), Error);
  CHECK_THROWS_AS(formatDateLong(2026, 4, 31), Error);
}

TEST_CASE("Format: lowerFirst keeps abbreviations", "[format]") {
  CHECK(lowerFirst("Jongeren met jeugdhulp") == "jongeren met jeugdhulp");
  CHECK(lowerFirst("JGT-bereik") == "JGT-bereik");
  CHECK(lowerFirst("") == "");
}

TEST_CASE("Format: office number format codes for chart axes (nl-NL)", "[format]") {
  CHECK(officeFormatCode(model::Unit::Percent, 1) == "#.##0,0\"%\"");
  CHECK(officeFormatCode(model::Unit::Euro, 0) == "\"\u20ac \"#.##0");
  CHECK(officeFormatCode(model::Unit::Score, 2) == "#.##0,00");
}

TEST_CASE("Search: municipalities by name or code, any case, without accents", "[search]") {
  using raadsbrief::text::foldForSearch;
  using raadsbrief::text::matchesSearch;
  CHECK(foldForSearch("Súdwest-Fryslân") == "sudwest-fryslan");
  CHECK(foldForSearch("'s-Hertogenbosch") == "'s-hertogenbosch");
  CHECK(foldForSearch("Łódź Čačak Ærø") == "lodz cacak aro");
  CHECK(foldForSearch("a×b") == "a×b");  // not a letter: kept as it is
  CHECK(matchesSearch("sudwest", "Súdwest-Fryslân", "GM1900"));
  CHECK(matchesSearch("LEID", "Leiden", "GM0546"));
  CHECK(matchesSearch("0546", "Leiden", "GM0546"));
  CHECK(matchesSearch("gm0546", "Leiden", "GM0546"));
  CHECK(matchesSearch("bosch hertogen", "'s-Hertogenbosch", "GM0796"));
  CHECK(matchesSearch("", "Leiden", "GM0546"));
  CHECK(matchesSearch("  ", "Leiden", "GM0546"));
  CHECK_FALSE(matchesSearch("delft", "Leiden", "GM0546"));
  CHECK_FALSE(matchesSearch("leiden x", "Leiden", "GM0546"));
}

TEST_CASE("Search: common and former names find the municipality", "[search]") {
  using raadsbrief::text::aliasesOf;
  using raadsbrief::text::matchesSearch;
  using raadsbrief::text::officialNameFor;
  CHECK(matchesSearch("Den Haag", "'s-Gravenhage", "GM0518"));
  CHECK(matchesSearch("den haag", "'s-Gravenhage", "GM0518"));
  CHECK(matchesSearch("haag", "'s-Gravenhage", "GM0518"));
  CHECK(matchesSearch("the hague", "'s-Gravenhage", "GM0518"));
  CHECK(matchesSearch("Den Bosch", "'s-Hertogenbosch", "GM0796"));
  CHECK(matchesSearch("tietjerksteradeel", "Tytsjerksteradiel", "GM0737"));
  CHECK(matchesSearch("zuidwest-friesland", "Súdwest-Fryslân", "GM1900"));
  CHECK(matchesSearch("Heerhugowaard", "Dijk en Waard", "GM1980"));
  CHECK(matchesSearch("hellevoetsluis", "Voorne aan Zee", "GM1992"));
  CHECK(matchesSearch("wunseradiel", "Súdwest-Fryslân", "GM1900"));  // accents of a former name too
  // An alias belongs to its own municipality only.
  CHECK_FALSE(matchesSearch("den haag", "Den Helder", "GM0400"));
  CHECK_FALSE(matchesSearch("den bosch", "'s-Gravenhage", "GM0518"));
  CHECK_FALSE(matchesSearch("heerhugowaard", "Leiden", "GM0546"));

  CHECK(officialNameFor("Den Haag") == "'s-Gravenhage");
  CHECK(officialNameFor("DEN BOSCH") == "'s-Hertogenbosch");
  CHECK(officialNameFor("Wunseradiel") == "Súdwest-Fryslân");
  CHECK(officialNameFor("Leiden").empty());
  CHECK(officialNameFor("den").empty());  // whole names only
  CHECK(aliasesOf("Leiden").empty());
  CHECK(aliasesOf("'s-Gravenhage").front() == "Den Haag");
}

TEST_CASE("Search: every alias names a municipality of the demo dataset and means one of them", "[search]") {
  // A name that is also a current municipality would hide it: no alias may be one.
  const auto ds = raadsbrief::data::readDatasetFile(RAADSBRIEF_DEMO_DATASET);
  std::size_t withAliases = 0;
  for (const auto& r : ds.regions()) {
    if (r.kind != raadsbrief::model::RegionKind::Municipality) continue;
    for (const auto alias : raadsbrief::text::aliasesOf(r.name)) {
      ++withAliases;
      for (const auto& other : ds.regions())
        if (other.kind == raadsbrief::model::RegionKind::Municipality)
          CHECK(raadsbrief::text::foldForSearch(other.name) != raadsbrief::text::foldForSearch(alias));
    }
  }
  CHECK(withAliases >= 70);  // all 71: the table's official names are spelled as in the dataset
}

TEST_CASE("Format: rates per 1.000 jongeren", "[format]") {
  CHECK(formatValue(4.25, model::Unit::PerThousandYouth, 1) == "4,3\u00a0per 1.000 jongeren");
  CHECK(formatValue(1234.5, model::Unit::PerThousandYouth, 1) == "1.234,5\u00a0per 1.000 jongeren");
  // In a table the unit goes into the label, the cell holds the bare number.
  CHECK(formatCellValue(4.25, model::Unit::PerThousandYouth, 1) == "4,3");
  CHECK(formatCellValue(12.3, model::Unit::Percent, 1) == "12,3%");
  CHECK(labelUnitSuffix(model::Unit::PerThousandYouth) == " (per 1.000 jongeren)");
  CHECK(labelUnitSuffix(model::Unit::Percent).empty());
  CHECK(officeFormatCode(model::Unit::PerThousandYouth, 1) == "#.##0,0");
}

TEST_CASE("Format: days (waiting times)", "[format]") {
  CHECK(formatValue(34, model::Unit::Days, 0) == "34\u00a0dagen");
  CHECK(formatValue(1.2, model::Unit::Days, 0) == "1\u00a0dag");
  CHECK(formatValue(1.2, model::Unit::Days, 1) == "1,2\u00a0dagen");
  CHECK(formatCellValue(34, model::Unit::Days, 0) == "34");
  CHECK(labelUnitSuffix(model::Unit::Days) == " (dagen)");
  CHECK(formatDifference(-3, model::Unit::Days, 0) == "\u22123");
  CHECK(officeFormatCode(model::Unit::Days, 0) == "#.##0");
  CHECK(model::toString(model::Unit::Days) == "dagen");
}

TEST_CASE("Format: signed differences for the table's difference column", "[format]") {
  CHECK(formatDifference(0.5, model::Unit::Percent, 1) == "+0,5\u00a0pp");
  CHECK(formatDifference(12.3 - 14.7, model::Unit::Percent, 1) == "\u22122,4\u00a0pp");
  CHECK(formatDifference(0.29 - 0.29, model::Unit::Percent, 2) == "0,00\u00a0pp");
  CHECK(formatDifference(-0.00001, model::Unit::Percent, 1) == "0,0\u00a0pp");  // no "-0,0"
  CHECK(formatDifference(1435, model::Unit::Euro, 0) == "+\u20ac\u00a01.435");
  CHECK(formatDifference(-1435, model::Unit::Euro, 0) == "\u2212\u20ac\u00a01.435");
  CHECK(formatDifference(0.3, model::Unit::Score, 1) == "+0,3");
  CHECK(formatDifference(-1200, model::Unit::Count, 0) == "\u22121.200");
  CHECK(formatDifference(1.25, model::Unit::PerThousandYouth, 1) == "+1,3");
}

TEST_CASE("Format: small counts in words in running text, digits otherwise", "[format]") {
  CHECK(numberInWords(0) == "nul");
  CHECK(numberInWords(1) == "\u00e9\u00e9n");
  CHECK(numberInWords(3) == "drie");
  CHECK(numberInWords(12) == "twaalf");
  CHECK(numberInWords(20) == "twintig");
  CHECK(numberInWords(21).empty());
  CHECK(numberInWords(2.5).empty());
  CHECK(numberInWords(-1).empty());
  CHECK(formatCountInText(3, 0) == "drie");
  CHECK(formatCountInText(2.6, 0) == "drie");  // rounded first: the word is the figure shown
  CHECK(formatCountInText(21, 0) == "21");
  CHECK(formatCountInText(1234, 0) == "1.234");
  CHECK(formatCountInText(2.5, 1) == "2,5");
  CHECK(formatCountInText(3.0, 1) == "3,0");  // a count shown with decimals stays in digits
}
