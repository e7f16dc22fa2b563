#pragma once
/// Cancelling long work (fetching, filling, refreshing) from another thread: the user's "Annuleren",
/// or XCancellable::cancel() on the UNO service. Work checks the token at safe points and throws
/// Error(Cancelled); a blocked network receive is woken by the HTTP client's watchdog.
#include <atomic>
#include <memory>

#include "Error.hpp"

namespace raadsbrief {

class CancelToken {
 public:
  void cancel() noexcept { cancelled_.store(true); }
  [[nodiscard]] bool cancelled() const noexcept { return cancelled_.load(); }
  /// Throws Error(Cancelled) once cancel() was called.
  void check() const {
    if (cancelled()) throw Error(ErrorKind::Cancelled, "Geannuleerd: er is niets veranderd.");
  }

 private:
  std::atomic<bool> cancelled_{false};
};

using CancelTokenPtr = std::shared_ptr<CancelToken>;

}  // namespace raadsbrief
