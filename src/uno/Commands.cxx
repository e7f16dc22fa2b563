// The bodies of the Raadsbrief commands (see ProtocolHandler.hxx): dialogs, progress in the
// status bar, and calls into the BriefingGenerator service, which does the work.
#include <com/sun/star/awt/AsyncCallback.hpp>
#include <com/sun/star/awt/XButton.hpp>
#include <com/sun/star/awt/XCallback.hpp>
#include <com/sun/star/awt/XDialog2.hpp>
#include <com/sun/star/awt/XFixedText.hpp>
#include <com/sun/star/awt/XListBox.hpp>
#include <com/sun/star/awt/XRequestCallback.hpp>
#include <com/sun/star/awt/XTextComponent.hpp>
#include <com/sun/star/awt/XWindow.hpp>
#include <com/sun/star/awt/XWindowListener.hpp>
#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/container/XNameAccess.hpp>
#include <com/sun/star/frame/DispatchHelper.hpp>
#include <com/sun/star/frame/DispatchResultState.hpp>
#include <com/sun/star/frame/XController.hpp>
#include <com/sun/star/frame/XDispatchProvider.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/task/XStatusIndicator.hpp>
#include <com/sun/star/task/XStatusIndicatorFactory.hpp>
#include <com/sun/star/text/XTextDocument.hpp>
#include <com/sun/star/util/theMacroExpander.hpp>
#include <nl/raadsbrief/GenerationException.hpp>
#include <rtl/uri.hxx>

#include <cppuhelper/implbase1.hxx>
#include <osl/process.h>
#include <rtl/ref.hxx>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "Bindings.hxx"
#include "BriefingGenerator.hxx"
#include "Convert.hxx"
#include "DialogSupport.hxx"
#include "Error.hpp"
#include "ProtocolHandler.hxx"
#include "RefreshChanges.hxx"
#include "Settings.hxx"
#include "SourceSwitch.hxx"
#include "model/Period.hpp"
#include "refresh/DefaultMunicipality.hpp"
#include "refresh/Refresh.hpp"
#include "settings/Settings.hpp"
#include "sources/Loader.hpp"

namespace raadsbrief::office {
namespace {

namespace Result = css::frame::DispatchResultState;

/// A dispatch argument: Municipality, Period, Template, Source, Field (strings); Apply (boolean).
OUString argument(const Sequence<css::beans::PropertyValue>& args, const char* name) {
  for (const auto& a : args)
    if (a.Name.equalsAscii(name)) {
      OUString value;
      a.Value >>= value;
      return value;
    }
  return {};
}

bool flag(const Sequence<css::beans::PropertyValue>& args, const char* name) {
  for (const auto& a : args)
    if (a.Name.equalsAscii(name)) {
      bool value = false;
      a.Value >>= value;
      return value;
    }
  return false;
}

bool hasArgument(const Sequence<css::beans::PropertyValue>& args, const char* name) {
  for (const auto& a : args)
    if (a.Name.equalsAscii(name)) return true;
  return false;
}

/// Progress in the status bar while a command works; gone when it ends. The status bar of the
/// frame, or the indicator a caller passed as the dispatch argument StatusIndicator (the name
/// LibreOffice's media descriptors use; a macro or a test can watch the progress that way).
/// Texts are UTF-8 (std::string_view, so a Dutch literal cannot silently become an OUString read
/// as Latin-1: "vergelijken…" once showed as "vergelijkenâ€¦").
class Progress {
 public:
  Progress(const Reference<css::frame::XFrame>& frame, const Sequence<css::beans::PropertyValue>& args,
           std::string_view text) {
    try {
      for (const auto& a : args)
        if (a.Name == "StatusIndicator") a.Value >>= m_indicator;
      if (!m_indicator.is()) {
        Reference<css::task::XStatusIndicatorFactory> factory(frame, UNO_QUERY);
        if (factory.is()) m_indicator = factory->createStatusIndicator();
      }
      if (m_indicator.is()) m_indicator->start(toOU(std::string(text)), 3);
    } catch (...) {
      m_indicator.clear();  // no status bar (headless): work without one
    }
  }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void step(std::string_view text, sal_Int32 value) {
    try {
      if (!m_indicator.is()) return;
      m_indicator->setText(toOU(std::string(text)));
      m_indicator->setValue(value);
    } catch (...) {
    }
  }
  ~Progress() {
    try {
      if (m_indicator.is()) m_indicator->end();
    } catch (...) {
    }
  }

