// The exit-code table (src/core/ExitCodes.hpp) is the only one: the places that describe it for
// people say the same, code by code.
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "ExitCodes.hpp"

namespace {

std::string readSourceFile(const std::string& relative) {
  std::ifstream in(std::string(RAADSBRIEF_SOURCE_DIR) + "/" + relative, std::ios::binary);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The text between "<!-- exit-codes -->" and "<!-- /exit-codes -->".
std::string marked(const std::string& text) {
  const auto begin = text.find("<!-- exit-codes -->");
  const auto end = text.find("<!-- /exit-codes -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  return text.substr(begin, end - begin);
}

}  // namespace

TEST_CASE("Exit codes: every code is listed once, in order, and ErrorKind's values are kinds", "[exitcodes]") {
  for (std::size_t i = 0; i < raadsbrief::kExitCodes.size(); ++i) CHECK(raadsbrief::kExitCodes[i].code == int(i));
  using raadsbrief::ErrorKind;
  for (ErrorKind k : {ErrorKind::Internal, ErrorKind::Usage, ErrorKind::NotFound, ErrorKind::Data, ErrorKind::Template,
                      ErrorKind::Office, ErrorKind::Source, ErrorKind::Cancelled})
    CHECK(raadsbrief::exitCodeOfKind(static_cast<int>(k)) == static_cast<int>(k));
  CHECK(raadsbrief::exitCodeOfKind(0) == 1);  // not a failure kind: internal
  CHECK(raadsbrief::exitCodeOfKind(8) == 1);  // the batch's own code, never a Kind
  CHECK(raadsbrief::exitCodeOfKind(42) == 1);
}

TEST_CASE("Exit codes: docs/architecture.md has the table row by row", "[exitcodes]") {
  const std::string table = marked(readSourceFile("docs/architecture.md"));
  for (const auto& e : raadsbrief::kExitCodes) {
    const std::string row = "| " + std::to_string(e.code) + " | " + std::string(e.english) + " | " +
                            std::string(e.dutch) + " | " + (e.errorKind ? "yes" : "no") + " |";
    INFO(row);
    CHECK(table.find(row) != std::string::npos);
  }
  // Nothing more: one row per code.
  const std::regex rowPattern(R"(\n\| [0-9]+ \|)");
  const auto rows = std::distance(std::sregex_iterator(table.begin(), table.end(), rowPattern), std::sregex_iterator());
  CHECK(rows == static_cast<long>(raadsbrief::kExitCodes.size()));
}

TEST_CASE("Exit codes: README.md says the same in one sentence", "[exitcodes]") {
  std::string sentence = "Exit codes: ";
  for (const auto& e : raadsbrief::kExitCodes) {
    if (e.code > 0) sentence += ", ";
    sentence += std::to_string(e.code) + " " + std::string(e.english);
  }
  sentence += ".";
  // The README wraps lines: compare with runs of white space made one space.
  const std::string readme = std::regex_replace(marked(readSourceFile("README.md")), std::regex(R"(\s+)"), " ");
  INFO(sentence);
  CHECK(readme.find(sentence) != std::string::npos);
}

TEST_CASE("Exit codes: the IDL names each GenerationException.Kind", "[exitcodes]") {
  const std::string idl =
      std::regex_replace(readSourceFile("idl/nl/raadsbrief/GenerationException.idl"), std::regex(R"(\s+)"), " ");
  for (const auto& e : raadsbrief::kExitCodes) {
    if (!e.errorKind) continue;
    const std::string item = std::to_string(e.code) + " = " + std::string(e.english);
    INFO(item);
    CHECK(idl.find(item) != std::string::npos);
  }
}

TEST_CASE("Exit codes: the CLI's help lists them in Dutch", "[exitcodes]") {
  const std::string help = raadsbrief::exitCodesInDutch();
  CHECK(help.rfind("0 gelukt, 1 interne fout, 2 verkeerd gebruik", 0) == 0);
  CHECK(help.find("8 batch: een of meer gemeenten mislukt") != std::string::npos);
  CHECK(help.back() == '.');
}
