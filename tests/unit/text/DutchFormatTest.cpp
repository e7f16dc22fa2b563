#include <catch2/catch.hpp>

#include "Error.hpp"
#include "text/DutchFormat.hpp"

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

TEST_CASE("Format: rounded the way a newspaper writes it (vorm=afgerond, language level B1)", "[format][rounded]") {
  using model::Unit;
  CHECK(formatRounded(12.34, Unit::Percent) == "12 procent");
  CHECK(formatRounded(12.5, Unit::Percent) == "13 procent");
  CHECK(formatRounded(0.29, Unit::Percent) == "minder dan 1 procent");
  CHECK(formatRounded(0.0, Unit::Percent) == "0 procent");
  CHECK(formatRounded(3, Unit::Count) == "drie");
  CHECK(formatRounded(20, Unit::Count) == "twintig");
  CHECK(formatRounded(45, Unit::Count) == "45");
  CHECK(formatRounded(345, Unit::Count) == "350");
  CHECK(formatRounded(1234, Unit::Count) == "1.200");
  CHECK(formatRounded(12545, Unit::Count) == "13.000");
  CHECK(formatRounded(10235, Unit::Euro) == "\u20ac\u00a010.000");
  CHECK(formatRounded(7.44, Unit::Score) == "7,4");
  CHECK(formatRounded(3.96, Unit::PerThousandYouth) == "4\u00a0per 1.000 jongeren");
  CHECK(formatRounded(40.6, Unit::Days) == "41\u00a0dagen");  // own figures: waiting times
  CHECK(formatRounded(1.2, Unit::Days) == "1\u00a0dag");
}
