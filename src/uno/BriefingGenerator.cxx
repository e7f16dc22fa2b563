#include "BriefingGenerator.hxx"

#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/XPropertyContainer.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/deployment/PackageInformationProvider.hpp>
#include <com/sun/star/document/MacroExecMode.hpp>
#include <com/sun/star/document/UpdateDocMode.hpp>
#include <com/sun/star/document/XDocumentProperties.hpp>
#include <com/sun/star/document/XDocumentPropertiesSupplier.hpp>
#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/frame/XStorable.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/task/PasswordContainer.hpp>
#include <com/sun/star/task/UrlRecord.hpp>
#include <com/sun/star/task/XInteractionHandler.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/text/XTextEmbeddedObjectsSupplier.hpp>
#include <com/sun/star/text/XTextViewCursor.hpp>
#include <com/sun/star/text/XTextViewCursorSupplier.hpp>
#include <com/sun/star/util/XCloseable.hpp>
#include <cppuhelper/supportsservice.hxx>
#include <osl/file.hxx>
#include <osl/time.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include <nl/raadsbrief/GenerationException.hpp>

#include "BindingPlaces.hxx"
#include "Bindings.hxx"
#include "Cancel.hpp"
#include "ChartUndo.hxx"
#include "Convert.hxx"
#include "Error.hpp"
#include "OutputFile.hxx"
#include "Settings.hxx"
#include "SpreadsheetReader.hxx"
#include "WriterFill.hxx"
#include "fields/TemplateFile.hpp"
#include "package/PackageCheck.hpp"
#include "plan/Briefing.hpp"
#include "refresh/Refresh.hpp"
#include "settings/Settings.hpp"
#include "sources/Loader.hpp"
#include "sources/Source.hpp"

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
  const OUString location = css::deployment::PackageInformationProvider::get(context)->getPackageLocation(
      OUString::createFromAscii(kExtensionId));
  if (location.isEmpty()) throw Error(ErrorKind::Internal, "De Raadsbrief-extensie is niet (goed) geïnstalleerd");
  return toUtf8(location);
}

std::string todayIso() {
  // Through osl (LibreOffice's portable runtime): local time on every platform.
  TimeValue now{};
  TimeValue local{};
  oslDateTime date{};
  if (!osl_getSystemTime(&now) || !osl_getLocalTimeFromSystemTime(&now, &local) ||
      !osl_getDateTimeFromTimeValue(&local, &date))
    throw Error(ErrorKind::Internal, "De datum van vandaag is niet te bepalen");
  return fmt::format("{:04}-{:02}-{:02}", date.Year, date.Month, date.Day);
}

}  // namespace

/// Options of one generation (the UNO API's NamedValue sequence).
struct GenerationOptions {
  /// "AllowStaleCache": an unreachable endpoint may be answered from the cache; when not given,
  /// the user's setting (Tools ▸ Options ▸ Raadsbrief) decides.
  std::optional<bool> allowStaleCache;
  std::set<std::string> insecureTls;   ///< "InsecureTlsSources": endpoints whose certificate is not checked
  bool pdfA = false;                   ///< "PdfA": PDF output as PDF/A-2b (archiving)
  bool force = false;                  ///< "Force": a read-only output file may be replaced (its mode stays)
  std::vector<OUString> extraOutputs;  ///< "ExtraOutputs": more files (URLs) from the same document (batch: ODT + PDF)
  CancelTokenPtr cancel;               ///< set by BriefingGenerator::cancel() from another thread
  bool strict = false;                 ///< "Strict": a figure the sources lack is an error, nothing is left out
};

