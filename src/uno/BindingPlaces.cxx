#include "BindingPlaces.hxx"

#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/container/XEnumeration.hpp>
#include <com/sun/star/container/XEnumerationAccess.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/lang/IllegalArgumentException.hpp>
#include <com/sun/star/text/XBookmarksSupplier.hpp>
#include <com/sun/star/text/XParagraphCursor.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/text/XTextContent.hpp>
#include <com/sun/star/text/XTextEmbeddedObjectsSupplier.hpp>
#include <com/sun/star/text/XTextRangeCompare.hpp>
#include <com/sun/star/text/XTextTable.hpp>
#include <com/sun/star/text/XTextTablesSupplier.hpp>

#include <algorithm>
#include <map>
#include <numeric>

#include "Convert.hxx"

namespace raadsbrief::office {
namespace {

using css::text::XTextRange;

/// Orders ranges of the body text by where they start; ranges elsewhere (headers, footnotes,
/// frames) have no place in that order.
class BodyOrder {
 public:
  explicit BodyOrder(const Reference<css::text::XTextDocument>& doc)
      : body_(doc->getText()), compare_(doc->getText(), UNO_QUERY) {}

  /// The range of the body text that holds `range`: itself, or the anchor of the table whose
  /// cell holds it; null when it is not in the body.
  [[nodiscard]] Reference<XTextRange> inBody(const Reference<XTextRange>& range) const {
    if (!range.is()) return {};
    const Reference<css::text::XText> text = range->getText();
    if (text == body_) return range;
    if (!text.is() && compare_.is()) {
      // A table's anchor has no text of its own (LibreOffice 7.4) but compares with the body's.
      try {
        (void)compare_->compareRegionStarts(body_->getStart(), range);
        return range;
      } catch (const css::lang::IllegalArgumentException&) {
        return {};
      }
    }
    Reference<css::beans::XPropertySet> props(range, UNO_QUERY);
    if (props.is() && props->getPropertySetInfo()->hasPropertyByName("TextTable")) {
      Reference<css::text::XTextContent> table(props->getPropertyValue("TextTable"), UNO_QUERY);
      if (table.is()) return inBody(table->getAnchor());
    }
    return {};
  }

  /// True when `a` starts before `b`.
  [[nodiscard]] bool before(const Reference<XTextRange>& a, const Reference<XTextRange>& b) const {
    return compare_.is() && compare_->compareRegionStarts(a, b) > 0;
  }

  /// Sorts the indices of `ranges` (all in the body) by place, keeping ties in order.
  [[nodiscard]] std::vector<std::size_t> sorted(const std::vector<Reference<XTextRange>>& ranges) const {
    std::vector<std::size_t> order(ranges.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return before(ranges[a], ranges[b]); });
    return order;
  }

 private:
  Reference<css::text::XText> body_;
  Reference<css::text::XTextRangeCompare> compare_;
};

/// Name → number (1-based, in document order) of the record's tables or charts of `kind` that are
/// in the body. Only Raadsbrief's own count: a letter's layout tables (a "Kenmerken" block, a
/// signature) are no "tabel" to a reader, and the templates' captions ("Tabel 1.") count the same way.
std::map<OUString, int> numbered(const refresh::DocumentRecord& record, refresh::BindingKind kind,
                                 const Reference<css::container::XNameAccess>& all, const BodyOrder& order) {
  std::vector<OUString> names;
  std::vector<Reference<XTextRange>> anchors;
  for (const auto& b : record.bindings) {
    const OUString name = toOU(b.id);
    if (b.kind != kind || !all->hasByName(name)) continue;
    try {
      Reference<css::text::XTextContent> content(all->getByName(name), UNO_QUERY);
      const auto anchor = content.is() ? order.inBody(content->getAnchor()) : Reference<XTextRange>();
      if (!anchor.is()) continue;
      names.push_back(name);
      anchors.push_back(anchor);
    } catch (const css::uno::Exception&) {
      // not countable: left out of the numbering
    }
  }
  std::map<OUString, int> out;
  int n = 0;
  try {
    for (const std::size_t i : order.sorted(anchors)) out[names[i]] = ++n;
  } catch (const css::uno::Exception&) {
    out.clear();  // no numbers rather than wrong ones
  }
  return out;
}

/// The text of the paragraph that holds the start of `range`: its text portions only (a footnote's
/// number, a field or a frame is not part of what the reader reads as the sentence).
std::string paragraphOf(const Reference<XTextRange>& range) {
  Reference<css::text::XText> text = range->getText();
  Reference<css::text::XParagraphCursor> cursor(text->createTextCursorByRange(range->getStart()), UNO_QUERY_THROW);
  cursor->gotoStartOfParagraph(false);
  cursor->gotoEndOfParagraph(true);
  Reference<css::container::XEnumerationAccess> paragraphs(cursor, UNO_QUERY);
  const auto list = paragraphs.is() ? paragraphs->createEnumeration() : nullptr;
  Reference<css::container::XEnumerationAccess> paragraph(
      list.is() && list->hasMoreElements() ? list->nextElement() : Any(), UNO_QUERY);
  if (!paragraph.is()) return toUtf8(cursor->getString());
  std::string out;
  const auto portions = paragraph->createEnumeration();
  while (portions->hasMoreElements()) {
    const Any element = portions->nextElement();
    Reference<css::beans::XPropertySet> props(element, UNO_QUERY);
    Reference<XTextRange> portion(element, UNO_QUERY);
    OUString type;
    if (props.is() && portion.is() && (props->getPropertyValue("TextPortionType") >>= type) && type == "Text")
      out += toUtf8(portion->getString());
  }
  return out;
}

}  // namespace

