# Settings for the WebAssembly build (configured with `emcmake cmake`, Emscripten 3.1.6 from Debian).
if(NOT EMSCRIPTEN)
  return()
endif()

# yaml-cpp and nlohmann report parse errors by throwing; without -fexceptions a throw aborts
# the whole module. Everything (ours and third-party) is compiled and linked with it.
add_compile_options(-fexceptions)
add_link_options(-fexceptions "-sALLOW_MEMORY_GROWTH=1")

# emcc's JS optimiser (run at -O1 and above) needs Debian's `acorn` module: give every link
# NODE_PATH, so `cmake --build` works without a special environment.
set(CMAKE_C_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=/usr/share/nodejs")
set(CMAKE_CXX_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=/usr/share/nodejs")

# -O2 rather than Release's -O3: nearly the same speed, and much quicker wasm-opt links.
set(CMAKE_C_FLAGS_RELEASE "-O2 -DNDEBUG" CACHE STRING "" FORCE)
set(CMAKE_CXX_FLAGS_RELEASE "-O2 -DNDEBUG" CACHE STRING "" FORCE)

# Every wasm executable is a node program (a test, a tool) unless it sets the target property
# STS_WEB_APP (the browser bundle, src/platform): node programs see the host file system
# (NODERAWFS, so tests can read assets/ by path) and exit with main()'s return code.
# ctest runs them through CMAKE_CROSSCOMPILING_EMULATOR, which must be
# "node;--no-experimental-fetch" (Node 18+'s global fetch breaks 3.1.6's wasm loader).
set(_sts_node_exe "$<NOT:$<BOOL:$<TARGET_PROPERTY:STS_WEB_APP>>>")
add_link_options(
  "$<${_sts_node_exe}:-sENVIRONMENT=node>"
  "$<${_sts_node_exe}:-sNODERAWFS=1>"
  "$<${_sts_node_exe}:-sEXIT_RUNTIME=1>")
if(NOT CMAKE_CROSSCOMPILING_EMULATOR MATCHES "no-experimental-fetch")
  message(WARNING "CMAKE_CROSSCOMPILING_EMULATOR is '${CMAKE_CROSSCOMPILING_EMULATOR}'; "
    "use -DCMAKE_CROSSCOMPILING_EMULATOR='node;--no-experimental-fetch' (see CMakePresets.json)")
endif()
