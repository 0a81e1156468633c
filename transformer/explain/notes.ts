/**
 * Calls that are legal but costly or serial, each with the change that helps, read from the plan of a file:
 * - a loop or callback that submits a task and waits for it before the next (`total += sum(p)`, `const s = sum(p);
 *   use(s)` in a `.map` callback): its tasks run one at a time;
 * - an object the plugin cannot follow, passed `in` inside a loop: copied (encoded) anew at every call;
 * - the same object passed to a task that writes it at every step of a loop or callback: each call waits for the
 *   previous one's write, so they run one after another (a part each: pass views);
 * - a function of the program called on task results: this thread waits for them all, then runs it alone;
 * - a task taken as a value other than by `xs.map(task)` (`countEq.bind(null, t)`, `f.call(…)`, stored, passed on):
 *   calls through it are the plain function's, in this thread (tester #23's F11 found them silent);
 * - a recursive function that combines its own calls' values in this thread (`tree(lo, mid) + tree(mid, hi)`): each
 *   leaf's task is waited for before the recursion goes on (a task combining them lets the tree run at once).
 * Only what the plan shows is said; whether the cost matters (the object is large, the function slow) the note
 * leaves to the reader.
 */
import type * as ts from 'typescript';
import { codeReachedFrom } from '../analysis/reached-code';
import { calledFunction, hasPrimitiveElements, isFunctionLike, isTypedArrayType, symbolOf, type AnalysisContext, type FunctionLike } from '../analysis/context';
import type { TaskInfo } from '../analysis/discover';
import { functionName } from '../analysis/function-names';
import { snippet } from '../analysis/reason';
import type { FilePlan } from '../rewrite/file-plan';
import { isArgumentOf, isAssignedTo, skipTransparent, withWrappers } from '../rewrite/syntax';
import { isFresh } from '../rewrite/fresh';
import { lineOf } from './calls';
import type { ExplainedWait } from './waits';

export interface ExplainedNote {
  readonly file: string;
  readonly line: number;
  readonly note: string;
  /** The change, in a few words (`make \`assemble\` a @task`). */
  readonly fix: string;
}

export interface NotesInput {
  readonly ctx: AnalysisContext;
  readonly plan: FilePlan;
  readonly source: ts.SourceFile;
  readonly tasks: ReadonlyMap<FunctionLike, TaskInfo>;
  readonly waits: readonly ExplainedWait[];
  readonly file: string;
}

export function explainNotes(input: NotesInput): ExplainedNote[] {
  const notes: ExplainedNote[] = [];
  const add = (node: ts.Node, note: string, fix: string) => notes.push({ file: input.file, line: lineOf(node), note, fix });
  for (const [call, task] of input.plan.submissions) serialCall(input, call, task, add);
  snapshotsInLoops(input, add);
  writtenAtEveryStep(input, add);
  waitsBeforeFunctions(input, add);
  tasksTakenAsValues(input, add);
  return notes.sort((a, b) => a.line - b.line);
}

type Add = (node: ts.Node, note: string, fix: string) => void;

/** The loop body or callback that runs `node` again and again, inside its own function. */
function repeatingScope(ctx: AnalysisContext, node: ts.Node): { scope: ts.Node; kind: 'loop' | 'callback' } | undefined {
  const { ts } = ctx;
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const parent = n.parent;
    if ((ts.isForStatement(parent) || ts.isForOfStatement(parent) || ts.isForInStatement(parent) || ts.isWhileStatement(parent) ||
      ts.isDoStatement(parent)) && parent.statement === n) return { scope: n, kind: 'loop' };
    if (isFunctionLike(ctx, n)) {
      const callback = (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && isArgumentOf(ts, parent, n) && !calledOnce(ctx, parent);
      return callback ? { scope: n, kind: 'callback' } : undefined;
    }
  }
  return undefined;
}

/**
 * A callback run once at most, which repeats nothing: a timer's, a promise's (`then`, `new Promise(executor)`), an
 * event's `once`.
 */
function calledOnce(ctx: AnalysisContext, call: ts.Node): boolean {
  const { ts } = ctx;
  if (ts.isNewExpression(call)) return ts.isIdentifier(call.expression) && call.expression.text === 'Promise';
  if (!ts.isCallExpression(call)) return false;
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name !== undefined && ONE_SHOT.has(name);
}
const ONE_SHOT = new Set(['setTimeout', 'setImmediate', 'queueMicrotask', 'nextTick', 'once', 'then', 'catch', 'finally']);

