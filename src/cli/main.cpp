// raadsbrief: the command-line tool. Starts (or connects to) a headless soffice, makes sure the
// extension is installed there, and asks the BriefingGenerator service for each document in one
// call: the work happens inside soffice, not call by call over the bridge.
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/lang/DisposedException.hpp>
#include <com/sun/star/uno/Exception.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <nl/raadsbrief/GenerationException.hpp>
#include <nl/raadsbrief/XBriefingGenerator.hpp>
#include <osl/file.hxx>

#include <com/sun/star/util/XCancellable.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "Batch.hpp"
#include "Convert.hxx"
#include "Error.hpp"
#include "ExitCodes.hpp"
#include "Office.hpp"
#include "OutputFile.hxx"
#include "RefreshChanges.hxx"
#include "System.hpp"
#include "refresh/Refresh.hpp"
#include "sources/Source.hpp"

namespace fs = std::filesystem;
using raadsbrief::Error;
using raadsbrief::ErrorKind;

namespace {

constexpr const char* kUsage = R"(raadsbrief - jeugdhulpcijfers in raadsstukken (LibreOffice Writer)

Gebruik:
  raadsbrief generate --template SJABLOON --municipality GEMEENTE --output BESTAND
                      [--period PERIODE] [--source BRON] [opties]
  raadsbrief refresh DOCUMENT [--source BRON] [--dry-run] [opties]
  raadsbrief batch --template NAAM --municipalities all|BESTAND|CODES
                   --output-dir MAP [--pdf] [--jobs N] [--shard I/N]
                   [--period PERIODE] [--source BRON] [opties]
  raadsbrief templates [opties]
  raadsbrief municipalities [--source BRON] [opties]
  raadsbrief --help | --version

generate   Maakt een document. SJABLOON is de naam van een meegeleverd sjabloon of
           het pad van een eigen .ott (bijvoorbeeld met de huisstijl opgeslagen);
           GEMEENTE is een naam (Leiden) of CBS-code (GM0546);
           PERIODE is een jaar (2025), een halfjaar (2025-H1, ook CBS' 2025HJ01) of
           latest (de nieuwste periode met cijfers van de gemeente, ook een
           halfjaar); standaard het nieuwste jaar. Het formaat volgt uit de
           extensie van BESTAND: .odt, .pdf of .docx. Een bestaand bestand wordt
           alleen vervangen door een volledig nieuw bestand; het houdt zijn rechten
           (een alleen-lezen bestand alleen met --force). Is BESTAND een symbolische
           koppeling, dan krijgt het bestand waarnaar die wijst de nieuwe inhoud.
refresh    Werkt de cijfers bij in een document dat Raadsbrief maakte (.odt of
           .docx): elk gekoppeld cijfer, elke zin, tabel en grafiek wordt opnieuw
           gemaakt, standaard uit de bronnen die in het document staan (--source
           vervangt ze). Tekst die u zelf schreef blijft staan; een cijfer dat u met
           de hand wijzigde ook (het wordt gemeld). Toont oud → nieuw. Met --dry-run
           verandert er niets. Mislukt het, dan blijft het bestand zoals het was.
           Het bestand houdt zijn rechten; een alleen-lezen bestand wordt alleen
           met --force bijgewerkt.
batch      Maakt het document voor veel gemeenten tegelijk, met een pool van
           LibreOffice-processen (--jobs, standaard één per processorkern) die elk
           veel documenten maken. 'all' is elke gemeente van de bron (gemeenten
           zonder cijfers worden overgeslagen: "geen cijfers"); BESTAND heeft één
           code of naam per regel; CODES is een lijst als GM0546,GM0518. Uitvoer:
           MAP/GM0546-leiden.odt (en .pdf met --pdf). Wat al gemaakt is, wordt
           overgeslagen (hervatten); een mislukte gemeente stopt de rest niet. Aan het
           eind een samenvatting, ook als MAP/raadsbrief-batch.json. --shard I/N
           maakt alleen deel I van N (verdeling over machines, zie docs/batch.md).
           --timeout SECONDEN: een document dat langer duurt, wordt afgebroken
           (standaard 300).
templates  Toont de meegeleverde sjablonen.
municipalities
           Toont de gemeenten van de bron (code, naam, jeugdregio).

Bron (--source): 'bundled' (standaard: de meegeleverde voorbeeldcijfers), 'cbs' (de
jeugdzorgtabellen van CBS StatLine), een CBS-adres (een tabel, of .../odata/v1/CBS),
een datasetbestand in het Raadsbrief-formaat (docs/dataset-format.md) of het adres van
een Raadsbrief-rapportage-API (http://127.0.0.1:8085/api/v1; docs/reporting-api.md).
--source mag vaker: de eerste bron gaat voor, volgende vullen aan wat ontbreekt.
Een token voor de API komt uit de omgevingsvariabele RAADSBRIEF_TOKEN.
  --allow-stale    is de bron onbereikbaar, gebruik dan de laatst opgehaalde cijfers
                   uit de cache; het document vermeldt van welke datum ze zijn
  --pdfa           PDF als PDF/A-2b (voor archivering); PDF is altijd getagd (PDF/UA)
  --strict         staat een cijfer van het sjabloon niet in de bron(nen), stop dan
                   (afsluitcode 5) in plaats van dat deel weg te laten; zonder --strict
                   wordt het document gemaakt met wat er is en staat op stderr wat er
                   is weggelaten
  --insecure-tls URL
                   controleer het https-certificaat van deze ene bron niet (alleen
                   voor testservers; URL moet ook als --source gegeven zijn)

Opties:
  --profile MAP    LibreOffice-profiel voor de headless soffice
                   (standaard ~/.cache/raadsbrief/profile)
  --connect PIPE   gebruik een soffice die luistert op --accept=pipe,name=PIPE;urp;
  --oxt BESTAND    de extensie die geïnstalleerd moet zijn (standaard: de gebouwde)
  --soffice PAD    het soffice-programma (standaard: soffice)
  --force          vervang of werk ook een alleen-lezen bestand bij
  --timeout SEC    generate/refresh: stop na zoveel seconden (standaard 600); batch: per
                   document (standaard 300)
  --verbose        meer uitvoer
  --help, -h       deze hulp
  --version        versie

)";

struct Arguments {
  std::string command;
  std::map<std::string, std::string> values;
  std::vector<std::string> sources;      ///< every --source, in order
  std::vector<std::string> insecureTls;  ///< every --insecure-tls URL
  bool verbose = false;
  bool allowStale = false;
  bool pdfA = false;
  bool dryRun = false;
  std::vector<std::string> operands;  ///< positional arguments after the command
  bool pdf = false;                   ///< batch: also a PDF
  bool strict = false;                ///< a figure the sources lack is an error (exit 5), nothing is left out
  bool force = false;                 ///< a read-only output file may be replaced

  [[nodiscard]] std::optional<std::string> get(const std::string& name) const {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  }
  [[nodiscard]] std::string require(const std::string& name) const {
    auto v = get(name);
    if (!v || v->empty()) throw Error(ErrorKind::Usage, "--" + name + " ontbreekt (zie raadsbrief --help)");
    return *v;
  }
};

Arguments parse(int argc, char** argv) {
  static const std::vector<std::string> withValue{"template",       "municipality", "period", "source",  "output",
                                                  "profile",        "connect",      "oxt",    "soffice", "insecure-tls",
                                                  "municipalities", "output-dir",   "jobs",   "shard",   "timeout"};
  Arguments a;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      a.command = "help";
      return a;
    }
    if (arg == "--version") {
      a.command = "version";
      return a;
    }
    if (arg == "--verbose") {
      a.verbose = true;
      continue;
    }
    if (arg == "--allow-stale") {
      a.allowStale = true;
      continue;
    }
    if (arg == "--pdfa") {
      a.pdfA = true;
      continue;
    }
    if (arg == "--dry-run") {
      a.dryRun = true;
      continue;
    }
    if (arg == "--pdf") {
      a.pdf = true;
      continue;
    }
    if (arg == "--strict") {
      a.strict = true;
      continue;
    }
    if (arg == "--force") {
      a.force = true;
      continue;
    }
    if (arg.rfind("--", 0) == 0) {
      std::string name = arg.substr(2), value;
      const auto eq = name.find('=');
      if (eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
      } else if (i + 1 < argc) {
        value = argv[++i];
      } else {
        throw Error(ErrorKind::Usage, "--" + name + " mist een waarde");
      }
      if (std::find(withValue.begin(), withValue.end(), name) == withValue.end())
        throw Error(ErrorKind::Usage, "onbekende optie --" + name + " (zie raadsbrief --help)");
      if (name == "source") a.sources.push_back(value);
      if (name == "insecure-tls") a.insecureTls.push_back(value);
      a.values[name] = value;
      continue;
    }
    if (!a.command.empty()) {
      a.operands.push_back(arg);
      continue;
    }
    a.command = arg;
  }
  if (a.command.empty()) throw Error(ErrorKind::Usage, "geen opdracht gegeven (zie raadsbrief --help)");
  const std::size_t operands = a.command == "refresh" ? 1 : 0;
  if (a.operands.size() > operands) throw Error(ErrorKind::Usage, "onverwacht argument '" + a.operands[operands] + "'");
  if (a.operands.size() < operands) throw Error(ErrorKind::Usage, "raadsbrief " + a.command + " mist het document");
  return a;
}