 private:
  Reference<css::task::XStatusIndicator> m_indicator;
};

rtl::Reference<BriefingGenerator> generator(const Reference<css::uno::XComponentContext>& context) {
  return new BriefingGenerator(context);
}

bool headless() { return officeIsHeadless(); }

/// Ends a modal dialog from the main thread (posted there by the worker through AsyncCallback).
/// The callback can still be pending when the command is done with the dialog (Annuleren ended it
/// first): forget() before the dialog is disposed, so a late callback touches nothing.
class DialogCloser final : public cppu::WeakImplHelper1<css::awt::XCallback> {
 public:
  explicit DialogCloser(Reference<css::awt::XDialog> dialog) : m_dialog(std::move(dialog)) {}
  void SAL_CALL notify(const Any&) override {
    Reference<css::awt::XDialog> dialog;
    {
      const std::lock_guard<std::mutex> lock(m_mutex);
      dialog = m_dialog;
    }
    try {
      if (dialog.is()) dialog->endExecute();
    } catch (...) {
    }
  }
  void forget() {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_dialog.clear();
  }

 private:
  std::mutex m_mutex;
  Reference<css::awt::XDialog> m_dialog;
};

/// A gate the worker waits at, off the main thread (holding no lock the office needs). As a window
/// listener of the progress dialog it opens when the dialog is on screen (windowShown); the command
/// opens it itself otherwise (execute() has returned, or never ran).
class ShownGate final : public cppu::WeakImplHelper1<css::awt::XWindowListener> {
 public:
  void SAL_CALL windowShown(const css::lang::EventObject&) override { open(); }
  void SAL_CALL windowHidden(const css::lang::EventObject&) override {}
  void SAL_CALL windowResized(const css::awt::WindowEvent&) override {}
  void SAL_CALL windowMoved(const css::awt::WindowEvent&) override {}
  void SAL_CALL disposing(const css::lang::EventObject&) override { open(); }
  void open() {
    {
      const std::lock_guard<std::mutex> lock(m_mutex);
      m_open = true;
    }
    m_opened.notify_all();
  }
  /// Whether the gate opened within `time`.
  bool waitFor(std::chrono::milliseconds time) {
    std::unique_lock<std::mutex> lock(m_mutex);
    return m_opened.wait_for(lock, time, [this] { return m_open; });
  }

