#pragma once
/// Reference data shipped with the extension: every municipality's youth-care region (jeugdregio),
/// independent of where the figures come from. CBS's figure tables do not say which municipality
/// belongs to which youth-care region, so a CBS-loaded dataset takes it from here.
/// File: data/reference/jeugdregios-<YEAR>.tsv (docs/cbs-statline.md, "Youth-care regions").
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace raadsbrief::data {

struct YouthCareRegionRef {
  std::string code;  ///< CBS's code: "JZ24"
  std::string name;  ///< "Haaglanden"
};

struct MunicipalityRef {
  std::string code;        ///< "GM0626"
  std::string name;        ///< "Voorschoten"
  std::string regionCode;  ///< "JZ24"
};

class YouthCareRegions {
 public:
  /// Reads the tab-separated file: '#' comment lines, a header
  /// "gemeente_code gemeente_naam jeugdregio_code jeugdregio_naam", one municipality a line.
  /// Throws Error(Data) naming the file and line for anything else (and for a municipality
  /// listed twice or a region code with two names).
  [[nodiscard]] static YouthCareRegions read(const std::filesystem::path& file);
  /// The same from text; `origin` names it in messages.
  [[nodiscard]] static YouthCareRegions parse(std::string_view text, const std::string& origin);

  [[nodiscard]] const MunicipalityRef* municipality(const std::string& code) const;
  [[nodiscard]] const YouthCareRegionRef* region(const std::string& code) const;
  /// A region by name, compared without regard to case, hyphens and runs of white space
  /// ("Zuid-Kennemerland" finds "Zuid Kennemerland").
  [[nodiscard]] const YouthCareRegionRef* regionNamed(std::string_view name) const;

  [[nodiscard]] const std::vector<YouthCareRegionRef>& regions() const noexcept { return regions_; }
  [[nodiscard]] const std::vector<MunicipalityRef>& municipalities() const noexcept { return municipalities_; }
  [[nodiscard]] bool empty() const noexcept { return municipalities_.empty(); }

 private:
  std::vector<YouthCareRegionRef> regions_;
  std::vector<MunicipalityRef> municipalities_;
  std::unordered_map<std::string, std::size_t> regionIndex_, municipalityIndex_;
};

/// Where the reference file is, given the bundled demo dataset (it sits next to it: in the .oxt
/// under data/, in the source tree under data/, installed under share/raadsbrief/):
/// <dir of bundledDataset>/reference/jeugdregios-2023.tsv.
[[nodiscard]] std::filesystem::path youthCareRegionsFile(const std::filesystem::path& bundledDataset);

/// "Zuid-Kennemerland", "zuid  kennemerland" → "zuid kennemerland": lower case (ASCII), hyphens as
/// spaces, runs of white space as one.
[[nodiscard]] std::string regionNameKey(std::string_view name);

}  // namespace raadsbrief::data
