/** The event observers (runtime/observe) hear when the program submits a task. */
import { versionKey } from '../protocol';
import type { TaskHandle } from './task-handle';
import { collectAccesses } from '../engine/accesses';
import { epochNow, type Observers } from '../observe/hooks';
import { submissionLabels } from '../observe/data-names';

/** Observers hear of a submitted task: what it reads and writes, and its data's names (observe/data-names.ts). */
export function observeSubmit(observers: Observers, taskId: number, handle: TaskHandle, wire: Parameters<typeof collectAccesses>[0], resultData: number, labels?: string): void {
  const reads = new Set<string>();
  const writes: string[] = [];
  collectAccesses(wire, reads, writes);
  const { name } = handle.def;
  const result = versionKey(resultData, 1);
  observers.emit({
    kind: 'submit', time: epochNow(), taskId, name, reads: [...reads], writes, result,
    labels: submissionLabels(wire, handle.paramNames, labels, name, result, handle.def.state),
  });
}
