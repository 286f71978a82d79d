# Language level, warnings, optimisation, visibility and sanitizers for every olive target.
set(CMAKE_C_STANDARD 11)
set(CMAKE_C_STANDARD_REQUIRED ON)
set(CMAKE_C_EXTENSIONS OFF)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
set(CMAKE_C_VISIBILITY_PRESET hidden)
set(CMAKE_VISIBILITY_INLINES_HIDDEN ON)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

# POSIX and GNU interfaces (pthread affinity, clock_gettime, M_PI) on top of strict C11.
add_compile_definitions(_GNU_SOURCE)

set(CMAKE_C_FLAGS_RELEASE "-O3 -DNDEBUG")
set(CMAKE_C_FLAGS_RELWITHDEBINFO "-O3 -g -DNDEBUG")
set(CMAKE_C_FLAGS_DEBUG "-O0 -g")

add_compile_options(-Wall -Wextra -Wshadow -Wundef -Wvla -Wstrict-prototypes -Wmissing-prototypes)
if(OLIVE_WERROR)
  add_compile_options(-Werror)
endif()

if(OLIVE_SANITIZE)
  string(REPLACE ";" "," _olive_san "${OLIVE_SANITIZE}")
  # -O2 keeps the statistical tests affordable under the sanitizers; asserts stay on in
  # the Debug build type CI uses for this build.
  add_compile_options(-fsanitize=${_olive_san} -fno-omit-frame-pointer -fno-sanitize-recover=all -g -O2)
  add_link_options(-fsanitize=${_olive_san})
endif()

# libFuzzer builds: every target gets coverage instrumentation (fuzzer-no-link) and the
# sanitizers, so a fuzz target sees the edges of the shared libraries it calls; only the
# fuzz executables link the libFuzzer driver (cmake/OliveTesting.cmake).
if(OLIVE_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=address,undefined)
endif()

# Per-file ISA flags for SIMD variants. The rest of the binary stays baseline x86-64 and
# the variant is chosen at run time (support/include/olive/support/cpu.h).
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  set(OLIVE_X86 ON)
  set(OLIVE_FLAGS_AVX2   -mavx2 -mfma -mbmi2)
  set(OLIVE_FLAGS_AVX512 -mavx512f -mavx512bw -mavx512vl -mavx512dq -mavx2 -mfma -mbmi2)
else()
  set(OLIVE_X86 OFF)
endif()

# olive_simd_sources(<target> AVX2 a.c b.c AVX512 c.c): add SIMD variant files with their
# own flags. On non-x86 builds they are skipped and only the portable reference is built.
# The flags are set in the target's directory scope, so module folders (phy/<module>/)
# can add variants to a target defined in their parent.
function(olive_simd_sources target)
  cmake_parse_arguments(S "" "" "AVX2;AVX512" ${ARGN})
  if(NOT OLIVE_X86)
    return()
  endif()
  foreach(f ${S_AVX2})
    target_sources(${target} PRIVATE ${f})
    set_source_files_properties(${f} TARGET_DIRECTORY ${target}
                                PROPERTIES COMPILE_OPTIONS "${OLIVE_FLAGS_AVX2}")
  endforeach()
  foreach(f ${S_AVX512})
    target_sources(${target} PRIVATE ${f})
    set_source_files_properties(${f} TARGET_DIRECTORY ${target}
                                PROPERTIES COMPILE_OPTIONS "${OLIVE_FLAGS_AVX512}")
  endforeach()
  target_compile_definitions(${target} PRIVATE OLIVE_HAVE_X86_SIMD=1)
endfunction()
