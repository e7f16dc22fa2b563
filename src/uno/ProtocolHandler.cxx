#include "ProtocolHandler.hxx"

#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/DispatchDescriptor.hpp>
#include <com/sun/star/frame/DispatchResultEvent.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <cppuhelper/supportsservice.hxx>
#include <nl/raadsbrief/GenerationException.hpp>

#include "BriefingGenerator.hxx"
#include "Convert.hxx"
#include "DialogSupport.hxx"
#include "Error.hpp"

namespace raadsbrief::office {
namespace {

/// What the user can do next after a failure of this kind (GenerationException.Kind); "" when the
/// message itself says it (wrong usage: "Open eerst een tekstdocument in Writer.").
const char* nextStep(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Source:
      return "Controleer het adres op Extra \u25b8 Opties \u25b8 Raadsbrief of probeer het later opnieuw.";
    case ErrorKind::Data:
      return "Controleer het bestand, of kies een andere bron op Extra \u25b8 Opties \u25b8 Raadsbrief.";
    case ErrorKind::Template: return "Verbeter de genoemde velden in het sjabloon en probeer het opnieuw.";
    case ErrorKind::NotFound: return "Controleer de naam of kies er een uit de lijst, en probeer het opnieuw.";
    case ErrorKind::Office:
      return "Sla uw werk op en probeer het opnieuw; helpt dat niet, start LibreOffice dan opnieuw.";
    case ErrorKind::Usage:
    case ErrorKind::Cancelled: return "";
    default: return "Probeer het opnieuw; blijft het misgaan, meld het dan met de tekst van deze melding.";
  }
}

/// The message with what to do next after it (once).
OUString withNextStep(const OUString& message, ErrorKind kind) {
  const OUString step = toOU(nextStep(kind));
  if (step.isEmpty() || message.indexOf(step) >= 0) return message;
  return message + "\n\n" + step;
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
  if (url.Protocol.equalsAscii(kProtocol) &&
      (url.Path == "NewBriefing" || url.Path == "InsertFigure" || url.Path == "Refresh" || url.Path == "Options" ||
       url.Path == "FillTemplate" || url.Path == "SwitchSources"))
    return this;
  return {};
}

Sequence<Reference<css::frame::XDispatch>> ProtocolHandler::queryDispatches(
    const Sequence<css::frame::DispatchDescriptor>& requests) {
  Sequence<Reference<css::frame::XDispatch>> out(requests.getLength());
  for (sal_Int32 i = 0; i < requests.getLength(); ++i)
    out.getArray()[i] = queryDispatch(requests[i].FeatureURL, requests[i].FrameName, requests[i].SearchFlags);
  return out;
}

void ProtocolHandler::dispatch(const css::util::URL& url, const Sequence<css::beans::PropertyValue>& args) {
  (void)run(url, args);
}

void ProtocolHandler::dispatchWithNotification(const css::util::URL& url,
                                               const Sequence<css::beans::PropertyValue>& args,
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

ProtocolHandler::Outcome ProtocolHandler::run(const css::util::URL& url,
                                              const Sequence<css::beans::PropertyValue>& args) {
  // Never let anything escape into the office: it would take the user's documents down.
  OUString message;
  ErrorKind kind = ErrorKind::Internal;
  try {
    if (url.Path == "NewBriefing") return newBriefing(args);
    if (url.Path == "InsertFigure") return insertFigure(args);
    if (url.Path == "Refresh") return refresh(args);
    if (url.Path == "Options") return openOptions();
    if (url.Path == "FillTemplate") return fillTemplate(args);
    if (url.Path == "SwitchSources") return switchSources();
    return {css::frame::DispatchResultState::FAILURE, "Onbekende opdracht " + url.Complete};
  } catch (const nl::raadsbrief::GenerationException& e) {
    if (e.Kind == static_cast<sal_Int32>(ErrorKind::Cancelled))
      return {css::frame::DispatchResultState::DONTKNOW, e.Message};
    message = e.Message;
    kind = static_cast<ErrorKind>(e.Kind);
  } catch (const css::uno::Exception& e) {
    message = "Raadsbrief: LibreOffice-fout: " + e.Message;
    kind = ErrorKind::Office;
  } catch (const std::exception& e) {
    message = "Raadsbrief: interne fout: " + toOU(e.what());  // our errors say it in Dutch, UTF-8
  } catch (...) {
    message = "Raadsbrief: onbekende interne fout.";
  }
  message = withNextStep(message, kind);
  showMessage(m_xContext, m_xFrame, MessageKind::Error, message);
  return {css::frame::DispatchResultState::FAILURE, message};
}

void ProtocolHandler::addStatusListener(const Reference<css::frame::XStatusListener>&, const css::util::URL&) {}
void ProtocolHandler::removeStatusListener(const Reference<css::frame::XStatusListener>&, const css::util::URL&) {}

OUString ProtocolHandler::getImplementationName() { return OUString::createFromAscii(kHandlerImplementation); }
sal_Bool ProtocolHandler::supportsService(const OUString& name) { return cppu::supportsService(this, name); }
Sequence<OUString> ProtocolHandler::getSupportedServiceNames() {
  return seqOf<OUString>({"com.sun.star.frame.ProtocolHandler"});
}

}  // namespace raadsbrief::office
