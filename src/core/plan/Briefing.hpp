#pragma once
/// What a briefing's fields become, decided without UNO: text, tables and charts as plain data.
/// The Writer side (src/uno) only applies these to a document.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "Error.hpp"
#include "fields/Field.hpp"
#include "model/Dataset.hpp"

namespace raadsbrief::plan {

/// Where the figures of one content come from: each (source, period) pair that supplied a figure
/// or a suppression to it. The source is Observation::origin (0 = Dataset::source, k =
/// supplements()[k-1]); the period an index into Dataset::periods().
struct Provenance {
  std::set<std::pair<std::uint8_t, int>> uses;
  [[nodiscard]] bool empty() const noexcept { return uses.empty(); }
};

struct TextSpec {
  std::string text;
  Provenance provenance;  ///< empty for text that holds no figure ({{gemeente}}, {{datum}}, …)
};

struct TableSpec {
  std::string title;        ///< alt-text title: "Tabel: jeugdhulp in Leiden, Holland Rijnland en Nederland, 2023"
  std::string description;  ///< alt-text description, written from the data
  std::vector<std::vector<std::string>> cells;  ///< row 0 is the header row
  std::vector<bool> numericColumns;             ///< right-aligned columns
  std::string note;                             ///< printed under the table when not empty
  std::string source;                           ///< source line under the table: "Bron: …, 2023*, opgehaald …"
  Provenance provenance;
};

struct ChartSeries {
  std::string name;
  std::vector<std::optional<double>> values;  ///< nullopt = suppressed or missing: a gap, never 0
};

struct ChartSpec {
  enum class Kind { Bar, Line };
  /// What a bar of a one-series chart with a bar per region stands for (grafiek regio), so that
  /// the municipality, the youth-care region and the country stand out among the others.
  enum class Role { Other, Municipality, YouthCareRegion, Country };
  Kind kind = Kind::Bar;
  bool horizontal = false;  ///< bars from left to right, the first category on top (many categories)
  std::vector<Role> roles;  ///< per category; empty: every series in its own colour, with a legend
  std::string title;        ///< shown above the chart and used as alt-text title
  std::string description;  ///< alt-text description, written from the data
  std::vector<std::string> categories;
  std::vector<ChartSeries> series;
  model::Unit unit = model::Unit::Percent;
  int decimals = 1;
  std::string note;    ///< printed under the chart when not empty (why a bar or point is missing)
  std::string source;  ///< source line under the chart: "Bron: …, 2019–2023*, opgehaald …"
  Provenance provenance;
};

using Content = std::variant<TextSpec, TableSpec, ChartSpec>;

/// The fixed choices of one briefing: whose figures, which period, which day.
class BriefingContext {
 public:
  /// `period`: see findBriefingPeriod. `todayIso` is "YYYY-MM-DD".
  /// Throws Error(NotFound) for an unknown municipality/period or a municipality without figures.
  BriefingContext(const model::Dataset& dataset, const std::string& municipality, const std::string& period,
                  std::string todayIso);

  [[nodiscard]] const model::Dataset& dataset() const noexcept { return *dataset_; }
  [[nodiscard]] const model::Region& municipality() const noexcept { return *municipality_; }
  [[nodiscard]] const model::Region* youthCareRegion() const noexcept { return youthCareRegion_; }
  [[nodiscard]] const model::Region& country() const noexcept { return *country_; }
  [[nodiscard]] const model::Period& period() const noexcept { return *period_; }
  [[nodiscard]] const std::string& todayIso() const noexcept { return todayIso_; }

