/**
 * Program order and the status line as plain data: ProgramOrder against a scripted run (which tasks are submitted and
 * unfinished), the Screen against recorded raw writes. What reaches the streams must be the plain program's order.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ProgramOrder, type TaskPositions } from '../runtime/output/program-order';
import { ERASE_LINE, Screen, type Fd, type RawStreams } from '../runtime/output/screen';
import type { OutputChunk } from '../runtime/protocol';

/** Raw streams that record what reaches them; `tty` says which fds are terminals. */
function recorder(tty: Fd[] = [], columns = 80): RawStreams & { log: string[]; bytes: (fd?: Fd) => string } {
  const writes: { fd: Fd; text: string }[] = [];
  return {
    log: [] as string[],
    write(fd, chunk) {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      writes.push({ fd, text });
      this.log.push(`${fd}:${text}`);
    },
    isTTY: (fd) => tty.includes(fd),
    columns: () => columns,
    bytes: (fd) => writes.filter((w) => fd === undefined || w.fd === fd).map((w) => w.text).join(''),
  };
}

/**
 * A run: submit() gives the next id, finish(id) takes it off the unfinished list, fail(id) keeps it as a failure the
 * program has not met until meet(id) (the calls submitted after it then were never made, as Runtime's raise says);
 * reach(id) is where moved code says the plain program is.
 */
function scriptedRun() {
  const unfinished = new Set<number>();
  const unmet = new Set<number>();
  const neverMade = new Set<number>();
  let last = 0;
  let reached: number | undefined;
  let idle = true;
  const lowest = (ids: Set<number>) => (ids.size === 0 ? undefined : Math.min(...ids));
  const meet = (id: number) => { unmet.delete(id); for (let later = id + 1; later <= last; later++) neverMade.add(later); };
  const positions: TaskPositions = {
    firstHolding: () => lowest(new Set([...unfinished, ...unmet])),
    endAtFirstUnmetFailure: () => { const failed = lowest(unmet); if (failed !== undefined) meet(failed); return failed; },
    neverMade: (id) => neverMade.has(id),
    lastSubmitted: () => last,
    position: () => reached ?? last,
    settleAll: () => {},
    programIdle: () => idle,
  };
  return {
    positions,
    submit: () => { unfinished.add(++last); reached = undefined; return last; },
    finish: (id: number) => unfinished.delete(id),
    fail: (id: number) => { unfinished.delete(id); unmet.add(id); },
    meet,
    reach: (id: number) => { reached = id; },
    /** Whether code of the program runs now (a blocking wait) or not (between macrotasks). */
    busy: (running: boolean) => { idle = !running; },
  };
}

const out = (text: string): OutputChunk[] => [{ fd: 1, text }];

function setup() {
  const raw = recorder();
  const order = new ProgramOrder(new Screen(raw));
  const run = scriptedRun();
  order.attach(run.positions);
  const finish = (id: number, output?: OutputChunk[]) => { run.finish(id); order.finished(id, output); };
  return { raw, order, run, finish };
}

test('main writes go straight out while no task is unfinished', () => {
  const { raw, order } = setup();
  order.write(1, 'a\n');
  assert.equal(raw.log, ['1:a\n']);
});

test('a task prints at its call: before main writes made after the call, after those made before', () => {
  const { raw, order, run, finish } = setup();
  order.write(1, 'before\n');
  const a = run.submit();
  order.write(1, 'after a\n');
  const b = run.submit();
  order.write(2, 'after b\n');
  assert.equal(raw.log, ['1:before\n'], 'held while task a may still print');
  finish(b, out('b\n'));
  assert.equal(raw.log, ['1:before\n'], "b's output waits for a");
  finish(a, [{ fd: 1, text: 'a1\n' }, { fd: 2, text: 'a-err\n' }, { fd: 1, text: 'a2\n' }]);
  assert.equal(raw.log, ['1:before\n', '1:a1\n', '2:a-err\n', '1:a2\n', '1:after a\n', '1:b\n', '2:after b\n']);
  order.write(1, 'end\n');
  assert.is(raw.log.at(-1), '1:end\n', 'straight out again');
});

