/**
 * Every Redis key and BullMQ queue name taskify uses, in one place. A run's keys all start with `taskify:run:<id>:`,
 * so that ending a run (or `taskify clean --redis`) can find and delete them by pattern.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** The set of machines that announced themselves; each also keeps a heartbeat key that expires if it dies. */
export const MACHINES = 'taskify:machines';
export const machineKey = (machine: string): string => `taskify:machine:${machine}`;
export const machineQueue = (machine: string): string => `taskify-machine-${machine}`;
/** Pub/sub channel where a master announces that its run ended: machines drop its directory and pools. */
export const RUN_ENDED = 'taskify:run-ended';

/** Runs whose masters started and did not end them: machines remove the keys of those whose alive key expired. */
export const RUNS = 'taskify:runs';
export const runPrefix = (run: string): string => `taskify:run:${run}:`;
/** Kept alive by the master while its run lasts: machines drop the run's files once it is gone. */
export const runAlive = (run: string): string => `${runPrefix(run)}alive`;
/** The blob of one attempt at producing a version (`m`: written by the master's main thread). */
export const blobKey = (run: string, key: string, attempt: string): string => `${runPrefix(run)}${key}:${attempt}`;
/** A BullMQ job id: unique per run, task and attempt, so that a stale attempt's completion is recognised. */
export const jobId = (run: string, taskId: number, attempt: number): string => `${run}.${taskId}.${attempt}`;

export const newRunId = (): string => `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
export const newMachineId = (): string => `${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
export const newAttemptId = (): string => randomBytes(4).toString('hex');
