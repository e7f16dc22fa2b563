#pragma once
/// Every name Raadsbrief gives to something inside a Writer document, in one place: the document
/// property with the record, the bookmarks around bound text, the object names of bound tables and
/// charts, the bookmarks around captions and source footnotes, and the paragraph style of source
/// lines. A document written by one version must refresh with the next: these names are a file
/// format (docs/refresh.md) — change them only with a migration.
#include <string>
#include <string_view>

namespace raadsbrief::refresh {

/// The document property that holds the record (JSON).
inline constexpr const char* kRecordProperty = "Raadsbrief";

/// Prefixes of bound things, numbered on ("Raadsbrief_3", "Raadsbrief_tabel_1", "Raadsbrief_grafiek_2").
inline constexpr const char* kTextBindingPrefix = "Raadsbrief_";
inline constexpr const char* kTableBindingPrefix = "Raadsbrief_tabel_";
inline constexpr const char* kChartBindingPrefix = "Raadsbrief_grafiek_";

/// Tables and charts that are not bound (a template without a refresh record): "Tabel_Raadsbrief_1".
inline constexpr const char* kUnboundTablePrefix = "Tabel_Raadsbrief_";
inline constexpr const char* kUnboundChartPrefix = "Grafiek_Raadsbrief_";

/// The bookmark around the caption of a table or chart: "Raadsbrief_tabel_1_bron".
inline std::string captionName(const std::string& object) { return object + "_bron"; }
/// The bookmark around the text of the k-th source footnote (1-based): "Raadsbrief_voetnoot_1".
inline std::string footnoteName(int k) { return "Raadsbrief_voetnoot_" + std::to_string(k); }

/// The paragraph style of captions and source lines, as templates name it (display name first,
/// then the programmatic name an ODF file may carry).
inline constexpr std::string_view kSourceLineStyles[] = {"Raadsbrief Bronregel", "Raadsbrief_Bronregel"};

}  // namespace raadsbrief::refresh
