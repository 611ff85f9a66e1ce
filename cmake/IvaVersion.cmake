# The version lives in two places: project(VERSION) in CMakeLists.txt and
# the IVA_VERSION_* macros of include/ivalloc.h.  Refuse to configure when
# they disagree, so a release cannot ship a header that lies.
file(STRINGS "${PROJECT_SOURCE_DIR}/include/ivalloc.h" _iva_ver_lines
  REGEX "^#define IVA_VERSION_(MAJOR|MINOR|PATCH) [0-9]+$")
foreach(_iva_part MAJOR MINOR PATCH)
  set(_iva_${_iva_part} "")
  foreach(_iva_line IN LISTS _iva_ver_lines)
    if(_iva_line MATCHES "^#define IVA_VERSION_${_iva_part} ([0-9]+)$")
      set(_iva_${_iva_part} "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  if(_iva_${_iva_part} STREQUAL "")
    message(FATAL_ERROR "include/ivalloc.h: IVA_VERSION_${_iva_part} not found")
  endif()
endforeach()
set(_iva_header_version "${_iva_MAJOR}.${_iva_MINOR}.${_iva_PATCH}")
if(NOT _iva_header_version STREQUAL PROJECT_VERSION)
  message(FATAL_ERROR "version mismatch: CMakeLists.txt says ${PROJECT_VERSION}, "
    "include/ivalloc.h says ${_iva_header_version}")
endif()
