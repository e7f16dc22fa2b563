#pragma once
// nl.raadsbrief.comp.TemplateJob: a job on the document event OnNew (registration/Jobs.xcu). When
// the user makes a document from a Raadsbrief template in File ▸ New ▸ Templates, it still holds
// the template's {{…}} fields; the job then asks for municipality, period and sources (the Nieuwe
// briefing dialog, through the command vnd.raadsbrief:FillTemplate) and the fields are filled in
// place. Only for a visible document in an office with a user interface: a headless office, a
// hidden document, or a template that Raadsbrief itself is filling is never interrupted by a dialog.
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/task/XJob.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implbase2.hxx>

namespace raadsbrief::office {

inline constexpr const char* kTemplateJobImplementation = "nl.raadsbrief.comp.TemplateJob";
inline constexpr const char* kTemplateJobService = "nl.raadsbrief.TemplateJob";

class TemplateJob final : public cppu::WeakImplHelper2<css::task::XJob, css::lang::XServiceInfo> {
 public:
  explicit TemplateJob(css::uno::Reference<css::uno::XComponentContext> context);

  // XJob: never throws, never blocks (the dialog comes later, from the main loop).
  css::uno::Any SAL_CALL execute(const css::uno::Sequence<css::beans::NamedValue>& arguments) override;

  // XServiceInfo
  rtl::OUString SAL_CALL getImplementationName() override;
  sal_Bool SAL_CALL supportsService(const rtl::OUString& name) override;
  css::uno::Sequence<rtl::OUString> SAL_CALL getSupportedServiceNames() override;

 private:
  css::uno::Reference<css::uno::XComponentContext> m_xContext;
};

}  // namespace raadsbrief::office
