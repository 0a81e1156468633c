/** How a task is named for workers: an importable module, an export name, and what each parameter does. */
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Direction, TaskDef } from '../protocol';
import { badTask } from '../errors';

export interface ParamSpec {
  readonly name?: string;
  readonly direction: Direction;
  /** Recurrent read-only: a typed array read by many tasks, never written; workers share one copy per machine. */
  readonly rro?: boolean;
  /** The task uses the typed array's `.buffer`: give it a buffer of its own (a copy) rather than a view. */
  readonly wholeBuffer?: boolean;
  /** The task returns this argument on every path: a call's result is the caller's own argument, not a copy. */
  readonly returned?: boolean;
}

export interface TaskHandle {
  readonly def: TaskDef;
  readonly paramNames: readonly string[];
}

let nextDefId = 1;

/**
 * @param module the task's module: `import.meta.url`, `__filename`, a file: URL or an absolute path
 * @param name the export name of the task function in that module
 * @param params one entry per parameter: a direction, or a full ParamSpec
 */
export function defineTask(module: string, name: string, params: readonly (Direction | ParamSpec)[]): TaskHandle {
  const url = toModuleUrl(module, name);
  const specs = params.map((p, i): ParamSpec => {
    const spec = typeof p === 'string' ? { direction: p } : p;
    if (!['in', 'out', 'inout'].includes(spec.direction)) {
      throw badTask(`task ${name}: parameter ${spec.name ?? `#${i}`} has direction ${JSON.stringify(spec.direction)}; expected "in", "out" or "inout"`);
    }
    if (spec.rro && spec.direction !== 'in') {
      // Every reader of an @rro version shares one copy: a task that wrote it would change it under the others.
      throw badTask(`task ${name}: parameter ${spec.name ?? `#${i}`} is @rro, so it must be "in", not ${JSON.stringify(spec.direction)}`);
    }
    return spec;
  });
  return {
    def: {
      id: nextDefId++, module: url, name, directions: specs.map((s) => s.direction), rro: specs.map((s) => s.rro ?? false),
      ownBuffer: specs.map((s) => s.wholeBuffer ?? false),
      ...(specs.some((s) => s.returned) ? { returns: specs.findIndex((s) => s.returned) } : {}),
    },
    paramNames: specs.map((s, i) => s.name ?? `#${i}`),
  };
}

function toModuleUrl(module: string, name: string): string {
  let path: string;
  if (module.startsWith('file:')) path = fileURLToPath(module);
  else if (isAbsolute(module)) path = module;
  else throw badTask(`task ${name}: module must be a file: URL or an absolute path (use import.meta.url or __filename), got ${JSON.stringify(module)}`);
  if (!existsSync(path)) throw badTask(`task ${name}: module ${path} does not exist`);
  return pathToFileURL(path).href;
}
