# iva_api_names(OUT HEADER): names of the functions declared IVA_API in
# HEADER (the public API), sorted.  Shared by the ctest checks below.
function(iva_api_names out header)
  file(READ "${header}" text)
  # One declaration: from IVA_API at the start of a line to its ";".
  string(REGEX MATCHALL "\nIVA_API[ \t][^;]*;" decls "${text}")
  set(names "")
  foreach(d IN LISTS decls)
    if(d MATCHES "([A-Za-z_][A-Za-z0-9_]*)[ \t\r\n]*\\(")
      list(APPEND names "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES names)
  list(SORT names)
  set(${out} "${names}" PARENT_SCOPE)
endfunction()
