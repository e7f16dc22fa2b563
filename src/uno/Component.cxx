// Registration of the component's implementations (component_getFactory; see raadsbrief.components).
#include <com/sun/star/uno/XComponentContext.hpp>
#include <cppuhelper/implementationentry.hxx>
#include <sal/types.h>

#include "BriefingGenerator.hxx"
#include "Convert.hxx"
#include "OptionsPage.hxx"
#include "ProtocolHandler.hxx"
#include "TemplateJob.hxx"

namespace {

using css::uno::Reference;
using css::uno::Sequence;
using css::uno::XComponentContext;
using css::uno::XInterface;
using rtl::OUString;

Reference<XInterface> SAL_CALL createGenerator(const Reference<XComponentContext>& context) {
  return static_cast<cppu::OWeakObject*>(new raadsbrief::office::BriefingGenerator(context));
}
OUString SAL_CALL generatorName() { return OUString::createFromAscii(raadsbrief::office::kGeneratorImplementation); }
Sequence<OUString> SAL_CALL generatorServices() {
  return raadsbrief::office::seqOf<OUString>({OUString::createFromAscii(raadsbrief::office::kGeneratorService)});
}

Reference<XInterface> SAL_CALL createHandler(const Reference<XComponentContext>& context) {
  return static_cast<cppu::OWeakObject*>(new raadsbrief::office::ProtocolHandler(context));
}
OUString SAL_CALL handlerName() { return OUString::createFromAscii(raadsbrief::office::kHandlerImplementation); }
Sequence<OUString> SAL_CALL handlerServices() {
  return raadsbrief::office::seqOf<OUString>({"com.sun.star.frame.ProtocolHandler"});
}

Reference<XInterface> SAL_CALL createOptionsPage(const Reference<XComponentContext>& context) {
  return static_cast<cppu::OWeakObject*>(new raadsbrief::office::OptionsPage(context));
}
OUString SAL_CALL optionsPageName() {
  return OUString::createFromAscii(raadsbrief::office::kOptionsPageImplementation);
}
Sequence<OUString> SAL_CALL optionsPageServices() {
  return raadsbrief::office::seqOf<OUString>({OUString::createFromAscii(raadsbrief::office::kOptionsPageService)});
}

Reference<XInterface> SAL_CALL createTemplateJob(const Reference<XComponentContext>& context) {
  return static_cast<cppu::OWeakObject*>(new raadsbrief::office::TemplateJob(context));
}
OUString SAL_CALL templateJobName() {
  return OUString::createFromAscii(raadsbrief::office::kTemplateJobImplementation);
}
Sequence<OUString> SAL_CALL templateJobServices() {
  return raadsbrief::office::seqOf<OUString>({OUString::createFromAscii(raadsbrief::office::kTemplateJobService)});
}

const cppu::ImplementationEntry kEntries[] = {
    {createGenerator, generatorName, generatorServices, cppu::createSingleComponentFactory, nullptr, 0},
    {createHandler, handlerName, handlerServices, cppu::createSingleComponentFactory, nullptr, 0},
    {createOptionsPage, optionsPageName, optionsPageServices, cppu::createSingleComponentFactory, nullptr, 0},
    {createTemplateJob, templateJobName, templateJobServices, cppu::createSingleComponentFactory, nullptr, 0},
    {nullptr, nullptr, nullptr, nullptr, nullptr, 0}};

}  // namespace

extern "C" SAL_DLLPUBLIC_EXPORT void* SAL_CALL component_getFactory(const char* implementationName,
                                                                    void* serviceManager, void* registryKey) {
  return cppu::component_getFactoryHelper(implementationName, serviceManager, registryKey, kEntries);
}