namespace {

/// Throws Error(Cancelled) when the operation was cancelled: called at the points where stopping
/// leaves nothing changed.
void checkpoint(const GenerationOptions& options) {
  if (options.cancel) options.cancel->check();
}

GenerationOptions readOptions(const Sequence<css::beans::NamedValue>& values) {
  GenerationOptions options;
  for (const auto& v : values) {
    if (v.Name == "AllowStaleCache") {
      bool allow = false;
      if (!(v.Value >>= allow)) throw Error(ErrorKind::Usage, "AllowStaleCache moet waar of onwaar zijn");
      options.allowStaleCache = allow;
    } else if (v.Name == "Strict") {
      if (!(v.Value >>= options.strict)) throw Error(ErrorKind::Usage, "Strict moet waar of onwaar zijn");
    } else if (v.Name == "Force") {
      if (!(v.Value >>= options.force)) throw Error(ErrorKind::Usage, "Force moet waar of onwaar zijn");
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

/// The Source argument as given, or — when empty — the user's configured sources (Tools ▸
/// Options ▸ Raadsbrief), which are empty (= bundled) unless the user chose some.
std::string withConfiguredSources(const Reference<css::uno::XComponentContext>& context, const std::string& source) {
  if (source.find_first_not_of(" \t\r\n") != std::string::npos) return source;
  return settings::sourceArgument(readSettings(context));
}

/// The Bearer token for a reporting endpoint: from LibreOffice's password container (stored under
/// exactly this base URL), or — headless, for the CLI — from RAADSBRIEF_TOKEN in soffice's
/// environment. Never from configuration or arguments; never logged. Only asked for sources the
/// user named (see loadDataset), so the environment's token never goes to a server that a
/// document named.
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

/// The in-process memo of parsed datasets: one per office process (a batch of documents asks an
/// endpoint once a minute, not once per document). Cleared by the options page's Cache legen.
sources::DatasetMemo& datasetMemo() {
  static sources::DatasetMemo memo;
  return memo;
}

/// How this office loads figures: the user's timeouts and stale-cache setting (unless the call
/// says otherwise), the per-user HTTP cache, the call's TLS exceptions and cancel token, tokens
/// from the password container (or RAADSBRIEF_TOKEN, see endpointToken).
sources::LoadPolicy loadPolicy(const Reference<css::uno::XComponentContext>& context,
                               const GenerationOptions& options) {
  const settings::Settings configured = readSettings(context);
  sources::LoadPolicy policy;
  policy.bundledDataset = systemPath(toOU(extensionRoot(context) + "/data/demo-dataset.json"));
  settings::applyTo(configured, policy.http);
  policy.http.cacheDir = settings::cacheHome() / "http";
  policy.http.allowStaleCache = options.allowStaleCache.value_or(configured.allowStaleCache);
  policy.http.cancel = options.cancel;
  policy.insecureTls = options.insecureTls;
  policy.token = [context](const std::string& location) { return endpointToken(context, location); };
  policy.spreadsheetReader = spreadsheetReader(context);  // own figures in .ods/.xlsx, read by this office
  return policy;
}

/// The figures of one or more sources (one per line; the first has priority, later ones fill
/// what it lacks). Every caller passes sources the user named: the call's Source argument, the
/// configured sources, or a document's recorded sources after checkedRecordedSources.
/// `municipalities`: the memo's municipalities (LoadPolicy::municipalities: CBS is then asked for
/// their youth-care regions only); empty for the lists, which need every municipality. `needs`:
/// what the document's fields need (plan::figureNeeds; CBS then reads only those tables); empty
/// for the lists (every indicator).
std::shared_ptr<const model::Dataset> loadDataset(const Reference<css::uno::XComponentContext>& context,
                                                  const std::string& source, const GenerationOptions& options,
                                                  std::vector<std::string> municipalities,
                                                  plan::FigureNeeds needs = {}) {
  sources::LoadPolicy policy = loadPolicy(context, options);
  policy.municipalities = std::move(municipalities);
  policy.indicators = std::move(needs.indicators);
  policy.earliestYear = needs.earliestYear;
  return sources::loadFigures(sources::SourceList::parse(source), policy, &datasetMemo()).dataset;
}

/// The lists a dialog offers (municipalities with their youth-care region, periods, indicators):
/// loadDataset without figures. A CBS source reads its code lists and metadata only (about 100 KB,
/// LoadPolicy::observations); every other source loads as it always does.
std::shared_ptr<const model::Dataset> loadLists(const Reference<css::uno::XComponentContext>& context,
                                                const std::string& source, const GenerationOptions& options) {
  sources::LoadPolicy policy = loadPolicy(context, options);
  policy.observations = false;
  return sources::loadFigures(sources::SourceList::parse(source), policy, &datasetMemo()).dataset;
}

/// A document's recorded sources, when the user trusts every one of them: the bundled data, or
/// sources among the user's own (Tools ▸ Options ▸ Raadsbrief). A document can come from anyone
/// (a memo by e-mail): following its sources would send the user's token to a stranger's server
/// or read any file on this machine. Otherwise Error(Usage) naming the sources, so that the user
/// can choose them explicitly (CLI: --source; Writer: the refresh command asks).
std::string checkedRecordedSources(const Reference<css::uno::XComponentContext>& context, const std::string& recorded) {
  const auto untrusted =
      sources::SourceList::parse(recorded).notAmong(sources::SourceList::parse(withConfiguredSources(context, {})));
  if (untrusted.empty()) return recorded;
  std::string names;
  for (const auto& spec : untrusted) names += (names.empty() ? "" : ", ") + sources::displayName(spec);
  throw Error(ErrorKind::Usage,
              "Dit document haalt zijn cijfers bij een bron die u niet zelf hebt gekozen: " + names +
                  ". Raadsbrief gebruikt een bron uit een document alleen als u die zelf noemt: geef de bron op "
                  "(raadsbrief refresh … --source ADRES) of neem haar op in Extra \u25b8 Opties \u25b8 Raadsbrief.");
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

/// A template of the user's own is checked before LibreOffice opens it (it may come from anyone):
/// no zip bomb, and no linked images, sections, objects or DDE links, which LibreOffice would
/// fetch while laying out the document — a template never makes Raadsbrief fetch anything.
void checkTemplatePackage(const fs::path& path) {
  package::PackageReport report;
  try {
    report = package::inspectPackage(path);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Data) throw;
    throw Error(ErrorKind::Template, std::string("Sjabloon ") + e.what());
  }
  if (report.externalLinks.empty()) return;
  std::string links;
  for (const auto& link : report.externalLinks)
    links += (links.empty() ? "" : ", ") + link.kind + " " + link.target + " (" + link.entry + ")";
  throw Error(ErrorKind::Template,
              "Het sjabloon " + path.string() + " bevat gekoppelde inhoud, die Raadsbrief niet ophaalt: " + links +
                  ". Neem de inhoud op in het sjabloon zelf (Bewerken \u25b8 Koppelingen naar externe bestanden \u25b8 "
                  "Verbreken) en sla het opnieuw op.");
}

/// A shipped template by name ("raadsinformatiebrief"), or a template file of the user's own
/// (a copy saved with their house style) as a file URL. Only local files: a template never
/// makes Raadsbrief fetch anything.
OUString templateUrl(const Reference<css::uno::XComponentContext>& context, const std::string& name) {
  if (name.find(':') != std::string::npos) {
    if (name.rfind("file:///", 0) != 0)
      throw Error(ErrorKind::Usage,
                  "Een sjabloon moet een meegeleverd sjabloon of een lokaal bestand (file:///…) zijn: " + name);
    std::error_code ec;
    if (!fs::is_regular_file(systemPath(toOU(name)), ec))
      throw Error(ErrorKind::NotFound, "Sjabloonbestand niet gevonden: " + systemPath(toOU(name)).string());
    fields::checkTemplateFile(systemPath(toOU(name)));  // LibreOffice would open any file as text
    checkTemplatePackage(systemPath(toOU(name)));
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

/// Fills every field of an open document (a template just loaded, or one the user made from a
/// template in File ▸ New ▸ Templates) in place and records its bindings. `omitted` receives what
/// was left out because the sources lack its figures (one Dutch line each).
void fillFields(const Reference<css::text::XTextDocument>& doc, const plan::BriefingContext& briefing,
                const model::Dataset& dataset, const std::string& source, const std::string& period,
                const GenerationOptions& options, std::vector<std::string>& omitted) {
  Reference<css::frame::XModel> model(doc, UNO_QUERY_THROW);
  model->lockControllers();
  try {
    const auto found = findFields(doc);
    std::vector<plan::FieldOccurrence> occurrences;
    occurrences.reserve(found.size());
    for (const auto& f : found) occurrences.push_back(f.occurrence);
    // Decided before any change: a broken template (or, strict, a missing figure) throws here.
    const auto decided = plan::planBriefing(occurrences, briefing, options.strict);
    checkpoint(options);
    applyOptionalParts(found, decided);  // parts left out, markers removed; then only what remains is filled
    std::vector<FoundField> kept;
    std::vector<plan::Content> contents;
    for (std::size_t i = 0; i < found.size(); ++i)
      if (decided.actions[i] == plan::FieldAction::Fill || decided.actions[i] == plan::FieldAction::Unavailable) {
        kept.push_back(found[i]);
        contents.push_back(decided.contents[i]);
      }
    // Everything but the letter's date stays bound, so that a refresh can write it again.
    refresh::DocumentRecord record;
    record.source = source;
    record.created = todayIso();
    std::vector<std::string> names;
    for (std::size_t i = 0, k = 0; i < found.size(); ++i) {
      if (decided.actions[i] != plan::FieldAction::Fill && decided.actions[i] != plan::FieldAction::Unavailable)
        continue;
      std::string name;  // "niet beschikbaar" is not bound: a refresh has no figure to put there either
      if (decided.actions[i] == plan::FieldAction::Fill && refresh::isBound(fields::parseField(occurrences[i].text))) {
        const auto kind = refresh::kindOf(contents[k]);
        name = freshName(doc, record, refresh::bindingPrefix(kind));
        record.bindings.push_back({name,
                                   kind,
                                   occurrences[i].text,
                                   briefing.municipality().code,
                                   period,
                                   refresh::fingerprint(contents[k]),
                                   {},
                                   {},
                                   {}});
        refresh::noteShown(record.bindings.back(), contents[k], dataset);  // period and status, for revisions
      }
      names.push_back(name);
      ++k;
    }
    applyContents(doc, kept, contents, names);
    applySourceFootnotes(doc, kept, plan::sourceFootnotes(contents, dataset));
    omitted = decided.omitted;
    if (!record.bindings.empty()) writeRecord(doc, record);
    if (plan::needsSourceNotice(occurrences, dataset)) appendParagraph(doc, plan::sourceNote(briefing));
    // The title (metadata, PDF title bar, screen readers): the template's, made specific.
    Reference<css::document::XDocumentProperties> properties =
        Reference<css::document::XDocumentPropertiesSupplier>(doc, UNO_QUERY_THROW)->getDocumentProperties();
    properties->setTitle(toOU(plan::documentTitle(toUtf8(properties->getTitle()), briefing)));
    // Filled: no longer a template that asks to be filled (the template job looks for the marker).
    Reference<css::beans::XPropertySet> userDefined(properties->getUserDefinedProperties(), UNO_QUERY);
    if (userDefined.is() && userDefined->getPropertySetInfo()->hasPropertyByName(toOU(kTemplateMarker)))
      Reference<css::beans::XPropertyContainer>(userDefined, UNO_QUERY_THROW)->removeProperty(toOU(kTemplateMarker));
  } catch (...) {
    model->unlockControllers();
    throw;
  }
  model->unlockControllers();
}

/// How many templates this process is loading and filling itself now (makingDocument()).
std::atomic<int>& documentsInTheMaking() {
  static std::atomic<int> count{0};
  return count;
}

/// Counts one document in the making while it lives.
class MakingDocument {
 public:
  MakingDocument() { ++documentsInTheMaking(); }
  MakingDocument(const MakingDocument&) = delete;
  MakingDocument& operator=(const MakingDocument&) = delete;
  ~MakingDocument() { --documentsInTheMaking(); }
};

/// Loads the template and fills it; returns the new document (owned by the caller). `omitted`
/// receives what was left out because the sources lack its figures (one Dutch line each).
Reference<css::lang::XComponent> makeDocument(const Reference<css::uno::XComponentContext>& context,
                                              const std::string& templateName, const std::string& municipality,
                                              const std::string& period, const std::string& requestedSource,
                                              const GenerationOptions& options, bool hidden,
                                              std::vector<std::string>& omitted) {
  const std::string source = withConfiguredSources(context, requestedSource);  // also what the record keeps
  const OUString url = templateUrl(context, templateName);
  // A pre-pass over the template's fields: CBS is asked only for the tables they need.
  plan::FigureNeeds needs;
  if (const auto fieldTexts = fields::templateFieldTexts(systemPath(url)))
    needs = plan::figureNeeds(*fieldTexts, {period});
  const auto dataset = loadDataset(context, source, options, {municipality}, needs);
  const plan::BriefingContext briefing(*dataset, municipality, period, todayIso());

  const MakingDocument making;  // the template job must not ask the user to fill this one
  Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(context);
  const auto args =
      seqOf<css::beans::PropertyValue>({prop("Hidden", Any(hidden)), prop("AsTemplate", Any(true)),
                                        prop("MacroExecutionMode", Any(css::document::MacroExecMode::NEVER_EXECUTE)),
                                        prop("UpdateDocMode", Any(css::document::UpdateDocMode::NO_UPDATE))});
  Reference<css::lang::XComponent> component = desktop->loadComponentFromURL(url, "_blank", 0, args);
  if (!component.is()) throw Error(ErrorKind::Office, "LibreOffice kon het sjabloon niet openen: " + toUtf8(url));
  DocumentGuard guard(component);
  Reference<css::text::XTextDocument> doc(component, UNO_QUERY);
  if (!doc.is()) throw Error(ErrorKind::Template, "Het sjabloon '" + templateName + "' is geen tekstdocument");

  fillFields(doc, briefing, *dataset, source, period, options, omitted);
  settleLayout(context, doc);  // Writer's fitting of the charts now, not on top of the user's next Undo step
  // A new document: Undo cannot take the template's filling apart step by step.
  Reference<css::document::XUndoManagerSupplier>(doc, UNO_QUERY_THROW)->getUndoManager()->clear();
  return guard.release();
}

std::string filterFor(const fs::path& output) {
  std::string ext = output.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".odt") return "writer8";
  if (ext == ".pdf") return "writer_pdf_Export";
  if (ext == ".docx") return "MS Word 2007 XML";
  throw Error(ErrorKind::Usage, "Onbekend uitvoerformaat '" + ext + "': gebruik .odt, .pdf of .docx");
}

/// Stores to a temporary name beside the target and renames: the target is complete or untouched.
/// The replaced file's identity is kept where it can be (OutputFile.hxx): a symlink is written
/// through, the mode (and, for root, the owner) stays, a read-only file is refused unless forced.
void storeAtomically(const Reference<css::lang::XComponent>& component, const fs::path& output,
                     const GenerationOptions& options) {
  const std::string filter = filterFor(output);
  const OutputFile target = inspectOutput(output);
  if (!fs::is_directory(target.path.parent_path()))
    throw Error(ErrorKind::NotFound, "Map bestaat niet: " + target.path.parent_path().string());
  checkReplaceable(target, options.force);
  // A private folder beside the target holds the new file until the rename, and whatever
  // LibreOffice makes beside a file it stores ("lu….tmp" of a PDF export): a killed office
  // leaves one folder of a known name (the CLI removes it), nothing of LibreOffice's own.
  const fs::path temp = temporaryBeside(target.path);
  std::error_code made;
  if (!fs::create_directory(temp, made))
    throw Error(ErrorKind::Office, "LibreOffice kon het document niet opslaan als " + output.string() +
                                       " (is de map schrijfbaar, de schijf niet vol en de naam niet te lang?)");
  fs::permissions(temp, fs::perms::owner_all, fs::perm_options::replace, made);
  const fs::path stored = temp / target.path.filename();
  const OUString tempUrl = toOU(fileUrl(stored.string()));
  auto args = seqOf<css::beans::PropertyValue>({prop("FilterName", Any(toOU(filter))), prop("Overwrite", Any(true))});
  if (filter == "writer_pdf_Export") {
    // Tagged and PDF/UA (accessible), the title in the window bar; PDF/A-2b on request.
    const auto pdf = seqOf<css::beans::PropertyValue>(
        {prop("UseTaggedPDF", Any(true)), prop("PDFUACompliance", Any(true)), prop("ExportBookmarks", Any(true)),
         prop("DisplayPDFDocumentTitle", Any(true)), prop("SelectPdfVersion", Any(sal_Int32(options.pdfA ? 2 : 0)))});
    args = seqOf<css::beans::PropertyValue>({args[0], args[1], prop("FilterData", Any(pdf))});
  }
  try {
    try {
      Reference<css::frame::XStorable>(component, UNO_QUERY_THROW)->storeToURL(tempUrl, args);
    } catch (const css::uno::Exception&) {
      // LibreOffice's message is an internal code ("SfxBaseModel::impl_store … 0x507"): say it plainly.
      throw Error(ErrorKind::Office, "LibreOffice kon het document niet opslaan als " + output.string() +
                                         " (is de map schrijfbaar, de schijf niet vol en de naam niet te lang?)");
    }
    keepIdentity(stored, target);
    fs::rename(stored, target.path);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(temp, ignored);
    throw;
  }
  std::error_code ignored;
  fs::remove_all(temp, ignored);
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

Reference<css::text::XTextDocument> textDocument(const Reference<css::lang::XComponent>& component) {
  Reference<css::text::XTextDocument> doc(component, UNO_QUERY);
  if (!doc.is()) throw Error(ErrorKind::Usage, "Dit is geen tekstdocument (Writer)");
  return doc;
}

Sequence<nl::raadsbrief::RefreshChange> toChanges(const refresh::RefreshPlan& plan) {
  Sequence<nl::raadsbrief::RefreshChange> out(static_cast<sal_Int32>(plan.changes.size()));
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    const auto& c = plan.changes[i];
    auto& o = out.getArray()[i];
    o.Id = toOU(c.id);
    o.Kind = OUString::createFromAscii(refresh::kindName(c.kind));
    o.Field = toOU(c.field);
    o.Status = OUString::createFromAscii(refresh::statusName(c.status));
    o.Before = toOU(c.before);
    o.After = toOU(c.after);
    o.WordingChanged = c.wordingChanged;
    o.Details.realloc(static_cast<sal_Int32>(c.details.size()));
    for (std::size_t d = 0; d < c.details.size(); ++d) o.Details.getArray()[d] = toOU(c.details[d]);
    o.Subject = toOU(c.subject);
    o.Revision = toOU(c.revision);
    o.Place = toOU(c.place);
    o.Position = c.position;
  }
  return out;
}

/// "cijfer jeugdhulp" → "{{cijfer jeugdhulp}}"; a field with braces stays as it is.
std::string fieldInBraces(const std::string& text) { return text.rfind("{{", 0) == 0 ? text : "{{" + text + "}}"; }

/// A content in one line: the text itself, or the title of a table or chart.
std::string shortDescription(const plan::Content& content) {
  if (const auto* t = std::get_if<plan::TextSpec>(&content)) return t->text;
  if (const auto* t = std::get_if<plan::TableSpec>(&content)) return t->title;
  return std::get<plan::ChartSpec>(content).title;
}

/// Plans (and with `apply` performs) the refresh of an open document.
refresh::RefreshPlan refreshOpenDocument(const Reference<css::uno::XComponentContext>& context,
                                         const Reference<css::text::XTextDocument>& doc, const std::string& source,
                                         const GenerationOptions& options, bool apply) {
  const auto record = readRecord(doc);
  if (!record || record->bindings.empty())
    throw Error(ErrorKind::NotFound, "Dit document bevat geen cijfers van Raadsbrief om bij te werken");
  const std::string from = source.empty() ? checkedRecordedSources(context, record->source) : source;
  std::vector<std::string> municipalities;       // the document's own: CBS is asked for their regions only
  std::vector<std::string> fieldTexts, periods;  // and for the tables of its fields only
  for (const auto& b : record->bindings) {
    if (std::find(municipalities.begin(), municipalities.end(), b.municipality) == municipalities.end())
      municipalities.push_back(b.municipality);
    fieldTexts.push_back(b.field);
    periods.push_back(b.period);
  }
  const auto dataset = loadDataset(context, from, options, municipalities,
                                   plan::figureNeeds(fieldTexts, periods));  // fetch before anything changes
  checkpoint(options);
  auto plan = refresh::planRefresh(*record, readBound(doc, *record), *dataset, todayIso());
  refresh::locate(plan, locateBindings(doc, *record));  // where each one stands, before anything changes
  plan.record.source = from;
  if (apply) {
    settleLayout(context, doc);  // Writer's own fitting of the charts is not part of the refresh's Undo step
    applyRefresh(doc, plan, [&] { checkpoint(options); });
    settleLayout(context, doc);
  }
  return plan;
}

}  // namespace

void forgetLoadedDatasets() { datasetMemo().clear(); }

bool makingDocument() noexcept { return documentsInTheMaking() > 0; }

bool isUnfilledTemplateDocument(const Reference<css::lang::XComponent>& document) noexcept {
  try {
    Reference<css::text::XTextDocument> doc(document, UNO_QUERY);
    Reference<css::document::XDocumentPropertiesSupplier> supplier(document, UNO_QUERY);
    if (!doc.is() || !supplier.is()) return false;
    Reference<css::beans::XPropertySet> userDefined(supplier->getDocumentProperties()->getUserDefinedProperties(),
                                                    UNO_QUERY);
    if (!userDefined.is() || !userDefined->getPropertySetInfo()->hasPropertyByName(toOU(kTemplateMarker))) return false;
    return !findFields(doc).empty();
  } catch (...) {
    return false;
  }
}

BriefingGenerator::BriefingGenerator(Reference<css::uno::XComponentContext> context) : m_xContext(std::move(context)) {}

GenerationOptions BriefingGenerator::begin(const Sequence<css::beans::NamedValue>& values) {
  GenerationOptions options = readOptions(values);
  options.cancel = std::make_shared<CancelToken>();
  std::lock_guard lock(m_cancelMutex);
  m_running.erase(std::remove_if(m_running.begin(), m_running.end(), [](const auto& w) { return w.expired(); }),
                  m_running.end());
  m_running.push_back(options.cancel);
  return options;
}

void BriefingGenerator::cancel() {
  try {
    std::lock_guard lock(m_cancelMutex);
    for (const auto& w : m_running)
      if (const auto token = w.lock()) token->cancel();
  } catch (...) {
    // cancel() must never throw into the office
  }
}

OUString BriefingGenerator::generate(const OUString& templateName, const OUString& municipality, const OUString& period,
                                     const OUString& source, const OUString& outputURL,
                                     const Sequence<css::beans::NamedValue>& options) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const fs::path output = systemPath(outputURL);
    (void)filterFor(output);  // reject an unknown format before doing any work
    if (fs::is_directory(output))
      throw Error(ErrorKind::Usage, "Op " + output.string() + " staat een map, geen document");
    const GenerationOptions generationOptions = begin(options);
    std::vector<fs::path> extra;
    for (const auto& url : generationOptions.extraOutputs) extra.push_back(systemPath(url));
    for (const auto& path : extra) (void)filterFor(path);
    std::vector<std::string> omitted;
    const DocumentGuard doc(makeDocument(m_xContext, toUtf8(templateName), toUtf8(municipality), toUtf8(period),
                                         toUtf8(source), generationOptions, true, omitted));
    checkpoint(generationOptions);  // the last point where a cancel leaves no file behind
    // The main output last: a batch that finds it knows the others are complete too.
    for (const auto& path : extra) storeAtomically(doc.get(), path, generationOptions);
    storeAtomically(doc.get(), output, generationOptions);
    // The caller shows this summary: it carries the warnings about the sources (docs/security.md)
    // and, one line each, what was left out because the sources lack its figures.
    std::string summary = "Geschreven: " + output.string();
    for (const auto& line : omitted) summary += "\n" + line;
    const std::string sourceLines = toUtf8(source);
    for (std::size_t start = 0; start < sourceLines.size();) {
      const std::size_t end = std::min(sourceLines.find('\n', start), sourceLines.size());
      if (end > start)
        for (const auto& w : sources::securityWarnings(sources::parseSource(sourceLines.substr(start, end - start))))
          summary += "\nLet op: " + w;
      start = end + 1;
    }
    return toOU(summary);
  });
}

Reference<css::lang::XComponent> BriefingGenerator::createDocument(const OUString& templateName,
                                                                   const OUString& municipality, const OUString& period,
                                                                   const OUString& source,
                                                                   const Sequence<css::beans::NamedValue>& options,
                                                                   sal_Bool hidden) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    std::vector<std::string> omitted;
    auto document = makeDocument(m_xContext, toUtf8(templateName), toUtf8(municipality), toUtf8(period), toUtf8(source),
                                 begin(options), hidden != 0, omitted);
    std::lock_guard lock(m_cancelMutex);
    m_lastOmitted = std::move(omitted);
    return document;
  });
}

