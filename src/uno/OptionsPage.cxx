#include "OptionsPage.hxx"

#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/MessageBoxType.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XCheckBox.hpp>
#include <com/sun/star/awt/XControl.hpp>
#include <com/sun/star/awt/XFixedText.hpp>
#include <com/sun/star/awt/XListBox.hpp>
#include <com/sun/star/awt/XMessageBox.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/awt/XNumericField.hpp>
#include <com/sun/star/awt/XTextComponent.hpp>
#include <com/sun/star/awt/XToolkitExperimental.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/beans/XPropertySet.hpp>
#include <com/sun/star/deployment/PackageInformationProvider.hpp>
#include <com/sun/star/resource/XStringResourceResolver.hpp>
#include <com/sun/star/task/InteractionHandler.hpp>
#include <com/sun/star/task/PasswordContainer.hpp>
#include <com/sun/star/task/UrlRecord.hpp>
#include <cppuhelper/supportsservice.hxx>

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <utility>
#include <vector>

#include "BriefingGenerator.hxx"
#include "Convert.hxx"
#include "DialogSupport.hxx"
#include "Error.hpp"
#include "Settings.hxx"
#include "SpreadsheetReader.hxx"
#include "settings/Settings.hpp"
#include "sources/Loader.hpp"
#include "sources/Source.hpp"

