#pragma once
// A small dataset in the Raadsbrief format, written for the tests (independent of the demo data).
#include <string>

#include "data/DatasetReader.hpp"

namespace raadsbrief::test {

inline const std::string kSmallDataset = R"({
  "format": "raadsbrief-dataset", "version": 1,
  "source": {"name": "Testbron", "demo": true, "retrieved": "2026-11-20"},
  "periods": [{"id": "2021", "status": "definitief"}, {"id": "2022", "status": "definitief"},
              {"id": "2023", "status": "voorlopig"}],
  "indicators": [
    {"id": "jeugdhulp", "label": "Jongeren met jeugdhulp", "unit": "percent", "decimals": 1, "direction": "neutral"},
    {"id": "jeugdreclassering", "label": "Jongeren met jeugdreclassering", "unit": "percent", "decimals": 2, "direction": "lower_is_better"},
    {"id": "kosten", "label": "Kosten per hulptraject", "unit": "euro", "decimals": 0, "direction": "lower_is_better"}
  ],
  "regions": [
    {"code": "NL01", "name": "Nederland", "kind": "land"},
    {"code": "JR0001", "name": "Holland Rijnland", "kind": "jeugdregio"},
    {"code": "GM0546", "name": "Leiden", "kind": "gemeente", "jeugdregio": "JR0001"},
    {"code": "GM0638", "name": "Zoeterwoude", "kind": "gemeente", "jeugdregio": "JR0001"},
    {"code": "GM0014", "name": "Groningen", "kind": "gemeente"},
    {"code": "GM0518", "name": "'s-Gravenhage", "kind": "gemeente"}
  ],
  "observations": {
    "NL01":   {"jeugdhulp": {"2021": 11.5, "2022": 11.7, "2023": 11.8},
               "jeugdreclassering": {"2021": 0.31, "2022": 0.30, "2023": 0.29},
               "kosten": {"2021": 8100, "2022": 8450, "2023": 8800}},
    "JR0001": {"jeugdhulp": {"2021": 11.9, "2022": 12.0, "2023": 12.3},
               "jeugdreclassering": {"2021": 0.25, "2022": 0.26, "2023": 0.24},
               "kosten": {"2021": 7900, "2022": 8200, "2023": 8600}},
    "GM0546": {"jeugdhulp": {"2021": 12.6, "2022": 12.9, "2023": 12.3},
               "jeugdreclassering": {"2021": 0.27, "2022": 0.28, "2023": 0.29},
               "kosten": {"2021": 9050.4, "2022": 9300, "2023": 10234.5}},
    "GM0638": {"jeugdhulp": {"2022": 9.1, "2023": 9.4},
               "jeugdreclassering": {"2021": null, "2022": null, "2023": null}},
    "GM0518": {"jeugdhulp": {"2023": 14.0}}
  }
})";

/// kSmallDataset, read once (the tests that only read it share one).
inline const model::Dataset& smallDataset() {
  static const model::Dataset ds = data::readDataset(kSmallDataset);
  return ds;
}

}  // namespace raadsbrief::test