const isWithin = (node: ts.Node, ancestor: ts.Node): boolean => node.pos >= ancestor.pos && node.end <= ancestor.end;

/**
 * A name each pass binds anew: declared in the loop (its body, or its header: `for (const l of ledgers)`) or in the
 * callback (its parameters too), so it names another object each time.
 */
function declaredEachPass(repeating: { scope: ts.Node; kind: 'loop' | 'callback' }, declaration: ts.Node): boolean {
  return isWithin(declaration, repeating.kind === 'loop' ? repeating.scope.parent : repeating.scope);
}

/** The call is what a reduce callback returns, given the accumulator: the steps are a chain by nature. */
function isReduceAccumulation(t: typeof ts, call: ts.CallExpression, callback: ts.Node): boolean {
  if (!(t.isArrowFunction(callback) || t.isFunctionExpression(callback)) || !t.isCallExpression(callback.parent)) return false;
  const method = callback.parent.expression;
  const accumulator = callback.parameters[0]?.name;
  return t.isPropertyAccessExpression(method) && /^reduce(Right)?$/.test(method.name.text) && callback.parent.arguments[0] === callback &&
    accumulator !== undefined && t.isIdentifier(accumulator) && call.arguments.some((a) => t.isIdentifier(a) && a.text === accumulator.text);
}

function serialCall({ ctx, plan, waits }: NotesInput, call: ts.CallExpression, task: TaskInfo, add: Add): void {
  const { ts } = ctx;
  // `task(x)!`, `task(x) as T` change nothing: the planner hands the Future on through them.
  const node: ts.Node = withWrappers(ts, call);
  const wrapper = node.parent;
  const repeating = repeatingScope(ctx, call);
  const each = repeating?.kind === 'loop' ? 'each iteration of this loop' : 'each call of this callback';
  const recursive = repeating ? undefined : recursiveUse(ctx, call);
  if (plan.waitedAtCall.has(call)) {
    if (repeating && inTryBlock(ctx, call, repeating.scope)) {
      add(call, `task ${task.name} is called in a \`try\` block, where each call is waited for at once (a failure must be thrown inside the ` +
        `block), so ${each} runs its task alone`, 'a loop whose body holds `try { <the task call first> } catch …` submits every call first ' +
        'when the task only reads its arguments and prints nothing, the block makes no other task call and the rest of the body only reads, ' +
        'prints or sets local variables; otherwise move the loop that submits out of the `try` block');
    } else if (repeating && isReduceAccumulation(ts, call, repeating.scope)) {
      // `xs.reduce((acc, c) => merge(acc, c), {})`: each step takes the one before it; nothing to run side by side.
      return;
    } else if (repeating && plan.gridBlockers.has(call)) {
      add(call, `the result of \`${snippet(call)}\` is stored in a grid whose cells are waited for at each call, because ` +
        `${plan.gridBlockers.get(call)}: so ${each} waits for its task before the next is submitted`, 'use the grid whole only after ' +
        'the loops that fill it, in the function that declares it (each cell is then waited for where it is read)');
    } else if (recursive) {
      const { fn, use } = recursive;
      const name = functionName(ctx, fn);
      add(call, `${name} calls itself and uses the values in this thread (\`${snippet(use)}\`), so each call waits for task ` +
        `${task.name} before the recursion goes on: the tasks run one at a time. Combine the values with a task instead ` +
        `(\`const left = ${name}(…); const right = ${name}(…); return combine(left, right)\` with \`combine\` a @task): ` +
        'the whole tree is then submitted before anything waits', 'combine with a task');
    } else if (repeating) {
      // A loop or an array method's callback is split (split-loops.ts, split-callbacks.ts) only for a quiet task that
      // reads its arguments.
      const unsplit = !task.quiet ? (task.forwards
        ? ` (${task.name} forwards task ${task.forwards.join('/')} but is not known to read only its arguments${task.claims?.method ? ' and its object\'s fields (no getter)' : ''}, so its calls are not reordered for it)`
        : ` (task ${task.name} may print, so its calls are not reordered for it)`)
        : task.params.some((p) => p.direction !== 'in') ? ` (task ${task.name} writes an argument, so its calls are not reordered for it)` : '';
      add(call, `the result of \`${snippet(call)}\` is used at once (\`${snippet(wrapper)}\`)${unsplit}, so ${each} waits for its task before the next ` +
        `is submitted: the tasks run one at a time. Submit them all first (\`const results = items.map((x) => ${task.name}(…))\`), then use ` +
        'the results', 'submit all, then use the results');
    }
    return;
  }
  // `const s = task(…); … s …` inside the loop or callback: submitted, then waited for in the same pass.
  if (!repeating || !ts.isVariableDeclaration(wrapper) || wrapper.initializer !== node || !ts.isIdentifier(wrapper.name)) return;
  const symbol = symbolOf(ctx, wrapper.name);
  const wait = waits.find((w) => w.kind !== 'resumed' && w.node.getStart() > call.getEnd() && isWithin(w.node, repeating.scope) &&
    ts.isIdentifier(w.node) && symbolOf(ctx, w.node) === symbol);
  if (!wait) return;
  add(call, `\`${wrapper.name.text}\` is waited for at line ${wait.line} in the same ${repeating.kind === 'loop' ? 'iteration' : 'callback'}, so ` +
    `${each} submits task ${task.name} and waits for it before the next: the tasks run one at a time. Submit them all first ` +
    `(\`const results = items.map((x) => ${task.name}(…))\`), then use the results`, 'submit all, then use the results');
}

