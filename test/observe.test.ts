/**
 * Observability end to end: a program with a known graph (fixtures/observed-child.ts) run with TASKIFY_TRACE,
 * TASKIFY_GRAPH and TASKIFY_SUMMARY, and the progress line on a real pseudo-terminal.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtures, runFixture } from './helpers';
import type { TraceDocument, TraceEvent } from '../runtime/observe/trace';

const dir = mkdtempSync(join(tmpdir(), 'taskify-observe-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** What the trace-event format requires of every event, and what Perfetto needs to draw slices and arrows. */
export function assertValidTrace(doc: TraceDocument): void {
  assert.ok(Array.isArray(doc.traceEvents), 'traceEvents is an array');
  const phases = new Set(['X', 'i', 's', 'f', 'C', 'M']);
  for (const e of doc.traceEvents) {
    assert.type(e.name, 'string');
    assert.ok(phases.has(e.ph), `known phase ${e.ph}`);
    assert.type(e.pid, 'number');
    if (e.ph === 'M') continue;
    assert.ok(typeof e.ts === 'number' && Number.isFinite(e.ts) && e.ts >= 0, `ts of ${e.name} is a time: ${e.ts}`);
    if (e.ph !== 'C') assert.type(e.tid, 'number');
    if (e.ph === 'X') assert.ok(typeof e.dur === 'number' && e.dur >= 0, `dur of ${e.name}`);
  }
  // Slices on one lane nest or follow each other: a partial overlap draws wrongly.
  const byLane = new Map<number, TraceEvent[]>();
  for (const e of doc.traceEvents.filter((e) => e.ph === 'X')) byLane.set(e.tid!, [...(byLane.get(e.tid!) ?? []), e]);
  for (const [tid, slices] of byLane) {
    slices.sort((a, b) => a.ts! - b.ts! || b.dur! - a.dur!);
    const open: number[] = [];
    for (const s of slices) {
      while (open.length && open.at(-1)! <= s.ts! + 1e-6) open.pop();
      if (open.length) assert.ok(s.ts! + s.dur! <= open.at(-1)! + 1e-3, `slice ${s.name} at ${s.ts} on lane ${tid} nests`);
      open.push(s.ts! + s.dur!);
    }
  }
  // Every flow starts and finishes once, each end inside a slice of its lane.
  const flows = doc.traceEvents.filter((e) => e.ph === 's' || e.ph === 'f');
  for (const e of flows) {
    const inside = (byLane.get(e.tid!) ?? []).some((s) => s.ts! <= e.ts! && e.ts! <= s.ts! + s.dur!);
    assert.ok(inside, `flow ${e.ph} ${e.name} binds to a slice`);
  }
  const ids = (ph: string) => flows.filter((e) => e.ph === ph).map((e) => e.id).sort();
  assert.equal(ids('s'), ids('f'));
}

test('TASKIFY_TRACE: valid trace-event JSON with lanes for main and workers, phases, arrows along data, counters', async () => {
  const trace = join(dir, 'run.json');
  const run = await runFixture('observed-child.js', 'graph', { TASKIFY_TRACE: trace, TASKIFY_WORKERS: '2' });
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stdout, 'RESULT 12000');
  const doc = JSON.parse(readFileSync(trace, 'utf8')) as TraceDocument;
  assertValidTrace(doc);
  const events = doc.traceEvents;
  const laneNames = events.filter((e) => e.name === 'thread_name').map((e) => String(e.args!.name));
  assert.ok(laneNames.includes('main thread'), `lanes: ${laneNames}`);
  assert.ok(laneNames.some((name) => /^worker \d/.test(name)), `a worker lane: ${laneNames}`);

  const tasks = events.filter((e) => e.ph === 'X' && e.cat === 'task');
  assert.equal(tasks.map((e) => e.name).sort(), ['add', 'failWith', 'fill', 'scale', 'sum', 'sum']);
  assert.ok(tasks.every((e) => e.tid !== 0), 'tasks are drawn on worker lanes');
  for (const slice of tasks) {
    const phases = events.filter((e) => e.cat === 'phase' && e.tid === slice.tid && e.ts! >= slice.ts! && e.ts! <= slice.ts! + slice.dur!);
    // A task posted to a worker busy with its other task first waits behind it (worker/phase-clock.ts).
    const names = phases.map((e) => e.name);
    assert.equal(names[0] === 'queued behind another task' ? names.slice(1) : names, ['load inputs', 'user code', 'store outputs'], `phases of ${slice.name}`);
  }
  const failed = tasks.find((e) => e.name === 'failWith')!;
  assert.match(String((failed.args!.error as { message: string }).message), 'boom');
  const cancelled = events.find((e) => e.ph === 'i' && e.cat === 'task');
  assert.ok(cancelled && /add #7/.test(cancelled.name), 'the cancelled task is marked on the main lane');

  // fill→scale, scale→sum ×2, sum→add ×2, failWith→add never ran: five arrows named by version.
  const arrows = events.filter((e) => e.ph === 's').map((e) => e.name);
  assert.is(arrows.length, 5, `arrows: ${arrows}`);
  assert.ok(arrows.every((name) => /^d\d+v\d+$/.test(name)));
  const waits = events.filter((e) => e.cat === 'wait').map((e) => e.name);
  assert.ok(waits.includes('barrier') && waits.some((name) => name.startsWith('wait d')), `waits: ${waits}`);
  for (const counter of ['ready queue', 'running', 'bytes moved']) assert.ok(events.some((e) => e.ph === 'C' && e.name === counter), counter);
  const moved = events.filter((e) => e.name === 'bytes moved').map((e) => Number(e.args!.MB));
  assert.ok(moved.at(-1)! > 0.008, `the workers' 8 KB array moved: ${moved.at(-1)} MB`);
});

