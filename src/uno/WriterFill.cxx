#include "WriterFill.hxx"

#include <com/sun/star/awt/FontWeight.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/chart/ChartDataRowSource.hpp>
#include <com/sun/star/chart/MissingValueTreatment.hpp>
#include <com/sun/star/chart/X3DDisplay.hpp>
#include <com/sun/star/chart/XAxisYSupplier.hpp>
#include <com/sun/star/chart/XChartDataArray.hpp>
#include <com/sun/star/chart/XChartDocument.hpp>
#include <com/sun/star/chart2/AxisOrientation.hpp>
#include <com/sun/star/chart2/ScaleData.hpp>
#include <com/sun/star/chart2/XAxis.hpp>
#include <com/sun/star/chart2/XChartDocument.hpp>
#include <com/sun/star/chart2/XChartTypeContainer.hpp>
#include <com/sun/star/chart2/XChartTypeTemplate.hpp>
#include <com/sun/star/chart2/XCoordinateSystem.hpp>
#include <com/sun/star/chart2/XCoordinateSystemContainer.hpp>
#include <com/sun/star/chart2/XDataSeries.hpp>
#include <com/sun/star/chart2/XDataSeriesContainer.hpp>
#include <com/sun/star/chart2/XDiagram.hpp>
#include <com/sun/star/chart2/data/XDataProvider.hpp>
#include <com/sun/star/container/XEnumeration.hpp>
#include <com/sun/star/container/XEnumerationAccess.hpp>
#include <com/sun/star/container/XIndexAccess.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNamed.hpp>
#include <com/sun/star/document/XEmbeddedObjectSupplier2.hpp>
#include <com/sun/star/drawing/FillStyle.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/Locale.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/sheet/XCellRangeData.hpp>
#include <com/sun/star/style/ParagraphAdjust.hpp>
#include <com/sun/star/style/XStyleFamiliesSupplier.hpp>
#include <com/sun/star/table/XCellRange.hpp>
#include <com/sun/star/table/XTableRows.hpp>
#include <com/sun/star/text/ControlCharacter.hpp>
#include <com/sun/star/text/TableColumnSeparator.hpp>
#include <com/sun/star/text/TextContentAnchorType.hpp>
#include <com/sun/star/text/XParagraphCursor.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/text/XTextContent.hpp>
#include <com/sun/star/text/XTextCursor.hpp>
#include <com/sun/star/text/XTextTable.hpp>
#include <com/sun/star/util/XNumberFormats.hpp>
#include <com/sun/star/util/XNumberFormatsSupplier.hpp>
#include <com/sun/star/util/XSearchDescriptor.hpp>
#include <com/sun/star/util/XSearchable.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <tuple>

#include "Convert.hxx"
#include "text/DutchFormat.hpp"

