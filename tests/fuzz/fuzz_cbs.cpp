// libFuzzer target: the CBS OData reader (raadsbrief::sources::loadCbsTable) with its pages taken
// from the input; the input format is in FuzzCbs.hpp. See docs/reliability.md.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <typeinfo>

#include "FuzzCbs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    raadsbrief::fuzz::fuzzCbs(data, size);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_cbs: unexpected %s: %s\n", typeid(e).name(), e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "fuzz_cbs: unexpected non-std exception\n");
    std::abort();
  }
  return 0;
}
