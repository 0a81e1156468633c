/**
 * Fixture programs compiled twice, with plain tsc and with the plugin, then run: the outputs must be identical,
 * and TASKIFY_STATS must show tasks really ran in workers (a transformer that made every call direct would fail).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram as build, endsAsPlain, printsAsPlain, runProgram as run, programsWork as work, repositoryRoot as root } from './program-build';

const programs = join(root, 'test', 'programs');

function compare(name: string, module: 'commonjs' | 'node16', minimumInWorkers: number): void {
  const plain = run(build(name, false, module));
  const taskified = build(name, true, module);
  const statsFile = join(work, `${name}-stats.json`);
  const output = run(taskified, { TASKIFY_STATS: statsFile });
  assert.fixture(output, plain);
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  assert.ok(stats.tasks.inWorkers >= minimumInWorkers, `${name}: ${stats.tasks.inWorkers} tasks ran in workers, expected at least ${minimumInWorkers}`);
  assert.is(stats.tasks.failed, 1, 'the one failing task, and only it');
  assert.is(run(taskified, { TASKIFY_WORKERS: '0' }), plain, 'inline mode prints the same');
}

test('CommonJS, synchronous caller: loops, arrays of futures, aliasing, interprocedural writes, Map/Set, errors in try/catch', () => {
  compare('cjs-sync', 'commonjs', 30);
});

test('ES module, async caller with await', () => {
  const plain = run(build('esm-async', false, 'node16'));
  const taskified = build('esm-async', true, 'node16');
  const statsFile = join(work, 'esm-stats.json');
  assert.fixture(run(taskified, { TASKIFY_STATS: statsFile }), plain);
  assert.ok(JSON.parse(readFileSync(statsFile, 'utf8')).tasks.inWorkers >= 8);
});

test('writes through another name (a container, a default, arguments, this, a getter, Reflect) reach the caller, as in plain code', () => {
  const plain = run(build('hidden-writes', false, 'commonjs'));
  const statsFile = join(work, 'hidden-writes-stats.json');
  assert.fixture(run(build('hidden-writes', true, 'commonjs'), { TASKIFY_STATS: statsFile }), plain);
  const { tasks } = JSON.parse(readFileSync(statsFile, 'utf8'));
  assert.ok(tasks.inWorkers >= 11, `${tasks.inWorkers} tasks ran in workers`);
});

test('code resumed after other code ran (await, yield, timers, then) reads what tasks submitted meanwhile wrote', () => {
  const tasks = printsAsPlain('resumed'); // the plain build's output, also inline
  assert.ok(tasks.inWorkers >= 12, `${tasks.inWorkers} tasks ran in workers`);
});

test('parameters followed inside their function: blocked Cholesky and matmul on parameters run in parallel, callers see the results', () => {
  const tasks = printsAsPlain('parameters');
  // factor: 3 potrf and 7 updates; multiply: 8; stepAndReport: 2 scales and a sum; train: 2 (failing's are counted as failed).
  assert.ok(tasks.inWorkers >= 10 + 8 + 3 + 2, `${tasks.inWorkers} tasks ran in workers`);
});

test('module objects the program changes travel with each task call that reads them (CommonJS and ES modules)', () => {
  const tasks = printsAsPlain('module-state');
  assert.is(tasks.inWorkers, 8, 'every call ran in a worker');
  const plain = run(build('module-state', false, 'node16'));
  assert.fixture(run(build('module-state', true, 'node16')), plain);
});

test('in objects the plugin cannot follow are written again only when they changed: an image to 24 tasks, centers per round', () => {
  const plain = run(build('snapshots', false, 'commonjs'));
  const taskified = build('snapshots', true, 'commonjs');
  assert.match(readFileSync(join(taskified, 'main.js'), 'utf8'), '__taskify.freshArgument(exports.image)');
  const statsFile = join(work, 'snapshots-stats.json');
  assert.fixture(run(taskified, { TASKIFY_STATS: statsFile }), plain);
  assert.is(run(taskified, { TASKIFY_WORKERS: '0' }), plain, 'inline mode prints the same');
  const { tasks, snapshots } = JSON.parse(readFileSync(statsFile, 'utf8'));
  assert.is(tasks.inWorkers, 44, 'every call ran in a worker');
  // image: once, then after each of its 3 changes; settings: new, changed, replaced by an equal array; the 4 points;
  // centers: once per round. Written at every call, as before, it would be 52 snapshots.
  assert.equal(snapshots, { written: 4 + 3 + 4 + 3, kept: 38 });
});

test('second names an adversarial review found: parameters that are one object, outer names, methods and functions handing their argument back', () => {
  const tasks = printsAsPlain('second-names');
  // The outer-name and other-parameter functions stay direct; the rest (the sort chain's receiver included) are tasks,
  // and filledInLoop's two (a receiver returned to forEach, which drops it, was taken for a second name).
  assert.ok(tasks.inWorkers >= 20, `${tasks.inWorkers} tasks ran in workers`);
});

test('methods that hand out a part or a live view of a followed object (Map#get, values(), a leaf\'s subarray) keep it unfollowed; iterators used up at once are reads', () => {
  const tasks = printsAsPlain('handed-parts');
  // The map, iterator and leaf-view objects are not followed; b's eight calls, the three tallies and the three pushes on lists are.
  assert.ok(tasks.inWorkers >= 14, `${tasks.inWorkers} tasks ran in workers`);
});

test('a task used at once in a map/filter/reduce callback is submitted for every element first, then each value used', () => {
  const tasks = printsAsPlain('split-callbacks');
  assert.is(tasks.inWorkers, 92);
  const emitted = readFileSync(join(build('split-callbacks', true, 'commonjs'), 'main.js'), 'utf8');
  assert.is(emitted.match(/__taskify\.eachThen\(/g)?.length, 14,
    'max, template, filter, reduce, a property chain, both, the failing pair, the scaled max, named, shifted, spreads, kept, the presets (tester #26\'s r12) and the helpers\' (r17) are split');
  assert.match(emitted, /\{ const \{ max, mean \} = __taskify\.waitOn\(__taskify\.reached\(result_\d+\)\);/, 'a value taken apart by a pattern');
  assert.match(emitted, /eachThen\(rows, "map", r => \{ const k = r\.length \* 2; return __taskify\.submit\(/, 'a constant the call names is computed in the submission half too');
  // (A constant from a call of the program's is not computed ahead: the map, joined at once, runs each callback in
  // the plain order and waits for the array after the last.)
  assert.match(emitted, /__taskify\.waitAll\(rows\.map\(\(r\) => \{ const k = draw\(\); return __taskify\.submit\(/, 'a constant from a call of the program\'s stays in its callback');
  assert.match(emitted, /'scaled', __taskify\.waitAll\(rows\.map\(/, 'a map printed whole submits every call, then waits for the array');
  assert.match(emitted, /'chained', __taskify\.waitAll\(rows\.map\([^\n]*\)\)\.reduce\(/, 'a map chained into reduce submits every call first');
  assert.is(emitted.match(/__taskify\.several\(/g)?.length, 2, 'two task calls in one callback are submitted together for each element');
  assert.match(emitted, /rows\.map\(\(r\) => __taskify\.waitOn\(__taskify\.submit\(__taskify_loud/, 'a task that prints still waits where it stands');
  // Before, each call waited where it stood: one task at a time. Now the trace shows two running at once.
  const running = mostRunningAtOnce('split-callbacks');
  assert.ok(running >= 2, `at most ${running} task(s) ran at once`);
});

test('task values one expression needs (console.log(total(a), total(b)), sums, records, destructuring, a return) are submitted together, then used in order', () => {
  const tasks = printsAsPlain('batched-values');
  assert.ok(tasks.inWorkers >= 24, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(build('batched-values', true, 'commonjs'), 'main.js'), 'utf8');
  assert.is(emitted.match(/__taskify\.withValues\(/g)?.length, 10, 'totals, sum, fixed, spread, means, norms, ratio, the two failing pairs, the awaited sum');
  assert.match(emitted, /const both = await __taskify\.inTurn\(__taskify\.withValues\(\[/, 'an awaited expression is a batch, the await (in turn) outside it');
  assert.match(emitted, /const \[tx, ty\] = await Promise\.all\(\[__taskify\.awaited\(__taskify\.submit\(/, 'Promise.all of calls awaits each as await task() does');
  assert.match(emitted, /'write then read', __taskify\.waitOn\(__taskify\.submit\(__taskify_scale/, 'a task that writes still waits where it stands');
  assert.match(emitted, /'noisy', __taskify\.waitOn\(__taskify\.submit\(__taskify_noisy/, 'a task that prints still waits where it stands');
  assert.match(emitted, /count\(__taskify\.waitOn\(/, 'program code between two calls keeps them one at a time');
  // One at a time before; now the trace shows two running at once.
  const running = mostRunningAtOnce('batched-values');
  assert.ok(running >= 2, `at most ${running} task(s) ran at once`);
});

test('objects put in an array by name (const all = [A, B, C], cols.push(c)) are followed through the array and their names; one that escapes keeps both paths direct', () => {
  const tasks = printsAsPlain('placements');
  // loop 3, forEach 3, scale(A) 1, indexed 3, pair 2, twice 1, totals 3; T through both paths 2. P, Q, R, S stay direct.
  // Pushed leaves: cols 3 + 1, pushed twice 2, held 1; e (kept by a helper) stays direct.
  // Copied blocks: 3 + 1.
  assert.ok(tasks.inWorkers >= 18 + 7 + 4, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(build('placements', true, 'commonjs'), 'main.js'), 'utf8');
  assert.match(emitted, /for \(const m of ps\)\s+__taskify\.submitFenced\(__taskify_scale_\d+, \[m, 3\]/,
    'the container of an object kept by keep() is not followed: its calls are fenced');
});

test('loops that use a task value at once (s += total(p), best = Math.max(best, peak(row)), break, a failure in try) submit every pass first', () => {
  const tasks = printsAsPlain('split-loops');
  // Passes after a break or a failure were submitted too, and are dismissed (cancelled if not started): not counted.
  assert.ok(tasks.inWorkers >= 6 + 4 + 2 + 1 + 2 + 1 + 4, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(build('split-loops', true, 'commonjs'), 'main.js'), 'utf8');
  assert.is(emitted.match(/__taskify\.dismissUntaken\(results_\d+\);/g)?.length, 9, 'sum, best, first big (its value in a const), found, the failing loop, squares, chunked, the labelled loop and the view sums are split');
  assert.match(emitted, /results_\d+\.push\(__taskify\.submit\(__taskify_total_\d+, \[[^\]]*partOf\(wide, k\)/, 'a helper making a view is a simple argument');
  assert.match(emitted, /words: for \(const w of [^)]*\) \{\s*const base_\d+ = next_\d+;/, 'the second pass keeps the label its continue names');
  assert.match(emitted, /for \(const x of __taskify\.waitOn\(grown\)\)\s+results_\d+\.push/, 'the first pass waits for what the header reads');
  assert.match(emitted, /const m = __taskify\.waitOn\(__taskify\.reached\(base_\d+ \+ 0 < results_\d+\.length \? __taskify\.take\(results_\d+, base_\d+ \+ 0\) : /, 'a task value kept in a const of the pass is the second pass\'s value');
});

test('loop bodies making several task calls (a const, two in one print, a destructured value) submit every call of every pass first; continue and break before them, and a failure, dismiss the rest', () => {
  const tasks = printsAsPlain('split-many');
  // rows 5 x 3, skipping 2 x 2, seen 2 x 2 (of 5 submitted), tally 3 x 2, risky 2 + 2 + 1 (the failure), partial one at a time.
  assert.ok(tasks.inWorkers >= 15 + 4 + 4 + 6 + 5 + 6, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(build('split-many', true, 'commonjs'), 'main.js'), 'utf8');
  assert.is(emitted.match(/__taskify\.dismissUntaken\(results_\d+\);/g)?.length, 13, 'rows, skipping, seen, risky, tally, parts, trials, sensors, kept, chained, cells, marks and letters are split; partial (a break between calls) is not, and nested gathers in its grid\'s rows');
  assert.match(emitted, /results_\d+\.push\(__taskify\.submit\(__taskify_total_\d+, \[r\][^)]*\)\);\s*results_\d+\.push\(__taskify\.submit\(__taskify_grade_\d+, \[r\][^)]*\)\);\s*results_\d+\.push\(__taskify\.submit\(__taskify_spread_\d+, \[r\][^)]*\)\)/,
    'the first pass submits a pass\'s calls in the order the body makes them');
  assert.match(emitted, /const base_\d+ = next_\d+;\s*next_\d+ \+= 3;/, 'each pass of the second takes its own three');
});

test('loops whose body catches a task\'s failure (`try { out.push(work(n)) } catch …`, a finally, a break in the catch, two tries in one body, a nested loop in an async function, a try with only a finally) submit every pass\'s call first and meet each failure in its own pass; a try whose block runs code before the call stays as it is', () => {
  const tasks = printsAsPlain('split-tries');
  // (a) 13, (b) 4 taken (the rest dismissed after the break), (c) 18, (d) 3, (e) 4, (h) 6 + 5, (f) 6, (g) 3 taken.
  assert.ok(tasks.inWorkers >= 13 + 4 + 18 + 3 + 4 + 11 + 6 + 3, `${tasks.inWorkers} tasks ran in workers`);
  assert.ok(tasks.mostPending >= 6, `at most ${tasks.mostPending} tasks pending at once`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.is(emitted.match(/__taskify\.dismissUntaken\(results_\d+\);/g)?.length, 8, 'collect, the break, the two tries, the rows, both continues, the inner loop and the finally are split');
  assert.match(emitted, /next_\d+ \+= 1;\s*__taskify\.dismissUntaken\(results_\d+, base_\d+ - 1, base_\d+\);/, 'each pass dismisses what the pass before left untaken');
  assert.match(emitted, /const n = JSON\.parse\(s\);\s*parsed\.push\(__taskify\.waitOn\(__taskify\.submit\(/, 'code before the call in the try: each call waits');
  // The first pass is outside the body's tries: a submission it makes names only the mark of a try around the loop.
  for (const made of emitted.matchAll(/results_\d+\.push\(__taskify\.submit\([^;]*(__taskify_try\d+)\)\);/g)) {
    assert.ok(emitted.indexOf(`const ${made[1]} = `) < made.index!, `${made[0]} names a mark declared after it`);
  }
});

test('a loop whose catch converts an error of a class with its own toString (which changes what later calls read) is not split (rv72\'s r-error-tostring)', () => {
  const tasks = printsAsPlain('split-tries-hooks');
  assert.is(tasks.inWorkers, 8);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.not.match(emitted, /dismissUntaken/, 'each call waits in its own pass');
});

test('split loops and callbacks that store into containers no task reads (Set, Map, histogram, a record field): all calls submitted first, stores in plain order', () => {
  const tasks = printsAsPlain('split-stores');
  assert.ok(tasks.inWorkers >= 6 + 6 + 6 + 1 + 6 + 6 + 2 + 4 + 5 + 6 + 4 + 3 + 2 + 4 + 2, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(build('split-stores', true, 'commonjs'), 'main.js'), 'utf8');
  assert.is(emitted.match(/__taskify\.dismissUntaken\(results_\d+\);/g)?.length, 7, 'seen, ranges, hist, best, kept, sums and byPart are split loops');
  assert.match(emitted, /__taskify\.eachThen\(xs, "forEach", \(x, i\) => __taskify\.submit\(/, 'a Map in a field, keyed by String(i), is a split callback\'s store');
  assert.match(emitted, /halves\[i\] = __taskify\.waitOn\(__taskify\.submit\(/, 'halves: later passes read views of it');
  assert.is(emitted.match(/__taskify\.eachThen\(parts, "forEach"/g)?.length, 1, 'byIndex is a split callback');
  assert.match(emitted, /ranges\.set\(i, __taskify\.maybeWritten\(__taskify\.reached\(base_\d+ \+ 0 < results_\d+\.length \? __taskify\.take\(results_\d+, base_\d+ \+ 0\) : /, 'objects the program keeps are marked as changed where stored');
  assert.is(emitted.match(/__taskify\.waitOn\(__taskify\.submit\(__taskify_peak/g)?.length, 2, 'rows and grow: a later pass reads the container');
  assert.match(emitted, /__taskify\.eachThen\(\[0, 1, 2\], "forEach", k => __taskify\.submit\(__taskify_span_\d+, \[weights\.get\(k\), 40 \+ k\]/,
    'an argument looked up in a Map is computed in the submission half');
  assert.match(emitted, /shifted\.set\(k, __taskify\.waitOn\(__taskify\.submit\(/, 'a loop changing the Map after each store keeps the plain order');
  assert.match(emitted, /__taskify\.waitAll\(Array\.from\(\{ length: 4 \}, \(_, i\) => __taskify\.submit\(__taskify_total_\d+, \[parts\[i \+ 1\]\]/,
    'Array.from with a callback, joined at once: every call submitted, then the array waited for');
  assert.match(emitted, /__taskify\.waitAll\(Array\.from\(new Set\(\[0, 2, 0\]\), \(k\) => __taskify\.submit\(/, 'also over a Set');
  assert.match(emitted, /__taskify\.waitAll\(pairs\.map\(\(p\) => __taskify\.submit\(__taskify_span_\d+, \[\.\.\.p\]/, 'a tuple of numbers spread into the parameters');
});

test('a task value stored into a field of the walked object (s.m = mean(s.data)): split; a later call reading that field (through a link, a pattern, the whole object) keeps one at a time', () => {
  const tasks = printsAsPlain('split-field-stores');
  assert.ok(tasks.inWorkers >= 4 + 4 + 4 + 3 + 2 + 3 + 3 + 2 + 3 + 3, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(build('split-field-stores', true, 'commonjs'), 'main.js'), 'utf8');
  assert.is(emitted.match(/__taskify\.dismissUntaken\(results_\d+\);/g)?.length, 5, 'means, shifted, probes, collect and byName are split loops');
  assert.match(emitted, /slots\[i\]\.m = __taskify\.waitOn\(__taskify\.forwardCall\(gauges\[i\]/, 'an extended class\'s object may be the record');
  assert.match(emitted, /__taskify\.eachThen\(sensors, "forEach"/, 'ranges is a split callback');
  assert.is(emitted.match(/__taskify\.waitOn\(__taskify\.submit\(/g)?.length, 3, 'chain, bound and scored: a later call reads the stored field');
});

test('util.inspect defaults the program sets (depth, breakLength) are the ones a task prints with, as of its call', () => {
  const tasks = printsAsPlain('inspect-defaults');
  assert.is(tasks.inWorkers, 3);
});

test('split loops over collections evaluated once (Map entries, Object.entries, values(), rows destructured, for…in over a record); generators, getters and a Map the body grows stay one at a time', () => {
  const tasks = printsAsPlain('split-headers');
  assert.ok(tasks.inWorkers >= 6 * 5 + 3 + 2 + 6 + 4, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(build('split-headers', true, 'commonjs'), 'main.js'), 'utf8');
  assert.is(emitted.match(/__taskify\.dismissUntaken\(results_\d+\);/g)?.length, 6, 'totals, groups, highest, labelled, scaled and perKey are split');
  assert.match(emitted, /byName\[name\] = __taskify\.submit\(/, 'a record read whole by `Object.keys` gathers instead');
  assert.match(emitted, /const items_\d+ = __taskify\.keysIn\(groups\);/, 'for…in lists its keys once');
  assert.match(emitted, /console\.log\('bag', key, __taskify\.waitOn\(__taskify\.submit\(/, 'for…in over a class\'s instance is not split');
  assert.match(emitted, /let scaled = 0;\s*__taskify\.fence\(\);\s*{\s*const items_/, 'the fence for the record comes before the split loop');
  assert.match(emitted, /const items_\d+ = \[\.\.\.Object\.entries\(groups\)\];/, 'the iterable is evaluated once');
  assert.is(emitted.match(/console\.log\('(chosen total|row peak|work)', (k, )?__taskify\.waitOn\(__taskify\.submit\(/g)?.length, 3,
    'the generator, the getter and the growing Map keep their calls one at a time');
});

test('a failing call ends what follows it, as the plain call did: lines after it in a function called from a try, in split loops and callbacks, and at an uncaught failure', () => {
  const { inWorkers, dir } = endsAsPlain('met-failures');
  assert.ok(inWorkers >= 12, `${inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(dir, 'main.js'), 'utf8');
  assert.is(emitted.match(/__taskify\.dismissUntaken\(results_\d+\);/g)?.length, 2, 'both loops over parts are split, the one with a const too');
  assert.is(emitted.match(/__taskify\.eachThen\(/g)?.length, 1, 'the forEach that prints, in its try, is split');
});

test('a wait meets a failure after an earlier call failed unmet: the earlier failure is thrown, caught or reported once, as the plain program died of it', () => {
  for (let round = 0; round < 3; round++) { // when the runtime learns of each failure varies from run to run
    const { inWorkers } = endsAsPlain('earlier-failures');
    assert.ok(inWorkers >= 14, `${inWorkers} tasks ran in workers`);
  }
});

test('effects with no call written in the task: a base constructor, a getter, a toString a join runs, an iterator a spread runs (tester #29\'s F2, F4), a bound method (np30\'s emitstate)', () => {
  assert.is(printsAsPlain('hidden-effects').inWorkers, 7);
});

test('a failure nobody catches, with `exit` and `uncaughtException` handlers: they see what the calls before it left, no Future and nothing after it (tester #29\'s F3)', () => {
  // fill 1, 2 and 3 (3 fails), ten(1), ten(101), ten(2), ten(102): the check before `last = ten(n)` stops the loop there.
  assert.is(endsAsPlain('failure-handlers-exit').inWorkers, 7);
  assert.is(endsAsPlain('failure-handlers-uncaught').inWorkers, 2);
  // The handler runs when the macrotask that made the call ends; the interval set before it goes on (tester #28's P3).
  assert.is(endsAsPlain('failure-handlers-timer').inWorkers, 5);
});

test('a call that failed before a try block, whose result only the try uses: neither its catch nor its finally sees the failure, the enclosing catch does, or the program ends (tester #28\'s P0)', () => {
  for (let round = 0; round < 2; round++) {
    const { inWorkers } = endsAsPlain('failed-before-try');
    assert.ok(inWorkers >= 8, `${inWorkers} tasks ran in workers`);
  }
});

test('a generator that yields inside a try after a failing task call yields what the plain one did: the try checks before the yield (tester #28\'s P1b)', () => {
  const { inWorkers } = printsAsPlain('yield-in-try');
  assert.ok(inWorkers >= 9, `${inWorkers} tasks ran in workers`);
});

test('failing tasks in try blocks, submitted from array callbacks or depending on a failed task: the catch gets the first failure, as plain code threw it', () => {
  const tasks = printsAsPlain('try-callbacks');
  assert.ok(tasks.inWorkers >= 12, `${tasks.inWorkers} tasks ran in workers`);
});

test('fourth outside-style review: objects kept by constructors and Object(a), untyped arrays of Futures, null thrown, this of a literal method', () => {
  const tasks = printsAsPlain('review9');
  // sq 3, fail 3, count 1, inc of the copied array 1, merges 4 + 3, overloads 4, sums of an object escaping later 2;
  // the calls on objects a constructor or Object(a) keeps stay direct.
  assert.ok(tasks.inWorkers >= 3 + 3 + 1 + 1 + 7 + 4 + 2, `${tasks.inWorkers} tasks ran in workers`);
});

test('calls of async tasks are Promises: kept and awaited later, then/catch/finally, Promise.all/allSettled/race in the order of the calls', () => {
  const tasks = printsAsPlain('async-tasks');
  assert.ok(tasks.inWorkers >= 16, `${tasks.inWorkers} tasks ran in workers`);
});

test('records of followed objects (const holder = { a, second: b }) wait for what their fields hold, and the calls stay tasks', () => {
  const tasks = printsAsPlain('holders');
  // Before, `{ a }` let `a` out: every call on a and b ran in this thread.
  assert.ok(tasks.inWorkers >= 15, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(build('holders', true, 'commonjs'), 'main.js'), 'utf8');
  assert.match(emitted, /JSON\.stringify\(__taskify\.waitFields\(holder\)\)/);
});

test('an adversarial review of holders, split callbacks and the classifier: failures, getters, a Map iterated while tasks update it, parts handed on', () => {
  const tasks = printsAsPlain('review5');
  assert.ok(tasks.inWorkers >= 8, `${tasks.inWorkers} tasks ran in workers`);
});

test('an iteration of the library\'s arrays that runs no code at any step cannot run a function meanwhile: a function\'s calls writing arrays the file iterates so elsewhere run in parallel; one a step calls stays direct (np40\'s F4)', () => {
  const tasks = printsAsPlain('iterated-after-calls');
  assert.is(tasks.inWorkers, 6, `${tasks.inWorkers} tasks ran in workers (tick\'s twice, the timer\'s; grow\'s stay direct)`);
});

test('an iteration reads again, at every step, what a task in it writes: such calls stay direct, element writes do not', () => {
  const tasks = printsAsPlain('iterated-writes');
  // The six scale calls: the loops over rows yield the same elements whatever scale writes into them.
  assert.is(tasks.inWorkers, 6, `${tasks.inWorkers} tasks ran in workers`);
});

test('shapes from outside programs: sibling blocks, an element chosen by a condition, a task block filled then put in a slot, arrays made strings, containers swapped', () => {
  const tasks = printsAsPlain('review6');
  // 4 step + 6 createBlock + 3 multiply + 2 inc + 9 relax, each of which used to run in this thread or print stale values.
  // And the two upd calls, an inout level of objects (kept direct until the runtime settled such a level's objects).
  assert.is(tasks.inWorkers, 26, `${tasks.inWorkers} tasks ran in workers`);
});

test('arrays gathering Futures under several names: a tree reduction rebinding its level, elements kept under a name', () => {
  const tasks = printsAsPlain('gathered-names');
  // 5 countWords + 4 mergeCounts (each level's merges side by side) + 3 createBlock + 3 negate.
  assert.is(tasks.inWorkers, 15, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(build('gathered-names', true, 'commonjs'), 'main.js'), 'utf8');
  assert.not.match(emitted, /waitAll\(next\)/, 'pushing into the next level waits for nothing');
});

test('second outside-style review: iterations through callbacks, helpers and second names; export { x }; a default-exported task; typeof', () => {
  const tasks = printsAsPlain('review7');
  // bumpRet, createBlock, the default-exported doubleAll and scale, and data.ts's negate of an exported array (fenced at
  // the end of its module, before an importer can look); each other call writes what an iteration walks, or an object
  // another name sees within a statement, so it runs in this thread (and used to print stale values as a task).
  assert.is(tasks.inWorkers, 5, `${tasks.inWorkers} tasks ran in workers`);
});

test('third outside-style review: a task value written through another name, kept elements, views of them, iterating a choice', () => {
  const tasks = printsAsPlain('review8');
  // 1 + 2 + 2 + 2 createBlock, sum ×3, scale on pair[1], and addInto through a second name (fenced before the print
  // that reads it); scale of a viewed element stays direct, and so does bump (the loop walks what it writes).
  assert.is(tasks.inWorkers, 12, `${tasks.inWorkers} tasks ran in workers`);
});

test('cases found in review print as the plain build does (aliases, closures, views, early exits, futures)', () => {
  const plain = run(build('review', false, 'commonjs'));
  const statsFile = join(work, 'review-stats.json');
  assert.fixture(run(build('review', true, 'commonjs'), { TASKIFY_STATS: statsFile }), plain);
  assert.ok(JSON.parse(readFileSync(statsFile, 'utf8')).tasks.inWorkers >= 6, 'the safe calls still ran as tasks');
});

test('containers: array elements as inout, Futures gathered in nested slots, aliases read after later writes', () => {
  const plain = run(build('containers', false, 'commonjs'));
  const taskified = build('containers', true, 'commonjs');
  const statsFile = join(work, 'containers-stats.json');
  assert.fixture(run(taskified, { TASKIFY_STATS: statsFile }), plain);
  const { tasks } = JSON.parse(readFileSync(statsFile, 'utf8'));
  assert.ok(tasks.inWorkers >= 55, `${tasks.inWorkers} tasks ran in workers: the grid, alias and gathering cases must all be submitted`);
  assert.is(run(taskified, { TASKIFY_WORKERS: '0' }), plain, 'inline mode prints the same');
});

test('containers: the cases an adversarial review found (identity of Future slots, shared elements, try, any, destructuring)', () => {
  const plain = run(build('containers-review', false, 'commonjs'));
  const statsFile = join(work, 'containers-review-stats.json');
  assert.fixture(run(build('containers-review', true, 'commonjs'), { TASKIFY_STATS: statsFile }), plain);
  assert.ok(JSON.parse(readFileSync(statsFile, 'utf8')).tasks.inWorkers >= 30, 'the safe calls still ran as tasks');
});

test('containers: the calls that stay direct are exactly the unsafe ones, each with its reason', () => {
  const text = execFileSync(process.execPath, [join(root, 'dist', 'runtime', 'cli.js'), 'explain', join('test', 'programs', 'containers', 'main.ts')],
    { cwd: root, encoding: 'utf8' });
  const source = readFileSync(join(programs, 'containers', 'main.ts'), 'utf8').split('\n');
  const marked = source.flatMap((line, i) => (/\/\/ direct/.test(line) ? [i + 1] : []));
  const direct = (text.split('\n\n').find((part) => part.startsWith('calls that stay direct')) ?? '').split('\n').filter((line) => line.startsWith('  test/')).map((line) => line.trim());
  const at = (pattern: RegExp) => source.findIndex((line) => pattern.test(line)) + 1;
  assert.equal(direct.map((line) => Number(line.split(' ')[0].split(':')[1])).sort((a, b) => a - b), marked, 'the lines marked `// direct`');
  // An element of a container that escaped, and a parameter's element: submitted, with a fence before `show` (it reads them).
  const fenced = source.flatMap((line, i) => (/\/\/ fenced/.test(line) ? [i + 1] : []));
  const explained = JSON.parse(execFileSync(process.execPath, [join(root, 'dist', 'runtime', 'cli.js'), 'explain', '--json',
    join('test', 'programs', 'containers', 'main.ts'), join('test', 'programs', 'containers', 'kernels.ts')], { cwd: root, encoding: 'utf8' })) as
    { calls: { line: number; submitted: boolean; file: string }[]; waits: { line: number; kind: string; file: string }[] };
  assert.equal(explained.calls.filter((c) => c.file.endsWith('main.ts') && fenced.includes(c.line)).map((c) => c.submitted), [true, true, true, true]);
  const fences = explained.waits.filter((w) => w.kind === 'fence' && w.file.endsWith('main.ts')).map((w) => w.line);
  // Before `show(…escapes[0])`; before the `show` after `external[0]` (a new array and a submission on it in between
  // look at nothing); before the setTimeout whose closure reads `held`, and in that closure before its `show`; and,
  // stayDirect's fence carried out to its caller (carried-fences.ts), before the statement after its call, which looks.
  assert.equal(fences, [fenced[0] + 1, fenced[1] + 3, fenced[2] + 1, fenced[3], at(/^show\('returned'/)], 'a fence before the first code that may look');
  // A level holding objects, passed whole to a task that writes them: the runtime settles their own tasks first.
  assert.ok(explained.calls.find((c) => c.file.endsWith('main.ts') && c.line === at(/fillRow\(level/))!.submitted, 'fillRow(level[0]) is a task');
});

test('taskify run compiles with the plugin and runs, without a build step', () => {
  const plain = run(build('cjs-sync', false, 'commonjs'));
  const output = execFileSync(process.execPath, [join(root, 'dist', 'runtime', 'cli.js'), 'run', join(programs, 'cjs-sync', 'main.ts')],
    { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  assert.fixture(output, plain);
});

/**
 * Builds the fixture program both ways and runs both, and the plugin's build inline too: every output must be the
 * plain build's. Returns what TASKIFY_STATS counted of the plugin build's tasks.
 */
