#include "FigureLoading.hxx"

#include <com/sun/star/task/PasswordContainer.hpp>
#include <com/sun/star/task/UrlRecord.hpp>
#include <com/sun/star/task/XInteractionHandler.hpp>

#include <cstdlib>

#include "Settings.hxx"
#include "SpreadsheetReader.hxx"
#include "settings/Settings.hpp"
#include "sources/Loader.hpp"
#include "sources/Source.hpp"

namespace raadsbrief::office {

namespace {

/// The Bearer token for a reporting endpoint: from LibreOffice's password container (stored under
/// exactly this base URL), or — headless, for the CLI — from RAADSBRIEF_TOKEN in soffice's
/// environment. Never from configuration or arguments; never logged. Only asked for sources the
/// user named (see loadDataset), so the environment's token never goes to a server that a
/// document named.
std::string endpointToken(const Reference<css::uno::XComponentContext>& context, const std::string& url) {
  try {
    Reference<css::task::XPasswordContainer2> container = css::task::PasswordContainer::create(context);
    // No interaction handler: never prompt for a master password from inside a generation.
    const css::task::UrlRecord record = container->find(toOU(url), Reference<css::task::XInteractionHandler>());
    if (record.Url == toOU(url))  // find() also matches prefixes: insist on this endpoint
      for (const auto& user : record.UserList)
        if (user.Passwords.hasElements() && !user.Passwords[0].isEmpty()) return toUtf8(user.Passwords[0]);
  } catch (const css::uno::Exception&) {
    // No container, or a master password would be needed: fall through.
  }
  if (const char* token = std::getenv("RAADSBRIEF_TOKEN"); token && *token) return token;
  return {};
}

/// The in-process memo of parsed datasets: one per office process (a batch of documents asks an
/// endpoint once a minute, not once per document). Cleared by the options page's Cache legen.
sources::DatasetMemo& datasetMemo() {
  static sources::DatasetMemo memo;
  return memo;
}

/// How this office loads figures: the user's timeouts and stale-cache setting (unless the call
/// says otherwise), the per-user HTTP cache, the call's TLS exceptions and cancel token, tokens
/// from the password container (or RAADSBRIEF_TOKEN, see endpointToken).
sources::LoadPolicy loadPolicy(const Reference<css::uno::XComponentContext>& context,
                               const GenerationOptions& options) {
  const settings::Settings configured = readSettings(context);
  sources::LoadPolicy policy;
  policy.bundledDataset = systemPath(toOU(extensionRoot(context) + "/data/demo-dataset.json"));
  settings::applyTo(configured, policy.http);
  policy.http.cacheDir = settings::cacheHome() / "http";
  policy.http.allowStaleCache = options.allowStaleCache.value_or(configured.allowStaleCache);
  policy.http.cancel = options.cancel;
  policy.insecureTls = options.insecureTls;
  policy.token = [context](const std::string& location) { return endpointToken(context, location); };
  policy.spreadsheetReader = spreadsheetReader(context);  // own figures in .ods/.xlsx, read by this office
  return policy;
}

}  // namespace

void forgetLoadedDatasets() { datasetMemo().clear(); }

std::string withConfiguredSources(const Reference<css::uno::XComponentContext>& context, const std::string& source) {
  if (source.find_first_not_of(" \t\r\n") != std::string::npos) return source;
  return settings::sourceArgument(readSettings(context));
}

std::shared_ptr<const model::Dataset> loadDataset(const Reference<css::uno::XComponentContext>& context,
                                                  const std::string& source, const GenerationOptions& options,
                                                  std::vector<std::string> municipalities, plan::FigureNeeds needs) {
  sources::LoadPolicy policy = loadPolicy(context, options);
  policy.municipalities = std::move(municipalities);
  policy.indicators = std::move(needs.indicators);
  policy.earliestYear = needs.earliestYear;
  return sources::loadFigures(sources::SourceList::parse(source), policy, &datasetMemo()).dataset;
}

std::shared_ptr<const model::Dataset> loadLists(const Reference<css::uno::XComponentContext>& context,
                                                const std::string& source, const GenerationOptions& options) {
  sources::LoadPolicy policy = loadPolicy(context, options);
  policy.observations = false;
  return sources::loadFigures(sources::SourceList::parse(source), policy, &datasetMemo()).dataset;
}

std::string checkedRecordedSources(const Reference<css::uno::XComponentContext>& context, const std::string& recorded) {
  const auto untrusted =
      sources::SourceList::parse(recorded).notAmong(sources::SourceList::parse(withConfiguredSources(context, {})));
  if (untrusted.empty()) return recorded;
  std::string names;
  for (const auto& spec : untrusted) names += (names.empty() ? "" : ", ") + sources::displayName(spec);
  throw Error(ErrorKind::Usage,
              "Dit document haalt zijn cijfers bij een bron die u niet zelf hebt gekozen: " + names +
                  ". Raadsbrief gebruikt een bron uit een document alleen als u die zelf noemt: geef de bron op "
                  "(raadsbrief refresh … --source ADRES) of neem haar op in Extra \u25b8 Opties \u25b8 Raadsbrief.");
}

}  // namespace raadsbrief::office
