/**
 * The JSDoc tags taskify reads: @task, @rro <param>, the overrides @in / @out / @inout <param>, and how runs are
 * bounded: @timeout <seconds>, @onFailure retry [n] | fail | cancel-successors | ignore.
 */
import type * as ts from 'typescript';
import type { Direction } from './directions';
import { symbolOf, type AnalysisContext, type FunctionLike } from './context';

/** What `@timeout` and `@onFailure` ask for, as the runtime's TaskOptions. */
export interface RunOptions {
  readonly timeout?: number;
  readonly onFailure?: 'retry' | 'fail' | 'cancel-successors' | 'ignore';
  readonly retries?: number;
}

const POLICIES = ['retry', 'fail', 'cancel-successors', 'ignore'] as const;

export interface TaskTags {
  readonly task: ts.JSDocTag;
  readonly options: RunOptions;
  /** Malformed @timeout / @onFailure tags, with what is wrong. */
  readonly optionErrors: readonly { readonly tag: ts.JSDocTag; readonly message: string }[];
  readonly rro: readonly { readonly name: string; readonly tag: ts.JSDocTag }[];
  readonly overrides: readonly { readonly name: string; readonly direction: Direction; readonly tag: ts.JSDocTag }[];
}

/** The node whose JSDoc belongs to a function: `export const f = () => …` carries it on the variable. */
export function jsDocHost(ctx: AnalysisContext, fn: FunctionLike): ts.Node {
  const { ts } = ctx;
  if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent)) return fn.parent;
  return fn;
}

/**
 * A tag, not a word of prose: its name ends at a space, a line's end or the comment's end. TypeScript also reads
 * one inside a sentence ("unlike the kernels, which use @task)."), which the author did not mean as one (tester
 * #12's m32); a one-line comment may still end with its tags (`/** c += a * b. @task *\/`).
 */
export function isTagNotProse(tag: ts.JSDocTag): boolean {
  const next = tag.getSourceFile().text.charAt(tag.tagName.end);
  return next === '' || next === '*' || /\s/.test(next);
}

/**
 * Per checker (one program) and function: the scan of the program for module state asks at every function, discovery
 * and the planner ask again, and the JSDoc (with an overload's) is read afresh each time.
 */
const taskTagsOf = new WeakMap<ts.TypeChecker, WeakMap<ts.Node, TaskTags | null>>();

export function readTaskTags(ctx: AnalysisContext, fn: FunctionLike): TaskTags | undefined {
  let memo = taskTagsOf.get(ctx.checker);
  if (!memo) { memo = new WeakMap(); taskTagsOf.set(ctx.checker, memo); }
  let tags = memo.get(fn);
  if (tags === undefined) { tags = readTags(ctx, fn) ?? null; memo.set(fn, tags); }
  return tags ?? undefined;
}

function readTags(ctx: AnalysisContext, fn: FunctionLike): TaskTags | undefined {
  const tags = [...ctx.ts.getJSDocTags(jsDocHost(ctx, fn)), ...overloadTags(ctx, fn)].filter(isTagNotProse);
  const task = tags.find((t) => t.tagName.text === 'task');
  if (!task) return undefined;
  const rro: { name: string; tag: ts.JSDocTag }[] = [];
  const overrides: { name: string; direction: Direction; tag: ts.JSDocTag }[] = [];
  const options: { -readonly [K in keyof RunOptions]: RunOptions[K] } = {};
  const optionErrors: { tag: ts.JSDocTag; message: string }[] = [];
  for (const tag of tags) {
    const kind = tag.tagName.text;
    const [word = '', second] = words(ctx, tag);
    if (kind === 'timeout') {
      const seconds = Number(word);
      if (word === '' || !Number.isFinite(seconds) || seconds <= 0) optionErrors.push({ tag, message: `@timeout takes a positive number of seconds, got ${JSON.stringify(word)}` });
      else options.timeout = seconds;
    } else if (kind === 'onFailure') {
      const policy = POLICIES.find((p) => p === word);
      const retries = second === undefined ? undefined : Number(second);
      if (!policy) optionErrors.push({ tag, message: `@onFailure takes one of ${POLICIES.join(', ')}; got ${JSON.stringify(word)}` });
      else if (retries !== undefined && (policy !== 'retry' || !Number.isInteger(retries) || retries < 0)) {
        optionErrors.push({ tag, message: `@onFailure ${policy} ${second}: only retry takes a count, a non-negative integer (@onFailure retry 3)` });
      } else {
        options.onFailure = policy;
        if (retries !== undefined) options.retries = retries;
      }
    } else if (kind === 'rro') rro.push({ name: word, tag });
    else if (kind === 'in' || kind === 'out' || kind === 'inout') overrides.push({ name: word, direction: kind, tag });
  }
  return { task, rro, overrides, options, optionErrors };
}

function words(ctx: AnalysisContext, tag: ts.JSDocTag): string[] {
  const comment = typeof tag.comment === 'string' ? tag.comment : ctx.ts.getTextOfJSDocComment(tag.comment) ?? '';
  return comment.trim().split(/\s+/).filter((w) => w !== '');
}

/**
 * `/** @task *\/ export function f(x: number): string;` then the implementation: JSDoc written on an overload
 * signature (where editors show it) is the implementation's, the one function a worker runs.
 */
function overloadTags(ctx: AnalysisContext, fn: FunctionLike): readonly ts.JSDocTag[] {
  const { ts } = ctx;
  if (!ts.isFunctionDeclaration(fn) || !fn.body || !fn.name) return [];
  const declarations = symbolOf(ctx, fn.name)?.declarations ?? [];
  return declarations.filter((d) => d !== fn && ts.isFunctionDeclaration(d) && !d.body).flatMap((d) => ts.getJSDocTags(d));
}