namespace raadsbrief::office {
namespace {

constexpr sal_Int32 kColourMunicipality = 0x1F3864;
constexpr sal_Int32 kColourRegion = 0x5B9BD5;
constexpr sal_Int32 kColourCountry = 0xA5A5A5;
constexpr sal_Int32 kColourOtherMunicipality = 0xB4C7E7;  ///< the other members in a region chart
constexpr sal_Int32 kHeaderBackground = 0xDCE3EF;

/// "A1:D4" for a table of `rows` × `cols` (cols ≤ 26).
OUString cellRangeName(sal_Int32 firstCol, sal_Int32 firstRow, sal_Int32 cols, sal_Int32 rows) {
  auto col = [](sal_Int32 c) { return OUString(sal_Unicode('A' + c)); };
  return col(firstCol) + OUString::number(firstRow + 1) + ":" + col(firstCol + cols - 1) +
         OUString::number(firstRow + rows);
}

std::string textBefore(const Reference<css::text::XTextRange>& range) {
  try {
    Reference<css::text::XTextCursor> cursor = range->getText()->createTextCursorByRange(range->getStart());
    cursor->goLeft(40, true);
    std::string before = toUtf8(cursor->getString());
    // Keep whole words and strip line breaks for a one-line message.
    for (char& c : before)
      if (c == '\n' || c == '\r') c = ' ';
    const auto space = before.find(' ');
    if (before.size() >= 40 && space != std::string::npos) before = "…" + before.substr(space + 1);
    while (!before.empty() && before.back() == ' ') before.pop_back();
    return before;
  } catch (const css::uno::Exception&) {
    return {};
  }
}

/// The label column takes 40% of the width; the number columns share the rest.
void setColumnWidths(const Reference<css::beans::XPropertySet>& table, sal_Int32 cols) {
  if (cols < 2) return;
  sal_Int16 sum = 10000;
  table->getPropertyValue("TableColumnRelativeSum") >>= sum;
  Sequence<css::text::TableColumnSeparator> separators;
  table->getPropertyValue("TableColumnSeparators") >>= separators;
  if (separators.getLength() != cols - 1) return;
  const double first = sum * 0.4, rest = (sum - first) / (cols - 1);
  for (sal_Int32 i = 0; i < cols - 1; ++i) separators.getArray()[i].Position = static_cast<sal_Int16>(first + rest * i);
  table->setPropertyValue("TableColumnSeparators", Any(separators));
}

/// Gives a caption paragraph the template's caption style, when the template has it (a user's
/// own template may not: then the paragraph keeps the style of the field's paragraph).
void styleCaption(const Reference<css::text::XTextDocument>& doc, const Reference<css::text::XTextRange>& paragraph) {
  try {
    Reference<css::container::XNameAccess> families =
        Reference<css::style::XStyleFamiliesSupplier>(doc, UNO_QUERY_THROW)->getStyleFamilies();
    Reference<css::container::XNameAccess> styles(families->getByName("ParagraphStyles"), UNO_QUERY_THROW);
    for (const std::string_view name : refresh::kSourceLineStyles)
      if (styles->hasByName(toOU(std::string(name)))) {
        Reference<css::beans::XPropertySet>(paragraph, UNO_QUERY_THROW)
            ->setPropertyValue("ParaStyleName", Any(toOU(std::string(name))));
        return;
      }
  } catch (const css::uno::Exception&) {
    // A caption without its style is still a caption.
  }
}

}  // namespace

void fillTable(const Reference<css::text::XTextTable>& table, const plan::TableSpec& spec) {
  const auto rows = static_cast<sal_Int32>(spec.cells.size());
  const auto cols = static_cast<sal_Int32>(spec.cells.front().size());
  Sequence<Sequence<Any>> data(rows);
  auto* rowData = data.getArray();
  for (sal_Int32 r = 0; r < rows; ++r) {
    Sequence<Any> row(cols);
    auto* cells = row.getArray();
    for (sal_Int32 c = 0; c < cols; ++c)
      cells[c] <<= toOU(spec.cells[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)]);
    rowData[r] = row;
  }
  Reference<css::table::XCellRange> cellRange(table, UNO_QUERY_THROW);
  Reference<css::sheet::XCellRangeData>(cellRange->getCellRangeByName(cellRangeName(0, 0, cols, rows)), UNO_QUERY_THROW)
      ->setDataArray(data);

  Reference<css::beans::XPropertySet> header(cellRange->getCellRangeByName(cellRangeName(0, 0, cols, 1)),
                                             UNO_QUERY_THROW);
  header->setPropertyValue("CharWeight", Any(css::awt::FontWeight::BOLD));
  Reference<css::beans::XPropertySet>(table->getRows()->getByIndex(0), UNO_QUERY_THROW)
      ->setPropertyValue("BackColor", Any(kHeaderBackground));
  for (sal_Int32 c = 0; c < cols; ++c) {
    if (!spec.numericColumns[static_cast<std::size_t>(c)]) continue;
    Reference<css::beans::XPropertySet>(cellRange->getCellRangeByName(cellRangeName(c, 0, 1, rows)), UNO_QUERY_THROW)
        ->setPropertyValue("ParaAdjust", Any(sal_Int16(css::style::ParagraphAdjust_RIGHT)));
  }
}

