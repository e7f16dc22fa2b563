#include "net/HttpClient.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/InflatingStream.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SocketDefs.h>  // the platform's socket API (shutdown), POSIX or Winsock
#include <Poco/SHA1Engine.h>
#include <Poco/Timespan.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <istream>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <streambuf>
#include <thread>

#include "Error.hpp"
#include "util/File.hpp"
#include "util/Text.hpp"

namespace raadsbrief::net {

namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

constexpr const char* kUserAgent = "Raadsbrief/0.1";
constexpr std::size_t kErrorBodyLimit = 64 * 1024;  ///< enough for a JSON error message
constexpr std::size_t kServerMessageLimit = 300;

/// One attempt that did not produce a usable HTTP exchange (or produced a failing status).
struct AttemptFailure {
  std::string reason;        ///< Dutch, without the "Bron <url>: " prefix
  bool retryable = false;    ///< 5xx, 429 and connection failures
  bool unreachable = false;  ///< the server could not serve us: a stale cached copy may answer
  std::optional<milliseconds> retryAfter;
};

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
AttemptFailure transient(std::string reason, std::optional<milliseconds> retryAfter = std::nullopt) {
  AttemptFailure failure{std::move(reason), true, true, retryAfter};
  return failure;
}

/// Thrown by the counting stream buffer when the (compressed) body exceeds the limit.
struct BodyTooLarge {};

/// Thrown by the chunked decoder when the connection ends before the last chunk.
struct ChunkedTruncated {};

using Clock = std::chrono::steady_clock;

/// Ends a response that takes longer than the whole request may: when `deadline` passes before
/// the watchdog is destroyed, it shuts the connection's socket down (SHUT_RDWR), which makes the
/// blocked receive return at once. The caller then sees fired() and reports the time limit; the
/// descriptor stays open (the session owns it and outlives the watchdog).
class Watchdog {
 public:
  Watchdog(poco_socket_t fd, Clock::time_point deadline, std::shared_ptr<const CancelToken> cancel)
      : cancel_(std::move(cancel)), thread_([this, fd, deadline] {
          std::unique_lock lock(mutex_);
          for (;;) {
            // Wakes every 50 ms to look at the cancel token (no token: only the deadline).
            const auto until = cancel_ ? std::min(deadline, Clock::now() + std::chrono::milliseconds(50)) : deadline;
            if (wake_.wait_until(lock, until, [this] { return done_; })) return;
            if (Clock::now() >= deadline || (cancel_ && cancel_->cancelled())) {
              fired_ = true;
        // The raw descriptor, both directions: the blocked receive returns at once. Not
        // through the (TLS) socket object: an SSL shutdown from this thread would race the
        // receiving one inside OpenSSL.
#ifdef _WIN32
              ::shutdown(fd, SD_BOTH);
#else
              ::shutdown(fd, SHUT_RDWR);
#endif
              return;
            }
          }
        }) {
  }
  ~Watchdog() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;
  [[nodiscard]] bool fired() const noexcept { return fired_; }

