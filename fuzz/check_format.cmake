# ctest helper: the corpus's .format file must equal the decoder's
# FZ_FORMAT_VERSION (printed by `REPLAY --format`).
execute_process(COMMAND ${REPLAY} --format OUTPUT_VARIABLE have
                RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
file(READ ${FORMAT_FILE} want)
string(STRIP "${want}" want)
if(NOT rc EQUAL 0 OR NOT have STREQUAL want)
  message(FATAL_ERROR "decoder format '${have}' (rc ${rc}) but ${FORMAT_FILE} "
                      "says '${want}': regenerate the corpus (docs/FUZZING.md)")
endif()
