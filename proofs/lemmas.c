/* Proof target for the lemmas of src/iva_acsl.h (proofs/targets.txt).
 * WP proves lemmas only when no function selection is given, so this unit
 * holds the logic and no function.  src/iva_internal.h is not included
 * (its inline helpers are proved with src/status.c); IVA__NIL is copied
 * from it for the predicates that name it. */
#include "ivalloc.h"
#define IVA__NIL UINT32_MAX
#include "iva_acsl.h"