/**
 * The call's function calls itself and combines the values in this thread (`plainTree(lo, mid) + plainTree(mid, hi)`,
 * `[...sortAll(lo), ...sortAll(hi)]`): the function, and that combination. Not for a call held by a `const`, handed to
 * a call or returned, which a recursive forwarder takes (forwarders.ts): such a function waits for another reason.
 */
function recursiveUse(ctx: AnalysisContext, call: ts.CallExpression): { fn: FunctionLike; use: ts.Node } | undefined {
  const { ts } = ctx;
  let fn: ts.Node | undefined = call.parent;
  while (fn && !isFunctionLike(ctx, fn)) fn = fn.parent;
  if (!fn || !isFunctionLike(ctx, fn) || !fn.body) return undefined;
  const own = fn;
  let use: ts.Node | undefined;
  const visit = (n: ts.Node): void => {
    if (use) return;
    if (ts.isCallExpression(n) && n !== call && calledFunction(ctx, n) === own) {
      const parent = withWrappers(ts, n).parent;
      const handed = ts.isVariableDeclaration(parent) || ts.isReturnStatement(parent) || ts.isExpressionStatement(parent) ||
        (ts.isCallExpression(parent) && parent.expression !== withWrappers(ts, n));
      if (!handed) { use = parent; return; }
    }
    ts.forEachChild(n, visit);
  };
  visit(own.body!);
  return use ? { fn: own, use } : undefined;
}

/** A task's name used as a value other than as an argument (the plan's takenAsValues): calls through it are plain. */
function tasksTakenAsValues({ ctx, plan }: NotesInput, add: Add): void {
  const { ts } = ctx;
  for (const [value, task] of plan.takenAsValues) {
    const parent = withWrappers(ts, value).parent;
    const use = (ts.isPropertyAccessExpression(parent) && ts.isCallExpression(parent.parent)) || ts.isShorthandPropertyAssignment(parent)
      ? parent.parent : parent;
    // (By the name this module gives it: `hashIt` of `import hashIt from './hash'`, not its export's `default`.)
    const local = ts.isIdentifier(value) || ts.isPropertyAccessExpression(value) ? value.getText() : task.name;
    add(value, `task ${task.name} is taken as a value here (\`${snippet(use)}\`): calls made through it run the function itself, in this ` +
      `thread, one at a time. Call it by name (\`(x) => ${local}(…, x)\`), or map with it (\`xs.map(${local})\`)`, `call ${local} by name`);
  }
}

/**
 * `image`, `img.data`: names the same object at every pass while the variable is not assigned (`parts[k]` names
 * another element each time, so its copies are not repeats). The root name, or undefined.
 */
function sameObjectEachTime(t: typeof ts, arg: ts.Expression): ts.Identifier | undefined {
  let expr = skipTransparent(t, arg);
  while (t.isPropertyAccessExpression(expr)) expr = skipTransparent(t, expr.expression);
  return t.isIdentifier(expr) ? expr : undefined;
}

function inTryBlock(ctx: AnalysisContext, node: ts.Node, within: ts.Node): boolean {
  for (let n: ts.Node = node; n !== within && n.parent; n = n.parent) {
    if (ctx.ts.isBlock(n) && ctx.ts.isTryStatement(n.parent) && n.parent.tryBlock === n) return true;
  }
  return false;
}

