# Install rules: libraries, header, CMake package, pkg-config file.
#   cmake --install BUILD --prefix PREFIX
# gives PREFIX/include/ivalloc.h, PREFIX/LIBDIR/libivalloc.{a,so,so.0,so.0.1.0},
# PREFIX/LIBDIR/cmake/ivalloc/ (find_package(ivalloc CONFIG)) and
# PREFIX/LIBDIR/pkgconfig/ivalloc.pc.  Both package files are relocatable:
# they locate the prefix from their own path, so --prefix at install time
# works.
include(CMakePackageConfigHelpers)

set(IVA_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/ivalloc")
set(IVA_PC_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

set(_iva_install_targets ivalloc_static)
if(TARGET ivalloc_shared)
  list(APPEND _iva_install_targets ivalloc_shared)
endif()
install(TARGETS ${_iva_install_targets} EXPORT ivallocTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT devel
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime
          NAMELINK_COMPONENT devel
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_SOURCE_DIR}/include/ivalloc.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT devel)

# CMake package: ivalloc::ivalloc (shared) and ivalloc::ivalloc_static.
install(EXPORT ivallocTargets NAMESPACE ivalloc::
  DESTINATION ${IVA_CMAKE_DIR} COMPONENT devel)
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/ivallocConfig.cmake.in
  ${PROJECT_BINARY_DIR}/ivallocConfig.cmake
  INSTALL_DESTINATION ${IVA_CMAKE_DIR})
# 0.x releases: only the same minor version is compatible.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/ivallocConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/ivallocConfig.cmake
  ${PROJECT_BINARY_DIR}/ivallocConfigVersion.cmake
  DESTINATION ${IVA_CMAKE_DIR} COMPONENT devel)

# pkg-config: paths relative to the .pc file's own directory when the
# install directories are relative (the usual case).
if(IS_ABSOLUTE "${IVA_PC_DIR}" OR IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(IVA_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
  set(IVA_PC_LIBDIR "${CMAKE_INSTALL_FULL_LIBDIR}")
  set(IVA_PC_INCLUDEDIR "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
else()
  file(RELATIVE_PATH _iva_up "/iva-prefix/${IVA_PC_DIR}" "/iva-prefix")
  string(REGEX REPLACE "/$" "" _iva_up "${_iva_up}")
  set(IVA_PC_PREFIX "\${pcfiledir}/${_iva_up}")
  set(IVA_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
  set(IVA_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/ivalloc.pc.in
  ${PROJECT_BINARY_DIR}/ivalloc.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/ivalloc.pc
  DESTINATION ${IVA_PC_DIR} COMPONENT devel)
