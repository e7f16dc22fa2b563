#include "ServiceCall.hxx"

#include <osl/file.hxx>
#include <osl/time.h>

#include <fmt/format.h>

#include <com/sun/star/deployment/PackageInformationProvider.hpp>

#include "BriefingGenerator.hxx"
#include "sources/Source.hpp"

namespace raadsbrief::office {

namespace fs = std::filesystem;

fs::path systemPath(const OUString& url) {
  OUString path;
  if (osl::FileBase::getSystemPathFromFileURL(url, path) != osl::FileBase::E_None)
    throw Error(ErrorKind::Usage, "Geen bestands-URL: " + toUtf8(url));
  return fs::path(toUtf8(path));
}

std::string extensionRoot(const Reference<css::uno::XComponentContext>& context) {
  const OUString location = css::deployment::PackageInformationProvider::get(context)->getPackageLocation(
      OUString::createFromAscii(kExtensionId));
  if (location.isEmpty()) throw Error(ErrorKind::Internal, "De Raadsbrief-extensie is niet (goed) geïnstalleerd");
  return toUtf8(location);
}

std::string todayIso() {
  // Through osl (LibreOffice's portable runtime): local time on every platform.
  TimeValue now{};
  TimeValue local{};
  oslDateTime date{};
  if (!osl_getSystemTime(&now) || !osl_getLocalTimeFromSystemTime(&now, &local) ||
      !osl_getDateTimeFromTimeValue(&local, &date))
    throw Error(ErrorKind::Internal, "De datum van vandaag is niet te bepalen");
  return fmt::format("{:04}-{:02}-{:02}", date.Year, date.Month, date.Day);
}

void checkpoint(const GenerationOptions& options) {
  if (options.cancel) options.cancel->check();
}

GenerationOptions readOptions(const Sequence<css::beans::NamedValue>& values) {
  GenerationOptions options;
  for (const auto& v : values) {
    if (v.Name == "AllowStaleCache") {
      bool allow = false;
      if (!(v.Value >>= allow)) throw Error(ErrorKind::Usage, "AllowStaleCache moet waar of onwaar zijn");
      options.allowStaleCache = allow;
    } else if (v.Name == "Strict") {
      if (!(v.Value >>= options.strict)) throw Error(ErrorKind::Usage, "Strict moet waar of onwaar zijn");
    } else if (v.Name == "Force") {
      if (!(v.Value >>= options.force)) throw Error(ErrorKind::Usage, "Force moet waar of onwaar zijn");
    } else if (v.Name == "PdfA") {
      if (!(v.Value >>= options.pdfA)) throw Error(ErrorKind::Usage, "PdfA moet waar of onwaar zijn");
    } else if (v.Name == "ExtraOutputs") {
      Sequence<OUString> urls;
      if (!(v.Value >>= urls)) throw Error(ErrorKind::Usage, "ExtraOutputs moet een lijst van bestands-URL's zijn");
      options.extraOutputs.assign(urls.begin(), urls.end());
    } else if (v.Name == "InsecureTlsSources") {
      Sequence<OUString> urls;
      if (!(v.Value >>= urls)) throw Error(ErrorKind::Usage, "InsecureTlsSources moet een lijst van adressen zijn");
      for (const auto& url : urls) options.insecureTls.insert(sources::parseSource(toUtf8(url)).location);
    } else {
      throw Error(ErrorKind::Usage, "Onbekende optie '" + toUtf8(v.Name) + "'");
    }
  }
  return options;
}

Reference<css::text::XTextDocument> textDocument(const Reference<css::lang::XComponent>& component) {
  Reference<css::text::XTextDocument> doc(component, UNO_QUERY);
  if (!doc.is()) throw Error(ErrorKind::Usage, "Dit is geen tekstdocument (Writer)");
  return doc;
}

}  // namespace raadsbrief::office
