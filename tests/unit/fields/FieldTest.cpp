#include <catch2/catch.hpp>

#include "Error.hpp"
#include "fields/Field.hpp"

using namespace raadsbrief;
using namespace raadsbrief::fields;

TEST_CASE("Field: keyword, words and settings", "[fields]") {
  const Field f = parseField("{{cijfer jeugdhulp regio=nederland periode=vorige}}");
  CHECK(f.keyword == "cijfer");
  REQUIRE(f.words.size() == 1);
  CHECK(f.words[0] == "jeugdhulp");
  CHECK(f.setting("regio") == std::optional<std::string>("nederland"));
  CHECK(f.setting("periode") == std::optional<std::string>("vorige"));
  CHECK_FALSE(f.setting("met").has_value());
}

TEST_CASE("Field: spaces, no-break spaces and case are tolerated", "[fields]") {
  const Field f = parseField("{{  Cijfer\u00a0Jeugdhulp   }}");
  CHECK(f.keyword == "cijfer");
  REQUIRE(f.words.size() == 1);
  CHECK(f.words[0] == "jeugdhulp");
  CHECK(parseField("gemeente").keyword == "gemeente");
}

TEST_CASE("Field: broken fields are errors with a reason", "[fields][errors]") {
  CHECK_THROWS_WITH(parseField("{{}}"), Catch::Contains("leeg"));
  CHECK_THROWS_WITH(parseField("{{   }}"), Catch::Contains("leeg"));
  CHECK_THROWS_WITH(parseField("{{cijfer regio=}}"), Catch::Contains("geen waarde"));
  CHECK_THROWS_WITH(parseField("{{cijfer x regio=a regio=b}}"), Catch::Contains("twee keer"));
  CHECK_THROWS_WITH(parseField("{{cij{fer}}"), Catch::Contains("accolades"));
  CHECK_THROWS_WITH(parseField("{{%%}}"), Catch::Contains("sleutelwoord"));
  CHECK_THROWS_AS(parseField("{{cijfer R€gio=x}}"), Error);
}

TEST_CASE("Field: findFields finds every field in order", "[fields]") {
  const auto found = findFields("In {{periode}} kreeg {{cijfer jeugdhulp}} hulp; {{ niet dicht");
  REQUIRE(found.size() == 2);
  CHECK(found[0] == "{{periode}}");
  CHECK(found[1] == "{{cijfer jeugdhulp}}");
}

TEST_CASE("Field: a field longer than 500 characters is refused", "[field][security]") {
  CHECK_NOTHROW(fields::parseField("{{cijfer jeugdhulp " + std::string(400, 'x') + "=1}}"));
  CHECK_THROWS_WITH(fields::parseField("{{cijfer jeugdhulp " + std::string(600, 'x') + "}}"),
                    Catch::Contains("te lang"));
}
