#pragma once
// The UNO API's RefreshChange records as the core's refresh::Change (for the core's Dutch summary).
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

}  // namespace raadsbrief::office
