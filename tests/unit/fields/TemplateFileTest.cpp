#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "Error.hpp"
#include "fields/TemplateFile.hpp"

using namespace raadsbrief;
namespace fs = std::filesystem;

namespace {

/// The start of a zip package: one local file header for `name`, stored (method 0) or deflated
/// (8), with `data` after it, then the signature of the next entry.
std::string zipHead(const std::string& name, const std::string& data, int method = 0, int extra = 0) {
  std::string h("PK\x03\x04", 4);
  h += std::string("\x0a\x00\x00\x00", 4);  // version, flags
  h += static_cast<char>(method);
  h += '\0';
  h += std::string(16, '\x01');  // time, date, crc, sizes
  h += static_cast<char>(name.size());
  h += '\0';
  h += static_cast<char>(extra);
  h += '\0';
  return h + name + std::string(static_cast<std::size_t>(extra), 'x') + data + std::string("PK\x03\x04", 4);
}

}  // namespace

TEST_CASE("Template file: only an ODF text document or template is a template", "[template][security]") {
  CHECK(fields::looksLikeOdfText(zipHead("mimetype", "application/vnd.oasis.opendocument.text-template")));
  CHECK(fields::looksLikeOdfText(zipHead("mimetype", "application/vnd.oasis.opendocument.text")));
  CHECK(fields::looksLikeOdfText(zipHead("mimetype", "application/vnd.oasis.opendocument.text", 0, 4)));

  CHECK_FALSE(fields::looksLikeOdfText(""));
  CHECK_FALSE(fields::looksLikeOdfText("Dit is gewone tekst met een {{gemeente}}.\n"));
  CHECK_FALSE(fields::looksLikeOdfText(std::string("\x89PNG\r\n\x1a\n", 8) + std::string(200, '\0')));
  CHECK_FALSE(fields::looksLikeOdfText(zipHead("mimetype", "application/vnd.oasis.opendocument.spreadsheet")));
  CHECK_FALSE(fields::looksLikeOdfText(zipHead("mimetype", "application/vnd.oasis.opendocument.text-master")));
  CHECK_FALSE(fields::looksLikeOdfText(zipHead("mimetype", "application/vnd.oasis.opendocument.text", 8)));
  CHECK_FALSE(fields::looksLikeOdfText(zipHead("content.xml", "application/vnd.oasis.opendocument.text")));
  CHECK_FALSE(fields::looksLikeOdfText(zipHead("mimetype", "application/vnd.oasis.opendocument.te")));  // cut

  std::random_device random;
  const fs::path dir = fs::temp_directory_path() / ("raadsbrief-template-test-" + std::to_string(random()));
  fs::create_directories(dir);
  std::ofstream(dir / "goed.ott", std::ios::binary)
      << zipHead("mimetype", "application/vnd.oasis.opendocument.text-template");
  std::ofstream(dir / "tekst.ott") << "geen sjabloon";
  CHECK_NOTHROW(fields::checkTemplateFile(dir / "goed.ott"));
  CHECK_THROWS_MATCHES(fields::checkTemplateFile(dir / "tekst.ott"), Error,
                       Catch::Predicate<Error>([&](const Error& e) {
                         return e.kind() == ErrorKind::Template &&
                                std::string(e.what()).find("tekst.ott is geen Writer-sjabloon") != std::string::npos;
                       }));
  CHECK_THROWS_MATCHES(fields::checkTemplateFile(dir / "weg.ott"), Error,
                       Catch::Predicate<Error>([](const Error& e) { return e.kind() == ErrorKind::NotFound; }));
  fs::remove_all(dir);
}
