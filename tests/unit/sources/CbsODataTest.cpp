// The CBS StatLine adapter (sources/CbsOData) against a fake CBS server on 127.0.0.1 that answers
// with canned JSON in CBS's shapes: tests/fixtures/cbs/<variant>/<Entity>[-skip<N>].json, "{base}"
// replaced by the server's address; some cases answer from code instead.
#include <catch2/catch.hpp>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "Error.hpp"
#include "HttpTestOptions.hpp"
#include "LoopbackServer.hpp"
#include "sources/CbsOData.hpp"
#include "sources/Source.hpp"

using namespace raadsbrief;
using namespace raadsbrief::sources;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const fs::path kFixtures = RAADSBRIEF_CBS_FIXTURES;

struct Reply {
  int status = 200;
  std::string body;
};

/// One request as the fake server saw it.
struct Request {
  std::string target;                        ///< as sent
  std::string entity;                        ///< last path segment: "Observations"
  std::map<std::string, std::string> query;  ///< decoded: {"$skip": "12"}
};

/// A fake CBS server on 127.0.0.1 (ephemeral port). `answer` may reply to a request; when it
/// returns nullopt the fixture <dir>/<Entity>[-skip<N>].json is served, or a 404.
class FakeCbs {
 public:
  using Answer = std::function<std::optional<Reply>(const Request&)>;

  explicit FakeCbs(fs::path dir, Answer answer = {})
      : dir_(std::move(dir)),
        answer_(std::move(answer)),
        socket_(Poco::Net::SocketAddress("127.0.0.1", 0)),
        base_("http://127.0.0.1:" + std::to_string(socket_.address().port())),
        server_(
            socket_,
            [this](Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
              handle(request, response);
            },
            2) {}
  FakeCbs(const FakeCbs&) = delete;
  FakeCbs& operator=(const FakeCbs&) = delete;

  [[nodiscard]] std::string url(const std::string& path) const { return base_ + path; }
  [[nodiscard]] const std::string& base() const { return base_; }
  [[nodiscard]] std::vector<Request> requests() const {
    std::lock_guard lock(mutex_);
    return seen_;
  }
  /// The targets of the requests for one entity, in order.
  [[nodiscard]] std::vector<std::string> targets(const std::string& entity) const {
    std::vector<std::string> out;
    for (const auto& r : requests())
      if (r.entity == entity) out.push_back(r.target);
    return out;
  }

 private:
  Reply serve(const Request& request) {
    if (answer_) {
      if (auto reply = answer_(request)) return *reply;
    }
    std::string name = request.entity;
    if (const auto skip = request.query.find("$skip"); skip != request.query.end()) name += "-skip" + skip->second;
    std::ifstream in(dir_ / (name + ".json"), std::ios::binary);
    if (!in) return {404, R"({"error": {"code": "", "message": "Resource not found"}})"};
    std::ostringstream text;
    text << in.rdbuf();
    std::string body = text.str();
    for (auto at = body.find("{base}"); at != std::string::npos; at = body.find("{base}", at))
      body.replace(at, 6, base_);
    return {200, body};
  }

  void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    Request r;
    r.target = request.getURI();
    const Poco::URI uri(r.target);
    std::vector<std::string> segments;
    uri.getPathSegments(segments);
    if (!segments.empty()) r.entity = segments.back();
    for (const auto& [name, value] : uri.getQueryParameters()) r.query[name] = value;
    {
      std::lock_guard lock(mutex_);
      seen_.push_back(r);
    }
    const Reply reply = serve(r);
    response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
    response.setContentType("application/json;odata.metadata=minimal;charset=utf-8");
    response.sendBuffer(reply.body.data(), reply.body.size());
  }

  fs::path dir_;
  Answer answer_;
  Poco::Net::ServerSocket socket_;
  std::string base_;
  mutable std::mutex mutex_;
  std::vector<Request> seen_;
  test::LoopbackServer server_;  // last: stopped (in its destructor) before the members it calls into go
};

CbsLoaded loadWith(const std::string& url, const CbsOptions& options = {},
                   net::HttpOptions http = test::fastHttpOptions()) {
  net::HttpClient client(http);
  return loadCbsTable(url, client, options);
}

/// The Error(Source) message of loading `url`.
std::string loadError(const std::string& url, const CbsOptions& options = {},
                      net::HttpOptions http = test::fastHttpOptions()) {
  try {
    (void)loadWith(url, options, http);
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::Source);
    return e.what();
  }
  FAIL("no error for " << url);
  return {};
}

/// region → indicator → period → value; nullopt is a suppressed figure. Everything not listed
/// must be missing.
using Expected = std::map<std::string, std::map<std::string, std::map<std::string, std::optional<double>>>>;
constexpr std::nullopt_t kSuppressed = std::nullopt;

