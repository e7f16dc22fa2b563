#include "DocumentMaking.hxx"

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/XPropertyContainer.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/document/MacroExecMode.hpp>
#include <com/sun/star/document/UpdateDocMode.hpp>
#include <com/sun/star/document/XDocumentProperties.hpp>
#include <com/sun/star/document/XDocumentPropertiesSupplier.hpp>
#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/text/XTextDocument.hpp>

#include <algorithm>
#include <atomic>

#include "Bindings.hxx"
#include "ChartUndo.hxx"
#include "DocumentGuard.hxx"
#include "DocumentStore.hxx"
#include "FigureLoading.hxx"
#include "WriterFill.hxx"
#include "fields/TemplateFile.hpp"
#include "package/PackageCheck.hpp"
#include "plan/Briefing.hpp"
#include "refresh/Refresh.hpp"
#include "sources/Source.hpp"

namespace raadsbrief::office {

namespace fs = std::filesystem;

namespace {

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

}  // namespace

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

std::vector<std::string> templateNames(const Reference<css::uno::XComponentContext>& context) {
  std::vector<std::string> names;
  const fs::path dir = systemPath(toOU(extensionRoot(context) + "/templates"));
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".ott") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

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

void checkOutputPath(const fs::path& output) {
  (void)filterFor(output);  // reject an unknown format before doing any work
  if (fs::is_directory(output))
    throw Error(ErrorKind::Usage, "Op " + output.string() + " staat een map, geen document");
}

std::string makeFiles(const Reference<css::uno::XComponentContext>& context, const std::string& templateName,
                      const std::string& municipality, const std::string& period, const std::string& source,
                      const fs::path& output, const GenerationOptions& generationOptions) {
  std::vector<fs::path> extra;
  for (const auto& url : generationOptions.extraOutputs) extra.push_back(systemPath(url));
  for (const auto& path : extra) (void)filterFor(path);
  std::vector<std::string> omitted;
  const DocumentGuard doc(
      makeDocument(context, templateName, municipality, period, source, generationOptions, true, omitted));
  checkpoint(generationOptions);  // the last point where a cancel leaves no file behind
  // The main output last: a batch that finds it knows the others are complete too.
  for (const auto& path : extra) storeAtomically(doc.get(), path, generationOptions);
  storeAtomically(doc.get(), output, generationOptions);
  // The caller shows this summary: it carries the warnings about the sources (docs/security.md)
  // and, one line each, what was left out because the sources lack its figures.
  std::string summary = "Geschreven: " + output.string();
  for (const auto& line : omitted) summary += "\n" + line;
  const std::string& sourceLines = source;
  for (std::size_t start = 0; start < sourceLines.size();) {
    const std::size_t end = std::min(sourceLines.find('\n', start), sourceLines.size());
    if (end > start)
      for (const auto& w : sources::securityWarnings(sources::parseSource(sourceLines.substr(start, end - start))))
        summary += "\nLet op: " + w;
    start = end + 1;
  }
  return summary;
}

std::vector<std::string> fillTemplateDocument(const Reference<css::uno::XComponentContext>& context,
                                              const Reference<css::lang::XComponent>& document,
                                              const std::string& municipality, const std::string& period,
                                              const std::string& requestedSource, const GenerationOptions& options) {
  const auto doc = textDocument(document);
  if (!isUnfilledTemplateDocument(document))
    throw Error(ErrorKind::Usage,
                "Dit document is niet van een Raadsbrief-sjabloon gemaakt of is al ingevuld. Kies Raadsbrief \u25b8 "
                "Nieuwe briefing om een nieuwe briefing te maken.");
  const std::string source = withConfiguredSources(context, requestedSource);
  const auto dataset = loadDataset(context, source, options, {municipality});  // fetch first
  const plan::BriefingContext briefing(*dataset, municipality, period, todayIso());
  std::vector<std::string> omitted;
  fillFields(doc, briefing, *dataset, source, period, options, omitted);
  settleLayout(context, doc);
  return omitted;
}

}  // namespace raadsbrief::office
