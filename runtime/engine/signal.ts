/**
 * A wake-up counter in shared memory. The engine bumps it after every message to the main thread; a main
 * thread blocked in Atomics.wait on the value it last saw wakes, and cannot miss a bump that came between
 * its check and its wait. A second cell marks the engine dead, since a blocked main thread cannot receive
 * the engine's 'exit' or 'error' events.
 */
const COUNTER = 0;
const DEAD = 1;

export class Signal {
  readonly cells: Int32Array;
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(8)) {
    this.cells = new Int32Array(buffer);
  }
  current(): number { return Atomics.load(this.cells, COUNTER); }
  bump(): void {
    Atomics.add(this.cells, COUNTER, 1);
    Atomics.notify(this.cells, COUNTER);
  }
  markDead(): void {
    Atomics.store(this.cells, DEAD, 1);
    this.bump();
  }
  isDead(): boolean { return Atomics.load(this.cells, DEAD) === 1; }
  /** Block until the counter moves past `seen`, or `timeoutMs` passes. */
  waitPast(seen: number, timeoutMs: number): void { Atomics.wait(this.cells, COUNTER, seen, timeoutMs); }
}
