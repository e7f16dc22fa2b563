# raadsbrief_warnings: an INTERFACE target carrying our warning flags; link it PRIVATE.
add_library(raadsbrief_warnings INTERFACE)
target_compile_options(raadsbrief_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wimplicit-fallthrough)
add_library(raadsbrief::warnings ALIAS raadsbrief_warnings)
