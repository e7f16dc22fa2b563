#include "BriefingGenerator.hxx"

#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/deployment/PackageInformationProvider.hpp>
#include <com/sun/star/document/MacroExecMode.hpp>
#include <com/sun/star/document/XDocumentProperties.hpp>
#include <com/sun/star/document/XDocumentPropertiesSupplier.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/task/PasswordContainer.hpp>
#include <com/sun/star/task/UrlRecord.hpp>
#include <com/sun/star/task/XInteractionHandler.hpp>
#include <com/sun/star/util/XCloseable.hpp>
#include <cppuhelper/supportsservice.hxx>
#include <osl/file.hxx>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <unistd.h>

#include <nl/raadsbrief/GenerationException.hpp>

#include "Error.hpp"
#include "Convert.hxx"
#include "WriterFill.hxx"
#include "sources/Source.hpp"
#include "plan/Briefing.hpp"

using css::uno::Any;
using css::uno::Reference;
using css::uno::Sequence;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;
using rtl::OUString;

namespace raadsbrief::office {
namespace {

namespace fs = std::filesystem;

fs::path systemPath(const OUString& url) {
  OUString path;
  if (osl::FileBase::getSystemPathFromFileURL(url, path) != osl::FileBase::E_None)
    throw Error(ErrorKind::Usage, "Geen bestands-URL: " + toUtf8(url));
  return fs::path(toUtf8(path));
}

std::string extensionRoot(const Reference<css::uno::XComponentContext>& context) {
  const OUString location =
      css::deployment::PackageInformationProvider::get(context)->getPackageLocation(OUString::createFromAscii(kExtensionId));
  if (location.isEmpty()) throw Error(ErrorKind::Internal, "De Raadsbrief-extensie is niet (goed) geïnstalleerd");
  return toUtf8(location);
}

std::string todayIso() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  return fmt::format("{:04}-{:02}-{:02}", local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

/// Options of one generation (the UNO API's NamedValue sequence).
struct GenerationOptions {
  bool allowStaleCache = false;  ///< "AllowStaleCache": an unreachable endpoint may be answered from the cache
  std::set<std::string> insecureTls;  ///< "InsecureTlsSources": endpoints whose certificate is not checked
  bool pdfA = false;                  ///< "PdfA": PDF output as PDF/A-2b (archiving)
  std::vector<OUString> extraOutputs;  ///< "ExtraOutputs": more files (URLs) from the same document (batch: ODT + PDF)
};

GenerationOptions readOptions(const Sequence<css::beans::NamedValue>& values) {
  GenerationOptions options;
  for (const auto& v : values) {
    if (v.Name == "AllowStaleCache") {
      if (!(v.Value >>= options.allowStaleCache)) throw Error(ErrorKind::Usage, "AllowStaleCache moet waar of onwaar zijn");
    } else if (v.Name == "PdfA") {
      if (!(v.Value >>= options.pdfA)) throw Error(ErrorKind::Usage, "PdfA moet waar of onwaar zijn");
    } else if (v.Name == "ExtraOutputs") {
      Sequence<OUString> urls;
      if (!(v.Value >>= urls)) throw Error(ErrorKind::Usage, "ExtraOutputs moet een lijst van bestands-URL's zijn");
      options.extraOutputs.assign(urls.begin(), urls.end());
    } else if (v.Name == "InsecureTlsSources") {
      Sequence<OUString> urls;
      if (!(v.Value >>= urls)) throw Error(ErrorKind::Usage, "InsecureTlsSources moet een lijst van adressen zijn");
      for (const auto& url : urls) options.insecureTls.insert(sources::parseSource(toUtf8(url)).location);
    } else {
      throw Error(ErrorKind::Usage, "Onbekende optie '" + toUtf8(v.Name) + "'");
    }
  }
  return options;
}

std::filesystem::path cacheHome() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "raadsbrief";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".cache" / "raadsbrief";
  return fs::temp_directory_path() / ("raadsbrief-cache-" + std::to_string(::getuid()));
}

/// The Bearer token for an endpoint: from LibreOffice's password container (stored under the
/// endpoint's base URL), or — headless, for the CLI — from RAADSBRIEF_TOKEN in soffice's
/// environment. Never from configuration or arguments; never logged.
std::string endpointToken(const Reference<css::uno::XComponentContext>& context, const std::string& url) {
  try {
    Reference<css::task::XPasswordContainer2> container = css::task::PasswordContainer::create(context);
    // No interaction handler: never prompt for a master password from inside a generation.
    const css::task::UrlRecord record = container->find(toOU(url), Reference<css::task::XInteractionHandler>());
    if (record.Url == toOU(url))  // find() also matches prefixes: insist on this endpoint
      for (const auto& user : record.UserList)
        if (user.Passwords.hasElements() && !user.Passwords[0].isEmpty()) return toUtf8(user.Passwords[0]);
  } catch (const css::uno::Exception&) {
    // No container, or a master password would be needed: fall through.
  }
  if (const char* token = std::getenv("RAADSBRIEF_TOKEN"); token && *token) return token;
  return {};
}

/// Parsed datasets: a file's while it is unchanged; an endpoint's for a minute, so that a batch
/// of documents asks the endpoint once, not once per document.
std::shared_ptr<const model::Dataset> loadOne(const Reference<css::uno::XComponentContext>& context,
                                              const std::string& source, const GenerationOptions& options) {
  struct Entry {
    fs::file_time_type stamp;
    std::chrono::steady_clock::time_point loadedAt;
    std::shared_ptr<const model::Dataset> dataset;
  };
  static std::mutex mutex;
  static std::map<std::string, Entry> cache;
  constexpr auto kEndpointFreshness = std::chrono::seconds(60);

  const sources::SourceSpec spec = sources::parseSource(source);
  sources::LoadOptions load;
  load.bundledDataset = systemPath(toOU(extensionRoot(context) + "/data/demo-dataset.json"));
  const bool remote = spec.kind == sources::SourceSpec::Kind::ReportingApi || spec.kind == sources::SourceSpec::Kind::CbsOData;
  fs::file_time_type stamp{};
  if (!remote) {
    const fs::path path = spec.kind == sources::SourceSpec::Kind::Bundled ? load.bundledDataset : fs::path(spec.location);
    std::error_code ec;
    stamp = fs::last_write_time(path, ec);
    if (ec) throw Error(ErrorKind::NotFound, "Dataset niet gevonden: " + path.string());
  }
  const bool insecure = remote && options.insecureTls.count(spec.location) > 0;
  const std::string key = source + (options.allowStaleCache ? "\x1fstale" : "") + (insecure ? "\x1finsecure" : "");
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex);
  if (auto it = cache.find(key); it != cache.end()) {
    const bool fresh = remote ? now - it->second.loadedAt < kEndpointFreshness : it->second.stamp == stamp;
    if (fresh) return it->second.dataset;
  }
  load.http.cacheDir = cacheHome() / "http";
  load.http.allowStaleCache = options.allowStaleCache;
  load.http.verifyTls = !insecure;  // an explicit opt-out for this one source only
  if (remote) load.http.bearerToken = endpointToken(context, spec.location);
  auto dataset = sources::load(spec, load).dataset;
  cache[key] = {stamp, now, dataset};
  return dataset;
}

/// The figures of one or more sources (one per line; the first has priority, later ones fill
/// what it lacks).
std::shared_ptr<const model::Dataset> loadDataset(const Reference<css::uno::XComponentContext>& context,
                                                  const std::string& source, const GenerationOptions& options) {
  std::vector<std::string> list;
  std::size_t start = 0;
  while (start <= source.size()) {
    const std::size_t end = std::min(source.find('\n', start), source.size());
    if (end > start) list.push_back(source.substr(start, end - start));
    start = end + 1;
  }
  if (list.size() <= 1) return loadOne(context, list.empty() ? std::string() : list.front(), options);
  auto merged = std::make_shared<model::Dataset>(*loadOne(context, list.front(), options));
  for (std::size_t i = 1; i < list.size(); ++i) merged->supplement(*loadOne(context, list[i], options));
  return merged;
}

std::vector<std::string> templateNames(const Reference<css::uno::XComponentContext>& context) {
  std::vector<std::string> names;
  const fs::path dir = systemPath(toOU(extensionRoot(context) + "/templates"));
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".ott") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

OUString templateUrl(const Reference<css::uno::XComponentContext>& context, const std::string& name) {
  if (name.rfind("file://", 0) == 0) {  // a template of one's own, by its file URL
    if (!fs::is_regular_file(systemPath(toOU(name)))) throw Error(ErrorKind::NotFound, "Sjabloon niet gevonden: " + name);
    return toOU(name);
  }
  const auto names = templateNames(context);
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    throw Error(ErrorKind::NotFound, "Onbekend sjabloon '" + name + "'; beschikbaar: " + known);
  }
  return toOU(extensionRoot(context) + "/templates/" + name + ".ott");
}

