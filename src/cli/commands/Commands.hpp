#pragma once
// The commands of `raadsbrief`, one file each; main.cpp parses the command line and calls one.
// Each returns the exit code; failures are thrown (Error, or a UNO exception from the service).
#include "Arguments.hpp"

namespace raadsbrief::cli {

int help(const Arguments& a);            ///< --help: usage and the exit codes
int version(const Arguments& a);         ///< --version
int generate(const Arguments& a);        ///< one document
int refresh(const Arguments& a);         ///< a document's figures brought up to date
int batch(const Arguments& a);           ///< many municipalities at once
int templates(const Arguments& a);       ///< the shipped templates
int municipalities(const Arguments& a);  ///< the municipalities of the sources

}  // namespace raadsbrief::cli
