# Locates Debian's LibreOffice 7.4 SDK and provides:
#   LibreOffice::sdk       INTERFACE target: SDK headers, defines, URE libraries
#   LO_UNOIDL_WRITE, LO_CPPUMAKER, LO_TYPES_RDB, LO_OFFAPI_RDB, LO_PROGRAM_DIR
set(LO_ROOT "/usr/lib/libreoffice" CACHE PATH "LibreOffice installation root")
set(LO_PROGRAM_DIR "${LO_ROOT}/program")
set(LO_SDK_DIR "${LO_ROOT}/sdk")

find_program(LO_UNOIDL_WRITE unoidl-write HINTS "${LO_SDK_DIR}/bin" REQUIRED NO_DEFAULT_PATH)
find_program(LO_CPPUMAKER cppumaker HINTS "${LO_SDK_DIR}/bin" REQUIRED NO_DEFAULT_PATH)
find_path(LO_SDK_INCLUDE_DIR sal/config.h HINTS /usr/include/libreoffice REQUIRED)
find_file(LO_TYPES_RDB types.rdb HINTS "${LO_PROGRAM_DIR}" REQUIRED NO_DEFAULT_PATH)
find_file(LO_OFFAPI_RDB offapi.rdb HINTS "${LO_PROGRAM_DIR}/types" REQUIRED NO_DEFAULT_PATH)
find_file(LO_SERVICES_RDB services.rdb HINTS "${LO_PROGRAM_DIR}" REQUIRED NO_DEFAULT_PATH)

foreach(lib uno_cppu uno_cppuhelpergcc3 uno_sal uno_salhelpergcc3)
  find_library(LO_LIB_${lib} ${lib} HINTS "${LO_SDK_DIR}/lib" REQUIRED NO_DEFAULT_PATH)
endforeach()

add_library(LibreOffice_sdk INTERFACE)
target_include_directories(LibreOffice_sdk SYSTEM INTERFACE "${LO_SDK_INCLUDE_DIR}")
target_compile_definitions(LibreOffice_sdk INTERFACE LINUX UNX GCC CPPU_ENV=gcc3)
target_link_libraries(LibreOffice_sdk INTERFACE
  ${LO_LIB_uno_cppuhelpergcc3} ${LO_LIB_uno_cppu} ${LO_LIB_uno_salhelpergcc3} ${LO_LIB_uno_sal})
add_library(LibreOffice::sdk ALIAS LibreOffice_sdk)
