/**
 * A task call's name in errors: `task <name> (<file:line>)`, the site the plugin emitted or, for calls made by hand,
 * the first stack frame outside the runtime. Apart from the Runtime because the inline runtime names its calls the
 * same way, and the stack is read only if an error needs it.
 */
import { join } from 'node:path';

/** The task's name and call site, formatted only if an error needs it. */
export function describeSite(name: string, site: string | undefined): () => string {
  if (site !== undefined) return () => `task ${name} (${site})`;
  const capture = new Error(); // V8 formats the stack lazily: cheap unless read
  return () => `task ${name} (${callerOf(capture)})`;
}

function callerOf(capture: Error): string {
  const lines = (capture.stack ?? '').split('\n').slice(1).map((l) => l.trim());
  const outside = lines.find((l) => !l.includes(`${join('runtime', 'api')}`) && !l.includes('runtime/index'));
  return outside?.replace(/^at\s+/, '') ?? 'unknown call site';
}
