#!/usr/bin/env python3
"""Write deliberate seed inputs for fuzz_ops and fuzz_oom (input format 1,
see fuzz/fuzz_common.h): each seed exercises one operation or feature.
usage: fuzz/seeds.py OUTDIR_OPS OUTDIR_OOM"""
import os
import struct
import sys

# op bytes (fz_kind_of: byte % 16; insert bit 4 = VALUED; txn (b>>4)%3)
INSERT, INSERT_V, DELETE, UPDATE, GET, SUPERSET, GETID = 0, 0x10, 3, 4, 5, 6, 7
ALLOC, ALLOC_AT, FREE, BEGIN, COMMIT, ROLLBACK, QUERY, EXTRA = 8, 10, 11, 13, 29, 45, 14, 15


def raw(v):            # fz_val tag 1: raw u64
    return bytes([1]) + struct.pack('<Q', v & (2**64 - 1))


def small(v):          # fz_val tag 0: one byte
    return bytes([0, v])


def span(lo, hi):      # fz_range tag 2: two values
    return bytes([2]) + raw(lo) + raw(hi)


def node(k):           # fz_range tag 0: exact key of the k-th node
    return bytes([0, k])


FULL = bytes([15])     # fz_range tag 7 | 8: [0, UINT64_MAX]


def size(n):           # fz_size tag 3: any value
    return bytes([3]) + raw(n)


def p2(k):             # fz_pow2ish tag 2: 1 << k
    return bytes([2, k])


def alloc(n, policy=0, lo=None, hi=None, align=None, boundary=None):
    f = {0: 0, 1: 2, 2: 4, 3: 7}[policy] << 5
    tail = b''
    if lo is not None:
        f |= 1
        tail += raw(lo)
    if hi is not None:
        f |= 2
        tail += raw(hi)
    if align is not None:
        f |= 8
        tail += align
    if boundary is not None:
        f |= 16
        tail += boundary
    return bytes([ALLOC, f]) + size(n) + tail


def ins(lo, hi, data=None):
    if data is None:
        return bytes([INSERT]) + span(lo, hi)
    return bytes([INSERT_V]) + span(lo, hi) + raw(data)


TOP = 2**64 - 1
BASE = ins(0x1000, 0x1fff) + ins(0x4000, 0xffff)
SEEDS = {
    'insert': ins(0, 9) + ins(10, 19, 7) + ins(5, 12) + ins(20, 3),
    'insert-full': bytes([INSERT]) + FULL + alloc(1) + alloc(1, 1),
    'delete': BASE + bytes([DELETE]) + node(0) + bytes([DELETE]) + node(0),
    'update': BASE + alloc(16) + bytes([UPDATE]) + node(1) + raw(42)
              + bytes([UPDATE]) + node(0) + raw(1),
    'get': BASE + alloc(8) + bytes([GET]) + node(1) + bytes([GET]) + span(1, 2),
    'superset': BASE + bytes([SUPERSET]) + span(0x1100, 0x1200)
                + bytes([SUPERSET]) + span(0x1fff, 0x4000),
    'getid': BASE + alloc(4) + bytes([UPDATE]) + node(0) + raw(99)
             + bytes([GETID]) + raw(0x1002) + bytes([GETID]) + raw(0x5000),
    'alloc-first': BASE + alloc(0x100) + alloc(0x2000) + alloc(0x10000),
    'alloc-last': BASE + alloc(0x100, 1) + alloc(0x800, 1, align=p2(12)),
    'alloc-best': BASE + alloc(0x100, 2) + alloc(0x1000, 2),
    'alloc-window': BASE + alloc(0x10, 0, lo=0x5000, hi=0x6000)
                    + alloc(0x10, 1, lo=0x5000, hi=0x6000) + alloc(1, 0, lo=9, hi=3),
    'alloc-align': BASE + alloc(3, 0, align=p2(8)) + alloc(3, 0, align=bytes([5]) + raw(3))
                   + alloc(1, 2, align=p2(63)),
    'alloc-boundary': BASE + alloc(0x300, 0, lo=0x4100, boundary=p2(10))
                      + alloc(0x300, 1, boundary=p2(10)) + alloc(0x800, 0, boundary=p2(10))
                      + alloc(0x10, 2, boundary=bytes([5]) + raw(0x30)),
    'alloc-invalid': BASE + alloc(0) + alloc(1, 3),
    'alloc-top': ins(TOP - 0xff, TOP) + alloc(0x10, 1) + alloc(0x10, 0, align=p2(4))
                 + alloc(0x100) + bytes([FREE]) + node(1) + bytes([FREE]) + node(0),
    'alloc-at': BASE + bytes([ALLOC_AT]) + span(0x1100, 0x11ff)
                + bytes([ALLOC_AT]) + span(0x1100, 0x1100) + bytes([ALLOC_AT]) + span(0x2000, 0x2000)
                + bytes([ALLOC_AT]) + span(5, 4),
    'free-merge': BASE + alloc(0x10) + alloc(0x10) + alloc(0x10) + bytes([FREE]) + node(1)
                  + bytes([FREE]) + node(0) + bytes([FREE]) + node(0) + bytes([FREE]) + node(0),
    'free-errors': BASE + alloc(0x10) + bytes([FREE]) + span(0x1000, 0x1001)
                   + bytes([FREE]) + node(1),
    'txn-rollback': BASE + bytes([BEGIN]) + alloc(0x10) + ins(0x3000, 0x3fff)
                    + bytes([FREE]) + node(0) + bytes([BEGIN]) + bytes([ROLLBACK]) + bytes([ROLLBACK]),
    'txn-commit': BASE + bytes([BEGIN]) + alloc(0x10) + bytes([DELETE]) + node(2)
                  + bytes([COMMIT]) + bytes([COMMIT]),
    'query': BASE + alloc(0x10) + bytes([QUERY]) + span(0x1005, 0x4000)
             + bytes([QUERY]) + span(9, 1) + bytes([QUERY]) + FULL,
    'extra': BASE + bytes([EXTRA, 3, EXTRA, 0x27]),
}


def write(outdir, prefix, header):
    os.makedirs(outdir, exist_ok=True)
    for name, body in SEEDS.items():
        with open(os.path.join(outdir, prefix + name), 'wb') as f:
            f.write(header + body)


if __name__ == '__main__':
    write(sys.argv[1], 'seed-', bytes([0]))            # heap journal, commit
    write(sys.argv[1], 'seed-j-', bytes([3]))          # caller journal, rollback
    # fuzz_oom: fixed pool of 6 slots, journal of 8 records; heap mode
    write(sys.argv[2], 'seed-pool-', bytes([0, 6, 8]))
    write(sys.argv[2], 'seed-heap-', bytes([1, 2, 1]))