/// Closes a document unless released: nothing half-made stays open after a failure.
class DocumentGuard {
 public:
  explicit DocumentGuard(Reference<css::lang::XComponent> doc) : m_xDoc(std::move(doc)) {}
  DocumentGuard(const DocumentGuard&) = delete;
  DocumentGuard& operator=(const DocumentGuard&) = delete;
  ~DocumentGuard() {
    if (!m_xDoc.is()) return;
    try {
      Reference<css::util::XCloseable> closeable(m_xDoc, UNO_QUERY);
      if (closeable.is()) closeable->close(true);
      else m_xDoc->dispose();
    } catch (...) {
    }
  }
  Reference<css::lang::XComponent> release() { return std::exchange(m_xDoc, {}); }
  [[nodiscard]] const Reference<css::lang::XComponent>& get() const { return m_xDoc; }

 private:
  Reference<css::lang::XComponent> m_xDoc;
};

/// Loads the template and fills it; returns the new document (owned by the caller).
Reference<css::lang::XComponent> makeDocument(const Reference<css::uno::XComponentContext>& context, const std::string& templateName,
                                         const std::string& municipality, const std::string& period,
                                         const std::string& source, const GenerationOptions& options, bool hidden) {
  const auto dataset = loadDataset(context, source, options);
  const plan::BriefingContext briefing(*dataset, municipality, period, todayIso());
  const OUString url = templateUrl(context, templateName);

  Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(context);
  const auto args = seqOf<css::beans::PropertyValue>({prop("Hidden", Any(hidden)), prop("AsTemplate", Any(true)),
                                      prop("MacroExecutionMode", Any(css::document::MacroExecMode::NEVER_EXECUTE))});
  Reference<css::lang::XComponent> component = desktop->loadComponentFromURL(url, "_blank", 0, args);
  if (!component.is()) throw Error(ErrorKind::Office, "LibreOffice kon het sjabloon niet openen: " + toUtf8(url));
  DocumentGuard guard(component);
  Reference<css::text::XTextDocument> doc(component, UNO_QUERY);
  if (!doc.is()) throw Error(ErrorKind::Template, "Het sjabloon '" + templateName + "' is geen tekstdocument");

  Reference<css::frame::XModel> model(doc, UNO_QUERY_THROW);
  model->lockControllers();
  try {
    const auto found = findFields(doc);
    std::vector<plan::FieldOccurrence> occurrences;
    occurrences.reserve(found.size());
    for (const auto& f : found) occurrences.push_back(f.occurrence);
    const auto contents = plan::resolveFields(occurrences, briefing);  // throws before any change
    applyContents(doc, found, contents);
    if (plan::needsSourceNotice(occurrences, *dataset)) appendParagraph(doc, plan::sourceNote(briefing));
    // The title (metadata, PDF title bar, screen readers): the template's, made specific.
    Reference<css::document::XDocumentProperties> properties =
        Reference<css::document::XDocumentPropertiesSupplier>(doc, UNO_QUERY_THROW)->getDocumentProperties();
    properties->setTitle(toOU(plan::documentTitle(toUtf8(properties->getTitle()), briefing)));
  } catch (...) {
    model->unlockControllers();
    throw;
  }
  model->unlockControllers();
  return guard.release();
}

