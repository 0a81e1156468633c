/**
 * Functions of the program that touch nothing but their own: what they are given, their locals, constants holding
 * primitives and the language's own functions and constructors (`Math`, `Array`, `Int8Array`, `Map`…). Such a
 * function cannot print, read or change module state, captured variables or the world, nor run code the analysis
 * cannot see; what it changes is what its parameters (and, for a method, its object) hold, which the function's
 * summary says. Two questions rest on that, each with its own bounds:
 * - **ahead**: may a call of it be evaluated earlier than the plain program does, as a task's argument the first pass
 *   of a split evaluates (only-reads.ts isSimpleArgument: `solve(fromFen(fen))`, tester #26's program 17)? It must
 *   also make no task call, throw nothing itself, and write nothing of what it is given: it reads its arguments and
 *   makes fresh values, like `A.slice(lo, hi)` does;
 * - **region**: may a call of it, in a region that catches a task's failure (an async function, a try block), run
 *   without first checking the tasks before it (failure-checks.ts)? It may use `this` and submit tasks (`step(k) {
 *   relax(this.#cells, k) }`); the caller then asks whether the objects it writes are its own (lasting-effects.ts).
 * "Its own" ends at the function: a nested function is walked only when an array method runs it at once; a function
 * of the program it calls (or hands to such a method) must be contained too. Parameters may hold no function, so
 * nothing it is given runs code. Reading a getter, writing a setter, `new` of a program class, `await` and `yield`
 * are out.
 */
import type * as ts from 'typescript';
import { calledFunction, isPrimitiveNode, symbolOf, type FunctionLike } from '../analysis/context';
import { mayHoldFunctions } from '../analysis/function-values';
import { TYPED_ARRAYS } from '../analysis/builtins';
import { overridingMethods } from '../analysis/overrides';
import { thisEffects } from '../analysis/function-effects';
import { programMemo } from '../analysis/program-memo';
import type { FileFacts } from './file-facts';
import { isLibrary } from './library-uses';
import { isSynchronousCallback } from './syntax';

export type Containment = 'ahead' | 'region';

/** The language's names a contained function may use (their members compute; none prints, keeps or reads the world). */
const LANGUAGE = new Set(['Math', 'Number', 'String', 'Boolean', 'Array', 'Object', 'BigInt', 'Map', 'Set', 'RegExp',
  'ArrayBuffer', 'DataView', ...TYPED_ARRAYS, 'undefined', 'Infinity', 'NaN', 'parseInt', 'parseFloat', 'isNaN', 'isFinite']);
/** Members of `Object` that change an object's shape or protection in ways a parameter's summary may not follow. */
const OBJECT_CHANGES = new Set(['freeze', 'seal', 'preventExtensions', 'defineProperty', 'defineProperties', 'setPrototypeOf']);

const memos = { ahead: programMemo<FunctionLike, boolean>(), region: programMemo<FunctionLike, boolean>() };
/** Functions being judged: one reached again on a cycle is taken as contained until shown otherwise (a cycle adds no effect). */
const judging = { ahead: new Set<FunctionLike>(), region: new Set<FunctionLike>() };

/** The function touches nothing but its own (see above), under the bounds of `mode`. */
export function isContained(facts: FileFacts, fn: FunctionLike, mode: Containment): boolean {
  const memo = memos[mode](facts.ctx.program);
  let found = memo.get(fn);
  if (found !== undefined) return found;
  if (judging[mode].has(fn)) return true;
  judging[mode].add(fn);
  try {
    found = judge(facts, fn, mode);
  } finally {
    judging[mode].delete(fn);
  }
  memo.set(fn, found);
  return found;
}

/**
 * `fromFen(fen)`: a call of a contained function that may be evaluated ahead, given arguments `simple` accepts: it
 * writes nothing it is given (its summary), so it only reads them.
 */