namespace raadsbrief::office {
namespace {

template <typename T>
Reference<T> control(const Reference<css::awt::XControlContainer>& controls, const char* name) {
  return Reference<T>(controls->getControl(OUString::createFromAscii(name)), UNO_QUERY_THROW);
}

std::string fieldText(const Reference<css::awt::XControlContainer>& controls, const char* name) {
  return toUtf8(control<css::awt::XTextComponent>(controls, name)->getText().trim());
}

void setLabel(const Reference<css::awt::XControlContainer>& controls, const char* name, const std::string& text) {
  control<css::awt::XFixedText>(controls, name)->setText(toOU(text));
}

/// Lets the office paint what changed (a status text) before a call that blocks the main thread.
void showNow(const Reference<css::uno::XComponentContext>& context) {
  try {
    Reference<css::awt::XToolkitExperimental> toolkit(css::awt::Toolkit::create(context), UNO_QUERY);
    if (toolkit.is()) toolkit->processEventsToIdle();
  } catch (...) {
    // Not painted early: the result still comes.
  }
}

void enable(const Reference<css::awt::XControlContainer>& controls, const char* name, bool on) {
  // On the model, so that the state is the control's own (XWindow::setEnable leaves the model as it is).
  Reference<css::beans::XPropertySet>(control<css::awt::XControl>(controls, name)->getModel(), UNO_QUERY_THROW)
      ->setPropertyValue("Enabled", Any(on));
}

/// A string of the page in the office's UI language (Options_*.properties beside the XDL), with
/// {0}, {1} filled in; the Dutch text when the resource cannot be read.
template <typename... Args>
std::string text(const Reference<css::awt::XControlContainer>& controls, const char* key, const char* dutch,
                 const Args&... args) {
  std::string pattern = dutch;
  try {
    Reference<css::beans::XPropertySet> model(Reference<css::awt::XControl>(controls, UNO_QUERY_THROW)->getModel(),
                                              UNO_QUERY_THROW);
    Reference<css::resource::XStringResourceResolver> resolver(model->getPropertyValue("ResourceResolver"), UNO_QUERY);
    if (resolver.is()) pattern = toUtf8(resolver->resolveString(OUString::createFromAscii(key)));
  } catch (...) {
  }
  try {
    return fmt::format(fmt::runtime(pattern), args...);
  } catch (const fmt::format_error&) {
    return fmt::format(fmt::runtime(dutch), args...);
  }
}

std::vector<std::string> listItems(const Reference<css::awt::XControlContainer>& controls) {
  std::vector<std::string> items;
  for (const auto& item : control<css::awt::XListBox>(controls, "Sources")->getItems()) items.push_back(toUtf8(item));
  return items;
}

std::string selectedSource(const Reference<css::awt::XControlContainer>& controls) {
  auto list = control<css::awt::XListBox>(controls, "Sources");
  return list->getSelectedItemPos() < 0 ? std::string() : toUtf8(list->getSelectedItem());
}

Reference<css::task::XPasswordContainer2> passwords(const Reference<css::uno::XComponentContext>& context) {
  return css::task::PasswordContainer::create(context);
}

/// The token kept for an endpoint. Without a handler nothing prompts, and a token stored
/// persistently under a master password not yet given in this session is not found.
std::string storedToken(const Reference<css::uno::XComponentContext>& context, const std::string& url,
                        const Reference<css::task::XInteractionHandler>& handler) {
  try {
    const css::task::UrlRecord record = passwords(context)->find(toOU(url), handler);
    if (record.Url == toOU(url))  // find() also matches prefixes
      for (const auto& user : record.UserList)
        if (user.UserName.equalsAscii(kTokenUser) && user.Passwords.hasElements() && !user.Passwords[0].isEmpty())
          return toUtf8(user.Passwords[0]);
  } catch (const css::uno::Exception&) {
  }
  return {};
}

bool persistentStoringAllowed(const Reference<css::uno::XComponentContext>& context) {
  try {
    return passwords(context)->isPersistentStoringAllowed();
  } catch (const css::uno::Exception&) {
    return false;
  }
}

void showMessage(const Reference<css::uno::XComponentContext>& context, const Reference<css::awt::XWindow>& window,
                 css::awt::MessageBoxType type, const std::string& message) {
  try {
    Reference<css::awt::XWindowPeer> parent(Reference<css::awt::XControl>(window, UNO_QUERY_THROW)->getPeer(),
                                            UNO_QUERY_THROW);
    Reference<css::awt::XMessageBoxFactory> factory(css::awt::Toolkit::create(context), UNO_QUERY_THROW);
    Reference<css::awt::XMessageBox> box =
        factory->createMessageBox(parent, type, css::awt::MessageBoxButtons::BUTTONS_OK, "Raadsbrief", toOU(message));
    try {
      box->execute();
    } catch (...) {
      disposeQuietly(box);
      throw;
    }
    disposeQuietly(box);
  } catch (...) {
    // Showing the message failed too: nothing more can be done safely inside the office.
  }
}

}  // namespace

OptionsPage::OptionsPage(Reference<css::uno::XComponentContext> context) : m_xContext(std::move(context)) {}

sal_Bool OptionsPage::callHandlerMethod(const Reference<css::awt::XWindow>& window, const Any& event,
                                        const OUString& method) {
  Controls controls(window, UNO_QUERY);
  if (!controls.is()) return false;
  bool ok = false;
  std::string message;
  try {
    if (method == "external_event") {
      OUString what;
      event >>= what;
      ok = what == "ok";
      if (what == "ok") save(controls, window);
      else if (what == "initialize" || what == "back") load(controls);
      else return false;
      return true;
    }
    if (method == "addSource") addSource(controls);
    else if (method == "removeSource") removeSource(controls);
    else if (method == "moveUp") moveSource(controls, -1);
    else if (method == "moveDown") moveSource(controls, +1);
    else if (method == "sourceSelected") sourceSelected(controls);
    else if (method == "forgetToken") forgetToken(controls);
    else if (method == "testConnection") testConnection(controls, window);
    else if (method == "clearCache") clearCache(controls);
    else return false;
    return true;
  } catch (const Error& e) {
    message = e.what();
  } catch (const css::uno::Exception& e) {
    message = "LibreOffice-fout: " + toUtf8(e.Message);
  } catch (const std::exception& e) {
    message = std::string("Interne fout: ") + e.what();
  } catch (...) {
    message = "Onbekende interne fout";
  }
  // Never let anything escape into the options dialog: one clear message instead.
  try {
    if (ok)
      showMessage(
          m_xContext, window, css::awt::MessageBoxType_ERRORBOX,
          text(controls, "Result.NotSaved", "De instellingen van Raadsbrief zijn niet opgeslagen: {0}", message));
    else setLabel(controls, "Result", text(controls, "Result.Error", "Raadsbrief: {0}", message));
  } catch (...) {
  }
  return true;
}

Sequence<OUString> OptionsPage::getSupportedMethodNames() {
  return seqOf<OUString>({"external_event", "addSource", "removeSource", "moveUp", "moveDown", "sourceSelected",
                          "forgetToken", "testConnection", "clearCache"});
}

void OptionsPage::load(const Controls& controls) {
  const settings::Settings values = readSettings(m_xContext);
  auto list = control<css::awt::XListBox>(controls, "Sources");
  list->removeItems(0, list->getItemCount());
  for (const auto& s : values.sources) list->addItem(toOU(s), list->getItemCount());
  if (!values.sources.empty()) list->selectItemPos(0, true);
  control<css::awt::XNumericField>(controls, "ConnectTimeout")->setValue(values.connectTimeoutSeconds);
  control<css::awt::XNumericField>(controls, "ReadTimeout")->setValue(values.readTimeoutSeconds);
  control<css::awt::XCheckBox>(controls, "AllowStale")->setState(values.allowStaleCache ? 1 : 0);
  control<css::awt::XTextComponent>(controls, "NewSource")->setText({});
  control<css::awt::XTextComponent>(controls, "Token")->setText({});
  m_pendingTokens.clear();
  m_tokenSource.clear();
  setLabel(controls, "Result", {});
  sourceSelected(controls);
}

void OptionsPage::save(const Controls& controls, const Reference<css::awt::XWindow>& window) {
  keepTypedToken(controls);
  settings::Settings values;
  values.sources = listItems(controls);
  values.connectTimeoutSeconds =
      static_cast<int>(std::lround(control<css::awt::XNumericField>(controls, "ConnectTimeout")->getValue()));
  values.readTimeoutSeconds =
      static_cast<int>(std::lround(control<css::awt::XNumericField>(controls, "ReadTimeout")->getValue()));
  values.allowStaleCache = control<css::awt::XCheckBox>(controls, "AllowStale")->getState() == 1;
  writeSettings(m_xContext, values);

  // Tokens: persistently (encrypted with the master password) only when the user turned on
  // "save passwords persistently" in Tools ▸ Options ▸ LibreOffice ▸ Security; otherwise, or when
  // no master password is given, for this session only. We never turn persistent storing on.
  auto container = passwords(m_xContext);
  const Reference<css::task::XInteractionHandler> handler(
      css::task::InteractionHandler::createWithParent(m_xContext, window).get());
  bool sessionOnly = false;
  for (const auto& [url, token] : std::exchange(m_pendingTokens, {})) {
    const OUString key = toOU(url);
    const OUString user = OUString::createFromAscii(kTokenUser);
    if (!token) {
      try {
        container->removePersistent(key, user);
      } catch (const css::uno::Exception&) {
      }
      try {
        container->remove(key, user);
      } catch (const css::uno::Exception&) {
      }
      continue;
    }
    const Sequence<OUString> secret = seqOf<OUString>({toOU(*token)});
    bool stored = false;
    if (container->isPersistentStoringAllowed()) {
      try {
        container->addPersistent(key, user, secret, handler);
        stored = true;
      } catch (const css::uno::Exception&) {
        // No master password given: keep it for the session below.
      }
    }
    if (!stored) {
      container->add(key, user, secret, handler);
      sessionOnly = true;
    }
  }
  m_tokenSource.clear();
  if (sessionOnly)
    showMessage(m_xContext, window, css::awt::MessageBoxType_INFOBOX,
                "Het token is alleen voor deze sessie bewaard. Om het te onthouden: zet in Extra \u25b8 Opties \u25b8 "
                "LibreOffice \u25b8 Beveiliging het permanent opslaan van wachtwoorden aan (met een hoofdwachtwoord) "
                "en voer het token opnieuw in.");
}

void OptionsPage::addSource(const Controls& controls) {
  const std::string source = settings::normaliseSource(fieldText(controls, "NewSource"));  // throws with the reason
  auto list = control<css::awt::XListBox>(controls, "Sources");
  const auto items = listItems(controls);
  auto at = std::find(items.begin(), items.end(), source);
  if (at == items.end()) list->addItem(toOU(source), list->getItemCount());
  list->selectItemPos(static_cast<sal_Int16>(at == items.end() ? list->getItemCount() - 1 : at - items.begin()), true);
  control<css::awt::XTextComponent>(controls, "NewSource")->setText({});
  setLabel(controls, "Result", {});
  sourceSelected(controls);
}

void OptionsPage::removeSource(const Controls& controls) {
  auto list = control<css::awt::XListBox>(controls, "Sources");
  const sal_Int16 pos = list->getSelectedItemPos();
  if (pos < 0) throw Error(ErrorKind::Usage, text(controls, "Status.NoSelection", "Kies eerst een bron in de lijst."));
  keepTypedToken(controls);
  list->removeItems(pos, 1);
  if (list->getItemCount() > 0) list->selectItemPos(std::min<sal_Int16>(pos, list->getItemCount() - 1), true);
  sourceSelected(controls);
}

void OptionsPage::moveSource(const Controls& controls, int delta) {
  auto list = control<css::awt::XListBox>(controls, "Sources");
  const sal_Int16 pos = list->getSelectedItemPos();
  const int to = pos + delta;
  if (pos < 0 || to < 0 || to >= list->getItemCount()) return;
  const OUString item = list->getSelectedItem();
  list->removeItems(pos, 1);
  list->addItem(item, static_cast<sal_Int16>(to));
  list->selectItemPos(static_cast<sal_Int16>(to), true);
}

void OptionsPage::keepTypedToken(const Controls& controls) {
  auto field = control<css::awt::XTextComponent>(controls, "Token");
  const std::string typed = toUtf8(field->getText().trim());
  if (!typed.empty() && !m_tokenSource.empty()) m_pendingTokens[m_tokenSource] = typed;
  field->setText({});  // a token is never shown again
}

void OptionsPage::sourceSelected(const Controls& controls) {
  keepTypedToken(controls);
  m_tokenSource = settings::tokenKey(selectedSource(controls)).value_or(std::string());
  showTokenStatus(controls);
}

void OptionsPage::showTokenStatus(const Controls& controls) {
  const bool selected = !selectedSource(controls).empty();
  const bool takesToken = !m_tokenSource.empty();
  enable(controls, "Token", takesToken);
  enable(controls, "ForgetToken", takesToken);
  std::string status;
  if (!selected) status = text(controls, "Status.NoSource", "Kies een API-bron in de lijst om een token in te voeren.");
  else if (!takesToken) status = text(controls, "Status.NoTokenNeeded", "Deze bron gebruikt geen token.");
  else if (auto pending = m_pendingTokens.find(m_tokenSource); pending != m_pendingTokens.end())
    status = !pending->second ? text(controls, "Status.TokenForget", "Het token wordt bij OK vergeten.")
             : persistentStoringAllowed(m_xContext)
                 ? text(controls, "Status.TokenPending", "Nieuw token: wordt bij OK bewaard.")
                 : text(controls, "Status.TokenPendingSession",
                        "Nieuw token: bij OK bewaard, alleen deze sessie (wachtwoorden permanent opslaan staat uit).");
  else if (!storedToken(m_xContext, m_tokenSource, {}).empty())
    status = text(controls, "Status.TokenStored", "Er is een token bewaard (het wordt niet getoond).");
  else status = text(controls, "Status.TokenNone", "Geen token bewaard.");
  setLabel(controls, "TokenStatus", status);
}

void OptionsPage::forgetToken(const Controls& controls) {
  if (m_tokenSource.empty())
    throw Error(ErrorKind::Usage,
                text(controls, "Status.NoSource", "Kies een API-bron in de lijst om een token in te voeren."));
  control<css::awt::XTextComponent>(controls, "Token")->setText({});
  m_pendingTokens[m_tokenSource] = std::nullopt;
  showTokenStatus(controls);
}

void OptionsPage::testConnection(const Controls& controls, const Reference<css::awt::XWindow>& window) {
  keepTypedToken(controls);
  showTokenStatus(controls);
  // The selected source, else the first; with none, the bundled figures.
  std::string source = selectedSource(controls);
  if (source.empty()) {
    const auto items = listItems(controls);
    source = items.empty() ? "bundled" : items.front();
  }
  const sources::SourceSpec spec = sources::parseSource(source);
  settings::Settings values;  // the timeouts on the page, saved or not
  values.connectTimeoutSeconds =
      static_cast<int>(std::lround(control<css::awt::XNumericField>(controls, "ConnectTimeout")->getValue()));
  values.readTimeoutSeconds =
      static_cast<int>(std::lround(control<css::awt::XNumericField>(controls, "ReadTimeout")->getValue()));
  sources::LoadPolicy policy;
  settings::applyTo(values, policy.http);
  policy.http.maxRetries = 1;  // a test should answer soon; a generation retries more
  policy.http.cacheDir = settings::cacheHome() / "http";
  policy.http.allowStaleCache = false;                       // a test must reach the source
  policy.spreadsheetReader = spreadsheetReader(m_xContext);  // own figures in .ods/.xlsx
  const OUString root = css::deployment::PackageInformationProvider::get(m_xContext)
                            ->getPackageLocation(OUString::createFromAscii(kExtensionId));
  OUString bundled;
  if (osl::FileBase::getSystemPathFromFileURL(root + "/data/demo-dataset.json", bundled) == osl::FileBase::E_None)
    policy.bundledDataset = toUtf8(bundled);
  // The token typed on this page (not yet saved), else the stored one; the user asked for this
  // test, so a master password may be asked for.
  policy.token = [&](const std::string& location) -> std::string {
    const auto pending = m_pendingTokens.find(location);
    if (pending != m_pendingTokens.end()) return pending->second.value_or(std::string());
    return storedToken(m_xContext, location, css::task::InteractionHandler::createWithParent(m_xContext, window).get());
  };
  // Feedback at once, before the wait: what is being tried and how long it may take.
  setLabel(controls, "Result",
           text(controls, "Result.Testing", "Bezig met testen van {0}\u2026 (hoogstens {1} seconden)", source,
                values.connectTimeoutSeconds + values.readTimeoutSeconds));
  showNow(m_xContext);
  std::string result;
  try {
    const auto dataset = sources::loadSource(spec, policy).dataset;
    const std::string summary = settings::describe(*dataset);
    switch (spec.kind) {
      case sources::SourceSpec::Kind::Bundled:
        result = text(controls, "Result.Bundled", "Meegeleverde cijfers: {0}.", summary);
        break;
      case sources::SourceSpec::Kind::File:
        result = text(controls, "Result.File", "Bestand {0}: {1}.", spec.location, summary);
        break;
      default: result = text(controls, "Result.Connected", "Verbonden met {0}: {1}.", spec.location, summary);
    }
  } catch (const Error& e) {
    std::string reason = e.what();
    if (!reason.empty() && reason.back() == '.') reason.pop_back();
    result = text(controls, "Result.Failed",
                  "Mislukt ({0}): {1}. Controleer het adres en het token hierboven, of probeer het later opnieuw.",
                  source, reason);
  }
  setLabel(controls, "Result", result);
}

void OptionsPage::clearCache(const Controls& controls) {
  const std::size_t files = settings::clearCache(settings::cacheHome() / "http");
  forgetLoadedDatasets();
  setLabel(controls, "Result",
           text(controls, "Result.CacheCleared", "Cache geleegd: {0} bestand(en) verwijderd.", files));
}

OUString OptionsPage::getImplementationName() { return OUString::createFromAscii(kOptionsPageImplementation); }
sal_Bool OptionsPage::supportsService(const OUString& name) { return cppu::supportsService(this, name); }
Sequence<OUString> OptionsPage::getSupportedServiceNames() {
  return seqOf<OUString>({OUString::createFromAscii(kOptionsPageService)});
}

}  // namespace raadsbrief::office
