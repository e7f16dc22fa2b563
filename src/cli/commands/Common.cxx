#include "commands/Common.hxx"

#include <com/sun/star/util/XCancellable.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <unistd.h>
#include <vector>

#include "Convert.hxx"
#include "System.hpp"
#include "sources/Source.hpp"

namespace raadsbrief::cli {

using office::toOU;

namespace {

fs::path executableDir() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : self.parent_path();
}

fs::path defaultProfile() {
  if (const char* env = std::getenv("RAADSBRIEF_PROFILE"); env && *env) return env;
  if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache && *cache)
    return fs::path(cache) / "raadsbrief" / "profile";
  if (const char* home = std::getenv("HOME"); home && *home)
    return fs::path(home) / ".cache" / "raadsbrief" / "profile";
  return fs::temp_directory_path() / ("raadsbrief-profile-" + std::to_string(::getuid()));
}

}  // namespace

void sweepTemporaries(const fs::path& target) {
  sys::removeOrphanedTemporaries(target.parent_path(), target.filename().string());
}

fs::path locate(const char* envName, const std::string& fileName, const char* buildPath) {
  if (const char* env = std::getenv(envName); env && *env) return env;
  const fs::path installed = executableDir() / ".." / "share" / "raadsbrief" / fileName;
  if (fs::exists(installed)) return fs::weakly_canonical(installed);
  return buildPath;
}

std::string fileUrl(const fs::path& p) { return office::fileUrl(p.string()); }

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

std::string sourceArgument(const Arguments& a) {
  if (a.sources.empty()) return "bundled";
  std::string joined;
  for (const auto& s : a.sources) joined += (joined.empty() ? "" : "\n") + sourceValue(s);
  return joined;
}

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

OfficeOptions officeOptions(const Arguments& a) {
  OfficeOptions o;
  o.oxt = a.get("oxt") ? fs::path(*a.get("oxt")) : locate("RAADSBRIEF_OXT", "raadsbrief.oxt", RAADSBRIEF_BUILD_OXT);
  o.rdb = locate("RAADSBRIEF_RDB", "raadsbrief.rdb", RAADSBRIEF_BUILD_RDB);
  o.profile = fs::absolute(a.get("profile") ? fs::path(*a.get("profile")) : defaultProfile());
  o.connectPipe = a.get("connect").value_or("");
  o.soffice = a.get("soffice").value_or("soffice");
  o.verbose = a.verbose;
  return o;
}

std::string templateArgument(const Arguments& a) {
  const std::string t = a.require("template");
  if (t.find("://") != std::string::npos) return t;  // a URL: the service accepts only file:///
  if (t.find('/') == std::string::npos && !fs::path(t).has_extension()) return t;  // a shipped template
  const fs::path path = fs::absolute(t);
  if (!fs::is_regular_file(path)) throw Error(ErrorKind::NotFound, "sjabloon niet gevonden: " + path.string());
  return fileUrl(path);
}

css::uno::Reference<nl::raadsbrief::XBriefingGenerator> generator(const Office& office) {
  const auto& context = office.context();
  css::uno::Reference<nl::raadsbrief::XBriefingGenerator> g(
      context->getServiceManager()->createInstanceWithContext("nl.raadsbrief.BriefingGenerator", context),
      css::uno::UNO_QUERY);
  if (!g.is()) throw Error(ErrorKind::Office, "de Raadsbrief-service is niet beschikbaar in LibreOffice");
  return g;
}

Deadline timeLimit(const Arguments& a, const css::uno::Reference<nl::raadsbrief::XBriefingGenerator>& service,
                   Office& office) {
  const auto seconds = std::chrono::seconds(intArgument(a, "timeout", 600, 1));
  const css::uno::Reference<css::util::XCancellable> cancellable(service, css::uno::UNO_QUERY);
  return Deadline(
      seconds,
      [cancellable] {
        if (cancellable.is()) cancellable->cancel();
      },
      [&office] { office.kill(); });
}

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

}  // namespace raadsbrief::cli
