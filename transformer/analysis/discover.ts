/**
 * Finding the tasks of a program: functions tagged @task, with their parameters' directions and the reasons,
 * and clear errors for tasks a worker could not run. (A function's names: function-names.ts; what a call needs of each
 * parameter beyond its direction: task-params.ts; module objects' keys: module-state-keys.ts.)
 */
import type * as ts from 'typescript';
import type { ProgramUse } from './program-kept-uses';
import { isFunctionLike, isTypedArrayType, type AnalysisContext, type FunctionLike } from './context';
import { codes, taskError } from './diagnostics';
import { prototypeChange } from './prototype-changes';
import { directionOf, type ParamDirection } from './directions';
import type { Summaries } from './summaries';
import { moduleStateOf } from './module-state';
import { taskModuleState } from './task-state';
import { importOfProgramRun } from './worker-imports';
import { readTaskTags, type RunOptions } from './tags';
import { unsendableParameter } from './sendable-result';
import { accessorInResult } from './result-accessors';
import { unsendableResult } from './sendable-result';
import { processChanged, workLeftBehind } from './left-behind';
import { untravelledProperty } from './untravelled-properties';
import { printingLazyLoad } from './lazy-loads';
import { closest } from '../../runtime/spelling';
import { mayPrint } from './prints';
import { exportedName, functionName } from './function-names';
import { alwaysReturnedParameter, outlives } from './task-params';
import { where } from './node-places';
import { censusOf } from './syntax-census';

export interface TaskInfo {
  readonly name: string;
  readonly fn: FunctionLike;
  readonly file: string;
  readonly line: number;
  readonly params: readonly (ParamDirection & {
    readonly rro: boolean;
    /** A reference to the argument outlives the call other than as the return value. */
    readonly escapes?: string;
    /** The task may return the argument (or a part of it): the caller gets its own object back. */
    readonly returned?: string;
    readonly wholeBuffer?: boolean;
  })[];
  /** Every path returns this parameter itself (`merge(acc, part) { …; return acc }`): `x = f(x, …)` changes only x's contents. */
  readonly returnsArgument?: number;
  /**
   * Why its calls run in place, as plain (rewrite/call-blockers.ts; one reason, the first found): its declared value
   * cannot come back from a worker (a function, a symbol, an instance the program cannot rebuild: sendable-result.ts),
   * it gives an object a prototype (prototype-changes.ts), it leaves work behind when it returns (a timer, a process
   * listener) or changes the process the program shares (`process.env.X = v`: left-behind.ts).
   */
  readonly runsInPlace?: string;
  /** @timeout and @onFailure, passed to defineTask as they are. */
  readonly options: RunOptions;
  /** Module objects the task reads and the program changes: each call carries a snapshot (runtime/api/module-state.ts). */
  readonly moduleState?: readonly ModuleStateRef[];
  /** Proved never to write to stdout or stderr (prints.ts): its calls may be submitted ahead of the plain order. */
  readonly quiet?: boolean;
  /** Not a task: a program function that returns these tasks' Futures (rewrite/forwarders.ts); its calls stay calls. */
  readonly forwards?: readonly string[];
  /**
   * A forwarder whose calls no plan sees all of (a class's method, a function other modules call or that is passed
   * on): its planned calls run through the runtime, and it claims them (api/forwarding.ts). `self`: how its own body
   * names it (`Part.prototype.total`, `sumOf`).
   */
  readonly claims?: { readonly self: readonly string[]; readonly method: boolean };
}

/** A module-level `const` object, named by a key the same in every thread: its file (relative) and name. */
export interface ModuleStateRef {
  readonly key: string;
  readonly name: string;
  readonly declaration: ts.VariableDeclaration;
  /** Only tasks use it and keep it between calls (kept-state.ts): the runtime follows its versions, no snapshot at each call. */
  readonly kept?: boolean;
  /** The task may change it: it travels back (`inout`). */
  readonly changes?: boolean;
  /** Kept state the program names too: where it waits for the tasks' changes (program-kept-uses.ts). */
  readonly programUses?: readonly ProgramUse[];
}

export interface Discovery {
  readonly tasks: TaskInfo[];
  readonly diagnostics: ts.Diagnostic[];
}

export function discoverTasks(ctx: AnalysisContext, summaries: Summaries, source: ts.SourceFile): Discovery {
  const tasks: TaskInfo[] = [];
  const diagnostics: ts.Diagnostic[] = [];
  // A file that never writes `@task` declares no task (most files of a program): nothing to look for.
  if (!source.text.includes('@task')) return { tasks, diagnostics };
  for (const fn of censusOf(ctx, source).functions) {
    const tags = readTaskTags(ctx, fn);
    if (tags) {
      const before = diagnostics.length;
      const task = describeTask(ctx, summaries, fn, diagnostics);
      if (task && diagnostics.length === before) tasks.push(task);
    }
  }
  return { tasks, diagnostics };
}