void BriefingGenerator::fillDocument(const Reference<css::lang::XComponent>& document, const OUString& municipality,
                                     const OUString& period, const OUString& requestedSource) {
  guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const auto doc = textDocument(document);
    if (!isUnfilledTemplateDocument(document))
      throw Error(ErrorKind::Usage,
                  "Dit document is niet van een Raadsbrief-sjabloon gemaakt of is al ingevuld. Kies Raadsbrief \u25b8 "
                  "Nieuwe briefing om een nieuwe briefing te maken.");
    const GenerationOptions options = begin({});
    const std::string source = withConfiguredSources(m_xContext, toUtf8(requestedSource));
    const auto dataset = loadDataset(m_xContext, source, options, {toUtf8(municipality)});  // fetch first
    const plan::BriefingContext briefing(*dataset, toUtf8(municipality), toUtf8(period), todayIso());
    std::vector<std::string> omitted;
    fillFields(doc, briefing, *dataset, source, toUtf8(period), options, omitted);
    settleLayout(m_xContext, doc);
    std::lock_guard lock(m_cancelMutex);
    m_lastOmitted = std::move(omitted);
  });
}

Sequence<nl::raadsbrief::RefreshChange> BriefingGenerator::refreshDocument(
    const Reference<css::lang::XComponent>& document, const OUString& source,
    const Sequence<css::beans::NamedValue>& options, sal_Bool apply) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    return toChanges(
        refreshOpenDocument(m_xContext, textDocument(document), toUtf8(source), begin(options), apply != 0));
  });
}

