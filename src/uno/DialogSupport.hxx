#pragma once
// Small helpers for the extension's dialogs (extension/dialogs/*.xdl): loading a dialog, getting its
// controls, listening to them safely, the municipality search, message boxes.
#include <com/sun/star/awt/XActionListener.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XDialog.hpp>
#include <com/sun/star/awt/XItemListener.hpp>
#include <com/sun/star/awt/XListBox.hpp>
#include <com/sun/star/awt/XTextComponent.hpp>
#include <com/sun/star/awt/XTextListener.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase3.hxx>

#include <functional>
#include <string>
#include <vector>

namespace raadsbrief::office {

/// A dialog of the extension by file name ("NewBriefing" → dialogs/NewBriefing.xdl). The caller
/// owns it and must dispose it: use ScopedDialog.
css::uno::Reference<css::awt::XDialog> loadDialog(const css::uno::Reference<css::uno::XComponentContext>& context,
                                                  const char* name);

/// Disposes a UNO component (a dialog, a message box) when it is one; never throws.
void disposeQuietly(const css::uno::Reference<css::uno::XInterface>& component) noexcept;

/// A dialog of the extension that is disposed when the scope ends, also when an exception leaves
/// it. DialogProvider's dialogs (their controls, peers and the listeners on them) live until
/// dispose() is called: without it every command would leave a dialog behind.
class ScopedDialog {
 public:
  ScopedDialog(const css::uno::Reference<css::uno::XComponentContext>& context, const char* name)
      : m_dialog(loadDialog(context, name)) {}
  ScopedDialog(const ScopedDialog&) = delete;
  ScopedDialog& operator=(const ScopedDialog&) = delete;
  ~ScopedDialog() { disposeQuietly(m_dialog); }
  [[nodiscard]] const css::uno::Reference<css::awt::XDialog>& get() const { return m_dialog; }
  operator const css::uno::Reference<css::awt::XDialog>&() const { return m_dialog; }  // NOLINT: used as the dialog
  css::awt::XDialog* operator->() const { return m_dialog.get(); }

 private:
  css::uno::Reference<css::awt::XDialog> m_dialog;
};

/// A control of a dialog by name, as interface T; throws when it is missing.
template <class T>
css::uno::Reference<T> control(const css::uno::Reference<css::awt::XDialog>& dialog, const char* name) {
  css::uno::Reference<css::awt::XControlContainer> controls(dialog, css::uno::UNO_QUERY_THROW);
  return css::uno::Reference<T>(controls->getControl(rtl::OUString::createFromAscii(name)), css::uno::UNO_QUERY_THROW);
}

/// Calls a function when a list selection, a text or a button changes; never lets an exception
/// through into the office (a failing handler is silently ignored: the dialog stays usable).
class ChangeListener final
    : public cppu::WeakImplHelper3<css::awt::XItemListener, css::awt::XTextListener, css::awt::XActionListener> {
 public:
  explicit ChangeListener(std::function<void()> onChange) : m_onChange(std::move(onChange)) {}
  void SAL_CALL itemStateChanged(const css::awt::ItemEvent&) override { call(); }
  void SAL_CALL textChanged(const css::awt::TextEvent&) override { call(); }
  void SAL_CALL actionPerformed(const css::awt::ActionEvent&) override { call(); }
  void SAL_CALL disposing(const css::lang::EventObject&) override {}

 private:
  void call() noexcept;
  std::function<void()> m_onChange;
};

/// The municipality picker: a search field over a list of "Leiden (GM0546) – Holland Rijnland".
/// Searches name and CBS code, any case, without accents (text::matchesSearch).
class MunicipalityPicker {
 public:
  /// `rows` as BriefingGenerator::listMunicipalities gives them: "GM0546\tLeiden\tHolland Rijnland".
  MunicipalityPicker(const css::uno::Reference<css::awt::XDialog>& dialog, const char* searchField, const char* list,
                     const css::uno::Sequence<rtl::OUString>& rows, std::function<void()> onChange);
  /// Selects the municipality with this CBS code; an empty code selects none (the user picks).
  void select(const rtl::OUString& code);
  /// The CBS code of the selected municipality, or empty.
  [[nodiscard]] rtl::OUString selectedCode() const;
  /// The name of the selected municipality ("Katwijk"), or empty.
  [[nodiscard]] rtl::OUString selectedName() const;

 private:
  void filter();
  struct Row {
    rtl::OUString code, label, displayName;
    std::string name, codeUtf8;
  };
  css::uno::Reference<css::awt::XTextComponent> m_search;
  css::uno::Reference<css::awt::XListBox> m_list;
  std::vector<Row> m_rows;
  std::vector<std::size_t> m_shown;  ///< indices into m_rows of the listed entries
  std::function<void()> m_onChange;
};

/// True when soffice runs without a user interface (--headless, or the headless VCL plugin):
/// no dialog can be shown, and no other thread may wait for the main loop.
[[nodiscard]] bool officeIsHeadless() noexcept;

enum class MessageKind { Info, Error, Question };

/// Shows a message box over the frame's window; true when the user chose OK/Yes. Headless or on
/// any failure nothing is shown and the answer is false (cancel).
bool showMessage(const css::uno::Reference<css::uno::XComponentContext>& context,
                 const css::uno::Reference<css::frame::XFrame>& frame, MessageKind kind, const rtl::OUString& text);

}  // namespace raadsbrief::office
