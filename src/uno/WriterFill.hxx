#pragma once
// Applies a briefing plan (src/core/plan) to a Writer document through UNO. No decisions here:
// what to write comes from the core; this file only knows how to put it into Writer.
#include <com/sun/star/text/XTextContent.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/text/XTextTable.hpp>
#include <com/sun/star/uno/Reference.hxx>

#include <vector>

#include "plan/Briefing.hpp"
#include "refresh/DocumentNames.hpp"

namespace raadsbrief::office {

struct FoundField {
  css::uno::Reference<css::text::XTextRange> range;
  plan::FieldOccurrence occurrence;
};

/// Every `{{...}}` field in the document (body, tables, headers and footers), in document order.
std::vector<FoundField> findFields(const css::uno::Reference<css::text::XTextDocument>& doc);

/// Applies the optional parts of a plan before anything is filled in: removes the parts left out
/// (their whole paragraphs when their markers begin and end them) and the markers of the parts
/// kept (a marker alone in its paragraph with that paragraph). Fields inside removed parts are
/// gone afterwards: fill only the fields whose action is Fill or Unavailable.
void applyOptionalParts(const std::vector<FoundField>& fields, const plan::BriefingPlan& decided);

/// Replaces each field with its content: text in place, tables and charts inserted at the field.
/// `names[i]` not empty: the content stays bound for refresh under that name — text inside a
/// bookmark of that name, a table or chart object named so.
void applyContents(const css::uno::Reference<css::text::XTextDocument>& doc, const std::vector<FoundField>& fields,
                   const std::vector<plan::Content>& contents, const std::vector<std::string>& names);

/// Replaces the text of `range` and wraps the new text in a bookmark called `name`; returns the
/// range of the new text.
css::uno::Reference<css::text::XTextRange> writeBoundText(const css::uno::Reference<css::text::XTextDocument>& doc,
                                                          const css::uno::Reference<css::text::XTextRange>& range,
                                                          const std::string& text, const std::string& name);

using refresh::captionName;  // document-object names: src/core/refresh/DocumentNames.hpp
using refresh::footnoteName;

/// Writes the cells of an existing table of the same size (text, header style, alignment).
void fillTable(const css::uno::Reference<css::text::XTextTable>& table, const plan::TableSpec& spec);

/// Writes data, categories, series names, title and alt text into an existing chart object,
/// leaving its look (type, colours, fonts — maybe the user's) alone.
void writeChartData(const css::uno::Reference<css::text::XTextContent>& object, const plan::ChartSpec& spec);

/// What a chart object shows: categories, series names and values (NaN = gap).
plan::ChartSpec readChartData(const css::uno::Reference<css::text::XTextContent>& object);

/// Adds one footnote per source after the first figure in running text that came from it
/// (plan::sourceFootnotes); call after applyContents, with the same fields.
void applySourceFootnotes(const css::uno::Reference<css::text::XTextDocument>& doc,
                          const std::vector<FoundField>& fields, const std::vector<plan::SourceFootnote>& footnotes);

/// Appends a paragraph at the end of the body text (e.g. the "Voorbeeldcijfers" notice).
void appendParagraph(const css::uno::Reference<css::text::XTextDocument>& doc, const std::string& text);

}  // namespace raadsbrief::office
