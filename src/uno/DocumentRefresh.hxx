#pragma once
// Refreshing a document Raadsbrief made: open (in Writer) or stored (a file loaded hidden, then
// stored atomically in place).
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

#include <filesystem>
#include <string>

#include "ServiceCall.hxx"
#include "refresh/Refresh.hpp"

namespace raadsbrief::office {

/// Plans (and with `apply` performs) the refresh of an open document.
refresh::RefreshPlan refreshOpenDocument(const css::uno::Reference<css::uno::XComponentContext>& context,
                                         const css::uno::Reference<css::text::XTextDocument>& doc,
                                         const std::string& source, const GenerationOptions& options, bool apply);

/// Checks a file before any work: a format that can be refreshed (not a PDF), an existing file.
void checkRefreshable(const std::filesystem::path& path);

/// Loads the file at `path` hidden, plans (and with `apply` performs) its refresh and stores it
/// atomically in place.
refresh::RefreshPlan refreshStoredDocument(const css::uno::Reference<css::uno::XComponentContext>& context,
                                           const std::filesystem::path& path, const std::string& source,
                                           const GenerationOptions& options, bool apply);

}  // namespace raadsbrief::office