std::string filterFor(const fs::path& output) {
  std::string ext = output.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".odt") return "writer8";
  if (ext == ".pdf") return "writer_pdf_Export";
  if (ext == ".docx") return "MS Word 2007 XML";
  throw Error(ErrorKind::Usage, "Onbekend uitvoerformaat '" + ext + "': gebruik .odt, .pdf of .docx");
}

/// Stores to a temporary name beside the target and renames: the target is complete or untouched.
void storeAtomically(const Reference<css::lang::XComponent>& component, const fs::path& output,
                     const GenerationOptions& options) {
  const std::string filter = filterFor(output);
  if (!fs::is_directory(output.parent_path()))
    throw Error(ErrorKind::NotFound, "Map bestaat niet: " + output.parent_path().string());
  const fs::path temp = output.parent_path() / fmt::format(".{}.raadsbrief-{}.tmp", output.filename().string(), ::getpid());
  const OUString tempUrl = toOU(fileUrl(temp.string()));
  auto args = seqOf<css::beans::PropertyValue>({prop("FilterName", Any(toOU(filter))), prop("Overwrite", Any(true))});
  if (filter == "writer_pdf_Export") {
    // Tagged and PDF/UA (accessible), the title in the window bar; PDF/A-2b on request.
    const auto pdf = seqOf<css::beans::PropertyValue>(
        {prop("UseTaggedPDF", Any(true)), prop("PDFUACompliance", Any(true)), prop("ExportBookmarks", Any(true)),
         prop("DisplayPDFDocumentTitle", Any(true)), prop("SelectPdfVersion", Any(sal_Int32(options.pdfA ? 2 : 0)))});
    args = seqOf<css::beans::PropertyValue>({args[0], args[1], prop("FilterData", Any(pdf))});
  }
  try {
    Reference<css::frame::XStorable>(component, UNO_QUERY_THROW)->storeToURL(tempUrl, args);
    fs::rename(temp, output);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw;
  }
}

