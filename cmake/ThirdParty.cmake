# Third-party libraries, one target each, the same names in the native and the wasm build:
#   sts_yaml_cpp  yaml-cpp 0.7 (native: Debian's libyaml-cpp-dev; wasm: third_party/yaml-cpp with em++)
#   sts_imgui     Dear ImGui 1.86 core (+ GLFW/OpenGL3 backends in wasm); sts_imgui_core = core only
#   sts_nlohmann  nlohmann/json 3.11 (header-only, Debian's nlohmann-json3-dev)
#   sts_httplib   cpp-httplib 0.11 (Debian's libcpp-httplib-dev; native only)
#   GTest::gtest, GTest::gtest_main, GTest::gmock, GTest::gmock_main
#                 (native: Debian's libgtest-dev; wasm: /usr/src/googletest built with em++)
# Sources in third_party/ come from scripts/fetch-third-party.sh (Debian source packages).
# All third-party include directories are SYSTEM so our -Wall/-Wshadow flags don't fire in them.

set(STS_IMGUI_DIR "${STS_THIRD_PARTY_DIR}/imgui")
set(STS_YAML_CPP_DIR "${STS_THIRD_PARTY_DIR}/yaml-cpp")
set(STS_GOOGLETEST_DIR "/usr/src/googletest" CACHE PATH "GoogleTest sources (Debian package googletest)")

function(sts_require_dir dir what)
  if(NOT EXISTS "${dir}")
    message(FATAL_ERROR "${what} not found at ${dir}: run scripts/fetch-third-party.sh (or `make deps`)")
  endif()
endfunction()

# Third-party code gets neither our warnings nor -Werror; silence its own warnings entirely.
function(sts_quiet_third_party target)
  target_compile_options(${target} PRIVATE -w)
endfunction()

# ---------------------------------------------------------------------------------------------
# yaml-cpp
if(EMSCRIPTEN)
  sts_require_dir("${STS_YAML_CPP_DIR}/CMakeLists.txt" "yaml-cpp source")
  set(YAML_CPP_BUILD_TESTS OFF CACHE BOOL "" FORCE)
  set(YAML_CPP_BUILD_TOOLS OFF CACHE BOOL "" FORCE)
  set(YAML_CPP_BUILD_CONTRIB OFF CACHE BOOL "" FORCE)
  set(YAML_CPP_INSTALL OFF CACHE BOOL "" FORCE)
  set(YAML_BUILD_SHARED_LIBS OFF CACHE BOOL "" FORCE)
  add_subdirectory("${STS_YAML_CPP_DIR}" "${CMAKE_BINARY_DIR}/_deps/yaml-cpp" EXCLUDE_FROM_ALL SYSTEM)
  sts_quiet_third_party(yaml-cpp)
  sts_wasm_exceptions(yaml-cpp)  # it throws and catches its own parse errors
  add_library(sts_yaml_cpp INTERFACE)
  target_link_libraries(sts_yaml_cpp INTERFACE yaml-cpp)
else()
  find_package(yaml-cpp 0.7 REQUIRED CONFIG)
  add_library(sts_yaml_cpp INTERFACE)
  target_link_libraries(sts_yaml_cpp INTERFACE yaml-cpp)
endif()

# ---------------------------------------------------------------------------------------------
# Dear ImGui
sts_require_dir("${STS_IMGUI_DIR}/imgui.cpp" "Dear ImGui source")
# EXCLUDE_FROM_ALL: third-party libraries build only when something links them (the asan tree
# never needs ImGui, for instance).
add_library(sts_imgui_core STATIC EXCLUDE_FROM_ALL
  "${STS_IMGUI_DIR}/imgui.cpp"
  "${STS_IMGUI_DIR}/imgui_draw.cpp"
  "${STS_IMGUI_DIR}/imgui_tables.cpp"
  "${STS_IMGUI_DIR}/imgui_widgets.cpp")
target_include_directories(sts_imgui_core SYSTEM PUBLIC "${STS_IMGUI_DIR}")
sts_quiet_third_party(sts_imgui_core)

