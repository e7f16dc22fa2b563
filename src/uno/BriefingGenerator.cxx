#include "BriefingGenerator.hxx"

#include <cppuhelper/supportsservice.hxx>

#include <algorithm>
#include <filesystem>

#include "DocumentMaking.hxx"
#include "DocumentRefresh.hxx"
#include "FieldInsertion.hxx"
#include "FigureLoading.hxx"
#include "RefreshChanges.hxx"
#include "ServiceCall.hxx"
#include "model/Dataset.hpp"

// The UNO service is a facade: each IDL method converts its arguments, calls the plain C++ that
// does the work (DocumentMaking, DocumentRefresh, FieldInsertion, FigureLoading) and converts the
// result, inside guarded() (ServiceCall.hxx), which turns every failure into a GenerationException.

namespace raadsbrief::office {

namespace fs = std::filesystem;

BriefingGenerator::BriefingGenerator(Reference<css::uno::XComponentContext> context) : m_xContext(std::move(context)) {}

GenerationOptions BriefingGenerator::begin(const Sequence<css::beans::NamedValue>& values) {
  GenerationOptions options = readOptions(values);
  options.cancel = std::make_shared<CancelToken>();
  std::lock_guard lock(m_cancelMutex);
  m_running.erase(std::remove_if(m_running.begin(), m_running.end(), [](const auto& w) { return w.expired(); }),
                  m_running.end());
  m_running.push_back(options.cancel);
  return options;
}

void BriefingGenerator::cancel() {
  try {
    std::lock_guard lock(m_cancelMutex);
    for (const auto& w : m_running)
      if (const auto token = w.lock()) token->cancel();
  } catch (...) {
    // cancel() must never throw into the office
  }
}

OUString BriefingGenerator::generate(const OUString& templateName, const OUString& municipality, const OUString& period,
                                     const OUString& source, const OUString& outputURL,
                                     const Sequence<css::beans::NamedValue>& options) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const fs::path output = systemPath(outputURL);
    checkOutputPath(output);  // before any work
    return toOU(makeFiles(m_xContext, toUtf8(templateName), toUtf8(municipality), toUtf8(period), toUtf8(source),
                          output, begin(options)));
  });
}

Reference<css::lang::XComponent> BriefingGenerator::createDocument(const OUString& templateName,
                                                                   const OUString& municipality, const OUString& period,
                                                                   const OUString& source,
                                                                   const Sequence<css::beans::NamedValue>& options,
                                                                   sal_Bool hidden) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    std::vector<std::string> omitted;
    auto document = makeDocument(m_xContext, toUtf8(templateName), toUtf8(municipality), toUtf8(period), toUtf8(source),
                                 begin(options), hidden != 0, omitted);
    std::lock_guard lock(m_cancelMutex);
    m_lastOmitted = std::move(omitted);
    return document;
  });
}

void BriefingGenerator::fillDocument(const Reference<css::lang::XComponent>& document, const OUString& municipality,
                                     const OUString& period, const OUString& requestedSource) {
  guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    auto omitted = fillTemplateDocument(m_xContext, document, toUtf8(municipality), toUtf8(period),
                                        toUtf8(requestedSource), begin({}));
    std::lock_guard lock(m_cancelMutex);
    m_lastOmitted = std::move(omitted);
  });
}

Sequence<nl::raadsbrief::RefreshChange> BriefingGenerator::refreshDocument(
    const Reference<css::lang::XComponent>& document, const OUString& source,
    const Sequence<css::beans::NamedValue>& options, sal_Bool apply) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    return toUnoChanges(
        refreshOpenDocument(m_xContext, textDocument(document), toUtf8(source), begin(options), apply != 0));
  });
}

Sequence<nl::raadsbrief::RefreshChange> BriefingGenerator::refreshFile(const OUString& documentURL,
                                                                       const OUString& source,
                                                                       const Sequence<css::beans::NamedValue>& options,
                                                                       sal_Bool apply) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const fs::path path = systemPath(documentURL);
    checkRefreshable(path);  // before any work
    return toUnoChanges(refreshStoredDocument(m_xContext, path, toUtf8(source), begin(options), apply != 0));
  });
}