void checkObservations(const model::Dataset& ds, const Expected& expected) {
  for (const auto& [region, indicators] : expected) {
    REQUIRE(ds.findRegion(region));
    for (const auto& [indicator, periods] : indicators) {
      REQUIRE(ds.findIndicator(indicator));
      for (const auto& [period, value] : periods) REQUIRE(ds.findPeriod(period));
    }
  }
  int cells = 0;
  for (const auto& region : ds.regions()) {
    for (const auto& indicator : ds.indicators()) {
      for (const auto& period : ds.periods()) {
        INFO(region.code << " " << indicator.id << " " << period.id);
        const model::Observation got = ds.observation(region.code, indicator.id, period.id);
        std::optional<std::optional<double>> want;
        if (const auto r = expected.find(region.code); r != expected.end())
          if (const auto i = r->second.find(indicator.id); i != r->second.end())
            if (const auto p = i->second.find(period.id); p != i->second.end()) want = p->second;
        if (!want) {
          CHECK(got.state == model::Observation::State::Missing);
        } else if (!*want) {
          CHECK(got.state == model::Observation::State::Suppressed);
          CHECK_FALSE(got.hasValue());
          ++cells;
        } else {
          REQUIRE(got.state == model::Observation::State::Value);
          CHECK(got.value == **want);
          ++cells;
        }
      }
    }
  }
  std::size_t listed = 0;
  for (const auto& [region, indicators] : expected)
    for (const auto& [indicator, periods] : indicators) listed += periods.size();
  CHECK(static_cast<std::size_t>(cells) == listed);
}

std::vector<std::string> regionCodes(const model::Dataset& ds) {
  std::vector<std::string> out;
  for (const auto& r : ds.regions()) out.push_back(r.code);
  return out;
}

std::vector<std::string> indicatorIds(const model::Dataset& ds) {
  std::vector<std::string> out;
  for (const auto& i : ds.indicators()) out.push_back(i.id);
  return out;
}

/// "2019", "2020*" (provisional) ...
std::vector<std::string> periodIds(const model::Dataset& ds) {
  std::vector<std::string> out;
  for (const auto& p : ds.periods()) out.push_back(p.id + (p.provisional ? "*" : ""));
  return out;
}

const fs::path kV4 = kFixtures / "v4-85098NED";
const fs::path kV3 = kFixtures / "v3-82972NED";

}  // namespace

TEST_CASE("CBS: table URLs", "[cbs]") {
  const auto v4 = parseCbsLocation("https://odata4.cbs.nl/CBS/85098NED/");
  CHECK(v4.api == CbsApi::V4);
  CHECK(v4.table == "85098NED");
  CHECK(v4.location == "https://odata4.cbs.nl/CBS/85098NED");
  CHECK(parseCbsLocation("https://datasets.cbs.nl/odata/v1/CBS/85098NED").api == CbsApi::V4);
  const auto api = parseCbsLocation("http://127.0.0.1:8080/ODataApi/odata/82972NED");
  CHECK(api.api == CbsApi::V3Api);
  CHECK(api.table == "82972NED");
  CHECK(parseCbsLocation("https://opendata.cbs.nl/ODataFeed/odata/85098NED").api == CbsApi::V3Feed);
  for (const std::string bad : {"https://odata4.cbs.nl/CBS/85098NED/Observations?$top=1", "https://odata4.cbs.nl/CBS/",
                                "https://odata4.cbs.nl/CBS/85098NED/Observations", "https://example.org/api/v1",
                                "ftp://odata4.cbs.nl/CBS/85098NED"}) {
    INFO(bad);
    CHECK_THROWS_MATCHES(parseCbsLocation(bad), Error,
                         Catch::Predicate<Error>([](const Error& e) { return e.kind() == ErrorKind::Usage; }));
  }
}

TEST_CASE("CBS: the mapping table", "[cbs]") {
  std::vector<std::string> ids, keys;
  for (std::size_t i = 0; i < 5; ++i) {
    const auto& m = cbsMeasures()[i];
    ids.emplace_back(m.indicator);
    keys.emplace_back(m.v3Key);
    CHECK(m.unit == model::Unit::Percent);
    CHECK(m.dimension.empty());
    CHECK(m.tables == std::vector<std::string>{"85098NED", "82972NED"});
  }
  CHECK(ids == std::vector<std::string>{"jeugdhulp", "residentieel", "jeugdbescherming", "jeugdbescherming_verblijf",
                                        "jeugdreclassering"});
  CHECK(keys == std::vector<std::string>{"JongerenMetJeugdhulpInNatura_1", "JongerenMetJeugdhMetVerblInNat_2",
                                         "JongerenMetJeugdbescherming_3", "JeugdbeschEnJeugdhMetVerblInNat_4",
                                         "JongerenMetJeugdreclassering_5"});
  CHECK(cbsMeasures()[4].decimals == 2);
  CHECK(cbsMeasures()[0].direction == model::Direction::Neutral);
  CHECK(cbsMeasures()[1].direction == model::Direction::LowerIsBetter);
  // 85097NED: 8 trajectory measures for all referrers and seven referrers.
  REQUIRE(cbsMeasures().size() >= 5 + 8 * 8);
  std::set<std::string> unique;
  for (const auto& m : cbsMeasures()) {
    CHECK(unique.insert(m.indicator).second);
    CHECK_FALSE(m.label.empty());
    CHECK_FALSE(m.definition.empty());
  }
  CHECK(cbsMeasures()[5].indicator == "trajecten");
  CHECK(cbsMeasures()[5].category == "Totaal verwijzer");
  CHECK(cbsMeasures()[5].group == "Totaal jeugdhulptrajecten in natura");
  CHECK(cbsMeasures()[13].indicator == "trajecten_huisarts");
  CHECK(cbsMeasures()[21].indicator == "trajecten_gemeentelijke_toegang");
  CHECK(cbsMeasures()[21].category == "Gemeentelijke toegang");
  CHECK(cbsMeasures()[29].indicator == "trajecten_jeugdarts");
  CHECK(cbsMeasures()[37].indicator == "trajecten_gecertificeerde_instelling");
  CHECK(cbsMeasures()[45].indicator == "trajecten_medisch_specialist");
  CHECK(cbsMeasures()[53].indicator == "trajecten_rechter");
  CHECK(cbsMeasures()[61].indicator == "trajecten_geen_verwijzer");
  CHECK(cbsMeasures()[61].category == "Geen verwijzer");
  CHECK(cbsMeasures()[68].indicator == "trajecten_duur_geen_verwijzer");
}

