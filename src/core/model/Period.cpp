#include "model/Period.hpp"

#include <cctype>

namespace raadsbrief::model {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::string PeriodKey::id() const {
  return std::to_string(year) + (half == 0 ? std::string() : "-H" + std::to_string(half));
}

std::optional<PeriodKey> parsePeriod(std::string_view text) {
  const std::string t = upper(trim(text));
  if (t.size() < 4) return std::nullopt;
  for (std::size_t i = 0; i < 4; ++i)
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return std::nullopt;
  PeriodKey key;
  key.year = std::stoi(t.substr(0, 4));
  if (key.year < 1900 || key.year > 2999) return std::nullopt;
  const std::string rest = t.substr(4);
  if (rest.empty() || rest == "JJ00") return key;
  if (rest == "-H1" || rest == "H1" || rest == "HJ01") key.half = 1;
  else if (rest == "-H2" || rest == "H2" || rest == "HJ02") key.half = 2;
  else return std::nullopt;
  return key;
}

std::optional<std::string> normalisePeriodId(std::string_view text) {
  const auto key = parsePeriod(text);
  if (!key) return std::nullopt;
  return key->id();
}

bool periodBefore(const std::string& a, const std::string& b) {
  const auto ka = parsePeriod(a), kb = parsePeriod(b);
  if (ka && kb) return ka->order() < kb->order();
  if (ka.has_value() != kb.has_value()) return ka.has_value();
  return a < b;
}

PeriodKind periodKind(const std::string& id) {
  const auto key = parsePeriod(id);
  return key ? key->kind() : PeriodKind::Year;
}

std::optional<std::string> sameKindYearEarlier(const std::string& id) {
  auto key = parsePeriod(id);
  if (!key) return std::nullopt;
  --key->year;
  return key->id();
}

PeriodStatus parsePeriodStatus(std::string_view text) {
  const std::string t = lower(trim(text));
  if (t.find("nader") != std::string::npos && t.find("voorlopig") != std::string::npos)
    return PeriodStatus::FurtherProvisional;
  if (t.find("voorlopig") != std::string::npos) return PeriodStatus::Provisional;
  return PeriodStatus::Final;
}

std::string toString(PeriodStatus status) {
  switch (status) {
    case PeriodStatus::Final: return "definitief";
    case PeriodStatus::Provisional: return "voorlopig";
    case PeriodStatus::FurtherProvisional: return "nader voorlopig";
  }
  return "definitief";
}

std::string statusMark(PeriodStatus status) {
  switch (status) {
    case PeriodStatus::Final: return "";
    case PeriodStatus::Provisional: return "*";
    case PeriodStatus::FurtherProvisional: return "**";
  }
  return "";
}

std::string periodName(const std::string& id) {
  const auto key = parsePeriod(id);
  if (!key || key->half == 0) return key ? key->id() : id;
  return std::string("het ") + (key->half == 1 ? "eerste" : "tweede") + " halfjaar van " + std::to_string(key->year);
}

std::string periodShortLabel(const std::string& id) {
  const auto key = parsePeriod(id);
  if (!key || key->half == 0) return key ? key->id() : id;
  return std::to_string(key->half) + "e halfjaar " + std::to_string(key->year);
}

std::string statusWords(PeriodStatus status) {
  switch (status) {
    case PeriodStatus::Final: return "";
    case PeriodStatus::Provisional: return "voorlopige cijfers";
    case PeriodStatus::FurtherProvisional: return "nader voorlopige cijfers";
  }
  return "";
}

std::string periodPhrase(const std::string& id, PeriodStatus status) {
  const std::string words = statusWords(status);
  return "in " + periodName(id) + (words.empty() ? std::string() : " (" + words + ")");
}

std::string periodHeading(const std::string& id, PeriodStatus status) {
  const std::string words = statusWords(status);
  return periodShortLabel(id) + (words.empty() ? std::string() : " (" + words + ")");
}

}  // namespace raadsbrief::model