Sequence<nl::raadsbrief::RefreshChange> BriefingGenerator::refreshFile(const OUString& documentURL,
                                                                       const OUString& source,
                                                                       const Sequence<css::beans::NamedValue>& options,
                                                                       sal_Bool apply) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const fs::path path = systemPath(documentURL);
    if (filterFor(path) == "writer_pdf_Export")
      throw Error(ErrorKind::Usage, "Een PDF kan niet worden bijgewerkt; werk het ODT- of DOCX-bestand bij");
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) throw Error(ErrorKind::NotFound, "Bestand niet gevonden: " + path.string());
    const GenerationOptions generationOptions = begin(options);
    (void)package::inspectPackage(path);  // a document from someone else: no zip bomb reaches LibreOffice
    if (apply)
      checkReplaceable(inspectOutput(path), generationOptions.force);  // before any work: what the store would refuse
    Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(m_xContext);
    const auto args = seqOf<css::beans::PropertyValue>(
        {prop("Hidden", Any(true)), prop("MacroExecutionMode", Any(css::document::MacroExecMode::NEVER_EXECUTE)),
         prop("UpdateDocMode", Any(css::document::UpdateDocMode::NO_UPDATE))});
    const DocumentGuard doc(desktop->loadComponentFromURL(toOU(fileUrl(path.string())), "_blank", 0, args));
    if (!doc.get().is()) throw Error(ErrorKind::Office, "LibreOffice kon het document niet openen: " + path.string());
    const auto plan =
        refreshOpenDocument(m_xContext, textDocument(doc.get()), toUtf8(source), generationOptions, apply != 0);
    if (apply) storeAtomically(doc.get(), path, generationOptions);  // the old file stays until the new one is complete
    return toChanges(plan);
  });
}

