#include "Office.hpp"

#include <com/sun/star/beans/NamedValue.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/bridge/UnoUrlResolver.hpp>
#include <com/sun/star/configuration/theDefaultProvider.hpp>
#include <com/sun/star/connection/NoConnectException.hpp>
#include <com/sun/star/container/XNameReplace.hpp>
#include <com/sun/star/deployment/ExtensionManager.hpp>
#include <com/sun/star/deployment/XPackage.hpp>
#include <com/sun/star/frame/Desktop.hpp>
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/lang/XMultiServiceFactory.hpp>
#include <com/sun/star/task/XInteractionApprove.hpp>
#include <com/sun/star/task/XInteractionHandler.hpp>
#include <com/sun/star/ucb/XCommandEnvironment.hpp>
#include <com/sun/star/util/XChangesBatch.hpp>
#include <cppuhelper/bootstrap.hxx>
#include <cppuhelper/implbase1.hxx>
#include <cppuhelper/implbase2.hxx>
#include <osl/file.hxx>
#include <rtl/ref.hxx>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <mutex>
#include <random>
#include <sys/file.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "Convert.hxx"
#include "Error.hpp"
#include "System.hpp"

using css::uno::Any;
using css::uno::Reference;
using css::uno::Sequence;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;
using rtl::OUString;

namespace raadsbrief::cli {
namespace {

namespace fs = std::filesystem;
const OUString kExtensionId("nl.raadsbrief");

// The process groups of every office this process started (a batch runs several at once):
// SIGINT/SIGTERM kill them all.
constexpr int kMaxOffices = 64;
volatile std::sig_atomic_t g_officeGroups[kMaxOffices] = {};

extern "C" void onSignal(int signal) {
  for (int i = 0; i < kMaxOffices; ++i)
    if (g_officeGroups[i] > 0) ::kill(-static_cast<pid_t>(g_officeGroups[i]), SIGKILL);
  std::_Exit(128 + signal);
}

std::mutex g_officeMutex;  // guards registering groups and bootstrapping local contexts

void registerGroup(pid_t group, bool add) {
  std::lock_guard lock(g_officeMutex);
  for (int i = 0; i < kMaxOffices; ++i) {
    if (add && g_officeGroups[i] == 0) {
      g_officeGroups[i] = group;
      return;
    }
    if (!add && g_officeGroups[i] == group) {
      g_officeGroups[i] = 0;
      return;
    }
  }
}

using office::toOU;
using office::toUtf8;

std::string fileUrl(const fs::path& p) { return office::fileUrl(fs::absolute(p).string()); }

[[noreturn]] void fail(const std::string& message) { throw Error(ErrorKind::Office, message); }

/// Approves whatever the extension manager asks (licence, replacing an older version).
class ApprovingEnvironment final
    : public cppu::WeakImplHelper2<css::ucb::XCommandEnvironment, css::task::XInteractionHandler> {
 public:
  Reference<css::task::XInteractionHandler> SAL_CALL getInteractionHandler() override { return this; }
  Reference<css::ucb::XProgressHandler> SAL_CALL getProgressHandler() override { return {}; }
  std::string lastRequest, lastMessage;
  void SAL_CALL handle(const Reference<css::task::XInteractionRequest>& request) override {
    const Any what = request->getRequest();
    css::uno::Exception exception;
    if (what >>= exception) lastMessage = toUtf8(exception.Message);
    lastRequest = toUtf8(what.getValueTypeName());
    for (const auto& continuation : request->getContinuations()) {
      Reference<css::task::XInteractionApprove> approve(continuation, UNO_QUERY);
      if (approve.is()) {
        approve->select();
        return;
      }
    }
  }
};

std::string oxtStamp(const fs::path& oxt) {
  std::error_code ec;
  const auto size = fs::file_size(oxt, ec);
  const auto time = fs::last_write_time(oxt, ec).time_since_epoch().count();
  return fmt::format("{} {} {}", fs::absolute(oxt).string(), size, time);
}

}  // namespace

Office::Office(OfficeOptions options) : options_(std::move(options)) {
  if (!fs::exists(options_.rdb)) fail("Typebibliotheek niet gevonden: " + options_.rdb.string() + " (eerst bouwen?)");
  try {
    if (options_.connectPipe.empty()) {
      start();
      configure();
    } else {
      connect(options_.connectPipe, false);
    }
    if (ensureExtension()) {
      // Types of a freshly added extension are not known to the running office's bridge: a call
      // through our interface would drop the connection. Restart (our own office only).
      if (!options_.connectPipe.empty())
        fail("De Raadsbrief-extensie is nu geïnstalleerd; start LibreOffice opnieuw en probeer het nog eens");
      shutdown();
      launch();
    }
  } catch (const css::uno::Exception& e) {
    stop();
    // A dying office's bridge says "Binary URP bridge disposed during call …": not for people.
    if (toUtf8(e.Message).find("URP bridge") != std::string::npos)
      fail("LibreOffice stopte tijdens het starten (profiel " + options_.profile.string() +
           "). Probeer het opnieuw; gebeurt het weer, voer de opdracht uit met --verbose.");
    fail("LibreOffice: " + toUtf8(e.Message));
  } catch (...) {
    stop();
    throw;
  }
}

Office::~Office() { stop(); }

void Office::kill() noexcept {
  if (child_ > 0) ::kill(-child_, SIGKILL);  // the supervisor's group: launcher and soffice.bin; stop() reaps
}

void Office::start() {
  if (!fs::exists(options_.oxt)) fail("Extensie niet gevonden: " + options_.oxt.string() + " (eerst bouwen?)");
  fs::create_directories(options_.profile);
  const fs::path lockPath = options_.profile.string() + ".lock";
  lockFd_ = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lockFd_ < 0) fail("Kan het profiel niet vergrendelen: " + lockPath.string());
  if (::flock(lockFd_, LOCK_EX | LOCK_NB) != 0) {
    std::cerr << "raadsbrief: wacht op een ander raadsbrief-proces met hetzelfde profiel...\n";
    ::flock(lockFd_, LOCK_EX);
  }
  clearStaleProfile();

