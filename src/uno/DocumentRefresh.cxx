#include "DocumentRefresh.hxx"

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/document/MacroExecMode.hpp>
#include <com/sun/star/document/UpdateDocMode.hpp>
#include <com/sun/star/frame/Desktop.hpp>

#include <algorithm>

#include "BindingPlaces.hxx"
#include "Bindings.hxx"
#include "ChartUndo.hxx"
#include "DocumentGuard.hxx"
#include "DocumentStore.hxx"
#include "FigureLoading.hxx"
#include "OutputFile.hxx"
#include "WriterFill.hxx"
#include "package/PackageCheck.hpp"

namespace raadsbrief::office {

namespace fs = std::filesystem;

refresh::RefreshPlan refreshOpenDocument(const Reference<css::uno::XComponentContext>& context,
                                         const Reference<css::text::XTextDocument>& doc, const std::string& source,
                                         const GenerationOptions& options, bool apply) {
  const auto record = readRecord(doc);
  if (!record || record->bindings.empty())
    throw Error(ErrorKind::NotFound, "Dit document bevat geen cijfers van Raadsbrief om bij te werken");
  const std::string from = source.empty() ? checkedRecordedSources(context, record->source) : source;
  // The document's own municipalities: CBS is asked for their regions only,
  const std::vector<std::string> municipalities = refresh::documentMunicipalities(*record);
  std::vector<std::string> fieldTexts, periods;  // and for the tables of its fields only
  for (const auto& b : record->bindings) {
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

void checkRefreshable(const fs::path& path) {
  if (filterFor(path) == "writer_pdf_Export")
    throw Error(ErrorKind::Usage, "Een PDF kan niet worden bijgewerkt; werk het ODT- of DOCX-bestand bij");
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw Error(ErrorKind::NotFound, "Bestand niet gevonden: " + path.string());
}

refresh::RefreshPlan refreshStoredDocument(const Reference<css::uno::XComponentContext>& context, const fs::path& path,
                                           const std::string& source, const GenerationOptions& options, bool apply) {
  (void)package::inspectPackage(path);  // a document from someone else: no zip bomb reaches LibreOffice
  if (apply) checkReplaceable(inspectOutput(path), options.force);  // before any work: what the store would refuse
  Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(context);
  const auto args = seqOf<css::beans::PropertyValue>(
      {prop("Hidden", Any(true)), prop("MacroExecutionMode", Any(css::document::MacroExecMode::NEVER_EXECUTE)),
       prop("UpdateDocMode", Any(css::document::UpdateDocMode::NO_UPDATE))});
  const DocumentGuard doc(desktop->loadComponentFromURL(toOU(fileUrl(path.string())), "_blank", 0, args));
  if (!doc.get().is()) throw Error(ErrorKind::Office, "LibreOffice kon het document niet openen: " + path.string());
  auto plan = refreshOpenDocument(context, textDocument(doc.get()), source, options, apply);
  if (apply) storeAtomically(doc.get(), path, options);  // the old file stays until the new one is complete
  return plan;
}

}  // namespace raadsbrief::office
