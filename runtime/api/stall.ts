/**
 * A wait that makes no progress says why, once: after TASKIFY_STALL_REPORT seconds (default 60) with no task
 * finishing while the program waits, the engine is asked what runs and what waits, and the answer is printed with
 * each task's call site. A task finishing starts the count again; 0 turns the report off.
 */
import { performance } from 'node:perf_hooks';
import type { StatusReport } from '../protocol';

export class StallWatch {
  private lastProgress = performance.now();
  private asked = false;

  constructor(private readonly limitMs: number, private readonly ask: () => void) {}

  /** A task finished. */
  progress(): void {
    this.lastProgress = performance.now();
    this.asked = false;
  }

  /** A wait that began at `waitStarted` (performance.now()) goes on. */
  check(waitStarted: number): void {
    if (this.limitMs === 0 || this.asked) return;
    if (performance.now() - Math.max(this.lastProgress, waitStarted) < this.limitMs) return;
    this.asked = true;
    this.ask();
  }

  /** How often a waiting thread should check. */
  get pollMs(): number { return this.limitMs === 0 ? Infinity : Math.min(this.limitMs, 1000); }
}

/** The report, one line per task; `whereOf` names a task by its call site when the program still knows it. */
export function formatStall(report: StatusReport, stalledSeconds: number, whereOf: (taskId: number, name: string) => string): string {
  const lines = [`taskify: no task has finished for ${stalledSeconds} s while the program waits.`];
  if (report.running.length === 0) lines.push('  nothing is running');
  for (const task of report.running) {
    lines.push(`  running for ${task.seconds} s${task.place ? ` on ${task.place}` : ''}: ${whereOf(task.taskId, task.name)}`);
  }
  for (const task of report.ready) lines.push(`  ready, waiting for a free worker: ${whereOf(task.taskId, task.name)}`);
  for (const task of report.waiting) {
    lines.push(`  waiting for task(s) ${task.waitsFor.map((id) => `#${id}`).join(', ')}: ${whereOf(task.taskId, task.name)}`);
  }
  lines.push('  (set TASKIFY_TASK_TIMEOUT or @timeout to stop tasks that run too long; TASKIFY_STALL_REPORT=0 silences this)');
  return lines.join('\n') + '\n';
}
