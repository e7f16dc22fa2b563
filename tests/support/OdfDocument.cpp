#include "OdfDocument.hpp"

#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/NodeList.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace raadsbrief::test {

using Poco::XML::Element;
using Poco::XML::Node;

std::map<std::string, std::string> readZip(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path.string());
  Poco::Zip::ZipArchive archive(in);
  std::map<std::string, std::string> out;
  for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
    if (it->second.isDirectory()) continue;
    in.clear();
    Poco::Zip::ZipInputStream entry(in, it->second, true);
    std::ostringstream data;
    data << entry.rdbuf();
    out[it->first] = data.str();
  }
  return out;
}

Poco::AutoPtr<Poco::XML::Document> parseXml(const std::string& xml) {
  Poco::XML::DOMParser parser;
  parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
  return parser.parseString(xml);
}

std::string odfText(const Node* node) {
  std::string out;
  for (Node* child = node->firstChild(); child; child = child->nextSibling()) {
    if (child->nodeType() == Node::TEXT_NODE) {
      out += child->nodeValue();
    } else if (child->nodeType() == Node::ELEMENT_NODE) {
      const std::string& local = child->localName();
      const bool inText = child->namespaceURI() == ns::text;
      if (inText && local == "s") {
        const auto* e = static_cast<const Element*>(child);
        const std::string count = e->getAttributeNS(ns::text, "c");
        out += std::string(count.empty() ? 1 : std::stoul(count), ' ');
      } else if (inText && local == "tab") {
        out += '\t';
      } else if (inText && local == "line-break") {
        out += '\n';
      } else if (inText && local == "note") {
        // Footnotes are not running text: see OdfDocument::footnotes().
      } else {
        out += odfText(child);
        if (inText && (local == "p" || local == "h")) out += '\n';
      }
    }
  }
  return out;
}

OdfDocument::OdfDocument(const std::filesystem::path& path) : entries_(readZip(path)) {
  content_ = parseXml(contentXml());
}

std::string OdfDocument::bodyText() const {
  auto bodies = content_->getElementsByTagNameNS(ns::office, "text");
  if (bodies->length() == 0) return {};
  return odfText(bodies->item(0));
}

std::vector<std::string> OdfDocument::footnotes() const {
  std::vector<std::string> out;
  auto notes = content_->getElementsByTagNameNS(ns::text, "note-body");
  for (unsigned long i = 0; i < notes->length(); ++i) {
    std::string t = odfText(notes->item(i));
    while (!t.empty() && t.back() == '\n') t.pop_back();
    out.push_back(t);
  }
  return out;
}

std::string OdfDocument::footerText() const {
  auto styles = parseXml(entries_.at("styles.xml"));
  auto footers = styles->getElementsByTagNameNS("urn:oasis:names:tc:opendocument:xmlns:style:1.0", "footer");
  std::string out;
  for (unsigned long i = 0; i < footers->length(); ++i) out += odfText(footers->item(i));
  return out;
}

namespace {

Table readTable(const Element* table) {
  Table rows;
  auto rowNodes = table->getElementsByTagNameNS(ns::table, "table-row");
  for (unsigned long r = 0; r < rowNodes->length(); ++r) {
    std::vector<std::string> row;
    for (Node* cell = rowNodes->item(r)->firstChild(); cell; cell = cell->nextSibling()) {
      if (cell->nodeType() != Node::ELEMENT_NODE || cell->namespaceURI() != ns::table) continue;
      if (cell->localName() != "table-cell" && cell->localName() != "covered-table-cell") continue;
      const auto* e = static_cast<const Element*>(cell);
      std::string value = e->getAttributeNS(ns::office, "value");
      if (value.empty()) {
        value = odfText(cell);
        while (!value.empty() && value.back() == '\n') value.pop_back();
      }
      const std::string repeat = e->getAttributeNS(ns::table, "number-columns-repeated");
      for (unsigned long k = 0; k < (repeat.empty() ? 1 : std::stoul(repeat)); ++k) row.push_back(value);
    }
    rows.push_back(row);
  }
  return rows;
}

std::string childText(const Element* parent, const std::string& nsUri, const std::string& local) {
  for (Node* c = parent->firstChild(); c; c = c->nextSibling())
    if (c->nodeType() == Node::ELEMENT_NODE && c->namespaceURI() == nsUri && c->localName() == local) return odfText(c);
  return {};
}

}  // namespace

Table OdfDocument::table(const std::string& name) const {
  auto tables = content_->getElementsByTagNameNS(ns::table, "table");
  for (unsigned long i = 0; i < tables->length(); ++i) {
    const auto* t = static_cast<const Element*>(tables->item(i));
    if (t->getAttributeNS(ns::table, "name") == name) return readTable(t);
  }
  throw std::runtime_error("no table named " + name);
}

ChartData OdfDocument::chart(const std::string& frameName) const {
  auto frames = content_->getElementsByTagNameNS(ns::draw, "frame");
  for (unsigned long i = 0; i < frames->length(); ++i) {
    const auto* frame = static_cast<const Element*>(frames->item(i));
    if (frame->getAttributeNS(ns::draw, "name") != frameName) continue;
    auto objects = frame->getElementsByTagNameNS(ns::draw, "object");
    if (objects->length() == 0) throw std::runtime_error(frameName + " holds no object");
    std::string href = static_cast<const Element*>(objects->item(0))->getAttributeNS(ns::xlink, "href");
    if (href.rfind("./", 0) == 0) href = href.substr(2);
    ChartData data;
    data.title = childText(frame, ns::svg, "title");
    data.description = childText(frame, ns::svg, "desc");
    data.xml = entries_.at(href + "/content.xml");
    auto chartDoc = parseXml(data.xml);
    auto charts = chartDoc->getElementsByTagNameNS(ns::chart, "chart");
    if (charts->length() > 0)
      data.chartClass = static_cast<const Element*>(charts->item(0))->getAttributeNS(ns::chart, "class");
    auto tables = chartDoc->getElementsByTagNameNS(ns::table, "table");
    if (tables->length() == 0) throw std::runtime_error(frameName + " has no data table");
    data.cells = readTable(static_cast<const Element*>(tables->item(0)));
    return data;
  }
  throw std::runtime_error("no frame named " + frameName);
}

}  // namespace raadsbrief::test
