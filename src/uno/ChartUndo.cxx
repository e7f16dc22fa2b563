#include "ChartUndo.hxx"

#include <com/sun/star/awt/Size.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XToolkitExperimental.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/chart/XChartDataArray.hpp>
#include <com/sun/star/chart/XChartDocument.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/document/UndoFailedException.hpp>
#include <com/sun/star/document/XEmbeddedObjectSupplier2.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/embed/Aspects.hpp>
#include <com/sun/star/embed/EmbedMapUnits.hpp>
#include <com/sun/star/embed/XEmbeddedObject.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/text/XPageCursor.hpp>
#include <com/sun/star/text/XTextEmbeddedObjectsSupplier.hpp>
#include <com/sun/star/text/XTextViewCursorSupplier.hpp>

#include <utility>

#include "Convert.hxx"

namespace raadsbrief::office {
namespace {

Reference<css::chart::XChartDocument> chartOf(const Reference<css::text::XTextContent>& object) {
  Reference<css::document::XEmbeddedObjectSupplier2> supplier(object, UNO_QUERY_THROW);
  return Reference<css::chart::XChartDocument>(supplier->getEmbeddedObject(), UNO_QUERY_THROW);
}

}  // namespace

ChartState captureChart(const Reference<css::text::XTextContent>& object) {
  ChartState state;
  Reference<css::beans::XPropertySet> objectProps(object, UNO_QUERY_THROW);
  objectProps->getPropertyValue("Title") >>= state.objectTitle;
  objectProps->getPropertyValue("Description") >>= state.objectDescription;
  const Reference<css::chart::XChartDocument> chart = chartOf(object);
  Reference<css::chart::XChartDataArray> array(chart->getData(), UNO_QUERY_THROW);
  state.values = array->getData();
  state.categories = array->getRowDescriptions();
  state.series = array->getColumnDescriptions();
  Reference<css::beans::XPropertySet>(chart, UNO_QUERY_THROW)->getPropertyValue("HasMainTitle") >>= state.hasTitle;
  if (state.hasTitle)
    Reference<css::beans::XPropertySet>(chart->getTitle(), UNO_QUERY_THROW)->getPropertyValue("String") >>= state.title;
  return state;
}

void restoreChart(const Reference<css::text::XTextContent>& object, const ChartState& state) {
  Reference<css::beans::XPropertySet> objectProps(object, UNO_QUERY_THROW);
  objectProps->setPropertyValue("Title", Any(state.objectTitle));
  objectProps->setPropertyValue("Description", Any(state.objectDescription));
  const Reference<css::chart::XChartDocument> chart = chartOf(object);
  Reference<css::frame::XModel> model(chart, UNO_QUERY_THROW);
  model->lockControllers();  // one rebuild of the chart, at the end
  try {
    Reference<css::chart::XChartDataArray> array(chart->getData(), UNO_QUERY_THROW);
    array->setData(state.values);
    array->setRowDescriptions(state.categories);
    array->setColumnDescriptions(state.series);
    Reference<css::beans::XPropertySet>(chart, UNO_QUERY_THROW)->setPropertyValue("HasMainTitle", Any(state.hasTitle));
    if (state.hasTitle)
      Reference<css::beans::XPropertySet>(chart->getTitle(), UNO_QUERY_THROW)
          ->setPropertyValue("String", Any(state.title));
  } catch (...) {
    model->unlockControllers();
    throw;
  }
  model->unlockControllers();
}

void addChartUndoAction(const Reference<css::text::XTextDocument>& doc, const OUString& title, const OUString& name,
                        const Reference<css::text::XTextContent>& object, std::optional<ChartState> before) {
  Reference<css::document::XUndoManager> undo =
      Reference<css::document::XUndoManagerSupplier>(doc, UNO_QUERY_THROW)->getUndoManager();
  undo->addUndoAction(new ChartUndoAction(title, doc, name, object, std::move(before), captureChart(object)));
}

void settleChartSize(const Reference<css::text::XTextDocument>& doc, const Reference<css::text::XTextContent>& object) {
  Reference<css::document::XUndoManager> undo =
      Reference<css::document::XUndoManagerSupplier>(doc, UNO_QUERY_THROW)->getUndoManager();
  Reference<css::beans::XPropertySet> frame(object, UNO_QUERY_THROW);
  const Reference<css::embed::XEmbeddedObject> embedded =
      Reference<css::document::XEmbeddedObjectSupplier2>(object, UNO_QUERY_THROW)
          ->getExtendedControlOverEmbeddedObject();
  if (!embedded.is() ||
      embedded->getMapUnit(css::embed::Aspects::MSOLE_CONTENT) != css::embed::EmbedMapUnits::ONE_100TH_MM)
    return;
  css::awt::Size size;
  frame->getPropertyValue("Width") >>= size.Width;
  frame->getPropertyValue("Height") >>= size.Height;
  css::awt::Size area = embedded->getVisualAreaSize(css::embed::Aspects::MSOLE_CONTENT);
  if (area.Width == size.Width && area.Height == size.Height) return;
  undo->lock();
  try {
    // Writer keeps the frame in twips: the frame takes the size it can hold nearest to the visual
    // area, and the visual area that size; then both agree and stay so.
    // Only through Writer (which holds its lock while it passes the size on to the chart): the
    // chart's own setVisualAreaSize from this thread can deadlock with Writer's main loop.
    for (int round = 0; round < 3 && (area.Width != size.Width || area.Height != size.Height); ++round) {
      frame->setPropertyValue("Width", Any(area.Width));
      frame->setPropertyValue("Height", Any(area.Height));
      frame->getPropertyValue("Width") >>= size.Width;
      frame->getPropertyValue("Height") >>= size.Height;
      area = embedded->getVisualAreaSize(css::embed::Aspects::MSOLE_CONTENT);
    }
  } catch (...) {
    undo->unlock();
    throw;
  }
  undo->unlock();
}

void settleLayout(const Reference<css::uno::XComponentContext>& context,
                  const Reference<css::text::XTextDocument>& doc) {
  Reference<css::text::XTextEmbeddedObjectsSupplier> objects(doc, UNO_QUERY);
  if (!objects.is() || !objects->getEmbeddedObjects()->hasElements()) return;
  Reference<css::text::XTextViewCursorSupplier> view(
      Reference<css::frame::XModel>(doc, UNO_QUERY_THROW)->getCurrentController(), UNO_QUERY);
  if (!view.is()) return;  // no view, no layout
  const Reference<css::text::XTextViewCursor> cursor = view->getViewCursor();
  Reference<css::text::XPageCursor> pages(cursor, UNO_QUERY);
  if (!cursor.is() || !pages.is()) return;
  Reference<css::document::XUndoManager> undo =
      Reference<css::document::XUndoManagerSupplier>(doc, UNO_QUERY_THROW)->getUndoManager();
  const Reference<css::text::XTextRange> start = cursor->getStart(), end = cursor->getEnd();
  undo->lock();
  try {
    pages->jumpToLastPage();  // lays out every page up to the last
    // Writer's fitting of the charts, posted by the layout, from any thread (the office's own main
    // loop handles it meanwhile when called from another one).
    Reference<css::awt::XToolkitExperimental>(css::awt::Toolkit::create(context), UNO_QUERY_THROW)
        ->processEventsToIdle();
    cursor->gotoRange(start, false);
    cursor->gotoRange(end, true);
  } catch (...) {
    undo->unlock();
    throw;
  }
  undo->unlock();
}

ChartUndoAction::ChartUndoAction(OUString title, Reference<css::text::XTextDocument> doc, OUString name,
                                 Reference<css::text::XTextContent> object, std::optional<ChartState> before,
                                 ChartState after)
    : m_title(std::move(title)),
      m_doc(std::move(doc)),
      m_name(std::move(name)),
      m_object(std::move(object)),
      m_before(std::move(before)),
      m_after(std::move(after)) {}

OUString ChartUndoAction::getTitle() { return m_title; }

Reference<css::text::XTextContent> ChartUndoAction::chart() const {
  Reference<css::text::XTextEmbeddedObjectsSupplier> supplier(Reference<css::text::XTextDocument>(m_doc), UNO_QUERY);
  if (supplier.is()) {
    Reference<css::container::XNameAccess> objects = supplier->getEmbeddedObjects();
    if (objects.is() && objects->hasByName(m_name))
      return Reference<css::text::XTextContent>(objects->getByName(m_name), UNO_QUERY_THROW);
  }
  return m_object;
}

void ChartUndoAction::restore(const ChartState& state) {
  try {
    restoreChart(chart(), state);
  } catch (const css::uno::Exception& e) {
    throw css::document::UndoFailedException("Raadsbrief: de grafiek kon niet worden hersteld: " + e.Message,
                                             static_cast<cppu::OWeakObject*>(this), Any(e));
  }
}

void ChartUndoAction::undo() {
  if (m_before) restore(*m_before);
}

void ChartUndoAction::redo() { restore(m_after); }

}  // namespace raadsbrief::office