/**
 * An `in` object checked at every call of a loop: the variable is not one the plugin follows, so each call encodes it
 * (hashes a typed array) to find whether it changed since its last snapshot.
 */
function snapshotsInLoops({ ctx, plan }: NotesInput, add: Add): void {
  const { ts } = ctx;
  const said = new Set<string>();
  for (const arg of plan.freshSnapshots) {
    const repeating = repeatingScope(ctx, arg);
    const root = sameObjectEachTime(ts, arg);
    const symbol = root && symbolOf(ctx, root);
    const declaration = symbol?.valueDeclaration;
    // Declared inside the loop, it is a new object each time anyway.
    if (!repeating || !symbol || !declaration || declaredEachPass(repeating, declaration)) continue;
    // Assigned in the loop (`p = smooth(p)`): another object at each pass, so a copy made once would not stand for it.
    if (assignedWithin(ctx, repeating.scope, symbol)) continue;
    const why = whyUnfollowed(ctx, declaration, repeating);
    // Made fresh already and still not followed for no reason a copy would change: a copy would be checked the same way.
    if (why === NOT_FRESH && ts.isVariableDeclaration(declaration) && declaration.initializer && isFresh(ctx, declaration.initializer)) continue;
    const key = `${repeating.scope.pos}:${snippet(arg)}`;
    if (said.has(key)) continue;
    said.add(key);
    const type = ctx.checker.getTypeAtLocation(arg);
    const name = snippet(arg) === 'frozen' ? 'copied' : 'frozen';
    // (`.slice()` of an array of objects copies none of them: its elements keep their other name.)
    const copy = isTypedArrayType(ctx, type) || (ctx.checker.isArrayType(type) && hasPrimitiveElements(ctx, arg))
      ? `${snippet(arg)}.slice()` : `structuredClone(${snippet(arg)})`;
    add(arg, `\`${snippet(arg)}\` is checked for changes at every call in this ${repeating.kind === 'loop' ? 'loop' : 'callback'} ` +
      `(encoded again, or its bytes hashed, and written only when it changed), because the plugin does not follow it: it is ${why}. ` +
      `If it is large and does not change here, copy it once before: \`const ${name} = ${copy}\`, and pass ` +
      `\`${name}\`: a local made fresh and only given to tasks is encoded once`, 'copy it once into a local const before the loop');
  }
}

/** `name = …` for the variable somewhere in `scope`. */
function assignedWithin(ctx: AnalysisContext, scope: ts.Node, symbol: ts.Symbol): boolean {
  const { ts } = ctx;
  const visit = (n: ts.Node): boolean => (ts.isIdentifier(n) && isAssignedTo(ts, n) && symbolOf(ctx, n) === symbol) ||
    (ts.forEachChild(n, (child) => visit(child) || undefined) ?? false);
  return visit(scope);
}

const NOT_FRESH = 'not made fresh in this file';

/** Which of the reasons a variable is not followed applies (tester #22's F10: the note listed them all). */
function whyUnfollowed(ctx: NotesInput['ctx'], declaration: ts.Declaration, repeating: { kind: string; scope: ts.Node }): string {
  const { ts } = ctx;
  if (ts.isParameter(declaration)) return 'a parameter, which callers may change between calls';
  if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration) || ts.isNamespaceImport(declaration)) return 'imported from another module';
  const statement = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : undefined;
  if (statement && ts.isVariableStatement(statement) && statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return 'exported';
  const init = ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
  if (init && (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init) || ts.isElementAccessExpression(init))) return 'a second name for another object';
  // `const frozen = rows.slice()` of records: the records are still `rows`'s.
  if (init && ts.isCallExpression(init) && ts.isPropertyAccessExpression(init.expression) && init.expression.name.text === 'slice') {
    return 'a copy of an array whose elements are still another array\'s objects';
  }
  if (repeating.kind !== 'loop' && (declaration.pos < repeating.scope.pos || declaration.end > repeating.scope.end)) return 'a variable this callback captures';
  return NOT_FRESH;
}

/**
 * `bounds.map(([lo, hi]) => relax(cur, nxt, W, lo, hi))` with relax writing `nxt`: the same object written at every
 * step makes one chain of the calls (tester #19's F1 said nothing where 1600 calls ran one after another).
 */
