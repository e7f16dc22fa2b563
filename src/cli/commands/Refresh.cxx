// `raadsbrief refresh`: the figures of a document Raadsbrief made, brought up to date.
#include "commands/Commands.hpp"

#include <iostream>
#include <optional>

#include "Convert.hxx"
#include "OutputFile.hxx"
#include "RefreshChanges.hxx"
#include "commands/Common.hxx"
#include "refresh/Refresh.hpp"

namespace raadsbrief::cli {

using office::toOU;

int refresh(const Arguments& a) {
  const fs::path document = fs::absolute(a.operands.front());
  const std::string source = a.sources.empty() ? std::string() : sourceArgument(a);  // empty: the document's own
  warnAboutSources(a);
  std::optional<TemporariesSweep> sweep;  // before the office: runs after it stopped
  if (!a.dryRun && fs::is_regular_file(document)) {
    const auto target = office::inspectOutput(document);
    office::checkReplaceable(target, a.force);
    sweep.emplace(target.path);
  }
  const auto options = generationOptions(a);
  Office office(officeOptions(a));
  const auto service = generator(office);
  Deadline deadline = timeLimit(a, service, office);
  const auto changes =
      deadline.run([&] { return service->refreshFile(toOU(fileUrl(document)), toOU(source), options, !a.dryRun); });
  for (const auto& line : raadsbrief::refresh::describe(office::toCoreChanges(changes))) std::cout << line << "\n";
  std::cout << (a.dryRun ? "(--dry-run: niets gewijzigd)" : document.string()) << "\n";
  return 0;
}

}  // namespace raadsbrief::cli
