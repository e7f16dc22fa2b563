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
  /// The newest period whose figures it showed when Raadsbrief last wrote it ("2023", "2023-H1"),
  /// and CBS's status of that period then ("voorlopig", "nader voorlopig", "definitief"). Both
  /// empty in records written before Raadsbrief remembered them (and for text without figures).
  /// A refresh that finds the same period with another status or other figures says "herzien".
  std::string shownPeriod;
  std::string shownStatus;
};

/// Sets `binding.shownPeriod`/`shownStatus` from the newest period `content` uses (its
/// provenance); clears them for content without figures.
void noteShown(Binding& binding, const plan::Content& content, const model::Dataset& dataset);

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

/// The municipalities a document's figures are about (its bindings' municipalities), each once, in
/// the order of their first binding: a refresh asks the sources for these only.
[[nodiscard]] std::vector<std::string> documentMunicipalities(const DocumentRecord& record);

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
  /// What it is about, for people: the indicator's label ("jongeren met jeugdhulp"), "ontwikkeling
  /// van jongeren met jeugdhulp", "de naam van de gemeente" (see subjectOf).
  std::string subject;
  /// Why the figures changed when CBS revised them: "herzien door CBS: voorlopig → definitief",
  /// "herzien door CBS: het cijfer over 2023 is aangepast"; "nieuwe periode: 2023 → 2024" when a
  /// newer period came in; for an unchanged figure whose status changed: "nu definitief (was
  /// voorlopig)". Empty otherwise.
  std::string revision;
  /// Where it stands, for people: "\"In 2023 kreeg 12,3% van …\"" (the start of its paragraph),
  /// "tabel 1", "figuur 2" (numbered in document order). Set by the Writer side (locate()); empty
  /// when unknown or gone.
  std::string place;
  /// Its order in the document (0 first); -1 when unknown or gone. describe() sorts by it.
  int position = -1;
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

/// Where each binding stands in the document, as the Writer side finds it (one per binding, in
/// record order). `position` -1: unknown or gone.
struct Location {
  int position = -1;
  std::string place;  ///< "tabel 1", "figuur 2", or the start of the paragraph (see paragraphOpening)
};
/// Copies the locations into the plan's changes (changes[i] ↔ locations[i]; extra or missing
/// entries are ignored).
void locate(RefreshPlan& plan, const std::vector<Location>& locations);

/// The start of a paragraph as a place, in quotes: "\"In 2023 kreeg 12,3% van de jongeren …\"" —
/// at most `maxWords` words, "…" when cut; empty for an empty paragraph.
[[nodiscard]] std::string paragraphOpening(std::string_view paragraph, std::size_t maxWords = 7);
/// "tabel 1", "figuur 2": a table or chart by its number in document order (1-based).
[[nodiscard]] std::string numberedPlace(BindingKind kind, int number);

/// What a field is about, in words for people: the indicator's label in lower case (from the
/// dataset, else from the indicators Raadsbrief knows, else its id): "jongeren met jeugdhulp";
/// "jongeren met jeugdhulp in de jeugdregio", "ontwikkeling van …", "vergelijking van … met
/// Nederland", "vergelijkingstabel", "de naam van de gemeente". A field that does not parse: itself.
[[nodiscard]] std::string subjectOf(const std::string& fieldText, const model::Dataset& dataset);

/// A Dutch summary for people, one line per change that matters (sorted by place in the
/// document; gone ones last) and a closing count (CLI, message boxes). Each line says where, what,
/// old → new and why: "\"In 2023 kreeg …\" — jongeren met jeugdhulp: 12,3% → 12,4% (herzien door
/// CBS: voorlopig → definitief)", "… u heeft dit cijfer zelf aangepast; het is niet bijgewerkt".
/// Unchanged figures whose status changed are listed one by one when there are at most three with
/// the same reason, else as one line: "12 cijfers blijven gelijk (herzien door CBS: voorlopig → definitief)".
[[nodiscard]] std::vector<std::string> describe(const std::vector<Change>& changes);
/// The status as the UNO API and the summary name it: "bijgewerkt", "ongewijzigd", "handmatig", "verdwenen".
[[nodiscard]] const char* statusName(Status status);
[[nodiscard]] Status statusFromName(std::string_view name);
[[nodiscard]] const char* kindName(BindingKind kind);  ///< "tekst", "tabel", "grafiek"
[[nodiscard]] BindingKind kindFromName(std::string_view name);

}  // namespace raadsbrief::refresh
