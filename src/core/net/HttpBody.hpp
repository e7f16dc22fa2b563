#pragma once
/// Internal to src/core/net: reading a response body within its limits — chunked transfer read
/// from the raw bytes (a cut-off body is noticed), gzip/deflate, the size limit before and after
/// decompression.
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <streambuf>
#include <string>

#include "util/Text.hpp"

namespace raadsbrief::net::detail {

/// Thrown by the counting stream buffer when the (compressed) body exceeds the limit.
struct BodyTooLarge {};

/// Thrown by the chunked decoder when the connection ends before the last chunk.
struct ChunkedTruncated {};

/// An HTTP client session whose raw, undecoded bytes can be read (for ChunkedBuf).
template <class Base>
class RawSession : public Base {
 public:
  using Base::Base;
  int readRaw(char* buffer, std::streamsize length) { return this->read(buffer, length); }
};

using RawReader = std::function<int(char*, std::streamsize)>;

/// Decodes a chunked body from the session's raw bytes. Poco 1.11's own decoder ends a body cut
/// off mid-chunk silently, as if it were complete; this one throws ChunkedTruncated.
class ChunkedBuf : public std::streambuf {
 public:
  explicit ChunkedBuf(RawReader read) : read_(std::move(read)) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (done_) return traits_type::eof();
    if (remaining_ == 0) {
      if (started_) expectLineEnd();  // after the previous chunk's data
      started_ = true;
      remaining_ = chunkSize();
      if (remaining_ == 0) {
        skipTrailers();
        done_ = true;
        return traits_type::eof();
      }
    }
    if (!fill()) throw ChunkedTruncated{};
    const auto n = std::min<std::size_t>(remaining_, end_ - pos_);
    setg(in_.data() + pos_, in_.data() + pos_, in_.data() + pos_ + n);
    pos_ += n;
    remaining_ -= n;
    return traits_type::to_int_type(*gptr());
  }

 private:
  bool fill() {
    if (pos_ < end_) return true;
    const int n = read_(in_.data(), static_cast<std::streamsize>(in_.size()));
    if (n <= 0) return false;
    pos_ = 0;
    end_ = static_cast<std::size_t>(n);
    return true;
  }
  char byte() {
    if (!fill()) throw ChunkedTruncated{};
    return in_[pos_++];
  }
  std::string line() {
    std::string text;
    for (char c = byte(); c != '\n'; c = byte()) {
      if (text.size() > 4096) throw Poco::Net::MessageException("chunk header too long");
      text += c;
    }
    if (!text.empty() && text.back() == '\r') text.pop_back();
    return text;
  }
  void expectLineEnd() {
    if (!line().empty()) throw Poco::Net::MessageException("malformed chunked encoding");
  }
  std::size_t chunkSize() {
    std::string text = line();
    if (const auto semicolon = text.find(';'); semicolon != std::string::npos) text.resize(semicolon);
    text = util::trim(text);
    if (text.empty() || text.size() > 15 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c) != 0; }))
      throw Poco::Net::MessageException("invalid chunk size");
    return static_cast<std::size_t>(std::stoull(text, nullptr, 16));
  }
  void skipTrailers() {
    try {
      while (!line().empty()) {
      }
    } catch (const ChunkedTruncated&) {
      // The body itself is complete; a missing end of the trailer section costs nothing.
    }
  }

  RawReader read_;
  std::array<char, 16 * 1024> in_{};
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::size_t remaining_ = 0;
  bool started_ = false;
  bool done_ = false;
};

/// Reads the body of `response` from `raw`: counts network bytes into `counted`, gunzips, and
/// enforces `limit` on the decoded (and, with slack for gzip overhead, on the raw) body. With
/// `strict` a body over the limit, a truncated body or undecodable gzip is an AttemptFailure;
/// without it (error bodies, read for their message only) the body is cut off quietly.
std::string readBody(std::streambuf* raw, const Poco::Net::HTTPResponse& response, std::size_t limit, bool strict,
                     std::size_t& counted);

}  // namespace raadsbrief::net::detail