test('a failed task holds what follows it; met at a wait, main\'s writes after its call and later tasks\' output are dropped', () => {
  const { raw, order, run, finish } = setup();
  order.write(1, 'before\n');
  const a = run.submit();
  order.write(1, 'after a\n');
  const b = run.submit();
  order.write(1, 'after b\n');
  const c = run.submit();
  order.write(1, 'after c\n');
  finish(a, out('a\n'));
  run.fail(b);
  order.finished(b, out('b before it threw\n'));
  finish(c, out('c\n'));
  assert.equal(raw.log, ['1:before\n', '1:a\n', '1:after a\n'], 'held at the failed task');
  run.meet(b);
  order.discard(b);
  order.write(1, 'caught\n');
  assert.equal(raw.log, ['1:before\n', '1:a\n', '1:after a\n', '1:b before it threw\n', '1:caught\n']);
  const d = run.submit();
  finish(d, out('d\n'));
  assert.is(raw.log.at(-1), '1:d\n', 'calls after the catch are the program\'s own again');
});

test('a failure never met ends the output at its call: the end drops what came after it', () => {
  const { raw, order, run, finish } = setup();
  const a = run.submit();
  order.write(1, 'after a\n');
  const b = run.submit();
  order.write(1, 'after b\n');
  run.fail(a);
  order.finished(a, out('a\n'));
  finish(b, out('b\n'));
  assert.equal(raw.log, []);
  order.flush();
  assert.equal(raw.log, ['1:a\n']);
});

test('moved code says where it is: its writes sit after the call it reached, not after the last submission', () => {
  const { raw, order, run, finish } = setup();
  const ids = [run.submit(), run.submit(), run.submit()];
  run.reach(ids[0] - 1);
  order.write(1, 'before the first\n');
  run.reach(ids[0]);
  order.write(1, 'after the first\n');
  run.reach(ids[1]);
  order.write(1, 'after the second\n');
  finish(ids[0], undefined);
  assert.equal(raw.log, ['1:before the first\n', '1:after the first\n']);
  run.fail(ids[1]);
  order.finished(ids[1], undefined);
  run.meet(ids[1]);
  order.discard(ids[1]);
  assert.equal(raw.log, ['1:before the first\n', '1:after the first\n'], 'the second call threw: what followed it is dropped');
});

test('tasks that print nothing release what follows them; a later unfinished task still holds', () => {
  const { raw, order, run, finish } = setup();
  const a = run.submit();
  order.write(1, 'x\n');
  const b = run.submit();
  order.write(1, 'y\n');
  finish(a, undefined);
  assert.equal(raw.log, ['1:x\n']);
  finish(b, undefined);
  assert.equal(raw.log, ['1:x\n', '1:y\n']);
});

test('flush prints everything held in order, passing over tasks that never finished; their late output still comes', () => {
  const { raw, order, run, finish } = setup();
  const a = run.submit();
  const b = run.submit();
  order.write(1, 'main\n');
  finish(b, out('b\n'));
  order.flush();
  assert.equal(raw.log, ['1:b\n', '1:main\n']);
  finish(a, out('a late\n'));
  assert.equal(raw.log.at(-1), '1:a late\n');
});

test('bytes written by a task or by main come out as bytes; a held buffer is a copy', () => {
  const { raw, order, run, finish } = setup();
  const a = run.submit();
  const buffer = Buffer.from('main bytes\n');
  order.write(1, buffer);
  buffer.fill(0);
  finish(a, [{ fd: 1, base64: Buffer.from('task bytes\n').toString('base64') }]);
  assert.equal(raw.log, ['1:task bytes\n', '1:main bytes\n']);
});

test('a held write calls its callback when it is written', () => {
  const calls: string[] = [];
  const raw: RawStreams = { write: (_fd, chunk, _e, callback) => { calls.push(String(chunk)); (callback as () => void)?.(); }, isTTY: () => false, columns: () => 80 };
  const order = new ProgramOrder(new Screen(raw));
  const run = scriptedRun();
  order.attach(run.positions);
  const a = run.submit();
  order.write(1, 'x', undefined, () => calls.push('callback'));
  assert.equal(calls, []);
  run.finish(a);
  order.finished(a, undefined);
  assert.equal(calls, ['x', 'callback']);
});

test('many tasks finishing out of order release in call order', () => {
  const { raw, run, finish } = setup();
  const ids = Array.from({ length: 200 }, () => run.submit());
  for (const id of [...ids].reverse()) finish(id, out(`${id}\n`));
  assert.is(raw.bytes(1), ids.map((id) => `${id}\n`).join(''));
});

// ── the status line ──

