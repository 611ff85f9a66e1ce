# Warning, sanitizer and coverage flags, applied through an interface
# target so that vendoring projects do not inherit them.
add_library(iva_flags INTERFACE)
if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(iva_flags INTERFACE
    -Wall -Wextra -Wconversion -Wshadow -Wstrict-prototypes
    -Wmissing-prototypes -Wpointer-arith -Wcast-qual -Wundef)
  if(IVA_WERROR)
    target_compile_options(iva_flags INTERFACE -Werror)
  endif()
  if(IVA_SANITIZE)
    target_compile_options(iva_flags INTERFACE
      -fsanitize=address,undefined -fno-sanitize-recover=all
      -fno-omit-frame-pointer)
    target_link_options(iva_flags INTERFACE
      -fsanitize=address,undefined -fno-sanitize-recover=all)
  endif()
  if(IVA_COVERAGE)
    if(CMAKE_C_COMPILER_ID MATCHES "Clang")
      target_compile_options(iva_flags INTERFACE
        -fprofile-instr-generate -fcoverage-mapping)
      target_link_options(iva_flags INTERFACE -fprofile-instr-generate)
    else()
      target_compile_options(iva_flags INTERFACE --coverage)
      target_link_options(iva_flags INTERFACE --coverage)
    endif()
  endif()
endif()
