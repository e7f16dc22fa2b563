#include "text/DutchFormat.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cmath>
#include <regex>

#include "Error.hpp"

namespace raadsbrief::text {

double roundTo(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  // Nudge by a tiny relative epsilon so that 12.25 stored as 12.2499999 still rounds up.
  const double scaled = value * scale;
  const double nudged = scaled + std::copysign(std::abs(scaled) * 1e-12, scaled);
  return std::round(nudged) / scale;
}

std::string formatNumber(double value, int decimals) {
  // The last line of defence: a document never says "inf%" or "nan" (the dataset readers bound
  // every value, but a sum or quotient of extreme values could still overflow).
  if (!std::isfinite(value)) throw Error(ErrorKind::Data, "Een cijfer is geen eindig getal (te groot of ongeldig)");
  if (decimals < 0) decimals = 0;
  double rounded = roundTo(value, decimals);
  if (rounded == 0.0) rounded = 0.0;  // no "-0"
  const std::string plain = fmt::format("{:.{}f}", std::abs(rounded), decimals);
  const auto dot = plain.find('.');
  const std::string whole = plain.substr(0, dot);
  std::string out;
  if (rounded < 0) out += '-';
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out += '.';
    out += whole[i];
  }
  if (dot != std::string::npos) out += ',' + plain.substr(dot + 1);
  return out;
}

std::string formatValue(double value, model::Unit unit, int decimals) {
  switch (unit) {
    case model::Unit::Percent: return formatNumber(value, decimals) + "%";
    case model::Unit::Euro: return "\u20ac\u00a0" + formatNumber(value, decimals);  // € + no-break space
    case model::Unit::Score:
    case model::Unit::Count: return formatNumber(value, decimals);
    case model::Unit::PerThousandYouth: return formatNumber(value, decimals) + "\u00a0per 1.000 jongeren";
    case model::Unit::Days:
      return formatNumber(value, decimals) + (roundTo(value, decimals) == 1.0 ? "\u00a0dag" : "\u00a0dagen");
  }
  return formatNumber(value, decimals);
}

std::string formatCellValue(double value, model::Unit unit, int decimals) {
  if (unit == model::Unit::PerThousandYouth || unit == model::Unit::Days) return formatNumber(value, decimals);
  return formatValue(value, unit, decimals);
}

std::string labelUnitSuffix(model::Unit unit) {
  if (unit == model::Unit::Days) return " (dagen)";
  return unit == model::Unit::PerThousandYouth ? " (per 1.000 jongeren)" : "";
}

std::string formatDifference(double difference, model::Unit unit, int decimals) {
  const double rounded = roundTo(difference, decimals);
  const std::string sign = rounded > 0 ? "+" : rounded < 0 ? "\u2212" : "";
  const std::string size = formatNumber(std::abs(rounded), decimals);
  switch (unit) {
    case model::Unit::Percent: return sign + size + "\u00a0pp";
    case model::Unit::Euro: return sign + "\u20ac\u00a0" + size;
    case model::Unit::Score:
    case model::Unit::Count:
    case model::Unit::PerThousandYouth:
    case model::Unit::Days: return sign + size;
  }
  return sign + size;
}

std::string numberInWords(double value) {
  static constexpr std::array<const char*, 21> words{
      "nul",      "\u00e9\u00e9n", "twee",    "drie",      "vier",     "vijf",      "zes",
      "zeven",    "acht",          "negen",   "tien",      "elf",      "twaalf",    "dertien",
      "veertien", "vijftien",      "zestien", "zeventien", "achttien", "negentien", "twintig"};
  if (!(value >= 0.0 && value <= 20.0) || std::floor(value) != value) return {};
  return words[static_cast<std::size_t>(value)];
}

std::string formatCountInText(double value, int decimals) {
  const std::string words = decimals > 0 ? std::string() : numberInWords(roundTo(value, 0));
  if (!words.empty()) return words;
  return formatNumber(value, decimals);
}

namespace {

/// A count or amount to the precision a newspaper uses (see formatRounded).
double roundForNews(double value) {
  const double size = std::abs(value);
  double step = 1.0;
  if (size >= 10000.0) step = 1000.0;
  else if (size >= 1000.0) step = 100.0;
  else if (size >= 100.0) step = 10.0;
  return roundTo(value / step, 0) * step;
}

}  // namespace

std::string formatRounded(double value, model::Unit unit) {
  switch (unit) {
    case model::Unit::Percent:
      if (value > 0.0 && roundTo(value, 0) == 0.0) return "minder dan 1 procent";
      return formatNumber(value, 0) + " procent";
    case model::Unit::Count: {
      const double rounded = roundForNews(value);
      const std::string words = numberInWords(rounded);
      return words.empty() ? formatNumber(rounded, 0) : words;
    }
    case model::Unit::Euro: return "\u20ac\u00a0" + formatNumber(roundForNews(value), 0);
    case model::Unit::Score: return formatNumber(value, 1);
    case model::Unit::PerThousandYouth: return formatNumber(value, 0) + "\u00a0per 1.000 jongeren";
    case model::Unit::Days: {  // whole days, like a newspaper: "41 dagen", "1 dag"
      const double days = roundTo(value, 0);
      return formatNumber(days, 0) + (days == 1.0 ? "\u00a0dag" : "\u00a0dagen");
    }
  }
  return formatNumber(value, 0);
}

std::string officeFormatCode(model::Unit unit, int decimals) {
  std::string code = "#.##0";
  if (decimals > 0) code += "," + std::string(static_cast<std::size_t>(decimals), '0');
  switch (unit) {
    case model::Unit::Percent: return code + "\"%\"";
    case model::Unit::Euro: return "\"\u20ac \"" + code;
    case model::Unit::Score:
    case model::Unit::Count:
    case model::Unit::PerThousandYouth:
    case model::Unit::Days: return code;
  }
  return code;
}

std::string formatObservation(const model::Observation& obs, const model::Indicator& ind) {
  return obs.hasValue() ? formatValue(obs.value, ind.unit, ind.decimals) : kNoFigure;
}

std::string formatObservationCell(const model::Observation& obs, const model::Indicator& ind) {
  return obs.hasValue() ? formatCellValue(obs.value, ind.unit, ind.decimals) : kNoFigure;
}

std::string formatDateLong(int year, int month, int day) {
  static constexpr std::array<const char*, 12> months{"januari",   "februari", "maart",    "april",
                                                      "mei",       "juni",     "juli",     "augustus",
                                                      "september", "oktober",  "november", "december"};
  static constexpr std::array<int, 12> days{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > days[static_cast<std::size_t>(month - 1)])
    throw Error(ErrorKind::Usage, fmt::format("Ongeldige datum {}-{}-{}", year, month, day));
  return fmt::format("{} {} {}", day, months[static_cast<std::size_t>(month - 1)], year);
}

std::string formatIsoDateLong(const std::string& iso) {
  static const std::regex pattern(R"((\d{4})-(\d{2})-(\d{2}))");
  std::smatch m;
  if (!std::regex_match(iso, m, pattern)) return iso;
  try {
    return formatDateLong(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
  } catch (const Error&) {
    return iso;
  }
}

std::string lowerFirst(std::string s) {
  if (!s.empty() && std::isupper(static_cast<unsigned char>(s[0])) &&
      !(s.size() > 1 && std::isupper(static_cast<unsigned char>(s[1]))))  // keep "JGT", "CBS"
    s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

}  // namespace raadsbrief::text