/// Runs `work`, turning every failure into a GenerationException: nothing else leaves our code.
template <typename Work>
auto guarded(const Reference<css::uno::XInterface>& self, Work&& work) -> decltype(work()) {
  auto raise = [&](const std::string& message, ErrorKind kind) -> decltype(work()) {
    throw nl::raadsbrief::GenerationException(toOU(message), self, static_cast<sal_Int32>(kind));
  };
  try {
    return work();
  } catch (const nl::raadsbrief::GenerationException&) {
    throw;
  } catch (const Error& e) {
    return raise(e.what(), e.kind());
  } catch (const css::uno::Exception& e) {
    return raise("LibreOffice-fout: " + toUtf8(e.Message), ErrorKind::Office);
  } catch (const fs::filesystem_error& e) {
    return raise(std::string("Bestandsfout: ") + e.what(), ErrorKind::Office);
  } catch (const std::exception& e) {
    return raise(std::string("Interne fout: ") + e.what(), ErrorKind::Internal);
  } catch (...) {
    return raise("Onbekende interne fout", ErrorKind::Internal);
  }
}

}  // namespace

BriefingGenerator::BriefingGenerator(Reference<css::uno::XComponentContext> context) : m_xContext(std::move(context)) {}

OUString BriefingGenerator::generate(const OUString& templateName, const OUString& municipality, const OUString& period,
                                     const OUString& source, const OUString& outputURL,
                                     const Sequence<css::beans::NamedValue>& options) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const fs::path output = systemPath(outputURL);
    (void)filterFor(output);  // reject an unknown format before doing any work
    const GenerationOptions generationOptions = readOptions(options);
    std::vector<fs::path> extra;
    for (const auto& url : generationOptions.extraOutputs) extra.push_back(systemPath(url));
    for (const auto& path : extra) (void)filterFor(path);
    const DocumentGuard doc(makeDocument(m_xContext, toUtf8(templateName), toUtf8(municipality), toUtf8(period),
                                         toUtf8(source), generationOptions, true));
    // The main output last: a batch that finds it knows the others are complete too.
    for (const auto& path : extra) storeAtomically(doc.get(), path, generationOptions);
    storeAtomically(doc.get(), output, generationOptions);
    return toOU("Geschreven: " + output.string());
  });
}

Reference<css::lang::XComponent> BriefingGenerator::createDocument(const OUString& templateName, const OUString& municipality,
                                                              const OUString& period, const OUString& source,
                                                              const Sequence<css::beans::NamedValue>& options,
                                                              sal_Bool hidden) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    return makeDocument(m_xContext, toUtf8(templateName), toUtf8(municipality), toUtf8(period), toUtf8(source),
                        readOptions(options), hidden != 0);
  });
}

Sequence<OUString> BriefingGenerator::listTemplates() {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const auto names = templateNames(m_xContext);
    Sequence<OUString> out(static_cast<sal_Int32>(names.size()));
    for (std::size_t i = 0; i < names.size(); ++i) out.getArray()[i] = toOU(names[i]);
    return out;
  });
}

Sequence<OUString> BriefingGenerator::listMunicipalities(const OUString& source) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const auto dataset = loadDataset(m_xContext, toUtf8(source), GenerationOptions{});
    std::vector<OUString> rows;
    for (const auto& r : dataset->regions()) {
      if (r.kind != model::RegionKind::Municipality) continue;
      const model::Region* y = r.youthCareRegion.empty() ? nullptr : dataset->findRegion(r.youthCareRegion);
      rows.push_back(toOU(r.code + "\t" + r.name + "\t" + (y ? y->name : std::string())));
    }
    return Sequence<OUString>(rows.data(), static_cast<sal_Int32>(rows.size()));
  });
}

OUString BriefingGenerator::getImplementationName() { return OUString::createFromAscii(kGeneratorImplementation); }

sal_Bool BriefingGenerator::supportsService(const OUString& name) { return cppu::supportsService(this, name); }

Sequence<OUString> BriefingGenerator::getSupportedServiceNames() {
  return seqOf<OUString>({OUString::createFromAscii(kGeneratorService)});
}

}  // namespace raadsbrief::office
