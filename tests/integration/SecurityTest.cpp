// Security checks that need the real CLI and soffice (docs/security.md): the warning about plain
// http, and that an endpoint token never leaves the password container / environment — not in
// messages, not in the document, not in the HTTP cache, not in the LibreOffice profile.
#include <catch2/catch.hpp>

#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/Zip/Compress.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>

#include <mutex>

#include "LoopbackServer.hpp"
#include "OdfDocument.hpp"
#include "TestSupport.hpp"

namespace fs = std::filesystem;
using namespace raadsbrief;
using namespace raadsbrief::test;

namespace {

/// raadsbrief-reportd on an ephemeral loopback port serving the demo dataset, asking for `token`.
class TokenServer : public BackgroundServer {
 public:
  explicit TokenServer(const std::string& token)
      : BackgroundServer(RAADSBRIEF_REPORTD, {"--port", "0", "--data", RAADSBRIEF_DEMO_DATASET},
                         {{"RAADSBRIEF_REPORTD_TOKEN", token}}) {}
};

std::string randomHex() {
  std::random_device random;
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%08x%08x", random(), random());
  return buffer;
}

std::string readAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return slurp(in);
}

/// Every file under `dir` whose bytes contain `needle`; zip packages (ODT, DOCX) are searched
/// entry by entry, unpacked. Counts the files searched in `searched`.
std::vector<std::string> filesContaining(const fs::path& dir, const std::string& needle, int& searched) {
  std::vector<std::string> found;
  if (!fs::exists(dir)) return found;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    ++searched;
    const std::string bytes = readAll(entry.path());
    if (bytes.find(needle) != std::string::npos) found.push_back(entry.path().string());
    if (bytes.rfind("PK\x03\x04", 0) == 0) {
      try {
        for (const auto& [name, content] : readZip(entry.path()))
          if (content.find(needle) != std::string::npos) found.push_back(entry.path().string() + "!" + name);
      } catch (...) {
        // not a readable package after all: the raw bytes were searched
      }
    }
  }
  return found;
}

std::vector<std::string> generateArgs(const std::string& source, const fs::path& output) {
  return {"generate", "--template", "raadsinformatiebrief", "--municipality", "Leiden", "--period", "2023", "--source",
          source,     "--output",   output.string()};
}

}  // namespace

TEST_CASE("Security: plain http to another machine is warned about on stderr, loopback is not", "[security][errors]") {
  const fs::path dir = outputDir("security-http");
  // --connect to a pipe nobody listens on: the run ends before any request is made, so no test
  // ever contacts another address; the warning comes first, from the arguments alone.
  const std::string pipe = "raadsbrief_niemand_" + randomHex();
  const auto attempt = [&](const std::string& source) {
    std::vector<std::string> args = generateArgs(source, dir / "x.odt");
    args.insert(args.end(), {"--connect", pipe});
    return run(RAADSBRIEF_CLI, args);
  };
  const RunResult remote = attempt("http://cijfers.example.nl/api/v1");
  CHECK(remote.exitCode == 6);
  CHECK_THAT(remote.err, Catch::StartsWith("raadsbrief: let op: de bron http://cijfers.example.nl/api/v1 gebruikt "
                                           "http zonder versleuteling"));
  CHECK_THAT(remote.err, Catch::Contains("Geen LibreOffice gevonden"));
  for (const std::string quiet : {"http://127.0.0.1:9/api/v1", "https://cijfers.example.nl/api/v1", "bundled"}) {
    INFO(quiet);
    const RunResult r = attempt(quiet);
    CHECK(r.exitCode == 6);
    CHECK(r.err.find("let op") == std::string::npos);
  }
  CHECK_FALSE(fs::exists(dir / "x.odt"));
}

