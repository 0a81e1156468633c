/**
 * Effects that outlive a failure. The plain call of a task that throws stops the code after it; the submission does
 * not, so a statement after it runs unless something checks first (failure-checks.ts). Only a statement whose effect
 * someone sees after the failure needs that check:
 * - where the failure is caught (a try block, a function a try block calls, an async function), a change of what the
 *   code after the catch can see: a variable or object declared outside the region, a call of program code or of a
 *   function handed in (which may do any of these);
 * - everywhere, even where the failure ends the process: a change of the world outside the process (writing, moving or
 *   deleting files, opening one for writing, starting a process, `process.exit`), or a call of program
 *   code that may make one. Such a change
 *   also waits for the tasks before it that may read the files it changes (`n = lineCount(p); unlinkSync(p)`);
 * - and where a task may change files, a read of files (`readFileSync(p)` after `report(p)` wrote p): the plain call
 *   had written it before (tester #19's F2: ENOENT).
 * Prints need no check: output is held behind a failing task and dropped with it.
 */
import type * as ts from 'typescript';
import { calledFunction, isFunctionLike, type FunctionLike } from '../analysis/context';
import { MUTATING_METHODS, writesFirstArgument } from '../analysis/builtins';
import { builtinName } from '../analysis/builtin-callees';
import { runsImplicitProgramCode } from './implicit-calls';
import { codeReachedFrom } from '../analysis/reached-code';
import { nodeDeclaredName } from '../analysis/node-builtins';
import type { FileFacts } from './file-facts';
import { isSynchronousCallback } from './syntax';
import { isContained, writesItsObject } from './contained-code';
import { overridingMethods } from '../analysis/overrides';
import { argumentParam } from '../analysis/param-effects';
import { isAssignmentOperator, programConstructor } from '../analysis/expressions';
import { isPrimitiveNode } from '../analysis/context';
import { isLibrary } from './library-uses';
import { RUNS_LATER, isPause, makesPause } from './ending-functions';
import { callsFunctionValue, namedFunctionsAt, namedProgramFunction } from './code-run-at';
import { programAccessorsAt } from '../analysis/reached-code';

/** Node's functions that change files or processes, as node-builtins.ts names them (not a stream's `write`). */
const FILE_CHANGES = ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync',
  'rename', 'renameSync', 'truncate', 'truncateSync', 'ftruncate', 'ftruncateSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync',
  'mkdir', 'mkdirSync', 'mkdtemp', 'mkdtempSync', 'write', 'writeSync', 'writev', 'writevSync', 'symlink', 'symlinkSync',
  'link', 'linkSync', 'chmod', 'chmodSync', 'chown', 'chownSync', 'utimes', 'utimesSync', 'createWriteStream'];
/** Writes through a file handle of `node:fs/promises`' open(). */
const HANDLE_CHANGES = ['write', 'writev', 'writeFile', 'appendFile', 'truncate', 'chmod', 'chown', 'utimes'];
/** `open(p, 'w')` truncates or creates the file (tester #16's r14 and 90 in another spelling); `open(p)` only reads. */
const OPENS = new Set(['node:fs.open', 'node:fs.openSync', 'node:fs/promises.open']);
const WORLD_CHANGES = new Set([
  ...FILE_CHANGES.flatMap((f) => [`node:fs.${f}`, `node:fs/promises.${f}`]),
  ...HANDLE_CHANGES.map((f) => `node:fs/promises.FileHandle.${f}`),
  ...OPENS,
  ...['exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync', 'fork'].map((f) => `node:child_process.${f}`),
  // (chdir changes what tasks read, not the world: process-changes.ts waits for them before it.)
  ...['exit', 'kill', 'abort'].map((f) => `node:process.NodeJS.Process.${f}`),
  // A hook of the process ('exit', 'uncaughtException') runs even when the failure ends it (np39's D2).
  ...['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'].map((f) => `node:process.NodeJS.Process.${f}`),
]);