 private:
  std::mutex m_mutex;
  std::condition_variable m_opened;
  bool m_open = false;
};

/// The sources a command uses for a document: the Source argument when given; else the sources
/// the document records, but only those the user trusts — the bundled data, the user's own
/// sources (Tools ▸ Options ▸ Raadsbrief), or what the user confirms here, like LibreOffice's
/// "update links?". A document can come from anyone: its sources are suggestions (docs/security.md).
/// nullopt when the user declined (headless: nothing to confirm with, so declined).
std::optional<OUString> documentSources(const Reference<css::uno::XComponentContext>& context,
                                        const Reference<css::frame::XFrame>& frame, const OUString& source,
                                        const std::optional<refresh::DocumentRecord>& record) {
  if (!source.isEmpty() || !record) return source;
  const auto untrusted =
      sources::SourceList::parse(record->source).notAmong(sources::SourceList::of(readSettings(context).sources));
  if (untrusted.empty()) return source;  // the service uses the recorded sources itself
  std::string names;
  for (const auto& spec : untrusted) names += "\n    " + sources::displayName(spec);
  const std::string question =
      "Dit document haalt zijn cijfers bij een bron die u niet zelf hebt gekozen:" + names +
      "\n\nGebruik alleen bronnen die u vertrouwt: een onbekende bron kan verkeerde cijfers geven. "
      "Cijfers bij deze bron ophalen?\n(Kies Annuleren om de bron eerst in Extra \u25b8 Opties \u25b8 Raadsbrief te "
      "bekijken.)";
  if (!showMessage(context, frame, MessageKind::Question, toOU(question))) return std::nullopt;
  return toOU(record->source);
}

/// What a command says when the user did not confirm a document's sources.
constexpr const char* kSourcesDeclined = "Niets gedaan: de bron van dit document is niet bevestigd.";

/// Fetches the figures of `source` in a worker thread while a small dialog says so and offers
/// Annuleren (which cancels the fetch): Writer stays responsive. Headless, it simply fetches.
/// Threads: the worker makes no UI call at all. It only fetches (no Writer, no VCL) and then posts
/// a DialogCloser through AsyncCallback, whose notify() runs on the main thread from the main loop
/// that execute() is running; Annuleren's listener runs there too. The dialog is made, executed
/// and disposed by the command itself (docs/architecture.md, "Threads").
/// `municipalities`: the ones the command is for, when known (BriefingGenerator::prefetch: only
/// their figures); empty: the lists of the dialog alone (CBS: its code lists, never its figures).
/// Throws what the fetch threw (GenerationException; Kind 9 after Annuleren).
void fetchWithProgress(const Reference<css::uno::XComponentContext>& context,
                       const rtl::Reference<BriefingGenerator>& service, const OUString& source, bool configured,
                       const std::vector<std::string>& municipalities) {
  if (headless()) {
    service->prefetch(source, configured, municipalities);
    return;
  }
  const ScopedDialog dialog(context, "Progress");  // disposed last, after the worker has ended
  control<css::awt::XButton>(dialog, "Cancel")->addActionListener(new ChangeListener([service] { service->cancel(); }));
  Reference<css::awt::XRequestCallback> mainThread = css::awt::AsyncCallback::create(context);
  const rtl::Reference<DialogCloser> closer(new DialogCloser(dialog));
  // endExecute() on a dialog that does not run yet does nothing, and a command dispatched from
  // another thread (a macro, a test over the UNO bridge) may reach execute() only after the main
  // loop has handled a callback (two tests once hung on it, in one of several runs). So the worker
  // waits until the dialog is shown, then posts the closer again every 200 ms until execute() has
  // returned: a lost endExecute() costs 200 ms, never a dialog that stays open. (Paced off the main
  // thread: a closer that re-posted itself kept the main loop busy.)
  const rtl::Reference<ShownGate> shown(new ShownGate), ended(new ShownGate);
  Reference<css::awt::XWindow>(dialog.get(), UNO_QUERY_THROW)
      ->addWindowListener(Reference<css::awt::XWindowListener>(shown.get()));
  struct Forget {  // also when execute() throws: a late callback must not touch the disposed dialog
    const rtl::Reference<DialogCloser>& closer;
    ~Forget() { closer->forget(); }
  } const forget{closer};
  std::exception_ptr failure;
  std::atomic<bool> done{false};
  std::thread worker([&] {
    try {
      service->prefetch(source, configured, municipalities);  // no Writer calls: safe off the main thread
    } catch (...) {
      failure = std::current_exception();
    }
    done = true;
    (void)shown->waitFor(std::chrono::seconds(2));  // usually at once; never relied on
    do {
      try {
        mainThread->addCallback(Reference<css::awt::XCallback>(closer.get()), Any());
      } catch (...) {
      }
    } while (!ended->waitFor(std::chrono::milliseconds(200)));
  });
  try {
    dialog->execute();
  } catch (...) {
    service->cancel();
    shown->open();
    ended->open();
    worker.join();  // never leave a running thread behind: that would end the office
    throw;
  }
  if (!done) service->cancel();  // Annuleren did this already; Esc closes the dialog too
  shown->open();                 // (never shown, e.g. no display: the worker must not wait for it)
  ended->open();
  worker.join();
  if (failure) std::rethrow_exception(failure);
}

/// The one municipality a command was given, as a list; empty when none was.
std::vector<std::string> municipalityList(const OUString& municipality) {
  if (municipality.isEmpty()) return {};
  return {toUtf8(municipality)};
}

/// The municipalities a document's figures are about (its record's bindings), each once: a
/// refresh asks the sources for these only.
std::vector<std::string> documentMunicipalities(const std::optional<refresh::DocumentRecord>& record) {
  return record ? refresh::documentMunicipalities(*record) : std::vector<std::string>{};
}

/// Splits "a<TAB>b" rows into their first and second columns.
std::pair<std::vector<OUString>, std::vector<OUString>> columns(const Sequence<OUString>& rows) {
  std::vector<OUString> first, second;
  for (const auto& row : rows) {
    const sal_Int32 tab = row.indexOf('\t');
    first.push_back(tab < 0 ? row : row.copy(0, tab));
    second.push_back(tab < 0 ? row : row.copy(tab + 1));
  }
  return {first, second};
}

Sequence<OUString> toSequence(const std::vector<OUString>& v) {
  return Sequence<OUString>(v.data(), static_cast<sal_Int32>(v.size()));
}

/// Fills a period list: "Nieuwste cijfers (schuift mee bij bijwerken)" (the newest year), "Nieuwste
/// periode met cijfers" (latest: also a half-year), then the periods, newest first, as readers
/// know them: "1e halfjaar 2025*", "2024**". Returns the period per entry ("" = newest year).
std::vector<OUString> fillPeriods(const Reference<css::awt::XListBox>& list, const Sequence<OUString>& periods) {
  std::vector<OUString> values{OUString(), OUString("latest")},
      labels{"Nieuwste cijfers (schuift mee bij bijwerken)", "Nieuwste periode met cijfers, ook een halfjaar"};
  for (sal_Int32 i = periods.getLength() - 1; i >= 0; --i) {
    std::string id = toUtf8(periods[i]);
    std::string mark;
    while (!id.empty() && id.back() == '*') {
      mark += '*';
      id.pop_back();
    }
    values.push_back(toOU(id));
    labels.push_back(toOU(model::periodShortLabel(id) + mark));
  }
  list->addItems(toSequence(labels), 0);
  list->selectItemPos(0, true);
  return values;
}

/// The Dutch summary of a refresh (one line per change that matters, then the counts).
OUString summaryText(const Sequence<nl::raadsbrief::RefreshChange>& changes) {
  OUString text;
  for (const auto& line : refresh::describe(toCoreChanges(changes))) text += toOU(line) + "\n";
  return text;
}

sal_Int32 countStatus(const Sequence<nl::raadsbrief::RefreshChange>& changes, const char* status) {
  sal_Int32 n = 0;
  for (const auto& c : changes)
    if (c.Status.equalsAscii(status)) ++n;
  return n;
}

/// What the insert dialog offers: its label and the field it makes ("%" = the chosen indicator).
struct InsertKind {
  const char* label;
  const char* pattern;
};
constexpr InsertKind kInsertKinds[] = {
    {"Cijfer", "cijfer %"},
    {"Vergelijking met Nederland", "vergelijking % met=nederland"},
    {"Vergelijking met de jeugdregio", "vergelijking % met=jeugdregio"},
    {"Oordeel (beter/slechter dan landelijk)", "oordeel %"},
    {"Verschil met Nederland", "verschil %"},
    {"Ontwikkeling (sinds vorig jaar)", "ontwikkeling %"},
    {"Tabel: vergelijking", "tabel vergelijking"},
    {"Tabel: ontwikkeling", "tabel ontwikkeling %"},
    {"Grafiek: vergelijking", "grafiek vergelijking"},
    {"Grafiek: ontwikkeling", "grafiek ontwikkeling %"},
    {"Tabel: alle gemeenten van de jeugdregio", "tabel regio %"},
    {"Grafiek: alle gemeenten van de jeugdregio", "grafiek regio %"},
};

OUString fieldFor(std::size_t kind, const OUString& indicator) {
  const std::string pattern = kInsertKinds[kind].pattern;
  const auto at = pattern.find('%');
  if (at == std::string::npos) return toOU(pattern);
  return toOU(pattern.substr(0, at)) + indicator + toOU(pattern.substr(at + 1));
}

/// The municipality a dialog starts with (refresh::defaultMunicipality): the one the document is
/// about, else the one the user chose last time, else none; only a code the dialog lists (`rows`
/// as listMunicipalities gives them).
OUString startingMunicipality(const Reference<css::uno::XComponentContext>& context,
                              const Reference<css::frame::XFrame>& frame, const Sequence<OUString>& rows) {
  std::optional<refresh::DocumentRecord> record;
  try {
    Reference<css::frame::XController> controller = frame.is() ? frame->getController() : nullptr;
    Reference<css::text::XTextDocument> doc(controller.is() ? controller->getModel() : nullptr, UNO_QUERY);
    if (doc.is()) record = readRecord(doc);
  } catch (...) {
    // A damaged record: the refresh says so; a dialog just starts without it.
  }
  std::set<std::string> listed;
  for (const auto& row : rows) listed.insert(toUtf8(row.getToken(0, '\t')));
  return toOU(refresh::defaultMunicipality(record ? &*record : nullptr, toUtf8(readLastMunicipality(context)),
                                           [&](const std::string& code) { return listed.count(code) > 0; }));
}

/// The Nieuwe briefing dialog (also "sjabloon invullen"): municipality, period, the list at the top
/// (templates, or sources), and a preview that names whose figure it is: "Katwijk, 2023: 12,8% van
/// de jongeren kreeg jeugdhulp; dat is …". Disposed with this object.
class BriefingDialog {
 public:
  /// `source`: where the lists come from; `previewSource`: the sources the preview uses (the
  /// chosen ones, in the template dialog).
  BriefingDialog(const Reference<css::uno::XComponentContext>& context, const Reference<css::frame::XFrame>& frame,
                 rtl::Reference<BriefingGenerator> service, const OUString& source,
                 std::function<OUString()> previewSource)
      : m_context(context),
        m_dialog(context, "NewBriefing"),
        m_service(std::move(service)),
        m_previewSource(std::move(previewSource)),
        m_top(control<css::awt::XListBox>(m_dialog, "Template")),
        m_periods(control<css::awt::XListBox>(m_dialog, "Period")),
        m_periodValues(fillPeriods(m_periods, m_service->listPeriods(source))),
        m_preview(control<css::awt::XFixedText>(m_dialog, "Preview")) {
    const auto rows = m_service->listMunicipalities(source);
    m_picker = std::make_unique<MunicipalityPicker>(m_dialog, "MunicipalitySearch", "Municipality", rows,
                                                    [this] { update(); });
    m_picker->select(startingMunicipality(context, frame, rows));
    m_periods->addItemListener(new ChangeListener([this] { update(); }));
    m_top->addItemListener(new ChangeListener([this] { update(); }));
  }
  BriefingDialog(const BriefingDialog&) = delete;
  BriefingDialog& operator=(const BriefingDialog&) = delete;
  ~BriefingDialog() { disposeQuietly(m_dialog.get()); }  // first, while the listeners' target is whole

