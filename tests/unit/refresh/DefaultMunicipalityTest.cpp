#include <catch2/catch.hpp>

#include <string>

#include "refresh/DefaultMunicipality.hpp"

using namespace raadsbrief::refresh;

namespace {
Binding bound(std::string id, std::string municipality) {
  Binding b;
  b.id = std::move(id);
  b.municipality = std::move(municipality);
  return b;
}
bool any(const std::string&) { return true; }
}  // namespace

TEST_CASE("Default municipality: the document's own, else the last chosen, never a fixed one", "[defaults]") {
  DocumentRecord katwijk;
  katwijk.bindings = {bound("Raadsbrief_1", "GM0537"), bound("Raadsbrief_2", "GM0546"),
                      bound("Raadsbrief_3", "GM0537")};
  CHECK(documentMunicipality(katwijk) == "GM0537");  // most figures are Katwijk's (one compares with Leiden)
  CHECK(defaultMunicipality(&katwijk, "GM0518", any) == "GM0537");

  DocumentRecord tie;
  tie.bindings = {bound("Raadsbrief_1", "GM0503"), bound("Raadsbrief_2", "GM0546")};
  CHECK(documentMunicipality(tie) == "GM0503");  // the first of equals

  DocumentRecord none;  // a document without figures
  CHECK(documentMunicipality(none).empty());
  CHECK(defaultMunicipality(&none, "GM0518", any) == "GM0518");
  CHECK(defaultMunicipality(nullptr, "GM0518", any) == "GM0518");
  CHECK(defaultMunicipality(nullptr, "", any).empty());  // nothing known: the user picks, no Leiden

  // A code the current figures do not have (another source, a merged municipality) is passed over.
  const auto onlyLeiden = [](const std::string& code) { return code == "GM0546"; };
  CHECK(defaultMunicipality(&katwijk, "GM0546", onlyLeiden) == "GM0546");
  CHECK(defaultMunicipality(&katwijk, "GM0518", onlyLeiden).empty());
}