if(EMSCRIPTEN)
  # Browser backends: Emscripten's built-in JS GLFW (no download port) + WebGL2 ("#version 300 es").
  # imgui_demo.cpp (ImGui::ShowDemoWindow, a handy widget reference) only where there is a screen.
  add_library(sts_imgui STATIC EXCLUDE_FROM_ALL
    "${STS_IMGUI_DIR}/backends/imgui_impl_glfw.cpp"
    "${STS_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp"
    "${STS_IMGUI_DIR}/imgui_demo.cpp")
  target_include_directories(sts_imgui SYSTEM PUBLIC "${STS_IMGUI_DIR}/backends")
  # Without this the OpenGL3 backend picks GLES2/WebGL1 under Emscripten.
  target_compile_definitions(sts_imgui PUBLIC IMGUI_IMPL_OPENGL_ES3)
  target_link_options(sts_imgui PUBLIC
    "-sUSE_GLFW=3" "-sMIN_WEBGL_VERSION=2" "-sMAX_WEBGL_VERSION=2")
  target_link_libraries(sts_imgui PUBLIC sts_imgui_core)
  sts_quiet_third_party(sts_imgui)
else()
  # Native: the core only (used headless, with no platform backend, by the smoke test).
  add_library(sts_imgui INTERFACE)
  target_link_libraries(sts_imgui INTERFACE sts_imgui_core)
endif()

# ---------------------------------------------------------------------------------------------
# nlohmann/json (header-only). In wasm, find_package may not look outside the Emscripten sysroot
# and /usr/include must not be on the include path (glibc headers), so expose only nlohmann/.
add_library(sts_nlohmann INTERFACE)
if(EMSCRIPTEN)
  sts_require_dir("/usr/include/nlohmann/json.hpp" "nlohmann/json (nlohmann-json3-dev)")
  set(_sts_sysinc "${CMAKE_BINARY_DIR}/_deps/sysinc")
  file(MAKE_DIRECTORY "${_sts_sysinc}")
  file(CREATE_LINK "/usr/include/nlohmann" "${_sts_sysinc}/nlohmann" SYMBOLIC)
  target_include_directories(sts_nlohmann SYSTEM INTERFACE "${_sts_sysinc}")
else()
  find_package(nlohmann_json 3.11 REQUIRED CONFIG)
  target_link_libraries(sts_nlohmann INTERFACE nlohmann_json::nlohmann_json)
endif()

# ---------------------------------------------------------------------------------------------
# cpp-httplib: Debian splits it into a header and libcpp-httplib.so built with OpenSSL, zlib and
# Brotli support. Those macros change class layouts, so take them from its pkg-config file.
if(NOT EMSCRIPTEN)
  find_package(PkgConfig REQUIRED)
  find_package(Threads REQUIRED)
  pkg_check_modules(STS_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib>=0.11)
  add_library(sts_httplib INTERFACE)
  target_link_libraries(sts_httplib INTERFACE PkgConfig::STS_HTTPLIB Threads::Threads)
endif()

# ---------------------------------------------------------------------------------------------
# GoogleTest / GoogleMock
if(STS_BUILD_TESTS)
  if(EMSCRIPTEN)
    sts_require_dir("${STS_GOOGLETEST_DIR}/CMakeLists.txt" "GoogleTest source (package googletest)")
    set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
    set(BUILD_GMOCK ON CACHE BOOL "" FORCE)
    set(gtest_disable_pthreads ON CACHE BOOL "" FORCE)  # no pthreads in our wasm build
    add_subdirectory("${STS_GOOGLETEST_DIR}" "${CMAKE_BINARY_DIR}/_deps/googletest" EXCLUDE_FROM_ALL SYSTEM)
    foreach(_t gtest gtest_main gmock gmock_main)
      sts_quiet_third_party(${_t})
      sts_wasm_exceptions(${_t})  # a test that throws is reported as failed, not aborted
      if(NOT TARGET GTest::${_t})  # googletest 1.12 defines these aliases itself
        add_library(GTest::${_t} ALIAS ${_t})
      endif()
    endforeach()
  else()
    find_package(GTest 1.12 REQUIRED CONFIG)
  endif()
endif()
