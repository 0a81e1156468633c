/** A task's function as its worker finds it: its module imported once per thread (quietly), its export by name. */
import { noteModule } from '../store/classes';
import { exportNamed } from '../module-exports';
import { importQuietly } from './task-output';

const modules = new Map<string, Promise<Record<string, unknown>>>();

export async function loadFunction(moduleUrl: string, name: string): Promise<(...args: unknown[]) => unknown> {
  let loading = modules.get(moduleUrl);
  if (!loading) {
    loading = importQuietly(() => import(moduleUrl) as Promise<Record<string, unknown>>);
    modules.set(moduleUrl, loading);
  }
  const namespace = await loading;
  noteModule(moduleUrl, namespace); // its exported classes can now travel in return values
  const fn = exportNamed(namespace, name);
  if (typeof fn !== 'function') {
    throw new TypeError(`taskify: module ${moduleUrl} has no exported function ${JSON.stringify(name)} ` +
      `(found ${fn === undefined ? 'nothing' : typeof fn}); a task must be exported from its module so a worker can import it`);
  }
  return fn as (...args: unknown[]) => unknown;
}
