#include "net/HttpBody.hpp"

#include <Poco/Exception.h>
#include <Poco/InflatingStream.h>
#include <fmt/format.h>

#include <istream>
#include <memory>

#include "net/HttpRetry.hpp"

namespace raadsbrief::net::detail {

namespace {

/// A stream buffer over the raw response body that counts what arrives from the network and
/// fails once more than `limit` bytes arrived. Reads go straight to the source buffer, so the
/// source's exceptions (timeouts, resets) propagate instead of being turned into a failbit.
class CountingBuf : public std::streambuf {
 public:
  CountingBuf(std::streambuf* source, std::size_t limit, std::size_t& counted)
      : source_(source), limit_(limit), counted_(counted) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const std::streamsize n = source_->sgetn(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    if (n <= 0) return traits_type::eof();
    counted_ += static_cast<std::size_t>(n);
    ownCount_ += static_cast<std::size_t>(n);
    if (ownCount_ > limit_) throw BodyTooLarge{};
    setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
    return traits_type::to_int_type(*gptr());
  }

 public:
  [[nodiscard]] std::size_t count() const noexcept { return ownCount_; }

 private:
  std::streambuf* source_;
  std::size_t limit_;
  std::size_t& counted_;      ///< the caller's running total over all requests
  std::size_t ownCount_ = 0;  ///< this body only
  std::array<char, 16 * 1024> buffer_{};
};

}  // namespace

std::string readBody(std::streambuf* raw, const Poco::Net::HTTPResponse& response, std::size_t limit, bool strict,
                     std::size_t& counted) {
  const std::string encoding = util::lowerAscii(util::trim(response.get("Content-Encoding", "")));
  const bool gzip = encoding == "gzip" || encoding == "x-gzip";
  const bool deflate = encoding == "deflate";
  if (!gzip && !deflate && !encoding.empty() && encoding != "identity") {
    if (!strict) return {};
    throw fatal(fmt::format("onbekende Content-Encoding '{}'", encoding));
  }
  const bool compressed = gzip || deflate;
  const std::size_t rawLimit = compressed ? limit + limit / 1000 + 1024 : limit;
  const auto tooLarge = [&] { return fatal(fmt::format("te groot antwoord (meer dan {} bytes)", limit)); };

  const auto declared = response.getContentLength64();
  if (strict && declared != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH && declared >= 0 &&
      static_cast<std::uint64_t>(declared) > rawLimit)
    throw tooLarge();
  const auto truncated = [&](std::size_t got) {
    return strict && declared != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH && declared >= 0 &&
           got < static_cast<std::uint64_t>(declared);
  };
  const auto truncatedFailure = [&](std::size_t got) {
    if (declared == Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH || declared < 0)
      return transient(fmt::format("onvolledig antwoord (verbinding verbroken na {} bytes)", got));
    return transient(fmt::format("onvolledig antwoord ({} van {} bytes ontvangen)", got, declared));
  };

  CountingBuf counting(raw, rawLimit, counted);
  std::string body;
  std::array<char, 16 * 1024> chunk{};
  try {
    std::streambuf* source = &counting;
    std::istream countingStream(&counting);
    countingStream.exceptions(std::ios::badbit);  // let network errors through the inflater
    std::unique_ptr<Poco::InflatingInputStream> inflating;
    if (compressed && counting.sgetc() != std::streambuf::traits_type::eof()) {
      inflating = std::make_unique<Poco::InflatingInputStream>(
          countingStream, gzip ? Poco::InflatingStreamBuf::STREAM_GZIP : Poco::InflatingStreamBuf::STREAM_ZLIB);
      source = inflating->rdbuf();
    }
    for (;;) {
      const std::streamsize n = source->sgetn(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      if (n <= 0) break;
      const auto room = limit - body.size();
      if (static_cast<std::size_t>(n) > room) {
        if (strict) throw tooLarge();
        body.append(chunk.data(), room);
        return body;
      }
      body.append(chunk.data(), static_cast<std::size_t>(n));
    }
  } catch (const BodyTooLarge&) {
    if (strict) throw tooLarge();
    return body;
  } catch (const ChunkedTruncated&) {
    if (strict) throw truncatedFailure(counting.count());
    return body;
  } catch (const Poco::Net::NetException&) {
    throw;
  } catch (const Poco::IOException& e) {  // zlib: corrupt or cut-off compressed data
    if (truncated(counting.count())) throw truncatedFailure(counting.count());
    if (!strict) return body;
    throw fatal(fmt::format("ongeldige gecomprimeerde gegevens ({})", e.message()));
  }
  if (truncated(counting.count())) throw truncatedFailure(counting.count());
  return body;
}

}  // namespace raadsbrief::net::detail