function describeTask(ctx: AnalysisContext, summaries: Summaries, fn: FunctionLike, diagnostics: ts.Diagnostic[]): TaskInfo | undefined {
  const { ts } = ctx;
  const name = functionName(ctx, fn);
  const fail = (node: ts.Node, code: number, message: string) => diagnostics.push(taskError(ctx, node, code, `task ${name}: ${message}`));

  const owner = enclosingFunction(ctx, fn);
  if (owner && ts.isClassLike(owner) && (ts.isMethodDeclaration(fn) || ts.isPropertyDeclaration(fn.parent))) {
    // (`static sum(xs) {…}`, `sum = (xs) => …`: a class member, not a function nested in another.)
    const where = owner.name ? `class \`${owner.name.text}\`` : 'a class';
    const isStatic = ts.canHaveModifiers(fn) && ts.getModifiers(fn)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ||
      ts.isPropertyDeclaration(fn.parent) && ts.getModifiers(fn.parent)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    fail(fn, codes.nested, `is ${isStatic ? 'a static method' : 'a method'} of ${where}; a worker imports a task as a function its module exports, ` +
      `so declare \`export function ${name}(…)\` at the module's top level (the class may call it)`);
    return undefined;
  }
  if (owner) {
    fail(fn, codes.nested, 'is nested in another function; a worker can only import functions declared at the top level of a module');
    return undefined;
  }
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.asteriskToken) {
    fail(fn, codes.generator, 'is a generator; a task must return its result');
  }
  const exported = exportedName(ctx, fn);
  const namespace = ctx.ts.findAncestor(fn.parent, ctx.ts.isModuleDeclaration);
  if (!exported) fail(fn, codes.notExported, namespace ? `is inside namespace \`${namespace.name.getText()}\`; a worker imports a task by its module's own export, so declare it at the module's top level` : 'is not exported; a worker imports a task from its module, so add `export`');
  const self = findThis(ctx, fn);
  if (self) fail(self, codes.usesThis, 'uses `this`; a task runs in another thread without its object');
  const isTask = (node: ts.Node) => isFunctionLike(ctx, node) && readTaskTags(ctx, node) !== undefined;
  const state = moduleStateOf(ctx, isTask);
  const runsProgram = exported ? importOfProgramRun(ctx, fn.getSourceFile(), isTask) : undefined;
  if (runsProgram) {
    fail(runsProgram, codes.importsProgram, `a worker importing it would also import a module that calls tasks when it loads, the program ` +
      `itself (${where(runsProgram)}), and run it again (move what the task needs from there into a module of its own)`);
  }
  // What the task reads or keeps of the state outside it: errors, or the module state its calls carry.
  const moduleState = taskModuleState(ctx, summaries, fn, state, fail);

  const tags = readTaskTags(ctx, fn)!;
  for (const { tag, message } of tags.optionErrors) fail(tag, codes.badRunOption, message);
  const paramNames = fn.parameters.map((p) => p.name.getText());
  for (const { name: tagged, tag } of [...tags.rro, ...tags.overrides]) {
    if (!paramNames.includes(tagged)) {
      const hint = closest(tagged, paramNames);
      fail(tag, codes.unknownTagParam, `@${tag.tagName.text} names ${tagged ? `\`${tagged}\`` : 'no parameter'}, which is not a parameter` +
        (hint ? ` (did you mean \`${hint}\`?)` : ` (parameters: ${paramNames.join(', ') || 'none'})`));
    }
  }

  const summary = summaries.get(fn);
  const params = fn.parameters.map((param, i) => {
    const unsendable = unsendableParameter(ctx, ctx.checker.getTypeAtLocation(param));
    if (unsendable) fail(param, codes.unsendableParam, `parameter \`${param.name.getText()}\` cannot be sent to a worker: it ${unsendable}`);
    let direction = directionOf(ctx, param, summary.params[i] ?? {});
    const override = tags.overrides.find((o) => o.name === direction.name);
    if (override) {
      if (override.direction === 'in' && direction.direction !== 'in' && !summary.params[i]?.writtenKnown) {
        // Every write the analysis has is one it assumes of code it cannot see (a library's method, an undeclared
        // function): the user's word that the task only reads it is taken, and explain says so.
        direction = { ...direction, direction: 'in', reason: `@in in the JSDoc, trusted: the analysis sees no write, only code of unknown effect (${direction.reason})` };
      } else if (override.direction === 'in' && direction.direction !== 'in') {
        fail(override.tag, codes.contradictsAnalysis, `@in ${direction.name} contradicts the analysis: ${direction.reason}`);
      } else if (override.direction === 'out' && direction.direction === 'in') {
        fail(override.tag, codes.contradictsAnalysis, `@out ${direction.name}, but the task never writes it (${direction.reason})`);
      } else {
        direction = { ...direction, direction: override.direction, reason: `@${override.direction} in the JSDoc (analysis: ${direction.direction}, ${direction.reason})` };
      }
    }
    const rroTag = tags.rro.find((r) => r.name === direction.name);
    if (rroTag) {
      if (!isTypedArrayType(ctx, ctx.checker.getTypeAtLocation(param))) {
        fail(rroTag.tag, codes.rroNotTypedArray, `@rro ${direction.name}: only typed arrays can be shared read-only, and its type is ${ctx.checker.typeToString(ctx.checker.getTypeAtLocation(param))}`);
      } else if (direction.direction !== 'in') {
        fail(rroTag.tag, codes.contradictsAnalysis, `@rro ${direction.name}, but the task writes it: ${direction.reason}`);
      }
    }
    return { ...direction, rro: rroTag !== undefined, ...outlives(ctx, summary, fn, i, { keepsState: moduleState.some((s) => s.changes) }) };
  });
  const runsInPlace = inPlaceReason(ctx, fn, exported ?? name);
  const source = fn.getSourceFile();
  const returnsArgument = alwaysReturnedParameter(ctx, fn);
  return withQuietOnDemand(ctx, {
    name: exported ?? name, fn, file: source.fileName, line: source.getLineAndCharacterOfPosition(fn.getStart(source)).line + 1, params,
    options: tags.options,
    ...(returnsArgument !== undefined ? { returnsArgument } : {}),
    ...(runsInPlace !== undefined ? { runsInPlace } : {}),
    ...(moduleState.length > 0 ? { moduleState } : {}),
  });
}

