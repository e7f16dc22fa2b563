#pragma once
// Tools ▸ Options ▸ Raadsbrief ▸ Bronnen en opties: the event handler of the page
// (extension/dialogs/Options.xdl, registered in extension/registration/OptionsDialog.xcu).
// The options dialog calls "external_event" with "initialize" (fill the page), "ok" (store) and
// "back" (undo the edits); the page's buttons call the other methods by name. Settings go to the
// configuration (Settings.hxx); tokens only to LibreOffice's password container.
#include <com/sun/star/awt/XContainerWindowEventHandler.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase2.hxx>

#include <map>
#include <optional>
#include <string>

namespace raadsbrief::office {

inline constexpr const char* kOptionsPageImplementation = "nl.raadsbrief.comp.OptionsPage";
inline constexpr const char* kOptionsPageService = "nl.raadsbrief.OptionsPage";
/// The user name under which endpoint tokens are kept in the password container.
inline constexpr const char* kTokenUser = "raadsbrief";

class OptionsPage final
    : public cppu::WeakImplHelper2<css::awt::XContainerWindowEventHandler, css::lang::XServiceInfo> {
 public:
  explicit OptionsPage(css::uno::Reference<css::uno::XComponentContext> context);

  // XContainerWindowEventHandler. Never throws: a failure is shown on the page (or, for "ok",
  // in a message box) and the method counts as handled.
  sal_Bool SAL_CALL callHandlerMethod(const css::uno::Reference<css::awt::XWindow>& window, const css::uno::Any& event,
                                      const rtl::OUString& method) override;
  css::uno::Sequence<rtl::OUString> SAL_CALL getSupportedMethodNames() override;

  // XServiceInfo
  rtl::OUString SAL_CALL getImplementationName() override;
  sal_Bool SAL_CALL supportsService(const rtl::OUString& name) override;
  css::uno::Sequence<rtl::OUString> SAL_CALL getSupportedServiceNames() override;

 private:
  using Controls = css::uno::Reference<css::awt::XControlContainer>;
  void load(const Controls& controls);
  void save(const Controls& controls, const css::uno::Reference<css::awt::XWindow>& window);
  void addSource(const Controls& controls);
  void removeSource(const Controls& controls);
  void moveSource(const Controls& controls, int delta);
  void sourceSelected(const Controls& controls);
  void forgetToken(const Controls& controls);
  void testConnection(const Controls& controls, const css::uno::Reference<css::awt::XWindow>& window);
  void clearCache(const Controls& controls);
  /// Moves a token typed into the Token field to the pending tokens of the source it belongs to.
  void keepTypedToken(const Controls& controls);
  void showTokenStatus(const Controls& controls);

  css::uno::Reference<css::uno::XComponentContext> m_xContext;
  /// Tokens to store (a value) or forget (none) on OK, by endpoint base URL. Never shown again.
  std::map<std::string, std::optional<std::string>> m_pendingTokens;
  std::string m_tokenSource;  ///< the endpoint the Token field belongs to ("" = none)
};

}  // namespace raadsbrief::office
