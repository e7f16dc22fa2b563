# raadsbrief_warnings: an INTERFACE target carrying our warning flags; link it PRIVATE.
add_library(raadsbrief_warnings INTERFACE)
target_compile_options(raadsbrief_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wimplicit-fallthrough)
# RAADSBRIEF_WERROR turns every one of those warnings into an error (the "ci" preset sets it).
option(RAADSBRIEF_WERROR "Treat compiler warnings as errors" OFF)
if(RAADSBRIEF_WERROR)
  target_compile_options(raadsbrief_warnings INTERFACE -Werror)
endif()
add_library(raadsbrief::warnings ALIAS raadsbrief_warnings)

# raadsbrief_sanitizers: AddressSanitizer + UndefinedBehaviorSanitizer for the UNO-free parts
# (core, reportd, their tests) when RAADSBRIEF_SANITIZE is ON (CMakePresets.json: "sanitize").
# Never for the UNO component: it runs inside soffice, which is not instrumented.
option(RAADSBRIEF_SANITIZE "Build the UNO-free code and its tests with ASan and UBSan" OFF)
add_library(raadsbrief_sanitizers INTERFACE)
if(RAADSBRIEF_SANITIZE)
  set(_raadsbrief_sanitize_flags -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_compile_options(raadsbrief_sanitizers INTERFACE ${_raadsbrief_sanitize_flags})
  target_link_options(raadsbrief_sanitizers INTERFACE ${_raadsbrief_sanitize_flags})
endif()
add_library(raadsbrief::sanitizers ALIAS raadsbrief_sanitizers)
