#include "net/HttpRetry.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Timespan.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <thread>

#include "util/Text.hpp"

namespace raadsbrief::net::detail {

namespace {

constexpr std::size_t kServerMessageLimit = 300;

}  // namespace

AttemptFailure fatal(std::string reason) {
  AttemptFailure failure;
  failure.reason = std::move(reason);
  return failure;
}

/// The server did not serve us in time: no further attempt, but a stale cached copy may answer.
AttemptFailure fatalUnreachable(std::string reason) {
  AttemptFailure failure{std::move(reason), false, true, std::nullopt};
  return failure;
}

/// A failure worth another attempt, after which a stale cached copy may answer.
AttemptFailure transient(std::string reason, std::optional<milliseconds> retryAfter) {
  AttemptFailure failure{std::move(reason), true, true, retryAfter};
  return failure;
}

void sleepUnlessCancelled(std::chrono::milliseconds delay, const std::shared_ptr<const CancelToken>& cancel) {
  const auto end = Clock::now() + delay;
  while (Clock::now() < end) {
    if (cancel) cancel->check();
    std::this_thread::sleep_for(std::min<Clock::duration>(end - Clock::now(), std::chrono::milliseconds(50)));
  }
  if (cancel) cancel->check();
}

std::string dutchSeconds(milliseconds d) {
  const auto ms = d.count();
  if (ms % 1000 == 0) return fmt::format("{} {}", ms / 1000, ms == 1000 ? "seconde" : "seconden");
  std::string s = fmt::format("{:.3f}", static_cast<double>(ms) / 1000.0);
  while (!s.empty() && s.back() == '0') s.pop_back();
  std::replace(s.begin(), s.end(), '.', ',');
  return s + " seconden";
}

std::optional<milliseconds> parseRetryAfter(const std::string& value) {
  const std::string v = util::trim(value);
  if (v.empty()) return std::nullopt;
  if (std::all_of(v.begin(), v.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
    if (v.size() > 9) return milliseconds(std::chrono::hours(24));
    return milliseconds(std::stoll(v) * 1000);
  }
  Poco::DateTime when;
  int tzd = 0;
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::HTTP_FORMAT, v, when, tzd)) return std::nullopt;
  when.makeUTC(tzd);
  const Poco::Timespan diff = when - Poco::DateTime();
  return milliseconds(std::max<Poco::Timespan::TimeDiff>(diff.totalMilliseconds(), 0));
}

std::string serverMessage(const std::string& body, const std::string& token) {
  std::string message;
  try {
    Poco::JSON::Parser parser;
    const auto root = parser.parse(body).extract<Poco::JSON::Object::Ptr>();
    if (!root) return {};
    if (const auto odata = root->getObject("odata.error")) {
      if (const auto m = odata->getObject("message"); m && m->has("value")) message = m->getValue<std::string>("value");
      else if (odata->has("message")) message = odata->getValue<std::string>("message");
    } else if (!root->has("error")) {
      return {};
    } else if (const auto error = root->getObject("error")) {
      if (error->has("message")) message = error->getValue<std::string>("message");
    } else {
      message = root->getValue<std::string>("error");
    }
  } catch (...) {
    return {};
  }
  // Never echo a token, even when a server quotes it back.
  if (!token.empty()) {
    for (auto pos = message.find(token); pos != std::string::npos; pos = message.find(token, pos))
      message.replace(pos, token.size(), "***");
  }
  for (auto& c : message)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  if (message.size() > kServerMessageLimit) message = message.substr(0, kServerMessageLimit) + "…";
  return util::trim(message);
}

std::string statusReason(int status, const std::string& message, bool haveToken) {
  const std::string detail = message.empty() ? std::string() : ": " + message;
  if (status == 401 || status == 403)
    return fmt::format("toegang geweigerd (HTTP {}) – {}{}", status,
                       haveToken ? "controleer het token" : "deze bron vraagt om een token", detail);
  if (status == 404) return fmt::format("niet gevonden (HTTP 404){}", detail);
  return fmt::format("HTTP {}{}", status, detail);
}

}  // namespace raadsbrief::net::detail
