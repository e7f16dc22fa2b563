#pragma once
// Reading what Raadsbrief wrote: zip entries of an ODF/OOXML package, parsed XML, text, tables
// and the data tables of embedded charts. Test support only.
#include <Poco/AutoPtr.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace raadsbrief::test {

namespace ns {
inline const std::string office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
inline const std::string text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
inline const std::string table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
inline const std::string draw = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
inline const std::string svg = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";
inline const std::string xlink = "http://www.w3.org/1999/xlink";
inline const std::string chart = "urn:oasis:names:tc:opendocument:xmlns:chart:1.0";
}  // namespace ns

/// The entries of a zip package (names and contents).
std::map<std::string, std::string> readZip(const std::filesystem::path& path);

Poco::AutoPtr<Poco::XML::Document> parseXml(const std::string& xml);

/// Text of an element with ODF spacing elements (text:s, text:tab, text:line-break) honoured.
std::string odfText(const Poco::XML::Node* node);

/// A table as rows of cell texts.
using Table = std::vector<std::vector<std::string>>;

/// A chart's own data table: row 0 is the header (series names); column 0 the categories.
/// Numbers are kept as their office:value text ("12.8"); an empty cell is "".
struct ChartData {
  std::string title;        ///< svg:title of the frame (alt-text title)
  std::string description;  ///< svg:desc of the frame (alt-text description)
  std::string chartClass;   ///< chart:class of the chart, e.g. "chart:bar"
  Table cells;
  std::string xml;  ///< the chart's content.xml
};

class OdfDocument {
 public:
  explicit OdfDocument(const std::filesystem::path& path);
  [[nodiscard]] const std::string& contentXml() const { return entries_.at("content.xml"); }
  [[nodiscard]] const std::map<std::string, std::string>& entries() const { return entries_; }
  /// All body text, paragraphs separated by '\n', without footnotes.
  [[nodiscard]] std::string bodyText() const;
  /// The text of every footnote (text:note-body), in document order; footnotes are left out of bodyText().
  [[nodiscard]] std::vector<std::string> footnotes() const;
  /// The text of the page styles' footers (styles.xml).
  [[nodiscard]] std::string footerText() const;
  /// A table by its name (table:name).
  [[nodiscard]] Table table(const std::string& name) const;
  /// An embedded chart by its frame name (draw:name).
  [[nodiscard]] ChartData chart(const std::string& frameName) const;

 private:
  std::map<std::string, std::string> entries_;
  Poco::AutoPtr<Poco::XML::Document> content_;
};

}  // namespace raadsbrief::test
