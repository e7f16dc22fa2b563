#include "refresh/DefaultMunicipality.hpp"

#include <map>

namespace raadsbrief::refresh {

std::string documentMunicipality(const DocumentRecord& record) {
  std::map<std::string, std::size_t> counts;
  std::string best;
  std::size_t bestCount = 0;
  for (const auto& b : record.bindings) {
    if (b.municipality.empty()) continue;
    const std::size_t n = ++counts[b.municipality];
    if (n > bestCount) {
      best = b.municipality;
      bestCount = n;
    }
  }
  return best;
}

std::string defaultMunicipality(const DocumentRecord* record, std::string_view lastChosen,
                                const std::function<bool(const std::string&)>& known) {
  if (record) {
    const std::string own = documentMunicipality(*record);
    if (!own.empty() && known(own)) return own;
  }
  const std::string last(lastChosen);
  if (!last.empty() && known(last)) return last;
  return {};
}

}  // namespace raadsbrief::refresh
