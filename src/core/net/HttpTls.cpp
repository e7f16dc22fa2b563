#include "net/HttpTls.hpp"

#include <Poco/Net/NetSSL.h>

#include <mutex>

namespace raadsbrief::net::detail {

Poco::Net::Context::Ptr tlsContext(bool verify) {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Net::initializeSSL(); });
  const auto make = [](bool strict) {
    Poco::Net::Context::Params params;
    params.verificationMode = strict ? Poco::Net::Context::VERIFY_STRICT : Poco::Net::Context::VERIFY_NONE;
    params.loadDefaultCAs = strict;
    params.cipherList = "DEFAULT";
    auto* context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    return new Poco::Net::Context::Ptr(context);
  };
  if (verify) {
    static const Poco::Net::Context::Ptr* strict = make(true);
    return *strict;
  }
  static const Poco::Net::Context::Ptr* relaxed = make(false);
  return *relaxed;
}

}  // namespace raadsbrief::net::detail