fs::path executableDir() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : self.parent_path();
}

/// An installed layout (<prefix>/bin + <prefix>/share/raadsbrief) wins over the build tree.
fs::path locate(const char* envName, const std::string& fileName, const char* buildPath) {
  if (const char* env = std::getenv(envName); env && *env) return env;
  const fs::path installed = executableDir() / ".." / "share" / "raadsbrief" / fileName;
  if (fs::exists(installed)) return fs::weakly_canonical(installed);
  return buildPath;
}

fs::path defaultProfile() {
  if (const char* env = std::getenv("RAADSBRIEF_PROFILE"); env && *env) return env;
  if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache && *cache)
    return fs::path(cache) / "raadsbrief" / "profile";
  if (const char* home = std::getenv("HOME"); home && *home)
    return fs::path(home) / ".cache" / "raadsbrief" / "profile";
  return fs::temp_directory_path() / ("raadsbrief-profile-" + std::to_string(::getuid()));
}

using raadsbrief::office::toOU;
using raadsbrief::office::toUtf8;

std::string fileUrl(const fs::path& p) { return raadsbrief::office::fileUrl(p.string()); }

/// One --source value as the service wants it: "bundled", an endpoint URL or a dataset's file URL.
std::string sourceValue(const std::string& source) {
  if (source == "bundled" || source == "cbs") return source;
  if (source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0) return source;
  const fs::path path = fs::absolute(source.rfind("file://", 0) == 0 ? source.substr(7) : source);
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error(ErrorKind::NotFound, "dataset niet gevonden: " + path.string());
  if (!fs::is_regular_file(path, ec))  // a device (/dev/zero) or a FIFO would be read forever
    throw Error(ErrorKind::Data,
                "dataset " + path.string() + " is geen gewoon bestand (maar een map, apparaat of pijp)");
  return fileUrl(path);
}

