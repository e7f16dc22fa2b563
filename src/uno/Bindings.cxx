#include "Bindings.hxx"

#include <com/sun/star/beans/PropertyAttribute.hpp>
#include <com/sun/star/beans/XPropertyContainer.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/document/XDocumentProperties.hpp>
#include <com/sun/star/document/XDocumentPropertiesSupplier.hpp>
#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/table/XTableColumns.hpp>
#include <com/sun/star/table/XTableRows.hpp>
#include <com/sun/star/text/XBookmarksSupplier.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/text/XTextContent.hpp>
#include <com/sun/star/text/XTextCursor.hpp>
#include <com/sun/star/text/XTextEmbeddedObjectsSupplier.hpp>
#include <com/sun/star/text/XTextTable.hpp>
#include <com/sun/star/text/XTextTablesSupplier.hpp>

#include "Convert.hxx"
#include "Error.hpp"
#include "WriterFill.hxx"

namespace raadsbrief::office {
namespace {

OUString recordProperty() { return OUString::createFromAscii(refresh::kRecordProperty); }

Reference<css::beans::XPropertyContainer> userProperties(const Reference<css::text::XTextDocument>& doc) {
  return Reference<css::document::XDocumentPropertiesSupplier>(doc, UNO_QUERY_THROW)
      ->getDocumentProperties()
      ->getUserDefinedProperties();
}

Reference<css::container::XNameAccess> bookmarks(const Reference<css::text::XTextDocument>& doc) {
  return Reference<css::text::XBookmarksSupplier>(doc, UNO_QUERY_THROW)->getBookmarks();
}
Reference<css::container::XNameAccess> tables(const Reference<css::text::XTextDocument>& doc) {
  return Reference<css::text::XTextTablesSupplier>(doc, UNO_QUERY_THROW)->getTextTables();
}
Reference<css::container::XNameAccess> objects(const Reference<css::text::XTextDocument>& doc) {
  return Reference<css::text::XTextEmbeddedObjectsSupplier>(doc, UNO_QUERY_THROW)->getEmbeddedObjects();
}

Reference<css::container::XNameAccess> containerFor(const Reference<css::text::XTextDocument>& doc,
                                                    refresh::BindingKind kind) {
  switch (kind) {
    case refresh::BindingKind::Table: return tables(doc);
    case refresh::BindingKind::Chart: return objects(doc);
    case refresh::BindingKind::Text: break;
  }
  return bookmarks(doc);
}

/// "A1", "B3": Writer's names of the cells of a simple table.
OUString cellName(sal_Int32 col, sal_Int32 row) {
  OUString letters;
  for (sal_Int32 c = col + 1; c > 0; c = (c - 1) / 26) letters = OUString(sal_Unicode('A' + (c - 1) % 26)) + letters;
  return letters + OUString::number(row + 1);
}

plan::TableSpec readTable(const Reference<css::text::XTextTable>& table) {
  plan::TableSpec spec;
  const sal_Int32 rows = table->getRows()->getCount();
  const sal_Int32 cols = table->getColumns()->getCount();
  for (sal_Int32 r = 0; r < rows; ++r) {
    std::vector<std::string> row;
    for (sal_Int32 c = 0; c < cols; ++c) {
      Reference<css::text::XText> cell(table->getCellByName(cellName(c, r)), UNO_QUERY);
      row.push_back(cell.is() ? toUtf8(cell->getString()) : std::string());  // merged/split cells read as empty
    }
    spec.cells.push_back(std::move(row));
  }
  return spec;
}

/// Makes the table as large as the new content: rows and columns added or removed at the end.
void resizeTable(const Reference<css::text::XTextTable>& table, std::size_t rows, std::size_t cols) {
  const auto r = static_cast<sal_Int32>(rows), c = static_cast<sal_Int32>(cols);
  const sal_Int32 haveRows = table->getRows()->getCount(), haveCols = table->getColumns()->getCount();
  if (haveCols < c) table->getColumns()->insertByIndex(haveCols, c - haveCols);
  if (haveCols > c) table->getColumns()->removeByIndex(c, haveCols - c);
  if (haveRows < r) table->getRows()->insertByIndex(haveRows, r - haveRows);
  if (haveRows > r) table->getRows()->removeByIndex(r, haveRows - r);
}

void replaceText(const Reference<css::text::XTextDocument>& doc, const std::string& name, const std::string& text) {
  Reference<css::text::XTextContent> bookmark(bookmarks(doc)->getByName(toOU(name)), UNO_QUERY_THROW);
  Reference<css::text::XTextRange> anchor = bookmark->getAnchor();
  Reference<css::text::XText> parent = anchor->getText();
  Reference<css::text::XTextCursor> cursor = parent->createTextCursorByRange(anchor);
  // Updating inside the bookmark would let Undo delete it: take it out, write, put it back.
  parent->removeTextContent(bookmark);
  writeBoundText(doc, Reference<css::text::XTextRange>(cursor, UNO_QUERY_THROW), text, name);
}

}  // namespace

std::optional<refresh::DocumentRecord> readRecord(const Reference<css::text::XTextDocument>& doc) {
  Reference<css::beans::XPropertySet> props(userProperties(doc), UNO_QUERY_THROW);
  if (!props->getPropertySetInfo()->hasPropertyByName(recordProperty())) return std::nullopt;
  OUString json;
  if (!(props->getPropertyValue(recordProperty()) >>= json))
    throw Error(ErrorKind::Data, "De documenteigenschap 'Raadsbrief' is geen tekst (met de hand gewijzigd?)");
  return refresh::parseRecord(toUtf8(json));
}

void writeRecord(const Reference<css::text::XTextDocument>& doc, const refresh::DocumentRecord& record) {
  Reference<css::beans::XPropertyContainer> container = userProperties(doc);
  Reference<css::beans::XPropertySet> props(container, UNO_QUERY_THROW);
  const Any value(toOU(refresh::toJson(record)));
  if (props->getPropertySetInfo()->hasPropertyByName(recordProperty()))
    props->setPropertyValue(recordProperty(), value);
  else container->addProperty(recordProperty(), css::beans::PropertyAttribute::REMOVABLE, value);
}

std::string freshName(const Reference<css::text::XTextDocument>& doc, const refresh::DocumentRecord& record,
                      const std::string& prefix) {
  refresh::DocumentRecord taken = record;
  const auto marks = bookmarks(doc), t = tables(doc), o = objects(doc);
  for (;;) {
    std::string name = taken.newId(prefix);
    const OUString n = toOU(name);
    if (!marks->hasByName(n) && !t->hasByName(n) && !o->hasByName(n)) return name;
    taken.bindings.push_back({name, refresh::BindingKind::Text, {}, {}, {}, {}, {}, {}, {}});
  }
}

std::vector<std::optional<plan::Content>> readBound(const Reference<css::text::XTextDocument>& doc,
                                                    const refresh::DocumentRecord& record) {
  std::vector<std::optional<plan::Content>> out;
  for (const auto& b : record.bindings) {
    const auto container = containerFor(doc, b.kind);
    const OUString name = toOU(b.id);
    if (!container->hasByName(name)) {
      out.emplace_back();
      continue;
    }
    switch (b.kind) {
      case refresh::BindingKind::Text: {
        Reference<css::text::XTextContent> bookmark(container->getByName(name), UNO_QUERY_THROW);
        out.emplace_back(plan::TextSpec{toUtf8(bookmark->getAnchor()->getString()), {}});
        break;
      }
      case refresh::BindingKind::Table:
        out.emplace_back(readTable(Reference<css::text::XTextTable>(container->getByName(name), UNO_QUERY_THROW)));
        break;
      case refresh::BindingKind::Chart:
        out.emplace_back(
            readChartData(Reference<css::text::XTextContent>(container->getByName(name), UNO_QUERY_THROW)));
        break;
    }
  }
  return out;
}

void applyRefresh(const Reference<css::text::XTextDocument>& doc, const refresh::RefreshPlan& plan,
                  const std::function<void()>& checkpoint) {
  Reference<css::document::XUndoManager> undo =
      Reference<css::document::XUndoManagerSupplier>(doc, UNO_QUERY_THROW)->getUndoManager();
  Reference<css::frame::XModel> model(doc, UNO_QUERY_THROW);
  model->lockControllers();
  undo->enterUndoContext("Raadsbrief: cijfers bijwerken");
  try {
    // Captions and source footnotes are Raadsbrief's own text: rewritten whenever they differ.
    const auto marks = bookmarks(doc);
    auto rewrite = [&](const std::string& name, const std::string& text) {
      if (text.empty() || !marks->hasByName(toOU(name))) return;
      Reference<css::text::XTextContent> mark(marks->getByName(toOU(name)), UNO_QUERY_THROW);
      if (toUtf8(mark->getAnchor()->getString()) != text) replaceText(doc, name, text);
    };
    for (std::size_t i = 0; i < plan.captions.size(); ++i)
      rewrite(captionName(plan.record.bindings[i].id), plan.captions[i]);
    for (std::size_t k = 0; k < plan.footnotes.size(); ++k)
      rewrite(footnoteName(static_cast<int>(k) + 1), plan.footnotes[k]);
    for (std::size_t i = 0; i < plan.contents.size(); ++i) {
      if (checkpoint) checkpoint();
      if (!plan.contents[i]) continue;
      const auto& b = plan.record.bindings[i];
      const plan::Content& content = *plan.contents[i];
      if (const auto* t = std::get_if<plan::TextSpec>(&content)) {
        replaceText(doc, b.id, t->text);
      } else if (const auto* spec = std::get_if<plan::TableSpec>(&content)) {
        Reference<css::text::XTextTable> table(tables(doc)->getByName(toOU(b.id)), UNO_QUERY_THROW);
        resizeTable(table, spec->cells.size(), spec->cells.front().size());
        fillTable(table, *spec);
      } else {
        writeChartData(Reference<css::text::XTextContent>(objects(doc)->getByName(toOU(b.id)), UNO_QUERY_THROW),
                       std::get<plan::ChartSpec>(content));
      }
    }
  } catch (...) {
    undo->leaveUndoContext();
    try {
      undo->undo();  // all or nothing
    } catch (...) {
    }
    model->unlockControllers();
    throw;
  }
  undo->leaveUndoContext();
  model->unlockControllers();
  writeRecord(doc, plan.record);  // (document properties are outside Writer's Undo; see docs/refresh.md)
}

}  // namespace raadsbrief::office