/** `writeFileSync(p, …)`, `fs.promises.rm(p)`, `process.exit(1)`: declared by @types/node's fs, child_process or process. */
export function changesTheWorld(facts: FileFacts, call: ts.CallExpression): boolean {
  const { ts } = facts;
  const callee = call.expression;
  // (The name as spelled first: most calls are none of these, and need no symbol.)
  const spelled = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (spelled === undefined || !SPELLED.has(spelled)) return false;
  const name = nodeDeclaredName(facts.ctx, callee) ?? '';
  return WORLD_CHANGES.has(name) && (!OPENS.has(name) || opensForWriting(ts, call));
}

/** The flags of an open() call may write: no flags is 'r'; a literal without `w` or `a` reads (`r+` writes only through writes). */
function opensForWriting(t: typeof ts, call: ts.CallExpression): boolean {
  const flags = call.arguments[1];
  if (flags === undefined || t.isFunctionLike(flags) || t.isIdentifier(flags) && flags.text === 'undefined') return false;
  return !t.isStringLiteralLike(flags) || /[wa]/.test(flags.text);
}
const SPELLED = new Set([...WORLD_CHANGES].map((name) => name.slice(name.lastIndexOf('.') + 1)));

/** Node's functions that read files (their contents, names or presence). */
const FILE_READS = ['readFile', 'readFileSync', 'readdir', 'readdirSync', 'stat', 'statSync', 'lstat', 'lstatSync', 'exists',
  'existsSync', 'access', 'accessSync', 'createReadStream', 'opendir', 'opendirSync', 'readlink', 'readlinkSync', 'realpath',
  'realpathSync', 'open', 'openSync'];
const WORLD_READS = new Set(FILE_READS.flatMap((f) => [`node:fs.${f}`, `node:fs/promises.${f}`]));
const READS_SPELLED = new Set(FILE_READS);

/** `readFileSync(p)`, `existsSync(p)`, `fs.promises.readdir(d)`: declared by @types/node's fs. */
function readsTheWorld(facts: FileFacts, call: ts.CallExpression): boolean {
  const { ts } = facts;
  const callee = call.expression;
  const spelled = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return spelled !== undefined && READS_SPELLED.has(spelled) && WORLD_READS.has(nodeDeclaredName(facts.ctx, callee) ?? '');
}

type WorldCall = (facts: FileFacts, call: ts.CallExpression) => boolean;

/** Whether calling program function `fn` may change the world: its body or the program code it reaches. */
export function reachesWorldChange(facts: FileFacts, fn: FunctionLike): boolean { return reaches(facts, fn, changesTheWorld); }

function reaches(facts: FileFacts, fn: FunctionLike, kind: WorldCall): boolean {
  let byKind = memo.get(facts.ctx.program);
  if (!byKind) { byKind = new Map(); memo.set(facts.ctx.program, byKind); }
  let known = byKind.get(kind);
  if (!known) { known = new Map(); byKind.set(kind, known); }
  let found = known.get(fn);
  if (found === undefined) {
    found = [fn, ...codeReachedFrom(facts.ctx, fn)].some((code) => holds(facts, code, kind));
    known.set(fn, found);
  }
  return found;
}
const memo = new WeakMap<ts.Program, Map<WorldCall, Map<FunctionLike, boolean>>>();

function holds(facts: FileFacts, node: ts.Node, kind: WorldCall): boolean {
  const { ts } = facts;
  // (One visitor for the walk, not a closure made at every node.)
  const visit = (n: ts.Node): true | undefined => ((ts.isCallExpression(n) && kind(facts, n)) || ts.forEachChild(n, visit) ? true : undefined);
  return visit(node) ?? false;
}

/** The node changes the world outside the process, itself or through program code it calls (not functions it defines). */
export function changesWorld(facts: FileFacts, node: ts.Node): boolean { return doesInWorld(facts, node, changesTheWorld); }

/** The node reads files, itself or through program code it calls, while some task may change them. */
export function readsChangedFiles(facts: FileFacts, node: ts.Node): boolean {
  return someTaskChangesFiles(facts) && doesInWorld(facts, node, readsTheWorld);
}

