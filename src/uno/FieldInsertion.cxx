#include "FieldInsertion.hxx"

#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/text/XTextEmbeddedObjectsSupplier.hpp>
#include <com/sun/star/text/XTextViewCursor.hpp>
#include <com/sun/star/text/XTextViewCursorSupplier.hpp>

#include <optional>

#include "Bindings.hxx"
#include "ChartUndo.hxx"
#include "FigureLoading.hxx"
#include "WriterFill.hxx"
#include "plan/Briefing.hpp"
#include "refresh/Refresh.hpp"

namespace raadsbrief::office {

namespace {

/// "cijfer jeugdhulp" → "{{cijfer jeugdhulp}}"; a field with braces stays as it is.
std::string fieldInBraces(const std::string& text) { return text.rfind("{{", 0) == 0 ? text : "{{" + text + "}}"; }

/// A content in one line: the text itself, or the title of a table or chart.
std::string shortDescription(const plan::Content& content) {
  if (const auto* t = std::get_if<plan::TextSpec>(&content)) return t->text;
  if (const auto* t = std::get_if<plan::TableSpec>(&content)) return t->title;
  return std::get<plan::ChartSpec>(content).title;
}

}  // namespace

std::string insertFigure(const Reference<css::uno::XComponentContext>& context,
                         const Reference<css::text::XTextDocument>& doc, const std::string& fieldText,
                         const std::string& municipality, const std::string& period, const std::string& source,
                         const GenerationOptions& options) {
  const auto existing = readRecord(doc);
  refresh::DocumentRecord record = existing.value_or(refresh::DocumentRecord{});
  if (record.created.empty()) record.created = todayIso();
  if (!source.empty()) record.source = source;                             // the document's sources from now on
  else if (!existing) record.source = withConfiguredSources(context, {});  // a new document: the user's sources
  else record.source = checkedRecordedSources(context, record.source);
  const std::string text = fieldInBraces(fieldText);
  const auto dataset =
      loadDataset(context, record.source, options, {municipality}, plan::figureNeeds({text}, {period}));
  const plan::BriefingContext briefing(*dataset, municipality, period, todayIso());
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
        {name, kind, text, briefing.municipality().code, period, refresh::fingerprint(content), {}, {}, {}});
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
  settleLayout(context, doc);
  if (!name.empty()) writeRecord(doc, record);
  return shortDescription(content);
}

std::string previewFigure(const Reference<css::uno::XComponentContext>& context, const std::string& fieldText,
                          const std::string& municipality, const std::string& period, const std::string& source) {
  const std::string text = fieldInBraces(fieldText);
  const auto dataset = loadDataset(context, withConfiguredSources(context, source), GenerationOptions{}, {municipality},
                                   plan::figureNeeds({text}, {period}));
  const plan::BriefingContext briefing(*dataset, municipality, period, todayIso());
  return shortDescription(plan::resolveField(fields::parseField(text), briefing));
}

}  // namespace raadsbrief::office