 private:
  std::shared_ptr<const CancelToken> cancel_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::atomic<bool> fired_{false};
  std::thread thread_;
};

/// Sleeps `delay`, in steps, so that a cancel ends it within ~50 ms.
void sleepUnlessCancelled(std::chrono::milliseconds delay, const std::shared_ptr<const CancelToken>& cancel) {
  const auto end = Clock::now() + delay;
  while (Clock::now() < end) {
    if (cancel) cancel->check();
    std::this_thread::sleep_for(std::min<Clock::duration>(end - Clock::now(), std::chrono::milliseconds(50)));
  }
  if (cancel) cancel->check();
}

/// The parts of an HTTP exchange that get() needs.
struct Exchange {
  int status = 0;
  std::string location;
  std::string etag;
  std::string lastModified;
  std::string contentType;
  std::string retryAfter;
  bool noStore = false;
  std::string body;  ///< 2xx: the whole decoded body; other statuses: at most kErrorBodyLimit
};

/// What the disk cache holds for one URL.
struct CacheEntry {
  std::string body;
  std::string etag;
  std::string lastModified;
  std::string fetchedAt;
  std::string contentType;
};

/// "2 seconden", "1 seconde", "0,3 seconden".
std::string dutchSeconds(milliseconds d) {
  const auto ms = d.count();
  if (ms % 1000 == 0) return fmt::format("{} {}", ms / 1000, ms == 1000 ? "seconde" : "seconden");
  std::string s = fmt::format("{:.3f}", static_cast<double>(ms) / 1000.0);
  while (!s.empty() && s.back() == '0') s.pop_back();
  std::replace(s.begin(), s.end(), '.', ',');
  return s + " seconden";
}

std::string isoNowUtc() { return Poco::DateTimeFormatter::format(Poco::DateTime(), "%Y-%m-%dT%H:%M:%SZ"); }

Poco::Timespan span(milliseconds d) {
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(std::max<milliseconds::rep>(d.count(), 0)) * 1000);
}

/// Retry-After as delta-seconds or as an HTTP date; nullopt when absent or unreadable.
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

/// The message of a JSON error body ({"error": {"message": ...}}, {"error": "..."}, or OData's
/// {"odata.error": {"message": {"value": ...}}}), if any.
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

/// Reads the body of `response` from `raw`: counts network bytes into `counted`, gunzips, and
/// enforces `limit` on the decoded (and, with slack for gzip overhead, on the raw) body. With
/// `strict` a body over the limit, a truncated body or undecodable gzip is an AttemptFailure;
/// without it (error bodies, read for their message only) the body is cut off quietly.
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

/// The TLS context for https: verified against the system CA store, or (explicit opt-out) not at
/// all. Created once and deliberately never destroyed (no teardown-order trouble at exit).
Poco::Net::Context::Ptr tlsContext(bool verify) {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
  const auto make = [](bool strict) {
    Poco::Net::Context::Params params;
    params.verificationMode = strict ? Poco::Net::Context::VERIFY_STRICT : Poco::Net::Context::VERIFY_NONE;
    params.loadDefaultCAs = strict;
    params.cipherList = "DEFAULT";
    auto* context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    return new Poco::Net::Context::Ptr(context);
  };
  if (verify) {
    static const Poco::Net::Context::Ptr* strict = make(true);
    return *strict;
  }
  static const Poco::Net::Context::Ptr* relaxed = make(false);
  return *relaxed;
}

bool isRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string origin(const Poco::URI& uri) {
  return fmt::format("{}://{}:{}", uri.getScheme(), util::lowerAscii(uri.getHost()), uri.getPort());
}

/// Turns the Poco exception being handled into an AttemptFailure.
[[noreturn]] void rethrowAsFailure(const Poco::URI& uri, const HttpOptions& options, bool sent) {
  try {
    throw;
  } catch (const Poco::TimeoutException&) {
    // Not retried: the configured timeout is how long the user agreed to wait (Tools ▸ Options ▸
    // Raadsbrief). Retrying a server that accepts and then says nothing multiplied that wait up
    // to the limit on the whole request (60 s while the options said 15 s).
    if (!sent) throw fatalUnreachable(fmt::format("geen verbinding binnen {}", dutchSeconds(options.connectTimeout)));
    throw fatalUnreachable(fmt::format("geen antwoord binnen {}", dutchSeconds(options.readTimeout)));
  } catch (const Poco::Net::ConnectionRefusedException&) {
    throw transient("verbinding geweigerd");
  } catch (const Poco::Net::SSLConnectionUnexpectedlyClosedException&) {
    throw transient("verbinding onverwacht verbroken");
  } catch (const Poco::Net::SSLException& e) {
    const std::string text = util::lowerAscii(e.displayText());
    if (text.find("certificate") != std::string::npos || text.find("verify") != std::string::npos)
      throw fatal(fmt::format("beveiligde verbinding geweigerd: certificaat niet vertrouwd ({})", e.displayText()));
    throw fatal(fmt::format("beveiligde verbinding (TLS) mislukt ({})", e.displayText()));
  } catch (const Poco::Net::ConnectionResetException&) {
    throw transient("verbinding verbroken");
  } catch (const Poco::Net::ConnectionAbortedException&) {
    throw transient("verbinding verbroken");
  } catch (const Poco::Net::NoMessageException&) {
    throw transient("verbinding verbroken zonder antwoord");
  } catch (const Poco::Net::DNSException&) {
    throw transient(fmt::format("onbekende host '{}'", uri.getHost()));
  } catch (const Poco::Net::MessageException& e) {
    throw fatal(fmt::format("ongeldig HTTP-antwoord ({})", e.message()));
  } catch (const Poco::Exception& e) {
    throw transient(fmt::format("netwerkfout ({})", e.displayText()));
  }
}