  // A new profile: LibreOffice finishes setting it up on its first start and exit (an extension
  // added during that first run gets lost, and a call made then may meet a restart). Start and
  // stop it once first.
  if (!fs::exists(options_.profile / "user" / "registrymodifications.xcu")) {
    if (options_.verbose) std::cerr << "raadsbrief: nieuw profiel aanmaken: " << options_.profile << "\n";
    launch();
    shutdown();
  }
  launch();
}

void Office::clearStaleProfile() {
  // We hold the profile's lock, so no other raadsbrief uses it: an office still running on it was
  // left behind by a run that died (before offices died with their CLI, or killed with its
  // supervisor). It would take over our start and exit ("stopte tijdens het starten").
  const int killed = sys::killProcessesNaming("-env:UserInstallation=" + fileUrl(options_.profile));
  if (killed > 0)
    std::cerr << "raadsbrief: " << killed << " achtergebleven LibreOffice-proces(sen) op dit profiel gestopt\n";
  // The temporary files of offices that are gone (see launch()).
  std::error_code ec;
  fs::remove_all(options_.profile / "tmp", ec);
  fs::create_directory(options_.profile / "tmp", ec);
  fs::permissions(options_.profile / "tmp", fs::perms::owner_all, fs::perm_options::replace, ec);
  // The profile's lock file of an office that is gone (LibreOffice writes it while it runs).
  if (fs::remove(options_.profile / ".lock", ec) && options_.verbose)
    std::cerr << "raadsbrief: verouderd vergrendelbestand van het profiel verwijderd\n";
}

