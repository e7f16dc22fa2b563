// Replays the fuzz corpora and the regression inputs through the fuzz target bodies with any
// compiler (CTest runs it in the normal g++ build). Every file goes through fuzzDataset,
// fuzzField and fuzzCbs; a raadsbrief::Error is an expected answer, any other exception is a
// failure.
//   fuzz_replay DIR_OR_FILE...
// Prints one line per failure and "N passed, M failed"; exits 1 when anything failed.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <typeinfo>
#include <vector>

#include "FuzzCbs.hpp"
#include "FuzzDataset.hpp"
#include "FuzzField.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputsOf(const fs::path& arg) {
  std::vector<fs::path> out;
  if (fs::is_regular_file(arg)) {
    out.push_back(arg);
  } else {
    for (const auto& entry : fs::directory_iterator(arg)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || name.rfind("README", 0) == 0 || name.front() == '.') continue;
      out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
  }
  return out;
}

std::string readBytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Runs one target body; returns an empty string on success, the reason otherwise.
template <typename Body>
std::string run(Body body, const std::string& bytes) {
  try {
    body(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    return {};
  } catch (const std::exception& e) {
    return std::string(typeid(e).name()) + ": " + e.what();
  } catch (...) {
    return "non-std exception";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: fuzz_replay DIR_OR_FILE...\n");
    return 2;
  }
  int passed = 0;
  int failed = 0;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg(argv[i]);
    if (!fs::exists(arg)) {
      std::fprintf(stderr, "fuzz_replay: %s does not exist\n", argv[i]);
      return 2;
    }
    for (const auto& file : inputsOf(arg)) {
      const std::string bytes = readBytes(file);
      const std::string datasetProblem = run(raadsbrief::fuzz::fuzzDataset, bytes);
      const std::string fieldProblem = run(raadsbrief::fuzz::fuzzField, bytes);
      const std::string cbsProblem = run(raadsbrief::fuzz::fuzzCbs, bytes);
      if (!datasetProblem.empty())
        std::printf("FAILED %s (dataset): %s\n", file.string().c_str(), datasetProblem.c_str());
      if (!fieldProblem.empty()) std::printf("FAILED %s (field): %s\n", file.string().c_str(), fieldProblem.c_str());
      if (!cbsProblem.empty()) std::printf("FAILED %s (cbs): %s\n", file.string().c_str(), cbsProblem.c_str());
      if (datasetProblem.empty() && fieldProblem.empty() && cbsProblem.empty()) ++passed;
      else ++failed;
    }
  }
  std::printf("fuzz_replay: %d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