/**
 * `quiet` (prints.ts: a scan of everything the task may run) is read only where a plan may run a call ahead of its
 * place (split loops, batches, forwarders) or explain notes a loop: most tasks never are asked, so it is found on the
 * first read, once. The answer depends on the program alone, not on when it is asked.
 */
function withQuietOnDemand(ctx: AnalysisContext, task: TaskInfo): TaskInfo {
  let quiet: true | undefined | null = null;
  return Object.defineProperty(task, 'quiet', {
    enumerable: true, configurable: true,
    get: () => (quiet === null ? (quiet = mayPrint(ctx, task.fn) ? undefined : true) : quiet),
  });
}

/** Why a task's calls must run in place (see TaskInfo.runsInPlace), or undefined. */
function inPlaceReason(ctx: AnalysisContext, fn: FunctionLike, name: string): string | undefined {
  const result = unsendableResult(ctx, fn) ?? accessorInResult(ctx, fn);
  if (result) return `task ${name}: ${result}, which cannot come back from a worker`;
  const prototype = prototypeChange(ctx, fn);
  if (prototype) return `task ${name} gives an object a prototype (\`${prototype}\`), which a worker cannot send back`;
  const property = untravelledProperty(ctx, fn);
  if (property) return `task ${name}: ${property}, which copy-back from a worker would drop`;
  const load = printingLazyLoad(ctx, fn);
  if (load) return `task ${name}: ${load}, which each worker would print again at its first call`;
  const work = workLeftBehind(ctx, fn);
  if (work) return `task ${name} leaves work behind when it returns (${work}), which in a worker would run after the task, out of the program's order, or never`;
  const change = processChanged(ctx, fn);
  if (change) return `task ${name} changes the process the program shares (${change}), which in a worker would happen whenever the task runs, not at the call`;
  return undefined;
}

/** The function or class a node is inside, if any (a task must be neither nested nor a member). */
export function enclosingFunction(ctx: AnalysisContext, node: ts.Node): ts.Node | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ctx.ts.isFunctionLike(n) || ctx.ts.isClassLike(n)) return n;
  }
  return undefined;
}

function findThis(ctx: AnalysisContext, fn: FunctionLike): ts.Node | undefined {
  const { ts } = ctx;
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (node.kind === ts.SyntaxKind.ThisKeyword) { found = node; return; }
    // A nested ordinary function, a method or accessor of an object literal, and a class have their own `this`; an
    // arrow function shares the task's.
    if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassLike(node) || ts.isMethodDeclaration(node) ||
      ts.isAccessor(node)) && node !== fn) return;
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}
