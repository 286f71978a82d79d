# Test, benchmark and fuzzer registration. One call registers one program; see README
# "Adding a PHY block".
#
#   olive_add_test(<name> SOURCES a.c [LIBS ...] [LABELS unit|vector|e2e|slow] [ARGS ...]
#                  [TIMEOUT s] [SANITIZE_SKIP] [SERIAL])
#     A self-checking program (plain main() or cmocka). Exit status 0 means pass.
#     Plain-main tests use tests/include/olive_test.h (CHECK, fixed-seed RNG, closing line).
#     LABELS defaults to "unit". SERIAL runs it alone (wall-clock timing checks).
#
#   olive_add_bench(<name> SOURCES a.c [LIBS ...])
#     A benchmark executable bench/<name>. It prints one line per case,
#     "bench=<name> <key>=<value> ... value=<number> unit=<unit>". CTest runs it once
#     with --smoke (label bench-smoke); tools/run_benchmarks runs it for real.
#
#   olive_add_fuzzer(<name> SOURCES fuzz.c [LIBS ...] [CORPUS dir])
#     A libFuzzer target (LLVMFuzzerTestOneInput). With OLIVE_FUZZ=ON and clang it builds
#     fuzz/<name> for real fuzzing; in every build it also registers a replay test
#     (label fuzz) that feeds the corpus and a fixed-seed stream of random and mutated
#     inputs through the target, so CI exercises every decoder of outside bytes.

set(OLIVE_BENCH_DIR ${CMAKE_BINARY_DIR}/bench)
set(OLIVE_FUZZ_DIR ${CMAKE_BINARY_DIR}/fuzz)

function(olive_add_test name)
  cmake_parse_arguments(T "SANITIZE_SKIP;SERIAL" "TIMEOUT" "SOURCES;LIBS;LABELS;ARGS" ${ARGN})
  if(NOT T_LABELS)
    set(T_LABELS unit)
  endif()
  if(T_SANITIZE_SKIP AND OLIVE_SANITIZE)
    return()
  endif()
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} olive_support m)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/include)
  add_test(NAME ${name} COMMAND ${name} ${T_ARGS})
  set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}")
  if(T_TIMEOUT)
    set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT})
  endif()
  if(T_SERIAL)
    set_tests_properties(${name} PROPERTIES RUN_SERIAL TRUE)
  endif()
endfunction()

function(olive_add_bench name)
  cmake_parse_arguments(B "" "" "SOURCES;LIBS" ${ARGN})
  if(NOT OLIVE_BUILD_BENCH)
    return()
  endif()
  add_executable(${name} ${B_SOURCES})
  target_link_libraries(${name} PRIVATE ${B_LIBS} olive_support m)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/include)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${OLIVE_BENCH_DIR})
  add_test(NAME bench-smoke.${name} COMMAND ${name} --smoke)
  set_tests_properties(bench-smoke.${name} PROPERTIES LABELS bench-smoke)
endfunction()

function(olive_add_fuzzer name)
  cmake_parse_arguments(F "" "CORPUS;RUNS" "SOURCES;LIBS" ${ARGN})
  if(NOT F_RUNS)
    set(F_RUNS 20000)
  endif()
  add_executable(fuzz-replay.${name} ${F_SOURCES} ${PROJECT_SOURCE_DIR}/tests/fuzz_replay.c)
  target_link_libraries(fuzz-replay.${name} PRIVATE ${F_LIBS} olive_support)
  target_include_directories(fuzz-replay.${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/include)
  set(_args --runs ${F_RUNS})
  if(F_CORPUS)
    list(APPEND _args --corpus ${F_CORPUS})
  endif()
  add_test(NAME fuzz-replay.${name} COMMAND fuzz-replay.${name} ${_args})
  set_tests_properties(fuzz-replay.${name} PROPERTIES LABELS fuzz)
  if(OLIVE_FUZZ)
    if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
      message(FATAL_ERROR "OLIVE_FUZZ=ON needs clang: cmake -DCMAKE_C_COMPILER=clang")
    endif()
    add_executable(fuzz_${name} ${F_SOURCES})
    target_link_libraries(fuzz_${name} PRIVATE ${F_LIBS} olive_support)
    target_include_directories(fuzz_${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/include)
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
    set_target_properties(fuzz_${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${OLIVE_FUZZ_DIR})
  endif()
endfunction()

# olive_add_subdirectories([FILTERED]): add every child folder that has a CMakeLists.txt,
# in name order. Layers and test trees use it so a new module is one new folder, and
# work on two modules never touches the same file. With FILTERED, a non-empty
# OLIVE_MODULES list limits the children to those names (a developer working on one
# block builds only it and what it needs: -DOLIVE_MODULES="bits;crc;polar").
function(olive_add_subdirectories)
  cmake_parse_arguments(D "FILTERED" "" "" ${ARGN})
  file(GLOB _children LIST_DIRECTORIES true CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*)
  list(SORT _children)
  foreach(_c ${_children})
    if(IS_DIRECTORY ${_c} AND EXISTS ${_c}/CMakeLists.txt)
      get_filename_component(_n ${_c} NAME)
      if(D_FILTERED AND OLIVE_MODULES AND NOT _n IN_LIST OLIVE_MODULES)
        continue()
      endif()
      add_subdirectory(${_c})
    endif()
  endforeach()
endfunction()
