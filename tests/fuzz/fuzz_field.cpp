// libFuzzer target: the template field language (parseField, findFields). See docs/reliability.md.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <typeinfo>

#include "FuzzField.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    raadsbrief::fuzz::fuzzField(data, size);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_field: unexpected %s: %s\n", typeid(e).name(), e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "fuzz_field: unexpected non-std exception\n");
    std::abort();
  }
  return 0;
}