/// One GET over a fresh connection. Throws AttemptFailure for anything short of an HTTP status.
Exchange exchange(const Poco::URI& uri, const HttpOptions& options, bool withToken, const CacheEntry* cached,
                  std::size_t& counted, Clock::time_point deadline) {
  bool sent = false;
  // Both outside the try: on every way out, the watchdog (declared last) is stopped before the
  // session closes the descriptor it may shut down, which could otherwise be reused by then.
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  std::unique_ptr<Watchdog> watchdog;
  const auto overTime = [&] {
    return fatalUnreachable(fmt::format("geen volledig antwoord binnen {}", dutchSeconds(options.totalTimeout)));
  };
  try {
    RawReader readRaw;
    if (uri.getScheme() == "https") {
      auto https = std::make_unique<RawSession<Poco::Net::HTTPSClientSession>>(uri.getHost(), uri.getPort(),
                                                                               tlsContext(options.verifyTls));
      readRaw = [s = https.get()](char* buffer, std::streamsize length) { return s->readRaw(buffer, length); };
      session = std::move(https);
    } else {
      auto http = std::make_unique<RawSession<Poco::Net::HTTPClientSession>>(uri.getHost(), uri.getPort());
      readRaw = [s = http.get()](char* buffer, std::streamsize length) { return s->readRaw(buffer, length); };
      session = std::move(http);
    }
    const auto remaining = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    session->setTimeout(span(std::min(options.connectTimeout, remaining)), span(options.readTimeout),
                        span(options.readTimeout));
    session->setKeepAlive(false);

    std::string target = uri.getPathAndQuery();
    if (target.empty() || target.front() != '/') target.insert(0, "/");
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, target, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("User-Agent", kUserAgent);
    request.set("Accept-Encoding", "gzip");
    request.setKeepAlive(false);
    if (withToken && !options.bearerToken.empty()) request.setCredentials("Bearer", options.bearerToken);
    if (cached) {
      if (!cached->etag.empty()) request.set("If-None-Match", cached->etag);
      if (!cached->lastModified.empty()) request.set("If-Modified-Since", cached->lastModified);
    }

    session->sendRequest(request);
    sent = true;
    watchdog = std::make_unique<Watchdog>(session->socket().impl()->sockfd(), deadline, options.cancel);
    Poco::Net::HTTPResponse response;
    std::istream& stream = session->receiveResponse(response);
    // Poco's chunked decoder is bypassed (never read): the session still holds the raw body.
    std::unique_ptr<ChunkedBuf> chunked;
    std::streambuf* raw = stream.rdbuf();
    if (response.getChunkedTransferEncoding()) {
      chunked = std::make_unique<ChunkedBuf>(readRaw);
      raw = chunked.get();
    }

    Exchange result;
    result.status = static_cast<int>(response.getStatus());
    result.location = response.get("Location", "");
    result.etag = response.get("ETag", "");
    result.lastModified = response.get("Last-Modified", "");
    result.contentType = response.getContentType();
    if (result.contentType == Poco::Net::HTTPMessage::UNKNOWN_CONTENT_TYPE &&
        !response.has(Poco::Net::HTTPMessage::CONTENT_TYPE))
      result.contentType.clear();
    result.retryAfter = response.get("Retry-After", "");
    result.noStore = util::lowerAscii(response.get("Cache-Control", "")).find("no-store") != std::string::npos;

    if (result.status >= 200 && result.status < 300) {
      result.body = readBody(raw, response, options.maxBodyBytes, true, counted);
    } else if (result.status != 304 && !isRedirect(result.status)) {
      try {
        result.body = readBody(raw, response, std::min(kErrorBodyLimit, options.maxBodyBytes), false, counted);
      } catch (...) {
        // The status tells enough; the body was only wanted for its message.
      }
    }
    // A cut-off connection can look like a complete body (no Content-Length): ask the watchdog.
    if (options.cancel) options.cancel->check();
    if (watchdog->fired()) throw overTime();
    watchdog.reset();
    return result;
  } catch (const AttemptFailure&) {
    if (watchdog && watchdog->fired()) throw overTime();
    throw;
  } catch (const BodyTooLarge&) {
    throw fatal(fmt::format("te groot antwoord (meer dan {} bytes)", options.maxBodyBytes));
  } catch (const Poco::Exception&) {
    if (watchdog && watchdog->fired()) throw overTime();
    rethrowAsFailure(uri, options, sent);
  }
}