TEST_CASE("CBS: OData v4 with two pages, trimmed keys, suppression and a provisional year", "[cbs]") {
  FakeCbs cbs(kV4);
  const std::string url = cbs.url("/CBS/85098NED");
  const CbsLoaded loaded = loadWith(url);
  const model::Dataset& ds = loaded.dataset;

  CHECK(ds.source.name == "CBS StatLine, tabel 85098NED");
  CHECK_FALSE(ds.source.demo);
  CHECK(ds.source.location == url);
  CHECK(ds.source.retrieved.size() == 10);
  CHECK(ds.source.staleFrom.empty());

  CHECK(indicatorIds(ds) == std::vector<std::string>{"jeugdhulp", "residentieel", "jeugdbescherming",
                                                     "jeugdbescherming_verblijf", "jeugdreclassering"});
  const auto* jeugdhulp = ds.findIndicator("jeugdhulp");
  REQUIRE(jeugdhulp);
  CHECK(jeugdhulp->source == "CBS 85098NED (Jongeren met jeugdhulp in natura)");
  CHECK(jeugdhulp->label == "Jongeren met jeugdhulp");
  CHECK(jeugdhulp->decimals == 1);
  CHECK(ds.findIndicator("jeugdreclassering")->decimals == 2);
  CHECK(ds.findIndicator("jeugdreclassering")->direction == model::Direction::LowerIsBetter);
  CHECK(ds.findIndicator("residentieel")->source == "CBS 85098NED (Jongeren met jeugdhulp met verblijf in natura)");

  // "NL01  " is NL01; provinces and COROP areas are left out; municipalities keep CBS's names.
  CHECK(regionCodes(ds) == std::vector<std::string>{"NL01", "GM0393", "GM0394", "GM0546"});
  REQUIRE(ds.country());
  CHECK(ds.country()->code == "NL01");
  CHECK(ds.country()->name == "Nederland");
  CHECK(ds.findRegion("GM0546")->name == "Leiden");
  CHECK(ds.findRegion("GM0546")->kind == model::RegionKind::Municipality);
  CHECK(ds.findRegion("GM0393")->name == "Haarlemmerliede en Spaarnwoude");
  CHECK_FALSE(ds.findRegion("PV28"));
  CHECK_FALSE(ds.findRegion("PV28  "));

  // Years only; 2021 is provisional.
  CHECK(periodIds(ds) == std::vector<std::string>{"2019", "2020", "2021*"});

  checkObservations(ds,
                    {
                        {"NL01",
                         {{"jeugdhulp", {{"2019", 11.5}, {"2020", 11.7}, {"2021", 11.8}}},
                          {"jeugdreclassering", {{"2019", 0.31}, {"2020", 0.30}, {"2021", 0.29}}}}},
                        {"GM0546",
                         {{"jeugdhulp", {{"2019", 12.6}, {"2020", 12.9}, {"2021", 12.3}}},
                          {"residentieel", {{"2019", 8.1}, {"2020", 8.0}, {"2021", 7.9}}},
                          {"jeugdbescherming", {{"2019", 1.2}, {"2020", kSuppressed}, {"2021", 1.1}}},
                          {"jeugdbescherming_verblijf", {{"2019", 44.0}}},
                          {"jeugdreclassering", {{"2019", 0.27}, {"2020", kSuppressed}, {"2021", kSuppressed}}}}},
                        // Merged away on 1 January 2020: figures for 2019 only; Value null with "None" is missing.
                        {"GM0393", {{"jeugdhulp", {{"2019", 9.4}}}, {"jeugdreclassering", {{"2019", kSuppressed}}}}},
                        // Its successor: 2020 onwards only, nothing of GM0393 attached to it.
                        {"GM0394", {{"jeugdhulp", {{"2020", 10.1}, {"2021", 10.4}}}}},
                    });
  CHECK(ds.observation("GM0394", "jeugdhulp", "2019").state == model::Observation::State::Missing);
  CHECK(ds.observation("GM0393", "jeugdhulp", "2020").state == model::Observation::State::Missing);

  // Both special values found in the data count as suppressed.
  CHECK(loaded.suppressedByAttribute == std::map<std::string, int>{{"Confidential", 2}, {"Impossible", 2}});

  // The measure code the code list does not know: a warning, not an error.
  REQUIRE(loaded.warnings.size() == 1);
  CHECK_THAT(loaded.warnings[0], Catch::Contains("M009999"));

  // The measures, the dimensions (this host has no Dimensions: none besides RegioS and Perioden),
  // two code lists, then the observations (filtered: the table has provinces, COROP areas and a
  // quarter we do not use) page by page following @odata.nextLink.
  CHECK(loaded.requests == 5);  // the 404 yielded nothing and is not counted
  CHECK(loaded.bytesReceived > 0);
  const auto requests = cbs.requests();
  REQUIRE(requests.size() == 6);
  CHECK(requests[0].target == "/CBS/85098NED/MeasureCodes");
  CHECK(requests[1].target == "/CBS/85098NED/Dimensions");
  CHECK(requests[2].target == "/CBS/85098NED/RegioSCodes");
  CHECK(requests[3].target == "/CBS/85098NED/PeriodenCodes");
  CHECK(requests[4].entity == "Observations");
  CHECK(requests[4].query.at("$filter") ==
        "(startswith(RegioS,'NL') or startswith(RegioS,'GM')) and "
        "(Perioden eq '2019JJ00' or Perioden eq '2020JJ00' or Perioden eq '2021JJ00')");
  CHECK(requests[5].target == "/CBS/85098NED/Observations?$skip=12");
}

