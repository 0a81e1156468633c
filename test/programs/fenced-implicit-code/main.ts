// Code the language runs without a call written, after tasks on objects the plan cannot name (elements of a parameter):
// each reads what the tasks wrote, so a fence must come first (np47's F1-F4).
import { grow } from './tasks';

const pending: number[] = [1];
class Monitor {
  get backlog() { return pending.length; }
  get snapshot() { return pending.join('.'); }
  get drain() { const n = pending.length; pending.length = 0; return n; }
  static [Symbol.hasInstance](_x: unknown): boolean { return pending.length > 2; }
}
const mon = new Monitor();
const status = { get size() { return pending.length; } };
const show = ({ backlog }: Monitor) => backlog;
const sizes = (function* () { for (;;) yield pending.length; })();
function report(n: number = pending.length) { return n; }

function declared(qs: number[][]) { for (const q of qs) grow(q); const { backlog } = mon; console.log('declared pattern', backlog); }
function literalGetter(qs: number[][]) { for (const q of qs) grow(q); const { size } = status; console.log('object literal getter', size); }
function parameterPattern(qs: number[][]) { for (const q of qs) grow(q); console.log('parameter pattern', show(mon)); }
function assigned(qs: number[][]) { for (const q of qs) grow(q); let s = ''; ({ snapshot: s } = mon); console.log('assignment pattern', s); }
function loopPattern(qs: number[][]) { for (const q of qs) grow(q); for (const { backlog } of [mon]) console.log('loop pattern', backlog); }
function nested(qs: number[][]) { for (const q of qs) grow(q); const [{ backlog }] = [mon]; console.log('nested pattern', backlog); }
function draining(qs: number[][]) { for (const q of qs) grow(q); const { drain } = mon; console.log('getter that writes', drain, pending.join('.')); }
function generator(qs: number[][]) { for (const q of qs) grow(q); console.log('generator made before', sizes.next().value); }
function byDefault(qs: number[][]) { for (const q of qs) grow(q); console.log('default value', report()); }
const cursor = pending[Symbol.iterator]();
const walker = pending.values();
function cursorWalk(qs: number[][]) {
  for (const q of qs) grow(q);
  const seen: number[] = [];
  for (let r = cursor.next(); !r.done; r = cursor.next()) seen.push(r.value);
  for (const v of walker) seen.push(v);
  console.log('iterators made before', seen.join('.'));
}
function hasInstance(qs: number[][], probe: object) { for (const q of qs) grow(q); console.log('hasInstance', probe instanceof Monitor); }
const Even = { [Symbol.hasInstance](_x: unknown) { return pending.length % 2 === 0; } };
function castHasInstance(qs: number[][]) { for (const q of qs) grow(q); console.log('hasInstance through a cast', ({} as object) instanceof (Even as any)); }
const Odd = class {};
Object.defineProperty(Odd, Symbol.hasInstance, { value: () => pending.length % 2 === 1 });
const AsFunction: Function = Odd;
function definedHasInstance(qs: number[][]) { for (const q of qs) grow(q); const odd = ({} as object) instanceof AsFunction; console.log('hasInstance defined at run time', odd); }
class Counted extends Map<string, number> { override get size() { return pending.length; } }
const counted: Map<string, number> = new Counted();
function overriddenGetter(qs: number[][]) { for (const q of qs) grow(q); const { size } = counted; console.log('overridden library getter', size); }
function keyIn(qs: number[][]) {
  const seen = { [String(pending.length)]: true };
  for (const q of qs) grow(q);
  const probe = { toString: () => String(pending.length) };
  const stale = (probe as any) in seen;
  console.log('object key in', stale);
}
function objectKey(qs: number[][]) {
  for (const q of qs) grow(q);
  const seen: Record<string, boolean> = {};
  seen[qs[0] as any] = true;
  const hit = { '1,1,2,3,4,5,6,7,8,9,10': 'stale' } as Record<string, string>;
  console.log('object key', Object.keys(seen), hit[qs[0] as any] ?? 'fresh');
}

declared([pending]); literalGetter([pending]); parameterPattern([pending]); assigned([pending]); loopPattern([pending]); nested([pending]);
generator([pending]); byDefault([pending]); cursorWalk([pending]); hasInstance([pending], {}); castHasInstance([pending]); definedHasInstance([pending]); overriddenGetter([pending]); keyIn([pending]);
objectKey([pending]); draining([pending]);
console.log(pending.join('.'));
