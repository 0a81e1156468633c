/**
 * The observers the environment asks for (TASKIFY_TRACE, TASKIFY_GRAPH, TASKIFY_PROGRESS, TASKIFY_SUMMARY),
 * attached to a run at its start and finished at its end. Finishing is synchronous because a run may end
 * in process 'exit'; a file that cannot be written is reported and never fails the program.
 */
import { writeFileSync } from 'node:fs';
import type { RuntimeConfig } from '../config';
import { epochNow, type Observers } from './hooks';
import { newRunLog, recordingHooks, type RunLog } from './run-log';
import { ProgressLine } from './progress';
import { toTrace } from './trace';
import { toDot } from './task-graph';
import { renderSvgSync } from './render-svg';
import { summarize } from './summary';

/** A run this long on a terminal ends with a summary even without TASKIFY_SUMMARY=1. */
const LONG_RUN_MS = 10_000;

export class ConfiguredObservers {
  private log?: RunLog;
  private progress?: ProgressLine;
  private finished = false;

  constructor(private readonly config: RuntimeConfig) {}

  attach(observers: Observers): void {
    const { config } = this;
    const terminal = process.stderr.isTTY === true;
    const wantsLog = config.traceFile || config.graphFile || config.summary === 'always' || (config.summary === 'long-runs' && terminal);
    if (wantsLog) {
      this.log = newRunLog(config.workers, epochNow());
      observers.add(recordingHooks(this.log));
    }
    if (config.progress) {
      this.progress = new ProgressLine();
      observers.add(this.progress.hooks);
    }
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.progress?.stop();
    const log = this.log;
    if (!log) return;
    log.endedAt = epochNow();
    const { traceFile, graphFile, summary } = this.config;
    if (traceFile) writeOutput('TASKIFY_TRACE', traceFile, () => JSON.stringify(toTrace(log)));
    if (graphFile) writeOutput('TASKIFY_GRAPH', graphFile, () => (/\.svg$/i.test(graphFile) ? renderSvgSync(toDot(log)) : toDot(log)));
    const long = log.endedAt - log.startedAt > LONG_RUN_MS && process.stderr.isTTY === true;
    if (summary === 'always' || (summary === 'long-runs' && long)) process.stderr.write(summarize(log));
  }
}

function writeOutput(variable: string, file: string, contents: () => string): void {
  try {
    writeFileSync(file, contents());
  } catch (error) {
    process.stderr.write(`taskify: could not write ${variable} file ${file}: ${(error as Error).message}\n`);
  }
}
