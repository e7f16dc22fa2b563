#pragma once
/// A check of a user's own template file before LibreOffice opens it. LibreOffice opens almost
/// anything (a text file, an image, an empty file) as a new Writer document without complaint;
/// a briefing made from that would be written out as if all went well. Only an ODF text
/// document or template is a template.
#include <filesystem>
#include <string_view>

namespace raadsbrief::fields {

/// True when `head` (the first bytes of a file, 100 are enough) starts an ODF package of a text
/// document or text template: a zip whose first entry is the uncompressed `mimetype` naming
/// application/vnd.oasis.opendocument.text or …text-template (ODF 1.3 part 2, 3.3).
[[nodiscard]] bool looksLikeOdfText(std::string_view head);

/// Throws Error(NotFound) when `path` cannot be read and Error(Template), with a Dutch message
/// naming the file, when it is not an ODF text document or template.
void checkTemplateFile(const std::filesystem::path& path);

}  // namespace raadsbrief::fields
