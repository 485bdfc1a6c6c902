# Warning flags for our own targets only (third-party code is compiled without them).
add_library(sts_warnings INTERFACE)
target_compile_options(sts_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
  -Woverloaded-virtual -Wimplicit-fallthrough -Wno-missing-field-initializers)
# Integers only in the engine, but keep floating point contraction identical across targets.
add_compile_options(-ffp-contract=off)
if(STS_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
