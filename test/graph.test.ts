/** The engine's graph as plain data: edges, renaming, release of dead versions, failure propagation. No threads. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as graph from '../runtime/engine/graph';
import { HELD_BYTES_LIMIT } from '../runtime/engine/graph-holds';
import type { SubmitMsg, WireArg } from '../runtime/protocol';

const submit = (taskId: number, args: WireArg[], result: number, snapshots: SubmitMsg['snapshots'] = []): SubmitMsg =>
  ({ type: 'submit', taskId, def: 1, args, result, snapshots });
const snap = (data: number, version: number) => ({ data, version, bytes: 100 });
const keys = (effects: graph.Effects) => effects.released.map((v) => v.key).sort();

test('read-after-write is an edge; the reader becomes ready when the writer finishes', () => {
  const s = graph.emptyGraph();
  const e1 = graph.addTask(s, submit(1, [{ data: 1, read: 1, write: 2 }], 100, [snap(1, 1)]));
  assert.equal(e1.ready, [1]);
  const e2 = graph.addTask(s, submit(2, [{ data: 1, read: 2 }], 101));
  assert.equal(e2.ready, []);
  assert.is(s.tasks.get(2)!.missing, 1);
  graph.startTask(s, 1);
  const done = graph.finishTask(s, 1, [{ key: 'd1v2', bytes: 100 }]);
  assert.equal(done.ready, [2]);
  assert.equal(keys(done), ['d1v1'], 'the superseded snapshot dies; the result lives while its future may be read');
});

test('write-after-read and write-after-write create no edges: writes rename', () => {
  const s = graph.emptyGraph();
  graph.addTask(s, submit(1, [{ data: 1, read: 1 }], 100, [snap(1, 1)]));        // reads d1v1
  const war = graph.addTask(s, submit(2, [{ data: 1, read: 1, write: 2 }], 101)); // writes d1v2
  assert.equal(war.ready, [2], 'the writer does not wait for the earlier reader');
  const waw = graph.addTask(s, submit(3, [{ data: 1, write: 3, shape: { kind: 'object' } }], 102)); // out: d1v3
  assert.equal(waw.ready, [3], 'an out writer waits for nobody');
  assert.is(s.latest.get(1), 'd1v3');
  assert.ok(s.versions.get('d1v1'), 'still read by pending tasks');
});

test('a superseded version is released only when its last reader finishes', () => {
  const s = graph.emptyGraph();
  graph.addTask(s, submit(1, [{ data: 1, read: 1 }], 100, [snap(1, 1)]));
  graph.addTask(s, submit(2, [{ data: 1, read: 1 }], 101));
  const superseded = graph.addSnapshot(s, 1, 2, 100);
  assert.equal(keys(superseded), []);
  graph.startTask(s, 1);
  assert.equal(keys(graph.finishTask(s, 1, [])), []);
  graph.startTask(s, 2);
  assert.equal(keys(graph.finishTask(s, 2, [])), ['d1v1']);
  assert.ok(s.versions.has('d1v2'), 'the latest version lives on');
});

test('a version being produced is not released before its producer finishes, even if deleted', () => {
  const s = graph.emptyGraph();
  graph.addTask(s, submit(1, [], 100));
  graph.startTask(s, 1);
  assert.equal(keys(graph.deleteData(s, 100)), []);
  assert.equal(keys(graph.finishTask(s, 1, [{ key: 'd100v1', bytes: 8 }])), ['d100v1']);
});

test('deleting data releases its latest version once nobody reads it', () => {
  const s = graph.emptyGraph();
  graph.addTask(s, submit(1, [{ data: 1, read: 1 }], 100, [snap(1, 1)]));
  assert.equal(keys(graph.deleteData(s, 1)), []);
  graph.startTask(s, 1);
  assert.equal(keys(graph.finishTask(s, 1, [])), ['d1v1']);
  assert.equal([...s.versions.keys()], ['d100v1'], 'only the result is left, until its future is deleted');
  assert.equal(keys(graph.deleteData(s, 100)), ['d100v1']);
});

test('a version superseded by a task stays until every task before it has finished and each failure was met', () => {
  const s = graph.emptyGraph();
  graph.addTask(s, submit(1, [], 10));                                               // a slow task
  graph.addTask(s, submit(2, [{ data: 1, read: 1, write: 2 }], 11, [snap(1, 1)]));   // d1v1 → d1v2
  graph.addTask(s, submit(3, [{ data: 1, read: 2, write: 3 }], 12));                 // d1v2 → d1v3
  graph.startTask(s, 2);
  assert.equal(keys(graph.finishTask(s, 2, [{ key: 'd1v2', bytes: 8 }])), [], 'task 1 may still fail: task 2 may be taken back');
  graph.startTask(s, 3);
  assert.equal(keys(graph.finishTask(s, 3, [{ key: 'd1v3', bytes: 8 }])), []);
  graph.startTask(s, 1);
  assert.equal(keys(graph.finishTask(s, 1, [{ key: 'd10v1', bytes: 8 }])), ['d1v1', 'd1v2'], 'every task is sure now');
});

test('after a failure the superseded versions stay until the program met it (and took back what it needed)', () => {
  const s = graph.emptyGraph();
  graph.addTask(s, submit(1, [], 10));
  graph.addTask(s, submit(2, [{ data: 1, read: 1, write: 2 }], 11, [snap(1, 1)]));
  graph.startTask(s, 2);
  graph.finishTask(s, 2, [{ key: 'd1v2', bytes: 8 }]);
  graph.startTask(s, 1);
  graph.failTask(s, 1);
  assert.ok(s.versions.has('d1v1'), 'kept for the take-back of task 2');
  assert.equal(keys(graph.failuresMet(s, { upTo: 2 })), ['d1v1']);
  graph.addTask(s, submit(3, [{ data: 1, read: 2, write: 3 }], 12));
  graph.startTask(s, 3);
  assert.equal(keys(graph.finishTask(s, 3, [{ key: 'd1v3', bytes: 8 }])), ['d1v2'], 'a later task holds only while something before it is unsure');
});

test('a failure the program learnt of another way (a Promise) releases its holds; one met up to a task covers its later failures', () => {
  const s = graph.emptyGraph();
  graph.addTask(s, submit(1, [], 10));
  graph.addTask(s, submit(2, [{ data: 1, read: 1, write: 2 }], 11, [snap(1, 1)]));
  graph.startTask(s, 1);
  graph.failTask(s, 1);
  graph.startTask(s, 2);
  assert.equal(keys(graph.finishTask(s, 2, [{ key: 'd1v2', bytes: 8 }])), [], 'held while failure 1 is unmet');
  assert.equal(keys(graph.failuresMet(s, { task: 1 })), ['d1v1']);
  graph.addTask(s, submit(3, [], 12));
  graph.addTask(s, submit(4, [{ data: 1, read: 2, write: 3 }], 13));
  graph.failuresMet(s, { upTo: 3 }); // task 3 is a call never made, still running
  graph.startTask(s, 3);
  graph.failTask(s, 3);
  graph.startTask(s, 4);
  assert.equal(keys(graph.finishTask(s, 4, [{ key: 'd1v3', bytes: 8 }])), ['d1v2'], 'its failure was met before it came');
});

test('holds are bounded: past the limit the oldest end, even with a task before them unfinished', () => {
  const s = graph.emptyGraph();
  const big = HELD_BYTES_LIMIT / 2 + 1;
  graph.addTask(s, submit(1, [], 10));                                                              // slow
  graph.addTask(s, submit(2, [{ data: 1, read: 1, write: 2 }], 11, [{ data: 1, version: 1, bytes: big }]));
  graph.startTask(s, 2);
  assert.equal(keys(graph.finishTask(s, 2, [{ key: 'd1v2', bytes: big }])), [], 'one version held: under the limit');
  graph.addTask(s, submit(3, [{ data: 1, read: 2, write: 3 }], 12));
  graph.startTask(s, 3);
  assert.equal(keys(graph.finishTask(s, 3, [{ key: 'd1v3', bytes: big }])), ['d1v1'], 'two would pass it: the oldest goes');
  assert.ok(s.versions.has('d1v2'), 'the newer hold stays');
});

test('a failure cancels everything downstream, transitively, naming the first failed task', () => {
  const s = graph.emptyGraph();
  graph.addTask(s, submit(1, [], 10));                              // produces d10v1
  graph.addTask(s, submit(2, [{ data: 10, read: 1 }], 11));         // reads d10v1 → d11v1
  graph.addTask(s, submit(3, [{ data: 11, read: 1 }], 12));         // reads d11v1
  graph.addTask(s, submit(4, [], 13));                              // independent
  graph.startTask(s, 1);
  const failed = graph.failTask(s, 1);
  assert.equal(failed.cancelled.map((c) => [c.taskId, c.key, c.failedTask]), [[2, 'd10v1', 1], [3, 'd11v1', 1]]);
  assert.ok(s.tasks.has(4) && !s.tasks.has(2) && !s.tasks.has(3));
  const late = graph.addTask(s, submit(5, [{ data: 10, read: 1 }], 14));
  assert.equal(late.cancelled.map((c) => c.taskId), [5], 'a task submitted after the failure fails at once');
});

test('collections of futures depend on every element', () => {
  const s = graph.emptyGraph();
  graph.addTask(s, submit(1, [], 10));
  graph.addTask(s, submit(2, [], 11));
  const reduce = graph.addTask(s, submit(3, [{ collection: [{ data: 10, read: 1 }, { data: 11, read: 1 }, { value: 5 }] }], 12));
  assert.equal(reduce.ready, []);
  assert.is(s.tasks.get(3)!.missing, 2);
  graph.startTask(s, 1); graph.finishTask(s, 1, []);
  graph.startTask(s, 2);
  assert.equal(graph.finishTask(s, 2, []).ready, [3]);
});

test('locality: takeReady prefers the task whose inputs the worker holds, by bytes', () => {
  const s = graph.emptyGraph();
  graph.addSnapshot(s, 1, 1, 10);
  graph.addSnapshot(s, 2, 1, 1000);
  graph.addTask(s, submit(1, [{ data: 1, read: 1 }], 100));
  graph.addTask(s, submit(2, [{ data: 2, read: 1 }], 101));
  graph.recordHolding(s, 7, ['d2v1'], []);
  graph.recordHolding(s, 8, ['d1v1'], []);
  assert.is(graph.bytesHeldBy(s, s.tasks.get(2)!, 7), 1000);
  assert.is(graph.takeReady(s, 7)!.id, 2);
  graph.recordHolding(s, 7, [], ['d2v1']);
  assert.is(graph.takeReady(s, 7)!.id, 1, 'FIFO when nothing is held');
  assert.is(graph.takeReady(s, 7), undefined);
});

test('a requeued task (its worker died) goes to the front of the ready queue', () => {
  const s = graph.emptyGraph();
  graph.addTask(s, submit(1, [], 10));
  graph.addTask(s, submit(2, [], 11));
  graph.startTask(s, graph.takeReady(s)!.id);
  graph.requeueTask(s, 1);
  assert.equal(s.ready, [1, 2]);
  assert.is(graph.startTask(s, 1).attempts, 2);
});

test.run();
