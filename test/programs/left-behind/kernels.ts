/**
 * Tasks that leave work behind when they return: a timer, a next tick, an exit listener. The plain calls' leftovers
 * ran on the main thread in their place; in a worker they ran after the reply, out of order, or never: such calls run
 * in place. A task whose promise waits for its timer is an ordinary task. (The timer is due well after the sleeps: a
 * timer due while the program awaits a task fires after that task in the taskified program: docs/ARCHITECTURE.md.)
 */

/** @task */
export function withTimer(n: number): number {
  setTimeout(() => console.log('timer fired', n), 200);
  process.nextTick(() => console.log('tick', n));
  return n;
}

/** @task */
export function onExit(n: number): number {
  process.on('exit', () => console.log('exit handler', n));
  return n;
}

/** @task */
export function sleepy(n: number): Promise<number> {
  return new Promise((resolve) => setTimeout(() => resolve(n * 2), 5));
}