  [[nodiscard]] const Reference<css::awt::XDialog>& dialog() const { return m_dialog; }
  /// The list at the top: the templates (Nieuwe briefing) or the sources (sjabloon invullen).
  [[nodiscard]] const Reference<css::awt::XListBox>& top() const { return m_top; }

  /// Shows the dialog; true when the user chose OK with a municipality (remembered for next time).
  bool run() {
    update();
    if (m_dialog->execute() != 1 || m_picker->selectedCode().isEmpty()) return false;
    rememberMunicipality(m_context, m_picker->selectedCode());
    return true;
  }
  [[nodiscard]] OUString municipality() const { return m_picker->selectedCode(); }
  [[nodiscard]] OUString period() const {
    const sal_Int16 p = m_periods->getSelectedItemPos();
    return p < 0 ? OUString() : m_periodValues[static_cast<std::size_t>(p)];
  }

 private:
  void update() {
    if (!m_picker) return;
    const OUString code = m_picker->selectedCode();
    const OUString chosen = period(), from = m_previewSource();
    try {  // whose figure it is first
      m_preview->setText(
          code.isEmpty() ? OUString("Kies een gemeente.")
                         : m_picker->selectedName() + ", " + m_service->previewField("periode", code, chosen, from) +
                               ": " + m_service->previewField("cijfer jeugdhulp", code, chosen, from) +
                               " van de jongeren kreeg jeugdhulp; dat is " +
                               m_service->previewField("vergelijking jeugdhulp", code, chosen, from) + ".");
    } catch (const nl::raadsbrief::GenerationException& e) {
      m_preview->setText(e.Message);  // e.g. "no figures for this municipality": said before anything is made
    }
  }

