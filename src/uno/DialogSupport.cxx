#include "DialogSupport.hxx"

#include <com/sun/star/awt/DialogProvider2.hpp>
#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/MessageBoxResults.hpp>
#include <com/sun/star/awt/MessageBoxType.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XMessageBox.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/lang/XComponent.hpp>

#include <osl/process.h>

#include <cstdlib>
#include <string_view>

#include "BriefingGenerator.hxx"
#include "Convert.hxx"
#include "text/Search.hpp"

namespace raadsbrief::office {

Reference<css::awt::XDialog> loadDialog(const Reference<css::uno::XComponentContext>& context, const char* name) {
  Reference<css::awt::XDialogProvider2> provider = css::awt::DialogProvider2::create(context);
  return provider->createDialog("vnd.sun.star.extension://" + OUString::createFromAscii(kExtensionId) + "/dialogs/" +
                                OUString::createFromAscii(name) + ".xdl");
}

void disposeQuietly(const Reference<css::uno::XInterface>& component) noexcept {
  try {
    Reference<css::lang::XComponent> disposable(component, UNO_QUERY);
    if (disposable.is()) disposable->dispose();
  } catch (...) {
    // Already disposed, or the office is going down: nothing left to free.
  }
}

bool officeIsHeadless() noexcept {
  if (const char* plugin = std::getenv("SAL_USE_VCLPLUGIN"); plugin && std::string_view(plugin) == "svp") return true;
  for (sal_uInt32 i = 0; i < osl_getCommandArgCount(); ++i) {
    OUString arg;
    osl_getCommandArg(i, &arg.pData);
    if (arg == "--headless" || arg == "-headless") return true;
  }
  return false;
}

void ChangeListener::call() noexcept {
  try {
    m_onChange();
  } catch (...) {
  }
}

MunicipalityPicker::MunicipalityPicker(const Reference<css::awt::XDialog>& dialog, const char* searchField,
                                       const char* list, const css::uno::Sequence<OUString>& rows,
                                       std::function<void()> onChange)
    : m_search(control<css::awt::XTextComponent>(dialog, searchField)),
      m_list(control<css::awt::XListBox>(dialog, list)),
      m_onChange(std::move(onChange)) {
  for (const auto& row : rows) {
    const sal_Int32 tab1 = row.indexOf('\t');
    const sal_Int32 tab2 = row.indexOf('\t', tab1 + 1);
    if (tab1 < 0 || tab2 < 0) continue;
    const OUString code = row.copy(0, tab1), name = row.copy(tab1 + 1, tab2 - tab1 - 1), region = row.copy(tab2 + 1);
    m_rows.push_back({code, name + " (" + code + ")" + (region.isEmpty() ? OUString() : toOU(" \u2013 ") + region),
                      name, toUtf8(name), toUtf8(code)});
  }
  m_search->addTextListener(new ChangeListener([this] { filter(); }));
  m_list->addItemListener(new ChangeListener([this] { m_onChange(); }));
  filter();
}

void MunicipalityPicker::filter() {
  const OUString before = selectedCode();
  const std::string query = toUtf8(m_search->getText());
  m_list->removeItems(0, m_list->getItemCount());
  m_shown.clear();
  css::uno::Sequence<OUString> labels;
  std::vector<OUString> items;
  for (std::size_t i = 0; i < m_rows.size(); ++i)
    if (text::matchesSearch(query, m_rows[i].name, m_rows[i].codeUtf8)) {
      m_shown.push_back(i);
      items.push_back(m_rows[i].label);
    }
  m_list->addItems(css::uno::Sequence<OUString>(items.data(), static_cast<sal_Int32>(items.size())), 0);
  if (!before.isEmpty()) select(before);
  if (m_list->getSelectedItemPos() < 0 && !m_shown.empty()) m_list->selectItemPos(0, true);
  m_onChange();
}

void MunicipalityPicker::select(const OUString& code) {
  if (code.isEmpty()) {
    const sal_Int16 pos = m_list->getSelectedItemPos();
    if (pos >= 0) m_list->selectItemPos(pos, false);
    m_onChange();
    return;
  }
  for (std::size_t i = 0; i < m_shown.size(); ++i)
    if (m_rows[m_shown[i]].code.equalsIgnoreAsciiCase(code)) {
      m_list->selectItemPos(static_cast<sal_Int16>(i), true);
      m_list->makeVisible(static_cast<sal_Int16>(i));
      return;
    }
}

OUString MunicipalityPicker::selectedCode() const {
  const sal_Int16 pos = m_list->getSelectedItemPos();
  if (pos < 0 || static_cast<std::size_t>(pos) >= m_shown.size()) return {};
  return m_rows[m_shown[static_cast<std::size_t>(pos)]].code;
}

OUString MunicipalityPicker::selectedName() const {
  const sal_Int16 pos = m_list->getSelectedItemPos();
  if (pos < 0 || static_cast<std::size_t>(pos) >= m_shown.size()) return {};
  return m_rows[m_shown[static_cast<std::size_t>(pos)]].displayName;
}

bool showMessage(const Reference<css::uno::XComponentContext>& context, const Reference<css::frame::XFrame>& frame,
                 MessageKind kind, const OUString& text) {
  try {
    if (!frame.is()) return false;
    Reference<css::awt::XWindowPeer> parent(frame->getContainerWindow(), UNO_QUERY);
    if (!parent.is()) return false;
    Reference<css::awt::XMessageBoxFactory> factory(css::awt::Toolkit::create(context), UNO_QUERY_THROW);
    const auto type = kind == MessageKind::Error      ? css::awt::MessageBoxType_ERRORBOX
                      : kind == MessageKind::Question ? css::awt::MessageBoxType_QUERYBOX
                                                      : css::awt::MessageBoxType_INFOBOX;
    const sal_Int32 buttons = kind == MessageKind::Question ? css::awt::MessageBoxButtons::BUTTONS_OK_CANCEL
                                                            : css::awt::MessageBoxButtons::BUTTONS_OK;
    Reference<css::awt::XMessageBox> box = factory->createMessageBox(parent, type, buttons, "Raadsbrief", text);
    sal_Int16 answer = css::awt::MessageBoxResults::CANCEL;
    try {
      answer = box->execute();
    } catch (...) {
      disposeQuietly(box);
      throw;
    }
    disposeQuietly(box);
    return answer == css::awt::MessageBoxResults::OK || answer == css::awt::MessageBoxResults::YES;
  } catch (...) {
    return false;  // showing failed too; inside the office, swallowing is the only safe choice
  }
}

}  // namespace raadsbrief::office
