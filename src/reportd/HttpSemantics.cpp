#include "HttpSemantics.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/DeflatingStream.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <sstream>

#include "util/Text.hpp"

namespace raadsbrief::reportd {

bool acceptsGzip(const std::optional<std::string>& header) {
  if (!header) return false;
  std::optional<bool> gzip, star;
  for (const std::string& element : util::splitTrimmed(*header, ',')) {
    const std::vector<std::string> parts = util::splitTrimmed(element, ';');
    const std::string coding = util::lowerAscii(parts.front());
    double q = 1.0;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      const std::string& param = parts[i];
      if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        try {
          q = std::stod(param.substr(2));
        } catch (const std::exception&) {
          q = 0.0;
        }
      }
    }
    if (coding == "gzip" || coding == "x-gzip") gzip = q > 0.0;
    else if (coding == "*") star = q > 0.0;
  }
  if (gzip) return *gzip;
  return star.value_or(false);
}

std::vector<std::string> entityTags(const std::string& header) {
  std::vector<std::string> tags;
  std::size_t i = 0;
  while (i < header.size()) {
    const char c = header[i];
    if (c == ' ' || c == '\t' || c == ',') {
      ++i;
    } else if (c == '*') {
      tags.emplace_back("*");
      ++i;
    } else if (c == 'W' && i + 1 < header.size() && header[i + 1] == '/') {
      i += 2;
    } else if (c == '"') {
      const auto end = header.find('"', i + 1);
      if (end == std::string::npos) break;
      tags.push_back(header.substr(i, end - i + 1));
      i = end + 1;
    } else {
      // Not a valid entity tag: skip to the next element.
      const auto comma = header.find(',', i);
      if (comma == std::string::npos) break;
      i = comma + 1;
    }
  }
  return tags;
}

std::string httpDate(std::chrono::system_clock::time_point t) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
  return Poco::DateTimeFormatter::format(Poco::Timestamp(micros), Poco::DateTimeFormat::HTTP_FORMAT);
}

std::optional<std::chrono::system_clock::time_point> parseHttpDate(const std::string& text) {
  Poco::DateTime dt;
  int tzd = 0;
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::HTTP_FORMAT, text, dt, tzd) &&
      !Poco::DateTimeParser::tryParse(text, dt, tzd))
    return std::nullopt;
  dt.makeUTC(tzd);
  // system_clock counts nanoseconds in 64 bits (years 1678–2261): a date outside that range
  // (a client may send year 1 or 9999) would overflow the conversion. Treat it as unusable.
  const Poco::Timestamp::TimeVal micros = dt.timestamp().epochMicroseconds();
  constexpr Poco::Timestamp::TimeVal kLimit = std::numeric_limits<std::int64_t>::max() / 1000;
  if (micros > kLimit || micros < -kLimit) return std::nullopt;
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::microseconds(micros)));
}

bool sameSecret(const std::string& a, const std::string& b) {
  const std::size_t n = std::max(a.size(), b.size());
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    const char x = i < a.size() ? a[i] : '\0';
    const char y = i < b.size() ? b[i] : '\0';
    diff = static_cast<unsigned char>(diff | (x ^ y));
  }
  return diff == 0;
}

std::string gzip(const std::string& data) {
  std::ostringstream out;
  {
    Poco::DeflatingOutputStream deflater(out, Poco::DeflatingStreamBuf::STREAM_GZIP, 6);
    deflater.write(data.data(), static_cast<std::streamsize>(data.size()));
    deflater.close();
  }
  return out.str();
}

}  // namespace raadsbrief::reportd
