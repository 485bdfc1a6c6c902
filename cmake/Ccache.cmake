# Compile through ccache when it is installed (CI rebuilds the same sources in three build trees
# and across runs). Works for g++ and for em++ alike. Disable with -DSTS_CCACHE=OFF.
option(STS_CCACHE "Use ccache as the compiler launcher when available" ON)
if(STS_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  find_program(STS_CCACHE_PROGRAM ccache)
  if(STS_CCACHE_PROGRAM)
    set(CMAKE_C_COMPILER_LAUNCHER "${STS_CCACHE_PROGRAM}")
    set(CMAKE_CXX_COMPILER_LAUNCHER "${STS_CCACHE_PROGRAM}")
  endif()
endif()
