# Settings for the WebAssembly build (configured with `emcmake cmake`, Emscripten 3.1.6 from Debian).

# Exceptions in wasm. yaml-cpp and nlohmann report parse errors by throwing and src/manifest
# catches them, so those targets (and GoogleTest, which catches what a test throws) are compiled
# with -fexceptions: sts_wasm_exceptions(<target>...). Everything else is compiled without
# catching (Emscripten's default): its JavaScript-based unwinding wraps every call that may
# throw, which made a third of the browser bundle. A throw still propagates through that code to
# the nearest catching frame; only `catch` is limited to the targets that ask for it, which is
# the project's rule anyway (no exceptions across layer boundaries). No-op outside Emscripten.
# STS_WASM_EXCEPTIONS picks the mechanism: `js` (-fexceptions, the tests under node) or `wasm`
# (-fwasm-exceptions: the engine's own try/catch/throw, no JS wrappers; the browser bundle's
# tree, preset wasm-web). Both catch the same way; the two kinds of objects cannot be mixed.
set(STS_WASM_EXCEPTIONS "js" CACHE STRING "wasm exception handling: js (-fexceptions) or wasm (-fwasm-exceptions)")
set_property(CACHE STS_WASM_EXCEPTIONS PROPERTY STRINGS js wasm)
if(STS_WASM_EXCEPTIONS STREQUAL "wasm")
  set(STS_WASM_EXCEPTIONS_FLAG -fwasm-exceptions)
else()
  set(STS_WASM_EXCEPTIONS_FLAG -fexceptions)
endif()
function(sts_wasm_exceptions)
  if(EMSCRIPTEN)
    foreach(_t IN LISTS ARGN)
      target_compile_options(${_t} PRIVATE ${STS_WASM_EXCEPTIONS_FLAG})
    endforeach()
  endif()
endfunction()

if(NOT EMSCRIPTEN)
  return()
endif()

# Every link uses the exceptions flag: the runtime that lets the targets above catch.
add_link_options(${STS_WASM_EXCEPTIONS_FLAG} "-sALLOW_MEMORY_GROWTH=1")

# emcc's JS optimiser (run at -O1 and above) needs Debian's `acorn` module: give every link
# NODE_PATH, so `cmake --build` works without a special environment.
set(CMAKE_C_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=/usr/share/nodejs")
set(CMAKE_CXX_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=/usr/share/nodejs")

# -O2 rather than Release's -O3: nearly the same speed, and much quicker wasm-opt links. The
# browser bundle's tree (preset wasm-web) compiles for size instead: "-Oz -flto".
set(STS_WASM_OPT_FLAGS "-O2" CACHE STRING "Optimisation flags of the wasm Release build")
set(CMAKE_C_FLAGS_RELEASE "${STS_WASM_OPT_FLAGS} -DNDEBUG" CACHE STRING "" FORCE)
set(CMAKE_CXX_FLAGS_RELEASE "${STS_WASM_OPT_FLAGS} -DNDEBUG" CACHE STRING "" FORCE)

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
