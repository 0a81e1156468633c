/**
 * Task calls the plugin used to keep direct where it can submit them (issue 15's reach, tester #13's sNN): each
 * fixture prints what the plain build prints, inline too, and runs the counted calls in workers.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printsAsPlain, repositoryRoot as root } from './program-build';

test('a task whose value holds its argument (`{ config: cfg }`, `{ ...s, n }`) is submitted; the value is the caller\'s object, waited through', () => {
  const tasks = printsAsPlain('held-results');
  // 3 fresh, 3 updates, run+bump+total, 2 run+bump+total, run+total, 2 run, run+tag, run+2 readHeld, run+bumpHeld,
  // 2 × run+tag in a loop, 2 runs pushed and 2 tags, and the writer of an object held by two values in a literal
  // (fenced: it escapes); the one held by a value pushed into a list is a task, the list a holder of it (aliases.ts storedNames).
  assert.is(tasks.inWorkers, 34, `${tasks.inWorkers} tasks ran in workers (tester #13's s02, s03: 0)`);
});

test('numbers and strings taken apart out of an object tasks write (`const [a, b] = acc.list`, `[...d.n]`, `for (k in o)`, `{ n, ...counts }`) are reads', () => {
  const tasks = printsAsPlain('taken-apart');
  // acc 4, d 3, counts 3; a rest record holding the list and an object out of a part: fenced (they escape); a for…in
  // writing what it walks keeps its call direct.
  assert.is(tasks.inWorkers, 12, `${tasks.inWorkers} tasks ran in workers (tester #13's s05: 0)`);
});

test('whole values read where they stand (`console.log([...m])`, `JSON.stringify({ t })`, `${a.history}`, `Object.values(t).reduce(…)`) and parts handed to the next task (`mean(g.cells)`) wait there instead of keeping the calls direct', () => {
  const tasks = printsAsPlain('read-in-place');
  // wholeValues 9 (two calls on t in one array literal too), partsToTasks 21, accounts 3 + 3 + 2 (a map handing
  // out parts, used up by JSON.stringify: all 8 were direct before); keptParts' 10 calls are fenced: their parts are kept in variables, a
  // callback lets them out (`n.forEach((l) => lists.push(l))`: read as a read before, a wrong output), or one is written
  // through Object.values(t)[0] (tester #14's F3, F4, F20, F26: 0 to 8 of these before; direct until escapes were fenced).
  // Then accounts 2 more, whose history is spread into Math.min (np21's r31: every account call was direct).
  assert.is(tasks.inWorkers, 50, `${tasks.inWorkers} tasks ran in workers`);
});

test('elements mapped to task calls (`await Promise.all(docs.map((d) => score(d)))`, then `await score(docs[0])`) stay a followed container', () => {
  const tasks = printsAsPlain('awaited-maps');
  // 3 + 1 + 3 + 3 + 1 scores, measures and grows on docs, 2 same (was 9, tester #13's s04: 0 of 2). The score on
  // `more` is mapped but not awaited at once (the program pushes first): an async task using its parameter after
  // an `await` then stays direct (after-await.ts), as a call awaited at once, alone or through Promise.all, need not.
  // 2 more: weigh over kept, with the weights beside each element and kept read later in a map's callback; the two
  // over `watched`, which a timer changes while main awaits, stay direct.
  assert.is(tasks.inWorkers, 15, `${tasks.inWorkers} tasks ran in workers`);
});

test('tasks called through a table of functions nothing changes (`const ops = { square }; ops.square(x)`) are task calls; explain lists the others', () => {
  const tasks = printsAsPlain('member-tables');
  // (The exported table too: no module of the program changes it.)
  assert.is(tasks.inWorkers, 7, `${tasks.inWorkers} tasks ran in workers (tester #13's s07: 0)`);
  const dir = join('test', 'programs', 'member-tables');
  const out = execFileSync(process.execPath, [join(root, 'dist', 'runtime', 'cli.js'), 'explain', '--json', join(dir, 'main.ts'), join(dir, 'kernels.ts')],
    { cwd: root, encoding: 'utf8' });
  const calls = (JSON.parse(out) as { calls: { line: number; task: string; submitted: boolean; reason: string }[] }).calls;
  assert.equal(calls.filter((c) => c.submitted).map((c) => `${c.line} ${c.task}`), ['6 square', '8 square', '8 cube', '10 fill', '24 square']);
  // The tables the program changes still run the typed task's calls as plain calls: listed.
  const plain = calls.filter((c) => !c.submitted);
  assert.equal(plain.map((c) => c.line), [16]);
  assert.match(plain[0].reason, 'the callee `swapped.square` has the type of task square, but which function runs is known only at run time');
});

test("tasks calling Node's modules or code of unknown effect, with results that cannot hold their arguments, run in workers; a getter result runs in place", () => {
  const tasks = printsAsPlain('library-results');
  // unpack 2, fingerprint 2, normalized 1, total 3, names 2 (tester #16's G2: unpack and total stayed direct, `@in rows`
  // was a compile error); pair runs in place (G3: its getter came back as a value).
  assert.is(tasks.inWorkers, 10, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.submitted, 10, 'pair stays in place');
});

/** explain --json of test/programs/<name> (its .ts files). */
function explained(name: string, files: readonly string[]) {
  const dir = join('test', 'programs', name);
  const out = execFileSync(process.execPath, [join(root, 'dist', 'runtime', 'cli.js'), 'explain', '--json', ...files.map((f) => join(dir, f))],
    { cwd: root, encoding: 'utf8' });
  return JSON.parse(out) as {
    functions: { name: string; params: { name: string; direction: string }[] }[];
    calls: { line: number; task: string; submitted: boolean; reason: string }[];
    notes: { line: number; note: string }[];
  };
}