test('a task submitted before an earlier task\'s console.group is placed is indented by it, as the plain call was (and a groupEnd dedents)', () => {
  const { raw, order, run, finish } = setup();
  const opener = run.submit();
  order.submittedIn(opener, '');
  const later = run.submit();
  order.submittedIn(later, ''); // the opener's group is not placed yet: its output is still to come
  const closer = run.submit();
  order.submittedIn(closer, '');
  const last = run.submit();
  order.submittedIn(last, '');
  finish(later, out('inside\n'));
  finish(closer, [{ fd: 1, text: 'closing\n' }, { fd: 1, group: -1 }, { fd: 1, text: 'closed\n' }]);
  finish(last, out('after\n'));
  finish(opener, [{ fd: 1, group: 1 }, { fd: 1, text: 'opened\n' }]);
  assert.is(raw.bytes(1), '  opened\n  inside\n  closing\nclosed\nafter\n');
});

test('status line: drawn on stderr, erased before program output to a terminal, never on a line the program left open', () => {
  let now = 1000;
  const raw = recorder([1, 2]);
  const screen = new Screen(raw, () => now);
  screen.showStatus('taskify 1/2');
  assert.equal(raw.log, ['2:\rtaskify 1/2\x1b[K']);
  screen.write(1, 'program line\n');
  assert.equal(raw.log.slice(1), [`2:${ERASE_LINE}`, '1:program line\n'], 'erased first');
  screen.showStatus('taskify 2/2');
  assert.is(raw.log.length, 3, 'not redrawn in the middle of a burst of output');
  now += 200;
  screen.write(1, 'prompt: ');
  now += 200;
  screen.showStatus('taskify 2/2');
  assert.is(raw.log.at(-1), '1:prompt: ', 'not drawn after an unfinished line');
  screen.write(1, 'answer\n');
  now += 200;
  screen.showStatus('taskify 2/2');
  assert.is(raw.log.at(-1), '2:\rtaskify 2/2\x1b[K');
  screen.endStatus('taskify done');
  assert.is(raw.log.at(-1), '2:\rtaskify done\x1b[K\n', 'the final state stays on its own line');
  screen.write(1, 'after\n');
  assert.is(raw.log.at(-1), '1:after\n', 'no status line any more: nothing to erase');
});

test('status line: output off the terminal (stdout piped) does not erase it; cut to the width; nothing when stderr is no terminal', () => {
  const raw = recorder([2], 20);
  const screen = new Screen(raw, () => 0);
  screen.showStatus('taskify 0123456789 0123456789');
  assert.equal(raw.log, ['2:\rtaskify 0123456789 \x1b[K'], 'one column short of the width');
  screen.write(1, 'to a pipe\n');
  assert.is(raw.log.at(-1), '1:to a pipe\n');
  assert.is(raw.log.length, 2);
  const piped = recorder([]);
  const off = new Screen(piped, () => 0);
  off.showStatus('taskify');
  off.endStatus('taskify');
  assert.equal(piped.log, []);
});

test('an async task\'s output after it went async is where the program is when it comes; in a blocking wait, after the code that waits', async () => {
  const { raw, order, run, finish } = setup();
  const a = run.submit();
  order.write(1, 'started\n');
  finish(a, [{ fd: 1, text: 'before its await\n' }, { fd: 1, later: true }, { fd: 1, text: 'after its await\n' }]);
  order.write(1, 'awaited\n');
  assert.equal(raw.log, ['1:before its await\n', '1:started\n', '1:after its await\n', '1:awaited\n']);

  raw.log.length = 0;
  const b = run.submit();
  run.busy(true); // b's outcome comes while the program waits for another call, in the middle of its code
  finish(b, [{ fd: 1, later: true }, { fd: 1, text: 'b after its await\n' }]);
  order.write(1, 'the rest of that code\n');
  run.busy(false);
  assert.equal(raw.log, ['1:the rest of that code\n']);
  await Promise.resolve();
  assert.equal(raw.log, ['1:the rest of that code\n', '1:b after its await\n']);

  raw.log.length = 0;
  const c = run.submit(); // nothing of main's held: its own line before the await still comes first
  finish(c, [{ fd: 1, text: 'c starts\n' }, { fd: 1, later: true }, { fd: 1, text: 'c ends\n' }]);
  assert.equal(raw.log, ['1:c starts\n', '1:c ends\n']);
});

test.run();