function writtenAtEveryStep({ ctx, plan }: NotesInput, add: Add): void {
  const { ts } = ctx;
  const said = new Set<string>();
  for (const [call, task] of plan.submissions) {
    const repeating = repeatingScope(ctx, call);
    if (!repeating) continue;
    call.arguments.forEach((arg, i) => {
      const param = task.params[Math.min(i, task.params.length - 1)];
      if (!param || param.direction !== 'inout' || ts.isSpreadElement(arg)) return;
      const root = sameObjectEachTime(ts, arg);
      const declaration = root && symbolOf(ctx, root)?.valueDeclaration;
      if (!declaration || declaredEachPass(repeating, declaration)) return;
      const key = `${repeating.scope.pos}:${snippet(arg)}`;
      if (said.has(key)) return;
      said.add(key);
      const view = isTypedArrayType(ctx, ctx.checker.getTypeAtLocation(arg)) ? ` (\`${snippet(arg)}.subarray(lo, hi)\`)` : '';
      add(arg, `task ${task.name} writes \`${snippet(arg)}\` (${param.name}: ${param.direction}) at every ${repeating.kind === 'loop' ? 'step of this loop' : 'call of this callback'}, ` +
        `so each call waits for the one before: they run one after another. If each call writes only a part, pass that part${view}: ` +
        'calls on separate parts run side by side', 'pass each call its own part');
    });
  }
}

/** `const image = assemble(parts)` where parts holds task results: this thread waits for them all, then runs assemble alone. */
function waitsBeforeFunctions({ ctx, plan, tasks, waits }: NotesInput, add: Add): void {
  const { ts } = ctx;
  const said = new Set<ts.CallExpression>();
  for (const wait of waits) {
    if (wait.kind === 'resumed' || wait.kind === 'result') continue;
    const expr = wait.node as ts.Expression;
    const call = withWrappers(ts, expr).parent;
    if (!isArgumentOf(ts, call, expr) || said.has(call)) continue;
    const fn = calledFunction(ctx, call);
    // (A forwarder's call is planned: its task runs in a worker.)
    if (!fn || tasks.has(fn) || plan.submissions.has(call) || !couldBeTask(ctx, fn) || insideTask(ctx, call, tasks)) continue;
    // (A function that submits tasks itself, `reduceAll(parts)` merging pairs: as a task it would run them in its worker, one by one.)
    if (callsTasks(ctx, fn, tasks)) continue;
    // A function whose result the program goes on with (`const image = assemble(parts)`), not one called for what
    // it does (`show(label, x)` prints): the first kind is work a task could do.
    if (ts.isExpressionStatement(withWrappers(ts, call).parent) || (ctx.checker.getTypeAtLocation(call).flags & (ts.TypeFlags.Void | ts.TypeFlags.Undefined))) continue;
    said.add(call);
    const name = functionName(ctx, fn);
    add(call, `\`${snippet(call)}\` waits here for the tasks behind \`${wait.on}\`, then runs in this thread; if \`${name}\` ` +
      `takes time, make it a \`@task\` (exported), so it runs in a worker after them while this thread goes on`, `make \`${name}\` a \`@task\``);
  }
}

/** `fn`, or program code it reaches, calls a task. */
function callsTasks(ctx: AnalysisContext, fn: FunctionLike, tasks: ReadonlyMap<FunctionLike, TaskInfo>): boolean {
  const { ts } = ctx;
  const holds = (node: ts.Node): boolean => {
    if (ts.isCallExpression(node)) { const callee = calledFunction(ctx, node); if (callee && tasks.has(callee)) return true; }
    return ts.forEachChild(node, (child) => holds(child) || undefined) ?? false;
  };
  return [fn, ...codeReachedFrom(ctx, fn)].some(holds);
}

/** A function declared at the top level of one of the program's own files: a worker could import it. */
function couldBeTask(ctx: AnalysisContext, fn: FunctionLike): boolean {
  const { ts } = ctx;
  const source = fn.getSourceFile();
  if (source.isDeclarationFile || ctx.program.isSourceFileFromExternalLibrary(source)) return false;
  if (ts.isFunctionDeclaration(fn)) return fn.parent === source;
  return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) &&
    fn.parent.parent.parent.parent === source;
}

function insideTask(ctx: AnalysisContext, node: ts.Node, tasks: ReadonlyMap<FunctionLike, TaskInfo>): boolean {
  for (let n = node.parent; n; n = n.parent) if (isFunctionLike(ctx, n) && tasks.has(n)) return true;
  return false;
}
