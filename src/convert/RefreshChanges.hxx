#pragma once
// The UNO API's RefreshChange records <-> the core's refresh::Change: both directions of the
// conversion in one place (the service writes them, the CLI and the menu read them back).
#include <nl/raadsbrief/RefreshChange.hpp>

#include <vector>

#include "Convert.hxx"
#include "refresh/Refresh.hpp"

namespace raadsbrief::office {

inline std::vector<refresh::Change> toCoreChanges(const css::uno::Sequence<nl::raadsbrief::RefreshChange>& changes) {
  std::vector<refresh::Change> out;
  for (const auto& c : changes) {
    refresh::Change change;
    change.id = toUtf8(c.Id);
    change.kind = refresh::kindFromName(toUtf8(c.Kind));
    change.field = toUtf8(c.Field);
    change.status = refresh::statusFromName(toUtf8(c.Status));
    change.before = toUtf8(c.Before);
    change.after = toUtf8(c.After);
    change.wordingChanged = c.WordingChanged;
    for (const auto& d : c.Details) change.details.push_back(toUtf8(d));
    change.subject = toUtf8(c.Subject);
    change.revision = toUtf8(c.Revision);
    change.place = toUtf8(c.Place);
    change.position = c.Position;
    out.push_back(std::move(change));
  }
  return out;
}

/// The core's refresh plan as the UNO API's RefreshChange records (the other direction of toCoreChanges).
inline css::uno::Sequence<nl::raadsbrief::RefreshChange> toUnoChanges(const refresh::RefreshPlan& plan) {
  css::uno::Sequence<nl::raadsbrief::RefreshChange> out(static_cast<sal_Int32>(plan.changes.size()));
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    const auto& c = plan.changes[i];
    auto& o = out.getArray()[i];
    o.Id = toOU(c.id);
    o.Kind = rtl::OUString::createFromAscii(refresh::kindName(c.kind));
    o.Field = toOU(c.field);
    o.Status = rtl::OUString::createFromAscii(refresh::statusName(c.status));
    o.Before = toOU(c.before);
    o.After = toOU(c.after);
    o.WordingChanged = c.wordingChanged;
    o.Details.realloc(static_cast<sal_Int32>(c.details.size()));
    for (std::size_t d = 0; d < c.details.size(); ++d) o.Details.getArray()[d] = toOU(c.details[d]);
    o.Subject = toOU(c.subject);
    o.Revision = toOU(c.revision);
    o.Place = toOU(c.place);
    o.Position = c.position;
  }
  return out;
}

}  // namespace raadsbrief::office
