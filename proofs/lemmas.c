/* Proof target for the lemmas of src/iva_acsl.h (proofs/targets.txt):
 * WP proves lemmas only when no function selection is given, so this unit
 * holds the header and nothing else. */
#include "ivalloc.h"
#include "iva_acsl.h"
