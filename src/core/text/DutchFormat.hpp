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

/// A value in its unit: percent "12,3%", euro "€ 1.234", score "7,4", count "1.234".
[[nodiscard]] std::string formatValue(double value, model::Unit unit, int decimals);

/// An observation of an indicator: the formatted value, or "–" when suppressed or missing.
[[nodiscard]] std::string formatObservation(const model::Observation& obs, const model::Indicator& ind);

/// "25 november 2026". Month 1..12; throws Error(Usage) on an invalid date.
[[nodiscard]] std::string formatDateLong(int year, int month, int day);

/// Formats an ISO date "2026-11-25" as "25 november 2026"; returns the input when not ISO.
[[nodiscard]] std::string formatIsoDateLong(const std::string& iso);

/// A LibreOffice number format code for the nl-NL locale showing values of this unit the way
/// formatValue() does: percent `#.##0,0"%"`, euro `"€ "#.##0`, others `#.##0,0`.
[[nodiscard]] std::string officeFormatCode(model::Unit unit, int decimals);

/// Lower-cases the first letter of an ASCII label ("Jongeren met jeugdhulp" → "jongeren met jeugdhulp").
[[nodiscard]] std::string lowerFirst(std::string s);

}  // namespace raadsbrief::text
