/**
 * Module variables whose value depends on the process at the moment the module loads: the environment, the command
 * line, the working directory, the clock, randomness, the thread, the file system (`const MODE = process.env.MODE ??
 * 'dev'`, `const STARTED = Date.now()`, `const SEED = pick()`, `const SETTINGS = JSON.parse(readFileSync(p))`), or on
 * what other modules did before it loaded (`const LIB_ID = newId('lib')`, `const SCALE = config.scale`). A worker
 * loads the module again, later and with other modules: the program may have set the variable meanwhile (its imports
 * ran first), the clock moved on, the file changed. The plugin wraps these initializers so that each worker takes the
 * value the program's thread computed (runtime/api/load-time.ts). Looked for in every module a worker may load
 * (transformer/index.ts), since a task may reach one through any import.
 */
import type * as ts from 'typescript';
import { calledFunction, hasPrimitiveElements, isPrimitiveType, qualifiedName, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { isWrittenName, runsWhereItStands } from '../rewrite/syntax';
import { nodeDeclaredName } from './node-builtins';

/** What may differ between the program's thread at import and a worker later, as node-builtins.ts names Node's. */
const PROCESS_MEMBERS = new Set(['env', 'argv', 'execArgv', 'cwd', 'hrtime', 'uptime', 'memoryUsage', 'cpuUsage', 'title']);
const PROCESS_STATE = new Set([...PROCESS_MEMBERS].map((p) => `node:process.NodeJS.Process.${p}`));
const CHANCE_NAMES = new Set(['randomUUID', 'randomBytes', 'randomInt', 'getRandomValues', 'randomFillSync']);
const NODE_CHANCE = new Set([...CHANCE_NAMES].map((f) => `node:crypto.${f}`));
/**
 * The file system and child processes when the module loads: the program may change a file before a worker loads the
 * module, and a folder made, a file opened or a command run at load is the program's to make once (np43's F6, F9:
 * `const RUN_DIR = mkdtempSync(…)` made one folder per worker; an `openSync` truncated the program's log). A worker
 * takes the value the program's thread got: a path, a descriptor (workers share the process's), an output.
 */
const PROCESS_EFFECTS = /^node:(fs|child_process)\.\w+Sync$/;
/** The standard library's clock and chance. */
const MOMENT = new Set(['Date.now', 'Math.random', 'performance.now', 'crypto.randomUUID', 'crypto.getRandomValues']);

/** Top-level variable declarations of the file whose initializer reads the process's state or the moment. */
export function loadTimeConstants(ctx: AnalysisContext, source: ts.SourceFile): ts.VariableDeclaration[] {
  const { ts } = ctx;
  const found: ts.VariableDeclaration[] = [];
  for (const statement of source.statements) {
    // (A `let` too: `let seed = Math.random()` read by a helper a constant calls, or by a task when never reassigned.)
    if (!ts.isVariableStatement(statement) || isUsing(ts, statement.declarationList)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (declaration.initializer && (readsTheMoment(ctx, declaration.initializer) || derivedFromOtherModules(ctx, declaration.initializer))) {
        found.push(declaration);
      }
    }
  }
  return found;
}

/** `using` and `await using` (whose flags hold Const's bit): disposed of when the module's scope ends, not load-time values. */
function isUsing(t: typeof ts, list: ts.VariableDeclarationList): boolean {
  const kind = list.flags & t.NodeFlags.BlockScoped;
  return kind === t.NodeFlags.Using || kind === t.NodeFlags.AwaitUsing;
}

function readsTheMoment(ctx: AnalysisContext, node: ts.Node): boolean {
  const { ts } = ctx;
  // A function made here runs later, in whichever thread calls it: its body is not the load's (unless it runs there).
  if (!runsWhereItStands(ts, node)) return false;
  // (The member's name first: most accesses are none of these, and need no symbol.)
  if (ts.isPropertyAccessExpression(node) && PROCESS_MEMBERS.has(node.name.text) && PROCESS_STATE.has(nodeDeclaredName(ctx, node) ?? '')) return true;
  if (ts.isCallExpression(node) && MOMENT.has(qualifiedName(ts, node.expression) ?? '')) return true;
  // (By the name called first: most calls are none of Node's, and need no symbol.)
  const called = ts.isCallExpression(node) ? calleeName(ts, node.expression) : '';
  if (called.endsWith('Sync') || CHANCE_NAMES.has(called)) {
    const declared = nodeDeclaredName(ctx, (node as ts.CallExpression).expression) ?? '';
    if (NODE_CHANCE.has(declared) || PROCESS_EFFECTS.test(declared)) return true;
  }
  // `new Date()`, `Date()`: now.
  if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'Date' &&
    (node.arguments ?? []).length === 0) return true;
  // `threadId`, `isMainThread`: the program's thread is not a worker's.
  if (ts.isIdentifier(node) && THREAD_NAMES.has(node.text) && THREAD.has(nodeDeclaredName(ctx, node) ?? '')) return true;
  // `const SEED = pick()`, `pick` of the program drawing a number (np43's F1): what the call runs, runs at load. And
  // `const LIB_ID = newId('lib')` counting in its module (np43's F3): a worker loads fewer modules, in another order.
  if (ts.isCallExpression(node)) {
    const fn = calledFunction(ctx, node);
    if (fn?.body && bodyReadsTheMoment(ctx, fn)) return true;
  }
  if (ts.isIdentifier(node) && isWrittenName(ts, node) && isModuleVariableInFunction(ctx, node)) return true;
  return ts.forEachChild(node, (child) => readsTheMoment(ctx, child) || undefined) === true;
}

