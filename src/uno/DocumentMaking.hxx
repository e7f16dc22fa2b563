#pragma once
// Making documents: a template (shipped, or the user's own, checked first) loaded and every field
// filled and bound for refresh; also an open document made from a template in File ▸ New ▸
// Templates, filled in place.
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "ServiceCall.hxx"

namespace raadsbrief::office {

/// The user-defined document property that marks a Raadsbrief template (set in templates/*/meta.xml,
/// removed once the fields are filled). A document made from one in File ▸ New ▸ Templates keeps it.
inline constexpr const char* kTemplateMarker = "RaadsbriefSjabloon";

/// True while this office process loads and fills a template itself (createDocument, generate):
/// the template job (TemplateJob.hxx) then leaves the new document alone.
[[nodiscard]] bool makingDocument() noexcept;

/// True when `document` is a text document made from a Raadsbrief template whose fields are not
/// filled yet: it carries kTemplateMarker and still has a "{{" field. Never throws.
[[nodiscard]] bool isUnfilledTemplateDocument(const css::uno::Reference<css::lang::XComponent>& document) noexcept;

/// The names of the shipped templates, sorted.
std::vector<std::string> templateNames(const css::uno::Reference<css::uno::XComponentContext>& context);

/// Loads the template and fills it; returns the new document (owned by the caller). `omitted`
/// receives what was left out because the sources lack its figures (one Dutch line each).
css::uno::Reference<css::lang::XComponent> makeDocument(const css::uno::Reference<css::uno::XComponentContext>& context,
                                                        const std::string& templateName,
                                                        const std::string& municipality, const std::string& period,
                                                        const std::string& requestedSource,
                                                        const GenerationOptions& options, bool hidden,
                                                        std::vector<std::string>& omitted);

/// Checks an output before any work: a known format, not a folder.
void checkOutputPath(const std::filesystem::path& output);

/// generate(): makes the document, stores `options.extraOutputs` and then `output` (each
/// atomically) and returns the summary: what was written, what was left out, warnings about the
/// sources.
std::string makeFiles(const css::uno::Reference<css::uno::XComponentContext>& context, const std::string& templateName,
                      const std::string& municipality, const std::string& period, const std::string& source,
                      const std::filesystem::path& output, const GenerationOptions& options);

/// Fills, in place, an open document made from a Raadsbrief template (see
/// BriefingGenerator::fillDocument); returns what was left out, one Dutch line each.
std::vector<std::string> fillTemplateDocument(const css::uno::Reference<css::uno::XComponentContext>& context,
                                              const css::uno::Reference<css::lang::XComponent>& document,
                                              const std::string& municipality, const std::string& period,
                                              const std::string& requestedSource, const GenerationOptions& options);

}  // namespace raadsbrief::office
