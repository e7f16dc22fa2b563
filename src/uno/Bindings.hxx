#pragma once
// Where a document keeps what Raadsbrief put in it (docs/refresh.md): the record as the document
// property "Raadsbrief", each text binding as a bookmark, tables and charts by object name.
// Decisions (what changes, what is kept) are made in the core (src/core/refresh).
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/uno/Reference.hxx>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "refresh/Refresh.hpp"

namespace raadsbrief::office {

/// The record of a document, or nullopt when Raadsbrief never wrote into it.
std::optional<refresh::DocumentRecord> readRecord(const css::uno::Reference<css::text::XTextDocument>& doc);

/// Stores the record in the document (replacing an older one).
void writeRecord(const css::uno::Reference<css::text::XTextDocument>& doc, const refresh::DocumentRecord& record);

/// A name with this prefix ("Raadsbrief_") used neither in the record nor by any bookmark, table
/// or object of the document.
std::string freshName(const css::uno::Reference<css::text::XTextDocument>& doc, const refresh::DocumentRecord& record,
                      const std::string& prefix);

/// What each binding of the record shows now; nullopt for a binding that is gone.
std::vector<std::optional<plan::Content>> readBound(const css::uno::Reference<css::text::XTextDocument>& doc,
                                                    const refresh::DocumentRecord& record);

/// Writes the plan's new contents and record as one Undo step ("Raadsbrief: cijfers bijwerken").
/// All or nothing: on any failure — also a cancel, which `checkpoint` throws between bindings —
/// the step is undone and the exception passed on.
void applyRefresh(const css::uno::Reference<css::text::XTextDocument>& doc, const refresh::RefreshPlan& plan,
                  const std::function<void()>& checkpoint = {});

}  // namespace raadsbrief::office