/** What `taskify explain --json` says of each call of the program test/programs/<name> (main.ts and `other`). */
function explainedCalls(name: string, other: string): { task: string; submitted: boolean; reason: string; line: number }[] {
  const dir = join('test', 'programs', name);
  return (JSON.parse(execFileSync(process.execPath, [join(root, 'dist', 'runtime', 'cli.js'), 'explain', '--json', join(dir, 'main.ts'), join(dir, other)],
    { cwd: root, encoding: 'utf8' })) as { calls: { task: string; submitted: boolean; reason: string; line: number }[] }).calls;
}

/** The most tasks the program's trace shows running at once, on two workers. */
function mostRunningAtOnce(name: string): number {
  const trace = join(work, `${name}-trace.json`);
  run(build(name, true, 'commonjs'), { TASKIFY_TRACE: trace, TASKIFY_WORKERS: '2' });
  const events = JSON.parse(readFileSync(trace, 'utf8')).traceEvents as { ph: string; name: string; args: { tasks?: number } }[];
  return Math.max(...events.filter((e) => e.ph === 'C' && e.name === 'running').map((e) => e.args.tasks ?? 0));
}


test('identity: overlapping views, strips of one buffer, an array next to its element, aliases, cycles, classes, errors, holes', () => {
  const tasks = printsAsPlain('identity');
  assert.ok(tasks.inWorkers >= 20, `${tasks.inWorkers} tasks ran in workers: the fresh locals and the chunk loops must all be submitted`);
});

