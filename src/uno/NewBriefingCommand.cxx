#include "NewBriefingCommand.hxx"

#include <com/sun/star/awt/DialogProvider2.hpp>
#include <com/sun/star/awt/MessageBoxType.hpp>
#include <com/sun/star/awt/MessageBoxButtons.hpp>
#include <com/sun/star/awt/Toolkit.hpp>
#include <com/sun/star/awt/XControlContainer.hpp>
#include <com/sun/star/awt/XDialog2.hpp>
#include <com/sun/star/awt/XListBox.hpp>
#include <com/sun/star/awt/XMessageBoxFactory.hpp>
#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/DispatchDescriptor.hpp>
#include <com/sun/star/frame/DispatchResultEvent.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <cppuhelper/supportsservice.hxx>
#include <nl/raadsbrief/GenerationException.hpp>

#include <vector>

#include "BriefingGenerator.hxx"
#include "Convert.hxx"

using css::uno::Any;
using css::uno::Reference;
using css::uno::Sequence;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;
using rtl::OUString;

namespace raadsbrief::office {
namespace {

OUString argument(const Sequence<css::beans::PropertyValue>& args, const char* name) {
  for (const auto& a : args)
    if (a.Name.equalsAscii(name)) {
      OUString value;
      a.Value >>= value;
      return value;
    }
  return {};
}

Reference<css::awt::XListBox> listBox(const Reference<css::awt::XControlContainer>& controls, const char* name) {
  return Reference<css::awt::XListBox>(controls->getControl(OUString::createFromAscii(name)), UNO_QUERY_THROW);
}

}  // namespace

ProtocolHandler::ProtocolHandler(Reference<css::uno::XComponentContext> context) : m_xContext(std::move(context)) {}

void ProtocolHandler::initialize(const Sequence<Any>& arguments) {
  for (const auto& a : arguments) {
    Reference<css::frame::XFrame> frame(a, UNO_QUERY);
    if (frame.is()) m_xFrame = frame;
  }
}

Reference<css::frame::XDispatch> ProtocolHandler::queryDispatch(const css::util::URL& url, const OUString&, sal_Int32) {
  if (url.Protocol.equalsAscii(kProtocol) && url.Path == "NewBriefing") return this;
  return {};
}

Sequence<Reference<css::frame::XDispatch>> ProtocolHandler::queryDispatches(const Sequence<css::frame::DispatchDescriptor>& requests) {
  Sequence<Reference<css::frame::XDispatch>> out(requests.getLength());
  for (sal_Int32 i = 0; i < requests.getLength(); ++i)
    out.getArray()[i] = queryDispatch(requests[i].FeatureURL, requests[i].FrameName, requests[i].SearchFlags);
  return out;
}

void ProtocolHandler::dispatch(const css::util::URL& url, const Sequence<css::beans::PropertyValue>& args) {
  (void)run(url, args);
}

void ProtocolHandler::dispatchWithNotification(const css::util::URL& url, const Sequence<css::beans::PropertyValue>& args,
                                               const Reference<css::frame::XDispatchResultListener>& listener) {
  const auto [state, message] = run(url, args);
  if (!listener.is()) return;
  try {
    css::frame::DispatchResultEvent event;
    event.Source = static_cast<cppu::OWeakObject*>(this);
    event.State = state;
    event.Result <<= message;
    listener->dispatchFinished(event);
  } catch (...) {
    // A listener that fails is not our user's problem.
  }
}

std::pair<sal_Int16, OUString> ProtocolHandler::run(const css::util::URL& url, const Sequence<css::beans::PropertyValue>& args) {
  // Never let anything escape into the office: it would take the user's documents down.
  OUString message;
  try {
    if (url.Path != "NewBriefing") return {css::frame::DispatchResultState::FAILURE, "Onbekende opdracht " + url.Complete};
    return {newBriefing(args) ? css::frame::DispatchResultState::SUCCESS : css::frame::DispatchResultState::DONTKNOW, {}};
  } catch (const nl::raadsbrief::GenerationException& e) {
    message = e.Message;
  } catch (const css::uno::Exception& e) {
    message = "Raadsbrief kon de briefing niet maken: " + e.Message;
  } catch (const std::exception& e) {
    message = "Raadsbrief: interne fout: " + OUString::createFromAscii(e.what());
  } catch (...) {
    message = "Raadsbrief: onbekende interne fout.";
  }
  showError(message);
  return {css::frame::DispatchResultState::FAILURE, message};
}

bool ProtocolHandler::newBriefing(const Sequence<css::beans::PropertyValue>& args) {
  Reference<nl::raadsbrief::XBriefingGenerator> generator(new BriefingGenerator(m_xContext));
  OUString municipality = argument(args, "Municipality");
  OUString period = argument(args, "Period");
  OUString templateName = argument(args, "Template");
  const OUString source = argument(args, "Source");

  if (municipality.isEmpty()) {  // ask the user
    Reference<css::awt::XDialogProvider2> provider = css::awt::DialogProvider2::create(m_xContext);
    Reference<css::awt::XDialog> dialog =
        provider->createDialog("vnd.sun.star.extension://" + OUString::createFromAscii(kExtensionId) + "/dialogs/NewBriefing.xdl");
    Reference<css::awt::XControlContainer> controls(dialog, UNO_QUERY_THROW);

    const auto rows = generator->listMunicipalities(source);
    Sequence<OUString> names(rows.getLength());
    std::vector<OUString> codes;
    for (sal_Int32 i = 0; i < rows.getLength(); ++i) {
      const sal_Int32 tab1 = rows[i].indexOf('\t');
      const sal_Int32 tab2 = rows[i].indexOf('\t', tab1 + 1);
      const OUString region = rows[i].copy(tab2 + 1);
      names.getArray()[i] = rows[i].copy(tab1 + 1, tab2 - tab1 - 1) + " (" + rows[i].copy(0, tab1) + ")" +
                            (region.isEmpty() ? OUString() : toOU(" \u2013 ") + region);
      codes.push_back(rows[i].copy(0, tab1));
    }
    auto municipalities = listBox(controls, "Municipality");
    municipalities->addItems(names, 0);
    for (sal_Int32 i = 0; i < static_cast<sal_Int32>(codes.size()); ++i)
      if (codes[static_cast<std::size_t>(i)] == "GM0546") municipalities->selectItemPos(i, true);
    auto templates = listBox(controls, "Template");
    const auto templateNames = generator->listTemplates();
    templates->addItems(templateNames, 0);
    sal_Int16 preferred = 0;  // the council memo when it is there
    for (sal_Int32 i = 0; i < templateNames.getLength(); ++i)
      if (templateNames[i] == "raadsinformatiebrief") preferred = static_cast<sal_Int16>(i);
    templates->selectItemPos(preferred, true);

    if (dialog->execute() != 1) return false;  // cancelled (or no display)
    const sal_Int16 chosen = municipalities->getSelectedItemPos();
    if (chosen < 0) return false;
    municipality = codes[static_cast<std::size_t>(chosen)];
    templateName = templates->getSelectedItem();
    period.clear();
  }
  if (templateName.isEmpty()) templateName = "raadsinformatiebrief";
  generator->createDocument(templateName, municipality, period, source, {}, false);
  return true;
}

void ProtocolHandler::showError(const OUString& message) {
  try {
    if (!m_xFrame.is()) return;
    Reference<css::awt::XWindowPeer> parent(m_xFrame->getContainerWindow(), UNO_QUERY);
    if (!parent.is()) return;
    Reference<css::awt::XMessageBoxFactory> factory(css::awt::Toolkit::create(m_xContext), UNO_QUERY_THROW);
    factory->createMessageBox(parent, css::awt::MessageBoxType_ERRORBOX, css::awt::MessageBoxButtons::BUTTONS_OK, "Raadsbrief", message)
        ->execute();
  } catch (...) {
    // Showing the message failed too; swallowing is the only safe choice inside the office.
  }
}

void ProtocolHandler::addStatusListener(const Reference<css::frame::XStatusListener>&, const css::util::URL&) {}
void ProtocolHandler::removeStatusListener(const Reference<css::frame::XStatusListener>&, const css::util::URL&) {}

OUString ProtocolHandler::getImplementationName() { return OUString::createFromAscii(kHandlerImplementation); }
sal_Bool ProtocolHandler::supportsService(const OUString& name) { return cppu::supportsService(this, name); }
Sequence<OUString> ProtocolHandler::getSupportedServiceNames() {
  return seqOf<OUString>({"com.sun.star.frame.ProtocolHandler"});
}

}  // namespace raadsbrief::office
