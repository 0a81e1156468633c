/**
 * The program's settings are checked when the runtime is loaded, in the program's own thread: one that cannot work
 * (`TASKIFY_GRAPH=g.png`, `TASKIFY_WORKERS=four`, a trace into a directory that does not exist) stops the program
 * there, before it has printed or computed anything, with one line naming the variable, its value and what is
 * accepted. Before, the first task threw it with a stack trace, or the run went to its end and then lost the trace.
 */
import { checkSettings, type RuntimeConfig } from '../config';
import { TaskifyError } from '../errors';

export function settingsAtLoad(): RuntimeConfig {
  let checked: ReturnType<typeof checkSettings>;
  try {
    checked = checkSettings();
  } catch (error) {
    if (!(error instanceof TaskifyError)) throw error;
    process.stderr.write(`taskify: ${error.message}\n`);
    process.exit(1);
  }
  for (const warning of checked.warnings) process.stderr.write(`taskify: warning: ${warning}\n`);
  return checked.config;
}