std::vector<refresh::Location> locateBindings(const Reference<css::text::XTextDocument>& doc,
                                              const refresh::DocumentRecord& record) {
  std::vector<refresh::Location> out(record.bindings.size());
  const BodyOrder order(doc);
  const auto marks = Reference<css::text::XBookmarksSupplier>(doc, UNO_QUERY_THROW)->getBookmarks();
  const auto tables = Reference<css::text::XTextTablesSupplier>(doc, UNO_QUERY_THROW)->getTextTables();
  const auto objects = Reference<css::text::XTextEmbeddedObjectsSupplier>(doc, UNO_QUERY_THROW)->getEmbeddedObjects();
  const auto tableNumbers = numbered(record, refresh::BindingKind::Table, tables, order);
  const auto chartNumbers = numbered(record, refresh::BindingKind::Chart, objects, order);

  std::vector<Reference<XTextRange>> anchors(record.bindings.size());
  for (std::size_t i = 0; i < record.bindings.size(); ++i) {
    const auto& b = record.bindings[i];
    const OUString name = toOU(b.id);
    try {
      switch (b.kind) {
        case refresh::BindingKind::Text: {
          if (!marks->hasByName(name)) break;
          Reference<css::text::XTextContent> mark(marks->getByName(name), UNO_QUERY_THROW);
          const auto anchor = mark->getAnchor();
          out[i].place = refresh::paragraphOpening(paragraphOf(anchor));
          anchors[i] = order.inBody(anchor);
          break;
        }
        case refresh::BindingKind::Table:
        case refresh::BindingKind::Chart: {
          const bool table = b.kind == refresh::BindingKind::Table;
          const auto& all = table ? tables : objects;
          if (!all->hasByName(name)) break;
          Reference<css::text::XTextContent> content(all->getByName(name), UNO_QUERY_THROW);
          anchors[i] = order.inBody(content->getAnchor());
          const auto& numbers = table ? tableNumbers : chartNumbers;
          if (const auto it = numbers.find(name); it != numbers.end())
            out[i].place = refresh::numberedPlace(b.kind, it->second);
          break;
        }
      }
    } catch (const css::uno::Exception&) {
      anchors[i].clear();  // no place: listed after those that have one
    }
  }
  // Positions: the bindings in the body in document order, then those elsewhere (headers,
  // footnotes) in record order; gone ones none.
  std::vector<std::size_t> inBody;
  std::vector<Reference<XTextRange>> ranges;
  for (std::size_t i = 0; i < anchors.size(); ++i)
    if (anchors[i].is()) {
      inBody.push_back(i);
      ranges.push_back(anchors[i]);
    }
  int position = 0;
  try {
    for (const std::size_t k : order.sorted(ranges)) out[inBody[k]].position = position++;
  } catch (const css::uno::Exception&) {
    position = 0;
    for (const std::size_t i : inBody) out[i].position = position++;  // record order, as before
  }
  for (std::size_t i = 0; i < out.size(); ++i)
    if (!anchors[i].is() && !out[i].place.empty()) out[i].position = position++;
  return out;
}

}  // namespace raadsbrief::office
