#!/usr/bin/env python3
"""Random SPEC-section-6 trace generator for ivalloc.

usage: gen.py SEED [LINES] > trace
The generator replays its own lines through oracle.Tree so that it can aim
at exact node keys, points inside nodes, neighbours, boundaries, etc.
"""
import random, sys, os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle

U64 = oracle.U64
POW2 = [1 << k for k in range(64)]


class Gen:
    def __init__(self, seed, nlines=300):
        self.r = random.Random(seed)
        self.nlines = nlines
        self.t = oracle.Tree()
        self.o = oracle.Opts()
        self.lines = []
        r = self.r
        # formatting style of this trace
        self.crlf = r.random() < 0.08
        self.fancy = r.random() < 0.3       # odd whitespace / number forms
        self.scale = r.choice(['small', 'mid', 'full', 'top', 'bottom'])
        # 'grow' builds trees of hundreds of nodes (deep treaps)
        self.mode = r.choice(['normal', 'normal', 'grow'])
        # extra duplicated alloc options (>= 7 options: see REPORT)
        self.many_dups = os.environ.get('GEN_MANY_DUPS') == '1'

    # --- number formatting -------------------------------------------
    def fmt(self, v):
        r = self.r
        if not self.fancy:
            return hex(v) if r.random() < 0.7 else str(v)
        c = r.random()
        if c < 0.35:
            return hex(v)
        if c < 0.55:
            return str(v)
        if c < 0.7:
            return '0x' + '%X' % v
        if c < 0.8:
            return '0x' + '0' * r.randint(1, 20) + '%x' % v
        if c < 0.9:
            return '0' * r.randint(1, 20) + str(v)
        return '0X' + ('%x' % v if r.random() < 0.5 else '%X' % v)

    def sep(self):
        if not self.fancy:
            return ' '
        return self.r.choice([' ', ' ', '\t', '  ', ' \t ', '\t\t'])

    def emit(self, toks):
        r = self.r
        line = self.sep().join(toks)
        if self.fancy:
            if r.random() < 0.1:
                line = r.choice([' ', '\t', '  ']) + line
            if r.random() < 0.1:
                line = line + r.choice([' ', '\t', ' \t'])
        self.lines.append(line)
        out = oracle.do_line(self.t, line, self.o)
        return out

    # --- value pickers -----------------------------------------------
    def rnd_addr(self):
        r = self.r
        s = self.scale
        if s == 'small':
            return r.randint(0, 300)
        if s == 'mid':
            return r.randint(0, 1 << 20)
        if s == 'bottom':
            return r.randint(0, 64) if r.random() < 0.5 else r.randint(0, 1 << 40)
        if s == 'top':
            return U64 - (r.randint(0, 64) if r.random() < 0.5 else r.randint(0, 1 << 40))
        return r.getrandbits(64)

    def special(self):
        return self.r.choice([0, 1, 2, 3, U64, U64 - 1, U64 - 2, 1 << 63, (1 << 63) - 1,
                              (1 << 63) + 1, 1 << 32, (1 << 32) - 1, 0xff, 0x100,
                              0x1000, 0xfff])

    def node(self):
        n = self.t.n
        return self.r.choice(n) if n else None

    def point(self):
        """An address of interest."""
        r = self.r
        c = r.random()
        x = self.node()
        if x is None or c < 0.15:
            return self.special() if r.random() < 0.5 else self.rnd_addr()
        c = r.random()
        if c < 0.2:
            return x[0]
        if c < 0.4:
            return x[1]
        if c < 0.5:
            return max(0, x[0] - 1)
        if c < 0.6:
            return min(U64, x[1] + 1)
        return r.randint(x[0], x[1])

    def key(self):
        """A key: usually an exact node key, else something near."""
        r = self.r
        x = self.node()
        c = r.random()
        if x is not None and c < 0.55:
            return x[0], x[1]
        if x is not None and c < 0.75:
            a = r.randint(x[0], x[1])
            b = r.randint(a, x[1])
            return a, b
        if x is not None and c < 0.85:
            # spans node and a neighbour / off by one
            return r.choice([(x[0], min(U64, x[1] + 1)), (max(0, x[0] - 1), x[1]),
                             (x[0] + (1 if x[0] < x[1] else 0), x[1]),
                             (x[0], x[1] - (1 if x[0] < x[1] else 0))])
        if c < 0.9:
            a, b = self.point(), self.point()
            return (a, b)  # may be min > max
        a, b = sorted([self.point(), self.point()])
        return a, b

    def data(self):
        r = self.r
        return r.choice([0, 1, U64, 0x1234, r.getrandbits(64), r.randint(0, 99)])

    def size(self):
        r = self.r
        x = self.node()
        c = r.random()
        if self.mode == 'grow' and c < 0.5:
            return r.randint(1, 8)
        if c < 0.04:
            return 0
        if c < 0.3:
            return r.randint(1, 16)
        if c < 0.45 and x is not None:
            ln = x[1] - x[0] + 1
            return max(0, min(U64, ln + r.choice([-1, 0, 0, 1])))
        if c < 0.6:
            return r.choice(POW2)
        if c < 0.7:
            return self.special()
        if self.scale == 'small':
            return r.randint(1, 120)
        return r.randint(1, 1 << r.randint(1, 64))

    def align(self):
        r = self.r
        c = r.random()
        if c < 0.15:
            return r.choice([0, 1])
        if c < 0.75:
            return r.choice(POW2[:12]) if r.random() < 0.6 else r.choice(POW2)
        if c < 0.85:
            return r.choice([3, 5, 6, 12, U64, (1 << 63) + 1, 0x30])
        return r.choice([1 << 63, 1 << 62, 1 << 32])

    # --- pools -------------------------------------------------------
    def pool(self):
        r = self.r
        shape = r.choice(['whole', 'big', 'many', 'adjacent', 'edges', 'none', 'tiny'])
        if shape == 'whole':
            self.emit(['insert', self.fmt(0), self.fmt(U64)])
        elif shape == 'big':
            a, b = sorted([self.rnd_addr(), self.rnd_addr()])
            self.emit(['insert', self.fmt(a), self.fmt(b)])
        elif shape in ('many', 'adjacent', 'tiny'):
            base = self.rnd_addr() if self.scale != 'top' else U64 - r.randint(0, 1 << 20)
            if self.scale == 'top':
                base = max(0, base - (1 << 12))
            cur = base
            for _ in range(r.randint(2, 20)):
                ln = r.randint(1, 40) if shape == 'tiny' else r.randint(1, 1 << r.randint(1, 20))
                gap = 0 if shape == 'adjacent' else r.choice([0, 0, 1, r.randint(1, 300)])
                lo = cur + gap
                hi = lo + ln - 1
                if hi > U64:
                    lo, hi = cur, U64
                    if lo > hi:
                        break
                if r.random() < 0.3:
                    self.emit(['insert', self.fmt(lo), self.fmt(hi), self.fmt(self.data())])
                else:
                    self.emit(['insert', self.fmt(lo), self.fmt(hi)])
                if hi == U64:
                    break
                cur = hi + 1
        elif shape == 'edges':
            self.emit(['insert', self.fmt(0), self.fmt(r.randint(0, 100))])
            self.emit(['insert', self.fmt(U64 - r.randint(0, 100)), self.fmt(U64)])
            if r.random() < 0.5:
                self.emit(['insert', self.fmt(1 << 63), self.fmt((1 << 63) + r.randint(0, 100))])

    # --- ops ---------------------------------------------------------
    def alloc(self):
        r = self.r
        toks = ['alloc', self.fmt(self.size())]
        opts = []
        x = self.node()
        if r.random() < 0.5:
            v = self.point()
            opts.append('min=' + self.fmt(v))
        if r.random() < 0.5:
            v = self.point()
            if r.random() < 0.2 and x is not None:
                v = x[1]
            opts.append('max=' + self.fmt(v))
        if r.random() < 0.6:
            opts.append('align=' + self.fmt(self.align()))
        if r.random() < 0.7:
            opts.append('policy=' + r.choice(['first', 'last', 'best']))
        if opts and r.random() < 0.1:
            # duplicate an option (last one wins per docs/TRACE.md)
            k = r.choice(opts).split('=')[0]
            if k == 'policy':
                opts.append('policy=' + r.choice(['first', 'last', 'best']))
            elif k == 'align':
                opts.append('align=' + self.fmt(self.align()))
            else:
                opts.append(k + '=' + self.fmt(self.point()))
        if opts and self.many_dups and r.random() < 0.3:
            for _ in range(r.randint(1, 8)):
                opts.append(r.choice(opts))
        r.shuffle(opts)
        return self.emit(toks + opts)

    def step(self):
        r = self.r
        c = r.random()
        if c < 0.03 and self.fancy:
            self.lines.append(r.choice(['', '# comment', '#', '   ', '\t', '#alloc 1',
                                        '  # indented comment']))
            return
        if self.mode == 'grow':
            ops = ['alloc'] * 50 + ['free'] * 10 + ['update'] * 8 + ['get'] * 4 + \
                  ['superset'] * 4 + ['getid'] * 4 + ['insert'] * 12 + ['delete'] * 1 + \
                  ['check'] * 1 + ['freeinside'] * 2
        else:
            ops = ['alloc'] * 30 + ['free'] * 18 + ['update'] * 8 + ['get'] * 7 + \
                  ['superset'] * 6 + ['getid'] * 6 + ['insert'] * 8 + ['delete'] * 5 + \
                  ['check'] * 2 + ['freeinside'] * 3
        op = r.choice(ops)
        if op == 'alloc':
            self.alloc()
        elif op in ('free', 'freeinside'):
            # favour non-FREE nodes, and sometimes FREE (double free)
            cand = [x for x in self.t.n if x[2] != oracle.FREE]
            if op == 'free' and cand and r.random() < 0.75:
                x = r.choice(cand)
                a, b = x[0], x[1]
            else:
                a, b = self.key()
            self.emit(['free', self.fmt(a), self.fmt(b)])
        elif op == 'update':
            a, b = self.key()
            self.emit(['update', self.fmt(a), self.fmt(b), self.fmt(self.data())])
        elif op == 'get':
            a, b = self.key()
            self.emit(['get', self.fmt(a), self.fmt(b)])
        elif op == 'superset':
            if r.random() < 0.4:
                p = self.point()
                a, b = p, p
            else:
                a, b = self.key()
            self.emit(['superset', self.fmt(a), self.fmt(b)])
        elif op == 'getid':
            self.emit(['getid', self.fmt(self.point())])
        elif op == 'insert':
            if r.random() < 0.5:
                a, b = self.key()
            else:
                # try to fill a gap / neighbour of a node
                x = self.node()
                if x is not None and x[1] < U64 and r.random() < 0.5:
                    a = x[1] + 1
                    b = min(U64, a + r.randint(0, 50))
                elif x is not None and x[0] > 0:
                    b = x[0] - 1
                    a = max(0, b - r.randint(0, 50))
                else:
                    a, b = sorted([self.rnd_addr(), self.rnd_addr()])
            t = ['insert', self.fmt(a), self.fmt(b)]
            if r.random() < 0.4:
                t.append(self.fmt(self.data()))
            self.emit(t)
        elif op == 'delete':
            a, b = self.key()
            self.emit(['delete', self.fmt(a), self.fmt(b)])
        else:
            self.emit(['check'])

    def malformed(self):
        r = self.r
        self.lines.append(r.choice([
            'frobnicate 1', 'insert 0', 'insert 0 1 2 3', 'get 0 1 2', 'getid',
            'getid 1 2', 'check 0', 'alloc', 'alloc 1 colour=red', 'alloc 1 policy=worst',
            'alloc 1 min=', 'alloc 1 min=-1', 'alloc 0x1g', 'insert -1 5',
            'insert 0 0x10000000000000000', 'getid 18446744073709551616',
            'insert 0x 1', 'free 1', 'update 0 1', 'delete 0', 'superset 1',
            'alloc 1 align=0x10000000000000000', 'alloc 1 min=1=2', 'Insert 0 1',
            'alloc 1 policy=', 'alloc 1 =5', 'get 1 +2', 'get 1x 2', 'getid 0x-1',
            'alloc 1 policy=first,last', 'alloc 1 MIN=3',
        ]))

    def run(self):
        r = self.r
        self.pool()
        if r.random() < 0.3:
            self.pool()
        while len(self.lines) < self.nlines:
            if r.random() < 0.01:
                self.pool()
            self.step()
        if r.random() < 0.1:
            self.malformed()
            for _ in range(r.randint(0, 3)):
                self.step()
        nl = '\r\n' if self.crlf else '\n'
        text = nl.join(self.lines)
        if r.random() < 0.9:
            text += nl
        return text


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    sys.stdout.write(Gen(seed, n).run())


if __name__ == '__main__':
    main()
