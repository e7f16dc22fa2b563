#pragma once
// Storing a made or refreshed document: the filter an output's extension asks for, and the
// atomic store beside the target (OutputFile.hxx keeps the replaced file's identity).
#include <com/sun/star/lang/XComponent.hpp>

#include <filesystem>
#include <string>

#include "ServiceCall.hxx"

namespace raadsbrief::office {

/// The export filter of an output file by its extension (.odt, .pdf, .docx); Error(Usage) otherwise.
std::string filterFor(const std::filesystem::path& output);

/// Stores to a temporary name beside the target and renames: the target is complete or untouched.
/// The replaced file's identity is kept where it can be (OutputFile.hxx): a symlink is written
/// through, the mode (and, for root, the owner) stays, a read-only file is refused unless forced.
void storeAtomically(const css::uno::Reference<css::lang::XComponent>& component, const std::filesystem::path& output,
                     const GenerationOptions& options);

}  // namespace raadsbrief::office
