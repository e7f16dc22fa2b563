#pragma once
/// The one exception hierarchy of the Raadsbrief core. Messages are Dutch, for the user.
#include <stdexcept>
#include <string>

namespace raadsbrief {

/// What went wrong, coarse enough to pick an exit code or a message box.
/// The numbers are part of the UNO API (GenerationException.Kind) and the CLI's exit codes.
enum class ErrorKind : int {
  Internal = 1,  ///< a bug or an unexpected failure
  Usage = 2,     ///< wrong arguments
  NotFound = 3,  ///< unknown municipality, template, period, indicator
  Data = 4,      ///< a dataset that cannot be read or is invalid
  Template = 5,  ///< broken fields in a template
  Office = 6,    ///< LibreOffice failed (load, store, connect)
  Source = 7,    ///< a reporting endpoint failed: unreachable, timeout, HTTP error, bad answer
  // 8 is the CLI's "batch: some municipalities failed" (no error of its own)
  Cancelled = 9,  ///< the user cancelled; nothing was changed
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  [[nodiscard]] ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace raadsbrief
