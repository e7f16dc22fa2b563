#include "SourceSwitch.hxx"

#include <com/sun/star/document/XUndoAction.hpp>
#include <com/sun/star/document/XUndoManager.hpp>
#include <com/sun/star/document/XUndoManagerSupplier.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <cppuhelper/implbase1.hxx>

#include <optional>
#include <string>

#include "Bindings.hxx"
#include "BriefingGenerator.hxx"
#include "Convert.hxx"
#include "Settings.hxx"
#include "settings/Settings.hpp"
#include "sources/Loader.hpp"

namespace raadsbrief::office {
namespace {

constexpr const char* kSwitchTitle = "Raadsbrief: overschakelen naar mijn bronnen";

/// The document's record (a document property, outside Writer's Undo) before and after the
/// switch: undo and redo put the matching one back, so that text and record never disagree.
class RecordUndo final : public cppu::WeakImplHelper1<css::document::XUndoAction> {
 public:
  RecordUndo(Reference<css::text::XTextDocument> doc, std::optional<refresh::DocumentRecord> before,
             std::optional<refresh::DocumentRecord> after)
      : m_doc(std::move(doc)), m_before(std::move(before)), m_after(std::move(after)) {}
  OUString SAL_CALL getTitle() override { return OUString::createFromAscii(kSwitchTitle); }
  void SAL_CALL undo() override { put(m_before); }
  void SAL_CALL redo() override { put(m_after); }

 private:
  void put(const std::optional<refresh::DocumentRecord>& record) {
    if (record) writeRecord(m_doc, *record);
  }
  Reference<css::text::XTextDocument> m_doc;
  std::optional<refresh::DocumentRecord> m_before, m_after;
};

}  // namespace

OUString checkedSourcesLine(const OUString& sources) {
  std::string names;
  try {
    const auto list = sources::SourceList::parse(toUtf8(sources));
    for (const auto& spec : list.specs()) names += (names.empty() ? "" : "; ") + sources::displayName(spec);
  } catch (...) {
    names = toUtf8(sources);  // unparsable: as written
  }
  return toOU("Gecontroleerd bij: " + names);
}

OUString mySources(const Reference<css::uno::XComponentContext>& context) {
  const std::string configured = settings::sourceArgument(readSettings(context));
  return configured.empty() ? OUString("bundled") : toOU(configured);
}

bool differsFromMySources(const Reference<css::uno::XComponentContext>& context, const OUString& recorded) {
  try {
    const auto mine = sources::SourceList::of(readSettings(context).sources);
    const auto theirs = sources::SourceList::parse(toUtf8(recorded));
    return !mine.notAmong(theirs).empty() || !theirs.notAmong(mine).empty();
  } catch (...) {
    return true;  // an unreadable record: switching is what helps
  }
}

Sequence<nl::raadsbrief::RefreshChange> switchToMySources(const Reference<css::uno::XComponentContext>& context,
                                                          const rtl::Reference<BriefingGenerator>& service,
                                                          const Reference<css::lang::XComponent>& document) {
  const Reference<css::text::XTextDocument> doc(document, UNO_QUERY_THROW);
  Reference<css::document::XUndoManager> undo =
      Reference<css::document::XUndoManagerSupplier>(doc, UNO_QUERY_THROW)->getUndoManager();
  const auto before = readRecord(doc);
  undo->enterUndoContext(OUString::createFromAscii(kSwitchTitle));
  Sequence<nl::raadsbrief::RefreshChange> changes;
  try {
    changes = service->refreshDocument(document, mySources(context), {}, true);
    undo->addUndoAction(new RecordUndo(doc, before, readRecord(doc)));
  } catch (...) {
    undo->leaveUndoContext();
    try {  // the refresh undid its own changes; undo whatever of the switch is left
      if (undo->isUndoPossible() && undo->getCurrentUndoActionTitle() == OUString::createFromAscii(kSwitchTitle))
        undo->undo();
      if (before) writeRecord(doc, *before);
    } catch (...) {
    }
    throw;
  }
  undo->leaveUndoContext();
  return changes;
}

}  // namespace raadsbrief::office
