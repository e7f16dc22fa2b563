// package/PackageCheck: zip bombs and linked content refused before LibreOffice opens a package.
#include <catch2/catch.hpp>

#include <Poco/Zip/Compress.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "Error.hpp"
#include "package/PackageCheck.hpp"

using namespace raadsbrief;
using namespace raadsbrief::package;
namespace fs = std::filesystem;

namespace {

fs::path makeZip(const std::string& name, const std::vector<std::pair<std::string, std::string>>& entries) {
  const fs::path dir = fs::temp_directory_path() / ("raadsbrief-package-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path path = dir / name;
  std::ofstream out(path, std::ios::binary);
  Poco::Zip::Compress zip(out, true);
  for (const auto& [entry, content] : entries) {
    std::istringstream in(content);
    zip.addFile(in, Poco::DateTime(), Poco::Path(entry, Poco::Path::PATH_UNIX),
                entry == "mimetype" ? Poco::Zip::ZipCommon::CM_STORE : Poco::Zip::ZipCommon::CM_DEFLATE);
  }
  zip.close();
  return path;
}

std::string content(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="o" xmlns:draw="d" )"
         R"(xmlns:xlink="x" xmlns:text="t"><office:body><office:text>)" +
         body + "</office:text></office:body></office:document-content>";
}

std::string refusal(const fs::path& path, const PackageLimits& limits = {}) {
  try {
    (void)inspectPackage(path, limits);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Data);
    return e.what();
  }
  FAIL("no refusal for " << path);
  return {};
}

}  // namespace

TEST_CASE("Package: an ordinary document passes, its own pictures are not links", "[package][security]") {
  const auto path = makeZip(
      "gewoon.odt",
      {{"mimetype", "application/vnd.oasis.opendocument.text"},
       {"content.xml",
        content(R"(<draw:frame><draw:image xlink:href="Pictures/logo.png" xlink:type="simple"/></draw:frame>)"
                R"(<draw:object xlink:href="./Object 1"/><text:a xlink:href="https://www.cbs.nl">CBS</text:a>)")},
       {"Pictures/logo.png", std::string(1000, 'p')}});
  const PackageReport report = inspectPackage(path);
  CHECK(report.entries == 3);
  CHECK(report.externalLinks.empty());  // a hyperlink is not fetched; a picture inside the package is not a link
}

TEST_CASE("Package: linked images, sections, objects and DDE are found", "[package][security]") {
  const auto links = findExternalLinks(
      "content.xml",
      content(
          R"(<draw:image xlink:href="http://tracker.example/pixel.png"/>)"
          R"(<text:section text:name="S"><text:section-source xlink:href="file:///etc/passwd" text:filter-name="Text"/></text:section>)"
          R"(<draw:object xlink:href="../elders/grafiek.ods"/><draw:image  xlink:href = '/home/ik/logo.png' />)"
          R"(<text:dde-connection-decl office:name="x" office:dde-application="soffice" office:dde-topic="t" office:dde-item="i"/>)"
          R"(<draw:imagemap/><draw:image xlink:href="Pictures/ok.png"/>)"));
  REQUIRE(links.size() == 5);
  CHECK(links[0].kind == "afbeelding");
  CHECK(links[0].target == "http://tracker.example/pixel.png");
  CHECK(links[1].target == "/home/ik/logo.png");
  CHECK(links[2].kind == "sectie");
  CHECK(links[2].target == "file:///etc/passwd");
  CHECK(links[3].kind == "object");
  CHECK(links[4].kind == "DDE-koppeling");
  const auto path = makeZip(
      "gekoppeld.ott", {{"mimetype", "application/vnd.oasis.opendocument.text-template"},
                        {"styles.xml", content(R"(<style:background-image xlink:href="https://x.example/a.png"/>)")}});
  const auto report = inspectPackage(path);
  REQUIRE(report.externalLinks.size() == 1);
  CHECK(report.externalLinks[0].entry == "styles.xml");
}

TEST_CASE("Package: zip bombs and oversized packages are refused before LibreOffice sees them", "[package][security]") {
  // 20 MB of spaces: a few KB packed. The ratio gives it away, naming the entry.
  const auto bomb = makeZip("bom.odt", {{"mimetype", "application/vnd.oasis.opendocument.text"},
                                        {"content.xml", content(std::string(20 * 1024 * 1024, ' '))}});
  CHECK(fs::file_size(bomb) < 1024 * 1024);
  CHECK_THAT(refusal(bomb), Catch::Contains("content.xml") && Catch::Contains("zip-bom"));
  // The limits one by one.
  PackageLimits small;
  small.maxXmlBytes = 512 * 1024;
  small.maxRatio = 1e9;
  CHECK_THAT(refusal(bomb, small), Catch::Contains("content.xml") && Catch::Contains("groter dan"));
  PackageLimits fewEntries;
  fewEntries.maxEntries = 1;
  fewEntries.maxRatio = 1e9;
  CHECK_THAT(refusal(bomb, fewEntries), Catch::Contains("onderdelen"));
  // Not a zip at all.
  const fs::path text = bomb.parent_path() / "tekst.odt";
  std::ofstream(text) << "dit is geen zip";
  CHECK_THAT(refusal(text), Catch::Contains("geen leesbaar"));
  CHECK_THROWS_MATCHES(inspectPackage(bomb.parent_path() / "bestaat-niet.odt"), Error,
                       Catch::Predicate<Error>([](const Error& e) { return e.kind() == ErrorKind::NotFound; }));
  fs::remove_all(bomb.parent_path());
}

TEST_CASE("Package: the shipped templates pass and link to nothing", "[package]") {
  for (const char* name : {"raadsinformatiebrief", "raadsbrief", "column", "nieuwsbericht"}) {
    const fs::path ott = fs::path(RAADSBRIEF_TEMPLATES_DIR) / (std::string(name) + ".ott");
    INFO(ott);
    REQUIRE(fs::exists(ott));
    const auto report = inspectPackage(ott);
    CHECK(report.entries > 3);
    CHECK(report.externalLinks.empty());
  }
}
