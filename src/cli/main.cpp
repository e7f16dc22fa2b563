// raadsbrief: the command-line tool. Starts (or connects to) a headless soffice, makes sure the
// extension is installed there, and asks the BriefingGenerator service for each document in one
// call: the work happens inside soffice, not call by call over the bridge.
// This file parses the command line and dispatches to one command (src/cli/commands/).
#include <com/sun/star/lang/DisposedException.hpp>
#include <com/sun/star/uno/Exception.hpp>
#include <nl/raadsbrief/GenerationException.hpp>

#include <iostream>
#include <string>
#include <utility>

#include "Arguments.hpp"
#include "Convert.hxx"
#include "Error.hpp"
#include "ExitCodes.hpp"
#include "Office.hpp"
#include "commands/Commands.hpp"

using raadsbrief::Error;
using raadsbrief::ErrorKind;
using raadsbrief::office::toUtf8;

namespace {

int run(const raadsbrief::cli::Arguments& a) {
  namespace cmd = raadsbrief::cli;
  static const std::pair<const char*, int (*)(const raadsbrief::cli::Arguments&)> kCommands[] = {
      {"help", cmd::help},
      {"version", cmd::version},
      {"generate", cmd::generate},
      {"refresh", cmd::refresh},
      {"batch", cmd::batch},
      {"templates", cmd::templates},
      {"municipalities", cmd::municipalities}};
  for (const auto& [name, command] : kCommands)
    if (a.command == name) return command(a);
  throw Error(ErrorKind::Usage, "onbekende opdracht '" + a.command + "' (zie raadsbrief --help)");
}

int report(const std::string& message, int code) {
  // First line is the reason; further lines (e.g. every broken template field) are indented.
  std::string text = message;
  std::cerr << "raadsbrief: ";
  for (char c : text) {
    std::cerr << c;
    if (c == '\n') std::cerr << "  ";
  }
  std::cerr << "\n";
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(raadsbrief::cli::parse(argc, argv));
  } catch (const nl::raadsbrief::GenerationException& e) {
    return report(toUtf8(e.Message), raadsbrief::exitCodeOfKind(e.Kind));
  } catch (const Error& e) {
    return report(e.what(), static_cast<int>(e.kind()));
  } catch (const css::lang::DisposedException&) {
    return report(raadsbrief::cli::kOfficeDied, static_cast<int>(ErrorKind::Office));
  } catch (const css::uno::Exception& e) {
    // A dying office's bridge says "Binary URP bridge disposed during call …": not for people.
    if (toUtf8(e.Message).find("URP bridge") != std::string::npos)
      return report(raadsbrief::cli::kOfficeDied, static_cast<int>(ErrorKind::Office));
    return report("LibreOffice-fout: " + toUtf8(e.Message), static_cast<int>(ErrorKind::Office));
  } catch (const std::exception& e) {
    return report(std::string("interne fout: ") + e.what(), static_cast<int>(ErrorKind::Internal));
  }
}