 private:
  const model::Dataset* dataset_;
  const model::Region* municipality_;
  const model::Region* youthCareRegion_ = nullptr;
  const model::Region* country_;
  const model::Period* period_ = nullptr;
  std::string todayIso_;
};

/// The period of a briefing. `period` is "2023", "2023-H1" (also "2023h1", CBS's "2023HJ01"),
/// "latest" (the newest period with a figure of the municipality, by the date it ends; a year
/// before the half-year that ends with it) or empty (the newest year; the newest period when
/// there are no years). Throws Error(NotFound) for a period the figures do not have.
[[nodiscard]] const model::Period* findBriefingPeriod(const model::Dataset& dataset,
                                                      const std::string& municipalityCode, const std::string& period);

/// One field found in a document, with a little of the text before it (for error messages).
/// For the markers of optional parts ({{als …}}, {{einde}}) the Writer side also says where it
/// stands: which text (body, a table cell, a header: all of one part must be in one text) and
/// whether only white space separates it from the start or end of its paragraph.
struct FieldOccurrence {
  std::string text;             ///< "{{cijfer jeugdhulp}}"
  std::string before;           ///< the text just before the field, may be empty
  int textId = 0;               ///< the same number for fields in the same text (0 = the body)
  bool paragraphStart = false;  ///< nothing but white space before it in its paragraph
  bool paragraphEnd = false;    ///< nothing but white space after it in its paragraph
};

/// A figure the sources do not have, asked for by a field that is otherwise right: an indicator
/// Raadsbrief knows that is not in this source, a municipality without a youth-care region, a
/// year that is not in the figures, a figure missing for this municipality. Not a broken
/// template: an optional part around it is left out, a lone field says "niet beschikbaar"
/// (docs/template-authoring.md, "Optionele delen"). A typo is an ordinary Error(Template).
class MissingFigure : public Error {
 public:
  MissingFigure(std::string subject, std::string reason)
      : Error(ErrorKind::Template, subject + ": " + reason), subject_(std::move(subject)), reason_(std::move(reason)) {}
  /// What is missing, for "… over <subject>": "cliënttevredenheid", "de jeugdregio".
  [[nodiscard]] const std::string& subject() const noexcept { return subject_; }
  /// Why, as the end of a sentence: "dit cijfer staat niet in de bron".
  [[nodiscard]] const std::string& reason() const noexcept { return reason_; }

