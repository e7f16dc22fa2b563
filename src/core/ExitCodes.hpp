#pragma once
/// The one table of exit codes: what `raadsbrief` returns, and what the UNO service's
/// GenerationException.Kind means (the same numbers; ErrorKind in Error.hpp). The CLI's help is
/// built from it; tests/unit/ExitCodesTest.cpp checks that README.md, docs/architecture.md and the
/// IDL say the same.
#include <array>
#include <string>
#include <string_view>

#include "Error.hpp"

namespace raadsbrief {

struct ExitCode {
  int code = 0;
  std::string_view dutch;    ///< as the CLI's help says it
  std::string_view english;  ///< as README.md and docs/architecture.md say it
  bool errorKind = false;    ///< also a GenerationException.Kind / ErrorKind
};

inline constexpr std::array<ExitCode, 10> kExitCodes{{
    {0, "gelukt", "done", false},
    {static_cast<int>(ErrorKind::Internal), "interne fout", "internal error", true},
    {static_cast<int>(ErrorKind::Usage), "verkeerd gebruik", "wrong usage", true},
    {static_cast<int>(ErrorKind::NotFound), "niet gevonden (gemeente, sjabloon, periode, bestand)",
     "not found (municipality, template, period, file)", true},
    {static_cast<int>(ErrorKind::Data), "ongeldige cijfers", "invalid data", true},
    {static_cast<int>(ErrorKind::Template), "fout in sjabloon", "broken template", true},
    {static_cast<int>(ErrorKind::Office), "LibreOffice-fout", "LibreOffice failed", true},
    {static_cast<int>(ErrorKind::Source), "bron onbereikbaar of ongeldig antwoord",
     "source unreachable or invalid answer", true},
    {8, "batch: een of meer gemeenten mislukt (de andere zijn gemaakt)",
     "batch: one or more municipalities failed (the others were made)", false},
    {static_cast<int>(ErrorKind::Cancelled), "geannuleerd (er is niets veranderd)", "cancelled (nothing was changed)",
     true},
}};

/// The exit code for a GenerationException.Kind received over the bridge: the kind itself when
/// it is one, else 1 (internal).
[[nodiscard]] constexpr int exitCodeOfKind(int kind) {
  for (const auto& e : kExitCodes)
    if (e.errorKind && e.code == kind) return kind;
  return static_cast<int>(ErrorKind::Internal);
}

/// "0 gelukt, 1 interne fout, …, 9 geannuleerd (…)." for the CLI's help.
[[nodiscard]] inline std::string exitCodesInDutch() {
  std::string out;
  for (const auto& e : kExitCodes) {
    if (!out.empty()) out += ", ";
    out += std::to_string(e.code);
    out += ' ';
    out += e.dutch;
  }
  return out + ".";
}

}  // namespace raadsbrief