TEST_CASE("CBS: sources::load reads a CBS table", "[cbs]") {
  FakeCbs cbs(kV4);
  LoadOptions options;
  options.http = test::fastHttpOptions();
  const auto spec = parseSource(cbs.url("/CBS/85098NED/"));
  REQUIRE(spec.kind == SourceSpec::Kind::CbsOData);
  const Loaded loaded = load(spec, options);
  REQUIRE(loaded.dataset);
  CHECK(loaded.dataset->source.name == "CBS StatLine, tabel 85098NED");
  CHECK(loaded.dataset->source.location == cbs.url("/CBS/85098NED"));
  CHECK(loaded.requests == 5);
  CHECK(loaded.bytesReceived > 0);
  CHECK(loaded.dataset->observation("GM0546", "jeugdhulp", "2021").value == 12.3);
  // Without the bundled dataset's directory there is no reference data: said, not fatal.
  REQUIRE_FALSE(loaded.warnings.empty());
  CHECK_THAT(loaded.warnings[0], Catch::Contains("referentiebestand van de jeugdregio's ontbreekt"));
  CHECK(loaded.dataset->findRegion("GM0546")->youthCareRegion.empty());
  // With it, Leiden is in Holland Rijnland (JZ18), a region without figures of CBS's here.
  options.bundledDataset = RAADSBRIEF_DEMO_DATASET;
  const Loaded withRegions = load(spec, options);
  CHECK(withRegions.dataset->findRegion("GM0546")->youthCareRegion == "JZ18");
  REQUIRE(withRegions.dataset->findRegion("JZ18"));
  CHECK(withRegions.dataset->findRegion("JZ18")->name == "Holland Rijnland");
  CHECK_FALSE(withRegions.dataset->hasFigures("JZ18"));
  CHECK(loaded.dataset->municipality("Leiden").code == "GM0546");
}

