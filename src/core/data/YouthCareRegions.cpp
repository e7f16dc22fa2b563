#include "data/YouthCareRegions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "Error.hpp"
#include "util/Text.hpp"

namespace raadsbrief::data {
namespace {

std::vector<std::string> fields(std::string_view line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t tab = line.find('\t', start);
    out.push_back(util::trim(line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start)));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

bool codeLike(const std::string& code, std::string_view prefix, std::size_t digits) {
  if (code.size() != prefix.size() + digits || code.compare(0, prefix.size(), prefix) != 0) return false;
  return std::all_of(code.begin() + static_cast<std::ptrdiff_t>(prefix.size()), code.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

std::string regionNameKey(std::string_view name) {
  std::string out;
  bool space = false;
  for (const char c : name) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == '-') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

YouthCareRegions YouthCareRegions::parse(std::string_view text, const std::string& origin) {
  YouthCareRegions out;
  const auto fail = [&](int line, const std::string& why) {
    return Error(ErrorKind::Data, fmt::format("Referentiebestand jeugdregio's {}, regel {}: {}", origin, line, why));
  };
  bool header = false;
  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (util::trim(line).empty() || line.front() == '#') continue;
    const auto f = fields(line);
    if (!header) {
      if (f != std::vector<std::string>{"gemeente_code", "gemeente_naam", "jeugdregio_code", "jeugdregio_naam"})
        throw fail(number, "kopregel 'gemeente_code, gemeente_naam, jeugdregio_code, jeugdregio_naam' verwacht");
      header = true;
      continue;
    }
    if (f.size() != 4) throw fail(number, fmt::format("4 kolommen verwacht, niet {}", f.size()));
    if (!codeLike(f[0], "GM", 4)) throw fail(number, fmt::format("'{}' is geen gemeentecode (GM + 4 cijfers)", f[0]));
    if (f[2].size() < 3 || f[2].compare(0, 2, "JZ") != 0)
      throw fail(number, fmt::format("'{}' is geen jeugdregiocode (JZ..)", f[2]));
    if (f[1].empty() || f[3].empty()) throw fail(number, "een naam ontbreekt");
    if (out.municipalityIndex_.count(f[0])) throw fail(number, fmt::format("gemeente {} staat er twee keer in", f[0]));
    if (const auto it = out.regionIndex_.find(f[2]); it != out.regionIndex_.end()) {
      if (out.regions_[it->second].name != f[3])
        throw fail(number, fmt::format("jeugdregio {} heeft twee namen ('{}' en '{}')", f[2],
                                       out.regions_[it->second].name, f[3]));
    } else {
      out.regionIndex_[f[2]] = out.regions_.size();
      out.regions_.push_back({f[2], f[3]});
    }
    out.municipalityIndex_[f[0]] = out.municipalities_.size();
    out.municipalities_.push_back({f[0], f[1], f[2]});
  }
  if (!header) throw fail(number, "geen kopregel; het bestand is leeg");
  std::sort(out.regions_.begin(), out.regions_.end(),
            [](const YouthCareRegionRef& a, const YouthCareRegionRef& b) { return a.code < b.code; });
  out.regionIndex_.clear();
  for (std::size_t i = 0; i < out.regions_.size(); ++i) out.regionIndex_[out.regions_[i].code] = i;
  return out;
}

YouthCareRegions YouthCareRegions::read(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorKind::Data, "Referentiebestand jeugdregio's niet gevonden: " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.string());
}

const MunicipalityRef* YouthCareRegions::municipality(const std::string& code) const {
  const auto it = municipalityIndex_.find(code);
  return it == municipalityIndex_.end() ? nullptr : &municipalities_[it->second];
}

const YouthCareRegionRef* YouthCareRegions::region(const std::string& code) const {
  const auto it = regionIndex_.find(code);
  return it == regionIndex_.end() ? nullptr : &regions_[it->second];
}

const YouthCareRegionRef* YouthCareRegions::regionNamed(std::string_view name) const {
  const std::string key = regionNameKey(name);
  for (const auto& r : regions_)
    if (regionNameKey(r.name) == key) return &r;
  return nullptr;
}

std::filesystem::path youthCareRegionsFile(const std::filesystem::path& bundledDataset) {
  return bundledDataset.parent_path() / "reference" / "jeugdregios-2023.tsv";
}

}  // namespace raadsbrief::data