/// All --source values, one per line (the service's format); "bundled" when none was given.
std::string sourceArgument(const Arguments& a) {
  if (a.sources.empty()) return "bundled";
  std::string joined;
  for (const auto& s : a.sources) joined += (joined.empty() ? "" : "\n") + sourceValue(s);
  return joined;
}

/// Warns on stderr about sources that are not safe to use unnoticed (plain http to another
/// machine), before any work; see docs/security.md.
void warnAboutSources(const Arguments& a) {
  for (const auto& s : a.sources) {
    try {
      for (const auto& w : raadsbrief::sources::securityWarnings(raadsbrief::sources::parseSource(s)))
        std::cerr << "raadsbrief: let op: " << w << "\n";
    } catch (const Error&) {
      // Not a source the core knows (a relative path): the service judges it.
    }
  }
}

fs::path outputArgument(const Arguments& a) {
  const fs::path output = fs::absolute(a.require("output"));
  std::string ext = output.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext != ".odt" && ext != ".pdf" && ext != ".docx")
    throw Error(ErrorKind::Usage,
                "onbekend uitvoerformaat '" + output.extension().string() + "': gebruik .odt, .pdf of .docx");
  std::error_code ec;
  fs::create_directories(output.parent_path(), ec);
  if (ec || !fs::is_directory(output.parent_path()))
    throw Error(ErrorKind::NotFound, "de map " + output.parent_path().string() +
                                         " bestaat niet en kan niet worden gemaakt (staat er een bestand in de weg?)");
  return output;
}

/// Removes the temporary files of `target` whose office is gone (a store cut short by a killed
/// office): when made, for what an earlier run left, and when destroyed — declared before the
/// Office, that is after this run's office has stopped, also when it died (docs/reliability.md).
class TemporariesSweep {
 public:
  explicit TemporariesSweep(fs::path target) : target_(std::move(target)) { sweep(); }
  ~TemporariesSweep() { sweep(); }
  TemporariesSweep(const TemporariesSweep&) = delete;
  TemporariesSweep& operator=(const TemporariesSweep&) = delete;