TEST_CASE("CBS: OData v3 feed with odata.nextLink and nulls", "[cbs]") {
  FakeCbs cbs(kV3);
  const std::string url = cbs.url("/ODataFeed/odata/82972NED");
  const CbsLoaded loaded = loadWith(url);
  const model::Dataset& ds = loaded.dataset;

  CHECK(ds.source.name == "CBS StatLine, tabel 82972NED");
  CHECK(ds.findIndicator("jeugdhulp")->source == "CBS 82972NED (JongerenMetJeugdhulpInNatura_1)");
  CHECK(indicatorIds(ds) == std::vector<std::string>{"jeugdhulp", "residentieel", "jeugdbescherming",
                                                     "jeugdbescherming_verblijf", "jeugdreclassering"});
  CHECK(regionCodes(ds) == std::vector<std::string>{"NL01", "GM0393", "GM0394", "GM0546"});
  CHECK(periodIds(ds) == std::vector<std::string>{"2019", "2020*"});

  // null is a suppressed figure (never 0); an absent row is missing.
  checkObservations(ds, {
                            {"NL01",
                             {{"jeugdhulp", {{"2019", 10.9}, {"2020", 11.2}}},
                              {"residentieel", {{"2019", 7.2}, {"2020", 7.0}}},
                              {"jeugdbescherming", {{"2019", 1.3}, {"2020", 1.2}}},
                              {"jeugdbescherming_verblijf", {{"2019", 40.1}, {"2020", 41.5}}},
                              {"jeugdreclassering", {{"2019", 0.33}, {"2020", 0.3}}}}},
                            {"GM0393",
                             {{"jeugdhulp", {{"2019", 9.0}}},
                              {"residentieel", {{"2019", kSuppressed}}},
                              {"jeugdbescherming", {{"2019", 0.9}}},
                              {"jeugdbescherming_verblijf", {{"2019", kSuppressed}}},
                              {"jeugdreclassering", {{"2019", kSuppressed}}}}},
                            {"GM0394",
                             {{"jeugdhulp", {{"2020", 10.1}}},
                              {"residentieel", {{"2020", 6.5}}},
                              {"jeugdbescherming", {{"2020", 1.0}}},
                              {"jeugdbescherming_verblijf", {{"2020", 38.0}}},
                              {"jeugdreclassering", {{"2020", 0.21}}}}},
                            {"GM0546",
                             {{"jeugdhulp", {{"2019", 12.4}, {"2020", 12.6}}},
                              {"residentieel", {{"2019", 8.2}, {"2020", 8.1}}},
                              {"jeugdbescherming", {{"2019", 1.4}, {"2020", kSuppressed}}},
                              {"jeugdbescherming_verblijf", {{"2019", 45.0}, {"2020", kSuppressed}}},
                              {"jeugdreclassering", {{"2019", 0.28}, {"2020", 0.27}}}}},
                        });
  CHECK_FALSE(ds.observation("GM0546", "jeugdbescherming", "2020").hasValue());

  CHECK(loaded.warnings.empty());  // every measure of the table is used
  CHECK(loaded.suppressedByAttribute.empty());

  CHECK(cbs.targets("DataProperties") ==
        std::vector<std::string>{"/ODataFeed/odata/82972NED/DataProperties?$format=json"});
  CHECK(cbs.targets("TypedDataSet") ==
        std::vector<std::string>{"/ODataFeed/odata/82972NED/TypedDataSet?$format=json",
                                 "/ODataFeed/odata/82972NED/TypedDataSet?$format=json&$skip=3"});
  CHECK(loaded.requests == 5);
}

TEST_CASE("CBS: the lists only over v3: DataProperties, RegioS and Perioden, never TypedDataSet", "[cbs][lists]") {
  FakeCbs cbs(kV3);
  CbsOptions options;
  options.observations = false;
  const CbsLoaded loaded = loadWith(cbs.url("/ODataFeed/odata/82972NED"), options);
  const model::Dataset& ds = loaded.dataset;
  CHECK(cbs.targets("TypedDataSet").empty());
  CHECK(loaded.requests == 3);
  CHECK(regionCodes(ds) == std::vector<std::string>{"NL01", "GM0393", "GM0394", "GM0546"});
  CHECK(periodIds(ds) == std::vector<std::string>{"2019", "2020*"});
  CHECK(indicatorIds(ds).size() == 5);
  for (const char* code : {"NL01", "GM0393", "GM0394", "GM0546"}) CHECK_FALSE(ds.hasFigures(code));
}

namespace {

/// A generated ODataApi table of 501 regions × 5 years (2505 rows, 5 measures). It refuses, like
/// CBS, any request for more than 10,000 cells, counting every field of a row (ID, RegioS,
/// Perioden and the five measures), so our own estimate (rows × measures) is still too large.
class BigTable {
 public:
  static constexpr int kRegions = 501;  // NL01 + GM1000..GM1499
  static constexpr int kYears = 5;      // 2019..2023

  static std::string regionCode(int r) { return r == 0 ? "NL01  " : fmt::format("GM{}", 999 + r); }
  static int year(int y) { return 2019 + y; }
  /// A figure that JSON carries exactly (a multiple of 1/4).
  static double value(int row, int measure) { return (row % 200) * 0.25 + measure; }
  /// Every 7th row has its jeugdreclassering suppressed.
  static bool suppressed(int row, int measure) { return measure == 4 && row % 7 == 3; }