  Reference<css::uno::XComponentContext> m_context;
  ScopedDialog m_dialog;  // disposed last of the members that use it (members end in reverse order)
  rtl::Reference<BriefingGenerator> m_service;
  std::function<OUString()> m_previewSource;
  Reference<css::awt::XListBox> m_top, m_periods;
  std::vector<OUString> m_periodValues;
  Reference<css::awt::XFixedText> m_preview;
  std::unique_ptr<MunicipalityPicker> m_picker;
};

/// What a made or filled document left out (`intro`, then one line each), or empty when nothing
/// was. Shown in a message box when the user asked through the dialog; a macro (arguments, no
/// dialog) gets it as the command's result only, never a box that waits for a click.
OUString reportOmissions(const Reference<css::uno::XComponentContext>& context,
                         const Reference<css::frame::XFrame>& frame, const rtl::Reference<BriefingGenerator>& service,
                         std::string_view intro, bool asked) {
  const auto omitted = service->lastOmissions();
  if (omitted.empty()) return {};
  OUString text = toOU(std::string(intro)) + " Niet in het document:\n";
  for (const auto& line : omitted) text += toOU("\n\u2022 " + line);
  if (asked && !headless()) showMessage(context, frame, MessageKind::Info, text);
  return text;
}

}  // namespace

Reference<css::lang::XComponent> ProtocolHandler::currentDocument() const {
  Reference<css::frame::XController> controller = m_xFrame.is() ? m_xFrame->getController() : nullptr;
  Reference<css::lang::XComponent> doc(controller.is() ? controller->getModel() : nullptr, UNO_QUERY);
  if (!Reference<css::text::XTextDocument>(doc, UNO_QUERY).is())
    throw Error(ErrorKind::Usage, "Open eerst een tekstdocument in Writer.");
  return doc;
}

ProtocolHandler::Outcome ProtocolHandler::newBriefing(const Sequence<css::beans::PropertyValue>& args) {
  const auto service = generator(m_xContext);
  OUString municipality = argument(args, "Municipality");
  const bool asked = municipality.isEmpty();  // through the dialog: tell the user what was left out
  OUString period = argument(args, "Period");
  OUString templateName = argument(args, "Template");
  const OUString source = argument(args, "Source");
  // The figures of the municipality asked for, or (the dialog) the lists first; cancellable.
  fetchWithProgress(m_xContext, service, source, true, municipalityList(municipality));

  if (municipality.isEmpty()) {  // ask the user
    BriefingDialog dialog(m_xContext, m_xFrame, service, source, [source] { return source; });
    const auto templateNames = service->listTemplates();
    dialog.top()->addItems(templateNames, 0);
    sal_Int16 preferred = 0;  // the council memo when it is there
    for (sal_Int32 i = 0; i < templateNames.getLength(); ++i)
      if (templateNames[i] == "raadsinformatiebrief") preferred = static_cast<sal_Int16>(i);
    dialog.top()->selectItemPos(preferred, true);
    if (!dialog.run()) return {Result::DONTKNOW, {}};  // cancelled (or no display)
    municipality = dialog.municipality();
    templateName = dialog.top()->getSelectedItem();
    period = dialog.period();
  }
  if (templateName.isEmpty()) templateName = "raadsinformatiebrief";
  Progress progress(m_xFrame, args, "Raadsbrief: briefing maken…");
  service->createDocument(templateName, municipality, period, source, {}, false);
  // The document is made with the figures there are; say what was left out, and why.
  return {Result::SUCCESS,
          reportOmissions(m_xContext, m_xFrame, service, "De briefing is gemaakt met de cijfers die er zijn.", asked)};
}

ProtocolHandler::Outcome ProtocolHandler::insertFigure(const Sequence<css::beans::PropertyValue>& args) {
  const auto service = generator(m_xContext);
  const Reference<css::lang::XComponent> doc = currentDocument();
  OUString field = argument(args, "Field");
  OUString municipality = argument(args, "Municipality");
  OUString period = argument(args, "Period");
  const auto record = readRecord(Reference<css::text::XTextDocument>(doc, UNO_QUERY_THROW));
  const auto confirmed = documentSources(m_xContext, m_xFrame, argument(args, "Source"), record);
  if (!confirmed) return {Result::DONTKNOW, OUString::createFromAscii(kSourcesDeclined)};
  const OUString source = *confirmed;
  {  // the figures first, cancellable: the document's recorded sources, or the configured ones
    const bool recorded = source.isEmpty() && record && !record->source.empty();
    fetchWithProgress(m_xContext, service, recorded ? toOU(record->source) : source, !recorded,
                      municipalityList(municipality));
  }

  if (field.isEmpty()) {  // ask the user
    const ScopedDialog dialog(m_xContext, "InsertFigure");
    auto kinds = control<css::awt::XListBox>(dialog, "Kind");
    for (const auto& k : kInsertKinds) kinds->addItem(toOU(k.label), kinds->getItemCount());
    kinds->selectItemPos(0, true);
    auto indicators = control<css::awt::XListBox>(dialog, "Indicator");
    const auto [indicatorIds, indicatorLabels] = columns(service->listIndicators(source));
    indicators->addItems(toSequence(indicatorLabels), 0);
    if (!indicatorIds.empty()) indicators->selectItemPos(0, true);
    auto periods = control<css::awt::XListBox>(dialog, "Period");
    const auto periodValues = fillPeriods(periods, service->listPeriods(source));
    auto preview = control<css::awt::XFixedText>(dialog, "Preview");

    std::unique_ptr<MunicipalityPicker> picker;
    auto chosenField = [&] {
      const sal_Int16 k = kinds->getSelectedItemPos(), i = indicators->getSelectedItemPos();
      return fieldFor(k < 0 ? 0 : static_cast<std::size_t>(k),
                      i < 0 ? OUString() : indicatorIds[static_cast<std::size_t>(i)]);
    };
    auto chosenPeriod = [&] {
      const sal_Int16 p = periods->getSelectedItemPos();
      return p < 0 ? OUString() : periodValues[static_cast<std::size_t>(p)];
    };
    auto update = [&] {
      if (!picker) return;
      const OUString code = picker->selectedCode();
      if (code.isEmpty()) {
        preview->setText("Kies een gemeente.");
        return;
      }
      try {  // whose figure it is: "Katwijk: 12,8%"
        preview->setText(picker->selectedName() + ": " +
                         service->previewField(chosenField(), code, chosenPeriod(), source));
      } catch (const nl::raadsbrief::GenerationException& e) {
        preview->setText(e.Message);
      }
    };
    const auto rows = service->listMunicipalities(source);
    picker = std::make_unique<MunicipalityPicker>(dialog, "MunicipalitySearch", "Municipality", rows, update);
    picker->select(municipality.isEmpty() ? startingMunicipality(m_xContext, m_xFrame, rows) : municipality);
    for (const auto& list : {kinds, indicators, periods}) list->addItemListener(new ChangeListener(update));
    update();

    if (dialog->execute() != 1) return {Result::DONTKNOW, {}};
    field = chosenField();
    municipality = picker->selectedCode();
    period = chosenPeriod();
    rememberMunicipality(m_xContext, municipality);
  }
  if (municipality.isEmpty()) throw Error(ErrorKind::Usage, "Kies een gemeente.");
  const OUString inserted = service->insertField(doc, field, municipality, period, source, {});
  return {Result::SUCCESS, inserted};
}

ProtocolHandler::Outcome ProtocolHandler::refresh(const Sequence<css::beans::PropertyValue>& args) {
  const auto service = generator(m_xContext);
  const Reference<css::lang::XComponent> doc = currentDocument();
  const auto record = readRecord(Reference<css::text::XTextDocument>(doc, UNO_QUERY_THROW));
  const auto confirmed = documentSources(m_xContext, m_xFrame, argument(args, "Source"), record);
  if (!confirmed) return {Result::DONTKNOW, OUString::createFromAscii(kSourcesDeclined)};
  const OUString source = *confirmed;
  {  // the sources the refresh will use: given, confirmed, or recorded in the document (trusted)
    fetchWithProgress(m_xContext, service, source.isEmpty() && record ? toOU(record->source) : source, false,
                      documentMunicipalities(record));
  }
  Progress progress(m_xFrame, args, "Raadsbrief: nieuwe cijfers vergelijken…");
  const auto preview = service->refreshDocument(doc, source, {}, false);  // nothing changes yet
  progress.step("Raadsbrief: cijfers vergelijken…", 1);
  const OUString checked = source.isEmpty() && record ? toOU(record->source) : source;  // (SourceSwitch.hxx)
  const bool canSwitch = differsFromMySources(m_xContext, checked);
  if (countStatus(preview, "bijgewerkt") == 0) {
    const OUString text =
        "Alle cijfers in dit document zijn actueel.\n" + checkedSourcesLine(checked) + "\n\n" + summaryText(preview);
    if (!canSwitch || hasArgument(args, "Apply") || headless()) {
      showMessage(m_xContext, m_xFrame, MessageKind::Info, text);
      return {Result::SUCCESS, text};
    }
    if (askRefresh(m_xContext, text, false, true) == RefreshChoice::SwitchSources) return switchSources();
    return {Result::SUCCESS, text};
  }
  // Headless (a macro, a test): Apply=true applies without asking; false only previews.
  bool apply = flag(args, "Apply");
  if (!hasArgument(args, "Apply")) {
    const auto choice =
        askRefresh(m_xContext, checkedSourcesLine(checked) + "\n\n" + summaryText(preview), true, canSwitch);
    if (choice == RefreshChoice::SwitchSources) return switchSources();
    apply = choice == RefreshChoice::Apply;
  }
  if (!apply) return {Result::DONTKNOW, checkedSourcesLine(checked) + "\n\n" + summaryText(preview)};
  progress.step("Raadsbrief: cijfers bijwerken…", 2);
  const auto applied = service->refreshDocument(doc, source, {}, true);
  return {Result::SUCCESS, summaryText(applied)};
}

ProtocolHandler::Outcome ProtocolHandler::openOptions() {
  // Tools ▸ Options, opened at our page: the dialog matches OptionsPageURL against the page's URL as
  // registered (extension/registration/OptionsDialog.xcu), expanded the way the dialog expands it.
  Reference<css::lang::XMultiServiceFactory> provider = css::configuration::theDefaultProvider::get(m_xContext);
  css::beans::NamedValue path(
      "nodepath",
      Any(OUString(
          "/org.openoffice.Office.OptionsDialog/Nodes/nl.raadsbrief.Options/Leaves/nl.raadsbrief.Options.Sources")));
  Reference<css::container::XNameAccess> leaf(
      provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", seqOf<Any>({Any(path)})),
      UNO_QUERY_THROW);
  OUString page;
  leaf->getByName("OptionsPage") >>= page;
  if (page.startsWith("vnd.sun.star.expand:", &page))
    page = css::util::theMacroExpander::get(m_xContext)
               ->expandMacros(rtl::Uri::decode(page, rtl_UriDecodeWithCharset, RTL_TEXTENCODING_UTF8));
  Reference<css::frame::XDispatchHelper> helper = css::frame::DispatchHelper::create(m_xContext);
  helper->executeDispatch(Reference<css::frame::XDispatchProvider>(m_xFrame, UNO_QUERY_THROW), ".uno:OptionsTreeDialog",
                          "", 0, seqOf<css::beans::PropertyValue>({prop("OptionsPageURL", Any(page))}));
  return {Result::SUCCESS, {}};
}

// ---- SwitchSources: a document to the user's own sources (SourceSwitch.hxx) ----

namespace {

/// Ends the refresh dialog with its own result (the switch button).
class EndDialogWith final : public cppu::WeakImplHelper1<css::awt::XActionListener> {
 public:
  EndDialogWith(Reference<css::awt::XDialog2> dialog, sal_Int32 result)
      : m_dialog(std::move(dialog)), m_result(result) {}
  void SAL_CALL actionPerformed(const css::awt::ActionEvent&) override {
    try {
      m_dialog->endDialog(m_result);
    } catch (...) {
    }
  }
  void SAL_CALL disposing(const css::lang::EventObject&) override {}