OUString BriefingGenerator::insertField(const Reference<css::lang::XComponent>& document, const OUString& fieldText,
                                        const OUString& municipality, const OUString& period, const OUString& source,
                                        const Sequence<css::beans::NamedValue>& options) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const auto doc = textDocument(document);
    const GenerationOptions generationOptions = begin(options);
    const auto existing = readRecord(doc);
    refresh::DocumentRecord record = existing.value_or(refresh::DocumentRecord{});
    if (record.created.empty()) record.created = todayIso();
    if (!source.isEmpty()) record.source = toUtf8(source);                      // the document's sources from now on
    else if (!existing) record.source = withConfiguredSources(m_xContext, {});  // a new document: the user's sources
    else record.source = checkedRecordedSources(m_xContext, record.source);
    const std::string text = fieldInBraces(toUtf8(fieldText));
    const auto dataset = loadDataset(m_xContext, record.source, generationOptions, {toUtf8(municipality)},
                                     plan::figureNeeds({text}, {toUtf8(period)}));
    const plan::BriefingContext briefing(*dataset, toUtf8(municipality), toUtf8(period), todayIso());
    const fields::Field field = fields::parseField(text);
    const plan::Content content = plan::resolveField(field, briefing);

    // Where: the selection in the document's view, or the end of the text without one.
    Reference<css::text::XTextRange> at;
    Reference<css::frame::XModel> model(doc, UNO_QUERY_THROW);
    if (Reference<css::text::XTextViewCursorSupplier> view{model->getCurrentController(), UNO_QUERY}; view.is())
      at.set(view->getViewCursor(), UNO_QUERY);
    if (!at.is()) at = doc->getText()->getEnd();

    std::string name;
    if (refresh::isBound(field)) {
      const auto kind = refresh::kindOf(content);
      name = freshName(doc, record, refresh::bindingPrefix(kind));
      record.bindings.push_back(
          {name, kind, text, briefing.municipality().code, toUtf8(period), refresh::fingerprint(content), {}, {}, {}});
      refresh::noteShown(record.bindings.back(), content, *dataset);
    }
    Reference<css::document::XUndoManager> undo =
        Reference<css::document::XUndoManagerSupplier>(doc, UNO_QUERY_THROW)->getUndoManager();
    const OUString undoTitle = "Raadsbrief: cijfer invoegen";
    undo->enterUndoContext(undoTitle);
    try {
      applyContents(doc, {FoundField{at, {text, {}}}}, {content}, {name});
      // A new chart's data lives in its own model: an action of ours writes it again on Redo.
      if (std::holds_alternative<plan::ChartSpec>(content) && !name.empty()) {
        const Reference<css::text::XTextContent> chart(
            Reference<css::text::XTextEmbeddedObjectsSupplier>(doc, UNO_QUERY_THROW)
                ->getEmbeddedObjects()
                ->getByName(toOU(name)),
            UNO_QUERY_THROW);
        addChartUndoAction(doc, undoTitle, toOU(name), chart, std::nullopt);
      }
    } catch (...) {
      undo->leaveUndoContext();
      throw;
    }
    undo->leaveUndoContext();
    settleLayout(m_xContext, doc);
    if (!name.empty()) writeRecord(doc, record);
    return toOU(shortDescription(content));
  });
}

