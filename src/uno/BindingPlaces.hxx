#pragma once
// Where each binding of a document stands, for the refresh list people read (docs/refresh.md):
// its order in the document and a place in words ("tabel 1", "figuur 2", the start of its
// paragraph). The wording and the sorting are the core's (refresh::describe).
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/uno/Reference.hxx>

#include <vector>

#include "refresh/Refresh.hpp"

namespace raadsbrief::office {

/// One location per binding of the record (record order). A binding that is gone, or whose place
/// cannot be read, gets position -1 and no place; this never throws for a single binding.
std::vector<refresh::Location> locateBindings(const css::uno::Reference<css::text::XTextDocument>& doc,
                                              const refresh::DocumentRecord& record);

}  // namespace raadsbrief::office
