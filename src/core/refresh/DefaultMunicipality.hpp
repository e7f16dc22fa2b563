#pragma once
/// Which municipality a dialog (Nieuwe briefing, Cijfer invoegen) starts with. Never a fixed one:
/// the document's own, else the one the user chose last time, else none (the user picks).
#include <functional>
#include <string>
#include <string_view>

#include "refresh/Refresh.hpp"

namespace raadsbrief::refresh {

/// The municipality a document is about: the one most of its bound figures are for (the first
/// of equals in document order), or "" when it has none.
[[nodiscard]] std::string documentMunicipality(const DocumentRecord& record);

/// The CBS code a dialog preselects: the document's municipality (`record` may be null), else
/// `lastChosen`, else "". A code `known` rejects (not in the current figures) is passed over.
[[nodiscard]] std::string defaultMunicipality(const DocumentRecord* record, std::string_view lastChosen,
                                              const std::function<bool(const std::string&)>& known);

}  // namespace raadsbrief::refresh
