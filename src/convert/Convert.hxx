#pragma once
// Conversions between the core's plain C++ and UNO: the one place that converts OUString (UTF-16)
// ↔ UTF-8 std::string, plus small builders that the 7.4 SDK headers lack.
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/uno/Reference.hxx>
#include <com/sun/star/uno/Sequence.hxx>
#include <osl/file.hxx>
#include <rtl/ustring.hxx>

#include <initializer_list>
#include <string>

namespace raadsbrief::office {

// The UNO names every file of the component uses, once for all of them.
using css::uno::Any;
using css::uno::Reference;
using css::uno::Sequence;
using css::uno::UNO_QUERY;
using css::uno::UNO_QUERY_THROW;
using rtl::OUString;

inline rtl::OUString toOU(const std::string& s) {
  return rtl::OUString(s.data(), static_cast<sal_Int32>(s.size()), RTL_TEXTENCODING_UTF8);
}

inline std::string toUtf8(const rtl::OUString& s) {
  const rtl::OString o = rtl::OUStringToOString(s, RTL_TEXTENCODING_UTF8);
  return std::string(o.getStr(), static_cast<std::size_t>(o.getLength()));
}

/// The file:// URL of a local path ("" when it cannot be converted).
inline std::string fileUrl(const std::string& systemPath) {
  rtl::OUString url;
  osl::FileBase::getFileURLFromSystemPath(toOU(systemPath), url);
  return toUtf8(url);
}

/// Sequence from a braced list (the SDK 7.4 keeps Sequence's initializer_list constructor internal).
template <typename T>
css::uno::Sequence<T> seqOf(std::initializer_list<T> items) {
  return css::uno::Sequence<T>(items.begin(), static_cast<sal_Int32>(items.size()));
}

inline css::beans::PropertyValue prop(const char* name, const css::uno::Any& value) {
  css::beans::PropertyValue p;
  p.Name = rtl::OUString::createFromAscii(name);
  p.Value = value;
  return p;
}

}  // namespace raadsbrief::office