OUString BriefingGenerator::insertField(const Reference<css::lang::XComponent>& document, const OUString& fieldText,
                                        const OUString& municipality, const OUString& period, const OUString& source,
                                        const Sequence<css::beans::NamedValue>& options) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const auto doc = textDocument(document);
    const GenerationOptions generationOptions = begin(options);
    return toOU(insertFigure(m_xContext, doc, toUtf8(fieldText), toUtf8(municipality), toUtf8(period), toUtf8(source),
                             generationOptions));
  });
}

OUString BriefingGenerator::previewField(const OUString& fieldText, const OUString& municipality,
                                         const OUString& period, const OUString& source) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    return toOU(previewFigure(m_xContext, toUtf8(fieldText), toUtf8(municipality), toUtf8(period), toUtf8(source)));
  });
}

Sequence<OUString> BriefingGenerator::listIndicators(const OUString& source) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const auto dataset = loadLists(m_xContext, withConfiguredSources(m_xContext, toUtf8(source)), GenerationOptions{});
    std::vector<OUString> rows;
    for (const auto& i : dataset->indicators()) rows.push_back(toOU(i.id + "\t" + i.label));
    return Sequence<OUString>(rows.data(), static_cast<sal_Int32>(rows.size()));
  });
}

Sequence<OUString> BriefingGenerator::listPeriods(const OUString& source) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const auto dataset = loadLists(m_xContext, withConfiguredSources(m_xContext, toUtf8(source)), GenerationOptions{});
    std::vector<OUString> rows;
    for (const auto& p : dataset->periods()) rows.push_back(toOU(p.marked()));
    return Sequence<OUString>(rows.data(), static_cast<sal_Int32>(rows.size()));
  });
}

Sequence<OUString> BriefingGenerator::listTemplates() {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const auto names = templateNames(m_xContext);
    Sequence<OUString> out(static_cast<sal_Int32>(names.size()));
    for (std::size_t i = 0; i < names.size(); ++i) out.getArray()[i] = toOU(names[i]);
    return out;
  });
}

Sequence<OUString> BriefingGenerator::listMunicipalities(const OUString& source) {
  return guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const auto dataset = loadLists(m_xContext, withConfiguredSources(m_xContext, toUtf8(source)), GenerationOptions{});
    std::vector<OUString> rows;
    for (const auto& r : dataset->regions()) {
      if (r.kind != model::RegionKind::Municipality) continue;
      const model::Region* y = r.youthCareRegion.empty() ? nullptr : dataset->findRegion(r.youthCareRegion);
      rows.push_back(toOU(r.code + "\t" + r.name + "\t" + (y ? y->name : std::string())));
    }
    return Sequence<OUString>(rows.data(), static_cast<sal_Int32>(rows.size()));
  });
}

void BriefingGenerator::prefetch(const OUString& source, bool configured,
                                 const std::vector<std::string>& municipalities) {
  guarded(static_cast<cppu::OWeakObject*>(this), [&] {
    const std::string s = toUtf8(source);
    const std::string from = configured ? withConfiguredSources(m_xContext, s) : s;
    // Never the whole of CBS: the figures of these municipalities' youth-care regions, or the lists alone.
    if (municipalities.empty()) (void)loadLists(m_xContext, from, begin({}));
    else (void)loadDataset(m_xContext, from, begin({}), municipalities);
  });
}

OUString BriefingGenerator::getImplementationName() { return OUString::createFromAscii(kGeneratorImplementation); }

sal_Bool BriefingGenerator::supportsService(const OUString& name) { return cppu::supportsService(this, name); }

Sequence<OUString> BriefingGenerator::getSupportedServiceNames() {
  return seqOf<OUString>({OUString::createFromAscii(kGeneratorService)});
}

}  // namespace raadsbrief::office
