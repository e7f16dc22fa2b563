#include "Bindings.hxx"

#include <com/sun/star/beans/PropertyAttribute.hpp>
#include <com/sun/star/beans/XPropertyContainer.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XEnumeration.hpp>
#include <com/sun/star/container/XEnumerationAccess.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/document/XDocumentProperties.hpp>
#include <com/sun/star/document/XDocumentPropertiesSupplier.hpp>
#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/table/XCell.hpp>
#include <com/sun/star/table/XTableColumns.hpp>
#include <com/sun/star/table/XTableRows.hpp>
#include <com/sun/star/text/XBookmarksSupplier.hpp>
#include <com/sun/star/text/XParagraphCursor.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/text/XTextContent.hpp>
#include <com/sun/star/text/XTextCursor.hpp>
#include <com/sun/star/text/XTextEmbeddedObjectsSupplier.hpp>
#include <com/sun/star/text/XTextRangeCompare.hpp>
#include <com/sun/star/text/XTextTable.hpp>
#include <com/sun/star/text/XTextTablesSupplier.hpp>

#include "ChartUndo.hxx"
#include "Convert.hxx"
#include "Error.hpp"
#include "WriterFill.hxx"

#include <algorithm>

namespace raadsbrief::office {
namespace {

OUString refreshUndoTitle() { return "Raadsbrief: cijfers bijwerken"; }

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

/// Where a binding is in the document now. A Word round trip renames tables and charts and
/// moves bookmarks: those are found again (docs/refresh.md, "Word round trips").
struct Located {
  Reference<css::text::XTextRange> range;  ///< text: what the binding covers (repaired when `slipped`)
  bool slipped = false;                    ///< text: the bookmark moved; `range` is where it belongs
  Reference<css::text::XTextTable> table;
  Reference<css::text::XTextContent> chart;
};

plan::Content contentOf(const Located& at) {
  if (at.table.is()) return readTable(at.table);
  if (at.chart.is()) return readChartData(at.chart);
  return plan::TextSpec{toUtf8(at.range->getString()), {}};
}

/// The range `anchor` would cover with its start and end moved; nullopt where that is impossible.
std::optional<Reference<css::text::XTextRange>> shifted(const Reference<css::text::XTextRange>& anchor,
                                                        refresh::BookmarkShift shift) {
  try {
    const Reference<css::text::XText> text = anchor->getText();
    auto move = [](const Reference<css::text::XTextCursor>& c, int by) {
      return by < 0 ? c->goLeft(static_cast<sal_Int16>(-by), false) : c->goRight(static_cast<sal_Int16>(by), false);
    };
    Reference<css::text::XTextCursor> start = text->createTextCursorByRange(anchor->getStart());
    Reference<css::text::XTextCursor> end = text->createTextCursorByRange(anchor->getEnd());
    if (!move(start, shift.start) || !move(end, shift.end)) return std::nullopt;
    Reference<css::text::XTextRangeCompare> compare(text, UNO_QUERY_THROW);
    const Reference<css::text::XTextRange> from(start, UNO_QUERY_THROW), to(end, UNO_QUERY_THROW);
    if (compare->compareRegionStarts(from, to) != 1) return std::nullopt;  // empty or reversed
    Reference<css::text::XTextCursor> range = text->createTextCursorByRange(from);
    range->gotoRange(to, true);
    return Reference<css::text::XTextRange>(range, UNO_QUERY_THROW);
  } catch (const css::uno::Exception&) {
    return std::nullopt;
  }
}

/// A text binding's bookmark, repaired when it slipped (what it shows then is what was written).
Located locateText(const refresh::Binding& b, const Reference<css::text::XTextRange>& anchor) {
  Located at;
  at.range = anchor;
  if (refresh::showsWhatWasWritten(b, plan::TextSpec{toUtf8(anchor->getString()), {}})) return at;
  const auto& shifts = refresh::bookmarkShifts();
  std::vector<std::optional<Reference<css::text::XTextRange>>> ranges;
  std::vector<std::optional<std::string>> texts;
  for (const auto& shift : shifts) {
    ranges.push_back(shifted(anchor, shift));
    texts.push_back(ranges.back() ? std::optional<std::string>(toUtf8((*ranges.back())->getString())) : std::nullopt);
  }
  if (const auto i = refresh::repairedShift(b, texts)) {
    at.range = *ranges[*i];
    at.slipped = true;
  }
  return at;  // not repaired: a hand edit (the plan keeps it)
}

/// Whether `inner` lies within `outer` (both in the same text).
bool within(const Reference<css::text::XTextRange>& inner, const Reference<css::text::XTextRange>& outer) {
  try {
    Reference<css::text::XTextRangeCompare> compare(outer->getText(), UNO_QUERY_THROW);
    return compare->compareRegionStarts(outer, inner) >= 0 && compare->compareRegionEnds(inner, outer) >= 0;
  } catch (const css::uno::Exception&) {
    return false;  // another text
  }
}

/// The table right before the paragraph of a caption (how Raadsbrief puts them), if any.
Reference<css::text::XTextTable> tableBeforeCaption(const Reference<css::text::XTextRange>& caption) {
  Reference<css::container::XEnumeration> elements =
      Reference<css::container::XEnumerationAccess>(caption->getText(), UNO_QUERY_THROW)->createEnumeration();
  Reference<css::text::XTextTable> previous;
  while (elements->hasMoreElements()) {
    Reference<css::uno::XInterface> element(elements->nextElement(), UNO_QUERY);
    if (Reference<css::text::XTextTable> table{element, UNO_QUERY}; table.is()) {
      previous = table;
      continue;
    }
    if (Reference<css::text::XTextRange> paragraph{element, UNO_QUERY}; paragraph.is() && within(caption, paragraph))
      return previous;
    previous.clear();
  }
  return {};
}

/// The paragraph before the one of a caption (where Raadsbrief anchors a chart), if any.
Reference<css::text::XTextRange> paragraphBeforeCaption(const Reference<css::text::XTextRange>& caption) {
  Reference<css::text::XParagraphCursor> cursor(caption->getText()->createTextCursorByRange(caption->getStart()),
                                                UNO_QUERY_THROW);
  if (!cursor->gotoPreviousParagraph(false)) return {};
  cursor->gotoEndOfParagraph(true);
  return Reference<css::text::XTextRange>(cursor, UNO_QUERY_THROW);
}

/// Every binding's place (nullopt: gone), in the record's order. By name first; then, for tables
/// and charts a Word round trip renamed, by the bound caption after them; then by content (an
/// unclaimed table or chart that shows exactly what was written for the binding).
std::vector<std::optional<Located>> locate(const Reference<css::text::XTextDocument>& doc,
                                           const refresh::DocumentRecord& record) {
  const auto marks = bookmarks(doc), t = tables(doc), o = objects(doc);
  std::vector<std::optional<Located>> out(record.bindings.size());
  std::vector<Reference<css::uno::XInterface>> claimed;
  auto isClaimed = [&](const Reference<css::uno::XInterface>& x) {
    return std::find(claimed.begin(), claimed.end(), x) != claimed.end();
  };
  for (std::size_t i = 0; i < record.bindings.size(); ++i) {
    const auto& b = record.bindings[i];
    const OUString name = toOU(b.id);
    const auto container = containerFor(doc, b.kind);
    if (!container->hasByName(name)) continue;
    Located at;
    switch (b.kind) {
      case refresh::BindingKind::Text:
        at =
            locateText(b, Reference<css::text::XTextContent>(container->getByName(name), UNO_QUERY_THROW)->getAnchor());
        break;
      case refresh::BindingKind::Table: at.table.set(container->getByName(name), UNO_QUERY_THROW); break;
      case refresh::BindingKind::Chart: at.chart.set(container->getByName(name), UNO_QUERY_THROW); break;
    }
    if (at.table.is()) claimed.emplace_back(at.table, UNO_QUERY);
    if (at.chart.is()) claimed.emplace_back(at.chart, UNO_QUERY);
    out[i] = at;
  }
  // Renamed tables and charts, by their caption.
  for (std::size_t i = 0; i < record.bindings.size(); ++i) {
    const auto& b = record.bindings[i];
    const OUString caption = toOU(captionName(b.id));
    if (out[i] || b.kind == refresh::BindingKind::Text || !marks->hasByName(caption)) continue;
    try {
      const Reference<css::text::XTextRange> anchor =
          Reference<css::text::XTextContent>(marks->getByName(caption), UNO_QUERY_THROW)->getAnchor();
      Located at;
      if (b.kind == refresh::BindingKind::Table) {
        at.table = tableBeforeCaption(anchor);
      } else if (const auto paragraph = paragraphBeforeCaption(anchor); paragraph.is()) {
        for (const auto& n : o->getElementNames()) {
          Reference<css::text::XTextContent> object(o->getByName(n), UNO_QUERY_THROW);
          if (within(object->getAnchor(), paragraph)) {
            at.chart = object;
            break;
          }
        }
      }
      const Reference<css::uno::XInterface> found = at.table.is()
                                                        ? Reference<css::uno::XInterface>(at.table, UNO_QUERY)
                                                        : Reference<css::uno::XInterface>(at.chart, UNO_QUERY);
      if (found.is() && !isClaimed(found)) {
        claimed.push_back(found);
        out[i] = at;
      }
    } catch (const css::uno::Exception&) {
      // Not Raadsbrief's layout any more: try by content.
    }
  }
  // Renamed ones without a caption, by what they show.
  for (std::size_t i = 0; i < record.bindings.size(); ++i) {
    const auto& b = record.bindings[i];
    if (out[i] || b.kind == refresh::BindingKind::Text) continue;
    const auto container = containerFor(doc, b.kind);
    for (const auto& n : container->getElementNames()) {
      Located at;
      try {
        if (b.kind == refresh::BindingKind::Table) at.table.set(container->getByName(n), UNO_QUERY_THROW);
        else at.chart.set(container->getByName(n), UNO_QUERY_THROW);
        const Reference<css::uno::XInterface> found = at.table.is()
                                                          ? Reference<css::uno::XInterface>(at.table, UNO_QUERY)
                                                          : Reference<css::uno::XInterface>(at.chart, UNO_QUERY);
        if (isClaimed(found) || !refresh::showsWhatWasWritten(b, contentOf(at))) continue;
        claimed.push_back(found);
        out[i] = at;
        break;
      } catch (const css::uno::Exception&) {
        // Not a chart (another embedded object) or not readable: not this one.
      }
    }
  }
  return out;
}

/// Puts a slipped bookmark back over the range it belongs to.
void reanchor(const Reference<css::text::XTextDocument>& doc, const std::string& name,
              const Reference<css::text::XTextRange>& range) {
  Reference<css::text::XTextContent> bookmark(bookmarks(doc)->getByName(toOU(name)), UNO_QUERY_THROW);
  Reference<css::text::XText> parent = range->getText();
  Reference<css::text::XTextCursor> cursor = parent->createTextCursorByRange(range);
  parent->removeTextContent(bookmark);
  Reference<css::text::XTextContent> mark(
      Reference<css::lang::XMultiServiceFactory>(doc, UNO_QUERY_THROW)->createInstance("com.sun.star.text.Bookmark"),
      UNO_QUERY_THROW);
  Reference<css::container::XNamed>(mark, UNO_QUERY_THROW)->setName(toOU(name));
  parent->insertTextContent(Reference<css::text::XTextRange>(cursor, UNO_QUERY_THROW), mark, true);
}

/// Gives a table or chart that a Word round trip renamed its binding's name again (when free).
void rename(const Reference<css::uno::XInterface>& object, const Reference<css::container::XNameAccess>& container,
            const std::string& name) {
  Reference<css::container::XNamed> named(object, UNO_QUERY);
  if (named.is() && named->getName() != toOU(name) && !container->hasByName(toOU(name))) named->setName(toOU(name));
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
  for (const auto& at : locate(doc, record)) {
    if (at) out.emplace_back(contentOf(*at));
    else out.emplace_back();
  }
  return out;
}

void applyRefresh(const Reference<css::text::XTextDocument>& doc, const refresh::RefreshPlan& plan,
                  const std::function<void()>& checkpoint) {
  Reference<css::document::XUndoManager> undo =
      Reference<css::document::XUndoManagerSupplier>(doc, UNO_QUERY_THROW)->getUndoManager();
  Reference<css::frame::XModel> model(doc, UNO_QUERY_THROW);
  // Bindings a Word round trip moved or renamed are repaired first (also those that stay as they are).
  const auto located = locate(doc, plan.record);
  for (std::size_t i = 0; i < located.size() && i < plan.contents.size(); ++i)
    if (located[i] && located[i]->chart.is() && plan.contents[i]) settleChartSize(doc, located[i]->chart);
  model->lockControllers();
  undo->enterUndoContext(refreshUndoTitle());
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
    for (std::size_t i = 0; i < located.size(); ++i) {
      if (!located[i]) continue;
      const auto& b = plan.record.bindings[i];
      if (located[i]->slipped) reanchor(doc, b.id, located[i]->range);
      if (located[i]->table.is()) rename(located[i]->table, tables(doc), b.id);
      if (located[i]->chart.is()) rename(located[i]->chart, objects(doc), b.id);
    }
    for (std::size_t i = 0; i < plan.contents.size(); ++i) {
      if (checkpoint) checkpoint();
      if (!plan.contents[i] || i >= located.size() || !located[i]) continue;
      const auto& b = plan.record.bindings[i];
      const plan::Content& content = *plan.contents[i];
      if (const auto* t = std::get_if<plan::TextSpec>(&content)) {
        replaceText(doc, b.id, t->text);
      } else if (const auto* spec = std::get_if<plan::TableSpec>(&content)) {
        const Reference<css::text::XTextTable>& table = located[i]->table;
        resizeTable(table, spec->cells.size(), spec->cells.front().size());
        fillTable(table, *spec);
      } else {
        // The chart's own model is outside Writer's Undo: an action of ours joins this step.
        const Reference<css::text::XTextContent>& chart = located[i]->chart;
        changeChartUndoably(doc, refreshUndoTitle(), toOU(b.id), chart,
                            [&] { writeChartData(chart, std::get<plan::ChartSpec>(content)); });
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
