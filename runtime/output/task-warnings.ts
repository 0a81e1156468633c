/**
 * process.emitWarning in a task: the plain call's warning was the program's, printed by its process (`(node:PID)
 * CustomWarning: …`, the `--trace-warnings` hint once) and heard by its process.on('warning'). A pool thread's warning
 * is its own: printed a tick after the task ended, unordered, and lost when the program exits first. So a task's
 * warning travels as a mark in its output, and the main thread emits it where the output is placed.
 */

/** What the warning said: its text or error (name, message), and the type, code and detail it was given. */
export interface WarningMark {
  readonly warning: string | { readonly name: string; readonly message: string };
  readonly type?: string;
  readonly code?: string;
  readonly detail?: string;
}

/** The mark for `process.emitWarning(warning, type?, code?)` or `(warning, { type, code, detail })`. */
export function warningMark(warning: unknown, rest: readonly unknown[]): WarningMark {
  const [second, third] = rest;
  const options = typeof second === 'object' && second !== null ? second as { type?: unknown; code?: unknown; detail?: unknown } : { type: second, code: third };
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    warning: warning instanceof Error ? { name: warning.name, message: warning.message } : String(warning),
    ...(text(options.type) !== undefined ? { type: text(options.type) } : {}),
    ...(text(options.code) !== undefined ? { code: text(options.code) } : {}),
    ...(text(options.detail) !== undefined ? { detail: text(options.detail) } : {}),
  };
}

/** On the main thread, where the task's output is placed: the warning, emitted as the program's. */
export function emitTaskWarning(mark: WarningMark): void {
  if (typeof mark.warning === 'string') {
    process.emitWarning(mark.warning, { type: mark.type, code: mark.code, detail: mark.detail });
  } else {
    const error = new Error(mark.warning.message);
    error.name = mark.warning.name;
    process.emitWarning(error);
  }
}
