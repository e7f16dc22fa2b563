#pragma once
/// Refreshing a briefing: what Raadsbrief put into a document stays bound to what it shows, so
/// that new figures can replace old ones without touching the text people wrote around them.
///
/// UNO-free. The Writer side keeps each binding as a bookmark (text) or a named table/chart, and
/// this record as one document property (docs/refresh.md). Here: the record, fingerprints that
/// tell an untouched figure from one overtyped by hand, and the plan of a refresh (old → new).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fields/Field.hpp"
#include "model/Dataset.hpp"
#include "plan/Briefing.hpp"
#include "refresh/DocumentNames.hpp"

namespace raadsbrief::refresh {

enum class BindingKind { Text, Table, Chart };

/// The name prefix of a new binding of this kind (DocumentNames.hpp).
[[nodiscard]] constexpr const char* bindingPrefix(BindingKind kind) {
  return kind == BindingKind::Table   ? kTableBindingPrefix
         : kind == BindingKind::Chart ? kChartBindingPrefix
                                      : kTextBindingPrefix;
}

/// One thing Raadsbrief wrote into the document and can write again.
struct Binding {
  std::string id;  ///< bookmark / table / chart object name ("Raadsbrief_3")
  BindingKind kind = BindingKind::Text;
  std::string field;                ///< the field it came from: "{{cijfer jeugdhulp}}"
  std::string municipality;         ///< CBS code: "GM0546"
  std::string period;               ///< a pinned year ("2022"), or empty: the newest period at each refresh
  std::string fingerprint;          ///< of what Raadsbrief last wrote (see fingerprint())
  std::string previousFingerprint;  ///< of what it wrote before that (an undone refresh is not "hand-edited")
};

/// Everything Raadsbrief knows about a document it made or refreshed.
struct DocumentRecord {
  std::string source;         ///< the sources, one per line, as given to generate (empty = bundled)
  std::string created;        ///< "YYYY-MM-DD"
  std::string refreshed;      ///< "YYYY-MM-DD" of the last refresh, empty if never
  std::string refreshedFrom;  ///< the source note of the last refresh ("Bron: …")
  std::vector<Binding> bindings;

  [[nodiscard]] const Binding* find(std::string_view id) const;
  /// A fresh id with this prefix ("Raadsbrief_" → "Raadsbrief_7") not used in the record.
  [[nodiscard]] std::string newId(std::string_view prefix) const;
};

[[nodiscard]] std::string toJson(const DocumentRecord& record);
/// Throws Error(Data) with a Dutch message when the property was damaged (e.g. edited by hand).
[[nodiscard]] DocumentRecord parseRecord(std::string_view json);

/// A short stable hash of what a content shows (text; table cells; chart categories, series and
/// values). Equal content, equal fingerprint; any visible change, a different one.
[[nodiscard]] std::string fingerprint(const plan::Content& content);

/// Whether what a binding shows now is what Raadsbrief wrote there (at the last refresh, or before
/// it when that refresh was undone). False: the user changed it.
[[nodiscard]] bool showsWhatWasWritten(const Binding& binding, const plan::Content& shown);

/// A bookmark moved by a Word round trip: LibreOffice 7.4's DOCX import ends each bookmark that
/// follows a footnote in its paragraph one character early (again at each round trip). The
/// ranges to try instead, nearest first: characters to move the start and the end by (negative =
/// to the left). Three round trips are recognised.
struct BookmarkShift {
  int start = 0;
  int end = 0;
};
[[nodiscard]] const std::vector<BookmarkShift>& bookmarkShifts();

/// Of the texts a text binding's bookmark would show when shifted by bookmarkShifts() (same order;
/// an empty optional where that shift is impossible), the index of the nearest one that shows
/// what was written: the bookmark slipped and is repaired, not a hand edit. nullopt: none does.
[[nodiscard]] std::optional<std::size_t> repairedShift(const Binding& binding,
                                                       const std::vector<std::optional<std::string>>& shifted);

/// Whether a field stays bound after generation. `{{datum}}` (the letter's date) is not:
/// refreshing figures must not re-date a letter.
[[nodiscard]] bool isBound(const fields::Field& field);

/// The kind of binding a content needs.
[[nodiscard]] BindingKind kindOf(const plan::Content& content);

enum class Status {
  Unchanged,   ///< the new figures show the same
  Updated,     ///< will be / was replaced
  KeptByUser,  ///< edited by hand since Raadsbrief wrote it: left as the user wrote it
  Missing,     ///< no longer in the document (deleted, or lost in a format without bookmarks)
};

/// One line of the summary shown before applying.
struct Change {
  std::string id;
  BindingKind kind = BindingKind::Text;
  std::string field;
  Status status = Status::Unchanged;
  std::string before;                ///< what the document shows now (text), or a short description
  std::string after;                 ///< what it will show
  bool wordingChanged = false;       ///< a phrase whose words flip ("gestegen" → "gedaald"), not only its numbers
  std::vector<std::string> details;  ///< cell/point changes of a table or chart: "Leiden, 2023: 12,3% → 12,5%"
};

struct RefreshPlan {
  std::vector<Change> changes;  ///< one per binding, in record order
  /// Per binding: the content to write (only for Status::Updated).
  std::vector<std::optional<plan::Content>> contents;
  /// Per binding: the caption (note + source line) a table or chart gets with the new figures;
  /// empty for text and for bindings left alone (hand-edited or gone).
  std::vector<std::string> captions;
  /// The texts of the source footnotes for the figures in running text, in the order generation
  /// numbered them (see plan::sourceFootnotes).
  std::vector<std::string> footnotes;
  DocumentRecord record;  ///< the record after applying (new fingerprints, refresh date)
  [[nodiscard]] std::size_t count(Status status) const;
};

/// Plans a refresh. `current[i]` is what the document shows now for `record.bindings[i]`
/// (nullopt: the binding is gone). Resolves every binding before deciding anything: if any
/// cannot be resolved with the new figures, throws one Error listing all of them and the
/// document must not be changed.
[[nodiscard]] RefreshPlan planRefresh(const DocumentRecord& record,
                                      const std::vector<std::optional<plan::Content>>& current,
                                      const model::Dataset& dataset, const std::string& todayIso);

/// A Dutch summary, one line per change that matters and a closing count (CLI, message boxes).
[[nodiscard]] std::vector<std::string> describe(const std::vector<Change>& changes);
/// The status as the UNO API and the summary name it: "bijgewerkt", "ongewijzigd", "handmatig", "verdwenen".
[[nodiscard]] const char* statusName(Status status);
[[nodiscard]] Status statusFromName(std::string_view name);
[[nodiscard]] const char* kindName(BindingKind kind);  ///< "tekst", "tabel", "grafiek"
[[nodiscard]] BindingKind kindFromName(std::string_view name);

}  // namespace raadsbrief::refresh