namespace {

void insertTable(const Reference<css::text::XTextDocument>& doc, const Reference<css::text::XTextRange>& at,
                 const plan::TableSpec& spec, const OUString& name) {
  const auto rows = static_cast<sal_Int32>(spec.cells.size());
  const auto cols = static_cast<sal_Int32>(spec.cells.front().size());
  Reference<css::lang::XMultiServiceFactory> factory(doc, UNO_QUERY_THROW);
  Reference<css::text::XTextTable> table(factory->createInstance("com.sun.star.text.TextTable"), UNO_QUERY_THROW);
  table->initialize(rows, cols);
  Reference<css::container::XNamed>(table, UNO_QUERY_THROW)->setName(name);

  at->setString(OUString());
  at->getText()->insertTextContent(at, Reference<css::text::XTextContent>(table, UNO_QUERY_THROW), false);

  Reference<css::beans::XPropertySet> tableProps(table, UNO_QUERY_THROW);
  setColumnWidths(tableProps, cols);
  tableProps->setPropertyValue("RepeatHeadline", Any(true));
  tableProps->setPropertyValue("HeaderRowCount", Any(sal_Int32(1)));
  // A table stays on one page with its title (keep-with-next on the title style) and its caption:
  // not split across pages (ODF style:may-break-between-rows="false"), kept with the caption below.
  tableProps->setPropertyValue("Split", Any(false));
  tableProps->setPropertyValue("KeepTogether", Any(true));
  fillTable(table, spec);
  // The paragraph that held the field now follows the table: it becomes the caption, bound
  // (bookmark "<table>_bron") so that a refresh writes it again with the table.
  const std::string caption = plan::captionText(spec.note, spec.source);
  if (!caption.empty()) {
    styleCaption(doc, writeBoundText(doc, at, caption, captionName(toUtf8(name))));
  }
}

/// A caption paragraph right after the paragraph that holds the chart.
void insertChartCaption(const Reference<css::text::XTextDocument>& doc,
                        const Reference<css::text::XTextContent>& object, const std::string& caption,
                        const std::string& name) {
  if (caption.empty()) return;
  Reference<css::text::XTextRange> anchor = object->getAnchor();
  Reference<css::text::XText> text = anchor->getText();
  Reference<css::text::XTextCursor> cursor = text->createTextCursorByRange(anchor->getEnd());
  Reference<css::text::XParagraphCursor>(cursor, UNO_QUERY_THROW)->gotoEndOfParagraph(false);
  text->insertControlCharacter(Reference<css::text::XTextRange>(cursor, UNO_QUERY_THROW),
                               css::text::ControlCharacter::PARAGRAPH_BREAK, false);
  // A fresh cursor from the chart: wherever the first one ended, this one is in the new paragraph.
  Reference<css::text::XTextCursor> next = text->createTextCursorByRange(object->getAnchor()->getEnd());
  Reference<css::text::XParagraphCursor>(next, UNO_QUERY_THROW)->gotoNextParagraph(false);
  const Reference<css::text::XTextRange> at(next, UNO_QUERY_THROW);
  styleCaption(doc, writeBoundText(doc, at, caption, captionName(name)));
}

Reference<css::chart2::XDiagram> makeDiagram(const Reference<css::chart2::XChartDocument>& chart,
                                             const char* templateName) {
  Reference<css::lang::XMultiServiceFactory> types(chart->getChartTypeManager(), UNO_QUERY_THROW);
  Reference<css::chart2::XChartTypeTemplate> tmpl(types->createInstance(OUString::createFromAscii(templateName)),
                                                  UNO_QUERY_THROW);
  const auto args =
      seqOf<css::beans::PropertyValue>({prop("CellRangeRepresentation", Any(OUString("all"))),
                                        prop("DataRowSource", Any(css::chart::ChartDataRowSource_COLUMNS)),
                                        prop("FirstCellAsLabel", Any(true)), prop("HasCategories", Any(true))});
  Reference<css::chart2::data::XDataProvider> provider = chart->getDataProvider();
  return tmpl->createDiagramByDataSource(provider->createDataSource(args), args);
}

void colourSeries(const Reference<css::chart2::XDiagram>& diagram) {
  static constexpr sal_Int32 palette[] = {kColourMunicipality, kColourRegion, kColourCountry};
  Reference<css::chart2::XCoordinateSystemContainer> systems(diagram, UNO_QUERY_THROW);
  for (const auto& system : systems->getCoordinateSystems()) {
    Reference<css::chart2::XChartTypeContainer> types(system, UNO_QUERY_THROW);
    for (const auto& type : types->getChartTypes()) {
      Reference<css::chart2::XDataSeriesContainer> seriesContainer(type, UNO_QUERY_THROW);
      const auto series = seriesContainer->getDataSeries();
      for (sal_Int32 i = 0; i < series.getLength(); ++i) {
        Reference<css::beans::XPropertySet> p(series[i], UNO_QUERY_THROW);
        p->setPropertyValue("Color", Any(palette[i % 3]));
        p->setPropertyValue("LineWidth", Any(sal_Int32(60)));
      }
    }
  }
}

/// A chart with a bar per region (grafiek regio): the municipality, the youth-care region and
/// the country in their colours, the other municipalities lighter. Again after every new data
/// (the order may change with the figures).
void colourPoints(const Reference<css::chart2::XDiagram>& diagram, const plan::ChartSpec& spec) {
  if (spec.roles.empty()) return;
  Reference<css::chart2::XCoordinateSystemContainer> systems(diagram, UNO_QUERY_THROW);
  for (const auto& system : systems->getCoordinateSystems()) {
    Reference<css::chart2::XChartTypeContainer> types(system, UNO_QUERY_THROW);
    for (const auto& type : types->getChartTypes()) {
      Reference<css::chart2::XDataSeriesContainer> seriesContainer(type, UNO_QUERY_THROW);
      for (const auto& series : seriesContainer->getDataSeries()) {
        for (std::size_t i = 0; i < spec.roles.size(); ++i) {
          sal_Int32 colour = kColourOtherMunicipality;
          switch (spec.roles[i]) {
            case plan::ChartSpec::Role::Municipality: colour = kColourMunicipality; break;
            case plan::ChartSpec::Role::YouthCareRegion: colour = kColourRegion; break;
            case plan::ChartSpec::Role::Country: colour = kColourCountry; break;
            case plan::ChartSpec::Role::Other: break;
          }
          Reference<css::beans::XPropertySet> point(series->getDataPointByIndex(static_cast<sal_Int32>(i)),
                                                    UNO_QUERY_THROW);
          point->setPropertyValue("Color", Any(colour));
        }
      }
    }
  }
}

/// Horizontal bars read from the top: the first category (the first municipality) on top.
void reverseCategories(const Reference<css::chart2::XDiagram>& diagram) {
  Reference<css::chart2::XCoordinateSystemContainer> systems(diagram, UNO_QUERY_THROW);
  for (const auto& system : systems->getCoordinateSystems()) {
    Reference<css::chart2::XAxis> axis = system->getAxisByDimension(0, 0);
    if (!axis.is()) continue;
    css::chart2::ScaleData scale = axis->getScaleData();
    scale.Orientation = css::chart2::AxisOrientation_REVERSE;
    axis->setScaleData(scale);
  }
}

/// Dutch number format on the value axis (decimal comma, unit), independent of the office's locale.
void setAxisFormat(const Reference<css::chart2::XChartDocument>& chart,
                   const Reference<css::beans::XPropertySet>& diagram, const plan::ChartSpec& spec) {
  Reference<css::util::XNumberFormats> formats =
      Reference<css::util::XNumberFormatsSupplier>(chart, UNO_QUERY_THROW)->getNumberFormats();
  const css::lang::Locale dutch("nl", "NL", "");
  const OUString code = toOU(text::officeFormatCode(spec.unit, spec.decimals));
  sal_Int32 key = formats->queryKey(code, dutch, false);
  if (key < 0) key = formats->addNew(code, dutch);
  Reference<css::beans::XPropertySet> axis(Reference<css::chart::XAxisYSupplier>(diagram, UNO_QUERY_THROW)->getYAxis(),
                                           UNO_QUERY_THROW);
  axis->setPropertyValue("NumberFormat", Any(key));
  axis->setPropertyValue("LinkNumberFormatToSource", Any(false));
}

/// Puts a chart's figures, categories and series names in a chart data array (a gap is NaN, never 0).
void setChartData(const Reference<css::chart::XChartDataArray>& array, const plan::ChartSpec& spec) {
  const auto rows = static_cast<sal_Int32>(spec.categories.size());
  const auto cols = static_cast<sal_Int32>(spec.series.size());
  Sequence<Sequence<double>> values(rows);
  Sequence<OUString> rowNames(rows), colNames(cols);
  for (sal_Int32 r = 0; r < rows; ++r) {
    Sequence<double> row(cols);
    for (sal_Int32 c = 0; c < cols; ++c) {
      const auto& v = spec.series[static_cast<std::size_t>(c)].values[static_cast<std::size_t>(r)];
      row.getArray()[c] = v ? *v : std::numeric_limits<double>::quiet_NaN();
    }
    values.getArray()[r] = row;
    rowNames.getArray()[r] = toOU(spec.categories[static_cast<std::size_t>(r)]);
  }
  for (sal_Int32 c = 0; c < cols; ++c) colNames.getArray()[c] = toOU(spec.series[static_cast<std::size_t>(c)].name);
  array->setData(values);
  array->setRowDescriptions(rowNames);
  array->setColumnDescriptions(colNames);
}

void setChartTitle(const Reference<css::chart::XChartDocument>& chart, const plan::ChartSpec& spec) {
  Reference<css::beans::XPropertySet>(chart, UNO_QUERY_THROW)->setPropertyValue("HasMainTitle", Any(true));
  Reference<css::beans::XPropertySet>(chart->getTitle(), UNO_QUERY_THROW)
      ->setPropertyValue("String", Any(toOU(spec.title)));
}

/// Runs `work` with the chart's controllers locked: the chart is rebuilt once, when it ends.
template <typename Work>
void withLockedChart(const Reference<css::frame::XModel>& chart, Work&& work) {
  chart->lockControllers();
  try {
    work();
  } catch (...) {
    chart->unlockControllers();
    throw;
  }
  chart->unlockControllers();
}

void insertChart(const Reference<css::text::XTextDocument>& doc, const Reference<css::text::XTextRange>& at,
                 const plan::ChartSpec& spec, const OUString& name) {
  Reference<css::lang::XMultiServiceFactory> factory(doc, UNO_QUERY_THROW);
  Reference<css::text::XTextContent> object(factory->createInstance("com.sun.star.text.TextEmbeddedObject"),
                                            UNO_QUERY_THROW);
  Reference<css::beans::XPropertySet> objectProps(object, UNO_QUERY_THROW);
  objectProps->setPropertyValue("CLSID", Any(OUString("12dcae26-281f-416f-a234-c3086127382e")));
  objectProps->setPropertyValue("AnchorType", Any(css::text::TextContentAnchorType_AS_CHARACTER));
  objectProps->setPropertyValue("Width", Any(sal_Int32(15500)));
  // Horizontal bars get the room their categories need (a region of 14 has 16 bars).
  const auto rows = static_cast<sal_Int32>(spec.categories.size());
  objectProps->setPropertyValue("Height",
                                Any(spec.horizontal ? std::max<sal_Int32>(8000, 2500 + 550 * rows) : sal_Int32(8000)));
  Reference<css::container::XNamed>(object, UNO_QUERY_THROW)->setName(name);

  at->setString(OUString());
  at->getText()->insertTextContent(at, object, true);
  objectProps->setPropertyValue("Title", Any(toOU(spec.title)));
  objectProps->setPropertyValue("Description", Any(toOU(spec.description)));

  Reference<css::document::XEmbeddedObjectSupplier2> supplier(object, UNO_QUERY_THROW);
  Reference<css::chart2::XChartDocument> chart(supplier->getEmbeddedObject(), UNO_QUERY_THROW);
  // One lock for all of it: every unlock after a change rebuilds the chart.
  withLockedChart(Reference<css::frame::XModel>(chart, UNO_QUERY_THROW), [&] {
    chart->createInternalDataProvider(false);
    const bool line = spec.kind == plan::ChartSpec::Kind::Line;
    chart->setFirstDiagram(makeDiagram(chart, line              ? "com.sun.star.chart2.template.LineSymbol"
                                              : spec.horizontal ? "com.sun.star.chart2.template.Bar"
                                                                : "com.sun.star.chart2.template.Column"));
    // The figures through the chart document's data array: it rebuilds the series and the
    // categories from the diagram's template, so the chart keeps its labels when saved.
    Reference<css::chart::XChartDocument> oldChart(chart, UNO_QUERY_THROW);
    setChartData(Reference<css::chart::XChartDataArray>(oldChart->getData(), UNO_QUERY_THROW), spec);
    colourSeries(chart->getFirstDiagram());
    colourPoints(chart->getFirstDiagram(), spec);
    if (spec.horizontal) reverseCategories(chart->getFirstDiagram());
    // Title, legend and gaps through the chart's own (older, simpler) property API.
    setChartTitle(oldChart, spec);
    Reference<css::beans::XPropertySet>(oldChart->getTitle(), UNO_QUERY_THROW)
        ->setPropertyValue("CharHeight", Any(float(11)));
    // One series whose bars are coloured by what they stand for: the categories say it all.
    Reference<css::beans::XPropertySet>(oldChart, UNO_QUERY_THROW)
        ->setPropertyValue("HasLegend", Any(spec.roles.empty()));
    Reference<css::beans::XPropertySet> oldDiagram(oldChart->getDiagram(), UNO_QUERY_THROW);
    oldDiagram->setPropertyValue("MissingValueTreatment", Any(css::chart::MissingValueTreatment::LEAVE_GAP));
    Reference<css::chart::X3DDisplay> display(oldDiagram, UNO_QUERY_THROW);
    Reference<css::beans::XPropertySet>(display->getWall(), UNO_QUERY_THROW)
        ->setPropertyValue("FillStyle", Any(css::drawing::FillStyle_NONE));
    setAxisFormat(chart, oldDiagram, spec);
  });
  insertChartCaption(doc, object, plan::captionText(spec.note, spec.source), toUtf8(name));
}

}  // namespace