 private:
  Reference<css::awt::XDialog2> m_dialog;
  sal_Int32 m_result;
};

}  // namespace

RefreshChoice askRefresh(const Reference<css::uno::XComponentContext>& context, const OUString& summary, bool canApply,
                         bool canSwitch) {
  const ScopedDialog dialog(context, "RefreshPreview");
  control<css::awt::XTextComponent>(dialog, "Summary")->setText(summary);
  control<css::awt::XWindow>(dialog, "Ok")->setEnable(canApply);
  auto switchButton = control<css::awt::XButton>(dialog, "SwitchSources");
  Reference<css::awt::XWindow>(switchButton, UNO_QUERY_THROW)->setEnable(canSwitch);
  switchButton->addActionListener(new EndDialogWith(Reference<css::awt::XDialog2>(dialog.get(), UNO_QUERY_THROW), 2));
  const sal_Int16 result = dialog->execute();
  return result == 1 ? RefreshChoice::Apply : result == 2 ? RefreshChoice::SwitchSources : RefreshChoice::Cancel;
}

ProtocolHandler::Outcome ProtocolHandler::switchSources() {
  const auto service = generator(m_xContext);
  const Reference<css::lang::XComponent> doc = currentDocument();
  const OUString mine = mySources(m_xContext);
  const auto record = readRecord(Reference<css::text::XTextDocument>(doc, UNO_QUERY_THROW));
  fetchWithProgress(m_xContext, service, mine, false, documentMunicipalities(record));  // first, cancellable
  const auto applied = switchToMySources(m_xContext, service, doc);
  return {Result::SUCCESS, checkedSourcesLine(mine) + "\n\n" + summaryText(applied)};
}

// ---- FillTemplate: a document made from a Raadsbrief template in File ▸ New ▸ Templates ----

namespace {

/// The sources the template dialog offers: the user's own (Tools ▸ Options ▸ Raadsbrief, "" as
/// the Source argument) and the demo data; labels and Source arguments, the user's own first.
std::pair<std::vector<OUString>, std::vector<OUString>> templateSourceChoices(
    const Reference<css::uno::XComponentContext>& context) {
  const auto configured = readSettings(context).sources;
  if (configured.empty()) return {{"Voorbeeldcijfers (geen CBS-cijfers)"}, {OUString()}};
  std::string names;
  const auto list = sources::SourceList::of(configured);
  for (const auto& spec : list.specs()) names += (names.empty() ? "" : ", ") + sources::displayName(spec);
  return {{toOU("Mijn bronnen: " + names), "Voorbeeldcijfers (geen CBS-cijfers)"}, {OUString(), "bundled"}};
}

}  // namespace

ProtocolHandler::Outcome ProtocolHandler::fillTemplate(const Sequence<css::beans::PropertyValue>& args) {
  const auto service = generator(m_xContext);
  const Reference<css::lang::XComponent> doc = currentDocument();
  if (!isUnfilledTemplateDocument(doc))
    return {Result::DONTKNOW, "Dit document is niet van een Raadsbrief-sjabloon gemaakt of is al ingevuld."};
  OUString municipality = argument(args, "Municipality");
  const bool asked = municipality.isEmpty();  // through the dialog: tell the user what was left out
  OUString period = argument(args, "Period");
  OUString source = argument(args, "Source");

  if (municipality.isEmpty()) {  // ask the user: the Nieuwe briefing dialog, with sources instead of templates
    if (headless()) return {Result::DONTKNOW, "Geen gemeente gekozen."};
    fetchWithProgress(m_xContext, service, source, true, {});  // the dialog's lists first, cancellable
    const auto [sourceLabels, sourceValues] =
        source.isEmpty() ? templateSourceChoices(m_xContext)
                         : std::pair<std::vector<OUString>, std::vector<OUString>>{{source}, {source}};
    Reference<css::awt::XListBox> sourceList;  // the list at the top, once the dialog is there
    auto chosenSource = [&sourceList, values = sourceValues] {
      const sal_Int16 s = sourceList.is() ? sourceList->getSelectedItemPos() : -1;
      return s < 0 ? values.front() : values[static_cast<std::size_t>(s)];
    };
    BriefingDialog dialog(m_xContext, m_xFrame, service, source, chosenSource);
    dialog.dialog()->setTitle(toOU("Raadsbrief \u2013 sjabloon invullen"));
    control<css::awt::XFixedText>(dialog.dialog(), "TemplateLabel")->setText("~Bronnen:");
    sourceList = dialog.top();
    sourceList->addItems(toSequence(sourceLabels), 0);
    sourceList->selectItemPos(0, true);
    if (!dialog.run()) return {Result::DONTKNOW, {}};  // the document stays as it is
    municipality = dialog.municipality();
    period = dialog.period();
    source = chosenSource();
  }
  Progress progress(m_xFrame, args, "Raadsbrief: sjabloon invullen…");
  service->fillDocument(doc, municipality, period, source);
  return {Result::SUCCESS, reportOmissions(m_xContext, m_xFrame, service,
                                           "Het sjabloon is ingevuld met de cijfers die er zijn.", asked)};
}

}  // namespace raadsbrief::office
