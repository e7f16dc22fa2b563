// `raadsbrief templates`: the shipped templates, as the service lists them.
#include "commands/Commands.hpp"

#include <iostream>

#include "Convert.hxx"
#include "commands/Common.hxx"

namespace raadsbrief::cli {

using office::toUtf8;

int templates(const Arguments& a) {
  Office office(officeOptions(a));
  for (const auto& name : generator(office)->listTemplates()) std::cout << toUtf8(name) << "\n";
  return 0;
}

}  // namespace raadsbrief::cli