export function isContainedHelperCall(facts: FileFacts, call: ts.CallExpression, simple: (arg: ts.Expression) => boolean): boolean {
  const { ts } = facts;
  if (!ts.isIdentifier(call.expression) || call.questionDotToken || facts.taskOf(call)) return false;
  const fn = calledFunction(facts.ctx, call);
  if (!fn || !isContained(facts, fn, 'ahead') || !call.arguments.every((a) => !ts.isSpreadElement(a) && simple(a))) return false;
  return facts.summaries.get(fn).params.every((p) => !p.written && !p.writtenLater);
}

/** Whether calling `fn` may write its object (`this`), by its own analysis; memoised per program. */
export function writesItsObject(facts: FileFacts, fn: FunctionLike): boolean {
  const memo = thisWrites(facts.ctx.program);
  let found = memo.get(fn);
  if (found === undefined) {
    const effect = thisEffects(facts.ctx, fn, (f, reading, via) => facts.summaries.made(f, reading, via));
    found = Boolean(effect?.written || effect?.writtenLater);
    memo.set(fn, found);
  }
  return found;
}
const thisWrites = programMemo<FunctionLike, boolean>();

function judge(facts: FileFacts, fn: FunctionLike, mode: Containment): boolean {
  const { ts, ctx } = facts;
  if (!fn.body || (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) || (fn as ts.FunctionDeclaration).asteriskToken) return false;
  if (ts.isConstructorDeclaration(fn) || ts.isGetAccessor(fn) || ts.isSetAccessor(fn)) return false;
  if (fn.parameters.some((p) => p.dotDotDotToken || mayHoldFunctions(ctx, ctx.checker.getTypeAtLocation(p), 3))) return false;
  const own = (declaration: ts.Node) => declaration.pos >= fn.pos && declaration.end <= fn.end;
  /** A function of the program that `fn` runs (by a call, or handed to an array method): contained too. */
  const runs = (target: FunctionLike | undefined): boolean => target !== undefined && (facts.tasks.has(target) ? mode === 'region' : isContained(facts, target, mode));
  let ok = true;
  const visit = (node: ts.Node): void => {
    if (!ok || ts.isTypeNode(node)) return;
    if (node !== fn && ts.isFunctionLike(node)) {
      if (!isSynchronousCallback(ts, node)) ok = false;
      else ts.forEachChild(node, visit);
      return;
    }
    if (ts.isClassLike(node) || ts.isAwaitExpression(node) || ts.isYieldExpression(node) || ts.isTaggedTemplateExpression(node) ||
      (ts.isThrowStatement(node) && mode === 'ahead') || (node.kind === ts.SyntaxKind.ThisKeyword && mode === 'ahead')) { ok = false; return; }
    if (ts.isNewExpression(node)) {
      if (!ts.isIdentifier(node.expression) || !isLanguageName(facts, node.expression)) { ok = false; return; }
      node.arguments?.forEach(visit);
      return;
    }
    if (ts.isCallExpression(node)) { if (!callIsContained(node)) ok = false; else node.arguments.forEach(visit); return; }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      if (runsAccessor(facts, node)) { ok = false; return; }
      ts.forEachChild(node, (child) => { if (child !== (node as ts.PropertyAccessExpression).name) visit(child); });
      return;
    }
    if (ts.isIdentifier(node)) { if (!isOwnName(node)) ok = false; return; }
    // An object of a program class made a string or a number runs its toString or valueOf.
    if ((ts.isTemplateSpan(node) && convertsProgramObject(facts, node.expression)) ||
      (ts.isBinaryExpression(node) && (convertsProgramObject(facts, node.left) || convertsProgramObject(facts, node.right)))) { ok = false; return; }
    ts.forEachChild(node, visit);
  };
  const isOwnName = (id: ts.Identifier): boolean => {
    // (A property's name in `{ k: v }`, `const { k: v } = o`'s key and a label are no variables; `{ k }`'s value is
    // judged by its symbol.)
    const parent = id.parent;
    if ((ts.isPropertyAssignment(parent) && parent.name === id) || (ts.isBindingElement(parent) && parent.propertyName === id) ||
      ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return true;
    const declaration = symbolOf(ctx, id)?.valueDeclaration;
    if (!declaration) return id.text === 'undefined' || id.text === 'arguments';
    if (own(declaration)) return true;
    if (declaration.getSourceFile().isDeclarationFile) return isLanguageName(facts, id);
    // A function of the program named (handed to an array method: `rows.map(parseRow)`) runs as a call of it would.
    if (isFunctionDeclarationLike(ts, declaration)) return runs(functionOf(ts, declaration));
    if (ts.isEnumDeclaration(declaration) || ts.isEnumMember(declaration)) return true;
    return ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 && isPrimitiveNode(ctx, id);
  };
  const callIsContained = (call: ts.CallExpression): boolean => {
    const callee = call.expression;
    const target = calledFunction(ctx, call);
    if (ts.isIdentifier(callee)) {
      if (target) return runs(target);
      return isLanguageName(facts, callee);
    }
    if (!ts.isPropertyAccessExpression(callee) && !ts.isElementAccessExpression(callee)) return false;
    // `Object.freeze(p)`: not a write the summaries follow.
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' && OBJECT_CHANGES.has(callee.name.text)) return false;
    if (target) {
      // `this.norm()`, `Geo.area(p)`: a method of the program, and every override a subclass may run instead.
      const overriding = overridingMethods(ctx, callee);
      if (overriding && !overriding.every(runs)) return false;
      if (!runs(target)) return false;
    } else if (!isLibrary(ctx, callee)) return false; // a method the program's types do not resolve, or a package's
    visit(callee.expression);
    if (ts.isElementAccessExpression(callee)) visit(callee.argumentExpression);
    return ok;
  };
  ts.forEachChild(fn.body, visit);
  return ok;
}