test('second names: views taken before or after a submission, `const view = a`, a loop over [A, B, C], a copy, ping-pong buffers and swaps, parts taken by property, shorthand properties, caught errors', () => {
  const tasks = printsAsPlain('aliases');
  // ranges, weighted, fail, both add(out, a, b) whose result is dropped; the views (two, four, twelve), the second
  // name (nine), the literal loop (ten), the copy (eleven), the bands (thirteen), the rebound names (fourteen) and
  // the parts taken by property (fifteen), the choices between names (sixteen) and a length taken (seventeen):
  // 5 + 2 + 1 + 3 + 2 + 3 + 2 + 10 + 12 + 2 + 4 + 1.
  assert.ok(tasks.inWorkers >= 47, `${tasks.inWorkers} in workers`);
});

test('containers made by .map, Array.from, fill, Float64Array.from/of, with elements inout and `!` on elements', () => {
  const tasks = printsAsPlain('made');
  assert.is(tasks.inWorkers, 4 + 4 + 4 + 3 + 3 + 3 + 1, 'every task call ran in a worker');
});

test('task results as ordinary values: a reassigned merge level, destructured elements, a second name, an array given to a task, Array.from with a submitting callback', () => {
  const tasks = printsAsPlain('futures');
  assert.ok(tasks.inWorkers >= 4 + 3 + 6 + 2 + 3 + 4 + 3, `${tasks.inWorkers} tasks ran in workers`);
});