  static std::optional<Reply> answer(const Request& r, std::string limitMessage) {
    if (r.entity == "DataProperties") {
      std::string rows =
          R"({"odata.type": "Cbs.OData.GeoDimension", "ID": 0, "Type": "GeoDimension", "Key": "RegioS", "Title": "Regio's"},
        {"odata.type": "Cbs.OData.TimeDimension", "ID": 1, "Type": "TimeDimension", "Key": "Perioden", "Title": "Perioden"})";
      for (int m = 0; m < 5; ++m)
        rows += fmt::format(
            R"(, {{"odata.type": "Cbs.OData.Topic", "ID": {}, "Type": "Topic", "Key": "{}", "Title": "{}", "Unit": "%", "Decimals": 1}})",
            m + 2, kKeys[m], kTitles[m]);
      return Reply{200, R"({"odata.metadata": "x", "value": [)" + rows + "]}"};
    }
    if (r.entity == "RegioS") {
      std::string rows;
      for (int i = 0; i < kRegions; ++i)
        rows += fmt::format(R"({}{{"Key": "{}", "Title": "{}", "Description": null}})", i ? ", " : "", regionCode(i),
                            i == 0 ? "Nederland" : fmt::format("Gemeente {}", i));
      return Reply{200, R"({"odata.metadata": "x", "value": [)" + rows + "]}"};
    }
    if (r.entity == "Perioden") {
      std::string rows;
      for (int y = 0; y < kYears; ++y)
        rows += fmt::format(R"({}{{"Key": "{}JJ00", "Title": "{}", "Description": "", "Status": "{}"}})", y ? ", " : "",
                            year(y), year(y), y == kYears - 1 ? "Voorlopig" : "Definitief");
      return Reply{200, R"({"odata.metadata": "x", "value": [)" + rows + "]}"};
    }
    if (r.entity != "TypedDataSet") return std::nullopt;
    const int total = kRegions * kYears;
    const auto param = [&](const char* name, int fallback) {
      const auto it = r.query.find(name);
      return it == r.query.end() ? fallback : std::stoi(it->second);
    };
    const int skip = param("$skip", 0);
    const int top = param("$top", total);
    const int count = std::max(0, std::min(top, total - skip));
    if (count * 8 > 10000) return Reply{500, limitMessage};
    std::string rows;
    for (int row = skip; row < skip + count; ++row) {
      rows += fmt::format(R"({}{{"ID": {}, "RegioS": "{}", "Perioden": "{}JJ00")", row > skip ? ", " : "", row,
                          regionCode(row / kYears), year(row % kYears));
      for (int m = 0; m < 5; ++m) {
        if (suppressed(row, m)) rows += fmt::format(R"(, "{}": null)", kKeys[m]);
        else rows += fmt::format(R"(, "{}": {})", kKeys[m], value(row, m));
      }
      rows += "}";
    }
    return Reply{200, R"({"odata.metadata": "x", "value": [)" + rows + "]}"};
  }

  /// What the table must read as.
  static Expected expected() {
    static const char* ids[] = {"jeugdhulp", "residentieel", "jeugdbescherming", "jeugdbescherming_verblijf",
                                "jeugdreclassering"};
    Expected e;
    for (int row = 0; row < kRegions * kYears; ++row) {
      std::string region = regionCode(row / kYears);
      if (region == "NL01  ") region = "NL01";
      for (int m = 0; m < 5; ++m) {
        if (!ids[m]) continue;
        e[region][ids[m]][std::to_string(year(row % kYears))] =
            suppressed(row, m) ? std::nullopt : std::optional<double>(value(row, m));
      }
    }
    return e;
  }

 private:
  static constexpr const char* kKeys[] = {"JongerenMetJeugdhulpInNatura_1", "JongerenMetJeugdhMetVerblInNat_2",
                                          "JongerenMetJeugdbescherming_3", "JeugdbeschEnJeugdhMetVerblInNat_4",
                                          "JongerenMetJeugdreclassering_5"};
  static constexpr const char* kTitles[] = {
      "Jongeren met jeugdhulp in natura", "Jongeren met jeugdhulp met verblijf in natura",
      "Jongeren met jeugdbescherming", "Jeugdbescherming en jeugdhulp met verblijf in natura",
      "Jongeren met jeugdreclassering"};
};

// CBS's v3 error body (WCF Data Services).
const std::string kCbsLimitError =
    R"({"odata.error": {"code": "", "message": {"lang": "nl-NL", "value": "De gevraagde gegevens bevatten meer dan 10000 records. Gebruik een filter of de ODataFeed."}}})";

}  // namespace

TEST_CASE("CBS: the ODataApi 10,000-cell limit is answered by smaller pages", "[cbs]") {
  FakeCbs cbs(kV3, [](const Request& r) { return BigTable::answer(r, kCbsLimitError); });
  const CbsLoaded loaded = loadWith(cbs.url("/ODataApi/odata/85098NED"));
  const model::Dataset& ds = loaded.dataset;
  CHECK(ds.regions().size() == 501);
  CHECK(periodIds(ds) == std::vector<std::string>{"2019", "2020", "2021", "2022", "2023*"});
  checkObservations(ds, BigTable::expected());

  // 10,000 / 5 measures = 2,000 rows asked first; refused; then pages of 1,000 until a short one.
  CHECK(cbs.targets("TypedDataSet") ==
        std::vector<std::string>{"/ODataApi/odata/85098NED/TypedDataSet?$format=json&$top=2000&$skip=0",
                                 "/ODataApi/odata/85098NED/TypedDataSet?$format=json&$top=1000&$skip=0",
                                 "/ODataApi/odata/85098NED/TypedDataSet?$format=json&$top=1000&$skip=1000",
                                 "/ODataApi/odata/85098NED/TypedDataSet?$format=json&$top=1000&$skip=2000"});
  CHECK(loaded.requests == 6);  // the refused request is not counted: it yielded nothing

  // With a message the HttpClient quotes ({"error": {"message": ...}}) and retries: the same.
  FakeCbs quoted(kV3, [](const Request& r) {
    return BigTable::answer(r, R"({"error": {"code": "", "message": "Meer dan 10000 records gevraagd"}})");
  });
  auto http = test::fastHttpOptions();
  http.maxRetries = 1;
  checkObservations(loadWith(quoted.url("/ODataApi/odata/85098NED"), {}, http).dataset, BigTable::expected());
  CHECK(quoted.targets("TypedDataSet").size() == 5);  // the refused page twice (one retry)

  // A smaller limit of our own gives smaller pages from the start.
  FakeCbs small(kV3, [](const Request& r) { return BigTable::answer(r, kCbsLimitError); });
  CbsOptions options;
  options.maxCellsPerRequest = 5000;
  (void)loadWith(small.url("/ODataApi/odata/85098NED"), options);
  const auto targets = small.targets("TypedDataSet");
  REQUIRE(targets.size() == 3);
  CHECK_THAT(targets[0], Catch::EndsWith("$top=1000&$skip=0"));
  CHECK_THAT(targets[2], Catch::EndsWith("$top=1000&$skip=2000"));
}

