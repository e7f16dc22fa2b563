#pragma once
// A document that is closed unless released: nothing half-made stays open after a failure.
#include <com/sun/star/lang/XComponent.hpp>
#include <com/sun/star/util/XCloseable.hpp>

#include <utility>

namespace raadsbrief::office {

/// Closes a document unless released: nothing half-made stays open after a failure.
class DocumentGuard {
 public:
  explicit DocumentGuard(css::uno::Reference<css::lang::XComponent> doc) : m_xDoc(std::move(doc)) {}
  DocumentGuard(const DocumentGuard&) = delete;
  DocumentGuard& operator=(const DocumentGuard&) = delete;
  ~DocumentGuard() {
    if (!m_xDoc.is()) return;
    try {
      css::uno::Reference<css::util::XCloseable> closeable(m_xDoc, css::uno::UNO_QUERY);
      if (closeable.is()) closeable->close(true);
      else m_xDoc->dispose();
    } catch (...) {
    }
  }
  css::uno::Reference<css::lang::XComponent> release() { return std::exchange(m_xDoc, {}); }
  [[nodiscard]] const css::uno::Reference<css::lang::XComponent>& get() const { return m_xDoc; }

 private:
  css::uno::Reference<css::lang::XComponent> m_xDoc;
};

}  // namespace raadsbrief::office
