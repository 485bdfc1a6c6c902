# STS_FUZZ=ON (the build/fuzz tree of `make fuzz`, clang only): every library is compiled with
# libFuzzer's coverage instrumentation plus address and undefined-behaviour sanitizers, and the
# targets in tests/fuzz link libFuzzer's main (-fsanitize=fuzzer). The normal trees never set it;
# they build the same targets with a replay driver instead (tests/fuzz/replay_main.cpp).
if(NOT STS_FUZZ)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR EMSCRIPTEN)
  message(FATAL_ERROR "STS_FUZZ=ON needs clang (configure with CC=clang CXX=clang++)")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
  -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)
