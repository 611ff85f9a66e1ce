# Golden trace driver (cmake -P).  Inputs: LAUNCHER (list, may be empty),
# CLI (the ivalloc program), TRACE (tests/traces/NAME.trace), WORK (a
# scratch directory); optional STDIN=ON (feed TRACE on standard input to
# `replay -`), OPTIONS (extra replay options, e.g. --quiet), EXPECTED and
# ERRSPEC (other files than NAME.expected / NAME.err), TAG (name of the
# output file).  Runs `LAUNCHER CLI replay [OPTIONS] TRACE` and compares:
#  - stdout with NAME.expected, byte for byte;
#  - the exit status with the first line of NAME.err (default 0);
#  - stderr with the regular expression on the second line of NAME.err
#    (default: stderr must be empty).
cmake_minimum_required(VERSION 3.16)

get_filename_component(dir ${TRACE} DIRECTORY)
get_filename_component(name ${TRACE} NAME_WE)
set(expected_file ${dir}/${name}.expected)
set(err_file ${dir}/${name}.err)
if(EXPECTED)
  set(expected_file ${EXPECTED})
endif()
if(ERRSPEC)
  set(err_file ${ERRSPEC})
endif()
if(NOT TAG)
  set(TAG ${name})
endif()
if(NOT EXISTS ${expected_file})
  message(FATAL_ERROR "${name}: missing ${expected_file}")
endif()

set(want_rc 0)
set(want_err "^$")
if(EXISTS ${err_file})
  file(STRINGS ${err_file} err_lines)
  list(GET err_lines 0 want_rc)
  list(GET err_lines 1 want_err)
endif()

file(MAKE_DIRECTORY ${WORK})
set(out_file ${WORK}/${TAG}.out)
if(STDIN)
  execute_process(
    COMMAND ${LAUNCHER} ${CLI} replay ${OPTIONS} -
    INPUT_FILE ${TRACE}
    OUTPUT_FILE ${out_file}
    ERROR_VARIABLE got_err
    RESULT_VARIABLE got_rc)
else()
  execute_process(
    COMMAND ${LAUNCHER} ${CLI} replay ${OPTIONS} ${TRACE}
    OUTPUT_FILE ${out_file}
    ERROR_VARIABLE got_err
    RESULT_VARIABLE got_rc)
endif()

set(bad "")
if(NOT "${got_rc}" STREQUAL "${want_rc}")
  string(APPEND bad "exit status ${got_rc}, expected ${want_rc}\n")
endif()
if(NOT "${got_err}" MATCHES "${want_err}")
  string(APPEND bad "stderr does not match '${want_err}':\n${got_err}\n")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E compare_files ${out_file} ${expected_file}
  RESULT_VARIABLE diff_rc)
if(NOT diff_rc EQUAL 0)
  file(READ ${out_file} got_out)
  file(READ ${expected_file} want_out)
  string(APPEND bad "stdout differs from ${name}.expected\n"
                    "--- got:\n${got_out}--- expected:\n${want_out}")
endif()
if(bad)
  message(FATAL_ERROR "${name}: ${bad}")
endif()
message(STATUS "${name}: ok")
