// `raadsbrief municipalities`: every municipality of the sources, as the service lists them.
#include "commands/Commands.hpp"

#include <iostream>

#include "Convert.hxx"
#include "commands/Common.hxx"

namespace raadsbrief::cli {

using office::toOU;
using office::toUtf8;

int municipalities(const Arguments& a) {
  const std::string source = sourceArgument(a);
  warnAboutSources(a);
  Office office(officeOptions(a));
  for (const auto& row : generator(office)->listMunicipalities(toOU(source))) std::cout << toUtf8(row) << "\n";
  return 0;
}

}  // namespace raadsbrief::cli
