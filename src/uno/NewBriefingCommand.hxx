#pragma once
// The Writer menu command vnd.raadsbrief:NewBriefing: asks for a municipality, period and
// template in a small dialog and opens the new briefing. The full UI is a later issue.
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase4.hxx>

#include <utility>

namespace raadsbrief::office {

inline constexpr const char* kHandlerImplementation = "nl.raadsbrief.comp.ProtocolHandler";
inline constexpr const char* kProtocol = "vnd.raadsbrief:";

class ProtocolHandler final
    : public cppu::WeakImplHelper4<css::frame::XDispatchProvider, css::frame::XNotifyingDispatch, css::lang::XInitialization,
                                   css::lang::XServiceInfo> {
 public:
  explicit ProtocolHandler(css::uno::Reference<css::uno::XComponentContext> context);

  // XInitialization
  void SAL_CALL initialize(const css::uno::Sequence<css::uno::Any>& arguments) override;

  // XDispatchProvider
  css::uno::Reference<css::frame::XDispatch> SAL_CALL queryDispatch(const css::util::URL& url,
                                                                     const rtl::OUString& targetFrame,
                                                                     sal_Int32 searchFlags) override;
  css::uno::Sequence<css::uno::Reference<css::frame::XDispatch>> SAL_CALL queryDispatches(
      const css::uno::Sequence<css::frame::DispatchDescriptor>& requests) override;

  // XNotifyingDispatch: tells the caller (a macro, a test) how it ended: SUCCESS, FAILURE with
  // the message as Result, or DONTKNOW when the user cancelled.
  void SAL_CALL dispatchWithNotification(const css::util::URL& url,
                                         const css::uno::Sequence<css::beans::PropertyValue>& args,
                                         const css::uno::Reference<css::frame::XDispatchResultListener>& listener) override;

  // XDispatch
  void SAL_CALL dispatch(const css::util::URL& url, const css::uno::Sequence<css::beans::PropertyValue>& args) override;
  void SAL_CALL addStatusListener(const css::uno::Reference<css::frame::XStatusListener>& listener,
                                  const css::util::URL& url) override;
  void SAL_CALL removeStatusListener(const css::uno::Reference<css::frame::XStatusListener>& listener,
                                     const css::util::URL& url) override;

  // XServiceInfo
  rtl::OUString SAL_CALL getImplementationName() override;
  sal_Bool SAL_CALL supportsService(const rtl::OUString& name) override;
  css::uno::Sequence<rtl::OUString> SAL_CALL getSupportedServiceNames() override;

 private:
  /// Runs the command; returns the DispatchResultState and, on failure, the message shown.
  std::pair<sal_Int16, rtl::OUString> run(const css::util::URL& url,
                                          const css::uno::Sequence<css::beans::PropertyValue>& args);
  /// false when the user cancelled the dialog
  bool newBriefing(const css::uno::Sequence<css::beans::PropertyValue>& args);
  void showError(const rtl::OUString& message);

  css::uno::Reference<css::uno::XComponentContext> m_xContext;
  css::uno::Reference<css::frame::XFrame> m_xFrame;
};

}  // namespace raadsbrief::office
