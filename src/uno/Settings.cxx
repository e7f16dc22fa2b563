#include "Settings.hxx"

#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/container/XNameReplace.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/util/XChangesBatch.hpp>

#include "Convert.hxx"

namespace raadsbrief::office {
namespace {

Reference<css::uno::XInterface> access(const Reference<css::uno::XComponentContext>& context, bool update,
                                       const char* nodePath = kSettingsPath) {
  Reference<css::lang::XMultiServiceFactory> provider = css::configuration::theDefaultProvider::get(context);
  css::beans::NamedValue path("nodepath", Any(OUString::createFromAscii(nodePath)));
  return provider->createInstanceWithArguments(update ? OUString("com.sun.star.configuration.ConfigurationUpdateAccess")
                                                      : OUString("com.sun.star.configuration.ConfigurationAccess"),
                                               seqOf<Any>({Any(path)}));
}

}  // namespace

settings::Settings readSettings(const Reference<css::uno::XComponentContext>& context) noexcept {
  settings::Settings values;
  try {
    Reference<css::container::XNameAccess> node(access(context, false), UNO_QUERY_THROW);
    Sequence<OUString> sources;
    if (node->getByName("Sources") >>= sources)
      for (const auto& s : sources)
        if (!s.trim().isEmpty()) values.sources.push_back(toUtf8(s.trim()));
    sal_Int32 seconds = 0;
    if (node->getByName("ConnectTimeoutSeconds") >>= seconds) values.connectTimeoutSeconds = seconds;
    if (node->getByName("ReadTimeoutSeconds") >>= seconds) values.readTimeoutSeconds = seconds;
    bool stale = false;
    if (node->getByName("AllowStaleCache") >>= stale) values.allowStaleCache = stale;
  } catch (...) {
    // Not installed with its schema, or a broken profile: the defaults (bundled, as before).
    return settings::Settings{};
  }
  return values;
}

void writeSettings(const Reference<css::uno::XComponentContext>& context, const settings::Settings& values) {
  const settings::Settings checked = settings::validated(values);
  const Reference<css::uno::XInterface> node = access(context, true);
  Reference<css::container::XNameReplace> replace(node, UNO_QUERY_THROW);
  Sequence<OUString> sources(static_cast<sal_Int32>(checked.sources.size()));
  for (std::size_t i = 0; i < checked.sources.size(); ++i) sources.getArray()[i] = toOU(checked.sources[i]);
  replace->replaceByName("Sources", Any(sources));
  replace->replaceByName("ConnectTimeoutSeconds", Any(sal_Int32(checked.connectTimeoutSeconds)));
  replace->replaceByName("ReadTimeoutSeconds", Any(sal_Int32(checked.readTimeoutSeconds)));
  replace->replaceByName("AllowStaleCache", Any(checked.allowStaleCache));
  Reference<css::util::XChangesBatch>(node, UNO_QUERY_THROW)->commitChanges();
}

OUString readLastMunicipality(const Reference<css::uno::XComponentContext>& context) noexcept {
  try {
    Reference<css::container::XNameAccess> node(access(context, false, kDialogsPath), UNO_QUERY_THROW);
    OUString code;
    node->getByName("LastMunicipality") >>= code;
    return code.trim();
  } catch (...) {
    return {};
  }
}

void rememberMunicipality(const Reference<css::uno::XComponentContext>& context, const OUString& code) noexcept {
  try {
    if (code.isEmpty() || code == readLastMunicipality(context)) return;
    const Reference<css::uno::XInterface> node = access(context, true, kDialogsPath);
    Reference<css::container::XNameReplace>(node, UNO_QUERY_THROW)->replaceByName("LastMunicipality", Any(code));
    Reference<css::util::XChangesBatch>(node, UNO_QUERY_THROW)->commitChanges();
  } catch (...) {
    // An old profile without our schema, a read-only configuration: the next dialog just asks.
  }
}

}  // namespace raadsbrief::office
