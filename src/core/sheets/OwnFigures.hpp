#pragma once
/// A policy officer's own figures from a spreadsheet (docs/own-figures.md): a sheet "Cijfers" (one
/// figure a row) and a sheet "Indicatoren" (one indicator a row), read from a grid of cells into a
/// model::Dataset. The grid comes from LibreOffice (.ods/.xlsx, through the UNO layer's reader) or
/// from the CSV reader here; this part knows nothing of file formats and nothing of UNO.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "data/YouthCareRegions.hpp"
#include "model/Dataset.hpp"

namespace raadsbrief::sheets {

/// One cell as a spreadsheet gives it: empty, text or a number.
using Cell = std::variant<std::monostate, std::string, double>;

struct Sheet {
  std::string name;                     ///< "Cijfers", "Indicatoren" (any case)
  std::string where;                    ///< how messages name it; empty: "Blad <name>"
  std::vector<std::vector<Cell>> rows;  ///< row 1 (the header) first; rows may differ in length
  /// Numbers written as text use '.' as the decimal point (a comma-separated CSV file); otherwise
  /// Dutch: ',' is the decimal point and '.' groups thousands ("1.234,5").
  bool decimalPoint = false;
};
using Workbook = std::vector<Sheet>;

/// Bounds on what a sheet may hold; checked by every reader before the cells are used (a sheet of
/// a million rows is not a policy officer's figures).
inline constexpr std::size_t kMaxRows = 20000;
inline constexpr std::size_t kMaxColumns = 32;
inline constexpr std::size_t kMaxCellBytes = 4000;
/// The most distinct source names (bronnaam, bron) one file may use: each becomes a source note.
inline constexpr std::size_t kMaxSourceNames = 20;
/// The largest spreadsheet or CSV file read (before LibreOffice or the CSV reader sees it).
inline constexpr std::size_t kMaxFileBytes = 16U * 1024U * 1024U;

/// Reads a sheet from a spreadsheet file (.ods/.xlsx): the UNO layer's reader, through
/// sources::LoadPolicy. Throws Error for a file it cannot read.
using SpreadsheetReader = std::function<Workbook(const std::filesystem::path& file)>;

/// "A".."Z", "AA".. for a 0-based column index.
[[nodiscard]] std::string columnName(std::size_t index);

/// A number as a person writes it: "12", "-3", "12,5", "1.234,5" (Dutch) or, with
/// `decimalPoint`, "12.5" (a lone comma is then a decimal comma too: "12,5"). A leading "€" and
/// a trailing "%" are allowed. nullopt when it is none.
[[nodiscard]] std::optional<double> parseNumber(std::string_view text, bool decimalPoint);

/// Parses CSV (RFC 4180: quoted fields with "" for a quote, line breaks inside quotes, CRLF or LF)
/// in UTF-8 with or without a byte-order mark. The separator is ';' when the first line has one
/// outside quotes, else ',' (then numbers use a decimal point: Sheet::decimalPoint). Every field
/// is text (empty fields are empty cells). Throws Error(Data) naming `where` and the line for
/// invalid UTF-8, an unclosed quote, text after a closing quote, and a file over the bounds.
[[nodiscard]] Sheet readCsv(std::string_view text, const std::string& sheetName, const std::string& where);

/// The figures of a workbook with the sheets "Cijfers" and "Indicatoren" (other sheets are
/// ignored). Municipalities are found by CBS code or name (also a name in common use: "Den
/// Haag") in `regions`, which also gives each its youth-care region; "Nederland"/"NL01" and a
/// youth-care region by code or name are accepted too. Every figure's source is the row's "bron",
/// else its indicator's "bronnaam", else `defaultSourceName`; each distinct source is its own
/// SourceInfo (the dataset's own, then supplements()), so every figure keeps its source note.
/// Throws Error(Data) with the first problem, naming sheet, row and column:
/// "Blad Cijfers, rij 7, kolom D (waarde): 'twaalf' is geen getal".
[[nodiscard]] model::Dataset readOwnFigures(const Workbook& book, const data::YouthCareRegions& regions,
                                            const std::string& defaultSourceName);

/// True for a file name Raadsbrief reads as own figures: .ods, .xlsx or .csv (any case).
[[nodiscard]] bool isSpreadsheetFile(const std::filesystem::path& file);
/// True for the formats LibreOffice must read: .ods and .xlsx.
[[nodiscard]] bool needsSpreadsheetReader(const std::filesystem::path& file);
/// The indicator file of a CSV file: "cijfers.csv" → "cijfers.indicatoren.csv".
[[nodiscard]] std::filesystem::path csvIndicatorFile(const std::filesystem::path& csvFile);

/// Reads own figures from a file: CSV here (with its indicator file), anything else through
/// `reader` — after checking the file like any untrusted input (a regular file within
/// kMaxFileBytes; a zip package without bombs). Without a reader, .ods/.xlsx give Error(Usage).
/// Errors name the file: "cijfers.ods: Blad Cijfers, rij 7, …".
[[nodiscard]] model::Dataset readOwnFiguresFile(const std::filesystem::path& file,
                                                const data::YouthCareRegions& regions, const SpreadsheetReader& reader);

}  // namespace raadsbrief::sheets
