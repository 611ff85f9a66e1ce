# ctest "abi-exports": the shared library exports exactly the IVA_API
# functions of the header (nothing internal, nothing missing), and its
# SONAME is libivalloc.so.ABI.
#   cmake -DNM=nm -DOBJDUMP=objdump -DLIB=libivalloc.so -DHEADER=ivalloc.h
#         -DSONAME=libivalloc.so.0 [-DINSTRUMENTED=ON] -P check_exports.cmake
include(${CMAKE_CURRENT_LIST_DIR}/IvaApiNames.cmake)
iva_api_names(api "${HEADER}")
list(LENGTH api n_api)
if(n_api LESS 10)
  message(FATAL_ERROR "found only ${n_api} IVA_API functions in ${HEADER}")
endif()

execute_process(COMMAND "${NM}" -D --defined-only "${LIB}"
  OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} -D failed on ${LIB}")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(exported "")
foreach(l IN LISTS lines)
  # "ADDRESS TYPE NAME": global symbols have an upper-case type letter.
  if(l MATCHES "^[0-9a-fA-F]* *([A-Za-z]) ([^ ]+)$")
    set(type "${CMAKE_MATCH_1}")
    set(name "${CMAKE_MATCH_2}")
    string(REGEX REPLACE "@.*" "" name "${name}")
    if(type MATCHES "[A-Z]")
      list(APPEND exported "${name}")
    endif()
  endif()
endforeach()
list(REMOVE_DUPLICATES exported)
list(SORT exported)

# Instrumented builds (INSTRUMENTED=ON: sanitizers, coverage) link runtime
# pieces that export their own names (__llvm_prf_*, mangle_path, ...);
# there only names of ours (iva*) are judged.  Plain builds: every name.
set(bad "")
foreach(s IN LISTS exported)
  list(FIND api "${s}" i)
  if(i EQUAL -1 AND (NOT INSTRUMENTED OR s MATCHES "^_*[iI][vV][aA]"))
    list(APPEND bad "${s}")
  endif()
endforeach()
set(missing "")
foreach(s IN LISTS api)
  list(FIND exported "${s}" i)
  if(i EQUAL -1)
    list(APPEND missing "${s}")
  endif()
endforeach()
if(bad OR missing)
  message(FATAL_ERROR "exported but not public API: [${bad}]\n"
    "public API but not exported: [${missing}]")
endif()

if(OBJDUMP)
  execute_process(COMMAND "${OBJDUMP}" -p "${LIB}" OUTPUT_VARIABLE dyn
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT dyn MATCHES "SONAME +([^ \n]+)")
    message(FATAL_ERROR "no SONAME in ${LIB}")
  endif()
  if(NOT CMAKE_MATCH_1 STREQUAL SONAME)
    message(FATAL_ERROR "SONAME is ${CMAKE_MATCH_1}, expected ${SONAME}")
  endif()
endif()
message(STATUS "${n_api} public functions, all exported and nothing else; SONAME ${SONAME}")
