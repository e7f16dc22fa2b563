#pragma once
/// Dutch number, value and date formatting (fmt based): 1.234,5 · 12,3% · € 1.234 · 25 november 2026.
#include <string>

#include "model/Dataset.hpp"

namespace raadsbrief::text {

/// The dash printed for a suppressed or missing figure (an en dash).
inline constexpr const char* kNoFigure = "\u2013";

/// Rounds half away from zero to `decimals` places (0..3); the value shown is the value used.
[[nodiscard]] double roundTo(double value, int decimals);

/// "1.234,5": '.' groups thousands, ',' separates decimals; rounds to `decimals` places.
[[nodiscard]] std::string formatNumber(double value, int decimals);

/// A value in its unit: percent "12,3%", euro "€ 1.234", score "7,4", count "1.234",
/// per 1.000 jongeren "4,2 per 1.000 jongeren", days "34 dagen" / "1 dag" (no-break space after
/// the number).
[[nodiscard]] std::string formatValue(double value, model::Unit unit, int decimals);

/// A value in a table cell, where the unit stands in the row's label when it is long: as
/// formatValue(), but a rate per 1.000 jongeren and a number of days are the bare number ("4,2").
[[nodiscard]] std::string formatCellValue(double value, model::Unit unit, int decimals);

/// The unit to add to a label when the cells show bare numbers: " (per 1.000 jongeren)",
/// " (dagen)", else "".
[[nodiscard]] std::string labelUnitSuffix(model::Unit unit);

/// A signed difference for a table column, `difference` already being the difference of the
/// rounded figures: percent "+0,5 pp" / "−0,3 pp" / "0,0 pp" (procentpunt), euro "+€ 1.635",
/// others "+1,2". The minus is U+2212 (the en dash means "no figure").
[[nodiscard]] std::string formatDifference(double difference, model::Unit unit, int decimals);

/// Whole numbers 0..20 in Dutch words ("nul", "één", "twee", …, "twintig"); empty otherwise.
[[nodiscard]] std::string numberInWords(double value);

/// A count in running text, rounded to `decimals`: with 0 decimals, 0..20 in words ("drie");
/// anything else in digits ("1.234", "2,5", "3,0"). Dutch house style: small numbers in words, but never
/// in tables or charts, with a unit or decimals, or next to a larger number in the same phrase
/// (callers then use digits for both).
[[nodiscard]] std::string formatCountInText(double value, int decimals);

/// A value rounded the way a newspaper writes it, for text at language level B1 (`{{cijfer IND
/// vorm=afgerond}}`): percent whole, "12 procent" ("minder dan 1 procent" for a small non-zero
/// share); counts 0..20 in words, below 100 whole, below 1.000 to tens, below 10.000 to hundreds,
/// larger to thousands ("1.200", "12.000"); euro likewise ("€ 10.200"); rates per 1.000 jongeren
/// whole ("4 per 1.000 jongeren"); report marks keep one decimal ("7,4").
[[nodiscard]] std::string formatRounded(double value, model::Unit unit);

/// An observation of an indicator: the formatted value, or "–" when suppressed or missing.
[[nodiscard]] std::string formatObservation(const model::Observation& obs, const model::Indicator& ind);

/// An observation in a table cell (formatCellValue), or "–" when suppressed or missing.
[[nodiscard]] std::string formatObservationCell(const model::Observation& obs, const model::Indicator& ind);

/// "25 november 2026". Month 1..12; throws Error(Usage) on an invalid date.
[[nodiscard]] std::string formatDateLong(int year, int month, int day);

/// Formats an ISO date "2026-11-25" as "25 november 2026"; returns the input when not ISO.
[[nodiscard]] std::string formatIsoDateLong(const std::string& iso);

/// A LibreOffice number format code for the nl-NL locale showing values of this unit the way
/// formatValue() does: percent `#.##0,0"%"`, euro `"€ "#.##0`, others (rates per 1.000 too) `#.##0,0`.
[[nodiscard]] std::string officeFormatCode(model::Unit unit, int decimals);

/// Lower-cases the first letter of an ASCII label ("Jongeren met jeugdhulp" → "jongeren met jeugdhulp").
[[nodiscard]] std::string lowerFirst(std::string s);

}  // namespace raadsbrief::text