/**
 * How a task touches files where some task of the program changes them (else reading them needs no order): the
 * runtime keeps such tasks in the plain order (runtime/api/file-order.ts; np21's r10, a task reading a file an
 * earlier task wrote).
 */
export function taskFileAccess(facts: FileFacts, fn: FunctionLike): 'reads' | 'changes' | undefined {
  if (!someTaskChangesFiles(facts)) return undefined;
  if (reachesWorldChange(facts, fn)) return 'changes';
  return reaches(facts, fn, readsTheWorld) ? 'reads' : undefined;
}

function someTaskChangesFiles(facts: FileFacts): boolean {
  let taskChanges = tasksChange.get(facts.tasks);
  if (taskChanges === undefined) {
    taskChanges = [...facts.tasks.keys()].some((fn) => reachesWorldChange(facts, fn));
    tasksChange.set(facts.tasks, taskChanges);
  }
  return taskChanges;
}
const tasksChange = new WeakMap<object, boolean>();

function doesInWorld(facts: FileFacts, node: ts.Node, kind: WorldCall): boolean {
  const { ts } = facts;
  const visit = (n: ts.Node): boolean => {
    // A callback an array method runs at once is part of the statement; others run later, if ever.
    if (n !== node && isFunctionLike(facts.ctx, n) && !isSynchronousCallback(ts, n)) return false;
    if (ts.isCallExpression(n) && !facts.taskOf(n)) {
      if (kind(facts, n)) return true;
      const callee = calledFunction(facts.ctx, n);
      if (callee && !callee.getSourceFile().isDeclarationFile && !facts.tasks.has(callee) && reaches(facts, callee, kind)) return true;
    }
    // `new Writer(p)` whose constructor writes the file (np40's F8).
    const constructor = ts.isNewExpression(n) ? programConstructor(facts.ctx, n) : undefined;
    if (constructor && reaches(facts, constructor, kind)) return true;
    return ts.forEachChild(n, (child) => visit(child) || undefined) ?? false;
  };
  return visit(node);
}

/**
 * `bus.on('tick', h)`, `setTimeout(f, 5)`, `p.then(f)`: a call of code outside the program that keeps a function to call
 * later. Registered after a task call that fails, the function would run after the catch, where the plain program never
 * registered it (np39's D2). (A call of the program's own `on` is program code, judged by what it changes.)
 */
function keepsCallback(facts: FileFacts, call: ts.CallExpression): boolean {
  const { ts } = facts;
  const callee = call.expression;
  const spelled = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  if (spelled === undefined || !RUNS_LATER.has(spelled)) return false;
  return call.arguments.some((arg) => isFunctionLike(facts.ctx, arg) ||
    facts.ctx.checker.getTypeAtLocation(arg).getCallSignatures().length > 0);
}

/**
 * Program code the node runs that no call names (np40's F8): a constructor (`new Tracker()`), a getter or setter
 * (`o.g`), the listeners `emit` runs, a function value the analysis cannot resolve (`table.record(x)`), a program
 * function run by `f.call(…)`, `f.apply(…)`, `Reflect.apply(f, …)`, handed by name to the library (`xs.forEach(record)`)
 * or used as a template's tag. Taken as code that may change anything. (A constructor that
 * only fills its own fields from what it is given changes nothing else.)
 */
function runsProgramCodeUnseen(facts: FileFacts, n: ts.Node): boolean {
  const { ts, ctx } = facts;
  // (A class without a constructor of its own runs its field initialisers and its base class's constructor.)
  if (ts.isNewExpression(n)) return isLibrary(ctx, n.expression) ? false : !onlyFillsItsFields(facts, n);
  if (ts.isPropertyAccessExpression(n)) return programAccessorsAt(ctx, n).length > 0;
  // (`${money}`, `for (const x of walk(xs))`, `[...bag]`: implicit-calls.ts.)
  if (runsImplicitProgramCode(facts, n)) return true;
  // (A tag of the program's: tag`…` calls it.)
  if (ts.isTaggedTemplateExpression(n)) return namedProgramFunction(facts, n.tag) !== undefined;
  if (!ts.isCallExpression(n) || calledFunction(ctx, n) || facts.taskOf(n)) return false;
  // (`table.record(x)`, `handlers[k](x)`, `emit`: code-run-at.ts.)
  return callsFunctionValue(facts, n) || namedFunctionsAt(facts, n).length > 0;
}