// ---- disk cache ------------------------------------------------------------------------------

/// A cache file: bounded (a body never exceeds the largest answer we accept), regular files only.
std::optional<std::string> readFile(const fs::path& path, std::size_t maxBytes) {
  return util::tryReadRegularFile(path, maxBytes);
}

struct CachePaths {
  fs::path body;
  fs::path meta;
};

CachePaths cachePaths(const fs::path& dir, const std::string& url) {
  const std::string key = util::sha1Hex(url);
  return {dir / (key + ".body"), dir / (key + ".meta.json")};
}

/// The cached copy of `url`, if both files are there and belong together (the metadata holds
/// the body's hash, so a half-finished update or a foreign file is ignored).
std::optional<CacheEntry> loadCache(const fs::path& dir, const std::string& url, std::size_t maxBodyBytes) {
  constexpr std::size_t kMaxMetaBytes = 64 * 1024;
  const auto paths = cachePaths(dir, url);
  const auto metaText = readFile(paths.meta, kMaxMetaBytes);
  if (!metaText) return std::nullopt;
  auto body = readFile(paths.body, maxBodyBytes);
  if (!body) return std::nullopt;
  try {
    Poco::JSON::Parser parser;
    const auto meta = parser.parse(*metaText).extract<Poco::JSON::Object::Ptr>();
    if (!meta || meta->optValue<std::string>("url", "") != url) return std::nullopt;
    if (meta->optValue<std::string>("sha1", "") != util::sha1Hex(*body)) return std::nullopt;
    CacheEntry entry;
    entry.body = std::move(*body);
    entry.etag = meta->optValue<std::string>("etag", "");
    entry.lastModified = meta->optValue<std::string>("lastModified", "");
    entry.fetchedAt = meta->optValue<std::string>("fetchedAt", "");
    entry.contentType = meta->optValue<std::string>("contentType", "");
    return entry;
  } catch (...) {
    return std::nullopt;
  }
}

