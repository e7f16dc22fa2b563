// sources/Loader: the source list, the one load path and its policy (tokens), the in-process memo;
// util/File: bounded reads of regular files only.
#include <catch2/catch.hpp>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include "Error.hpp"
#include "LoopbackServer.hpp"
#include "TestData.hpp"
#include "data/DatasetReader.hpp"
#include "sources/Loader.hpp"
#include "util/File.hpp"

using namespace raadsbrief;
using namespace raadsbrief::sources;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("raadsbrief-loader-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

LoadPolicy basicPolicy() {
  LoadPolicy policy;
  policy.bundledDataset = RAADSBRIEF_DEMO_DATASET;
  policy.http.maxRetries = 0;
  return policy;
}

/// A loopback server that answers GET …/dataset with the demo dataset and remembers every
/// Authorization header it was sent (empty when none).
struct RecordingEndpoint {
  Poco::Net::ServerSocket socket{Poco::Net::SocketAddress("127.0.0.1", 0)};
  std::mutex mutex;
  std::vector<std::string> authorizations;
  std::string dataset = slurp(RAADSBRIEF_DEMO_DATASET);
  test::LoopbackServer server{socket,
                              [this](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
                                {
                                  std::lock_guard lock(mutex);
                                  authorizations.push_back(request.get("Authorization", ""));
                                }
                                if (request.getURI().find("/api/v1/dataset") == 0) {
                                  response.setContentType("application/json");
                                  response.sendBuffer(dataset.data(), dataset.size());
                                } else {
                                  response.setStatus(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
                                  response.send() << "{}";
                                }
                              }};
  std::vector<std::string> seen() {
    std::lock_guard lock(mutex);
    return authorizations;
  }
  std::string base() const { return "http://127.0.0.1:" + std::to_string(socket.address().port()); }
};

}  // namespace

TEST_CASE("Loader: a source list is parsed once, in order, none is the bundled data", "[loader]") {
  const SourceList none = SourceList::parse("");
  REQUIRE(none.specs().size() == 1);
  CHECK(none.specs()[0].kind == SourceSpec::Kind::Bundled);
  const SourceList two = SourceList::parse("/data/eigen.json\n\n  \nhttp://127.0.0.1:8085/api/v1/\r\n");
  REQUIRE(two.specs().size() == 2);
  CHECK(two.specs()[0].kind == SourceSpec::Kind::File);
  CHECK(two.specs()[1].location == "http://127.0.0.1:8085/api/v1");
  CHECK(two.texts()[1] == "http://127.0.0.1:8085/api/v1/");
  CHECK_THROWS_AS(SourceList::parse("bundled\nftp://x/y"), Error);
}

TEST_CASE("Loader: a document's sources are trusted only when they are the user's own", "[loader][security]") {
  const SourceList mine = SourceList::of({"https://rapportage.gemeente.example/api/v1", "/home/ik/cijfers.json"});
  // The same sources, written differently (trailing '/', file URL), are the user's own.
  CHECK(SourceList::parse("https://rapportage.gemeente.example/api/v1/\nfile:///home/ik/cijfers.json")
            .notAmong(mine)
            .empty());
  CHECK(SourceList::parse("bundled").notAmong(SourceList()).empty());  // the extension's own data
  const auto strange = SourceList::parse("bundled\nhttps://evil.example/api/v1\n/etc/passwd").notAmong(mine);
  REQUIRE(strange.size() == 2);
  CHECK(displayName(strange[0]) == "https://evil.example/api/v1");
  CHECK(displayName(strange[1]) == "/etc/passwd");
  CHECK(displayName(SourceSpec{}) == "de meegeleverde voorbeeldcijfers");
}

TEST_CASE("Loader: several sources merge, the first wins, each part is reported", "[loader]") {
  const fs::path own = scratch("eigen.json");
  std::ofstream(own) << test::kSmallDataset;  // Leiden 2023: 12,3 % (the demo data has its own figure)
  const Figures figures = loadFigures(SourceList::of({own.string(), "bundled"}), basicPolicy());
  REQUIRE(figures.parts.size() == 2);
  CHECK(figures.requests == 0);
  CHECK(figures.parts[0].dataset->source.name == "Testbron");
  CHECK(figures.parts[1].dataset->hasFigures("GM0363"));  // Amsterdam: only in the demo data
  CHECK(figures.dataset->observation("GM0546", "jeugdhulp", "2023").value == 12.3);
  CHECK(figures.dataset->hasFigures("GM0363"));  // filled in from the second source
  CHECK(figures.dataset->supplements().size() == 1);
  // One source: the part itself, not a copy.
  const Figures one = loadFigures(SourceList::of({own.string()}), basicPolicy());
  CHECK(one.dataset == one.parts[0].dataset);
}

TEST_CASE("Loader: the memo keeps a file's figures while the file is unchanged", "[loader]") {
  const fs::path file = scratch("memo.json");
  fs::copy_file(RAADSBRIEF_DEMO_DATASET, file, fs::copy_options::overwrite_existing);
  DatasetMemo memo;
  const SourceSpec spec = parseSource(file.string());
  const auto first = memo.load(spec, basicPolicy());
  const auto again = memo.load(spec, basicPolicy());
  CHECK(first.dataset == again.dataset);  // the same parsed dataset
  fs::last_write_time(file, fs::last_write_time(file) + std::chrono::seconds(2));
  CHECK(memo.load(spec, basicPolicy()).dataset != first.dataset);  // changed: read again
  memo.clear();
  fs::remove(file);
  CHECK_THROWS_MATCHES(memo.load(spec, basicPolicy()), Error,
                       Catch::Predicate<Error>([](const Error& e) { return e.kind() == ErrorKind::NotFound; }));
}

TEST_CASE("Loader: a token goes to the reporting endpoint it is asked for, never to CBS", "[loader][security]") {
  RecordingEndpoint endpoint;
  LoadPolicy policy = basicPolicy();
  std::vector<std::string> askedFor;
  policy.token = [&](const std::string& location) {
    askedFor.push_back(location);
    return std::string("geheim-token");
  };
  const Loaded api = loadSource(parseSource(endpoint.base() + "/api/v1"), policy);
  CHECK(api.dataset->hasFigures("GM0546"));
  // A CBS table on the same host: public figures, no token (the load fails: this host is no CBS).
  CHECK_THROWS_AS(loadSource(parseSource(endpoint.base() + "/ODataApi/odata/85098NED"), policy), Error);
  REQUIRE(askedFor == std::vector<std::string>{endpoint.base() + "/api/v1"});
  const auto seen = endpoint.seen();
  REQUIRE(seen.size() >= 2);
  CHECK(seen.front() == "Bearer geheim-token");
  for (std::size_t i = 1; i < seen.size(); ++i) CHECK(seen[i].empty());
  // http.bearerToken in the policy is ignored: only the provider decides.
  LoadPolicy noProvider = basicPolicy();
  noProvider.http.bearerToken = "gelekt";
  (void)loadSource(parseSource(endpoint.base() + "/api/v1"), noProvider);
  CHECK(endpoint.seen().back().empty());
}

TEST_CASE("File: only regular files, bounded before and while reading", "[file][security]") {
  // A device that never ends: refused at once, nothing read (it used to grow soffice to 24 GB).
  CHECK_THROWS_MATCHES(util::readRegularFile("/dev/zero", util::kMaxDatasetBytes, "Dataset"), Error,
                       Catch::Predicate<Error>([](const Error& e) {
                         return e.kind() == ErrorKind::Data &&
                                std::string(e.what()).find("geen gewoon bestand") != std::string::npos;
                       }));
  CHECK_THROWS_MATCHES(data::readDatasetFile("/dev/zero"), Error,
                       Catch::Predicate<Error>([](const Error& e) { return e.kind() == ErrorKind::Data; }));
  // A FIFO would block the reader forever: refused without opening it.
  const fs::path fifo = scratch("pijp");
  fs::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_MATCHES(data::readDatasetFile(fifo), Error,
                       Catch::Predicate<Error>([](const Error& e) { return e.kind() == ErrorKind::Data; }));
  CHECK_FALSE(util::tryReadRegularFile(fifo, 1024).has_value());
  // A folder, a missing file, a file over the limit.
  CHECK_THROWS_MATCHES(util::readRegularFile(fifo.parent_path(), 1024, "Dataset"), Error,
                       Catch::Predicate<Error>([](const Error& e) { return e.kind() == ErrorKind::Data; }));
  CHECK_THROWS_MATCHES(util::readRegularFile(scratch("bestaat-niet"), 1024, "Dataset"), Error,
                       Catch::Predicate<Error>([](const Error& e) { return e.kind() == ErrorKind::NotFound; }));
  const fs::path big = scratch("groot.json");
  std::ofstream(big) << std::string(2048, 'x');
  CHECK_THROWS_MATCHES(util::readRegularFile(big, 1024, "Dataset"), Error, Catch::Predicate<Error>([](const Error& e) {
                         return e.kind() == ErrorKind::Data &&
                                std::string(e.what()).find("te groot") != std::string::npos;
                       }));
  CHECK_FALSE(util::tryReadRegularFile(big, 1024).has_value());
  CHECK(util::readRegularFile(big, 2048, "Dataset").size() == 2048);
  // A symbolic link to a regular file is read; to a device it is refused.
  const fs::path link = scratch("link.json");
  fs::remove(link);
  fs::create_symlink(big, link);
  CHECK(util::readRegularFile(link, 4096, "Dataset").size() == 2048);
  fs::remove(link);
  fs::create_symlink("/dev/zero", link);
  CHECK_THROWS_AS(util::readRegularFile(link, 4096, "Dataset"), Error);
  fs::remove_all(fifo.parent_path());
}