TEST_CASE("CBS: another HTTP 500 on the ODataApi is an error, not a reason to page", "[cbs]") {
  FakeCbs cbs(kV3, [](const Request& r) -> std::optional<Reply> {
    if (r.entity == "TypedDataSet") return Reply{500, R"({"error": {"code": "", "message": "Database offline"}})"};
    return BigTable::answer(r, kCbsLimitError);
  });
  const auto message = loadError(cbs.url("/ODataApi/odata/85098NED"));
  CHECK_THAT(message, Catch::Contains("HTTP 500") && Catch::Contains("Database offline"));
  CHECK_THAT(message, Catch::Contains(cbs.url("/ODataApi/odata/85098NED/TypedDataSet")));
  CHECK(cbs.targets("TypedDataSet").size() == 1);
}

TEST_CASE("CBS: malformed JSON and JSON of the wrong shape", "[cbs]") {
  SECTION("malformed") {
    FakeCbs cbs(kV4, [](const Request& r) -> std::optional<Reply> {
      if (r.entity == "RegioSCodes") return Reply{200, R"({"value": [{"Identifier": "NL01", )"};
      return std::nullopt;
    });
    const auto message = loadError(cbs.url("/CBS/85098NED"));
    CHECK_THAT(message, Catch::StartsWith("Bron " + cbs.url("/CBS/85098NED/RegioSCodes") + ": ongeldige JSON"));
  }
  SECTION("no value array") {
    FakeCbs cbs(kV4, [](const Request& r) -> std::optional<Reply> {
      if (r.entity == "Observations") return Reply{200, R"({"@odata.context": "x", "values": []})"};
      return std::nullopt;
    });
    const auto message = loadError(cbs.url("/CBS/85098NED"));
    CHECK_THAT(message, Catch::StartsWith(
                            "Bron " + cbs.url("/CBS/85098NED/Observations?$filter=(startswith(RegioS,'NL')%20or%20")));
    CHECK_THAT(message, Catch::Contains("'2021JJ00'): onverwacht antwoord"));
    CHECK_THAT(message, Catch::Contains("\"value\""));
  }
  SECTION("an array, not an object") {
    FakeCbs cbs(kV3, [](const Request& r) -> std::optional<Reply> {
      if (r.entity == "DataProperties") return Reply{200, R"([{"Key": "RegioS"}])"};
      return std::nullopt;
    });
    CHECK_THAT(loadError(cbs.url("/ODataFeed/odata/82972NED")), Catch::Contains("onverwacht antwoord"));
  }
  SECTION("value is not a list") {
    FakeCbs cbs(kV4, [](const Request& r) -> std::optional<Reply> {
      if (r.entity == "MeasureCodes") return Reply{200, R"({"value": {"Identifier": "M001534"}})"};
      return std::nullopt;
    });
    CHECK_THAT(loadError(cbs.url("/CBS/85098NED")), Catch::Contains("onverwacht antwoord"));
  }
  SECTION("an HTML error page") {
    FakeCbs cbs(kV4, [](const Request& r) -> std::optional<Reply> {
      if (r.entity == "PeriodenCodes") return Reply{200, "<html><body>Onderhoud</body></html>"};
      return std::nullopt;
    });
    CHECK_THAT(loadError(cbs.url("/CBS/85098NED")), Catch::Contains("PeriodenCodes: ongeldige JSON"));
  }
}

