#pragma once
// Applies a briefing plan (src/core/plan) to a Writer document through UNO. No decisions here:
// what to write comes from the core; this file only knows how to put it into Writer.
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/text/XTextRange.hpp>
#include <com/sun/star/uno/Reference.hxx>

#include <vector>

#include "plan/Briefing.hpp"

namespace raadsbrief::office {

struct FoundField {
  css::uno::Reference<css::text::XTextRange> range;
  plan::FieldOccurrence occurrence;
};

/// Every `{{...}}` field in the document (body, tables, headers and footers), in document order.
std::vector<FoundField> findFields(const css::uno::Reference<css::text::XTextDocument>& doc);

/// Replaces each field with its content: text in place, tables and charts inserted at the field.
void applyContents(const css::uno::Reference<css::text::XTextDocument>& doc,
                   const std::vector<FoundField>& fields, const std::vector<plan::Content>& contents);

/// Adds one footnote per source after the first figure in running text that came from it
/// (plan::sourceFootnotes); call after applyContents, with the same fields.
void applySourceFootnotes(const css::uno::Reference<css::text::XTextDocument>& doc,
                          const std::vector<FoundField>& fields, const std::vector<plan::SourceFootnote>& footnotes);

/// Appends a paragraph at the end of the body text (e.g. the "Voorbeeldcijfers" notice).
void appendParagraph(const css::uno::Reference<css::text::XTextDocument>& doc, const std::string& text);

}  // namespace raadsbrief::office