void writeChartData(const Reference<css::text::XTextContent>& object, const plan::ChartSpec& spec) {
  Reference<css::beans::XPropertySet> objectProps(object, UNO_QUERY_THROW);
  objectProps->setPropertyValue("Title", Any(toOU(spec.title)));
  objectProps->setPropertyValue("Description", Any(toOU(spec.description)));
  Reference<css::document::XEmbeddedObjectSupplier2> supplier(object, UNO_QUERY_THROW);
  Reference<css::chart::XChartDocument> chart(supplier->getEmbeddedObject(), UNO_QUERY_THROW);
  withLockedChart(Reference<css::frame::XModel>(chart, UNO_QUERY_THROW), [&] {
    // Through the chart document's data array: it rebuilds the series and the categories from
    // the diagram's template, so the chart keeps its labels when saved.
    setChartData(Reference<css::chart::XChartDataArray>(chart->getData(), UNO_QUERY_THROW), spec);
    setChartTitle(chart, spec);
    colourPoints(Reference<css::chart2::XChartDocument>(chart, UNO_QUERY_THROW)->getFirstDiagram(), spec);
  });
}

plan::ChartSpec readChartData(const Reference<css::text::XTextContent>& object) {
  Reference<css::document::XEmbeddedObjectSupplier2> supplier(object, UNO_QUERY_THROW);
  Reference<css::chart::XChartDocument> chart(supplier->getEmbeddedObject(), UNO_QUERY_THROW);
  Reference<css::chart::XChartDataArray> array(chart->getData(), UNO_QUERY_THROW);
  plan::ChartSpec spec;
  for (const auto& name : array->getRowDescriptions()) spec.categories.push_back(toUtf8(name));
  for (const auto& name : array->getColumnDescriptions()) spec.series.push_back({toUtf8(name), {}});
  const auto data = array->getData();
  for (const auto& row : data)
    for (sal_Int32 c = 0; c < row.getLength() && c < static_cast<sal_Int32>(spec.series.size()); ++c) {
      // A gap comes back as NaN, or (the chart of a loaded document) as the API's own "not a
      // number", DBL_MIN: without isNotANumber() every chart with a gap read as edited by hand.
      const double v = row[c];
      spec.series[static_cast<std::size_t>(c)].values.push_back(
          std::isnan(v) || array->isNotANumber(v) ? std::nullopt : std::optional<double>(v));
    }
  return spec;
}