 private:
  void sweep() const noexcept {
    try {
      raadsbrief::cli::sys::removeOrphanedTemporaries(target_.parent_path(), target_.filename().string());
    } catch (...) {
    }
  }
  fs::path target_;
};

raadsbrief::cli::OfficeOptions officeOptions(const Arguments& a) {
  raadsbrief::cli::OfficeOptions o;
  o.oxt = a.get("oxt") ? fs::path(*a.get("oxt")) : locate("RAADSBRIEF_OXT", "raadsbrief.oxt", RAADSBRIEF_BUILD_OXT);
  o.rdb = locate("RAADSBRIEF_RDB", "raadsbrief.rdb", RAADSBRIEF_BUILD_RDB);
  o.profile = fs::absolute(a.get("profile") ? fs::path(*a.get("profile")) : defaultProfile());
  o.connectPipe = a.get("connect").value_or("");
  o.soffice = a.get("soffice").value_or("soffice");
  o.verbose = a.verbose;
  return o;
}

/// A shipped template's name, or a path to an .ott of one's own (as its file URL).
std::string templateArgument(const Arguments& a) {
  const std::string t = a.require("template");
  if (t.find("://") != std::string::npos) return t;  // a URL: the service accepts only file:///
  if (t.find('/') == std::string::npos && !fs::path(t).has_extension()) return t;  // a shipped template
  const fs::path path = fs::absolute(t);
  if (!fs::is_regular_file(path)) throw Error(ErrorKind::NotFound, "sjabloon niet gevonden: " + path.string());
  return fileUrl(path);
}

int intArgument(const Arguments& a, const std::string& name, int fallback, int min) {
  const auto v = a.get(name);
  if (!v) return fallback;
  try {
    std::size_t used = 0;
    const int n = std::stoi(*v, &used);
    if (used == v->size() && n >= min) return n;
  } catch (const std::exception&) {
  }
  throw Error(ErrorKind::Usage,
              "--" + name + " verwacht een geheel getal vanaf " + std::to_string(min) + ", niet '" + *v + "'");
}

raadsbrief::cli::BatchOptions batchOptions(const Arguments& a) {
  raadsbrief::cli::BatchOptions b;
  b.templateName = templateArgument(a);
  b.period = a.get("period").value_or("");
  for (const auto& s : a.sources) b.sources.push_back(sourceValue(s));
  for (const auto& url : a.insecureTls)
    if (std::find(a.sources.begin(), a.sources.end(), url) == a.sources.end())
      throw Error(ErrorKind::Usage, "--insecure-tls " + url + " is geen van de --source-adressen");
  b.insecureTls = a.insecureTls;
  b.allowStale = a.allowStale;
  b.pdfA = a.pdfA;
  b.strict = a.strict;
  b.municipalities = a.require("municipalities");
  b.outputDir = fs::absolute(a.require("output-dir"));
  b.pdf = a.pdf || a.pdfA;
  b.jobs = intArgument(a, "jobs", 0, 1);
  b.timeoutSeconds = intArgument(a, "timeout", 300, 1);
  if (const auto shard = a.get("shard")) b.shard = raadsbrief::batch::parseShard(*shard);
  b.bundledDataset = locate("RAADSBRIEF_DEMO_DATASET", "demo-dataset.json", RAADSBRIEF_BUILD_DEMO_DATASET);
  b.office = officeOptions(a);
  if (!b.office.connectPipe.empty())
    throw Error(ErrorKind::Usage, "batch start zijn eigen LibreOffice-processen; --connect kan hier niet");
  return b;
}

/// The time limit of one generate or refresh (--timeout): when it passes, the service is asked
/// to cancel (it stops at its next checkpoint and changes nothing); when the office still does not
/// answer 15 s later (a hung layout, a dialog nobody sees), the office is killed, which ends the
/// blocked call. Either way the run ends with one message saying the time limit was reached.
class Deadline {
 public:
  Deadline(std::chrono::seconds limit, std::function<void()> cancel, std::function<void()> kill)
      : limit_(limit), thread_([this, cancel = std::move(cancel), kill = std::move(kill)] {
          std::unique_lock lock(mutex_);
          if (wake_.wait_for(lock, limit_, [this] { return done_; })) return;
          expired_ = true;
          lock.unlock();
          try {
            cancel();
          } catch (...) {
            // the bridge may be gone already
          }
          lock.lock();
          if (wake_.wait_for(lock, std::chrono::seconds(15), [this] { return done_; })) return;
          kill();
        }) {}
  ~Deadline() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  Deadline(const Deadline&) = delete;
  Deadline& operator=(const Deadline&) = delete;

