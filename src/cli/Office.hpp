#pragma once
// A headless soffice for the CLI: started with a private profile (or an existing one reached over a
// pipe), with the Raadsbrief extension installed in it, and stopped again. UNO lives here only.
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/XComponentContext.hpp>

#include <filesystem>
#include <string>
#include <sys/types.h>

namespace raadsbrief::cli {

/// What the CLI says when the office died during a call (the bridge reports "Binary URP bridge
/// disposed during call …").
inline constexpr const char* kOfficeDied =
    "LibreOffice is onverwacht gestopt tijdens het werk (afgesloten, vastgelopen of door het systeem "
    "gestopt, bijvoorbeeld bij te weinig geheugen). Er is niets veranderd aan uw bestanden. Probeer het "
    "opnieuw; gebeurt het weer, voer dan dezelfde opdracht uit met --verbose en meld wat er staat.";

struct OfficeOptions {
  std::filesystem::path oxt;      ///< the extension to make sure of
  std::filesystem::path rdb;      ///< our type library (the bridge needs our types)
  std::filesystem::path profile;  ///< private profile directory (started office)
  std::string connectPipe;        ///< when set: use the office listening on this pipe, start none
  std::string soffice = "soffice";
  bool verbose = false;
  bool thumbnails = true;  ///< started office: store a preview image in ODF files (costs ~85 ms a save)
};

class Office {
 public:
  /// Starts (or connects to) soffice and installs the extension when needed.
  /// Throws raadsbrief::Error(Office) with a Dutch message when that fails.
  explicit Office(OfficeOptions options);
  ~Office();  // terminates a started office and waits for it; never throws
  Office(const Office&) = delete;
  Office& operator=(const Office&) = delete;

  /// The office's component context (remote).
  [[nodiscard]] const css::uno::Reference<css::uno::XComponentContext>& context() const { return m_xRemote; }

  /// The pipe name a started office accepts connections on (other clients may use it too).
  [[nodiscard]] const std::string& pipeName() const { return pipe_; }

  /// Kills a started office at once (nothing for --connect: that office is the user's). For a
  /// call that no longer answers (--timeout): the blocked call then fails with the bridge.
  void kill() noexcept;

  /// The process group of a started office (launcher and soffice.bin), or -1 (--connect).
  [[nodiscard]] pid_t processGroup() const { return child_; }

  /// True when `profile` was prepared by an Office with this extension (it may be copied as is).
  [[nodiscard]] static bool profileReady(const std::filesystem::path& profile, const std::filesystem::path& oxt);

 private:
  void start();
  void launch();
  void clearStaleProfile();  ///< offices and lock files a dead run left on our profile
  void bootstrap();
  void connect(const std::string& pipe, bool waitForStart);
  void configure();
  bool ensureExtension();    ///< true when it had to be (re)installed
  void shutdown() noexcept;  ///< terminates a started office
  void stop() noexcept;      ///< shutdown() and release everything

  OfficeOptions options_;
  pid_t child_ = -1;   ///< the supervisor, leader of the office's process group
  int lifeline_ = -1;  ///< closing it makes the supervisor kill the office
  std::string pipe_;
  int lockFd_ = -1;
  css::uno::Reference<css::uno::XComponentContext> m_xLocal;
  css::uno::Reference<css::uno::XComponentContext> m_xRemote;
};

}  // namespace raadsbrief::cli
