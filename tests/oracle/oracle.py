#!/usr/bin/env python3
"""Independent reference implementation of ivalloc SPEC sections 3, 4, 6.

usage: oracle.py [options] FILE|-
  prints what `ivalloc replay FILE` must print on stdout, the
  `FILE:LINE: message` on stderr for a malformed line, exits 0 or 2.

Options that select a reading of an ambiguous SPEC sentence (defaults are
the project's documented choices, docs/TRACE.md, where SPEC is silent):
  --strict-cr        a '\\r' is NOT a separator (SPEC 6 literally: spaces
                     or tabs only).  Default: trailing CR is a separator.
  --indented-comment-malformed
                     '   # x' is a malformed line (first token '#' is an
                     unknown op).  Default: it is ignored as a comment.
  --reject-0X        reject an uppercase 0X prefix (default: accept, as C strtoull).
  --reject-upper-hex reject uppercase hex digits (default: accept).
  --dup-first        a repeated alloc option keeps its first value
  --dup-malformed    a repeated alloc option is malformed
                     (default: the last value wins, docs/TRACE.md).
  --max-tokens=N     a line of more than N tokens is malformed (default 64,
                     the cap docs/TRACE.md states; SPEC states none).
"""
import sys, re

U64 = (1 << 64) - 1
FREE, ALLOC, VALUED = 'free', 'allocated', 'valued'


class Malformed(Exception):
    pass


class Tree:
    def __init__(self):
        self.n = []  # sorted list of [min, max, state, data]

    # --- lookups -------------------------------------------------------
    def find_exact(self, lo, hi):
        for i, x in enumerate(self.n):
            if x[0] == lo and x[1] == hi:
                return i
        return -1

    def find_point(self, p):
        for i, x in enumerate(self.n):
            if x[0] <= p <= x[1]:
                return i
        return -1

    def _add(self, node):
        self.n.append(node)
        self.n.sort(key=lambda x: x[0])

    # --- operations: return output line -------------------------------
    def insert(self, lo, hi, data):
        if lo > hi:
            return 'error invalid'
        for x in self.n:
            if not (hi < x[0] or x[1] < lo):
                return 'error overlap'
        if data is None:
            self._add([lo, hi, FREE, None])
        else:
            self._add([lo, hi, VALUED, data])
        return 'ok'

    def delete(self, lo, hi):
        i = self.find_exact(lo, hi)
        if i < 0:
            return 'error not-found'
        x = self.n.pop(i)
        return 'ok ' + (h(x[3]) if x[2] == VALUED else '-')

    def held(self, lo, hi):
        """(node, 'ok OLD') for a handed-out node with exactly this key,
        else (None, the error line): what update and free both check."""
        i = self.find_exact(lo, hi)
        if i < 0:
            return None, 'error not-found'
        x = self.n[i]
        if x[2] == FREE:
            return None, 'error state'
        return x, 'ok ' + (h(x[3]) if x[2] == VALUED else '-')

    def update(self, lo, hi, data):
        x, line = self.held(lo, hi)
        if x is not None:
            x[2], x[3] = VALUED, data
        return line

    def get(self, lo, hi):
        i = self.find_exact(lo, hi)
        if i < 0:
            return 'error not-found'
        return st(self.n[i])

    def superset(self, lo, hi):
        if lo > hi:
            return 'error not-found'
        for x in self.n:
            if x[0] <= lo and hi <= x[1]:
                return '%s %s %s' % (h(x[0]), h(x[1]), st(x))
        return 'error not-found'

    def getid(self, p):
        i = self.find_point(p)
        if i < 0 or self.n[i][2] != VALUED:
            return 'error not-found'
        return h(self.n[i][3])

    def alloc(self, size, cmin, cmax, align, policy):
        if size == 0 or cmin > cmax:
            return 'error invalid'
        if align not in (0, 1) and (align & (align - 1)) != 0:
            return 'error invalid'
        al = 1 if align in (0, 1) else align

        def ff(x):  # FIRST_FIT start in node x, or None
            a = max(x[0], cmin)
            b = min(x[1], cmax)
            if a > b:
                return None
            ap = (a + al - 1) // al * al
            if ap > U64 or ap > b:
                return None
            if b - ap + 1 < size:
                return None
            return ap

        def lf(x):
            a = max(x[0], cmin)
            b = min(x[1], cmax)
            if a > b:
                return None
            t = b - size + 1
            if t < 0:
                return None
            app = t // al * al
            if app < a:
                return None
            return app

        frees = [x for x in self.n if x[2] == FREE]
        pick = None
        if policy == 'first':
            for x in frees:
                s = ff(x)
                if s is not None:
                    pick = (x, s)
                    break
        elif policy == 'last':
            for x in reversed(frees):
                s = lf(x)
                if s is not None:
                    pick = (x, s)
                    break
        else:
            best = None
            for x in frees:
                s = ff(x)
                if s is None:
                    continue
                ln = x[1] - x[0] + 1
                if best is None or ln < best[0]:
                    best = (ln, x, s)
            if best:
                pick = (best[1], best[2])
        if pick is None:
            return 'error no-space'
        x, s = pick
        rlo, rhi = s, s + size - 1
        assert rhi <= x[1]
        self.n.remove(x)
        if rlo > x[0]:
            self._add([x[0], rlo - 1, FREE, None])
        self._add([rlo, rhi, ALLOC, None])
        if rhi < x[1]:
            self._add([rhi + 1, x[1], FREE, None])
        return '%s %s' % (h(rlo), h(rhi))

    def free(self, lo, hi):
        x, line = self.held(lo, hi)
        if x is None:
            return line
        old = line[3:]
        x[2], x[3] = FREE, None
        nlo, nhi = lo, hi
        if lo > 0:
            j = self.find_point(lo - 1)
            if j >= 0 and self.n[j][2] == FREE:
                nlo = self.n[j][0]
                self.n.pop(j)
        if hi < U64:
            j = self.find_point(hi + 1)
            if j >= 0 and self.n[j][2] == FREE:
                nhi = self.n[j][1]
                self.n.pop(j)
        i = self.find_exact(lo, hi)
        self.n.pop(i)
        self._add([nlo, nhi, FREE, None])
        return 'ok ' + old

    def check(self):
        prev = None
        for x in self.n:
            assert x[0] <= x[1]
            if prev is not None:
                assert prev[1] < x[0]
            assert (x[3] is None) == (x[2] != VALUED)
            prev = x
        return 'ok'


