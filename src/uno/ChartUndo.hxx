#pragma once
// Charts are embedded objects with a model (and an Undo stack) of their own: what Raadsbrief
// writes into them is not part of Writer's Undo. ChartUndoAction puts it there: it holds a
// chart's data before and after a change (values, categories, series names, title, the object's
// title and description) and restores one or the other on Undo / Redo. Added with
// XUndoManager::addUndoAction inside Raadsbrief's Undo context, it makes one Undo step of the text,
// the tables and the charts of a refresh or an insertion (docs/refresh.md).
#include <com/sun/star/document/XUndoAction.hpp>
#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/text/XTextContent.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/Sequence.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase1.hxx>
#include <cppuhelper/weakref.hxx>
#include <rtl/ustring.hxx>

#include <optional>

namespace raadsbrief::office {

/// Everything Raadsbrief writes into a chart object.
struct ChartState {
  css::uno::Sequence<css::uno::Sequence<double>> values;  // rows = categories, columns = series
  css::uno::Sequence<rtl::OUString> categories;
  css::uno::Sequence<rtl::OUString> series;
  bool hasTitle = false;
  rtl::OUString title;
  rtl::OUString objectTitle;
  rtl::OUString objectDescription;
};

/// What the chart object shows now.
ChartState captureChart(const css::uno::Reference<css::text::XTextContent>& object);

/// Puts a captured state back (the chart is rebuilt once).
void restoreChart(const css::uno::Reference<css::text::XTextContent>& object, const ChartState& state);

/// Makes the chart's visual area exactly as large as its frame. A Word import leaves them a
/// rounding apart (16000 vs 15999 1/100 mm): then every change of the chart's data makes Writer
/// resize the frame afterwards, as an Undo action of its own that empties the Redo stack. Call it
/// outside any Undo context (it records nothing: the Undo manager is locked meanwhile).
void settleChartSize(const css::uno::Reference<css::text::XTextDocument>& doc,
                     const css::uno::Reference<css::text::XTextContent>& object);

/// Lays out the whole document now and lets the office handle what that posts, with the Undo
/// manager locked. Writer fits a chart's frame and its visual area to each other after it has laid
/// the chart out (16000 x 9000 becomes 15998 x 8999), in an event of its own, and records that as
/// an Undo action "Change style: <chart>". Left to the office's idle time, that lands at some
/// moment after Raadsbrief's own step: on top of the Undo stack, where the user's first Undo undoes
/// nothing visible, and Redo is lost. Call it after making, filling or refreshing a document (and
/// before a refresh), outside any Undo context and with the controllers unlocked. The document's
/// selection is kept. Does nothing for a document without embedded objects.
void settleLayout(const css::uno::Reference<css::uno::XComponentContext>& context,
                  const css::uno::Reference<css::text::XTextDocument>& doc);

/// The chart is found again by its name in the document at Undo/Redo time (Writer's own Undo may
/// have taken the object out and put it back meanwhile), else through the reference held. Without
/// a state before (a chart just inserted: Writer's Undo removes it), Undo leaves it alone and Redo
/// writes the data again.
class ChartUndoAction final : public cppu::WeakImplHelper1<css::document::XUndoAction> {
 public:
  ChartUndoAction(rtl::OUString title, css::uno::Reference<css::text::XTextDocument> doc, rtl::OUString name,
                  css::uno::Reference<css::text::XTextContent> object, std::optional<ChartState> before,
                  ChartState after);

  rtl::OUString SAL_CALL getTitle() override;
  void SAL_CALL undo() override;
  void SAL_CALL redo() override;

 private:
  css::uno::Reference<css::text::XTextContent> chart() const;
  void restore(const ChartState& state);

  rtl::OUString m_title;
  css::uno::WeakReference<css::text::XTextDocument> m_doc;  // the document holds this action: no cycle
  rtl::OUString m_name;
  css::uno::Reference<css::text::XTextContent> m_object;
  std::optional<ChartState> m_before;
  ChartState m_after;
};

/// Records an Undo action for the chart object `name` of `doc`: its state now is the state after;
/// `before` as captured before the change (nullopt: the chart was just inserted).
void addChartUndoAction(const css::uno::Reference<css::text::XTextDocument>& doc, const rtl::OUString& title,
                        const rtl::OUString& name, const css::uno::Reference<css::text::XTextContent>& object,
                        std::optional<ChartState> before);

/// Runs `change` on the chart object `name` of `doc` and then records an Undo action with the
/// state before and after it (call inside an open Undo context).
template <typename Change>
void changeChartUndoably(const css::uno::Reference<css::text::XTextDocument>& doc, const rtl::OUString& title,
                         const rtl::OUString& name, const css::uno::Reference<css::text::XTextContent>& object,
                         Change&& change) {
  ChartState before = captureChart(object);
  change();
  addChartUndoAction(doc, title, name, object, std::move(before));
}

}  // namespace raadsbrief::office
