# fuzz_trace runs the trace runner of `ivalloc replay` (tools/trace.c).
# It gets its own copy of that library, so that engine instrumentation
# (sanitizers, -fsanitize=fuzzer-no-link) never reaches the CLI's iva_trace.
add_library(iva_fuzz_trace_runner STATIC ${PROJECT_SOURCE_DIR}/tools/trace.c)
target_include_directories(iva_fuzz_trace_runner PUBLIC ${PROJECT_SOURCE_DIR}/tools)
target_link_libraries(iva_fuzz_trace_runner PUBLIC ivalloc_static PRIVATE iva_flags)
iva_fuzz_instrument(iva_fuzz_trace_runner)
foreach(t IN LISTS IVA_FUZZ_TARGETS)
  target_link_libraries(${t} PRIVATE iva_fuzz_trace_runner)
endforeach()
