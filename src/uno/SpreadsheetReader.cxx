#include "SpreadsheetReader.hxx"

#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/document/MacroExecMode.hpp>
#include <com/sun/star/document/UpdateDocMode.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/sheet/XCellRangeAddressable.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/sheet/XSheetCellCursor.hpp>
#include <com/sun/star/sheet/XSpreadsheet.hpp>
#include <com/sun/star/sheet/XSpreadsheetDocument.hpp>
#include <com/sun/star/sheet/XUsedAreaCursor.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/util/XCloseable.hpp>

#include <fmt/format.h>

#include "Error.hpp"
#include "util/Text.hpp"

namespace raadsbrief::office {
namespace {

/// Closes the loaded spreadsheet however reading ends.
class Closer {
 public:
  explicit Closer(Reference<css::lang::XComponent> doc) : m_xDoc(std::move(doc)) {}
  Closer(const Closer&) = delete;
  Closer& operator=(const Closer&) = delete;
  ~Closer() {
    try {
      Reference<css::util::XCloseable> closeable(m_xDoc, UNO_QUERY);
      if (closeable.is()) closeable->close(true);
      else if (m_xDoc.is()) m_xDoc->dispose();
    } catch (...) {
    }
  }

 private:
  Reference<css::lang::XComponent> m_xDoc;
};

sheets::Cell cellOf(const Any& value) {
  double number = 0;
  if (value >>= number) return number;
  OUString text;
  if ((value >>= text) && !text.isEmpty()) return toUtf8(text);
  return std::monostate{};
}

/// The cells from A1 to the end of the sheet's used area (so that row and column numbers are the
/// spreadsheet's own), refused before reading when they exceed the core's bounds.
sheets::Sheet readSheet(const Reference<css::sheet::XSpreadsheet>& sheet, const std::string& name) {
  sheets::Sheet out;
  out.name = name;
  Reference<css::sheet::XSheetCellCursor> cursor = sheet->createCursor();
  Reference<css::sheet::XUsedAreaCursor> used(cursor, UNO_QUERY_THROW);
  used->gotoEndOfUsedArea(false);
  const css::table::CellRangeAddress end =
      Reference<css::sheet::XCellRangeAddressable>(cursor, UNO_QUERY_THROW)->getRangeAddress();
  if (static_cast<std::size_t>(end.EndRow) >= sheets::kMaxRows + 1)
    throw Error(ErrorKind::Data, fmt::format("Blad {}: meer dan {} rijen", name, sheets::kMaxRows));
  if (static_cast<std::size_t>(end.EndColumn) >= sheets::kMaxColumns)
    throw Error(ErrorKind::Data, fmt::format("Blad {}: meer dan {} kolommen", name, sheets::kMaxColumns));
  Reference<css::table::XCellRange> range = sheet->getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow);
  const Sequence<Sequence<Any>> data = Reference<css::sheet::XCellRangeData>(range, UNO_QUERY_THROW)->getDataArray();
  out.rows.reserve(static_cast<std::size_t>(data.getLength()));
  for (const auto& row : data) {
    std::vector<sheets::Cell> cells;
    cells.reserve(static_cast<std::size_t>(row.getLength()));
    for (const auto& value : row) cells.push_back(cellOf(value));
    while (!cells.empty() && std::holds_alternative<std::monostate>(cells.back())) cells.pop_back();
    out.rows.push_back(std::move(cells));
  }
  return out;
}

}  // namespace

sheets::SpreadsheetReader spreadsheetReader(const Reference<css::uno::XComponentContext>& context) {
  return [context](const std::filesystem::path& file) {
    const std::string url = fileUrl(file.string());
    if (url.empty()) throw Error(ErrorKind::Usage, "Geen geldig pad: " + file.string());
    Reference<css::frame::XDesktop2> desktop = css::frame::Desktop::create(context);
    // Nothing in the file runs or is fetched: no macros, no link updates; hidden and read-only.
    const auto args =
        seqOf<css::beans::PropertyValue>({prop("Hidden", Any(true)), prop("ReadOnly", Any(true)),
                                          prop("MacroExecutionMode", Any(css::document::MacroExecMode::NEVER_EXECUTE)),
                                          prop("UpdateDocMode", Any(css::document::UpdateDocMode::NO_UPDATE))});
    Reference<css::lang::XComponent> component;
    try {
      component = desktop->loadComponentFromURL(toOU(url), "_blank", 0, args);
    } catch (const css::uno::Exception& e) {
      throw Error(ErrorKind::Data, "LibreOffice kan dit bestand niet openen (" + toUtf8(e.Message) + ")");
    }
    if (!component.is())
      throw Error(ErrorKind::Data,
                  "LibreOffice kan dit bestand niet als spreadsheet openen (is LibreOffice Calc "
                  "geïnstalleerd?)");
    const Closer closer(component);
    Reference<css::sheet::XSpreadsheetDocument> doc(component, UNO_QUERY);
    if (!doc.is()) throw Error(ErrorKind::Data, "dit bestand is geen spreadsheet");
    Reference<css::container::XIndexAccess> sheets(doc->getSheets(), UNO_QUERY_THROW);
    sheets::Workbook book;
    for (sal_Int32 i = 0; i < sheets->getCount(); ++i) {
      Reference<css::sheet::XSpreadsheet> sheet(sheets->getByIndex(i), UNO_QUERY_THROW);
      const std::string name = toUtf8(Reference<css::container::XNamed>(sheet, UNO_QUERY_THROW)->getName());
      const std::string lower = util::lowerAscii(util::trim(name));
      // Only the two sheets of the layout are read; others (the template's "Uitleg") by name only.
      if (lower == "cijfers" || lower == "indicatoren") book.push_back(readSheet(sheet, name));
      else book.push_back(sheets::Sheet{name, {}, {}, false});
    }
    return book;
  };
}

}  // namespace raadsbrief::office