TEST_CASE("Security: an endpoint token never shows in messages, documents, the HTTP cache or the profile",
          "[security][endpoint]") {
  const fs::path dir = outputDir("security-token");
  const std::string token = "tok-" + randomHex() + randomHex();
  const std::string wrong = "fout-" + randomHex();
  const std::map<std::string, std::string> env{{"XDG_CACHE_HOME", (dir / "cache").string()},
                                               {"RAADSBRIEF_TOKEN", token}};
  std::string everything;  // all stdout and stderr of all runs
  std::string url;
  {
    TokenServer server(token);
    url = server.url();
    // 1. With the token: the memo, over HTTP from the protected endpoint (fills the cache).
    RunResult r = cli(generateArgs(url, dir / "leiden.odt"), env);
    everything += r.out + r.err;
    INFO("stderr: " << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK_THAT(OdfDocument(dir / "leiden.odt").bodyText(), Catch::Contains("Leiden"));
    r = cli({"municipalities", "--source", url}, env);
    everything += r.out + r.err;
    CHECK(r.exitCode == 0);

    // 2. A wrong token and no token: refused, with a message about the token, never the token.
    r = cli(generateArgs(url, dir / "fout.odt"),
            {{"XDG_CACHE_HOME", (dir / "cache").string()}, {"RAADSBRIEF_TOKEN", wrong}});
    everything += r.out + r.err;
    CHECK(r.exitCode == 7);
    CHECK_THAT(r.err, Catch::Contains("HTTP 403") && Catch::Contains("token"));
    CHECK(r.err.find(wrong) == std::string::npos);
    r = cli(generateArgs(url, dir / "zonder.odt"), {{"XDG_CACHE_HOME", (dir / "cache").string()}});
    everything += r.out + r.err;
    CHECK(r.exitCode == 7);
    CHECK_THAT(r.err, Catch::Contains("HTTP 401") && Catch::Contains("token"));
  }
  // 3. The endpoint is gone: a clean failure, then the cached copy with --allow-stale.
  RunResult r = cli(generateArgs(url, dir / "weg.odt"), env);
  everything += r.out + r.err;
  CHECK(r.exitCode == 7);
  std::vector<std::string> args = generateArgs(url, dir / "uit-cache.odt");
  args.push_back("--allow-stale");
  r = cli(args, env);
  everything += r.out + r.err;
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  CHECK_THAT(OdfDocument(dir / "uit-cache.odt").bodyText(), Catch::Contains("uit de cache"));

  // Nowhere: output of the runs, the documents (unpacked), the cache, the LibreOffice profile.
  CHECK(everything.find(token) == std::string::npos);
  CHECK(everything.find(wrong) == std::string::npos);
  CHECK_FALSE(fs::exists(dir / "fout.odt"));
  CHECK_FALSE(fs::exists(dir / "zonder.odt"));
  CHECK_FALSE(fs::exists(dir / "weg.odt"));
  for (const fs::path& where : {dir, fs::path(RAADSBRIEF_TEST_PROFILE)}) {
    INFO(where);
    int searched = 0;
    CHECK(filesContaining(where, token, searched).empty());
    CHECK(filesContaining(where, wrong, searched).empty());
    CHECK(searched > 2);
  }
  // The search was not vacuous: the cache holds the dataset the protected endpoint served, and
  // the token is found where it does belong (the search finds what is there).
  int searched = 0;
  CHECK_FALSE(filesContaining(dir / "cache", "raadsbrief-dataset", searched).empty());
  std::ofstream(dir / "control.txt") << "x" << token << "x";
  CHECK(filesContaining(dir, token, searched).size() == 1);
}

namespace {

/// A stranger's reporting endpoint on loopback: serves the demo dataset to anyone and keeps every
/// Authorization header it is sent (empty when none).
class StrangerServer {
 public:
  StrangerServer()
      : dataset_(readAll(RAADSBRIEF_DEMO_DATASET)),
        server_(socket_, [this](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
          {
            std::lock_guard lock(mutex_);
            authorizations_.push_back(request.get("Authorization", ""));
          }
          response.setContentType("application/json");
          response.sendBuffer(dataset_.data(), dataset_.size());
        }) {}
  [[nodiscard]] std::string url() const {
    return "http://127.0.0.1:" + std::to_string(socket_.address().port()) + "/api/v1";
  }
  [[nodiscard]] std::vector<std::string> authorizations() {
    std::lock_guard lock(mutex_);
    return authorizations_;
  }

 private:
  std::string dataset_;
  Poco::Net::ServerSocket socket_{Poco::Net::SocketAddress("127.0.0.1", 0)};
  std::mutex mutex_;
  std::vector<std::string> authorizations_;
  LoopbackServer server_;
};

}  // namespace

TEST_CASE("Security: a document's recorded sources are suggestions, the user's token never follows them",
          "[security][refresh]") {
  const fs::path dir = outputDir("security-recorded-source");
  const std::string token = "tok-" + randomHex() + randomHex();
  const std::map<std::string, std::string> env{{"XDG_CACHE_HOME", (dir / "cache").string()},
                                               {"RAADSBRIEF_TOKEN", token}};
  StrangerServer stranger;
  // Someone else makes a memo from their own server and mails it.
  const fs::path memo = dir / "van-een-ander.odt";
  RunResult r = cli(generateArgs(stranger.url(), memo), {{"XDG_CACHE_HOME", (dir / "cache-ander").string()}});
  INFO("stderr: " << r.err);
  REQUIRE(r.exitCode == 0);
  const std::size_t asked = stranger.authorizations().size();
  const std::string original = readAll(memo);

  // The user refreshes it, with a token in the environment, without naming a source: refused,
  // naming the source; the stranger's server is not even asked; the file is unchanged.
  r = cli({"refresh", memo.string()}, env);
  CHECK(r.exitCode == 2);
  CHECK_THAT(r.err, Catch::Contains(stranger.url()) && Catch::Contains("--source"));
  CHECK(stranger.authorizations().size() == asked);
  CHECK(readAll(memo) == original);
  CHECK(r.err.find(token) == std::string::npos);

  // Naming it is the user's own choice; then it is used like any source the user names.
  r = cli({"refresh", memo.string(), "--source", stranger.url(), "--dry-run"}, env);
  CHECK(r.exitCode == 0);
  CHECK(stranger.authorizations().size() > asked);
}

TEST_CASE("Security: a source that is a device or a pipe is refused at once, not read", "[security]") {
  const fs::path dir = outputDir("security-device-source");
  // /dev/zero never ends: it used to be read until soffice was killed for lack of memory.
  RunResult r = cli(generateArgs("/dev/zero", dir / "nul.odt"));
  CHECK(r.exitCode == 4);
  CHECK_THAT(r.err, Catch::Contains("geen gewoon bestand"));
  CHECK_FALSE(fs::exists(dir / "nul.odt"));
}

namespace {

/// Writes `entries` as a zip (mimetype stored, first; the rest deflated), as ODF packages are.
void writeZip(const fs::path& path, const std::map<std::string, std::string>& entries) {
  std::ofstream out(path, std::ios::binary);
  Poco::Zip::Compress zip(out, true);
  auto add = [&](const std::string& name, const std::string& bytes) {
    std::istringstream in(bytes);
    zip.addFile(in, Poco::DateTime(), Poco::Path(name, Poco::Path::PATH_UNIX),
                name == "mimetype" ? Poco::Zip::ZipCommon::CM_STORE : Poco::Zip::ZipCommon::CM_DEFLATE);
  };
  add("mimetype", entries.at("mimetype"));
  for (const auto& [name, bytes] : entries)
    if (name != "mimetype" && name.back() != '/') add(name, bytes);
  zip.close();
}

}  // namespace

TEST_CASE("Security: a template with a linked image is refused and nothing is fetched", "[security][template]") {
  const fs::path dir = outputDir("security-linked-template");
  StrangerServer tracker;  // would see a request for the image
  auto entries = readZip(RAADSBRIEF_MEMO_OTT);
  std::string& content = entries.at("content.xml");
  const std::string image = tracker.url() + "/pixel.png";
  const std::size_t body = content.find("<office:text");
  REQUIRE(body != std::string::npos);
  const std::size_t at = content.find('>', body) + 1;
  content.insert(
      at,
      "<text:p><draw:frame draw:name=\"Logo\" text:anchor-type=\"as-char\" svg:width=\"1cm\" svg:height=\"1cm\">"
      "<draw:image xlink:href=\"" +
          image +
          "\" xlink:type=\"simple\" xlink:show=\"embed\" "
          "xlink:actuate=\"onLoad\"/></draw:frame></text:p>");
  const fs::path ott = dir / "huisstijl-met-link.ott";
  writeZip(ott, entries);
  const RunResult r = cli(
      {"generate", "--template", ott.string(), "--municipality", "Leiden", "--output", (dir / "memo.odt").string()});
  CHECK(r.exitCode == 5);
  CHECK_THAT(r.err, Catch::Contains("gekoppelde inhoud") && Catch::Contains(image));
  CHECK(tracker.authorizations().empty());  // not a single request
  CHECK_FALSE(fs::exists(dir / "memo.odt"));
}

TEST_CASE("Security: a zip bomb is refused before LibreOffice opens it", "[security][refresh]") {
  const fs::path dir = outputDir("security-zip-bomb");
  // A memo-looking document whose content.xml inflates 1000-fold (20 MB of spaces in a few KB).
  auto entries = readZip(RAADSBRIEF_MEMO_OTT);
  entries["mimetype"] = "application/vnd.oasis.opendocument.text";
  entries["content.xml"].insert(entries["content.xml"].find("<office:body"), std::string(20 * 1024 * 1024, ' '));
  const fs::path bomb = dir / "bom.odt";
  writeZip(bomb, entries);
  const std::string before = readAll(bomb);
  RunResult r = cli({"refresh", bomb.string()});
  CHECK(r.exitCode == 4);
  CHECK_THAT(r.err, Catch::Contains("content.xml") && Catch::Contains("zip-bom"));
  CHECK(readAll(bomb) == before);
  // The same as a template of the user's own.
  const fs::path ott = dir / "bom.ott";
  entries["mimetype"] = "application/vnd.oasis.opendocument.text-template";
  writeZip(ott, entries);
  r = cli(
      {"generate", "--template", ott.string(), "--municipality", "Leiden", "--output", (dir / "memo.odt").string()});
  CHECK(r.exitCode == 5);
  CHECK_THAT(r.err, Catch::Contains("zip-bom"));
}

TEST_CASE("Security: generate and refresh stop at --timeout, cleanly and with one message", "[security][timeout]") {
  const fs::path dir = outputDir("security-timeout");
  // An endpoint that takes the connection and never answers (nothing accepts it; the kernel does).
  const Poco::Net::ServerSocket silent(Poco::Net::SocketAddress("127.0.0.1", 0), 8);
  const std::string url = "http://127.0.0.1:" + std::to_string(silent.address().port()) + "/api/v1";
  const fs::path output = dir / "traag.odt";
  std::vector<std::string> args = generateArgs(url, output);
  args.insert(args.end(), {"--timeout", "3"});
  RunResult r = cli(args);
  CHECK(r.exitCode == 6);
  CHECK_THAT(r.err, Catch::Contains("--timeout (3 s)") && Catch::Contains("niets geschreven"));
  CHECK_FALSE(fs::exists(output));

  // A refresh against it: the same, and the document keeps every byte.
  const fs::path memo = dir / "memo.odt";
  r = cli({"generate", "--template", "raadsbrief", "--municipality", "Leiden", "--output", memo.string()});
  REQUIRE(r.exitCode == 0);
  const std::string before = readAll(memo);
  r = cli({"refresh", memo.string(), "--source", url, "--timeout", "3"});
  CHECK(r.exitCode == 6);
  CHECK_THAT(r.err, Catch::Contains("--timeout"));
  CHECK(readAll(memo) == before);
  r = cli({"refresh", memo.string(), "--timeout", "0"});
  CHECK(r.exitCode == 2);
}
