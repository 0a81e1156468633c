// A task's value that holds the caller's own objects (`ps.filter(…)`, `ps[0]`, `{ p }`), kept unresolved in an array
// of Futures and then given to a task that writes it: the writes must reach the caller's objects, as they do in
// plain code (np50's F1: the task wrote the stored copy, and `ps` printed unchanged).
import { asAny, bump, bumpOne, bumpWrapped, first, pickBig, sortDown, total, wrap, type P } from './tasks';

const make = (): P[] => [{ name: 'a', score: 1 }, { name: 'b', score: 2 }, { name: 'c', score: 3 }];
const show = (label: string, ps: P[]) => console.log(label, ps.map((p) => `${p.name}=${p.score}`).join(' '));

function pushed() { const ps = make(); const out: P[][] = []; out.push(pickBig(ps)); bump(out[0]); show('pushed', ps); }
function literal() { const ps = make(); const ones = [first(ps)]; bumpOne(ones[0]); show('literal', ps); }
function mapped() {
  const ps = make();
  const shards = [ps.slice(0, 2), ps.slice(1)];
  const picked = shards.map((shard) => pickBig(shard));
  picked.map((a) => bump(a));
  show('mapped', ps);
}
function iterated() { const ps = make(); const outs: P[][] = []; for (let i = 0; i < 2; i++) outs.push(pickBig(ps)); for (const o of outs) bump(o); show('iterated', ps); }
function named() { const ps = make(); const outs: P[][] = []; outs[0] = pickBig(ps); const firstOut = outs[0]; bump(firstOut); show('named', ps); }
function returnedWhole() { const ps = make(); const outs: P[][] = []; outs.push(sortDown(ps)); bump(outs[0]); show('returned whole', ps); }
function records() { const ps = make(); const ws = ps.map((p) => wrap(p)); ws.forEach((w) => bumpWrapped(w)); show('records', ps); }
function fromArray() { const ps = make(); const outs = Array.from([ps, ps], (x) => pickBig(x)); bump(outs[1]); show('from array', ps); }
function twice() {
  const ps = make();
  const outs = [0, 1].map(() => pickBig(ps));
  const again = outs.map((o) => pickBig(o));
  again.forEach((a) => bump(a));
  show('twice', ps);
}
// Only read, the values stay gathered and every call runs in a worker.
function readOnly() {
  const ps = make();
  const outs = [ps, ps].map((x) => pickBig(x));
  const sums = outs.map((o) => total(o));
  console.log('read only', sums.join(','));
}
// A value named by a variable, then pushed: still the caller's objects inside.
function pushedName() { const ps = make(); const out: P[][] = []; const v = pickBig(ps); out.push(v); bump(out[0]); show('pushed name', ps); }

// Into an array of objects, where a Future could sit in a container's slot (rv63's R2).
function pushedObject() { const ps = make(); const out: P[] = []; out.push(first(ps)); bumpOne(out[0]); show('pushed object', ps); }
// A value typed `any` written by the program: a write, whatever its type says (rv63's R4).
function writtenAny() { const p: P = { name: 'a', score: 1 }; const r = asAny(p); r.score = 50; bumpOne(p); console.log('written any', p.score, r === p); }

pushed(); literal(); pushedObject(); writtenAny(); mapped(); iterated(); named(); returnedWhole(); records(); fromArray(); twice(); readOnly(); pushedName();
