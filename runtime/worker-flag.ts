/**
 * Whether this thread is a taskify pool worker. Task modules are imported by workers, so code in them (and tasks
 * that call tasks) must know: there, a task call runs inline and program entry code does not run.
 */
const WORKER_FLAG = Symbol.for('taskify.worker');

export function inWorker(): boolean { return (globalThis as Record<symbol, unknown>)[WORKER_FLAG] === true; }

export function markThisThreadAWorker(): void { (globalThis as Record<symbol, unknown>)[WORKER_FLAG] = true; }
