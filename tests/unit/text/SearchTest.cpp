// Finding a municipality the way people type it: any case, without accents, by code, by common
// and former names (text/Search).
#include <catch2/catch.hpp>

#include "data/DatasetReader.hpp"
#include "text/Search.hpp"

TEST_CASE("Search: municipalities by name or code, any case, without accents", "[search]") {
  using raadsbrief::text::foldForSearch;
  using raadsbrief::text::matchesSearch;
  CHECK(foldForSearch("Súdwest-Fryslân") == "sudwest-fryslan");
  CHECK(foldForSearch("'s-Hertogenbosch") == "'s-hertogenbosch");
  CHECK(foldForSearch("Łódź Čačak Ærø") == "lodz cacak aro");
  CHECK(foldForSearch("a×b") == "a×b");  // not a letter: kept as it is
  CHECK(matchesSearch("sudwest", "Súdwest-Fryslân", "GM1900"));
  CHECK(matchesSearch("LEID", "Leiden", "GM0546"));
  CHECK(matchesSearch("0546", "Leiden", "GM0546"));
  CHECK(matchesSearch("gm0546", "Leiden", "GM0546"));
  CHECK(matchesSearch("bosch hertogen", "'s-Hertogenbosch", "GM0796"));
  CHECK(matchesSearch("", "Leiden", "GM0546"));
  CHECK(matchesSearch("  ", "Leiden", "GM0546"));
  CHECK_FALSE(matchesSearch("delft", "Leiden", "GM0546"));
  CHECK_FALSE(matchesSearch("leiden x", "Leiden", "GM0546"));
}

TEST_CASE("Search: common and former names find the municipality", "[search]") {
  using raadsbrief::text::aliasesOf;
  using raadsbrief::text::matchesSearch;
  using raadsbrief::text::officialNameFor;
  CHECK(matchesSearch("Den Haag", "'s-Gravenhage", "GM0518"));
  CHECK(matchesSearch("den haag", "'s-Gravenhage", "GM0518"));
  CHECK(matchesSearch("haag", "'s-Gravenhage", "GM0518"));
  CHECK(matchesSearch("the hague", "'s-Gravenhage", "GM0518"));
  CHECK(matchesSearch("Den Bosch", "'s-Hertogenbosch", "GM0796"));
  CHECK(matchesSearch("tietjerksteradeel", "Tytsjerksteradiel", "GM0737"));
  CHECK(matchesSearch("zuidwest-friesland", "Súdwest-Fryslân", "GM1900"));
  CHECK(matchesSearch("Heerhugowaard", "Dijk en Waard", "GM1980"));
  CHECK(matchesSearch("hellevoetsluis", "Voorne aan Zee", "GM1992"));
  CHECK(matchesSearch("wunseradiel", "Súdwest-Fryslân", "GM1900"));  // accents of a former name too
  // An alias belongs to its own municipality only.
  CHECK_FALSE(matchesSearch("den haag", "Den Helder", "GM0400"));
  CHECK_FALSE(matchesSearch("den bosch", "'s-Gravenhage", "GM0518"));
  CHECK_FALSE(matchesSearch("heerhugowaard", "Leiden", "GM0546"));

  CHECK(officialNameFor("Den Haag") == "'s-Gravenhage");
  CHECK(officialNameFor("DEN BOSCH") == "'s-Hertogenbosch");
  CHECK(officialNameFor("Wunseradiel") == "Súdwest-Fryslân");
  CHECK(officialNameFor("Leiden").empty());
  CHECK(officialNameFor("den").empty());  // whole names only
  CHECK(aliasesOf("Leiden").empty());
  CHECK(aliasesOf("'s-Gravenhage").front() == "Den Haag");
}

TEST_CASE("Search: every alias names a municipality of the demo dataset and means one of them", "[search]") {
  // A name that is also a current municipality would hide it: no alias may be one.
  const auto ds = raadsbrief::data::readDatasetFile(RAADSBRIEF_DEMO_DATASET);
  std::size_t withAliases = 0;
  for (const auto& r : ds.regions()) {
    if (r.kind != raadsbrief::model::RegionKind::Municipality) continue;
    for (const auto alias : raadsbrief::text::aliasesOf(r.name)) {
      ++withAliases;
      for (const auto& other : ds.regions())
        if (other.kind == raadsbrief::model::RegionKind::Municipality)
          CHECK(raadsbrief::text::foldForSearch(other.name) != raadsbrief::text::foldForSearch(alias));
    }
  }
  CHECK(withAliases >= 70);  // all 71: the table's official names are spelled as in the dataset
}