/** One of the language's own names (LANGUAGE), declared by the library, not shadowed by the program. */
export function isLanguageName(facts: FileFacts, id: ts.Identifier): boolean {
  if (!LANGUAGE.has(id.text)) return false;
  const declaration = symbolOf(facts.ctx, id)?.valueDeclaration;
  return declaration === undefined || declaration.getSourceFile().isDeclarationFile;
}

/** Reading or writing the property runs the program's accessor. */
function runsAccessor(facts: FileFacts, access: ts.PropertyAccessExpression | ts.ElementAccessExpression): boolean {
  const { ts } = facts;
  const symbol = ts.isPropertyAccessExpression(access) ? symbolOf(facts.ctx, access.name) : undefined;
  return symbol !== undefined && (symbol.flags & ts.SymbolFlags.Accessor) !== 0 &&
    (symbol.declarations ?? []).some((d) => !d.getSourceFile().isDeclarationFile);
}

/** An operand holding an object of a class the program declares (its toString or valueOf may be the program's). */
function convertsProgramObject(facts: FileFacts, operand: ts.Expression): boolean {
  const type = facts.ctx.checker.getTypeAtLocation(operand);
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((t) => (t.getSymbol()?.declarations ?? []).some((d) => facts.ts.isClassLike(d) && !d.getSourceFile().isDeclarationFile));
}

function isFunctionDeclarationLike(t: typeof ts, declaration: ts.Node): boolean {
  return t.isFunctionDeclaration(declaration) || t.isMethodDeclaration(declaration) ||
    (t.isVariableDeclaration(declaration) && declaration.initializer !== undefined &&
      (t.isArrowFunction(declaration.initializer) || t.isFunctionExpression(declaration.initializer)));
}

function functionOf(t: typeof ts, declaration: ts.Node): FunctionLike | undefined {
  if (t.isVariableDeclaration(declaration)) {
    // (A `let` may be given another function later: only a `const` names this one.)
    if (!(t.getCombinedNodeFlags(declaration) & t.NodeFlags.Const)) return undefined;
    return declaration.initializer as FunctionLike;
  }
  return declaration as FunctionLike;
}