/// Stores `entry` for `url`; the body first, then the metadata that vouches for it. A cache that
/// cannot be written costs only the next revalidation, so failures are ignored.
void storeCache(const fs::path& dir, const std::string& url, const CacheEntry& entry, bool writeBody) {
  try {
    fs::create_directories(dir);
    const auto paths = cachePaths(dir, url);
    if (writeBody) util::writeFileAtomically(paths.body, entry.body, true);
    Poco::JSON::Object meta;
    meta.set("url", url);
    meta.set("etag", entry.etag);
    meta.set("lastModified", entry.lastModified);
    meta.set("fetchedAt", entry.fetchedAt);
    meta.set("contentType", entry.contentType);
    meta.set("size", static_cast<Poco::UInt64>(entry.body.size()));
    meta.set("sha1", util::sha1Hex(entry.body));
    std::ostringstream text;
    meta.stringify(text, 2);
    util::writeFileAtomically(paths.meta, text.str(), true);
  } catch (...) {
  }
}

/// Forgets the cached copy of `url` (the server said it must not be stored).
void removeCache(const fs::path& dir, const std::string& url) {
  const auto paths = cachePaths(dir, url);
  std::error_code ignored;
  fs::remove(paths.meta, ignored);
  fs::remove(paths.body, ignored);
}

std::string statusReason(int status, const std::string& message, bool haveToken) {
  const std::string detail = message.empty() ? std::string() : ": " + message;
  if (status == 401 || status == 403)
    return fmt::format("toegang geweigerd (HTTP {}) – {}{}", status,
                       haveToken ? "controleer het token" : "deze bron vraagt om een token", detail);
  if (status == 404) return fmt::format("niet gevonden (HTTP 404){}", detail);
  return fmt::format("HTTP {}{}", status, detail);
}

}  // namespace

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)) {}

