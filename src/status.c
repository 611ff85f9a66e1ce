/* Status words and version queries. */
#include "iva_internal.h"

/*@ assigns \nothing;
    ensures \valid_read(\result);
*/
const char *iva_strerror(iva_status st)
{
    switch (st) {
    case IVA_OK: return "ok";
    case IVA_ERR_INVALID: return "invalid";
    case IVA_ERR_OVERLAP: return "overlap";
    case IVA_ERR_NOT_FOUND: return "not-found";
    case IVA_ERR_STATE: return "state";
    case IVA_ERR_NO_SPACE: return "no-space";
    case IVA_ERR_NO_MEMORY: return "no-memory";
    case IVA_ERR_CORRUPT: return "corrupt";
    case IVA_ERR_TXN: return "txn";
    }
    return "unknown";
}

/*@ assigns \nothing;
    ensures \valid_read(\result);
*/
const char *iva_version(void)
{
    return IVA_VERSION_STRING;
}

/*@ assigns \nothing;
    ensures \result == IVA_VERSION_NUMBER;
*/
unsigned iva_version_number(void)
{
    return (unsigned)IVA_VERSION_NUMBER;
}
