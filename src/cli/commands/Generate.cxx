// `raadsbrief generate`: one document, made by the service in one call.
#include "commands/Commands.hpp"

#include <iostream>

#include "Convert.hxx"
#include "OutputFile.hxx"
#include "commands/Common.hxx"

namespace raadsbrief::cli {

using office::toOU;
using office::toUtf8;

int generate(const Arguments& a) {
  const std::string templateName = templateArgument(a);
  const std::string municipality = a.require("municipality");
  const std::string period = a.get("period").value_or("");
  const std::string source = sourceArgument(a);
  warnAboutSources(a);
  const fs::path output = outputArgument(a);
  const auto target = office::inspectOutput(output);
  office::checkReplaceable(target, a.force);  // before starting anything
  const TemporariesSweep sweep(target.path);  // before the office: runs after it stopped
  const auto options = generationOptions(a);
  Office office(officeOptions(a));
  const auto service = generator(office);
  Deadline deadline = timeLimit(a, service, office);
  const std::string summary = deadline.run([&] {
    return toUtf8(service->generate(toOU(templateName), toOU(municipality), toOU(period), toOU(source),
                                    toOU(fileUrl(output)), options));
  });
  // The summary's first line says what was written; then what was left out (one line each).
  // Its warnings about sources ("Let op: …") were printed before the work began.
  for (std::size_t start = summary.find('\n'); start != std::string::npos;) {
    const std::size_t end = summary.find('\n', start + 1);
    const std::string line = summary.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
    if (!line.empty() && line.rfind("Let op: ", 0) != 0) std::cerr << "raadsbrief: " << line << "\n";
    start = end;
  }
  std::cout << output.string() << "\n";
  return 0;
}

}  // namespace raadsbrief::cli
