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
import { programOutput } from '../output/program-output';
import { toTrace } from './trace';
import { GRAPH_TASK_LIMIT, toDot } from './task-graph';
import { renderSvgSync } from './render-svg';
import { summarize } from './summary';
import { newTotals, totalsHooks, type RunTotals } from './function-stats';

/** A run this long on a terminal ends with a summary even without TASKIFY_SUMMARY=1. */
const LONG_RUN_MS = 10_000;

export class ConfiguredObservers {
  private log?: RunLog;
  private totals?: RunTotals;
  private progress?: ProgressLine;
  private finished = false;

  constructor(private readonly config: RuntimeConfig) {}

  attach(observers: Observers): void {
    const { config } = this;
    const terminal = process.stderr.isTTY === true;
    if (config.traceFile || config.graphFile) {
      this.log = newRunLog(config.workers, epochNow());
      observers.add(recordingHooks(this.log));
    }
    // Totals take bounded memory: kept on every terminal, for the summary a long run ends with.
    if (config.summary === 'always' || (config.summary === 'long-runs' && terminal)) {
      this.totals = newTotals(config.workers, epochNow());
      observers.add(totalsHooks(this.totals));
    }
    if (config.progress) {
      this.progress = new ProgressLine(programOutput().screen, Math.max(1, config.workers), config.progressAfterMs);
      observers.add(this.progress.hooks);
    }
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.progress?.stop();
    const now = epochNow();
    const { log, totals } = this;
    const { traceFile, graphFile, summary } = this.config;
    if (log) {
      log.endedAt = now;
      if (traceFile) writeOutput('TASKIFY_TRACE', traceFile, () => JSON.stringify(toTrace(log)));
      if (graphFile) writeGraph(log, graphFile);
    }
    if (totals) {
      totals.endedAt = now;
      if (summary === 'always' || now - totals.startedAt > LONG_RUN_MS) process.stderr.write(summarize(totals));
    }
  }
}

function writeGraph(log: RunLog, file: string): void {
  if (!/\.svg$/i.test(file)) return writeOutput('TASKIFY_GRAPH', file, () => toDot(log));
  if (log.tasks.size <= GRAPH_TASK_LIMIT) return writeOutput('TASKIFY_GRAPH', file, () => renderSvgSync(toDot(log)));
  const dot = file.replace(/\.svg$/i, '.dot');
  process.stderr.write(`taskify: the graph has ${log.tasks.size} tasks, more than the ${GRAPH_TASK_LIMIT} rendered as SVG; ` +
    `its Graphviz source is in ${dot}\n`);
  writeOutput('TASKIFY_GRAPH', dot, () => toDot(log));
}

function writeOutput(variable: string, file: string, contents: () => string): void {
  try {
    writeFileSync(file, contents());
  } catch (error) {
    process.stderr.write(`taskify: could not write ${variable} file ${file}: ${(error as Error).message}\n`);
  }
}
