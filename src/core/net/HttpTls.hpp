#pragma once
/// Internal to src/core/net: the TLS contexts of https requests.
#include <Poco/Net/Context.h>

namespace raadsbrief::net::detail {

/// The TLS context for https: verified against the system CA store, or (explicit opt-out) not at
/// all. Created once and deliberately never destroyed (no teardown-order trouble at exit).
Poco::Net::Context::Ptr tlsContext(bool verify);

}  // namespace raadsbrief::net::detail