/**
 * `new Point(x, y)` of a class with no base class, no accessors, fields made from literals, and a constructor (if
 * any) that only stores its parameters, literals and arithmetic on primitives in its own fields: it runs no code
 * and changes nothing but the new object.
 */
function onlyFillsItsFields(facts: FileFacts, node: ts.NewExpression): boolean {
  const { ts, ctx } = facts;
  let symbol = ctx.checker.getSymbolAtLocation(node.expression);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = ctx.checker.getAliasedSymbol(symbol);
  const cls = symbol?.valueDeclaration;
  if (!cls || !ts.isClassLike(cls) || cls.getSourceFile().isDeclarationFile) return false;
  if (cls.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword) || cls.modifiers?.some(ts.isDecorator)) return false;
  const literal = (e: ts.Expression): boolean => ts.isLiteralExpression(e) || e.kind === ts.SyntaxKind.TrueKeyword ||
    e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword;
  const constructor = cls.members.find(ts.isConstructorDeclaration);
  const params = new Set<ts.Declaration>(constructor?.parameters ?? []);
  const primitive = (e: ts.Expression): boolean => isPrimitiveNode(ctx, e);
  const plain = (e: ts.Expression): boolean => {
    if (literal(e)) return true;
    if (ts.isIdentifier(e)) { const declared = ctx.checker.getSymbolAtLocation(e)?.valueDeclaration; return declared !== undefined && params.has(declared); }
    if (ts.isParenthesizedExpression(e)) return plain(e.expression);
    if (ts.isPrefixUnaryExpression(e)) return e.operator !== ts.SyntaxKind.PlusPlusToken && e.operator !== ts.SyntaxKind.MinusMinusToken &&
      primitive(e.operand) && plain(e.operand);
    return ts.isBinaryExpression(e) && !isAssignmentOperator(ts, e.operatorToken.kind) && primitive(e.left) && primitive(e.right) && plain(e.left) && plain(e.right);
  };
  const members = cls.members.every((m) => (ts.isPropertyDeclaration(m) ? !m.initializer || literal(m.initializer) :
    ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m) || ts.isSemicolonClassElement(m)) && !ts.getDecorators?.(m as ts.HasDecorators)?.length);
  if (!members) return false;
  if (!constructor) return true;
  if (!constructor.body || constructor.parameters.some((p) => p.initializer || !ts.isIdentifier(p.name))) return false;
  return constructor.body.statements.every((st) => ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) &&
    st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(st.expression.left) &&
    st.expression.left.expression.kind === ts.SyntaxKind.ThisKeyword && plain(st.expression.right));
}

/**
 * Whether the node may change what code outside its region can see (`isOwn(declaration, whole)` says which names are
 * the region's own: `whole` when the name itself is assigned, else what it holds changes): an assignment or update of
 * another name or of what it holds, a changing method called on one, a call of program code or of a function passed in.
 */
