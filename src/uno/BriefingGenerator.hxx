#pragma once
// nl.raadsbrief.BriefingGenerator: makes briefings inside the office process. A thin facade: the
// work is done by DocumentMaking, DocumentRefresh, FieldInsertion and FigureLoading.
#include <com/sun/star/lang/XServiceInfo.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <com/sun/star/util/XCancellable.hpp>
#include <cppuhelper/implbase3.hxx>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nl/raadsbrief/XBriefingGenerator.hpp>

#include "Cancel.hpp"
// Declared there, used with the service: makingDocument, isUnfilledTemplateDocument, kTemplateMarker;
// forgetLoadedDatasets.
#include "DocumentMaking.hxx"
#include "FigureLoading.hxx"

namespace raadsbrief::office {

inline constexpr const char* kGeneratorImplementation = "nl.raadsbrief.comp.BriefingGenerator";
inline constexpr const char* kGeneratorService = "nl.raadsbrief.BriefingGenerator";
inline constexpr const char* kExtensionId = "nl.raadsbrief";

struct GenerationOptions;

class BriefingGenerator final : public cppu::WeakImplHelper3<nl::raadsbrief::XBriefingGenerator,
                                                             css::util::XCancellable, css::lang::XServiceInfo> {
 public:
  explicit BriefingGenerator(css::uno::Reference<css::uno::XComponentContext> context);

  // XBriefingGenerator
  rtl::OUString SAL_CALL generate(const rtl::OUString& templateName, const rtl::OUString& municipality,
                                  const rtl::OUString& period, const rtl::OUString& source,
                                  const rtl::OUString& outputURL,
                                  const css::uno::Sequence<css::beans::NamedValue>& options) override;
  css::uno::Reference<css::lang::XComponent> SAL_CALL createDocument(
      const rtl::OUString& templateName, const rtl::OUString& municipality, const rtl::OUString& period,
      const rtl::OUString& source, const css::uno::Sequence<css::beans::NamedValue>& options, sal_Bool hidden) override;
  css::uno::Sequence<nl::raadsbrief::RefreshChange> SAL_CALL
  refreshDocument(const css::uno::Reference<css::lang::XComponent>& document, const rtl::OUString& source,
                  const css::uno::Sequence<css::beans::NamedValue>& options, sal_Bool apply) override;
  css::uno::Sequence<nl::raadsbrief::RefreshChange> SAL_CALL
  refreshFile(const rtl::OUString& documentURL, const rtl::OUString& source,
              const css::uno::Sequence<css::beans::NamedValue>& options, sal_Bool apply) override;
  rtl::OUString SAL_CALL insertField(const css::uno::Reference<css::lang::XComponent>& document,
                                     const rtl::OUString& field, const rtl::OUString& municipality,
                                     const rtl::OUString& period, const rtl::OUString& source,
                                     const css::uno::Sequence<css::beans::NamedValue>& options) override;
  rtl::OUString SAL_CALL previewField(const rtl::OUString& field, const rtl::OUString& municipality,
                                      const rtl::OUString& period, const rtl::OUString& source) override;
  css::uno::Sequence<rtl::OUString> SAL_CALL listIndicators(const rtl::OUString& source) override;
  css::uno::Sequence<rtl::OUString> SAL_CALL listPeriods(const rtl::OUString& source) override;
  css::uno::Sequence<rtl::OUString> SAL_CALL listTemplates() override;
  css::uno::Sequence<rtl::OUString> SAL_CALL listMunicipalities(const rtl::OUString& source) override;

  // XCancellable: cancels every operation of this instance that is running now (from another
  // thread: a dialog's Annuleren, a script). They end with GenerationException Kind 9 and change
  // nothing: no file is written, a refresh is undone, a new document is closed.
  void SAL_CALL cancel() override;

  /// Loads the figures of `source` into the component's memo (a minute for endpoints), so that
  /// the next call with that source finds them at once. For the menu commands, which fetch in a
  /// worker thread while a progress dialog offers Annuleren: it makes no Writer calls. With
  /// `configured`, an empty source means the user's configured sources (as for a new briefing).
  /// `municipalities` (codes or names): only their figures (for CBS: their youth-care regions);
  /// empty: the lists the dialogs offer, without figures (for CBS: its code lists only). Never
  /// the whole of a CBS table.
  /// Throws GenerationException (Kind 9 when cancelled).
  void prefetch(const rtl::OUString& source, bool configured, const std::vector<std::string>& municipalities);

  /// Fills, in place, an open document made from a Raadsbrief template (File ▸ New ▸ Templates):
  /// every field, bound for refresh, exactly as createDocument fills the template it loads; the
  /// template marker is removed. An empty source means the user's configured sources. Throws
  /// GenerationException; lastOmissions() tells what was left out.
  void fillDocument(const css::uno::Reference<css::lang::XComponent>& document, const rtl::OUString& municipality,
                    const rtl::OUString& period, const rtl::OUString& source);

  /// What the last createDocument of this instance left out because the sources lack its
  /// figures, one Dutch line each ("weggelaten: de alinea over …"); the menu command shows it.
  /// (generate returns the same lines in its summary.)
  std::vector<std::string> lastOmissions() {
    std::lock_guard lock(m_cancelMutex);
    return m_lastOmitted;
  }

  // XServiceInfo
  rtl::OUString SAL_CALL getImplementationName() override;
  sal_Bool SAL_CALL supportsService(const rtl::OUString& name) override;
  css::uno::Sequence<rtl::OUString> SAL_CALL getSupportedServiceNames() override;

 private:
  /// Options of one operation, with a fresh cancel token that cancel() can reach.
  GenerationOptions begin(const css::uno::Sequence<css::beans::NamedValue>& options);

  css::uno::Reference<css::uno::XComponentContext> m_xContext;
  std::mutex m_cancelMutex;
  std::vector<std::weak_ptr<CancelToken>> m_running;
  std::vector<std::string> m_lastOmitted;  ///< guarded by m_cancelMutex
};

}  // namespace raadsbrief::office