test('TASKIFY_GRAPH: the dot graph has the expected nodes, version-labelled edges, waits and the barrier', async () => {
  const graph = join(dir, 'run.dot');
  const run = await runFixture('observed-child.js', 'graph', { TASKIFY_GRAPH: graph });
  assert.is(run.code, 0, run.stderr);
  const dot = readFileSync(graph, 'utf8');
  const nodes = [...dot.matchAll(/^ {2}(t\d+) \[label="(\w+)\\n#\d+"/gm)].map((m) => `${m[1]}:${m[2]}`);
  assert.equal(nodes, ['t1:fill', 't2:scale', 't3:sum', 't4:sum', 't5:add', 't6:failWith', 't7:add']);
  const edges = [...dot.matchAll(/^ {2}(\w+) -> (\w+)(?: \[label="(d\d+v\d+)"\])?;/gm)].map((m) => [m[1], m[2], m[3]]);
  const between = edges.map(([from, to]) => `${from}->${to}`);
  for (const edge of ['t1->t2', 't2->t3', 't2->t4', 't3->t5', 't4->t5', 't6->t7', 't5->w1', 't5->w4', 't7->w4']) assert.ok(between.includes(edge), `${edge} in ${between}`);
  const label = (from: string, to: string) => edges.find(([f, t]) => f === from && t === to)![2];
  assert.is(label('t2', 't3'), label('t2', 't4'), 'both sums read the version scale wrote');
  assert.is.not(label('t1', 't2'), label('t2', 't3'), 'scale wrote a new version');
  assert.match(dot, /w1 \[label="wait d\d+v1", shape=octagon/);
  assert.match(dot, /w4 \[label="barrier", shape=box/);
  assert.match(dot, /t6 \[[^\]]*color=red/, 'the failed task is outlined');
  assert.match(dot, /t7 \[[^\]]*dashed/, 'the cancelled task is dashed');
});

test('TASKIFY_GRAPH=*.svg renders through the npm graphviz build; a bad extension is a clear error', async () => {
  const svg = join(dir, 'run.svg');
  const run = await runFixture('observed-child.js', 'graph', { TASKIFY_GRAPH: svg });
  assert.is(run.code, 0, run.stderr);
  const text = readFileSync(svg, 'utf8');
  assert.match(text, '<svg');
  for (const node of ['t1', 't7', 'w4']) assert.match(text, `<title>${node}</title>`);
  const bad = await runFixture('observed-child.js', 'graph', { TASKIFY_GRAPH: join(dir, 'run.png') });
  assert.is.not(bad.code, 0);
  assert.match(bad.stderr, /TASKIFY_GRAPH must name a \.dot or \.svg file, got ".*run\.png"/);
});

test('hooks: each task is submitted, ready, started and ended in that order; failures, releases and waits are heard', async () => {
  const run = await runFixture('observed-child.js', 'graph', { PRINT_EVENTS: '1' });
  assert.is(run.code, 0, run.stderr);
  const events = JSON.parse(/EVENTS (.*)/.exec(run.stdout)![1]) as string[];
  for (const id of [1, 2, 3, 4, 5]) {
    const order = ['submit', 'ready', 'start', 'end'].map((kind) => events.findIndex((e) => e.startsWith(`${kind} ${id}`)));
    assert.ok(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1])), `task ${id}: ${order}`);
  }
  assert.ok(events.includes('error 6 threw') && events.includes('error 7 dependency'), String(events));
  assert.ok(events.some((e) => /^release d\d+v\d+$/.test(e)), 'a dead version was released');
  assert.ok(events.indexOf('wait value 5') > events.indexOf('end 5 worker=true'), 'the wait ends after its producer');
  assert.is(events.at(-1), 'wait barrier');
});

