/**
 * Programs an adversarial review of the container rules found printing differently with the plugin (or crashing);
 * each function is one case, now required to print what the plain build prints.
 */
import { makeBlock, bump, fma, sum, fillRow, setFirstReadAll, bumpRec, bumpAny, maybe, half, makeOrThrow, bumpRet, rowsAny } from './kernels';

// c02
function c02(): void {
  const a: Float64Array[][] = [[], []];
  a[0].push(makeBlock(1, 2));
  a[0].push(makeBlock(2, 2));
  console.log('instanceof', a[0][0] instanceof Float64Array);
  const first = a[0][1];
  console.log('len', Array.from(a[0][0]).join(','));
  console.log('same', first === a[0][1]);
  bump(first, 1);
  console.log('after', Array.from(a[0][1]).join(','), Array.from(first).join(','));
  const m: (Float64Array | undefined)[][] = [[]];
  m[0].push(maybe(0));
  m[0].push(maybe(3));
  console.log('undef', m[0][0] === undefined, m[0][1] === undefined);
}

// c03
function c03(): void {
  const c: Float64Array[] = [new Float64Array(2)];
  const d = Array.from(c);
  fillRow(d, 7);
  console.log('c[0] after fillRow(d)', Array.from(c[0]).join(','));
  console.log('d[0]', d[0][0]);
}

// c04
function c04(): void {
  const shared = new Float64Array(2);
  const c = Array.from({ length: 2 }, () => shared);
  bump(c[0], 1);
  console.log('shared', Array.from(shared).join(','));
  const d = [new Float64Array(2)];
  const e = [d[0].slice()];
  bump(e[0], 1);
  console.log('d', d[0][0], 'e', e[0][0]);
}

// c05
function c05(): void {
  const blocks: Float64Array[] = [new Float64Array([1, 2]), new Float64Array([3, 4])];
  const r = setFirstReadAll(blocks, blocks[0]);
  console.log('task saw', r, 'block0', Array.from(blocks[0]).join(','));
  fma(blocks[1], blocks[1], blocks[1]);
  console.log('self fma', Array.from(blocks[1]).join(','));
}

// c07
function c07(): void {
  const recs: { x: Float64Array }[] = [{ x: new Float64Array([1, 2]) }];
  const inner = recs[0]['x'];
  bumpRec(recs[0], 10);
  console.log('inner', Array.from(inner).join(','));
  console.log('via chain', recs[0]['x'][0], recs[0].x[0]);
  console.log('same', inner === recs[0]['x']);
}

// c08
function c08(): void {
  const c: any[] = [[new Float64Array([1, 2])]];
  const inner = c[0][0];
  bumpAny(c[0], 10);
  console.log('inner', Array.from(inner).join(','));
  console.log('chain', c[0][0][0]);
  const u: object[] = [[new Float64Array([1, 2])]];
  const inner2 = (u[0] as Float64Array[])[0];
  bumpAny(u[0], 10);
  console.log('inner2', Array.from(inner2).join(','));
}

// c15
function c15(): void {
  const a: Float64Array[][] = [[]];
  for (const n of [1, -1, 2]) {
    try {
      a[0].push(makeOrThrow(n));
    } catch (e) {
      console.log('caught', (e as Error).message);
    }
  }
  console.log('len', a[0].length);
  let s = 0;
  for (let i = 0; i < a[0].length; i++) s += a[0][i][0];
  console.log('sum', s);
}

// c20
function c20(): void {
  const c: Float64Array[] = [new Float64Array([1, 2])];
  c[0][0] = bumpRet(c[0]);
  console.log('c0', Array.from(c[0]).join(','));
  const x = new Float64Array([1, 2]);
  x[0] = bumpRet(x);
  console.log('x', Array.from(x).join(','));
}

// c21
function c21(): void {
  const c: Float64Array[] = [new Float64Array([1]), new Float64Array([2])];
  bump(c[0], 1);
  c.forEach((b, i, arr) => console.log('arr read', i, arr[i][0]));
  bump(c[1], 1);
  c.forEach((b, i, arr) => { if (i === 1) bump(arr[i], 100); });
  console.log('c1', c[1][0]);
  const d: Float64Array[] = [new Float64Array([1])];
  bump(d[0], 1);
  d.forEach(function (this: unknown, b) { console.log('this-fn', b[0]); });
}

// c25
function c25(): void {
  const c: (number | Float64Array)[][] = [[]];
  c[0].push(makeBlock(1, 1));
  c[0].push(half(3));
  console.log('typeof', typeof c[0][1], c[0][1] === 1.5);
  console.log('value', c[0][1]);
}

// c26
function c26(): void {
  const c: Float64Array[][][] = [[]];
  c[0].push(rowsAny(3));
  console.log('len', c[0][0].length);
}

// c27
function c27(): void {
  const a: Float64Array[][] = [[new Float64Array([5])]];
  a[0].push(makeBlock(1, 2), new Float64Array([a[0][0][0]]));
  console.log('gathered', a[0][1][0], a[0][2][0]);
  const b: Float64Array[][] = [[new Float64Array([5])]];
  b[0][1] = makeBlock(2, 2);
  b[0][b[0][0][0] - 3] = makeBlock(3, 2);
  console.log('index read', b[0][1][0], b[0][2][0]);
}

// c29
function c29(): void {
  const c: Float64Array[] = [new Float64Array([1, 2])];
  bump(c[0], 1);
  [c[0][0], c[0][1]] = [100, 200];
  bump(c[0], 1);
  console.log('c0', Array.from(c[0]).join(','));
  const x = new Float64Array([1, 2]);
  bump(x, 1);
  [x[0], x[1]] = [100, 200];
  bump(x, 1);
  console.log('x', Array.from(x).join(','));
  const y: Float64Array[] = [new Float64Array([1, 2])];
  bump(y[0], 1);
  for (y[0][0] of [7, 8]) { /* loop writes through the chain */ }
  bump(y[0], 1);
  console.log('y0', Array.from(y[0]).join(','));
}

// c31
function c31(): void {
  const parts: Float64Array[] = [];
  parts.push(makeBlock(1, 2));
  bump(parts[0], 1);
  parts[0][0] = 500;
  bump(parts[0], 1);
  console.log('parts0', Array.from(parts[0]).join(','));
  const blocks: Float64Array[] = [new Float64Array([1, 2])];
  bump(blocks[0], 1);
  blocks[0][0] = 500;
  bump(blocks[0], 1);
  console.log('blocks0', Array.from(blocks[0]).join(','));
}

// c33
function c33(): void {
  const parts: Float64Array[] = [];
  parts.push(makeBlock(1, 2));
  for (const p of parts) {
    bump(p, 1);
    p[0] = 500;
    bump(p, 1);
    console.log('p', Array.from(p).join(','));
  }
  const f = makeBlock(3, 2);
  bump(f, 1);
  f[0] = 500;
  bump(f, 1);
  console.log('f', Array.from(f).join(','));
}

c02();
c03();
c04();
c05();
c07();
c08();
c15();
c20();
c21();
c25();
c26();
c27();
c29();
c31();
c33();
