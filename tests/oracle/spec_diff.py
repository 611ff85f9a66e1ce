#!/usr/bin/env python3
"""Differential test of `ivalloc replay` against oracle.py (tests/oracle/).

usage: spec_diff.py CLI [--seed S] [--count N] [--lines L] [--keep DIR]

oracle.py is a second reference implementation of SPEC.md sections 3, 4
and 6, written from SPEC.md alone (independent of src/ and of the C model
in fuzz/model.c).  gen.py writes random traces that aim at live keys,
points inside nodes, neighbours, alignments, windows, the top of the
uint64 space and malformed lines.  Each trace runs through the CLI and the
oracle: stdout must be equal byte for byte, the exit status equal, and a
malformed line must name the same FILE:LINE.  The seed is printed (and
taken from IVA_TEST_SEED if set) so a failure can be repeated; the first
failing trace is written to --keep DIR (default: the working directory).
"""
import os
import random
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402
import oracle  # noqa: E402


def parse(argv):
    a = {'seed': None, 'count': 100, 'lines': 300, 'keep': os.getcwd()}
    cli = argv[0]
    i = 1
    while i < len(argv):
        k = argv[i].lstrip('-')
        if k not in a or i + 1 >= len(argv):
            sys.exit('usage: spec_diff.py CLI [--seed S] [--count N] '
                     '[--lines L] [--keep DIR]')
        a[k] = argv[i + 1] if k == 'keep' else int(argv[i + 1], 0)
        i += 2
    return cli, a


def one(cli, trace_path, data):
    """None when CLI and oracle agree on the trace, else a description."""
    p = subprocess.run([cli, 'replay', trace_path], capture_output=True)
    out, err, rc = oracle.replay(data, trace_path)
    got = p.stdout.decode('latin-1')
    if got != out:
        g, w = got.splitlines(), out.splitlines()
        k = next((j for j in range(min(len(g), len(w))) if g[j] != w[j]),
                 min(len(g), len(w)))
        return ('stdout differs at output line %d: CLI %r, oracle %r'
                % (k + 1, g[k] if k < len(g) else '<end>',
                   w[k] if k < len(w) else '<end>'))
    if p.returncode != rc:
        return 'exit status: CLI %d, oracle %d' % (p.returncode, rc)
    if rc == 2:
        m = re.match(r'^(.*?):(\d+): ', p.stderr.decode('latin-1'))
        if m is None or not err.startswith(m.group(0)):
            return 'diagnostic: CLI %r, oracle %r' % (
                p.stderr.decode('latin-1')[:80], err[:80])
    return None


def main(argv):
    cli, a = parse(argv)
    seed = a['seed']
    if seed is None:
        env = os.environ.get('IVA_TEST_SEED')
        seed = int(env, 0) if env else random.SystemRandom().getrandbits(32)
    print('spec_diff: seed %#x (set IVA_TEST_SEED to repeat), %d traces of '
          '%d lines' % (seed, a['count'], a['lines']), flush=True)
    path = os.path.join(a['keep'], 'spec_diff_%d.trace' % os.getpid())
    rcs = {0: 0, 2: 0}
    for n in range(a['count']):
        s = seed * 1000003 + n
        data = gen.Gen(s, a['lines']).run().encode('latin-1')
        with open(path, 'wb') as f:
            f.write(data)
        why = one(cli, path, data)
        if why is not None:
            print('MISMATCH on trace %d (gen seed %d), kept in %s: %s'
                  % (n, s, path, why))
            return 1
        rc = oracle.replay(data, path)[2]
        rcs[rc] = rcs.get(rc, 0) + 1
    os.remove(path)
    print('spec_diff: %d traces agree (%d ran to the end, %d stopped at a '
          'malformed line)' % (a['count'], rcs[0], rcs[2]))
    # a generator that only ever produced malformed traces tests nothing
    return 0 if rcs[0] > 0 else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
