#pragma once
/// Own figures from an .ods/.xlsx file, read by LibreOffice itself (no spreadsheet parser of our
/// own): the file is loaded hidden and read-only, without macros and without updating links, the
/// used range of each sheet is read as values, and the document is closed again.
#include <com/sun/star/uno/XComponentContext.hpp>

#include "Convert.hxx"
#include "sheets/OwnFigures.hpp"

namespace raadsbrief::office {

/// The reader for sources::LoadPolicy::spreadsheetReader. The file has been checked by the core
/// (a regular file within bounds, a zip without bombs) before it is called. Throws Error(Data) for
/// a file LibreOffice cannot open as a spreadsheet or a sheet over the core's bounds.
[[nodiscard]] sheets::SpreadsheetReader spreadsheetReader(const Reference<css::uno::XComponentContext>& context);

}  // namespace raadsbrief::office
