// libFuzzer target: the dataset reader (raadsbrief::data::readDataset). See docs/reliability.md.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <typeinfo>

#include "FuzzDataset.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    raadsbrief::fuzz::fuzzDataset(data, size);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_dataset: unexpected %s: %s\n", typeid(e).name(), e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "fuzz_dataset: unexpected non-std exception\n");
    std::abort();
  }
  return 0;
}
