#pragma once
/// A check of a user's own template file before LibreOffice opens it. LibreOffice opens almost
/// anything (a text file, an image, an empty file) as a new Writer document without complaint;
/// a briefing made from that would be written out as if all went well. Only an ODF text
/// document or template is a template.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace raadsbrief::fields {

/// True when `head` (the first bytes of a file, 100 are enough) starts an ODF package of a text
/// document or text template: a zip whose first entry is the uncompressed `mimetype` naming
/// application/vnd.oasis.opendocument.text or …text-template (ODF 1.3 part 2, 3.3).
[[nodiscard]] bool looksLikeOdfText(std::string_view head);

/// Throws Error(NotFound) when `path` cannot be read and Error(Template), with a Dutch message
/// naming the file, when it is not an ODF text document or template.
void checkTemplateFile(const std::filesystem::path& path);

/// The fields ("{{…}}") of an ODF text document or template, read from its content.xml and
/// styles.xml (headers, footers) without LibreOffice: the markup is dropped (a field may span
/// several spans), entities decoded, paragraphs kept apart. A cheap pre-pass to know what a
/// document needs before its figures are loaded; nullopt when the file cannot be read as such a
/// package (then the caller loads every figure). Each part is read up to 64 MB.
[[nodiscard]] std::optional<std::vector<std::string>> templateFieldTexts(const std::filesystem::path& path);

/// The text of ODF XML as templateFieldTexts reads it: elements dropped (a paragraph or line
/// break becomes a new line, text:s and text:tab a space), the five XML entities and numeric
/// character references decoded.
[[nodiscard]] std::string odfPlainText(std::string_view xml);

}  // namespace raadsbrief::fields