namespace {

bool blank(const OUString& s) {
  for (sal_Int32 i = 0; i < s.getLength(); ++i)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != 0x00A0) return false;
  return true;
}

/// True for {{als …}} and {{einde}} (any case): the markers of optional parts, whose place
/// matters. (A field that merely starts so gets the same care; the core decides what it is.)
bool isMarker(const OUString& field) {
  const OUString body = field.copy(2).trim().toAsciiLowerCase();
  return body.startsWith("als") || body.startsWith("einde");
}

/// Whether only white space stands between the range and the start / the end of its paragraph.
std::pair<bool, bool> paragraphEdges(const Reference<css::text::XTextRange>& range) {
  try {
    const Reference<css::text::XText> text = range->getText();
    Reference<css::text::XParagraphCursor> before(text->createTextCursorByRange(range->getStart()), UNO_QUERY_THROW);
    before->gotoStartOfParagraph(true);
    Reference<css::text::XParagraphCursor> after(text->createTextCursorByRange(range->getEnd()), UNO_QUERY_THROW);
    after->gotoEndOfParagraph(true);
    return {blank(before->getString()), blank(after->getString())};
  } catch (const css::uno::Exception&) {
    return {false, false};
  }
}

}  // namespace

std::vector<FoundField> findFields(const Reference<css::text::XTextDocument>& doc) {
  Reference<css::util::XSearchable> searchable(doc, UNO_QUERY_THROW);
  Reference<css::util::XSearchDescriptor> descriptor = searchable->createSearchDescriptor();
  descriptor->setSearchString(toOU(fields::kFieldPattern));
  Reference<css::beans::XPropertySet>(descriptor, UNO_QUERY_THROW)
      ->setPropertyValue("SearchRegularExpression", Any(true));
  Reference<css::container::XIndexAccess> found = searchable->findAll(descriptor);
  std::vector<FoundField> out;
  const sal_Int32 n = found.is() ? found->getCount() : 0;
  out.reserve(static_cast<std::size_t>(n));
  std::vector<Reference<css::text::XText>> texts{doc->getText()};  // index = FieldOccurrence::textId
  for (sal_Int32 i = 0; i < n; ++i) {
    Reference<css::text::XTextRange> range(found->getByIndex(i), UNO_QUERY_THROW);
    const OUString string = range->getString();
    plan::FieldOccurrence occurrence{toUtf8(string), textBefore(range)};
    if (isMarker(string)) {  // where it stands: only for markers, the others do not need it
      const Reference<css::text::XText> text = range->getText();
      const auto known = std::find(texts.begin(), texts.end(), text);
      occurrence.textId = static_cast<int>(known - texts.begin());
      if (known == texts.end()) texts.push_back(text);
      std::tie(occurrence.paragraphStart, occurrence.paragraphEnd) = paragraphEdges(range);
    }
    out.push_back({range, std::move(occurrence)});
  }
  return out;
}

