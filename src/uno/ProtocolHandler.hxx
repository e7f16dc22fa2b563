#pragma once
// The Writer commands of the Raadsbrief menu and toolbar (protocol vnd.raadsbrief:):
//   NewBriefing   – asks for municipality, template and period (with a preview) and opens the briefing
//   InsertFigure  – inserts one figure, phrase, table or chart at the cursor, bound for refresh
//   Refresh       – shows old → new for every bound figure, applies on OK (one Undo step)
//   Options       – opens Tools ▸ Options ▸ Raadsbrief
//   SwitchSources – switches the document to the user's own sources and refreshes (one Undo step)
//   FillTemplate  – fills a document made from a Raadsbrief template in place (TemplateJob.hxx)
// Each can be dispatched with arguments instead of its dialog (macros, tests). Nothing escapes
// into the office: every failure becomes one message box and a FAILURE dispatch result.
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XNotifyingDispatch.hpp>
#include <com/sun/star/lang/XInitialization.hpp>
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase4.hxx>

#include <com/sun/star/lang/XComponent.hpp>

#include <utility>

namespace raadsbrief::office {

inline constexpr const char* kHandlerImplementation = "nl.raadsbrief.comp.ProtocolHandler";
inline constexpr const char* kProtocol = "vnd.raadsbrief:";

/// What the user chose in the refresh dialog.
enum class RefreshChoice { Cancel, Apply, SwitchSources };

/// Shows the refresh dialog (Commands.cxx): the summary (which starts by naming the sources it
/// checked), Toepassen when `canApply`, "Overschakelen naar mijn bronnen" when `canSwitch`.
RefreshChoice askRefresh(const css::uno::Reference<css::uno::XComponentContext>& context, const rtl::OUString& summary,
                         bool canApply, bool canSwitch);

class ProtocolHandler final
    : public cppu::WeakImplHelper4<css::frame::XDispatchProvider, css::frame::XNotifyingDispatch,
                                   css::lang::XInitialization, css::lang::XServiceInfo> {
 public:
  explicit ProtocolHandler(css::uno::Reference<css::uno::XComponentContext> context);

  // XInitialization
  void SAL_CALL initialize(const css::uno::Sequence<css::uno::Any>& arguments) override;

  // XDispatchProvider
  css::uno::Reference<css::frame::XDispatch> SAL_CALL queryDispatch(const css::util::URL& url,
                                                                    const rtl::OUString& targetFrame,
                                                                    sal_Int32 searchFlags) override;
  css::uno::Sequence<css::uno::Reference<css::frame::XDispatch>> SAL_CALL
  queryDispatches(const css::uno::Sequence<css::frame::DispatchDescriptor>& requests) override;

  // XNotifyingDispatch: tells the caller (a macro, a test) how it ended: SUCCESS, FAILURE with
  // the message as Result, or DONTKNOW when the user cancelled.
  void SAL_CALL
  dispatchWithNotification(const css::util::URL& url, const css::uno::Sequence<css::beans::PropertyValue>& args,
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
  /// How a command ended: a DispatchResultState and a message (the summary, or why it failed).
  struct Outcome {
    sal_Int16 state;
    rtl::OUString message;
  };
  /// Runs the command; every failure is caught, shown and returned as FAILURE.
  Outcome run(const css::util::URL& url, const css::uno::Sequence<css::beans::PropertyValue>& args);
  Outcome newBriefing(const css::uno::Sequence<css::beans::PropertyValue>& args);
  Outcome insertFigure(const css::uno::Sequence<css::beans::PropertyValue>& args);
  Outcome refresh(const css::uno::Sequence<css::beans::PropertyValue>& args);
  Outcome openOptions();
  /// Fills a document made from a Raadsbrief template (File ▸ New ▸ Templates) in place, after
  /// asking for municipality, period and sources (or from the arguments Municipality, Period,
  /// Source). Dispatched by the TemplateJob; DONTKNOW when the document is no such template.
  Outcome fillTemplate(const css::uno::Sequence<css::beans::PropertyValue>& args);
  /// Refreshes the document from the user's own sources and records them (SourceSwitch.hxx), one
  /// Undo step; offered by the refresh dialog ("Overschakelen naar mijn bronnen").
  Outcome switchSources();
  /// The frame's document, when it is a text document; throws a clear message otherwise.
  css::uno::Reference<css::lang::XComponent> currentDocument() const;

  css::uno::Reference<css::uno::XComponentContext> m_xContext;
  css::uno::Reference<css::frame::XFrame> m_xFrame;
};

}  // namespace raadsbrief::office
