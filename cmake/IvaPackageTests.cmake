# ctest checks of the packaging (added with the docs examples, which need
# testing enabled): exported symbols / SONAME and the API reference.
if(TARGET ivalloc_shared)
  if(IVA_SANITIZE OR IVA_COVERAGE)
    set(_iva_instrumented ON)
  else()
    set(_iva_instrumented OFF)
  endif()
  add_test(NAME abi-exports COMMAND ${CMAKE_COMMAND}
    -DINSTRUMENTED=${_iva_instrumented}
    -DNM=${CMAKE_NM} -DOBJDUMP=${CMAKE_OBJDUMP}
    -DLIB=$<TARGET_FILE:ivalloc_shared>
    -DSONAME=libivalloc.so.${IVA_ABI_VERSION}
    -DHEADER=${PROJECT_SOURCE_DIR}/include/ivalloc.h
    -P ${PROJECT_SOURCE_DIR}/cmake/check_exports.cmake)
endif()
add_test(NAME api-doc COMMAND ${CMAKE_COMMAND}
  -DHEADER=${PROJECT_SOURCE_DIR}/include/ivalloc.h
  -DDOC=${PROJECT_SOURCE_DIR}/docs/API.md
  -DEXAMPLES=${PROJECT_SOURCE_DIR}/docs/examples
  -P ${PROJECT_SOURCE_DIR}/cmake/check_api_doc.cmake)