test('reductions written acc = merge(acc, part): the merges are tasks, the parts before them run in parallel', () => {
  const tasks = printsAsPlain('reduce');
  assert.is(tasks.inWorkers, 5 + 5 + 6 + 6, 'every count, merge, fragment and accumulate ran in a worker');
});

test('results of a task that returns its argument: the same Future, the caller\'s own object, a tree of merges', () => {
  const tasks = printsAsPlain('tree');
  assert.ok(tasks.inWorkers >= 9 + 2, `${tasks.inWorkers} tasks ran in workers`);
});

test('task results updated from their own value (+=, ++, ??=, destructuring) and task-returned arrays extended', () => {
  const tasks = printsAsPlain('updates');
  assert.is(tasks.inWorkers, 3 + 5 + 2 + 3, 'every call ran in a worker');
});

test('length writes between tasks, an argument linked into another, classes through interfaces, returned buffers', () => {
  const tasks = printsAsPlain('review4');
  // link keeps its item in the holder: afterwards the caller's two objects share it, which the plan cannot follow yet,
  // so link stays direct (hidden-writes shows the stale read a submitted one would give), and so does bumpAll(holder):
  // it writes `it` through the holder, and `it` is not followed (a read of `it[0]` first would be stale).
  assert.ok(tasks.inWorkers >= 3 + 1 + 2, `${tasks.inWorkers} tasks ran in workers: the sums, area of the literal, ramp and ints`);
});

test('a split callback whose element 0 throws while a later element loops forever, on threads taking two tasks each', () => {
  const plain = run(build('thread-order', false, 'commonjs'));
  const taskified = build('thread-order', true, 'commonjs');
  // Before the fix element 0's failure reply stayed on its thread behind the endless task: the program hung.
  const output = execFileSync(process.execPath, [join(taskified, 'main.js')], {
    encoding: 'utf8', timeout: 60_000, env: { ...process.env, FORCE_COLOR: '0', TASKIFY_WORKERS: '2', TASKIFY_TASKS_PER_WORKER: '2' },
  });
  assert.fixture(output, plain);
});


test('frozen, sealed and non-extensible objects: a task writing one fails as the plain call did, and what a task froze comes back frozen', () => {
  const tasks = printsAsPlain('locked');
  // deposit 4 (one fails on the frozen account), opened 2, closeBooks 1.
  assert.ok(tasks.inWorkers >= 7, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 1, 'the deposit into the frozen account failed in its worker');
});

