/**
 * An adversarial review of fenced calls: each block is a way the first version printed something else than the plain
 * build (code of the program run by the library: toString, toJSON, an iterator, an override of a library class's
 * method, f.call; getters that types do not show; objects two unrelated types name; writes deep inside; flatMap's
 * result; a library method overridden to keep its callback; a variable a caller sees after a failure; which failure
 * comes first). The plain build's output is the reference.
 */
import { bump, bumpDeep, bumpTree, failIfBig, grow, scale } from './kernels';
import type { Tree } from './kernels';

// tostring
{
  const m = new Map<string, Float64Array>([['a', new Float64Array([1, 2])]]);
  class Show { toString() { return 'show ' + m.get('a')![0]; } }
  const o = new Show();
  scale(m.get('a')!, 10);
  const s = String(o);
  console.log(s);
}

// tojson
{
  const m = new Map<string, Float64Array>([['a', new Float64Array([1, 2])]]);
  class J { toJSON() { return m.get('a')![0]; } }
  const j = new J();
  scale(m.get('a')!, 10);
  const s = JSON.stringify(j);
  console.log(s);
}

// iter
{
  const m = new Map<string, Float64Array>([['a', new Float64Array([1, 2])]]);
  class It { *[Symbol.iterator]() { yield m.get('a')![0]; } }
  const o = new It();
  scale(m.get('a')!, 10);
  const s = Array.from(o);
  console.log(s);
}

// datesub
{
  const m = new Map<string, Float64Array>([['a', new Float64Array([1, 2])]]);
  class D extends Date { override toString() { return 'd' + m.get('a')![0]; } }
  const d: Date = new D(0);
  scale(m.get('a')!, 10);
  const s = d.toString();
  console.log(s);
}

// call-method
{
  const m = new Map<string, Float64Array>([['a', new Float64Array([1, 2])]]);
  let seen = 0;
  function look(): void { seen = m.get('a')![0]; }
  scale(m.get('a')!, 10);
  look.call(null);
  console.log(seen);
}

// iface-getter
{
  interface HasV { readonly v: number }
  const m = new Map<string, Float64Array>([['a', new Float64Array([1, 2])]]);
  class C implements HasV { get v() { return m.get('a')![0]; } }
  const h: HasV = new C();
  scale(m.get('a')!, 10);
  const s = h.v;
  console.log(s);
}

// defprop
{
  const m = new Map<string, Float64Array>([['a', new Float64Array([1, 2])]]);
  const cfg = { v: 0 };
  Object.defineProperty(cfg, 'v', { get: () => m.get('a')![0] });
  scale(m.get('a')!, 10);
  const s = cfg.v;
  console.log(s);
}

// proxy
{
  const m = new Map<string, Float64Array>([['a', new Float64Array([1, 2])]]);
  const p = new Proxy({} as { v: number }, { get: () => m.get('a')![0] });
  scale(m.get('a')!, 10);
  const s = p.v;
  console.log(s);
}

// structural
{
  type W = { n: number; tag: string };
  type O = { n: number; other: boolean };
  const obj = { n: 0, tag: 't', other: true };
  const view: O = obj;
  const m = new Map<string, W>([['a', obj]]);
  bump(m.get('a')!);
  const s = view.n;
  console.log(s);
}

// generic-c
{
  const obj = { n: 0, tag: 't', other: true };
  const m = new Map<string, { n: number; tag: string }>([['a', obj]]);
  function peek<T extends { n: number; other: boolean }>(x: T): number { return x.n; }
  bump(m.get('a')!);
  const s = peek(obj);
  console.log(s);
}

// deep-written
{
  const e = { n: 0 };
  const h = { a: { b: { c: { d: { e } } } } };
  const m = new Map([['h', h]]);
  bumpDeep(m.get('h')!);
  const s = e.n;
  console.log(s);
}

// memo-rec2
{
  interface Wrap { next: Wrap[]; payload: Tree }
  const t: Tree = { kids: [], data: { n: 0 } };
  const w: Wrap = { next: [{ next: [], payload: t }], payload: { kids: [], data: { n: 5 } } };
  const m = new Map<string, Tree>([['a', t]]);
  bumpTree(m.get('a')!);
  const whole = JSON.stringify(w);
  bumpTree(m.get('a')!);
  const next = JSON.stringify(w.next);
  console.log(whole);
  console.log(next);
}

// flatmap
{
  const m = new Map<string, number[]>([['a', [1]], ['b', [2]]]);
  const flat = ['a', 'b'].flatMap((k) => { grow(m.get(k)!, 2); return m.get(k)!; });
  console.log(flat);
}

// subclass-foreach
{
  const m = new Map<string, Float64Array>([['a', new Float64Array([1, 2])]]);
  const later: (() => void)[] = [];
  class Lazy extends Array<Float64Array> {
    override forEach(cb: (v: Float64Array, i: number, a: Float64Array[]) => void): void { later.push(() => cb(this[0], 0, this)); }
  }
  function setup(): void {
    const xs: Float64Array[] = Lazy.from([m.get('a')!]) as Lazy;
    xs.forEach((v) => { scale(v, 10); });
  }
  setup();
  for (const f of later) f();
  const v = m.get('a')!;
  const s = v[0];
  console.log(s);
}

// fn-flag
{
  const m = new Map<string, Float64Array>([['a', new Float64Array([1, 2])]]);
  let done = 0;
  function f(): void { failIfBig(m.get('a')!, 0); done = 1; }
  try { f(); } catch (e) { console.log('caught', (e as Error).message, done); }
}

// fail-order
{
  try {
    const m = new Map<string, Float64Array>([['a', new Float64Array([1])], ['b', new Float64Array([2])]]);
    scale(m.get('b')!, 1);
    failIfBig(m.get('a')!, 0);
    failIfBig(m.get('b')!, 0);
    console.log('unreached');
  } catch (e) { console.log('first failure', (e as Error).message); }
}

// A written typed array held under a type it is assignable to (tester #27's r37g, t7): `Iterable<number>` is no typed
// array type, yet its spread and a helper's for…of read what the fenced calls wrote.
{
  const series = new Map<string, Float64Array>([['a', new Float64Array([1, 2])], ['b', new Float64Array([3, 4])]]);
  const held: Iterable<number> = series.get('b')!;
  const firstOf = (it: Iterable<number>): number => { for (const v of it) return v; return NaN; };
  for (const [, s] of series) scale(s, 2);
  const spread = [...held][0];
  const head = firstOf(series.get('a')!);
  console.log('iterable', spread, head);
}
