#pragma once
// What every call of the BriefingGenerator service shares: its options (the UNO NamedValues), the
// cancel checkpoint, the exception barrier (guarded), and small conversions of its arguments.
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>
#include <nl/raadsbrief/GenerationException.hpp>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "Cancel.hpp"
#include "Convert.hxx"
#include "Error.hpp"

namespace raadsbrief::office {

/// Options of one generation (the UNO API's NamedValue sequence).
struct GenerationOptions {
  /// "AllowStaleCache": an unreachable endpoint may be answered from the cache; when not given,
  /// the user's setting (Tools ▸ Options ▸ Raadsbrief) decides.
  std::optional<bool> allowStaleCache;
  std::set<std::string> insecureTls;  ///< "InsecureTlsSources": endpoints whose certificate is not checked
  bool pdfA = false;                  ///< "PdfA": PDF output as PDF/A-2b (archiving)
  bool force = false;                 ///< "Force": a read-only output file may be replaced (its mode stays)
  std::vector<rtl::OUString>
      extraOutputs;       ///< "ExtraOutputs": more files (URLs) from the same document (batch: ODT + PDF)
  CancelTokenPtr cancel;  ///< set by BriefingGenerator::cancel() from another thread
  bool strict = false;    ///< "Strict": a figure the sources lack is an error, nothing is left out
};

/// The options of a call; Error(Usage) for an unknown option or a value of the wrong type.
GenerationOptions readOptions(const css::uno::Sequence<css::beans::NamedValue>& values);

/// Throws Error(Cancelled) when the operation was cancelled: called at the points where stopping
/// leaves nothing changed.
void checkpoint(const GenerationOptions& options);

/// A file URL as a path; Error(Usage) for anything else.
std::filesystem::path systemPath(const rtl::OUString& url);

/// The installed extension's folder (a URL): its templates and bundled data.
std::string extensionRoot(const css::uno::Reference<css::uno::XComponentContext>& context);

/// Today's date (local time) as YYYY-MM-DD.
std::string todayIso();

/// The component as a Writer document; Error(Usage) for anything else.
css::uno::Reference<css::text::XTextDocument> textDocument(const css::uno::Reference<css::lang::XComponent>& component);

/// Runs `work`, turning every failure into a GenerationException: nothing else leaves our code.
template <typename Work>
auto guarded(const css::uno::Reference<css::uno::XInterface>& self, Work&& work) -> decltype(work()) {
  auto raise = [&](const std::string& message, ErrorKind kind) -> decltype(work()) {
    throw nl::raadsbrief::GenerationException(toOU(message), self, static_cast<sal_Int32>(kind));
  };
  try {
    return work();
  } catch (const nl::raadsbrief::GenerationException&) {
    throw;
  } catch (const Error& e) {
    return raise(e.what(), e.kind());
  } catch (const css::uno::Exception& e) {
    return raise("LibreOffice-fout: " + toUtf8(e.Message), ErrorKind::Office);
  } catch (const std::filesystem::filesystem_error& e) {
    return raise(std::string("Bestandsfout: ") + e.what(), ErrorKind::Office);
  } catch (const std::exception& e) {
    return raise(std::string("Interne fout: ") + e.what(), ErrorKind::Internal);
  } catch (...) {
    return raise("Onbekende interne fout", ErrorKind::Internal);
  }
}

}  // namespace raadsbrief::office