test('tester #16\'s kept-sequential shapes run in parallel: getters calling functions (G13), callbacks taking their element apart (G6), a swap of records (G4), a cursor walking a list (G5)', () => {
  const tasks = printsAsPlain('outside-reach');
  // 4 + 3 lengths, 3 + 2 + 3 + 3 split callbacks, 2 + 2 one at a time, 2 swaps and 2 bumps (G4: those 4 were
  // direct), 5 listed and a shout (G5: the listed were direct), 2 + 2 over `as const` tuples.
  assert.is(tasks.inWorkers, 36, `${tasks.inWorkers} tasks ran in workers`);
  const { functions, notes, calls } = explained('outside-reach', ['main.ts', 'kernels.ts']);
  const direction = (task: string) => functions.find((f) => f.name === task)!.params[0].direction;
  assert.is(direction('scaledLength'), 'in', 'a getter calling Math.sqrt(this.dot(this)) only reads (was inout: 4 tasks chained)');
  assert.is(direction('countedLength'), 'inout', 'a getter that counts its reads writes');
  assert.is(direction('listed'), 'in', 'a cursor walk collecting strings only reads (was inout and escaping)');
  assert.is(direction('shout'), 'inout', 'a cursor walk changing the nodes writes');
  // None runs one at a time: the pattern reading a getter and the one with a default (which a split callback would
  // run twice) are maps joined at once, each callback run in the plain order and the array waited for after the last.
  assert.equal(notes.filter((n) => /one at a time/.test(n.note)).map((n) => n.line), []);
  // Only G8's forwarder passed by name stays direct, and explain says how to write it.
  const direct = calls.filter((c) => !c.submitted);
  assert.equal(direct.map((c) => `${c.line} ${c.task}`), ['43 scaleBy']);
  assert.match(direct[0].reason, '`triple` is passed by name (`arrays.forEach(triple)`), so not all its calls are in sight; call it in an arrow function (`(v) => triple(v)`)');
});

test('tester #17\'s interface calls (r05) and reading methods beside a task (r09): every call submitted, directions from the implementations', () => {
  const tasks = printsAsPlain('interface-calls');
  assert.is(tasks.inWorkers, 9, `${tasks.inWorkers} tasks ran in workers (r05: 0)`);
  const { functions, calls } = explained('interface-calls', ['main.ts', 'kernels.ts']);
  const params = (task: string) => Object.fromEntries(functions.find((f) => f.name === task)!.params.map((p) => [p.name, p.direction]));
  assert.equal(params('encodedSum'), { c: 'inout', data: 'in' }, 'Negate\'s encode counts its uses; no encode writes its argument');
  assert.equal(params('totalArea'), { shapes: 'in', times: 'in' });
  assert.equal(calls.filter((c) => !c.submitted).map((c) => `${c.line} ${c.reason}`), [], '`c.label()` beside `encodedSum(c, data)` only reads c');
});

test('results of a task writing its argument, pushed or put in slots of arrays printed whole, or returned after constants by a map callback, are gathered Futures: nothing runs one at a time (tester #18\'s F1, F2)', () => {
  const tasks = printsAsPlain('inout-gathered');
  assert.is(tasks.inWorkers, 18 + 9 + 15, `${tasks.inWorkers} tasks ran in workers`);
  const { notes, calls } = explained('inout-gathered', ['main.ts', 'kernels.ts']);
  assert.equal(notes.filter((n) => /one at a time/.test(n.note)).map((n) => n.line), [], 'each loop waited for its call before');
  assert.ok(calls.every((c) => c.submitted));
});

test('halo exchange: strips pushed as literals holding a filled array, edges mapped by callbacks that never name the strip, boxes with one inbox each', () => {
  const tasks = printsAsPlain('halo-arrays');
  // 3 rounds of 4 relax calls and 3 bumps; the late strip, whose array is written by name after the push, stays direct.
  assert.is(tasks.inWorkers, 12 + 3, `${tasks.inWorkers} tasks ran in workers`);
  const { calls } = explained('halo-arrays', ['main.ts', 'kernels.ts']);
  assert.equal(calls.filter((c) => !c.submitted).map((c) => c.line), [31], 'tester #18\'s F7 kept them all direct (`.push`/`.map` of a level)');
});

