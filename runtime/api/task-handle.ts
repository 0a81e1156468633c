/** How a task is named for workers: an importable module, an export name, and what each parameter does. */
import type { FileAccess } from './file-order';
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FAILURE_POLICIES, type Direction, type FailurePolicy, type TaskDef } from '../protocol';
import { badTask } from '../errors';
import { noteTaskModule } from '../store/classes';

export interface ParamSpec {
  readonly name?: string;
  readonly direction: Direction;
  /** Recurrent read-only: a typed array read by many tasks, never written; workers share one copy per machine. */
  readonly rro?: boolean;
  /** The task uses the typed array's `.buffer`: give it a buffer of its own (a copy) rather than a view. */
  readonly wholeBuffer?: boolean;
  /** The task returns this argument on every path: a call's result is the caller's own argument, not a copy. */
  readonly returned?: boolean;
  /** The task's value may hold this argument or a part of it (`return { config: cfg }`): the caller's own, once home. */
  readonly heldInValue?: boolean;
  /** A rest parameter (`...arrs`): the arguments from here on are its elements, each with its direction. */
  readonly rest?: boolean;
}

/** How a task's runs are bounded and what its failure leads to (JSDoc: `@timeout <seconds>`, `@onFailure <policy> [n]`). */
export interface TaskOptions {
  /** Seconds a run may take; a longer one is stopped and fails as timed out. Default: TASKIFY_TASK_TIMEOUT, else none. */
  readonly timeout?: number;
  /** What a failure leads to; 'cancel-successors' by default. See FailurePolicy. */
  readonly onFailure?: FailurePolicy;
  /** With onFailure 'retry': how many times to run the task again (default 1). */
  readonly retries?: number;
  /** Module objects the task reads (registered by the plugin; api/module-state.ts). */
  readonly state?: readonly ModuleStateSpec[];
  /** The task reads files, or changes them, where other tasks of the program change files (api/file-order.ts). */
  readonly files?: FileAccess;
}

/**
 * A module object the program changes, by key: each call carries a snapshot of it. Or one only tasks use and keep
 * between calls (`kept`): the runtime follows its versions as an argument's, `inout` for a task that `changes` it.
 */
export type ModuleStateSpec = string | { readonly key: string; readonly kept: true; readonly changes?: boolean };

export interface TaskHandle {
  readonly def: TaskDef;
  readonly paramNames: readonly string[];
  /** Per entry of def.state: kept between calls by tasks (no snapshot of the program's object at each call). */
  readonly keptState?: readonly boolean[];
  readonly files?: FileAccess;
}

let nextDefId = 1;

/**
 * @param module the task's module: `import.meta.url`, `__filename`, a file: URL or an absolute path
 * @param name the export name of the task function in that module
 * @param params one entry per parameter: a direction, or a full ParamSpec
 */
export function defineTask(module: string, name: string, params: readonly (Direction | ParamSpec)[], options: TaskOptions = {}): TaskHandle {
  const url = toModuleUrl(module, name);
  checkOptions(name, options);
  noteTaskModule(url);
  // Module state travels as implicit arguments after the task's own: `in`, or `inout` for kept state the task changes.
  const state = (options.state ?? []).map((spec) => (typeof spec === 'string' ? { key: spec, kept: false, changes: false } : { changes: false, ...spec }));
  const withState = [...params, ...state.map(({ key, changes }): ParamSpec => ({ name: `module state ${key}`, direction: changes ? 'inout' : 'in' }))];
  const specs = withState.map((p, i): ParamSpec => {
    const spec = typeof p === 'string' ? { direction: p } : p;
    if (!['in', 'out', 'inout'].includes(spec.direction)) {
      throw badTask(`task ${name}: parameter ${spec.name ?? `#${i}`} has direction ${JSON.stringify(spec.direction)}; expected "in", "out" or "inout"`);
    }
    if (spec.rro && spec.direction !== 'in') {
      // Every reader of an @rro version shares one copy: a task that wrote it would change it under the others.
      throw badTask(`task ${name}: parameter ${spec.name ?? `#${i}`} is @rro, so it must be "in", not ${JSON.stringify(spec.direction)}`);
    }
    // An ignored failure leaves the object as it was before the call, so that state must travel: out becomes inout.
    return options.onFailure === 'ignore' && spec.direction === 'out' ? { ...spec, direction: 'inout' } : spec;
  });
  return {
    def: {
      id: nextDefId++, module: url, name, directions: specs.map((s) => s.direction), rro: specs.map((s) => s.rro ?? false),
      ownBuffer: specs.map((s) => s.wholeBuffer ?? false),
      ...(specs.some((s) => s.returned) ? { returns: specs.findIndex((s) => s.returned) } : {}),
      ...(specs.some((s) => s.heldInValue) ? { holdsArguments: true } : {}),
      ...(options.timeout !== undefined ? { timeoutMs: options.timeout * 1000 } : {}),
      ...(options.onFailure !== undefined ? { onFailure: options.onFailure } : {}),
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
      ...(state.length ? { state: state.map((s) => s.key) } : {}),
      ...(specs.some((s) => s.rest) ? { restAt: specs.findIndex((s) => s.rest) } : {}),
    },
    paramNames: specs.map((s, i) => s.name ?? `#${i}`),
    ...(state.some((s) => s.kept) ? { keptState: state.map((s) => s.kept) } : {}),
    ...(options.files ? { files: options.files } : {}),
  };
}

function checkOptions(name: string, { timeout, onFailure, retries, files }: TaskOptions): void {
  if (files !== undefined && files !== 'reads' && files !== 'changes') {
    throw badTask(`task ${name}: files must be "reads" or "changes", got ${JSON.stringify(files)}`);
  }
  if (timeout !== undefined && !(typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0)) {
    throw badTask(`task ${name}: timeout must be a positive number of seconds, got ${JSON.stringify(timeout)}`);
  }
  if (onFailure !== undefined && !FAILURE_POLICIES.includes(onFailure)) {
    throw badTask(`task ${name}: onFailure must be one of ${FAILURE_POLICIES.map((p) => JSON.stringify(p)).join(', ')}, got ${JSON.stringify(onFailure)}`);
  }
  if (retries !== undefined && (onFailure !== 'retry' || !Number.isInteger(retries) || retries < 0)) {
    throw badTask(`task ${name}: retries must be a non-negative integer, given with onFailure 'retry'; got ${JSON.stringify(retries)}` +
      (onFailure !== 'retry' ? ` with onFailure ${JSON.stringify(onFailure)}` : ''));
  }
}

function toModuleUrl(module: string, name: string): string {
  let path: string;
  if (module.startsWith('file:')) path = fileURLToPath(module);
  else if (isAbsolute(module)) path = module;
  else throw badTask(`task ${name}: module must be a file: URL or an absolute path (use import.meta.url or __filename), got ${JSON.stringify(module)}`);
  if (!existsSync(path)) throw badTask(`task ${name}: module ${path} does not exist`);
  return pathToFileURL(path).href;
}