namespace {

/// Removes the paragraph the cursor is in (after its text was removed); a paragraph Writer will
/// not remove (the last of a text) stays, empty. With `onlyPlainText`, a paragraph that still
/// holds anything but text (an image or a frame anchored in it, a footnote) stays too.
void removeParagraph(const Reference<css::text::XTextCursor>& cursor, bool onlyPlainText = false) {
  try {
    Reference<css::container::XEnumerationAccess> access(cursor, UNO_QUERY_THROW);
    Reference<css::container::XEnumeration> paragraphs = access->createEnumeration();
    if (!paragraphs->hasMoreElements()) return;
    Reference<css::lang::XComponent> paragraph(paragraphs->nextElement(), UNO_QUERY_THROW);
    if (onlyPlainText) {
      Reference<css::container::XEnumeration> portions =
          Reference<css::container::XEnumerationAccess>(paragraph, UNO_QUERY_THROW)->createEnumeration();
      while (portions->hasMoreElements()) {
        OUString type;
        Reference<css::beans::XPropertySet>(portions->nextElement(), UNO_QUERY_THROW)
            ->getPropertyValue("TextPortionType") >>= type;
        if (type != "Text") return;
      }
    }
    paragraph->dispose();
  } catch (const css::uno::Exception&) {
  }
}

/// After text was removed at `at` (collapsed): no double space, no space before a punctuation
/// mark or at the start or end of the paragraph.
void tidySpaces(const Reference<css::text::XTextRange>& at) {
  try {
    const Reference<css::text::XText> text = at->getText();
    Reference<css::text::XTextCursor> left = text->createTextCursorByRange(at->getStart());
    const bool hasLeft = left->goLeft(1, true);
    const OUString l = hasLeft ? left->getString() : OUString();
    Reference<css::text::XTextCursor> right = text->createTextCursorByRange(at->getStart());
    Reference<css::text::XParagraphCursor> para(right, UNO_QUERY_THROW);
    const bool atEnd = para->isEndOfParagraph();
    const OUString r = !atEnd && right->goRight(1, true) ? right->getString() : OUString();
    const bool leftSpace = l == " ", rightSpace = r == " ";
    const bool rightStop = atEnd || r == "." || r == "," || r == ";" || r == ":" || r == "!" || r == "?" || r == ")";
    const bool atStart = !hasLeft || Reference<css::text::XParagraphCursor>(
                                         text->createTextCursorByRange(at->getStart()), UNO_QUERY_THROW)
                                         ->isStartOfParagraph();
    if (leftSpace && (rightSpace || rightStop)) left->setString(OUString());
    else if (rightSpace && atStart) right->setString(OUString());
  } catch (const css::uno::Exception&) {
  }
}

/// Removes the text of `range`; with `wholeParagraph`, the paragraph(s) it leaves empty too;
/// with `dropEmpty`, the paragraph when nothing but white space is left in it.
void removeRange(const Reference<css::text::XTextRange>& range, bool wholeParagraph, bool dropEmpty) {
  const Reference<css::text::XText> text = range->getText();
  Reference<css::text::XTextCursor> cursor = text->createTextCursorByRange(range);
  if (wholeParagraph) {
    Reference<css::text::XParagraphCursor> para(cursor, UNO_QUERY_THROW);
    cursor->collapseToStart();
    para->gotoStartOfParagraph(false);
    cursor->gotoRange(range->getEnd(), true);
    para->gotoEndOfParagraph(true);
    cursor->setString(OUString());
    removeParagraph(cursor);
    return;
  }
  cursor->setString(OUString());
  tidySpaces(Reference<css::text::XTextRange>(cursor, UNO_QUERY_THROW));
  if (!dropEmpty) return;
  // A paragraph that held nothing but optional parts goes with them.
  Reference<css::text::XParagraphCursor> para(text->createTextCursorByRange(cursor->getStart()), UNO_QUERY_THROW);
  para->gotoStartOfParagraph(false);
  para->gotoEndOfParagraph(true);
  if (blank(para->getString())) {
    para->setString(OUString());
    removeParagraph(Reference<css::text::XTextCursor>(para, UNO_QUERY_THROW), true);
  }
}

}  // namespace