test('stores into slots of an array gathering task results (a swap by destructuring, a for…of target) need no wait: the emitted code is valid and the results run in workers', () => {
  const tasks = printsAsPlain('gathered-stores');
  assert.is(tasks.inWorkers, 5, `${tasks.inWorkers} tasks ran in workers`);
});

test('files a task writes are there when the program reads them after the call (existsSync, readFileSync wait for the tasks)', () => {
  const tasks = printsAsPlain('file-handoff');
  // render 3, lineCount 3 + 1, increment 3, lineCount 1: each after the tasks changing files before it (np21's r10).
  assert.is(tasks.inWorkers, 3 + 4 + 3 + 1, `${tasks.inWorkers} tasks ran in workers`);
});

test('tiles filled by tasks, then the frame read whole by Node\'s own readers (a hash, deflate, writeFileSync): the calls run in workers (np21\'s r18: all direct)', () => {
  const tasks = printsAsPlain('node-readers');
  assert.is(tasks.inWorkers, 5, `${tasks.inWorkers} tasks ran in workers`);
});

test('a task module\'s top-level loop filling its own table, or a helper filling its module\'s Map, runs in workers too, so constants derived from them match; prints stay the program\'s', () => {
  const tasks = printsAsPlain('module-init');
  assert.is(tasks.inWorkers, 5, `${tasks.inWorkers} tasks ran in workers`);
});

test('a fill-shaped statement of a task module reading what entry code filled, or a constant computed from it, is entry code too, and such a constant is computed in the program\'s thread only (tester #23\'s r02, #27\'s r37e, np70\'s min-worker-toplevel: a worker crashed importing it); so is one a task\'s call makes (np70\'s min-toplevel-rerun ran it again in each worker)', () => {
  const tasks = printsAsPlain('entry-filled-state');
  assert.is(tasks.inWorkers, 14, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /const best = __taskify\.inWorker\(\) \? void 0 : /, 'computed from what entry code filled: the program\'s thread only');
  assert.match(emitted, /const firstScaled = __taskify\.inWorker\(\) \? void 0 : /, 'so is a task\'s call, which a worker ran again');
});

