// A part of an object handed to a task under its own name (a field, a destructured name, a loop's element), then
// the whole read, and later handed to a task whole: the read sees the part's task's write (np41's F2: each printed
// the old value, the wait on the whole did not know the part was inside it until the later task).
import { count, countJobs, deep, peek, peekHolder, reset, run, total } from './kernels';
import { Holder, Registry } from './holder';

const o = { inner: { v: 0 } };
const inner = o.inner;
run(inner);
console.log('field', o.inner.v);
peek(o);

const p = { inner: { v: 10 } };
const { inner: part } = p;
run(part);
console.log('destructured', p.inner.v, peek(p));

const jobs = [{ v: 0 }, { v: 20 }, { v: 30 }];
const [first] = jobs;
run(first);
console.log('element', jobs[0].v);
reset(jobs);

// A loop's elements, each in parallel; then the array read, sorted, changed and handed on whole.
const queue = [{ v: 5 }, { v: 50 }, { v: 25 }];
for (const j of queue) run(j);
console.log('looped', queue.map((j) => j.v).join(','));
queue.sort((x, y) => y.v - x.v);
console.log('sorted', queue[0].v, queue[1].v, queue[2].v);
queue[2].v += 1000;
console.log('total', total(queue));

// Two levels down, and a Map's value.
const tree = { a: { b: { v: 7 } } };
const leaf = tree.a.b;
run(leaf);
console.log('deep', tree.a.b.v, deep(tree));
const groups = new Map([['x', { v: 1 }], ['y', { v: 2 }]]);
const gx = groups.get('x')!;
run(gx);
console.log('map', groups.get('x')!.v, count(groups));
console.log('end', jobs[0].v, total(jobs));

// A deep copy reads the parts' writes and keeps nothing of the array: the loop's calls still run in workers.
const batch = [{ v: 1 }, { v: 2 }];
for (const j of batch) run(j);
console.log('clone', JSON.stringify(structuredClone(batch)), total(batch));

// A part of a class instance; a part of a Map subclass (whose own iterator the wait must not run); a part of a large
// record read in a loop of calls (the wait walks only as deep as the part: rev56's F1, F5, F6).
const held = new Holder();
const heldInner = held.inner;
run(heldInner);
console.log('instance', held.inner.v, peekHolder(held));
const registry = new Registry([['x', { v: 1 }], ['y', { v: 2 }]]);
const rx = registry.get('x')!;
run(rx);
console.log('registry', registry.get('x')!.v, countJobs([...registry.values()]));
const state = { counter: { v: 0 }, items: Array.from({ length: 2000 }, (_, i) => ({ v: i % 7 })) };
const counter = state.counter;
let seenItems = 0;
for (let i = 0; i < 20; i++) { run(counter); seenItems += state.items[i * 50].v; }
console.log('state', state.counter.v, seenItems, total([state.counter]));