def h(v):
    return '0x%x' % v


def st(x):
    return 'valued ' + h(x[3]) if x[2] == VALUED else x[2]


class Opts:
    strict_cr = False
    indented_comment_malformed = False
    accept_0X = True
    reject_upper_hex = False
    dup = 'last'
    max_tokens = 64     # docs/TRACE.md: a line holds at most 64 tokens


def num(tok, o):
    if tok.startswith('0x') or (o.accept_0X and tok.startswith('0X')):
        d = tok[2:]
        pat = r'[0-9a-f]+' if o.reject_upper_hex else r'[0-9a-fA-F]+'
        if not re.fullmatch(pat, d):
            raise Malformed('bad number')
        d = d.lstrip('0') or '0'
        v = int(d, 16) if len(d) <= 16 else U64 + 1
    else:
        if not re.fullmatch(r'[0-9]+', tok):
            raise Malformed('bad number')
        d = tok.lstrip('0') or '0'
        v = int(d, 10) if len(d) <= 20 else U64 + 1
    if v > U64:
        raise Malformed('number out of range')
    return v


ARGS = {'insert': (2, 3), 'delete': (2, 2), 'update': (3, 3), 'get': (2, 2),
        'superset': (2, 2), 'getid': (1, 1), 'free': (2, 2), 'check': (0, 0)}


def do_line(t, line, o):
    """Return output line, or None for an ignored line; raise Malformed."""
    if line.startswith('#'):
        return None
    seps = ' \t' if o.strict_cr else ' \t\r'
    toks = [x for x in re.split('[' + re.escape(seps) + ']', line) if x != '']
    if not toks:
        return None
    if toks[0].startswith('#') and not o.indented_comment_malformed:
        return None
    if o.max_tokens is not None and len(toks) > o.max_tokens:
        raise Malformed('too many fields')
    op, args = toks[0], toks[1:]
    if op == 'alloc':
        if not args:
            raise Malformed('missing size')
        size = num(args[0], o)
        opt = {'min': 0, 'max': U64, 'align': 0, 'policy': 'first'}
        seen = set()
        for a in args[1:]:
            k, eq, v = a.partition('=')
            if not eq or k not in opt:
                raise Malformed('bad option')
            if k == 'policy':
                if v not in ('first', 'last', 'best'):
                    raise Malformed('bad policy')
                val = v
            else:
                val = num(v, o)
            if k in seen:
                if o.dup == 'malformed':
                    raise Malformed('duplicate option')
                if o.dup == 'first':
                    continue
            seen.add(k)
            opt[k] = val
        return t.alloc(size, opt['min'], opt['max'], opt['align'], opt['policy'])
    if op not in ARGS:
        raise Malformed('unknown operation')
    lo, hi = ARGS[op]
    if len(args) < lo:
        raise Malformed('missing field')
    if len(args) > hi:
        raise Malformed('extra field')
    v = [num(a, o) for a in args]
    if op == 'insert':
        return t.insert(v[0], v[1], v[2] if len(v) == 3 else None)
    if op == 'delete':
        return t.delete(v[0], v[1])
    if op == 'update':
        return t.update(v[0], v[1], v[2])
    if op == 'get':
        return t.get(v[0], v[1])
    if op == 'superset':
        return t.superset(v[0], v[1])
    if op == 'getid':
        return t.getid(v[0])
    if op == 'free':
        return t.free(v[0], v[1])
    return t.check()


def replay(data, name, o=None):
    """data: bytes. Returns (stdout str, stderr str, rc)."""
    o = o or Opts()
    t = Tree()
    out = []
    text = data.decode('latin-1')
    lines = text.split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    for no, line in enumerate(lines, 1):
        try:
            r = do_line(t, line, o)
        except Malformed as e:
            return ''.join(out), '%s:%d: %s\n' % (name, no, e), 2
        if r is not None:
            out.append(r + '\n')
    return ''.join(out), '', 0


def main(argv):
    o = Opts()
    files = []
    for a in argv:
        if a == '--strict-cr':
            o.strict_cr = True
        elif a == '--indented-comment-malformed':
            o.indented_comment_malformed = True
        elif a == '--reject-0X':
            o.accept_0X = False
        elif a == '--reject-upper-hex':
            o.reject_upper_hex = True
        elif a == '--dup-first':
            o.dup = 'first'
        elif a == '--dup-malformed':
            o.dup = 'malformed'
        elif a.startswith('--max-tokens='):
            o.max_tokens = int(a.split('=', 1)[1])
        else:
            files.append(a)
    if len(files) != 1:
        print(__doc__, file=sys.stderr)
        return 64
    f = files[0]
    if f == '-':
        data, name = sys.stdin.buffer.read(), '<stdin>'
    else:
        data, name = open(f, 'rb').read(), f
    out, err, rc = replay(data, name, o)
    sys.stdout.write(out)
    sys.stderr.write(err)
    return rc


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