TEST_CASE("CBS: a table without our measures, or without years, is an error", "[cbs]") {
  SECTION("no measures") {
    FakeCbs cbs(kV4, [](const Request& r) -> std::optional<Reply> {
      if (r.entity == "MeasureCodes")
        return Reply{200, R"({"value": [{"Identifier": "M000001", "Title": "Kosten jeugdzorg"},
                                        {"Identifier": "M000002", "Title": "Trajecten"}]})"};
      return std::nullopt;
    });
    const auto message = loadError(cbs.url("/CBS/83454NED"));
    CHECK_THAT(message, Catch::StartsWith("Bron " + cbs.url("/CBS/83454NED") +
                                          ": Raadsbrief kan de onderwerpen van tabel 83454NED niet gebruiken"));
    CHECK_THAT(message, Catch::Contains("de tabel heeft: 'Kosten jeugdzorg' (M000001), 'Trajecten' (M000002)"));
    CHECK(cbs.targets("RegioSCodes").empty());  // nothing more is fetched
    CHECK(cbs.targets("Observations").empty());
  }
  SECTION("no years") {
    FakeCbs cbs(kV3, [](const Request& r) -> std::optional<Reply> {
      if (r.entity == "Perioden")
        return Reply{200, R"({"value": [{"Key": "2020KW01", "Title": "2020 1e kwartaal", "Status": "Definitief"}]})"};
      return std::nullopt;
    });
    const auto message = loadError(cbs.url("/ODataFeed/odata/82972NED"));
    CHECK_THAT(message, Catch::Contains("geen jaarcijfers"));
    CHECK_THAT(message, Catch::Contains(cbs.url("/ODataFeed/odata/82972NED/Perioden")));
    CHECK(cbs.targets("TypedDataSet").empty());
  }
  SECTION("an empty table") {
    FakeCbs cbs(kV4, [](const Request& r) -> std::optional<Reply> {
      if (r.entity == "PeriodenCodes") return Reply{200, R"({"value": []})"};
      return std::nullopt;
    });
    CHECK_THAT(loadError(cbs.url("/CBS/85098NED")), Catch::Contains("geen jaarcijfers"));
  }
}

TEST_CASE("CBS: paging loops are stopped", "[cbs]") {
  SECTION("a next link back to a page already read") {
    FakeCbs cbs(kV4, [&](const Request& r) -> std::optional<Reply> {
      if (r.entity != "Observations") return std::nullopt;
      return Reply{200, R"({"value": [], "@odata.nextLink": "/CBS/85098NED/Observations?$skip=5"})"};
    });
    const auto message = loadError(cbs.url("/CBS/85098NED"));
    CHECK_THAT(message, Catch::Contains("al gelezen") && Catch::Contains("gestopt"));
    const auto targets = cbs.targets("Observations");
    REQUIRE(targets.size() == 2);
    CHECK_THAT(targets[0], Catch::StartsWith("/CBS/85098NED/Observations?$filter="));
    CHECK(targets[1] == "/CBS/85098NED/Observations?$skip=5");
  }
  SECTION("an endless chain of next links") {
    FakeCbs cbs(kV3, [](const Request& r) -> std::optional<Reply> {
      if (r.entity != "TypedDataSet") return std::nullopt;
      const int skip = r.query.count("$skip") ? std::stoi(r.query.at("$skip")) : 0;
      return Reply{200,
                   fmt::format(R"({{"value": [], "odata.nextLink": "TypedDataSet?$format=json&$skip={}"}})", skip + 1)};
    });
    CbsOptions options;
    options.maxPages = 4;
    const auto message = loadError(cbs.url("/ODataFeed/odata/82972NED"), options);
    CHECK_THAT(message, Catch::Contains("meer dan 4 pagina's"));
    CHECK(cbs.targets("TypedDataSet").size() == 4);
  }
  SECTION("a next link to another server is refused") {
    FakeCbs cbs(kV4, [](const Request& r) -> std::optional<Reply> {
      if (r.entity != "Observations") return std::nullopt;
      return Reply{200,
                   R"({"value": [], "@odata.nextLink": "http://localhost.invalid/CBS/85098NED/Observations?$skip=1"})"};
    });
    CHECK_THAT(loadError(cbs.url("/CBS/85098NED")), Catch::Contains("andere server"));
    CHECK(cbs.targets("Observations").size() == 1);
  }
  SECTION("an ODataApi that ignores $skip") {
    FakeCbs cbs(kV3, [](const Request& r) -> std::optional<Reply> {
      if (r.entity != "TypedDataSet") return std::nullopt;
      return Reply{
          200,
          R"({"value": [{"ID": 0, "RegioS": "GM0546", "Perioden": "2019JJ00", "JongerenMetJeugdhulpInNatura_1": 1.5},
                                      {"ID": 1, "RegioS": "GM0546", "Perioden": "2020JJ00", "JongerenMetJeugdhulpInNatura_1": 1.5}]})"};
    });
    CbsOptions options;
    options.maxCellsPerRequest = 10;  // 5 measures: pages of 2 rows
    CHECK_THAT(loadError(cbs.url("/ODataApi/odata/82972NED"), options), Catch::Contains("negeert $skip"));
    CHECK(cbs.targets("TypedDataSet").size() == 2);
  }
}

TEST_CASE("CBS: an unreachable table names the URL", "[cbs]") {
  Poco::UInt16 port = 0;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    port = probe.address().port();
  }
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/CBS/85098NED";
  CHECK_THAT(loadError(url),
             Catch::Contains("Bron " + url + "/MeasureCodes") && Catch::Contains("verbinding geweigerd"));
}
