#pragma once
// A spreadsheet written by a test as flat ODF (.fods), for LibreOffice to convert to .ods/.xlsx: the
// own-figures tests build their sheets (docs/own-figures.md) from these pieces.
#include <string>
#include <vector>

namespace raadsbrief::test::ods {

/// A text cell.
inline std::string cell(const std::string& text) {
  return "<table:table-cell office:value-type=\"string\"><text:p>" + text + "</text:p></table:table-cell>";
}

/// A number cell: its value as ODF writes it ("7.4") and its text as the sheet shows it.
inline std::string number(const std::string& value, const std::string& shown) {
  return "<table:table-cell office:value-type=\"float\" office:value=\"" + value + "\"><text:p>" + shown +
         "</text:p></table:table-cell>";
}
inline std::string number(const std::string& value) { return number(value, value); }

inline std::string row(const std::vector<std::string>& cells) {
  std::string r = "<table:table-row>";
  for (const auto& c : cells) r += c;
  return r + "</table:table-row>";
}

inline std::string table(const std::string& name, const std::string& rows) {
  return "<table:table table:name=\"" + name + "\">" + rows + "</table:table>";
}

/// The head row of the sheet Cijfers.
inline std::string figuresHead() {
  return row({cell("gemeente"), cell("indicator"), cell("periode"), cell("waarde"), cell("status")});
}

/// The sheet Indicatoren with client satisfaction (a mark, one decimal) and waiting time (days).
inline std::string indicatorsTable(const std::string& satisfactionSource, const std::string& waitingDefinition,
                                   const std::string& waitingSource) {
  return table("Indicatoren",
               row({cell("indicator"), cell("label"), cell("eenheid"), cell("decimalen"), cell("richting"),
                    cell("definitie"), cell("bronnaam")}) +
                   row({cell("clienttevredenheid"), cell("Cli\u00ebnttevredenheid"), cell("cijfer"), number("1"),
                        cell("hoger is beter"), cell("Gemiddeld rapportcijfer."), cell(satisfactionSource)}) +
                   row({cell("wachttijd"), cell("Wachttijd"), cell("dagen"), number("0"), cell("lager is beter"),
                        cell(waitingDefinition), cell(waitingSource)}));
}

/// The whole flat ODS document around `tables`.
inline std::string document(const std::string& tables) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document "
         "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
         "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
         "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" office:version=\"1.3\" "
         "office:mimetype=\"application/vnd.oasis.opendocument.spreadsheet\"><office:body><office:spreadsheet>" +
         tables + "</office:spreadsheet></office:body></office:document>\n";
}

}  // namespace raadsbrief::test::ods