test('functions a try calls that run tasks: what follows a failing call and changes what the caller sees does not happen; their own work stays parallel', () => {
  const tasks = printsAsPlain('runner-checks');
  assert.ok(tasks.inWorkers >= 16, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  const mainBody = /function main\(\) \{[\s\S]*?\n\}/.exec(emitted)![0];
  assert.not.match(mainBody, /checkpoint|mark\(\)/, 'main changes only its own variables: nothing waits inside it');
  assert.is(emitted.match(/const __taskify_runner\d+ = __taskify\.mark\(\)/g)?.length, 4, 'run, refill, runAll and outer are checked');
});

test('a failing call in an async function or a promise callback rejects its promise, as the plain throw did: main().catch, then(…, onRejected), a Promise executor', () => {
  const tasks = printsAsPlain('promise-failures');
  assert.ok(tasks.inWorkers >= 14, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 5);
});

test('task output inside the program\'s console.group is indented as the plain call\'s lines were; its own stream writes are not; a group it leaves open or ends is the program\'s', () => {
  const tasks = printsAsPlain('grouped-output');
  assert.ok(tasks.inWorkers >= 12, `${tasks.inWorkers} tasks ran in workers`);
});

test('module objects a task reaches through other module values (a holder, a Map, a closure, a bound function) carry the program\'s changes in, and the task\'s changes home (tester np31\'s modalias, modclosure, modhidden)', () => {
  const tasks = printsAsPlain('module-holders');
  assert.is(tasks.inWorkers, 15, `${tasks.inWorkers} tasks ran in workers`);
});

test('symbol keys do not travel: a task returning a symbol-keyed field, or changing a parameter typed with one, runs in place (tester np31\'s symkeys)', () => {
  const tasks = printsAsPlain('symbol-keys');
  assert.is(tasks.inWorkers, 2, 'total and swap (a method under Symbol.iterator) still run in workers');
});

test('an object\'s last use, where it becomes part of another, waits there and keeps the calls before it tasks (tester np31\'s propsorder)', () => {
  const tasks = printsAsPlain('last-use');
  assert.is(tasks.inWorkers, 7, `${tasks.inWorkers} tasks ran in workers`);
});

test('a task returning its argument that throws leaves nothing to use: the value comes after the call (tester np32\'s orders)', () => {
  const tasks = printsAsPlain('returned-failures');
  assert.is(tasks.inWorkers, 17, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 4);
});

test('module objects the program changes by routes their name does not show (Map and Set values, an element a function hands out, a never reassigned let, another name a task counts in) reach the tasks and come home (tester np32)', () => {
  const tasks = printsAsPlain('module-state-routes');
  assert.is(tasks.inWorkers, 11, `${tasks.inWorkers} tasks ran in workers`);
});

test('tasks of the entry module run in place on the main thread, as Node loaded that module (np30\'s deeplist)', () => {
  const tasks = printsAsPlain('entry-in-place');
  assert.is(tasks.inWorkers, 2, `${tasks.inWorkers} tasks ran in workers`);
});

test('arguments that cannot travel although their types do not show it (a private class behind an interface): the call runs in place, as plain', () => {
  const tasks = printsAsPlain('direct-calls') as { inWorkers: number; inline?: number };
  assert.ok(tasks.inWorkers >= 4, `${tasks.inWorkers} tasks ran in workers (the norm of the in-place call's result too)`);
  assert.is(tasks.inline, 2, 'shift and centroid of the private class\'s points ran in place');
});

test('record accumulators read with Object.keys/values/entries and `in` between task calls: the calls stay tasks', () => {
  const tasks = printsAsPlain('record-reads');
  // Before, Object.keys(first) let `first` out of sight: the four calls on the records ran in this thread.
  assert.ok(tasks.inWorkers >= 6, `${tasks.inWorkers} tasks ran in workers`);
});

test('functions that only hand on a task\'s result (forwarders) run their calls as tasks; callers changing what a waiting function was given between calls are seen', () => {
  const tasks = printsAsPlain('forwarders');
  // Before, every forwarder waited at its return (16 calls in workers, and sections 3 and 6 printed stale values).
  assert.ok(tasks.inWorkers >= 40, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /function sumOf\(a\) \{ return __taskify\.submit\(/, 'sumOf returns the Future');
  // (Passed as a value, its calls are not all planned: it claims the ones that are, and waits in the others.)
  assert.match(emitted, /function passed\(a\) \{ const __taskify_claimed = __taskify\.claimForward\(passed, \[a\]\); return __taskify\.handOn\(__taskify_claimed, __taskify\.submit\(/,
    'a function passed as a value claims its planned calls');
  assert.match(emitted, /'5 mapped', \.\.\.__taskify\.waitAll\(__taskify\.waitAll\(arrays\)\.map\(__taskify\.asForwarded\(passed, "passed", 1\)\)\)/,
    'handed to map, each call is planned (tester #26\'s r26b)');
  assert.match(emitted, /function stripTotal\(s\) \{ return __taskify\.submit\(/, 'a forwarder given an unexported class\'s instance returns the Future');
});

test('methods that only hand on a task\'s result run their planned calls as tasks (also another module\'s); overrides, super and look-alikes get values', () => {
  const tasks = printsAsPlain('method-forwarders');
  assert.ok(tasks.inWorkers >= 30, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  // Before, each method waited at its return: the map ran its four tasks one after another.
  assert.match(emitted, /const totals = parts\.map\(\(p\) => __taskify\.forwardCall\(p, "total", \[\], "p\.total"\)\);/, 'the map gathers Futures');
  assert.match(emitted, /total\(\) \{ const __taskify_claimed = __taskify\.claimForward\(Part\.prototype\.total, \[\]\);/, 'the method claims planned calls');
  assert.match(emitted, /total\(\) \{ return 2 \* super\.total\(\); \}/, 'super calls stay plain calls');
  assert.match(emitted, /__taskify\.eachThen\(ledgers, "map", l => __taskify\.forwardAhead\(l, "balance", \[\], "l\.balance"\)/, 'another module\'s method is planned');
  const model = readFileSync(join(tasks.dir, 'model.js'), 'utf8');
  assert.match(model, /balance\(\) \{ const __taskify_claimed = __taskify\.claimForward\(Ledger\.prototype\.balance, \[\]\);/);
  assert.match(model, /static \{ __taskify\.mayRunAhead\(this\.prototype\.balance\); \}/, 'its own module marks it to run ahead');
});

test('methods that only hand on a task\'s result run ahead in split loops and callbacks; an override, a look-alike or a getter waits for its turn', () => {
  const tasks = printsAsPlain('ahead-methods');
  assert.ok(tasks.inWorkers >= 24, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  // Before, `sums.set(p.name, p.sum())` waited for each part's sum before the next part's was submitted.
  assert.match(emitted, /results_\d+\.push\(__taskify\.forwardAhead\(p, "sum", \[\], "p\.sum"\)\)/, 'the loop submits every part first');
  assert.match(emitted, /__taskify\.eachThen\(mixed, "map", p => __taskify\.forwardAhead\(p, "sum", \[\], "p\.sum"\)/, 'so does the map');
  assert.match(emitted, /c \+= __taskify\.waitOn\(__taskify\.forwardCall\(x, "sum", \[\], "x\.sum"\)\)/, 'a method reading a getter runs at its turn');
  assert.match(readFileSync(join(tasks.dir, 'shapes.js'), 'utf8'), /static \{ __taskify\.mayRunAhead\(this\.prototype\.sum, this\.prototype\.times\); \}/);
});

test('a method handing out a tile looks at nothing fenced tasks write: no fence before each call; one reading a tile, or an override that does, fences', () => {
  const tasks = printsAsPlain('fenced-methods');
  assert.ok(tasks.inWorkers >= 12, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  // Before, `M.tile(i)` (a call of program code the fence search did not enter) fenced every call: one at a time.
  assert.match(emitted, /for \(let i = 0; i < 4; i\+\+\)\s+__taskify\.submitFenced\(__taskify_bump_\d+, \[M\.tile\(i\), i \+ 1\]/);
  assert.match(emitted, /__taskify\.fence\(\);\s+console\.log\('first', i, M\.first\(i\)\)/, 'a method reading a tile waits');
  assert.match(emitted, /\{\s+__taskify\.fence\(\);\s+__taskify\.submitFenced\(__taskify_bump_\d+, \[L\.tile\(i\), 100\]/, 'an override that reads a tile waits');
  assert.match(emitted, /for \(let k = 0; k < 4; k\+\+\)\s+__taskify\.submitFenced\(__taskify_bump_\d+, \[P\.band\(k\), k \+ 1\]/, 'a method making a view waits for nothing');
});

test('a file whose only task call is a helper\'s still splits that helper\'s calls in halves', () => {
  const tasks = printsAsPlain('helper-halves-alone');
  assert.ok(tasks.inWorkers >= 3, `${tasks.inWorkers} tasks ran in workers`);
  assert.match(readFileSync(join(tasks.dir, 'main.js'), 'utf8'), /__taskify\.halfAhead\(analyse, \[`g\$\{i\}`, xs\]\)/);
});

test('helpers exported from another file (a declaration, an `export const` arrow) split the loops and callbacks that call them', () => {
  const tasks = printsAsPlain('helper-halves-imported');
  assert.ok(tasks.inWorkers >= 12, `${tasks.inWorkers} tasks ran in workers`);
  const main = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(main, /__taskify\.halfAhead\(stats_1\.describe, /, 'a file calling no task itself is rewritten for the helpers it calls');
  assert.match(main, /__taskify\.halfAhead\(stats_1\.summary, /, 'an `export const` helper has halves');
  assert.match(readFileSync(join(tasks.dir, 'stats.js'), 'utf8'), /__taskify\.halfAhead\(exports\.summary, /);
});

test('methods of an object literal held by a const run as a class\'s do: forwarders claim their calls, helpers in halves', () => {
  const tasks = printsAsPlain('literal-methods');
  assert.ok(tasks.inWorkers >= 19, `${tasks.inWorkers} tasks ran in workers`);
  const main = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(main, /run\(x\) \{ const __taskify_claimed = __taskify\.claimForward\(api\.run, \[x\]\);/);
  assert.match(main, /__taskify\.mayRunAhead\(api\.run\)/);
  assert.match(main, /__taskify\.inHalves\(api\.both, function \(x\)/);
  assert.match(main, /__taskify\.halfAheadMethod\(api, "both", \[x\], "api\.both"\)/);
  assert.match(main, /claimForward\(made\.run, /, 'a literal in a factory names its method through the closure');
  assert.not.match(main, /mayRunAhead\(noisy\.run\)/, 'a method reading a getter runs at its turn');
  assert.not.match(main, /claimForward\(spread\.run/, 'a literal with a spread is left as written');
});

test('an array gathering Futures may be spread (Math.max(...deltas)): each value waited for there, the pushes side by side', () => {
  const tasks = printsAsPlain('spread-gathered');
  assert.ok(tasks.inWorkers >= 12, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /deltas\.push\(__taskify\.submit\(/, 'the pushes gather Futures (before, each waited at its call)');
  assert.match(emitted, /Math\.max\(\.\.\.__taskify\.waitAll\(deltas\)\)/);
});

test('objects spread into a rest parameter a task only reads are copied at the call (a Set, a slice, task results too); a task writing its rest parameter stays a direct call (np63\'s K5)', () => {
  const tasks = printsAsPlain('spread-into-rest');
  assert.is(tasks.inWorkers, 10, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /const first = __taskify\.submit\(__taskify_maxOf_\d+, \[\.\.\.__taskify\.freshEach\(parts\)\]/, 'each element copied at the call');
  assert.match(emitted, /\(0, kernels_1\.bumpAll\)\(1, \.\.\.parts\);/, 'a writer of its rest parameter runs here');
});

test('task results wrapped in a record class (`return new Box(work(b.xs))`, `out.push(new Box(work(x)))`) run side by side: the construction only stores its arguments (np70\'s min-wrap-new ran one at a time); a constructor that prints or a field that counts keeps its calls in place', () => {
  const tasks = printsAsPlain('record-results');
  assert.is(tasks.inWorkers, 12, `${tasks.inWorkers} tasks ran in workers`);
  assert.ok(tasks.mostPending >= 3, `at most ${tasks.mostPending} pending at once`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /__taskify\.inHalves\(boxed, /);
  assert.not.match(emitted, /inHalves\((logged|counted), /, 'a constructor that prints, a field that counts: no halves');
});

test('loops whose task calls sit in `if` branches split: the first pass tests each condition and submits the calls the second will make (np70\'s min-branch-in-loop ran one at a time); a first pass whose reads throw stops there, and the second meets the throw at its turn after the earlier passes printed (split callbacks too)', () => {
  const tasks = printsAsPlain('branching-loops');
  // (The failing loop's call after the failure may run or be cancelled first.)
  assert.ok(tasks.inWorkers >= 28 && tasks.inWorkers <= 30, `${tasks.inWorkers} tasks ran in workers`);
  assert.ok(tasks.mostPending >= 3, `at most ${tasks.mostPending} pending at once`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /results_\d+\.push\(\(n % 2\) \? __taskify\.submit\(__taskify_work_\d+, \[n\][^)]*\) : void 0\);\s*results_\d+\.push\(!\(n % 2\) \? __taskify\.submit\(/);
  assert.match(emitted, /console\.log\('paid', __taskify\.waitOn\(__taskify\.submit\(/, 'a condition the body changes: one at a time');
  assert.match(emitted, /base_\d+ \+ 0 < results_\d+\.length \? __taskify\.take\(results_\d+, base_\d+ \+ 0\) : __taskify\.submit\(/, 'a pass the first never reached makes its call at its turn');
});

test('divide and conquer written as recursion (`const left = mergeSort(xs.slice(0, mid)); … return merge(left, right)`) returns Futures: every leaf and merge is submitted before any is waited for (np70\'s min-recursive-tree ran one leaf at a time); a failing leaf is caught with the first failure in the plain order; a combination computed in this thread (`a + b`) stays as written', () => {
  const tasks = printsAsPlain('recursive-forwarders');
  assert.is(tasks.submitted, 59, `${tasks.submitted} tasks submitted`);
  assert.ok(tasks.mostPending >= 6, `at most ${tasks.mostPending} pending at once`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /const left = mergeSort\(__taskify\.freshArgument\(xs\.slice\(0, mid\)\), cutoff\);[\s\S]*?return __taskify\.submit\(__taskify_merge_\d+, \[left, right\]/);
  assert.match(emitted, /return __taskify\.submit\(__taskify_add_\d+, \[treeSum\(lo, mid\), treeSum\(mid, hi\)\]/);
  assert.match(emitted, /return __taskify\.waitOn\(__taskify\.submit\(__taskify_leafSum_\d+, \[lo, hi\][^;]*;\s*const mid = \(lo \+ hi\) >> 1;\s*return plainTree/, 'plainTree waits for each leaf');
});

test('a split loop\'s body may call the program\'s code that only reads: a method returning an expression of its fields that no subclass overrides, a `const` arrow (np70\'s min-method-template ran one call at a time); not a method that writes, nor one overridden by a writing subclass', () => {
  const tasks = printsAsPlain('reading-methods');
  assert.is(tasks.inWorkers, 15, `${tasks.inWorkers} tasks ran in workers`);
  assert.ok(tasks.mostPending >= 3, `at most ${tasks.mostPending} pending at once`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /lines\.push\(`\$\{s\.name\('s'\)\} last=\$\{s\.last\(\)\} score=\$\{__taskify\.waitOn\(__taskify\.reached\(base_\d+ \+ 0 < results_\d+\.length \? __taskify\.take\(/);
  assert.match(emitted, /sum \+= half\(s\.last\(\)\) \+ __taskify\.waitOn\(__taskify\.reached\(/);
  assert.match(emitted, /console\.log\('mark', c\.mark\(\), __taskify\.waitOn\(__taskify\.submit\(/, 'a writing method: one at a time');
  assert.match(emitted, /console\.log\('peek', b\.peek\(\), __taskify\.waitOn\(__taskify\.submit\(/, 'overridden by a writing subclass: one at a time');
});

test('forwarders calling forwarders hand the Future on (np70\'s min-forwarder-chain ran one call at a time): an arrow calling a method forwarder, three layers of functions; one reading its parameter itself gets values from the layers above; an inner one also used as a value claims its calls', () => {
  const tasks = printsAsPlain('forwarder-chains');
  assert.is(tasks.inWorkers, 16, `${tasks.inWorkers} tasks ran in workers`);
  assert.ok(tasks.mostPending >= 3, `at most ${tasks.mostPending} pending at once`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /const scoreOf = [^\n]*\(b\) => __taskify\.forwardCall\(b, "score", \[\]/);
  assert.match(emitted, /function serviceLoad\(xs\) \{ return repoLoad\(xs\); \}/);
  assert.match(emitted, /function summarize\(xs\) \{ return tailHalf\(__taskify\.waitOn\(xs\)\); \}/, 'tailHalf reads xs: summarize hands it a value');
});

test('a `continue` before a split loop\'s call is tested in the first pass: the calls the plain loop skips are not submitted; inline (TASKIFY_WORKERS=0) a call submitted ahead is made only where the program reaches it (np71\'s min-ahead-costly ran the skipped fib(50) inline, for ever)', () => {
  const tasks = printsAsPlain('guarded-ahead');
  assert.is(tasks.submitted, 6, `${tasks.submitted} tasks submitted: the plain program makes 6 calls`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /results_\d+\.push\(!\(n > 30\) \? __taskify\.submit\(__taskify_work_\d+, \[n\]/);
  // (The rows' loop gathers into `row`, pushed whole into `table`: only the calls a pass reaches are made.)
  assert.match(emitted, /continue; \/\/ too big: skipped\s*row\.push\(__taskify\.submit\(/);
  // Inline, with the first pass's guards taken out: every call the pass submitted ahead is made only at its turn.
  const unguarded = emitted.replace(/!\(n > 30\) \? (__taskify\.submit\([^;]*\)) : void 0\)/g, '$1)');
  assert.is.not(unguarded, emitted);
  const variant = join(tasks.dir, 'unguarded.js');
  writeFileSync(variant, unguarded);
  const statsFile = join(tasks.dir, 'unguarded-stats.json');
  execFileSync(process.execPath, [variant], { encoding: 'utf8', env: { ...process.env, TASKIFY_WORKERS: '0', TASKIFY_STATS: statsFile } });
  assert.is(JSON.parse(readFileSync(statsFile, 'utf8')).tasks.inline, 6, 'inline, only the calls the program reaches are made');
});

test('loops counted by hand split: `while (k < n) { …; k++ }` and `do { … } while (k < n)` submit every pass first, the first pass stepping the counter and putting it back (np70\'s min-dowhile ran one call at a time); a break, a parameter as counter and a caught failure as in the plain loop; not when the body changes the counter elsewhere or the condition reads what it changes', () => {
  const tasks = printsAsPlain('counted-loops');
  // (The calls after a break or a failure may run or be cancelled first.)
  assert.ok(tasks.inWorkers >= 44 && tasks.inWorkers <= 48, `${tasks.inWorkers} tasks ran in workers`);
  assert.ok(tasks.mostPending >= 3, `at most ${tasks.mostPending} pending at once`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /const k_\d+ = k;[\s\S]*?do \{\s*results_\d+\.push\(__taskify\.submit\([^;]*;\s*k\+\+;\s*\} while \(k < 4\);\s*\}\s*catch \{\s*\}\s*finally \{\s*k = k_\d+;/, 'the first pass steps k and puts it back');
  assert.match(emitted, /acc \+= __taskify\.waitOn\(__taskify\.submit\(/, 'a counter changed elsewhere in the body: one at a time');
  assert.match(emitted, /budget -= __taskify\.waitOn\(__taskify\.submit\(/, 'a condition reading what the body changes: one at a time');
  // (rv75: a loop only a break ends, a step by a task's value, a counter a getter steps, a module counter in a function.)
  assert.is(emitted.match(/const results_\d+ = \[\];/g)?.length, 5, 'k, m, j, sumFrom\'s and q\'s loops are split; none of the loops after them');
});

test('a task\'s result walked by an inner `for…of` in each pass (`for (const p of top(list)) leaders.add(p)`) splits the loop, labelled jumps and a failure included (np70\'s min-forof-result ran one call at a time); not when the inner body changes what a later call reads', () => {
  const tasks = printsAsPlain('walked-results');
  // (The calls after the failing one and after `break outer`, made ahead, may run or be cancelled first: 15 calls in all.)
  assert.ok(tasks.inWorkers >= 13 && tasks.inWorkers <= 15, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.submitted, 15, 'every pass\'s call submitted ahead');
  assert.ok(tasks.mostPending >= 3, `at most ${tasks.mostPending} pending at once`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /for \(const p of __taskify\.waitOn\(__taskify\.reached\(base_\d+ \+ 0 < results_\d+\.length \? __taskify\.take\(results_\d+, base_\d+ \+ 0\) : [^\n]*\n\s*leaders\.add\(p\)/);
  assert.match(emitted, /for \(const p of __taskify\.waitOn\(__taskify\.submit\(__taskify_top_\d+, \[\[/, 'k changes: one at a time');
});

test('task results pushed into groups made on first use (`(groups[k] ??= []).push(work(n))`) split their loop: every call submitted first (np70\'s min-group-push ran one at a time); not when a call reads the groups', () => {
  const tasks = printsAsPlain('grouped-pushes');
  assert.is(tasks.inWorkers, 21, `${tasks.inWorkers} tasks ran in workers`);
  assert.ok(tasks.mostPending >= 3, `at most ${tasks.mostPending} pending at once`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /\(groups\[n % 3 === 0 \? 'three' : n % 2 \? 'odd' : 'even'\] \?\?= \[\]\)\.push\(__taskify\.waitOn\(__taskify\.reached\(base_\d+ \+ 0 < results_\d+\.length \? __taskify\.take\(/);
  assert.match(emitted, /\(counted\[n % 2 \? 'odd' : 'even'\] \|\|= \[\]\)\.push\(__taskify\.waitOn\(__taskify\.submit\(/, 'a call reading the groups waits');
});

test('helpers pushing task results into an array they are given (`addOne(out, n) { out.push(work(n)) }`) are split in halves in loops and callbacks: each push at its turn (np70\'s min-push-one ran one call at a time); one whose call reads that array is not', () => {
  const tasks = printsAsPlain('push-helpers');
  assert.is(tasks.inWorkers, 30, `${tasks.inWorkers} tasks ran in workers`);
  assert.ok(tasks.mostPending >= 3, `at most ${tasks.mostPending} pending at once`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /results_\d+\.push\(__taskify\.halfAhead\(addOne, \[results, n\]\)\)/);
  assert.match(emitted, /__taskify\.inHalves\(addTwice, /, 'two arrays, and a value returned');
  assert.not.match(emitted, /inHalves\(addSized/, 'a call reading the array it pushes into has no halves');
  assert.match(emitted, /addOne\(grown, n\);/, 'a loop whose condition reads the array: its calls at their turn (rv73\'s r-push-header hung)');
  assert.match(emitted, /addFrom\(self, self, n\);/, 'an argument aliasing the array: at their turn');
});

test('helpers building a value around task results are split in halves in loops and callbacks: every pass submits first, values built at their turn', () => {
  const tasks = printsAsPlain('helper-halves');
  assert.ok(tasks.inWorkers >= 45, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  // Before, `groups.map((xs, i) => analyse(…))` waited inside each call of the helper: one task at a time.
  assert.match(emitted, /__taskify\.eachThen\(groups, "map", \(xs, i\) => __taskify\.halfAhead\(analyse, \[`g\$\{i\}`, xs\]\), \(result_\d+, xs, i\) => __taskify\.reached\(result_\d+\)\)/);
  assert.match(emitted, /results_\d+\.push\(__taskify\.halfAhead\(describe, \['d' \+ xs\.length, xs\]\)\)/, 'a loop pass calling a helper that prints is split');
  assert.match(emitted, /__taskify\.inHalves\(analyse, \(name, xs\) => \{\s*return __taskify\.submit\(/, 'the helper registers its halves where it is declared');
  assert.match(emitted, /console\.log\(totals, analyse\('once', \[5\]\)\)/, 'any other call is the plain call');
  assert.match(emitted, /console\.log\('remembered', remember\('r' \+ xs\.length, xs\)\.total, seen\.length\)/, 'a helper that changes state has no halves');
  // Methods storing results into their objects, declared in another module: their class registers the halves.
  assert.match(emitted, /results_\d+\.push\(__taskify\.halfAheadMethod\(p, "compute", \[\], "p\.compute"\)\)/);
  assert.match(emitted, /\n\s*p\.bump\(p\.total\);/, 'an argument reading the field stored: at its turn');
  assert.match(emitted, /\n\s*l\.compute\(\);/, 'a setter where the result is stored: at its turn');
  const model = readFileSync(join(tasks.dir, 'model.js'), 'utf8');
  assert.match(model, /static \{\s*__taskify\.inHalves\(this\.prototype\.compute, function \(\) \{/);
  assert.match(model, /__taskify\.inHalves\(this\.tally, function \(xs\) \{/, 'a static method\'s halves');
});

test('helpers of another module that only return a task\'s result run their planned calls as tasks; passed as values they get values', () => {
  const tasks = printsAsPlain('helper-forwarders');
  assert.is(tasks.inWorkers, 22);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  // Before, each helper waited at its return: main's maps ran their tasks one after another.
  assert.match(emitted, /const means = all\.map\(\(s\) => __taskify\.forwardFunction\(helpers_1\.meanOf, /);
  assert.match(emitted, /\[helpers_1\.meanOf, helpers_1\.firstHalfMean\]\.map\(\(f\) => f\(all\[0\]\)/, 'passed as values: plain calls');
  assert.match(readFileSync(join(tasks.dir, 'helpers.js'), 'utf8'), /function meanOf\(s\) \{ const __taskify_claimed = __taskify\.claimForward\(meanOf, \[s\]\);/);
});

test('arrays of primitives spread into a rest parameter are passed by value: the calls are tasks', () => {
  const tasks = printsAsPlain('spread-rest');
  assert.is(tasks.inWorkers, 19, 'every call ran in a worker');
});

test('a task handed whole to an array\'s map runs for every element as a task', () => {
  const tasks = printsAsPlain('mapped-tasks');
  // 4 + 3 + 3 + 2 + 4 (two fail) + 2 + 2 + 2 + 4; the two direct scale calls and the loop's make 29; through
  // `import K = require(…)`, 4 mapped and 3 called; and as many through a re-exported namespace (`import { R }`).
  assert.ok(tasks.inWorkers >= 40, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /__taskify\.waitAll\(texts\.map\(__taskify\.asTask\(/);
  assert.match(emitted, /new Float32Array\(\[1, 4, 9\]\)\.map\(Math\.sqrt\)/, 'a typed array\'s map is left alone');
  assert.match(emitted, /__taskify\.waitAll\(texts\.map\(__taskify\.asTask\([^)]*\)\)\)\.join/, 'a member of a module object is mapped too');
});

test('module state read through helpers, defaults and namespaces, and process.env, as the program left them at each call', () => {
  const tasks = printsAsPlain('module-reach');
  assert.is(tasks.inWorkers, 12, 'every call ran in a worker');
});

test('a record parameter only read beside followed parameters that tasks only read: its function\'s calls are tasks', () => {
  const tasks = printsAsPlain('read-parameters');
  // reads() twice, 6 calls each; every other function writes through the record, itself, by a helper or by a task.
  assert.is(tasks.inWorkers, 12, 'the calls of reads() ran in workers');
});

test('levels holding objects written whole by tasks, beside tasks on their elements, in every order', () => {
  const tasks = printsAsPlain('object-levels');
  // The loops over `groups` stay direct (the program takes elements out of it by name), and a task putting another
  // object in a container level's slot; the rest are tasks.
  assert.ok(tasks.inWorkers >= 19, `${tasks.inWorkers} tasks ran in workers`);
  const calls = explainedCalls('object-levels', 'kernels.ts');
  const replaced = calls.filter((c) => c.task === 'replaceFirst' && !c.submitted);
  assert.ok(replaced.some((c) => c.reason.includes('`rows[1]` is a level of a container, and task replaceFirst may change which objects it holds')));
});

test('grids of `number[][]` blocks: a block handed whole to a task is a datum of its own, so blocks run side by side and one block\'s calls in order, the main thread\'s writes, pushes and a row task between them included; blocks made by tasks pushed into a grid\'s rows are gathered (np71\'s min-grid-nested-blocks and matmul-grid waited for the whole grid at each call, and made blocks one at a time)', () => {
  const tasks = printsAsPlain('block-grids');
  // 27 products, 5 accumulations, a row scaled, three sums; the reordering stays direct (the program picks a row after
  // it); 9 blocks made by tasks and 27 products of them; a row a helper pushes and a sum; a reordering of a level of
  // blocks and two sums picked after it; another reordering and a sum of a block named after it.
  assert.is(tasks.inWorkers, 79, `${tasks.inWorkers} tasks ran in workers`);
  assert.ok(tasks.mostPending >= 4, `at most ${tasks.mostPending} pending at once`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /__taskify\.submit\(__taskify_multiplyAdd_\d+, \[__taskify\.futuresWithin\(C\[i\]\[j\]\), __taskify\.futuresWithin\(A\[i\]\[k\]\), __taskify\.futuresWithin\(Bm\[k\]\[j\]\)\]/,
    'the blocks go as they are, only Futures in them waited for');
  assert.match(emitted, /G\[i\]\.push\(__taskify\.submit\(__taskify_makeBlock_\d+, [^;]*\);/, 'blocks made by tasks are pushed as Futures, not waited for');
  assert.match(emitted, /submit\(__taskify_blockSum_\d+, \[__taskify\.waitWithin\(L\)\[0\]\[0\]\]/, 'a block picked from a level a task reorders waits for the container whole');
  assert.match(emitted, /const picked = __taskify\.waitWithin\(L\)\[1\]\[0\];/, 'so does a name taken for one (rv76\'s r-restructure-alias)');
});

test('tree reductions whose result is named after the loop (`const total = level[0]`, `const [all] = level`) run each level\'s merges side by side; the name waits for itself, and a task given it after the program changed it reads the change (np72\'s min-merge-tree and min-ternary-push ran the merges one at a time)', () => {
  const tasks = printsAsPlain('reduction-names');
  // 7 counts, 6 merges, a doubling; 9 leaves, 8 combines.
  assert.is(tasks.inWorkers, 31, `${tasks.inWorkers} tasks ran in workers`);
  assert.ok(tasks.mostPending >= 8, `at most ${tasks.mostPending} pending at once`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /next\.push\(__taskify\.submit\(__taskify_mergeInto_\d+, \[level\[i\], level\[i \+ 1\]\]/, 'the merges are gathered, not waited for at the call');
  assert.match(emitted, /next\.push\(i \+ 1 < lists\.length \? __taskify\.submit\(__taskify_combine_\d+/, 'so are the combines pushed by a choice');
});

test('rows gathered whole into an array of rows (`row.push(cell(…))`, then `grid.push(row)`, or pushed first and filled after) submit every row\'s calls before any is waited for; a whole use inside the sweep, a reader made before it, or a try around it keeps a row at a time (np71\'s min-row-pushed-first ran a row at a time); so does a record filled in nested loops and read by `Object.entries` (min-record-nested)', () => {
  const tasks = printsAsPlain('gathered-rows');
  // 9 cells and a sum, 6 probes, 4 + 4 cells kept a row at a time, 6 probes of the failing sweep (its 4th fails, the
  // rest of its row is made ahead and dismissed or run), 6 cells of a record, 8 cells in rows of rows and 2 sums, 4
  // cells read by a closure made after their sweep, 6 lists and 12 bumps of them, 4 pairs and a bump of a list picked
  // after the pair's reordering (which runs in place: its pair is a part of an array of rows), 4 cells of a record
  // read by for…in.
  assert.ok(tasks.inWorkers >= 73 && tasks.inWorkers <= 75, `${tasks.inWorkers} tasks ran in workers`);
  assert.ok(tasks.mostPending >= 6, `at most ${tasks.mostPending} pending at once`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /table\.push\(row\);\s*for \(let j = 0; j < 2; j\+\+\)\s*row\.push\(__taskify\.submit\(/, 'a row pushed first gathers its Futures');
  assert.match(emitted, /__taskify\.writtenWithin\(table\)\.map/, 'the nest waits for every row where it is used after the sweep');
  assert.match(emitted, /results_\d+\.push\(__taskify\.submit\(__taskify_cell_\d+, \[100 \+ i \+ j\]/, 'a whole use inside the sweep splits each row\'s loop alone');
  assert.match(emitted, /Object\.entries\(__taskify\.waitFields\(byKey\)\)/, 'a record gathering in nested loops is waited for where it is read whole');
  assert.match(emitted, /const peek = \(\) => __taskify\.writtenWithin\(later\)\[1\]\[0\];/, 'a closure made after the sweep waits for the rows where it runs');
  assert.match(emitted, /submit(Fenced)?\(__taskify_bumpList_\d+, \[__taskify\.futuresWithin\(lists\[i\]\[j\]\)\]/, 'a part handed to a task after the sweep waits for nothing else');
  assert.match(emitted, /byName\[a \+ b\] = __taskify\.submit\(/, 'a record read by for…in and `in` gathers');
});

test('a task that reorders or resizes a container\'s level runs in a worker when every later use waits for a level whole, and stays direct, naming the use, when the program reads a level\'s length or picks an element first (np44\'s F11: sorting each group stayed direct)', () => {
  const tasks = printsAsPlain('restructured-levels');
  assert.is(tasks.inWorkers, 6, 'the four sorts of the container printed whole, and the two ranks of a sorted copy, ran in workers');
  const calls = explainedCalls('restructured-levels', 'groups.ts');
  const direct = calls.filter((c) => !c.submitted).map((c) => `${c.line} ${c.reason.replace(/^.*without waiting for it: /, '')}`);
  assert.equal(direct, ['16 `g.length` (line 18)', '17 `g.length` (line 18)', '22 `c[1]` (line 23)', '28 `first.k` (line 29)']);
});

test('functions written in a task that store the caller\'s objects in the task\'s own list, object or Map leave them there: the task runs in a worker and its writes through the list come back; a list kept in another argument or not made here still lets them out (np46\'s min-closure-push)', () => {
  const tasks = printsAsPlain('closure-stores');
  assert.is(tasks.inWorkers, 8, 'every task but the three that keep their list elsewhere ran in a worker');
  const calls = explainedCalls('closure-stores', 'tasks.ts');
  const direct = calls.filter((c) => !c.submitted).map((c) => `${c.task}: ${c.reason.replace(/^.*? out \(/, '').replace(/ \(test.*$/, '')}`);
  assert.equal(direct, ['keepsInOther: kept in `out`: `out.list = order`', 'notFresh: passed to `add`, where it escapes: stored outside the function: `order.push(n)`',
    'storedThenKept: kept in `sink`: `sink.push(order)`']);
});

test('a container a task makes and fills in one expression (`new Array(n).fill(p)`, `new Map().set(k, p)`, `new Set().add(p)`) holds the caller\'s objects there: writes through it come back, and the task runs in a worker (np46\'s min-fill-obj: inferred `in`, kept direct as letting its parameter out)', () => {
  const tasks = printsAsPlain('made-and-filled');
  assert.is(tasks.inWorkers, 5, 'every call ran in a worker');
});

test('accessors and proxies a task writes or stores through (a setter run by an assignment, Reflect.set, a for...of head or a pattern; a getter handing out its own list; a Proxy trap) print as plain: their writes are found, or the call stays direct; a setter that only writes or reads its value runs in a worker (np48\'s F1: writes were lost)', () => {
  const tasks = printsAsPlain('accessor-stores');
  assert.is(tasks.inWorkers, 4, 's1, s7, s14 and s15 ran in workers');
});

test('a task setting what copy-back cannot carry (a symbol-keyed property, also in a helper or by Reflect.set; an accessor or read-only attribute; a named property of a Map or typed array) runs in place, saying so; a hidden data property and a plain write travel (np44\'s F17, F18: they were dropped)', () => {
  const tasks = printsAsPlain('untravelled-properties');
  assert.is(tasks.inWorkers, 3, 'hideNote, rename and doubled (a getter on its own scratch object) ran in workers');
  const calls = explainedCalls('untravelled-properties', 'marks.ts');
  const direct = calls.filter((c) => !c.submitted).map((c) => `${c.task}: ${c.reason.replace(/^.*` sets /, '')}`);
  assert.equal(direct, ['markAll: a symbol-keyed property, which copy-back from a worker would drop',
    'reflectMark: a symbol-keyed property, which copy-back from a worker would drop',
    'addFull: a property with attributes of its own, which copy-back from a worker would drop',
    'lockId: a property with attributes of its own, which copy-back from a worker would drop',
    'tagMap: a property of its own on a Map, which copy-back from a worker would drop',
    'tagTyped: a property of its own on a Float64Array, which copy-back from a worker would drop',
    'tagAssigned: a property of its own on a Map, which copy-back from a worker would drop']);
});

test('a file whose only task use is a module member handed to map is transformed: every element is a task', () => {
  const tasks = printsAsPlain('mapped-only');
  assert.is(tasks.inWorkers, 2, 'one task per row');
});

test('calls after a caught failure never happened: what they wrote is taken back (own data, earlier versions, chains, levels, containers)', () => {
  const tasks = printsAsPlain('taken-back');
  assert.is(tasks.inWorkers, 31, 'every call ran in a worker');
  assert.is(tasks.failed, 8, 'the failing calls, and a cancelled one');
});

test('module state only tasks keep from call to call travels with the calls: counts, a PRNG object, an interner, a mode, a ring, a tally', () => {
  const tasks = printsAsPlain('kept-state');
  assert.is(tasks.inWorkers, 88, 'every call ran in a worker, hasDigit\'s with its RegExp\'s lastIndex too, the 20 changing it under other names, the 22 on state the program uses too');
  assert.is(tasks.inline, 0);
  assert.is(tasks.failed, 1, 'checked(-1)');
});

test('module objects holding their module\'s functions (methods, an arrow-valued property, a nested object\'s method) travel with the calls, read or kept by tasks: only their data does, and the program\'s objects keep their methods (np39\'s obj-singleton; the read ones ran in place)', () => {
  const tasks = printsAsPlain('module-methods');
  assert.is(tasks.inWorkers, 9, `${tasks.inWorkers} tasks ran in workers`);
});

test('arguments holding accessors, symbol keys or a Map\'s own property run in place; the calls beside them in workers', () => {
  const tasks = printsAsPlain('not-carried');
  assert.is(tasks.inline, 4, 'area twice, tagOf and label (the plugin keeps bump direct: the same line reads p.x)');
  assert.is(tasks.inWorkers, 2, 'the totals');
});

test('names for an element or part of an array tasks write (`const first = xs[0]`, `cur = xs[1]`) wait where they are read; the calls run in workers', () => {
  assert.is(printsAsPlain('part-names').inWorkers, 15, 'every call ran in a worker (tester #9\'s s12)');
  assert.is(printsAsPlain('element-names').inWorkers, 9, 'every call ran in a worker');
});

test('task calls through a module object re-exported in another (`S.Inner.f`) and const names for module objects are tasks', () => {
  assert.is(printsAsPlain('module-objects').inWorkers, 9, 'every call ran in a worker (helper-54\'s m11; a18\'s `const M = S`)');
});

test('objects tasks write, read through Record, Partial, Pick, ArrayLike and Readonly, wait: those shapes hold what they are given', () => {
  assert.is(printsAsPlain('generic-shapes').inWorkers, 10, 'every call ran in a worker (tester #12\'s m05)');
});

test('a helper submitting tasks on its parameter sees what its caller changed through another name since a task read it (tester np33\'s prepare-min)', () => {
  const tasks = printsAsPlain('helper-entry-changes');
  assert.is(tasks.inWorkers, 20, `${tasks.inWorkers} tasks ran in workers`);
});

test('an array method\'s callback writing the array it is given as a parameter (forEach\'s third, reduce\'s fourth) writes it (tester np33\'s mapself-min)', () => {
  const tasks = printsAsPlain('callback-own-array');
  assert.is(tasks.inWorkers, 14, `${tasks.inWorkers} tasks ran in workers`);
});

test('objects a factory of the program makes where it returns them are fresh: a container of them is followed and its tasks run in workers (tester np33\'s recmap-min)', () => {
  const tasks = printsAsPlain('factory-elements');
  assert.is(tasks.inWorkers, 5, `${tasks.inWorkers} tasks ran in workers`);
});

test('an async task reading its parameter after an await runs in a worker when only main, called once, names the module data it is given (tester np33\'s asyncmix)', () => {
  const tasks = printsAsPlain('async-module-data');
  assert.is(tasks.inWorkers, 5, `${tasks.inWorkers} tasks ran in workers`);
});

test('a method whose value combines task results waits for them when called directly, as its halves do when called ahead (tester np34\'s p04/p12)', () => {
  const tasks = printsAsPlain('method-halves');
  assert.is(tasks.inWorkers, 22, `${tasks.inWorkers} tasks ran in workers`);
});

test('a task\'s value let out to code that may change it (Object.assign, a function handing it back, a borrowed built-in) is read changed by later tasks (tester np34\'s p21/p22)', () => {
  const tasks = printsAsPlain('result-changes');
  assert.is(tasks.inWorkers, 10, `${tasks.inWorkers} tasks ran in workers`);
});

test('closures over a parameter that call tasks after their function returned see and make the caller\'s changes (tester np34\'s p29/p36)', () => {
  const tasks = printsAsPlain('escaping-closures');
  assert.is(tasks.inWorkers, 11, `${tasks.inWorkers} tasks ran in workers`);
});

test('a task\'s rest parameter it writes gives every argument in it the changes back, not only the first (tester np35\'s q19/q20)', () => {
  const tasks = printsAsPlain('rest-parameters');
  assert.is(tasks.inWorkers, 5, `${tasks.inWorkers} tasks ran in workers`);
});

test('an async function\'s tasks after an await have written what its caller reaches when its promise settles (tester np35\'s q30/q31/q35)', () => {
  const tasks = printsAsPlain('async-fenced-writes');
  assert.is(tasks.inWorkers, 5, `${tasks.inWorkers} tasks ran in workers`);
});

test('a failed task\'s error holding its argument shows the argument as the call left it before it threw (tester np35\'s q22/q23)', () => {
  const tasks = endsAsPlain('failure-holds-writes');
  assert.is(tasks.failed, 4);
});

test('objects written through an array method\'s callback over an array made there ([a, b].forEach((x) => x.fill(0)), [o].some(…), xs.filter(f).forEach(…), a view\'s forEach, task results in a literal) are written: the next task reads the change (tester np36)', () => {
  const tasks = printsAsPlain('callback-literal-writes');
  // (39 before escapes were fenced.)
  assert.is(tasks.inWorkers, 45, `${tasks.inWorkers} tasks ran in workers`);
});

test('a helper that makes an object, has a task fill it and returns it runs its calls in parallel: the caller waits where it reads the result, not the helper as it returns', () => {
  const tasks = printsAsPlain('made-and-returned');
  // Before, each helper's task call stayed direct ("`a` is a parameter of a function that would wait for it on
  // return"): 2 calls in workers. (l)'s helper, also called with spread arguments, claims its calls (29 before it could).
  assert.is(tasks.inWorkers, 31, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 1, 'the diffuse of (f), caught');
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /function mul\(a, b\) \{\s+const out = new Float64Array\(n \* n\);\s+__taskify\.submit\(__taskify_matmulInto_\d+, \[a, b, out, n\][^;]*;\s+return out;/,
    'mul returns its object with the task\'s write pending');
  assert.match(emitted, /products\.push\(mul\(/, 'the loop gathers the results without waiting');
  assert.match(emitted, /function mulSpread\(a, b\) \{\s+const __taskify_claimed = __taskify\.claimForward\(mulSpread, \[a, b\]\);[^}]*return __taskify\.handOn\(__taskify_claimed, out\);/,
    'a helper also called with spread arguments claims its planned calls');
  assert.match(emitted, /console\.log\('l', mulSpread\(\.\.\.pair\)\[4\]/, 'the spread call is no planned call: the helper waits before it returns');
});

test('a result kept under a name and pushed (`const r = make(i); out.push(r)`) is gathered as `out.push(make(i))` is: no wait at the push (np59\'s min-serial-push-local)', () => {
  const tasks = printsAsPlain('pushed-names');
  assert.is(tasks.inWorkers, 38, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 1, 'the make(-3) of (g), caught');
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  // (Before, `a.push(__taskify.waitOn(r))`: each iteration waited for its task before the next was submitted.)
  for (const array of ['a', 'e']) assert.match(emitted, new RegExp(`const r = make\\([^)]*\\);\\s+${array}\\.push\\(r\\);`), `${array} gathers r`);
  assert.match(emitted, /__taskify\.written\(r\)\[0\] = -7/, '(b) writes through the name, marked changed for later tasks');
  // (i): a split loop's value pushed (`const d = combined(r, r); parts.push(d)`) leaves parts free to gather the
  // tree's Futures: each level's calls are submitted together (before, each waited at once: `maybeWritten(submit(…))`).
  assert.match(emitted, /next\.push\(i \+ 1 < level\.length \? __taskify\.submit\(__taskify_combined_\d+/, '(i) the tree gathers its Futures');
});

test('a helper that logs a line of strings and numbers beside its task call still hands its task to its caller; a print of what the task is given waits as before', () => {
  const tasks = endsAsPlain('logging-helpers');
  assert.is(tasks.inWorkers, 21, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  // (Before, a print in its body made `ramp` no forwarder: it returned `waitOn(out)`, each call's task ran alone.)
  assert.match(emitted, /console\.log\(`ramp \$\{i\}`\);[^}]*return out;\s*\}/, 'the maker returns its object with the write pending');
  assert.match(emitted, /ramps\.push\(ramp\(i\)\)/, 'the loop gathers the results without waiting');
  assert.match(emitted, /fillChecked_\d+, \[out, start\][^;]*;\s+console\.log\('filled', start\);\s+return out;/, 'a print after the task: the runtime drops it after a failure');
  assert.match(emitted, /function smoothAndReport\(img\) \{[^}]*waitOn|function smoothAndReport\(img\) \{[^}]*fence\(\)/, 'a print reading what the task writes waits for it');
});

test('a forwarder reading a module const declared after its first calls runs at its turn, not ahead: the plain TDZ error comes after the loop\'s count (rv67\'s const-tdz)', () => {
  const tasks = printsAsPlain('forwarder-before-const');
  assert.is(tasks.inWorkers, 3, `${tasks.inWorkers} tasks ran in workers`);
});

test('sorted runs pushed, then merged pairwise by a logging helper that makes the merged array: each level\'s merges are submitted together (my external-sort program merged one at a time)', () => {
  const tasks = printsAsPlain('merged-runs');
  assert.is(tasks.inWorkers, 15, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  // (Before, 8: merged was no forwarder (its print read `a.length`), runs' group held each run and the kept `all`, so
  // nothing gathered: `maybeWritten(merged(…))` waited at each call, and `runs.push(run)` waited for every run.)
  assert.match(emitted, /console\.log\('merging', [^;]*\);\s+return out;/, 'merged hands out its object');
  assert.match(emitted, /next\)\.push\(merged\(/, 'each merge is pushed as it is made');
  assert.match(emitted, /__taskify\.written\(runs\)\.push\(run\)/, 'a push waits for no other run');
});

test('objects tasks write, held by an array, a record or a Map, read through a second name of the holder wait for the tasks (np61: `const other = list`, `const g = h`, `level = next` printed zeros)', () => {
  const tasks = printsAsPlain('holder-second-names');
  assert.is(tasks.inWorkers, 36, `${tasks.inWorkers} tasks ran in workers`);
  // (rv68's c06: with every name that may be a record's taken as a task's value holding the caller's objects, (g)'s
  // bumpN stayed direct and each makeRec was waited for before the next.)
  assert.ok(tasks.mostPending >= 6, `(g)'s calls were submitted without waiting for one another (${tasks.mostPending} pending at most)`);
});

test('helpers forwarding to a task that read their parameter themselves (a field, an element, a length, a branch, a print, a method\'s `this`) wait for the tasks writing it before the call (np62\'s W1 read the values from before them)', () => {
  const tasks = printsAsPlain('forwarders-reading-arguments');
  assert.is(tasks.inWorkers, 17, `${tasks.inWorkers} tasks ran in workers`);
  assert.ok(tasks.mostPending >= 4, `(f)'s makers, handing their parameter whole to the task, still overlap (${tasks.mostPending} pending at most)`);
});

test('a task\'s value holding its argument, reached through a choice, a map\'s callback, a Map or a pushed array, is read by a later task with the argument as it is now (np62\'s W2 read cfg as it was when the value was made)', () => {
  const tasks = printsAsPlain('held-values-reached');
  assert.is(tasks.inWorkers, 18, `${tasks.inWorkers} tasks ran in workers`);
});

test('tree reductions inside helpers taking the parts as a parameter submit each level\'s merges together; a helper storing merges into the caller\'s array, or handing a level to a task writing it, still waits (np60\'s S1: merge_reduce in a function ran one merge at a time)', () => {
  const tasks = printsAsPlain('reduced-in-helpers');
  assert.is(tasks.inWorkers, 25, `${tasks.inWorkers} tasks ran in workers`);
  // (The parts are made without tasks: before, every merge waited at its push and at most one task was ever pending.)
  // (A later level's merge takes the earlier level's Futures as they are: freshArgument, not a wait at its submission.)
  assert.is(tasks.mostPending, 7, 'the whole tree of (a), 4 + 2 + 1 merges, is pending at once');
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /next\.push\(__taskify\.submit\(__taskify_merge_\d+, \[__taskify\.freshArgument\(level\[i\]\), __taskify\.freshArgument\(level\[i \+ 1\]\)\]/,
    'a level\'s merges are pushed as Futures');
  assert.match(emitted, /parts\.push\(__taskify\.maybeWritten\(__taskify\.submit\(/, 'the caller\'s own array never holds a Future');
  assert.match(emitted, /into\.push\(__taskify\.maybeWritten\(__taskify\.submit\(/, 'nor does a name that may hold it');
});

test('functions of namespaces, called as members from this module or another, wait for what their tasks write before they return (np60\'s namespace repros printed stale values)', () => {
  const tasks = printsAsPlain('namespace-members');
  assert.is(tasks.inWorkers, 1, `${tasks.inWorkers} tasks ran in workers`);
});

test('a call through a wrapped callee (`j.check!(xs)`, parentheses, `as`) that resolves to a known function builds and runs as plain (np60\'s crash)', () => {
  const tasks = printsAsPlain('asserted-callees');
  assert.is(tasks.inWorkers, 1, `${tasks.inWorkers} tasks ran in workers`);
});

test('a forwarder handed whole to map (`rows.map(localMean)`, one imported from another module) reads the elements as the program left them (tester np36\'s fwd4/fwd5)', () => {
  const tasks = printsAsPlain('forwarders-by-value');
  assert.is(tasks.inWorkers, 14, `${tasks.inWorkers} tasks ran in workers`);
});

test('an array with a property of its own given to an out parameter keeps it (tester np36\'s outprop)', () => {
  const tasks = printsAsPlain('out-named-properties');
  assert.is(tasks.inWorkers, 1, 'the plain array\'s call runs in a worker');
  assert.is(tasks.inline, 1, 'the labelled array\'s call runs in place');
});

test('Promise.resolve(board) and Promise.all([p]) are second names for what they hold: a .then or an await reads it after the tasks writing it, and writes through it reach the next task (tester np36\'s promread)', () => {
  const tasks = printsAsPlain('promise-held-objects');
  // keysum(o) twice and keysum(p) twice; board's two writers are fenced (the promise holds it beyond any wait: a
  // fence goes before the `.then` and the `await`).
  assert.is(tasks.inWorkers, 6, `${tasks.inWorkers} tasks ran in workers`);
});

test('a cache whose hit answers otherwise than its miss (a "first time" lookup, a value cached under part of what computes it, a memo by name of what the numbers give) travels with the calls; true caches stay each worker\'s own (np42\'s F4: the answers differed by worker)', () => {
  const tasks = printsAsPlain('cache-lookups');
  assert.is(tasks.inWorkers, 28, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /"firstTime", \[[^\]]*\], \{ state: \[\{ key: "[^"]*#SEEN", kept: true/);
  assert.match(emitted, /"scaled", \[[^\]]*\], \{ state: \[\{ key: "[^"]*#SCALED", kept: true/);
  assert.match(emitted, /"totalOf", \[[^\]]*\], \{ state: \[\{ key: "[^"]*#TOTALS", kept: true/);
  assert.match(emitted, /"square", \[\{ name: "x", direction: "in" \}\]\);/, 'a true cache stays each worker\'s own');
  assert.match(emitted, /"cube", \[\{ name: "x", direction: "in" \}\]\);/);
});

test('a cache only tasks use that a task reads as a whole (MEMO.size, its keys) travels with the calls: the count is the plain program\'s (tester np36\'s memo-min)', () => {
  const tasks = printsAsPlain('kept-cache-size');
  assert.is(tasks.inWorkers, 9, `${tasks.inWorkers} tasks ran in workers`);
});

test('arguments that are Proxies run their calls in place, their traps run as often as in the plain call; plain arrays beside them still go to workers (tester np36\'s getter2, proxyarg)', () => {
  const tasks = printsAsPlain('proxy-arguments');
  assert.is(tasks.inWorkers, 4, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.inline, 2, 'total(store) and scaled(store, settings) ran in place');
});

test('typed arrays whose buffer was transferred away run their calls in place, zero-length as the plain call saw them (tester np37\'s detach)', () => {
  const tasks = printsAsPlain('detached-arguments');
  assert.is(tasks.inline, 3, 'sum(sent) twice and lengths([sent, kept]) ran in place');
  assert.is(tasks.inWorkers, 2, `${tasks.inWorkers} tasks ran in workers`);
});

test('a module\'s Date and RegExp changed in place by the program reach the tasks that read them (tester np37\'s mmdate, mmkinds)', () => {
  const tasks = printsAsPlain('module-dates');
  assert.is(tasks.inWorkers, 6, `${tasks.inWorkers} tasks ran in workers`);
});

test('generic helpers of the program (len<T>, at<T>, setAt<T>) on objects fenced task calls write wait for them, as helpers with concrete types do (tester np39\'s F1)', () => {
  const tasks = printsAsPlain('generic-helpers');
  assert.is(tasks.inWorkers, 7, `${tasks.inWorkers} tasks ran in workers`);
});

test.run();