  /// Runs `work`; when it fails after the limit passed, the failure is the time limit's.
  template <typename Work>
  auto run(Work&& work) -> decltype(work()) {
    try {
      return work();
    } catch (...) {
      if (!expired()) throw;
    }
    throw Error(ErrorKind::Office, "de opdracht duurde langer dan --timeout (" + std::to_string(limit_.count()) +
                                       " s) en is gestopt; er is niets geschreven of gewijzigd. Is de bron traag? "
                                       "Probeer het later opnieuw of geef een ruimere --timeout.");
  }

 private:
  [[nodiscard]] bool expired() {
    std::lock_guard lock(mutex_);
    return expired_;
  }
  std::chrono::seconds limit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  bool expired_ = false;
  std::thread thread_;  // last: started when everything it uses exists
};

css::uno::Reference<nl::raadsbrief::XBriefingGenerator> generator(const raadsbrief::cli::Office& office) {
  const auto& context = office.context();
  css::uno::Reference<nl::raadsbrief::XBriefingGenerator> g(
      context->getServiceManager()->createInstanceWithContext("nl.raadsbrief.BriefingGenerator", context),
      css::uno::UNO_QUERY);
  if (!g.is()) throw Error(ErrorKind::Office, "de Raadsbrief-service is niet beschikbaar in LibreOffice");
  return g;
}

/// The --timeout of a generate or refresh (default 600 s: generous, a memo takes seconds).
Deadline timeLimit(const Arguments& a, const css::uno::Reference<nl::raadsbrief::XBriefingGenerator>& service,
                   raadsbrief::cli::Office& office) {
  const auto seconds = std::chrono::seconds(intArgument(a, "timeout", 600, 1));
  const css::uno::Reference<css::util::XCancellable> cancellable(service, css::uno::UNO_QUERY);
  return Deadline(
      seconds,
      [cancellable] {
        if (cancellable.is()) cancellable->cancel();
      },
      [&office] { office.kill(); });
}

/// The service's Options from --allow-stale, --pdfa and --insecure-tls.
css::uno::Sequence<css::beans::NamedValue> generationOptions(const Arguments& a) {
  std::vector<css::beans::NamedValue> options;
  if (a.allowStale) options.emplace_back("AllowStaleCache", css::uno::Any(true));
  if (a.pdfA) options.emplace_back("PdfA", css::uno::Any(true));
  if (a.strict) options.emplace_back("Strict", css::uno::Any(true));
  if (a.force) options.emplace_back("Force", css::uno::Any(true));
  if (!a.insecureTls.empty()) {
    for (const auto& url : a.insecureTls)
      if (std::find(a.sources.begin(), a.sources.end(), url) == a.sources.end())
        throw Error(ErrorKind::Usage, "--insecure-tls " + url + " is geen van de --source-adressen");
    css::uno::Sequence<rtl::OUString> urls(static_cast<sal_Int32>(a.insecureTls.size()));
    for (std::size_t i = 0; i < a.insecureTls.size(); ++i) urls.getArray()[i] = toOU(a.insecureTls[i]);
    options.emplace_back("InsecureTlsSources", css::uno::Any(urls));
    std::cerr << "raadsbrief: let op: het certificaat van " << a.insecureTls.size()
              << " bron(nen) wordt niet gecontroleerd (--insecure-tls)\n";
  }
  return css::uno::Sequence<css::beans::NamedValue>(options.data(), static_cast<sal_Int32>(options.size()));
}

