# Compiler options as INTERFACE targets, linked PRIVATE by each target that wants them.

add_library(mandate_options INTERFACE)
add_library(mandate::options ALIAS mandate_options)
target_compile_features(mandate_options INTERFACE cxx_std_20)
target_compile_options(mandate_options INTERFACE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
# GCC 12 reports std::string concatenation at -O2/-O3 as overlapping memcpy (GCC bug 105329):
# a false positive in libstdc++ that -Werror would turn into a broken build.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(mandate_options INTERFACE -Wno-restrict)
endif()

# Tests hold themselves to no warnings at all.
add_library(mandate_strict INTERFACE)
add_library(mandate::strict ALIAS mandate_strict)
target_link_libraries(mandate_strict INTERFACE mandate_options)
target_compile_options(mandate_strict INTERFACE -Werror)

if(MANDATE_SANITIZE)
  target_compile_options(mandate_options INTERFACE -fsanitize=address,undefined
                                                   -fno-omit-frame-pointer)
  target_link_options(mandate_options INTERFACE -fsanitize=address,undefined)
endif()

# libFuzzer's coverage hooks in every library, with both sanitizers; UB aborts (no recovery) so
# that the fuzzer sees it as a crash. The harnesses add libFuzzer's main (fuzz/CMakeLists.txt).
if(MANDATE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "MANDATE_FUZZ needs clang: -DCMAKE_CXX_COMPILER=clang++ (make fuzz)")
  endif()
  target_compile_options(mandate_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                                                   -fno-sanitize-recover=all
                                                   -fno-omit-frame-pointer)
  # Boost's assertions go through fuzz/boost_assert.cc, which every harness links.
  target_compile_definitions(mandate_options INTERFACE BOOST_ENABLE_ASSERT_HANDLER)
endif()