void applyOptionalParts(const std::vector<FoundField>& fields, const plan::BriefingPlan& decided) {
  // Back to front, so that what is still to do is not moved by what was done.
  std::vector<std::pair<std::size_t, std::function<void()>>> work;
  for (const auto& part : decided.removed) {
    work.emplace_back(part.open, [&fields, part] {
      const Reference<css::text::XText> text = fields[part.open].range->getText();
      Reference<css::text::XTextCursor> cursor = text->createTextCursorByRange(fields[part.open].range->getStart());
      cursor->gotoRange(fields[part.close].range->getEnd(), true);
      removeRange(Reference<css::text::XTextRange>(cursor, UNO_QUERY_THROW), part.wholeParagraphs, true);
    });
  }
  for (std::size_t i = 0; i < fields.size() && i < decided.actions.size(); ++i) {
    const auto action = decided.actions[i];
    if (action == plan::FieldAction::RemoveMarker || action == plan::FieldAction::RemoveParagraph)
      work.emplace_back(i, [&fields, i, action] {
        removeRange(fields[i].range, action == plan::FieldAction::RemoveParagraph, false);
      });
  }
  std::sort(work.begin(), work.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& w : work) w.second();
}

void applyContents(const Reference<css::text::XTextDocument>& doc, const std::vector<FoundField>& fields,
                   const std::vector<plan::Content>& contents, const std::vector<std::string>& names) {
  int tables = 0, charts = 0;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& range = fields[i].range;
    const auto& content = contents[i];
    const std::string& name = names[i];
    if (const auto* t = std::get_if<plan::TextSpec>(&content)) {
      if (name.empty()) range->setString(toOU(t->text));
      else writeBoundText(doc, range, t->text, name);
    } else if (const auto* table = std::get_if<plan::TableSpec>(&content)) {
      ++tables;
      insertTable(doc, range, *table,
                  name.empty() ? OUString::createFromAscii(refresh::kUnboundTablePrefix) + OUString::number(tables)
                               : toOU(name));
    } else if (const auto* chart = std::get_if<plan::ChartSpec>(&content)) {
      ++charts;
      insertChart(doc, range, *chart,
                  name.empty() ? OUString::createFromAscii(refresh::kUnboundChartPrefix) + OUString::number(charts)
                               : toOU(name));
    }
  }
}

