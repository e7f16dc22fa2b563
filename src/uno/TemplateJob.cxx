#include "TemplateJob.hxx"

#include <com/sun/star/awt/AsyncCallback.hpp>
#include <com/sun/star/awt/XCallback.hpp>
#include <com/sun/star/awt/XRequestCallback.hpp>
#include <com/sun/star/awt/XWindow2.hpp>
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/DispatchHelper.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <cppuhelper/implbase1.hxx>
#include <cppuhelper/supportsservice.hxx>

#include "BriefingGenerator.hxx"
#include "Convert.hxx"
#include "DialogSupport.hxx"

namespace raadsbrief::office {
namespace {

/// How often the job looks again for the document's window (it is shown at the end of loading).
constexpr int kVisibilityTries = 200;

/// True when the document was loaded hidden (a macro, a batch): no dialog for it, ever.
bool loadedHidden(const Reference<css::frame::XModel>& model) {
  for (const auto& arg : model->getArgs())
    if (arg.Name == "Hidden") {
      bool hidden = false;
      arg.Value >>= hidden;
      return hidden;
    }
  return false;
}

/// Runs on the main thread, from the main loop: once the document's window is on screen, the
/// command vnd.raadsbrief:FillTemplate asks the user and fills the fields.
class AskWhenShown final : public cppu::WeakImplHelper1<css::awt::XCallback> {
 public:
  AskWhenShown(Reference<css::uno::XComponentContext> context, Reference<css::frame::XModel> model)
      : m_xContext(std::move(context)), m_xModel(std::move(model)) {}

  void SAL_CALL notify(const Any&) override {
    try {
      if (!isUnfilledTemplateDocument(Reference<css::lang::XComponent>(m_xModel, UNO_QUERY))) return;
      Reference<css::frame::XController> controller = m_xModel->getCurrentController();
      Reference<css::frame::XFrame> frame = controller.is() ? controller->getFrame() : nullptr;
      Reference<css::awt::XWindow2> window(frame.is() ? frame->getContainerWindow() : nullptr, UNO_QUERY);
      if (!window.is() || !window->isVisible()) {
        if (++m_tries < kVisibilityTries)
          css::awt::AsyncCallback::create(m_xContext)->addCallback(this, Any());  // not on screen yet: later
        return;
      }
      Reference<css::frame::XDispatchHelper> helper = css::frame::DispatchHelper::create(m_xContext);
      helper->executeDispatch(Reference<css::frame::XDispatchProvider>(frame, UNO_QUERY_THROW),
                              "vnd.raadsbrief:FillTemplate", "", 0, {});
    } catch (...) {
      // The document stays as it is (its fields unfilled); Raadsbrief ▸ Nieuwe briefing still works.
    }
  }

 private:
  Reference<css::uno::XComponentContext> m_xContext;
  Reference<css::frame::XModel> m_xModel;
  int m_tries = 0;
};

}  // namespace

TemplateJob::TemplateJob(Reference<css::uno::XComponentContext> context) : m_xContext(std::move(context)) {}

Any TemplateJob::execute(const Sequence<css::beans::NamedValue>& arguments) {
  try {
    if (officeIsHeadless() || makingDocument()) return {};
    Reference<css::frame::XModel> model;
    for (const auto& argument : arguments)
      if (argument.Name == "Environment") {
        Sequence<css::beans::NamedValue> environment;
        argument.Value >>= environment;
        for (const auto& value : environment)
          if (value.Name == "Model") value.Value >>= model;
      }
    if (!model.is() || loadedHidden(model)) return {};
    if (!isUnfilledTemplateDocument(Reference<css::lang::XComponent>(model, UNO_QUERY))) return {};
    css::awt::AsyncCallback::create(m_xContext)->addCallback(new AskWhenShown(m_xContext, model), Any());
  } catch (...) {
    // A job must never disturb making a new document.
  }
  return {};
}

OUString TemplateJob::getImplementationName() { return OUString::createFromAscii(kTemplateJobImplementation); }
sal_Bool TemplateJob::supportsService(const OUString& name) { return cppu::supportsService(this, name); }
Sequence<OUString> TemplateJob::getSupportedServiceNames() {
  return seqOf<OUString>({OUString::createFromAscii(kTemplateJobService)});
}

}  // namespace raadsbrief::office