test('top-level constants workers need stay computed there (a function a constant holds calling a task, one reading entry-filled state a task calls, a task\'s value a task reads and a constant from it: rv73\'s r-const-*), while one only entry code reads is the program thread\'s', () => {
  const tasks = printsAsPlain('load-constants');
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /\nconst compute = \(n\) => /, 'a function a constant holds: defined in workers too');
  assert.match(emitted, /\nconst base = __taskify\.submit\(/, 'read by a task: computed in workers too');
  assert.match(emitted, /\nconst once = __taskify\.inWorker\(\) \? void 0 : __taskify\.submit\(/, 'read by entry code only: the program thread\'s');
});

test('module objects a task reads, changed by the program in a library method\'s callback (forEach by an arrow, through a helper, a Map\'s forEach), travel with the later calls (np42\'s F6: the worker read its own)', () => {
  const tasks = printsAsPlain('module-state-callbacks');
  assert.is(tasks.inWorkers, 9, `${tasks.inWorkers} tasks ran in workers`);
});

test('objects of namespaces a task reads and the program changes travel with each call (tester #23\'s r50: the worker read its own)', () => {
  const tasks = printsAsPlain('namespace-state');
  assert.is(tasks.inWorkers, 7, `${tasks.inWorkers} tasks ran in workers`);
  assert.match(readFileSync(join(tasks.dir, 'geom.js'), 'utf8'), /__taskify\.moduleState\("[^"]*geom\.ts#Units\.Metric\.SCALE", \(\) => Units\.Metric\.SCALE\)/);
});

test('task calls under conditions in a callback (`j.n ? spin(j.n) : undefined`, `&&`, `||`, `??`, nested) are submitted for every element first when the first pass can test the conditions as the second will (tester #23\'s F10)', () => {
  const tasks = printsAsPlain('guarded-calls');
  // 3 + 4 + 2 + 2 + 2 + 3 split, 3 + 2 one at a time, risky 5, -1 and 7 (7 submitted ahead, then dismissed), the
  // helper scoreOf 2 in a split loop and 2 + 2 in a split callback, 2 memo calls and 2 of `&&=`.
  // (33 when risky(7), submitted ahead and dismissed, is cancelled before a worker starts it: a machine under load.)
  assert.ok(tasks.inWorkers === 34 || tasks.inWorkers === 33, `${tasks.inWorkers} tasks ran in workers`);
  // A memo (`memo[k] ??= spin(…)`) and `ok &&= …` make 2 + 2 calls, as plain: no pass submitted the 3 + 1 others ahead
  // (tester #24's F4: a split loop ran every call of `cache[k] ??= slow(k)`, 6x slower than plain).
  assert.is(tasks.submitted, 34, `${tasks.submitted} tasks submitted`);
  const { notes } = explained('guarded-calls', ['main.ts', 'kernels.ts']);
  // Only the condition the callback's own store changes (`seen.has(n)`), the one calling the program's code
  // (`wanted(n)`) and the memo's logical assignments (each call decides whether the next is made) keep their calls one at a time.
  assert.equal(notes.filter((n) => /one at a time/.test(n.note)).map((n) => n.line), [25, 30, 48, 50]);
  // The helper's submission half tests its condition: `j.n && j.n > 150000 ? submit… : void 0`.
  assert.match(readFileSync(join(tasks.dir, 'main.js'), 'utf8'), /__taskify\.inHalves\(scoreOf, j => \{\s*return \(j\.n && j\.n > 150000\) \? __taskify\.submit/);
});

test('chains through a `let` that starts as a plain value (`let p = img; for (…) p = smooth(p)`): each step\'s result is a Future kept in the variable, so two chains overlap (tester #23\'s F7, at the top level and in a function)', () => {
  const tasks = printsAsPlain('let-chains');
  // 6 chains, 1 closure, 2 written, smooth + scale + total, 2 conditional, risky 2 (the second fails), 4 in blur, 2 swap.
  assert.is(tasks.inWorkers, 22, `${tasks.inWorkers} tasks ran in workers`);
  const { notes } = explained('let-chains', ['main.ts', 'kernels.ts']);
  // No step waits for the one before (was: "the result of `smooth(a)` is used at once (`a = smooth(a)`)"), and no
  // advice to copy a variable the loop assigns once before it.
  assert.equal(notes.map((n) => `${n.line} ${n.note.slice(0, 40)}`), []);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  // (The step takes `freshArgument(a)`: a value this thread had might have been changed, a Future it has not loaded not.)
  assert.match(emitted, /a = __taskify\.submit\(__taskify_smooth_\d+, \[__taskify\.freshArgument\(a\)\]/, 'a Future variable, not a wait at each step');
});

test('top-level declarations of a task\'s module whose values do things (open a file, read what entry code filled, call a task) are computed by the program\'s thread only; those tasks read still are in workers (tester #24\'s F1-F3)', () => {
  const tasks = printsAsPlain('entry-declarations');
  // sq 3 (one in a declaration's template, 2 in a loop), work 2, offset 1, triple 2: each run once (the log lists each
  // call once). scratch.ts's directory, read only through a function main.ts calls, is made once (q1: once per thread).
  assert.is(tasks.inWorkers, 8, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  // (Taken at load too, analysis/load-time.ts: the program's thread records what it opened; no worker opens it.)
  assert.match(emitted, /const fd = __taskify\.inWorker\(\) \? void 0 : (__taskify\.atLoad\("[^"]+#fd", \(\) => )?\(0, node_fs_1\.openSync\)\(file, 'w'\)/);
  // (The call writes a file, so it is taken at load too; a Future is no plain data the program's thread records.)
  assert.match(emitted, /const a = __taskify\.inWorker\(\) \? void 0 : (__taskify\.atLoad\("[^"]+#a", \(\) => )?__taskify\.submit\(/);
  assert.match(emitted, /\nconst BASE = base\(\);/, 'a declaration a task reads is computed in workers too');
});

test('a name given a block of one container or a boundary block (`const top = i > 0 ? grid[i - 1][j] : zero`) keeps the container followed: no fence, so a wavefront that reads a corner keeps its blocks running (np25/04: 1 in flight -> 3); a task writing the boundary through the name is waited for where the program reads it', () => {
  const tasks = printsAsPlain('choice-aliases');
  assert.is(tasks.inWorkers, 15, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  // Only the last loop's blocks of two containers are fenced.
  assert.is((emitted.match(/submitFenced\(/g) ?? []).length, 1, 'one fenced call');
  assert.match(emitted, /const corner = i > 0 && j > 0 \? __taskify\.waitOn\(grid\[i - 1\]\[j - 1\]\)\[3\] : 0;/, 'the corner waits for its own block');
});

test('a level handed whole to a reading task is marked where the program changes it, not checked at every call (tester #25\'s r05: 20000 records encoded or hashed per call)', () => {
  const tasks = printsAsPlain('whole-levels');
  assert.is(tasks.inWorkers, 11, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.not.match(emitted, /maybeWritten/, 'no check at the calls');
  assert.match(emitted, /__taskify\.written\(rows\)\.push\(\{ id: 99/, 'a push between calls is marked');
  assert.match(emitted, /__taskify\.written\(grid\[0\]\)\[0\] = /, 'a slot store in a nested level is marked');
});

test('`return out` of a local after tasks wrote it waits there, and those tasks are submitted (tester #25\'s r19: all ran in place); so is a local a returned closure names, whose read waits when it is called', () => {
  const tasks = printsAsPlain('returned-locals');
  // (The closure's local was kept direct until an escape after the last call in one run of a function counted as late.)
  assert.is(tasks.inWorkers, 12, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /return __taskify\.waitOn\(out\);/);
  assert.match(emitted, /const peek = \(\) => __taskify\.waitOn\(b\)\[0\];/, 'the closure\'s read waits');
  assert.match(emitted, /return \[__taskify\.writtenFields\(b\), peek\];/, 'the return, after the last call, waits for all it holds');
});

test('a private field only its class names is followed: a task writing `this.#data` is submitted and the getter waits for that instance (tester #23\'s np24/r13: fenced at each method\'s exit, one at a time)', () => {
  const tasks = printsAsPlain('private-fields');
  assert.is(tasks.inWorkers, 9, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 1, 'the failing task failed once');
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /amplify\(f\) \{ __taskify\.submit\(__taskify_scale_\d+, \[this\.#data, f\]/, 'submitted, no fence at the exit');
  assert.match(emitted, /get first\(\) \{ return __taskify\.waitOn\(this\.#data\)\[0\]; \}/);
  assert.match(emitted, /set first\(v\) \{ __taskify\.written\(this\.#data\)\[0\] = v; \}/);
  assert.match(emitted, /\[this\.#data, other\.#data\]/, 'another instance\'s field too');
  // A field handed out, or set from a parameter, has other names: fenced as before.
  assert.match(emitted, /submitFenced\(__taskify_scale_\d+, \[this\.#buf, 3\]/);
  assert.match(emitted, /submitFenced\(__taskify_scale_\d+, \[this\.#w, 2\]/);
});

test('strips of a byte buffer filled by tasks, then decoded, spread or copied through views where they are made: every call submitted (tester #26\'s r22, r22b)', () => {
  const tasks = printsAsPlain('byte-strips');
  assert.is(tasks.inWorkers, 8, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /new TextDecoder\(\)\.decode\(__taskify\.waitOn\(buf\)\.subarray\(0, 12\)\)/, 'a decoded view is a read');
  assert.match(emitted, /String\.fromCharCode\(\.\.\.__taskify\.waitOn\(buf\)\.subarray\(8, 14\)\)/, 'a spread view is a read');
  assert.match(emitted, /Buffer\.from\(__taskify\.waitOn\(buf\)\)/, 'Buffer.from of a typed array is a copy');
});

test('names of `export const` that emit uses again (where an async function resumes) stay `exports.X` in CommonJS (tester #26\'s r23: "CFG is not defined", in an async task too)', () => {
  const tasks = printsAsPlain('exported-names');
  assert.is(tasks.inWorkers, 4, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  // (g's await checks its own call where it resumes: resume-checks.ts.)
  assert.match(emitted, /__taskify\.resumed\(await __taskify\.checkedAwait\(__taskify_runner\d+, Promise\.resolve\(\)\), \[exports\.LIMITS\], \[\]\)/);
});

test('a loop over a generator that touches nothing but its own is split (run to its end first); one that prints, reads what the body changes, never ends or yields a local it changes is not (tester #26\'s r07)', () => {
  const tasks = printsAsPlain('generator-loops');
  assert.is(tasks.inWorkers, 14, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /= \[\.\.\.prefixes\(2\)\];/, 'the contained generator is spread once');
  for (const kept of ['loud(3)', 'biased(3)', 'naturals()', 'windows(3)']) assert.not.ok(emitted.includes(`[...${kept}]`), kept);
});

test('a dictionary gathers task results (`rows[n] = slow(n)` into `const rows: Record<number, number> = {}`): waited for where a slot or the whole is used, not at each call (tester #25\'s r32)', () => {
  const tasks = printsAsPlain('gathered-records');
  assert.is(tasks.inWorkers, 11, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /rows\[n\] = __taskify\.submit\(/, 'a store of the Future');
  assert.match(emitted, /JSON\.stringify\(__taskify\.waitFields\(rows\)\)/, 'the whole walked for its values');
  // (One read whole by `Object.keys`/`Object.values` gathers too, waited for whole there: np71's min-record-nested.)
  assert.match(emitted, /keyed\[k\] = __taskify\.submit\(/, 'a dictionary the language\'s readers take whole gathers');
  assert.match(emitted, /Object\.keys\(__taskify\.waitFields\(keyed\)\)/, 'and is walked for its values there');
});

test('task results the program tags (`ps[META] = …`, `ps.label = …`) and pushes into an array are waited for where a later loop reads them (tester #24\'s 16: the loop read the Futures, undefined)', () => {
  const tasks = printsAsPlain('tagged-results');
  assert.is(tasks.inWorkers, 4, `${tasks.inWorkers} tasks ran in workers`);
});

test('instances of a class the entry module exports go to workers when the entry defines tasks (workers import it anyway; tester #24\'s F10 ran them in place)', () => {
  const tasks = printsAsPlain('entry-classes');
  assert.is(tasks.inline, 0, 'no call ran in place');
  assert.is(tasks.inWorkers, 1);
});

test('a loop whose task call is an argument of another (`norm(prepare(n))`, three deep) is split: both go ahead, taken together; a break or the inner call\'s failure ends it as in plain code', () => {
  const tasks = printsAsPlain('split-nested');
  assert.ok(tasks.inWorkers >= 50, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.is(emitted.match(/__taskify\.dismissUntaken\(results_\d+\);/g)?.length, 4, 'all four loops are split');
  assert.match(emitted, /__taskify\.take\(results_\d+, base_\d+ \+ 1, base_\d+ \+ 0\)/, 'the outer call takes the inner one with it');
});

test('array-method callbacks that add a task\'s value into an outer variable (`t += norm(a)`, `count++;` before the return) or nest one task call in another are split; one whose first pass would read that variable is not', () => {
  const tasks = printsAsPlain('split-callback-sums');
  assert.ok(tasks.inWorkers >= 55, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.is(emitted.match(/__taskify\.eachThen\(/g)?.length, 4, 'forEach into total, filter with its count, reduce and the failing forEach are split');
  assert.not.match(emitted, /eachThen\([^;]*shift \+=/, 'the callback whose first pass would read `shift` is not');
});

test('an array mapped to task calls that is the function\'s value (`return this.streams.map((s) => estimate(s, n))`, an arrow\'s body) is waited for whole where it is returned, so its calls overlap (tester np35\'s q50)', () => {
  const tasks = printsAsPlain('returned-maps');
  assert.is(tasks.inWorkers, 14, `${tasks.inWorkers} tasks ran in workers`);
  const { notes } = explained('returned-maps', ['main.ts', 'kernels.ts']);
  assert.equal(notes.filter((n) => /one at a time/.test(n.note)).map((n) => n.line), [], 'no call waits for the one before');
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  // The method, the function and the arrow (given a block by the exit wait for its parameter's writes).
  assert.is(emitted.match(/return __taskify\.waitAll\((this\.)?streams\.map\(/g)?.length, 3, 'each returns its array waited whole');
});

test('the language\'s copies of an array of objects that hold only numbers or strings (`cells.filter(f).map((c) => c.id)`) are reads, not a part of it handed out: the tasks writing it run in workers', () => {
  const tasks = printsAsPlain('primitive-copies');
  // 3 rounds of grow, grow, total, total; the twin that keeps filtered objects (a holder of them, one group with
  // kept: aliases.ts elementsCopiedFrom): 2 grows and its total (the grows were direct before np43's p03).
  assert.is(tasks.inWorkers, 15, `${tasks.inWorkers} tasks ran in workers`);
  const { calls } = explained('primitive-copies', ['main.ts', 'kernels.ts']);
  assert.equal(calls.filter((c) => !c.submitted).map((c) => c.line), []);
});

test('`for (const [i, rows] of groups.entries())` names each element of groups, and `groups.indexOf(rows)` only compares identities: the tasks on each group run in workers', () => {
  const tasks = printsAsPlain('entries-loops');
  // 3 × (rescore, best), 3 rescores, 3 bests; the retry loop's 5 checks (2 fail) and 2 rescores (14 before: the
  // retry loop's calls were direct).
  assert.is(tasks.inWorkers, 19, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 2);
});

test('parts of an array or Map passed whole, taken out by name (`const row = m[0]`, `for (const r of m)`, `const [b0] = blocks`, `groups.get(k)`), are names of the whole: the tasks writing it run in workers, and a part a task made keeps its identity (tester np38)', () => {
  const tasks = printsAsPlain('element-parts');
  // Every call. At 3fe713a each call on an object a part was taken out of stayed direct, and so did an insert of an
  // object made at the call; and `const r0 = rs[0]` of an `any[]` a task filled printed r0 unsorted after sortAnyRows.
  assert.is(tasks.inWorkers, 42, `${tasks.inWorkers} tasks ran in workers`);
  const { calls } = explained('element-parts', ['main.ts', 'kernels.ts']);
  assert.equal(calls.filter((c) => !c.submitted).map((c) => c.line), [], 'no call stays direct');
});

test('loops whose step reads nothing a task writes: a Map\'s entries taken apart (directly and by .entries()), whose values tasks change, and a literal of string tuples or records (np41\'s F4, F5: each call ran in this thread)', () => {
  const tasks = printsAsPlain('iterated-literals-and-maps');
  assert.is(tasks.inWorkers, 12, `${tasks.inWorkers} of 12 calls ran in workers`);
});

test('an object that leaves the plan\'s sight after the last task call on it, at top level (a callback keeping its elements, a slice handing out rows): the calls before it run in workers and the escape sees their writes; an escape before a later call, or in the loop that calls, has them fenced (np41\'s F3)', () => {
  const tasks = printsAsPlain('late-escapes');
  assert.is(tasks.inWorkers, 17, `${tasks.inWorkers} calls ran in workers (5 before; 12 before escapes were fenced)`);
});


test('a grid mapped row by row to task calls (`grid.map((row) => row.map((c) => weigh(c)))`, three deep, by Array.from) is waited for whole where the outermost map stands: the rows overlap (tester np42\'s P1)', () => {
  const tasks = printsAsPlain('nested-maps');
  // (The failing nest's last call may be dismissed before it ran, when the failure comes first: cancelled, not run.)
  assert.is(tasks.inWorkers + tasks.cancelled, 47, `${tasks.inWorkers} tasks ran in workers, ${tasks.cancelled} cancelled`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.is(emitted.match(/__taskify\.waitAll\((grid|cube|cells|rows|Array)\.(map|from)\(/g)?.length, 8, 'each nest waited whole at its outermost map');
  assert.is(emitted.match(/return __taskify\.waitAll\(row\.map/g)?.length, 1, 'only the block body, which computes first, waits per row');
});

test('jobs printed between batches through a map returning their parts (`JSON.stringify(jobs.map((j) => [j.name, j.log]))`) are read there: the batches run in workers (np43\'s p03: the map made jobs escape)', () => {
  const tasks = printsAsPlain('mapped-prints');
  assert.is(tasks.inWorkers, 5, `${tasks.inWorkers} tasks ran in workers (2 before: the three batches were direct)`);
});

test('copies of an array of jobs (slice, sorted slice, spread, Array.from, filter, a copy of a copy) hold the same jobs: writes through either name reach the other, and the batches on the original run in workers (np43\'s p03)', () => {
  const tasks = printsAsPlain('copied-holders');
  // 13 before: the batches after each copy stayed direct, the copy an escape of jobs (18 before escapes were fenced).
  assert.is(tasks.inWorkers, 21, `${tasks.inWorkers} tasks ran in workers`);
});

test('helpers written in a task that keep the caller\'s objects in the task\'s own variables (a `let` reassigned, through a second name of the helper, into either of two lists) let nothing out: those tasks run in workers, and writes through those variables come back (np48\'s min-nested-letout: all direct)', () => {
  const tasks = printsAsPlain('nested-helper-stores');
  // intoSpare stays direct: its helper stores the orders into the caller's `spare` when there is one.
  assert.is(tasks.inWorkers, 7, `${tasks.inWorkers} of 8 calls ran in workers (0 before)`);
});

test('a name escaping takes out of the plan only the names that may hold its object: `for (const x of [a, e])` after e escapes keeps the calls on a submitted, those on e and x fenced (np48\'s F4)', () => {
  const tasks = printsAsPlain('unrelated-escapes');
  // (rotating's 3 calls on its rotating names run in workers too: their escape comes after the loop, late.)
  assert.is(tasks.inWorkers, 27, `${tasks.inWorkers} calls ran in workers (6 before; 13 before escapes were fenced)`);
});

test('an object made anew by each run of a block, escaping after the last task call on it in that run (the next generation\'s record, a list kept outside, in a function called twice), lets that run\'s calls run in workers; a name from outside the block, or a loop calling again after the escape, has them fenced (np49\'s P1: 0 of 40 band calls)', () => {
  const tasks = printsAsPlain('late-escapes-blocks');
  // 5 generations of 4 bands, 2 rounds of 2 rows; the two escapes that are not late have their calls fenced.
  assert.is(tasks.inWorkers, 31, `${tasks.inWorkers} calls ran in workers (4 before; 24 before escapes were fenced)`);
});

test('an array put in a container a task is given whole, and held by something else too (a record\'s field or method, a Map, a Set, a WeakRef, an iterator, a generator, a Proxy, a bound function, a container that escapes): the program\'s writes and reads through it after the task print as plain (np49\'s F1-F3: writes lost, reads stale)', () => {
  const tasks = printsAsPlain('hidden-holders');
  // The record's field (`holder.x.push(5)`, waiting for what the field holds) and the record read whole are followed;
  // the other holders are out of the plan's sight, so the calls on their containers are fenced (2 before that).
  assert.is(tasks.inWorkers, 16, `${tasks.inWorkers} calls ran in workers`);
});

test('an object a task still writes, stored into a record\'s list, field, Map or an array of records right after the task, is read and written through the record as plain: a remembered walk of the record does not outlive the program\'s change (np50\'s F4: `h.list[0].length` printed 1)', () => {
  const tasks = printsAsPlain('stores-after-walks');
  assert.is(tasks.inWorkers, 8, `${tasks.inWorkers} calls ran in workers`);
});

test('a copy made by `JSON.parse(text)` is fresh: a task writing it is followed by name, not fenced as a value typed `any`, which kept a pairwise tree reduction elsewhere in the file sequential (np53\'s p26); with a reviver it may be any object and stays fenced', () => {
  const tasks = printsAsPlain('parsed-copies');
  // 5 counts, 4 merges in the reduction, top, the copy's merge and the revived one's (8 before: the reduction's 4 direct).
  assert.is(tasks.inWorkers, 12, `${tasks.inWorkers} calls ran in workers`);
});

test('a function\'s parameter given to a task in a callback that may run it many times (`[1, 2, 3, 4].map((k) => look(v, k))`) is submitted there, read or written (np63\'s min-lambda-map-direct3 kept every call in this thread: "its one task would run alone")', () => {
  const tasks = printsAsPlain('parameters-read-by-tasks');
  assert.is(tasks.inWorkers, 14, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.mostPending, 4, '(a)\'s four reads are pending together');
});

test('grids filled cell by cell with task values (`grid[i][j] = block(…)`, rows pushed empty or made by `Array.from({ length }, () => new Array(n))`) wait for each cell where it is read: a wavefront runs an anti-diagonal\'s blocks side by side (np68\'s min-wavefront-grid ran one block at a time); a grid used whole after its sweep (printed, read row by row, returned: np69\'s S2) waits for every cell there, one used whole where a store may follow (inside the sweep, by a closure) holds values, not Futures, and one filled in a try waits at each call', () => {
  const tasks = printsAsPlain('gathered-grids');
  // (a) 16, (b) 16 + 1, (e) 4, (c) 4, (d) 2 (the third call never made: the second failed), (f) 4, (g) 9, (h) 2,
  // (i) 4 + 1, (j) 2, (k) 9, (l) 4.
  assert.is(tasks.inWorkers, 16 + 17 + 4 + 4 + 2 + 4 + 9 + 2 + 5 + 2 + 9 + 4, `${tasks.inWorkers} tasks ran in workers`);
  assert.ok(tasks.mostPending >= 3, `at most ${tasks.mostPending} blocks pending at once`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /grid\[i\]\[j\] = __taskify\.submit\(__taskify_cell_\d+/, 'a cell takes the Future');
  assert.match(emitted, /upd\[i\]\[j\] = __taskify\.submit\(/, 'cells updated after the sweep: it gathers');
  assert.match(emitted, /const top = i === 0 \? 0 : __taskify\.waitOn\(grid\[i - 1\]\[j\]\);/, 'a number cell is waited for where it is read');
  assert.match(emitted, /__taskify\.written\(edges\[i - 1\]\[j\]\)\.bottom/, 'an object cell is waited for, then taken afresh by later tasks');
  assert.match(emitted, /shown\[i\]\[j\] = __taskify\.submit\(/, 'a grid printed after its sweep gathers');
  assert.match(emitted, /console\.log\(JSON\.stringify\(__taskify\.writtenWithin\(shown\)\)\)/, '…and waits for every cell at the print');
  assert.match(emitted, /for \(const row of __taskify\.writtenWithin\(table\)\)/, 'rows read after the sweep, in a function');
  assert.match(emitted, /table\[i\]\[j\] = __taskify\.submit\(/, '…whose sweep gathers');
  // (Its diagonal's loop is split instead, the call in its `if` branch: split-loops.ts.)
  assert.match(emitted, /rounds\[i\]\[j\] = __taskify\.waitOn\(__taskify\.reached\(/, 'a grid printed inside its sweep takes values, not Futures');
  assert.match(emitted, /late\[0\]\[1\] = __taskify\.waitOn\(__taskify\.submit\(/, 'so does one a closure uses whole');
  assert.match(emitted, /rows\[i\]\[j\] = __taskify\.submit\(__taskify_cell_\d+, \[i > 0 \? rows\[i - 1\]\[j\] : 1, j > 0 \? rows\[i\]\[j - 1\] : 1, 5\]/,
    'a cell given to a task goes on as its Future');
});

test('tasks called through a constant table another module exports (`export default { dot, norm1 }` of a variable or written as the literal, `export const Stats = { norm: norm1 }`, `ns.default.dot` of `import * as ns`) run as tasks when no module changes the table (np68\'s min-default-object ran them in this thread); a table another module changes, also under a name a barrel re-exports it by, keeps its calls plain', () => {
  const tasks = printsAsPlain('table-exports');
  // default 2, named 2 (copied by another module), namespace 2, frozen 1, satisfies 1, a default written as the literal 2.
  assert.is(tasks.inWorkers, 10, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /console\.log\('replaced', tools_1\.Tools\.measure\(/, 'the changed table\'s call stays a plain call');
  assert.match(emitted, /console\.log\('renamed re-export', ops_\d\.Spare\.norm\(/, 'so does one changed under the name a barrel gives it');
  assert.match(emitted, /console\.log\('switched', switching_1\.default\.measure\(x\)\)/, 'and a default literal whose own method changes it');
  assert.match(emitted, /console\.log\('patched default', patched_1\.default\.measure\(/, 'and one another module changes through a namespace');
  assert.match(emitted, /console\.log\('swapped', swapping_1\.default\.measure\(x\)\)/, 'and one whose method hands `this` on to a change');
});

test.run();