Reference<css::text::XTextRange> writeBoundText(const Reference<css::text::XTextDocument>& doc,
                                                const Reference<css::text::XTextRange>& range, const std::string& text,
                                                const std::string& name) {
  Reference<css::text::XText> parent = range->getText();
  Reference<css::text::XTextCursor> cursor = parent->createTextCursorByRange(range);
  cursor->setString(toOU(text));  // the cursor now spans the new text
  Reference<css::text::XTextContent> bookmark(
      Reference<css::lang::XMultiServiceFactory>(doc, UNO_QUERY_THROW)->createInstance("com.sun.star.text.Bookmark"),
      UNO_QUERY_THROW);
  Reference<css::container::XNamed>(bookmark, UNO_QUERY_THROW)->setName(toOU(name));
  const Reference<css::text::XTextRange> written(cursor, UNO_QUERY_THROW);
  parent->insertTextContent(written, bookmark, true);
  return written;
}

void applySourceFootnotes(const Reference<css::text::XTextDocument>& doc, const std::vector<FoundField>& fields,
                          const std::vector<plan::SourceFootnote>& footnotes) {
  Reference<css::lang::XMultiServiceFactory> factory(doc, UNO_QUERY_THROW);
  const Reference<css::text::XText> body = doc->getText();
  int number = 0;
  for (const auto& footnote : footnotes) {
    // Body text first: Writer refuses footnotes in headers, footers and frames.
    std::vector<std::size_t> order;
    for (const bool inBody : {true, false})
      for (const std::size_t i : footnote.candidates)
        if (i < fields.size() && (fields[i].range->getText() == body) == inBody) order.push_back(i);
    for (const std::size_t i : order) {
      try {
        Reference<css::text::XTextContent> note(factory->createInstance("com.sun.star.text.Footnote"), UNO_QUERY_THROW);
        const Reference<css::text::XTextRange> end = fields[i].range->getEnd();
        end->getText()->insertTextContent(end, note, false);
        Reference<css::text::XText> noteText(note, UNO_QUERY_THROW);
        writeBoundText(doc, noteText->getStart(), footnote.text, footnoteName(++number));
        break;
      } catch (const css::uno::Exception&) {
        // Not allowed here: try the next figure from this source.
      }
    }
  }
}

void appendParagraph(const Reference<css::text::XTextDocument>& doc, const std::string& textToAdd) {
  Reference<css::text::XText> body = doc->getText();
  Reference<css::text::XTextRange> end = body->getEnd();
  body->insertControlCharacter(end, css::text::ControlCharacter::PARAGRAPH_BREAK, false);
  body->insertString(body->getEnd(), toOU(textToAdd), false);
}

}  // namespace raadsbrief::office
