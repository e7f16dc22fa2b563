#pragma once
// How the component loads figures: the user's sources and settings, tokens from the password
// container, the in-process memo; one policy over sources::loadFigures.
#include <com/sun/star/uno/XComponentContext.hpp>

#include <memory>
#include <string>
#include <vector>

#include "ServiceCall.hxx"
#include "model/Dataset.hpp"
#include "plan/Briefing.hpp"

namespace raadsbrief::office {

/// Forgets the datasets kept in memory between calls (after the user cleared the cache).
void forgetLoadedDatasets();

/// The Source argument as given, or — when empty — the user's configured sources (Tools ▸
/// Options ▸ Raadsbrief), which are empty (= bundled) unless the user chose some.
std::string withConfiguredSources(const css::uno::Reference<css::uno::XComponentContext>& context,
                                  const std::string& source);

/// The figures of one or more sources (one per line; the first has priority, later ones fill
/// what it lacks). Every caller passes sources the user named: the call's Source argument, the
/// configured sources, or a document's recorded sources after checkedRecordedSources.
/// `municipalities`: the memo's municipalities (LoadPolicy::municipalities: CBS is then asked for
/// their youth-care regions only); empty for the lists, which need every municipality. `needs`:
/// what the document's fields need (plan::figureNeeds; CBS then reads only those tables); empty
/// for the lists (every indicator).
std::shared_ptr<const model::Dataset> loadDataset(const css::uno::Reference<css::uno::XComponentContext>& context,
                                                  const std::string& source, const GenerationOptions& options,
                                                  std::vector<std::string> municipalities,
                                                  plan::FigureNeeds needs = {});

/// The lists a dialog offers (municipalities with their youth-care region, periods, indicators):
/// loadDataset without figures. A CBS source reads its code lists and metadata only (about 100 KB,
/// LoadPolicy::observations); every other source loads as it always does.
std::shared_ptr<const model::Dataset> loadLists(const css::uno::Reference<css::uno::XComponentContext>& context,
                                                const std::string& source, const GenerationOptions& options);

/// A document's recorded sources, when the user trusts every one of them: the bundled data, or
/// sources among the user's own (Tools ▸ Options ▸ Raadsbrief). A document can come from anyone
/// (a memo by e-mail): following its sources would send the user's token to a stranger's server
/// or read any file on this machine. Otherwise Error(Usage) naming the sources, so that the user
/// can choose them explicitly (CLI: --source; Writer: the refresh command asks).
std::string checkedRecordedSources(const css::uno::Reference<css::uno::XComponentContext>& context,
                                   const std::string& recorded);

}  // namespace raadsbrief::office