HttpResponse HttpClient::get(const std::string& url) {
  // Name the URL in messages, but never a password in its user-info part.
  std::string shown = url;
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::Exception&) {
    throw Error(ErrorKind::Source, fmt::format("Bron {}: ongeldige URL", url));
  }
  if (!uri.getUserInfo().empty()) {
    Poco::URI withoutUser = uri;
    withoutUser.setUserInfo("");
    shown = withoutUser.toString();
  }
  const auto fail = [&](const std::string& what) {
    return Error(ErrorKind::Source, fmt::format("Bron {}: {}", shown, what));
  };
  const auto supported = [](const Poco::URI& u) { return u.getScheme() == "http" || u.getScheme() == "https"; };
  if (!supported(uri))
    throw fail(uri.getScheme().empty()
                   ? std::string("geen http- of https-adres")
                   : fmt::format("alleen http en https worden ondersteund, niet '{}'", uri.getScheme()));
  if (uri.getHost().empty()) throw fail("geen server in het adres");

  const bool useCache = options_.cacheDir && !options_.cacheDir->empty();
  std::optional<CacheEntry> cached;
  if (useCache) cached = loadCache(*options_.cacheDir, url, options_.maxBodyBytes);

  HttpResponse out;
  const std::string startOrigin = origin(uri);
  Poco::URI current = uri;
  std::set<std::string> visited{current.toString()};
  const int maxRetries = std::max(options_.maxRetries, 0);
  const int maxRedirects = std::max(options_.maxRedirects, 0);
  int retries = 0;
  int redirects = 0;
  milliseconds backoff = std::max(options_.initialBackoff, milliseconds(0));
  const Clock::time_point deadline = Clock::now() + std::max(options_.totalTimeout, milliseconds(1));

  for (;;) {
    if (Clock::now() >= deadline)  // after a redirect
      throw fail(fmt::format("geen volledig antwoord binnen {}", dutchSeconds(options_.totalTimeout)));
    if (options_.cancel) options_.cancel->check();
    ++out.requests;
    std::optional<AttemptFailure> failure;
    Exchange ex;
    try {
      // The token goes to the origin it was meant for only, not to wherever a redirect points.
      ex = exchange(current, options_, origin(current) == startOrigin, cached ? &*cached : nullptr, out.bytesReceived,
                    deadline);
    } catch (const AttemptFailure& f) {
      failure = f;
    }
    if (options_.cancel) options_.cancel->check();  // a cut connection is a cancel, not a failure

    if (!failure) {
      if (ex.status >= 200 && ex.status < 300) {
        out.status = ex.status;
        out.body = std::move(ex.body);
        out.contentType = ex.contentType;
        out.etag = ex.etag;
        out.lastModified = ex.lastModified;
        out.fetchedAt = isoNowUtc();
        if (useCache && ex.noStore) removeCache(*options_.cacheDir, url);
        else if (useCache && ex.status == 200)
          storeCache(*options_.cacheDir, url, {out.body, out.etag, out.lastModified, out.fetchedAt, out.contentType},
                     true);
        return out;
      }
      if (ex.status == 304 && cached) {
        out.status = 200;
        out.body = cached->body;
        out.contentType = cached->contentType;
        out.etag = ex.etag.empty() ? cached->etag : ex.etag;
        out.lastModified = ex.lastModified.empty() ? cached->lastModified : ex.lastModified;
        out.fromCache = true;
        out.fetchedAt = isoNowUtc();  // the server just confirmed the cached body is current
        storeCache(*options_.cacheDir, url, {out.body, out.etag, out.lastModified, out.fetchedAt, out.contentType},
                   false);
        return out;
      }
      if (isRedirect(ex.status)) {
        if (ex.location.empty()) throw fail(fmt::format("doorverwijzing (HTTP {}) zonder Location", ex.status));
        Poco::URI next = current;
        try {
          next.resolve(ex.location);
        } catch (const Poco::Exception&) {
          throw fail(fmt::format("doorverwijzing naar een ongeldig adres ({})", ex.location));
        }
        if (!supported(next))
          throw fail(
              fmt::format("doorverwijzing naar {} geweigerd: alleen http en https worden ondersteund", ex.location));
        if (current.getScheme() == "https" && next.getScheme() == "http")
          throw fail(fmt::format("doorverwijzing van https naar http geweigerd ({})", ex.location));
        if (++redirects > maxRedirects) throw fail(fmt::format("te veel doorverwijzingen (meer dan {})", maxRedirects));
        if (!visited.insert(next.toString()).second)
          throw fail(fmt::format("te veel doorverwijzingen: doorverwijzingslus via {}", next.toString()));
        current = next;
        continue;
      }
      const std::string message = serverMessage(ex.body, options_.bearerToken);
      if (ex.status == 304) {
        failure = fatal("onverwacht HTTP 304 zonder gegevens in de cache");
      } else if (ex.status == 429 || ex.status >= 500) {
        failure = transient(statusReason(ex.status, message, false), parseRetryAfter(ex.retryAfter));
      } else {
        throw fail(statusReason(ex.status, message, !options_.bearerToken.empty()));
      }
    }

    milliseconds delay = failure->retryAfter ? *failure->retryAfter : backoff;
    delay = std::min(delay, options_.maxBackoff);
    // No retry that could not even start before the time limit.
    if (failure->retryable && retries < maxRetries && Clock::now() + delay < deadline) {
      if (delay.count() > 0) sleepUnlessCancelled(delay, options_.cancel);
      ++retries;
      backoff = std::min(backoff * 2, std::max(options_.maxBackoff, milliseconds(0)));
      continue;
    }
    std::string reason = failure->reason;
    if (retries > 0) reason += fmt::format(" (na {} pogingen)", retries + 1);
    if (failure->unreachable && options_.allowStaleCache && cached) {
      out.status = 200;
      out.body = cached->body;
      out.contentType = cached->contentType;
      out.etag = cached->etag;
      out.lastModified = cached->lastModified;
      out.fromCache = true;
      out.stale = true;
      out.fetchedAt = cached->fetchedAt;
      return out;
    }
    throw fail(reason);
  }
}

}  // namespace raadsbrief::net
