#pragma once
// Switching a document to the user's own sources (Tools ▸ Options ▸ Raadsbrief): a memo made from
// the demo figures keeps saying "Voorbeeldcijfers" until it is switched. The refresh dialog names
// the sources it checked and offers the switch; the switch refreshes from the user's sources and
// records them, as one Undo step that also restores the document's record.
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <nl/raadsbrief/RefreshChange.hpp>
#include <rtl/ref.hxx>
#include <rtl/ustring.hxx>

namespace raadsbrief::office {

class BriefingGenerator;

/// "Gecontroleerd bij: de meegeleverde voorbeeldcijfers" — the sources (one per line, "" = the
/// bundled data) a refresh checks, as a user reads them.
[[nodiscard]] rtl::OUString checkedSourcesLine(const rtl::OUString& sources);

/// The user's own sources as a Source argument: the configured ones, or "bundled" when none.
[[nodiscard]] rtl::OUString mySources(const css::uno::Reference<css::uno::XComponentContext>& context);

/// True when the document's sources (`recorded`, one per line) are not the user's own.
[[nodiscard]] bool differsFromMySources(const css::uno::Reference<css::uno::XComponentContext>& context,
                                        const rtl::OUString& recorded);

/// Refreshes `document` from the user's own sources and records them as its sources, as one
/// Undo step ("Raadsbrief: overschakelen naar mijn bronnen") that restores the text, the tables
/// and the document's record. On failure nothing is changed. Throws what the refresh throws.
css::uno::Sequence<nl::raadsbrief::RefreshChange> switchToMySources(
    const css::uno::Reference<css::uno::XComponentContext>& context, const rtl::Reference<BriefingGenerator>& service,
    const css::uno::Reference<css::lang::XComponent>& document);

}  // namespace raadsbrief::office
