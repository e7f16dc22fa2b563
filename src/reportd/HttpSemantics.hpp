#pragma once
/// The HTTP rules the reporting API follows (RFC 9110/9111), apart from what it answers: content
/// coding (Accept-Encoding, gzip), entity tags (If-None-Match), HTTP dates (Last-Modified,
/// If-Modified-Since) and comparing a token without leaking its bytes through timing.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace raadsbrief::reportd {

/// True when an Accept-Encoding header accepts gzip (q > 0), explicitly or through "*".
[[nodiscard]] bool acceptsGzip(const std::optional<std::string>& header);
/// The entity tags of an If-None-Match header ("*" stays "*"); W/ prefixes dropped (weak comparison).
[[nodiscard]] std::vector<std::string> entityTags(const std::string& header);
/// An HTTP date: "Tue, 25 Nov 2026 10:00:00 GMT".
[[nodiscard]] std::string httpDate(std::chrono::system_clock::time_point t);
/// An HTTP date (or another date Poco can read); nullopt when unreadable or out of range.
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> parseHttpDate(const std::string& text);
/// Constant-time comparison, so the token cannot be guessed byte by byte from response times.
[[nodiscard]] bool sameSecret(const std::string& a, const std::string& b);
/// `data` gzip-compressed (level 6).
[[nodiscard]] std::string gzip(const std::string& data);

}  // namespace raadsbrief::reportd
