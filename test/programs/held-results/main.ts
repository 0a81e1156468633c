// A task's value that holds the caller's own argument: the same object as in the plain program (identity), and
// tasks writing it later, or the program writing it through the value, seen through either name.
import { run, step, bump, total, tag, readHeld, bumpHeld, Config, State } from './kernels';

// Objects made at the call (tester #13's s02): nothing else names them.
const outs = [10, 20, 30].map((n) => run({ n, tags: [] }));
for (const o of outs) console.log('fresh', o.config.n, o.value);

// An immutable update (s03): the result shares the state's tags.
const starts: State[] = [1, 2, 3].map((n) => ({ n, tags: ['t' + n] }));
const ends = starts.map((s) => step(s, 7));
console.log('update', ends.map((e) => `${e.n}:${e.tags}`).join(' '), ends[0].tags === starts[0].tags);

// A followed object held by a named value: identity, then a task writing it, read through the value.
const cfg: Config = { n: 4, tags: ['a'] };
const r = run(cfg);
console.log('same object', r.config === cfg, r.value);
bump(cfg);
console.log('task wrote it', r.config.n, r.config.tags.join(','));
r.config.n = 7; // the program writes it through the value: the next task reads the change
console.log('program wrote it', total(cfg));

// Elements of an array, then a task writing one of them and the program writing another through the values.
const configs: Config[] = [1, 2].map((n) => ({ n, tags: ['c' + n] }));
const held = configs.map((c) => run(c));
bump(configs[0]);
console.log('element', held[0].config.n, held[0].config === configs[0]);
held[1].config.tags.push('z');
console.log('element written', total(configs[1]));

// A value nobody names (pushed into an array): the argument's later writer must not run ahead of the read.
const loose: Config = { n: 5, tags: ['l'] };
const list: { config: Config; value: number }[] = [];
list.push(run(loose));
tag(loose, 'after');
console.log('unnamed', list[0].config.tags.join(','), total(loose));

// Two values holding one object; a task writes it; both see it.
const shared: Config = { n: 1, tags: [] };
const pair = [run(shared), run(shared)];
bump(shared);
console.log('two values', pair.map((p) => p.config.n).join(' '), pair[0].config === pair[1].config);

// A part of the value under its own name.
const base: Config = { n: 3, tags: ['p'] };
const got = run(base);
const part = got.config;
tag(base, 'q');
console.log('part name', part.tags.join(','), JSON.stringify(got));

// The value handed to another task, after the program changed the object it holds, and to a task writing it.
const seed: Config = { n: 1, tags: [] };
const seeded = run(seed);
seed.n = 9;
console.log('value read by a task', readHeld(seeded));
seed.tags.push('x');
console.log('and again', readHeld(seeded));
const target: Config = { n: 2, tags: [] };
const aimed = run(target);
bumpHeld(aimed);
console.log('value written by a task', target.n, aimed.value, aimed.config === target);

// Elements of an array followed as a container: values kept by name in a loop body, and values pushed with no name,
// then a task writing the shared tags.
const rows: Config[] = [1, 2].map((n) => ({ n, tags: ['r' + n] }));
for (const row of rows) { const out = run(row); tag(row, 'x'); console.log('loop name', out.config.tags.join(','), out.config === row); }
const outsOfRows: { config: Config; value: number }[] = [];
for (const row of rows) outsOfRows.push(run(row));
for (const row of rows) tag(row, 'z');
console.log('pushed', outsOfRows.map((o) => o.config.tags.join(',')).join(' | '));