OUString BriefingGenerator::previewField(const OUString& fieldText, const OUString& municipality,
                                         const OUString& period, const OUString& source) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const std::string text = fieldInBraces(toUtf8(fieldText));
    const auto dataset = loadDataset(m_xContext, withConfiguredSources(m_xContext, toUtf8(source)), GenerationOptions{},
                                     {toUtf8(municipality)}, plan::figureNeeds({text}, {toUtf8(period)}));
    const plan::BriefingContext briefing(*dataset, toUtf8(municipality), toUtf8(period), todayIso());
    return toOU(shortDescription(plan::resolveField(fields::parseField(text), briefing)));
  });
}

Sequence<OUString> BriefingGenerator::listIndicators(const OUString& source) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const auto dataset = loadLists(m_xContext, withConfiguredSources(m_xContext, toUtf8(source)), GenerationOptions{});
    std::vector<OUString> rows;
    for (const auto& i : dataset->indicators()) rows.push_back(toOU(i.id + "\t" + i.label));
    return Sequence<OUString>(rows.data(), static_cast<sal_Int32>(rows.size()));
  });
}

Sequence<OUString> BriefingGenerator::listPeriods(const OUString& source) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const auto dataset = loadLists(m_xContext, withConfiguredSources(m_xContext, toUtf8(source)), GenerationOptions{});
    std::vector<OUString> rows;
    for (const auto& p : dataset->periods()) rows.push_back(toOU(p.marked()));
    return Sequence<OUString>(rows.data(), static_cast<sal_Int32>(rows.size()));
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
    const auto dataset = loadLists(m_xContext, withConfiguredSources(m_xContext, toUtf8(source)), GenerationOptions{});
    std::vector<OUString> rows;
    for (const auto& r : dataset->regions()) {
      if (r.kind != model::RegionKind::Municipality) continue;
      const model::Region* y = r.youthCareRegion.empty() ? nullptr : dataset->findRegion(r.youthCareRegion);
      rows.push_back(toOU(r.code + "\t" + r.name + "\t" + (y ? y->name : std::string())));
    }
    return Sequence<OUString>(rows.data(), static_cast<sal_Int32>(rows.size()));
  });
}

void BriefingGenerator::prefetch(const OUString& source, bool configured,
                                 const std::vector<std::string>& municipalities) {
  guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const std::string s = toUtf8(source);
    const std::string from = configured ? withConfiguredSources(m_xContext, s) : s;
    // Never the whole of CBS: the figures of these municipalities' youth-care regions, or the lists alone.
    if (municipalities.empty()) (void)loadLists(m_xContext, from, begin({}));
    else (void)loadDataset(m_xContext, from, begin({}), municipalities);
  });
}

OUString BriefingGenerator::getImplementationName() { return OUString::createFromAscii(kGeneratorImplementation); }

sal_Bool BriefingGenerator::supportsService(const OUString& name) { return cppu::supportsService(this, name); }

Sequence<OUString> BriefingGenerator::getSupportedServiceNames() {
  return seqOf<OUString>({OUString::createFromAscii(kGeneratorService)});
}

}  // namespace raadsbrief::office