 private:
  std::string subject_, reason_;
};

/// Every indicator Raadsbrief knows from any source it reads (id → label), whether or not the
/// current source has it: a field naming one of these that the source lacks is a missing figure,
/// any other unknown name is a typo. A dataset's own indicators are known as well.
[[nodiscard]] const std::vector<std::pair<std::string, std::string>>& knownIndicators();

/// What a document needs from its sources, known before they are loaded (a cheap pre-pass over
/// its fields): sources::LoadPolicy::indicators and ::earliestYear.
struct FigureNeeds {
  std::set<std::string> indicators;  ///< empty: every indicator
  int earliestYear = 0;              ///< the earliest year named, 0 when none
};

/// The indicators the fields (texts with or without braces) name — every word, positional or a
/// setting's value (also each item of a list such as indicatoren=), that is a knownIndicators() id
/// — and the earliest year among the settings' values and `periods` (the memo's period, pinned
/// periods: "2019", "2019-H1"). `indicators` stays empty (every indicator) when a field cannot be
/// parsed or takes all of the source's indicators (a comparison table or chart without
/// indicatoren=), and when no field names an indicator at all.
[[nodiscard]] FigureNeeds figureNeeds(const std::vector<std::string>& fieldTexts,
                                      const std::vector<std::string>& periods);

/// Resolves one field. Throws Error(Template) or Error(NotFound) with a Dutch reason, or
/// MissingFigure for a figure the sources lack. `notes`, when given, receives a line for each
/// part of a table or chart that was left out because its figure is missing ("de rij over …").
[[nodiscard]] Content resolveField(const fields::Field& field, const BriefingContext& context,
                                   std::vector<std::string>* notes = nullptr);

/// What the Writer side does with one field of a plan.
enum class FieldAction {
  Fill,             ///< replace the field with its content (bound for refresh where it applies)
  Unavailable,      ///< a lone field whose figure is missing: its content says "niet beschikbaar"; never bound
  RemoveMarker,     ///< a marker of an optional part that is kept: remove the marker's text
  RemoveParagraph,  ///< such a marker alone in its paragraph: remove the paragraph
  Removed,          ///< inside (or a marker of) a part that is left out: see BriefingPlan::removed
};

/// An optional part that is left out: everything from the start of field `open` ({{als …}})
/// to the end of field `close` ({{einde}}). With `wholeParagraphs` (the markers begin and end
/// their paragraphs) the paragraphs themselves go, else only the text between (and a space).
struct RemovedPart {
  std::size_t open = 0, close = 0;
  bool wholeParagraphs = false;
};

/// The whole briefing, decided before the document changes.
struct BriefingPlan {
  std::vector<Content> contents;     ///< per occurrence (an empty TextSpec for markers and removed fields)
  std::vector<FieldAction> actions;  ///< per occurrence
  std::vector<RemovedPart> removed;  ///< the outermost parts left out, in document order
  /// What the reader does not get, one Dutch line each, for the user (CLI stderr, the service's
  /// summary, the dialog): "weggelaten: de alinea over cliënttevredenheid — dit cijfer staat niet
  /// in de bron", "niet beschikbaar: …".
  std::vector<std::string> omitted;
};

/// Plans a briefing: optional parts ({{als …}} … {{einde}}), every field resolved. All-or-nothing:
/// a broken template (a typo, an unknown keyword, unbalanced or crossing markers) throws one
/// Error(Template) listing every problem, as resolveFields does. Missing figures are no error:
/// they are planned away and listed in `omitted` — unless `strict`, when they are an
/// Error(Template) listing what would have been left out.
[[nodiscard]] BriefingPlan planBriefing(const std::vector<FieldOccurrence>& occurrences, const BriefingContext& context,
                                        bool strict = false);

/// Resolves every field; on any failure throws one Error(Template) listing all broken fields,
/// each with its number and place ("veld 3 ({{cijfer x}}), na \"...\": onbekende indicator \"x\"").
[[nodiscard]] std::vector<Content> resolveFields(const std::vector<FieldOccurrence>& occurrences,
                                                 const BriefingContext& context);

/// The document's title: the template's title with the municipality and period
/// ("Raadsinformatiebrief jeugdhulp – Leiden, 2023"); used in the metadata and the PDF title bar.
[[nodiscard]] std::string documentTitle(const std::string& templateTitle, const BriefingContext& context);

/// The source note for the briefing (also what `{{bron}}` becomes).
[[nodiscard]] std::string sourceNote(const BriefingContext& context);

/// The source line of a table, a chart or a footnote: "Bron: CBS StatLine, tabel 85098NED, 2022*,
/// opgehaald 25 november 2026." per source, with the periods it supplied (consecutive years as a
/// range, "2019–2023*"), "(voorbeeldcijfers)" for demo data, a cache date for stale figures and
/// "* voorlopig cijfer." when a provisional period is among them. Empty for an empty provenance.
[[nodiscard]] std::string sourceLine(const Provenance& provenance, const model::Dataset& dataset);

/// A footnote that names the source of the figures in running text. One per source, not one per
/// figure: it goes after the first of `candidates` (indices into the contents, in document
/// order) where Writer allows a footnote (not in headers, footers or frames).
struct SourceFootnote {
  std::string text;
  std::vector<std::size_t> candidates;
};

/// The caption under a table or chart: its note and its source line, in one paragraph.
[[nodiscard]] std::string captionText(const std::string& note, const std::string& source);

/// The footnotes for the figures in running text (TextSpec contents with a provenance): one per
/// source, listing every period of that source the text uses.
[[nodiscard]] std::vector<SourceFootnote> sourceFootnotes(const std::vector<Content>& contents,
                                                          const model::Dataset& dataset);

/// True when a document made with these fields must get the source note appended: demo data
/// ("Voorbeeldcijfers") or figures from a stale cache, and no `{{bron}}` field that says so.
[[nodiscard]] bool needsSourceNotice(const std::vector<FieldOccurrence>& occurrences, const model::Dataset& dataset);

}  // namespace raadsbrief::plan