export function changesOutside(facts: FileFacts, isOwn: (declaration: ts.Declaration, whole: boolean) => boolean, node: ts.Node,
  submitted: ReadonlyMap<ts.CallExpression, unknown>): boolean {
  const { ts } = facts;
  const own = (id: ts.Identifier, whole: boolean): boolean => {
    const declaration = facts.ctx.checker.getSymbolAtLocation(id)?.valueDeclaration;
    return declaration !== undefined && declaration.getSourceFile() === node.getSourceFile() && isOwn(declaration, whole);
  };
  const ownTarget = (target: ts.Expression, wholeName = true): boolean => {
    let root = target;
    let whole = wholeName;
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isParenthesizedExpression(root) ||
      ts.isNonNullExpression(root)) {
      if (!ts.isParenthesizedExpression(root) && !ts.isNonNullExpression(root)) whole = false;
      root = root.expression;
    }
    // `[...totals].sort(…)`, `new Set(xs).add(…)`: an object made right there is nobody else's.
    if (!whole && (ts.isArrayLiteralExpression(root) || ts.isObjectLiteralExpression(root) || ts.isNewExpression(root))) return true;
    return ts.isIdentifier(root) && own(root, whole);
  };
  /** `[a, b] = …`, `({ x } = …)`: every name it assigns. */
  const ownTargets = (target: ts.Expression): boolean => {
    if (!ts.isObjectLiteralExpression(target) && !ts.isArrayLiteralExpression(target)) return ownTarget(target);
    const names: ts.Identifier[] = [];
    const collect = (n: ts.Node): void => { if (ts.isIdentifier(n)) names.push(n); else ts.forEachChild(n, collect); };
    collect(target);
    return names.every((name) => ts.isPropertyAssignment(name.parent) && name.parent.name === name || own(name, true));
  };
  /** The call of contained `callee` writes only what own names hold: its written arguments, its object if written. */
  const writesOnlyOwn = (call: ts.CallExpression, callee: FunctionLike): boolean => {
    if (!isContained(facts, callee, 'region') || overridingMethods(facts.ctx, call.expression)?.length) return false;
    const params = facts.summaries.get(callee).params;
    const writtenArgs = call.arguments.every((arg, i) => {
      const effect = params[argumentParam(callee, i)];
      return !(effect?.written || effect?.writtenLater) || (!ts.isSpreadElement(arg) && ownTarget(arg, false));
    });
    if (!writtenArgs) return false;
    const receiver = ts.isPropertyAccessExpression(call.expression) || ts.isElementAccessExpression(call.expression) ? call.expression.expression : undefined;
    return receiver === undefined || !writesItsObject(facts, callee) || ownTarget(receiver, false);
  };
  const changes = (n: ts.Node): boolean => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && !ownTargets(n.left)) return true;
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) &&
      (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken) && !ownTarget(n.operand)) return true;
    if (ts.isDeleteExpression(n) && !ownTarget(n.expression)) return true;
    if (runsProgramCodeUnseen(facts, n)) return true;
    // (A task call the plan keeps direct runs here, at once, as program code does: np41's F1, `try { fail(); inc(o) }`.
    // A submitted one that follows a failure is dropped with it.)
    // (A pause, `new Promise((r) => setTimeout(r, ms))` or a call of a function making one: the timer only resumes
    // the code that waits on it, which the failure never reaches.)
    if (ts.isCallExpression(n) && isPause(facts, n)) return false;
    if (ts.isCallExpression(n) && (!facts.taskOf(n) || !submitted.has(n))) {
      const callee = calledFunction(facts.ctx, n);
      if (callee && !callee.getSourceFile().isDeclarationFile && makesPause(facts, callee)) return n.arguments.some((arg) => changes(arg));
      // Program code may change anything, unless it is contained (contained-code.ts) and writes only objects of the
      // region's own: `b.step(3)` on a board the async function made (`step(k) { relax(this.#cells, k) }`).
      if (callee && !callee.getSourceFile().isDeclarationFile) return !writesOnlyOwn(n, callee) || (ts.forEachChild(n, (child) => changes(child) || undefined) ?? false);
      if (keepsCallback(facts, n)) return true;
      if (ts.isPropertyAccessExpression(n.expression) && MUTATING_METHODS.has(n.expression.name.text) && !ownTarget(n.expression.expression, false)) return true;
      // `Object.assign(sink, …)`, `Array.prototype.push.call(seen, x)`, `Reflect.set(o, k, v)`: the first argument changes.
      const builtin = n.arguments.length > 0 ? builtinName(facts.ctx, n.expression) : undefined;
      if (builtin && writesFirstArgument(builtin) && !ts.isSpreadElement(n.arguments[0]) && !ownTarget(n.arguments[0], false)) return true;
    }
    return ts.forEachChild(n, (child) => changes(child) || undefined) ?? false;
  };
  return changes(node);
}