const THREAD_NAMES = new Set(['threadId', 'isMainThread']);
const THREAD = new Set([...THREAD_NAMES].map((name) => `node:worker_threads.${name}`));

/** Per function: its body reads the moment (a function on a cycle counts as not, while it is being looked at). */
const bodies = new WeakMap<ts.Node, boolean>();

function bodyReadsTheMoment(ctx: AnalysisContext, fn: FunctionLike): boolean {
  let known = bodies.get(fn);
  if (known === undefined) {
    bodies.set(fn, false);
    known = readsTheMoment(ctx, fn.body!);
    bodies.set(fn, known);
  }
  return known;
}

/**
 * `const SCALE = config.scale` of another module's object, which a module the worker never loads may have set first
 * (np43's F5: `import './boot'` set config.scale before lib.ts loaded; workers read 1 for 5). Only numbers, strings
 * and new arrays of them: the worker's copy is then the program's value, and no object of the worker's own loses an
 * identity (`const FIRST = ITEMS[0]` must stay the worker's ITEMS' element).
 */
function derivedFromOtherModules(ctx: AnalysisContext, initializer: ts.Expression): boolean {
  const { ts } = ctx;
  const value = ctx.checker.getTypeAtLocation(initializer);
  if (!isPrimitiveType(ctx, value) && !(ts.isCallExpression(initializer) && hasPrimitiveElements(ctx, initializer) && ctx.checker.isArrayType(value))) return false;
  const home = initializer.getSourceFile();
  const readsOther = (node: ts.Node): boolean => {
    if (!runsWhereItStands(ts, node)) return false;
    if (ts.isIdentifier(node)) {
      const declaration = symbolOf(ctx, node)?.valueDeclaration;
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.getSourceFile() !== home && !declaration.getSourceFile().isDeclarationFile &&
        ts.isSourceFile(declaration.parent.parent.parent) &&
        (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) || !isPrimitiveType(ctx, ctx.checker.getTypeAtLocation(declaration.name)))) return true;
    }
    return ts.forEachChild(node, readsOther) === true;
  };
  return readsOther(initializer);
}

/** `f` of `f(x)`, `fs.f(x)`: the name called, or ''. */
function calleeName(t: typeof ts, callee: ts.Expression): string {
  return t.isIdentifier(callee) ? callee.text : t.isPropertyAccessExpression(callee) ? callee.name.text : '';
}

/** A variable of a module's top level, named inside a function (`next++` in `newId`, written: a count of calls). */
function isModuleVariableInFunction(ctx: AnalysisContext, name: ts.Identifier): boolean {
  const { ts } = ctx;
  const declaration = ctx.checker.getSymbolAtLocation(name)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isSourceFile(declaration.parent.parent.parent)) return false;
  return ts.findAncestor(name, (n) => ts.isFunctionLike(n)) !== undefined;
}