void Office::launch() {
  std::random_device random;
  const std::string pipe = fmt::format("raadsbrief_{}_{:x}", ::getpid(), random());
  pipe_ = pipe;
  std::vector<std::string> args{options_.soffice,
                                "--headless",
                                "--invisible",
                                "--nologo",
                                "--norestore",
                                "--nodefault",
                                "--nolockcheck",
                                "-env:UserInstallation=" + fileUrl(options_.profile),
                                "--accept=pipe,name=" + pipe + ";urp;StarOffice.ComponentContext"};
  // Under a supervisor that kills it when this process is gone, however it ends (kill -9
  // included): no office outlives the CLI that started it (System.hpp).
  // Its temporary files (LibreOffice's "lu….tmp" folder) go into the profile, not into /tmp or an
  // output folder: what a killed office leaves there is cleared at the next start.
  sys::Supervised started =
      sys::spawnSupervised(args, {"TMPDIR=" + (options_.profile / "tmp").string()}, !options_.verbose);
  child_ = started.group;
  lifeline_ = started.lifeline;
  registerGroup(child_, true);
  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
  connect(pipe, true);
}

void Office::connect(const std::string& pipe, bool waitForStart) {
  // A local UNO context that knows the office's types and ours (else the bridge cannot marshal).
  if (!m_xLocal.is()) bootstrap();
  auto resolver = css::bridge::UnoUrlResolver::create(m_xLocal);
  const OUString url = toOU("uno:pipe,name=" + pipe + ";urp;StarOffice.ComponentContext");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  for (;;) {
    try {
      m_xRemote.set(resolver->resolve(url), UNO_QUERY_THROW);
      return;
    } catch (const css::connection::NoConnectException&) {
      if (!waitForStart) fail("Geen LibreOffice gevonden op pipe '" + pipe + "'");
    }
    int status = 0;
    if (child_ > 0 && ::waitpid(child_, &status, WNOHANG) == child_) {
      registerGroup(child_, false);
      child_ = -1;
      fail("LibreOffice stopte tijdens het starten (profiel " + options_.profile.string() + ")");
    }
    if (std::chrono::steady_clock::now() > deadline) fail("LibreOffice startte niet binnen 90 seconden");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

void Office::bootstrap() {
  // The ini is written into a private folder of its own (mode 0700, an unpredictable name, made
  // new), exclusively: nothing another user planted is followed or reused (docs/security.md).
  const auto program = fs::path(RAADSBRIEF_LO_PROGRAM_DIR);
  const sys::PrivateTempDir dir("raadsbrief-uno-");
  const fs::path ini = dir.path() / "bootstrap.ini";
  sys::writeNewFile(ini,
                    "[Bootstrap]\n"
                    "URE_INTERNAL_LIB_DIR=" +
                        fileUrl(program) +
                        "\n"
                        "UNO_TYPES=" +
                        fileUrl(program / "types.rdb") + " " + fileUrl(program / "types" / "offapi.rdb") + " " +
                        fileUrl(options_.rdb) +
                        "\n"
                        "UNO_SERVICES=" +
                        fileUrl(program / "services.rdb") + "\n");
  std::lock_guard lock(g_officeMutex);
  m_xLocal = cppu::defaultBootstrap_InitialComponentContext(toOU(fileUrl(ini)));
}

void Office::configure() {
  auto provider = css::configuration::theDefaultProvider::get(m_xRemote);
  const auto set = [&](const char* nodePath, const char* name, const Any& value) {
    Sequence<Any> args(1);
    args.getArray()[0] <<= css::beans::NamedValue{"nodepath", Any(OUString::createFromAscii(nodePath))};
    Reference<css::container::XNameReplace> node(
        provider->createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess", args),
        UNO_QUERY_THROW);
    node->replaceByName(OUString::createFromAscii(name), value);
    Reference<css::util::XChangesBatch>(node, UNO_QUERY_THROW)->commitChanges();
  };
  // Our private profile saves strict ODF 1.3 (the extended mode adds loext: markup that the OASIS
  // schema rejects). Never done on a user's office (--connect).
  set("/org.openoffice.Office.Common/Save/ODF", "DefaultVersion", Any(sal_Int16(10)));
  // The preview image an ODF save renders (about half of a memo's save time); a batch leaves it out.
  set("/org.openoffice.Office.Common/Save/Document", "GenerateThumbnail", Any(options_.thumbnails));
  // Nobody sees the red underlining in a hidden document: no spell checking while Writer is idle.
  set("/org.openoffice.Office.Linguistic/SpellChecking", "IsSpellAuto", Any(false));
  // No ".~lock.NAME#" beside the documents this office stores and opens (LibreOffice makes one
  // even for storeToURL): one left by a killed office would stay in the user's folder. This
  // office is ours, headless, and holds a document for seconds: no document locking at all.
  set("/org.openoffice.Office.Common/Misc", "UseLocking", Any(false));
  set("/org.openoffice.Office.Common/Misc", "UseDocumentOOoLockFile", Any(false));
}

bool Office::profileReady(const fs::path& profile, const fs::path& oxt) {
  if (!fs::exists(profile / "user" / "registrymodifications.xcu")) return false;
  std::ifstream in(profile / "raadsbrief-extension.stamp");
  std::string previous;
  std::getline(in, previous);
  return previous == oxtStamp(oxt);
}

bool Office::ensureExtension() {
  auto manager = css::deployment::ExtensionManager::get(m_xRemote);
  rtl::Reference<ApprovingEnvironment> approver(new ApprovingEnvironment);
  Reference<css::ucb::XCommandEnvironment> env(approver.get());
  Reference<css::deployment::XPackage> installed;
  for (const auto& package : manager->getDeployedExtensions("user", {}, env))
    if (package.is() && package->getIdentifier().Value == kExtensionId) installed = package;

  const fs::path stampFile = options_.profile / "raadsbrief-extension.stamp";
  const std::string stamp = oxtStamp(options_.oxt);
  if (installed.is()) {
    if (!options_.connectPipe.empty()) return false;  // a user's office: use what is installed
    std::ifstream in(stampFile);
    std::string previous;
    std::getline(in, previous);
    if (previous == stamp) return false;
    manager->removeExtension(kExtensionId, installed->getName(), "user", {}, env);
  }
  if (!fs::exists(options_.oxt)) fail("Extensie niet gevonden: " + options_.oxt.string());
  if (options_.verbose) std::cerr << "raadsbrief: extensie installeren: " << options_.oxt << "\n";
  Reference<css::deployment::XPackage> added = manager->addExtension(toOU(fileUrl(options_.oxt)), {}, "user", {}, env);
  if (!added.is())
    fail("De Raadsbrief-extensie kon niet worden geïnstalleerd (" + approver->lastRequest + ": " +
         approver->lastMessage + ")");
  if (options_.connectPipe.empty()) std::ofstream(stampFile) << stamp << "\n";
  return true;
}

void Office::stop() noexcept {
  shutdown();
  try {
    Reference<css::lang::XComponent> local(m_xLocal, UNO_QUERY);
    m_xLocal.clear();
    if (local.is()) local->dispose();
  } catch (...) {
  }
  if (lockFd_ >= 0) {
    ::close(lockFd_);
    lockFd_ = -1;
  }
}

void Office::shutdown() noexcept {
  try {
    if (child_ > 0 && m_xRemote.is()) {
      auto desktop = css::frame::Desktop::create(m_xRemote);
      desktop->terminate();
    }
  } catch (...) {
    // The bridge goes down as the office exits; that is the expected end.
  }
  m_xRemote.clear();
  if (child_ > 0) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    int status = 0;
    while (::waitpid(child_, &status, WNOHANG) == 0 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ::kill(-child_, SIGKILL);       // whatever is left of the group (soffice.bin)
    ::waitpid(child_, &status, 0);  // the supervisor: killed with its group if it was still there
    registerGroup(child_, false);
    child_ = -1;
  }
  if (lifeline_ >= 0) {
    sys::Supervised done{-1, lifeline_};
    sys::release(done);
    lifeline_ = -1;
  }
}

}  // namespace raadsbrief::cli