test('TASKIFY_SUMMARY=1: tasks by function, phases, bytes, @rro and the slowest task', async () => {
  const run = await runFixture('observed-child.js', 'graph', { TASKIFY_SUMMARY: '1' });
  assert.is(run.code, 0, run.stderr);
  assert.match(run.stderr, /taskify summary: 7 tasks \(6 ran, 2 failed\) in .* on \d+ workers?, \d+% busy/);
  assert.match(run.stderr, /^sum +2 /m);
  assert.match(run.stderr, /^failWith +1 /m);
  assert.match(run.stderr, /phases \(summed over workers\): queued behind another task .*, load .*, run .*, store .*; main thread waited .* in 4 waits/);
  assert.match(run.stderr, /@rro: 0 hits/);
  assert.match(run.stderr, /slowest task: \w+ #\d+/);
  const quiet = await runFixture('observed-child.js', 'graph', {});
  assert.not.match(quiet.stderr, 'taskify summary', 'off by default when stderr is not a terminal');
});

test('a program built by the plugin: the graph and trace name data by the variable or parameter (fragments[0] v1, not d1v1)', () => {
  const graph = join(dir, 'kmeans.dot');
  const trace = join(dir, 'kmeans.json');
  const program = join(__dirname, '..', 'taskified', 'examples', 'kmeans', 'main.js');
  const run = spawnSync(process.execPath, [program, '--points', '4000', '--fragments', '2', '--iterations', '2'],
    { encoding: 'utf8', env: { ...process.env, TASKIFY_GRAPH: graph, TASKIFY_TRACE: trace, TASKIFY_WORKERS: '2' } });
  assert.is(run.status, 0, run.stderr);
  const dot = readFileSync(graph, 'utf8');
  // kmeans/main.ts: fragments.push(generateFragment(…)), then partialSum(fragment, dims, centers), mergeSums(partials).
  assert.match(dot, /t1 -> t3 \[label="fragments\[0\] v1"\];/);
  assert.match(dot, /t2 -> t4 \[label="fragments\[1\] v1"\];/);
  assert.match(dot, /t3 -> t5 \[label="partialSum\(\) \(d\d+\) v1"\];/);
  assert.not.match(dot, /label="d\d+v\d+"/, 'every datum has a name');
  const arrows = (JSON.parse(readFileSync(trace, 'utf8')) as TraceDocument).traceEvents.filter((e) => e.ph === 's');
  assert.ok(arrows.some((e) => e.name === 'fragments[0] v1' && e.args?.key === 'd1v1'), 'trace arrows: the name, with the key in args');
});

/** Runs the fixture on a pseudo-terminal (util-linux `script`), where stderr is a TTY. */
function onTerminal(mode: string, env: Record<string, string>): string {
  // A wide terminal: cli-progress cuts the line at the terminal's width, and a pty starts at 80 columns.
  const command = `stty cols 200; ${JSON.stringify(process.execPath)} ${JSON.stringify(join(fixtures, 'observed-child.js'))} ${mode}`;
  const run = spawnSync('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, ...env, TERM: 'xterm' }, encoding: 'utf8', timeout: 60_000 });
  assert.is(run.status, 0, `script(1) ran the fixture: ${run.stderr || run.error}`);
  return run.stdout;
}

test('progress: a live line on a terminal once the run passes a second; nothing off a terminal or with TASKIFY_PROGRESS=0', async () => {
  const screen = onTerminal('slow', {});
  assert.match(screen, 'RESULT 21');
  assert.match(screen, /taskify .* 6\/6 done \| 0 running \| 0 queued \| 0 failed \| [\d.]+ m?s/, 'the final state stays on screen');
  assert.match(screen, /taskify .* [0-5]\/6 done \| [12] running/, 'a line drawn while tasks ran');
  assert.not.match(onTerminal('slow', { TASKIFY_PROGRESS: '0' }), 'done |');
  // (A run ending before the line is due prints none: the delay set far beyond the run, so a loaded machine's slow
  // "quick" run does not draw it.)
  assert.not.match(onTerminal('slow', { TASKIFY_PROGRESS_AFTER_MS: '600000' }), 'done |', 'a run quicker than the delay prints no line');
  const piped = await runFixture('observed-child.js', 'slow', {});
  assert.not.match(piped.stderr, 'done |');
});

test.run();
