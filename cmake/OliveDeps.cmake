# Every dependency comes from a Debian package through pkg-config. Nothing is vendored.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(FFTW3F REQUIRED IMPORTED_TARGET fftw3f)
pkg_check_modules(VOLK   REQUIRED IMPORTED_TARGET volk)
pkg_check_modules(YAML   REQUIRED IMPORTED_TARGET yaml-0.1)

if(OLIVE_ENABLE_ZMQ)
  pkg_check_modules(ZMQ REQUIRED IMPORTED_TARGET libzmq)
endif()

# UHD: on when the C API is found, unless the user said otherwise.
pkg_check_modules(UHD QUIET IMPORTED_TARGET uhd)
if(UHD_FOUND)
  find_path(UHD_C_HEADER uhd.h HINTS ${UHD_INCLUDE_DIRS})
endif()
if(UHD_FOUND AND UHD_C_HEADER)
  option(OLIVE_ENABLE_UHD "Build the UHD (USRP) radio driver" ON)
else()
  option(OLIVE_ENABLE_UHD "Build the UHD (USRP) radio driver" OFF)
endif()
if(OLIVE_ENABLE_UHD AND NOT (UHD_FOUND AND UHD_C_HEADER))
  message(FATAL_ERROR "OLIVE_ENABLE_UHD=ON but the UHD C API (uhd.h, uhd.pc) was not found: apt-get install libuhd-dev")
endif()
if(OLIVE_ENABLE_UHD)
  # olive::uhd is libuhd and its C API header only. uhd.pc's Libs also names
  # -lboost_system, which Debian 12 no longer ships (Boost.System is header-only), so
  # PkgConfig::UHD does not link there.
  find_library(OLIVE_UHD_LIBRARY uhd HINTS ${UHD_LIBRARY_DIRS} REQUIRED)
  add_library(olive::uhd UNKNOWN IMPORTED)
  set_target_properties(olive::uhd PROPERTIES IMPORTED_LOCATION ${OLIVE_UHD_LIBRARY}
                        INTERFACE_INCLUDE_DIRECTORIES "${UHD_INCLUDE_DIRS}")
endif()

if(OLIVE_BUILD_TESTS)
  pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka)
endif()
