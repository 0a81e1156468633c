// An array put in a container a task is given whole (`rows = [r]`), and held as well by something else the program
// reads or writes it through after the task: a record's field, its method, a Map, a Set, a WeakRef, an iterator, a
// generator, a Proxy, a bound function, another container that escapes. The program's write must not be lost to the
// task's copy-back, nor its read see the value before the task (np49's F1-F3).
import { pushTo } from './tasks';

const SEEN: unknown[] = [];
function stash(x: unknown) { SEEN.push(x); }

// Writes through another holder.
function field() { const r = [0]; const rows = [r]; const holder = { x: r }; pushTo(rows, 1); holder.x.push(5); console.log('field', r.join(',')); }
function method() { const r = [0]; const rows = [r]; const h = { r, add() { this.r.push(5); } }; pushTo(rows, 1); h.add(); console.log('method', r.join(',')); }
function functions() { const r = [0]; const rows = [r]; const fns: ((x: number[]) => void)[] = [(x) => x.push(5)]; pushTo(rows, 1); fns[0](r); console.log('functions', r.join(',')); }
function map() { const r = [0]; const rows = [r]; const m = new Map([['k', r]]); pushTo(rows, 1); m.get('k')!.push(5); console.log('map', r.join(',')); }
function weakRef() { const r = [0]; const rows = [r]; const wr = new WeakRef(r); pushTo(rows, 1); wr.deref()!.push(5); console.log('weakRef', r.join(',')); }
function iterator() { const r = [0]; const rows = [r]; const it = [r][Symbol.iterator](); pushTo(rows, 1); it.next().value!.push(5); console.log('iterator', r.join(',')); }
function generator() { const r = [0]; const rows = [r]; const gen = (function* () { yield r; })(); pushTo(rows, 1); gen.next().value!.push(5); console.log('generator', r.join(',')); }
function proxy() { const r = [0]; const rows = [r]; const px = new Proxy({}, { get: () => r }) as { any: number[] }; pushTo(rows, 1); px.any.push(5); console.log('proxy', r.join(',')); }
function otherContainer() { const r = [0]; const p = [r], q = [r]; pushTo(p, 1); stash(q); (SEEN[SEEN.length - 1] as number[][])[0].push(6); pushTo(p, 2); console.log('other container', r.join(',')); }

// Reads through another holder.
function readMap() { const r = [0]; const rows = [r]; const m = new Map([['k', r]]); pushTo(rows, 1); console.log('read map', m.get('k')!.length); }
function readSet() { const r = [0]; const rows = [r]; const s = new Set([r]); pushTo(rows, 1); for (const x of s) console.log('read set', x.length); }
function readNested() { const r = [0]; const rows = [r]; const o = [[r]]; pushTo(rows, 1); console.log('read nested', o.flat(2).length); }
function readBound() { const r = [0]; const rows = [r]; const bound = Array.prototype.join.bind(r, '-'); pushTo(rows, 1); console.log('read bound', bound()); }
function readRecord() { const r = [0]; const rows = [r]; const o = { r }; pushTo(rows, 1); console.log('read record', JSON.stringify(o)); }
const withGetter = { get n() { return 1; } };

// A direct call in the statement of a submitted one.
function sameStatement() { const r = [0]; const rows = [r]; console.log('same statement', pushTo(rows, 1), pushTo([r], 2), r.join(',')); }

field(); method(); functions(); map(); weakRef(); iterator(); generator(); proxy(); otherContainer();
readMap(); readSet(); readNested(); readBound(); readRecord(); readMap();
sameStatement();
console.log('getter', withGetter.n);