int run(const Arguments& a) {
  if (a.command == "help") {
    std::cout << kUsage;
    // The exit codes from their one table, wrapped at 80 columns like the text above.
    std::size_t column = 0;
    std::istringstream words("Afsluitcodes: " + raadsbrief::exitCodesInDutch());
    for (std::string word; words >> word;) {
      if (column > 0 && column + 1 + word.size() > 80) {
        std::cout << "\n";
        column = 0;
      }
      std::cout << (column > 0 ? " " : "") << word;
      column += (column > 0 ? 1 : 0) + word.size();
    }
    std::cout << "\n";
    return 0;
  }
  if (a.command == "version") {
    std::cout << "raadsbrief " << RAADSBRIEF_VERSION << "\n";
    return 0;
  }
  if (a.command == "generate") {
    const std::string templateName = templateArgument(a);
    const std::string municipality = a.require("municipality");
    const std::string period = a.get("period").value_or("");
    const std::string source = sourceArgument(a);
    warnAboutSources(a);
    const fs::path output = outputArgument(a);
    const auto target = raadsbrief::office::inspectOutput(output);
    raadsbrief::office::checkReplaceable(target, a.force);  // before starting anything
    const TemporariesSweep sweep(target.path);              // before the office: runs after it stopped
    const auto options = generationOptions(a);
    raadsbrief::cli::Office office(officeOptions(a));
    const auto service = generator(office);
    Deadline deadline = timeLimit(a, service, office);
    const std::string summary = deadline.run([&] {
      return toUtf8(service->generate(toOU(templateName), toOU(municipality), toOU(period), toOU(source),
                                      toOU(fileUrl(output)), options));
    });
    // The summary's first line says what was written; then what was left out (one line each).
    // Its warnings about sources ("Let op: …") were printed before the work began.
    for (std::size_t start = summary.find('\n'); start != std::string::npos;) {
      const std::size_t end = summary.find('\n', start + 1);
      const std::string line =
          summary.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
      if (!line.empty() && line.rfind("Let op: ", 0) != 0) std::cerr << "raadsbrief: " << line << "\n";
      start = end;
    }
    std::cout << output.string() << "\n";
    return 0;
  }
  if (a.command == "refresh") {
    const fs::path document = fs::absolute(a.operands.front());
    const std::string source = a.sources.empty() ? std::string() : sourceArgument(a);  // empty: the document's own
    warnAboutSources(a);
    std::optional<TemporariesSweep> sweep;  // before the office: runs after it stopped
    if (!a.dryRun && fs::is_regular_file(document)) {
      const auto target = raadsbrief::office::inspectOutput(document);
      raadsbrief::office::checkReplaceable(target, a.force);
      sweep.emplace(target.path);
    }
    const auto options = generationOptions(a);
    raadsbrief::cli::Office office(officeOptions(a));
    const auto service = generator(office);
    Deadline deadline = timeLimit(a, service, office);
    const auto changes =
        deadline.run([&] { return service->refreshFile(toOU(fileUrl(document)), toOU(source), options, !a.dryRun); });
    for (const auto& line : raadsbrief::refresh::describe(raadsbrief::office::toCoreChanges(changes)))
      std::cout << line << "\n";
    std::cout << (a.dryRun ? "(--dry-run: niets gewijzigd)" : document.string()) << "\n";
    return 0;
  }
  if (a.command == "batch") return runBatch(batchOptions(a));
  if (a.command == "templates") {
    raadsbrief::cli::Office office(officeOptions(a));
    for (const auto& name : generator(office)->listTemplates()) std::cout << toUtf8(name) << "\n";
    return 0;
  }
  if (a.command == "municipalities") {
    const std::string source = sourceArgument(a);
    warnAboutSources(a);
    raadsbrief::cli::Office office(officeOptions(a));
    for (const auto& row : generator(office)->listMunicipalities(toOU(source))) std::cout << toUtf8(row) << "\n";
    return 0;
  }
  throw Error(ErrorKind::Usage, "onbekende opdracht '" + a.command + "' (zie raadsbrief --help)");
}

int report(const std::string& message, int code) {
  // First line is the reason; further lines (e.g. every broken template field) are indented.
  std::string text = message;
  std::cerr << "raadsbrief: ";
  for (char c : text) {
    std::cerr << c;
    if (c == '\n') std::cerr << "  ";
  }
  std::cerr << "\n";
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const nl::raadsbrief::GenerationException& e) {
    return report(toUtf8(e.Message), raadsbrief::exitCodeOfKind(e.Kind));
  } catch (const Error& e) {
    return report(e.what(), static_cast<int>(e.kind()));
  } catch (const css::lang::DisposedException&) {
    return report(raadsbrief::cli::kOfficeDied, static_cast<int>(ErrorKind::Office));
  } catch (const css::uno::Exception& e) {
    // A dying office's bridge says "Binary URP bridge disposed during call …": not for people.
    if (toUtf8(e.Message).find("URP bridge") != std::string::npos)
      return report(raadsbrief::cli::kOfficeDied, static_cast<int>(ErrorKind::Office));
    return report("LibreOffice-fout: " + toUtf8(e.Message), static_cast<int>(ErrorKind::Office));
  } catch (const std::exception& e) {
    return report(std::string("interne fout: ") + e.what(), static_cast<int>(ErrorKind::Internal));
  }
}
