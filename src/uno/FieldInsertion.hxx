#pragma once
// One field at the cursor of an open document (Raadsbrief ▸ Cijfer invoegen), bound for refresh,
// as one Undo step; and its preview in the dialog.
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

#include <string>

#include "ServiceCall.hxx"

namespace raadsbrief::office {

/// Inserts `fieldText` ("cijfer jeugdhulp" or "{{…}}") at the selection of `doc` (its end without
/// one); returns the content in one line (the text, or a table's or chart's title).
std::string insertFigure(const css::uno::Reference<css::uno::XComponentContext>& context,
                         const css::uno::Reference<css::text::XTextDocument>& doc, const std::string& fieldText,
                         const std::string& municipality, const std::string& period, const std::string& source,
                         const GenerationOptions& options);

/// What `fieldText` would show, in one line, from the user's configured sources when `source` is empty.
std::string previewFigure(const css::uno::Reference<css::uno::XComponentContext>& context, const std::string& fieldText,
                          const std::string& municipality, const std::string& period, const std::string& source);

}  // namespace raadsbrief::office
