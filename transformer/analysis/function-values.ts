/**
 * What a value may be as a function, for callbacks.ts: whether a type may be or hold a function, whether a value can
 * be called, whether a summary or a parameter's default only reads, and which built-in container a field is made as.
 * Kept apart from the Callbacks class, which decides which summary a call gets; these are the facts it weighs.
 */
import type * as ts from 'typescript';
import { isPrimitiveType, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import type { Summary, SummaryLookup } from './param-effects';
import { enclosingThisScope, isWrittenIn, skipParens } from './expressions';
import { functionOfExpression } from './function-of-symbol';

/**
 * The function written inside `fn` that `name` denotes (`visit` for `function visit(p) {…}` or `const visit = (p) =>
 * …`): a call of it, or one handing it over by name (`parts.forEach(visit)`), has its parameters bound to what it is
 * given in `fn`'s own reach (reach-flow.ts), so what it stores in `fn`'s locals is followed there (effect-recorder.ts).
 * `orItself`: `fn` calling itself by its name counts (what it stores in enclosing functions' locals, it stores again).
 */
export function localFunctionNamed(ctx: AnalysisContext, fn: ts.Node, name: ts.Expression, orItself = false): ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | undefined {
  const { ts } = ctx;
  const id = skipParens(ts, name);
  if (!ts.isIdentifier(id)) return undefined;
  let declaration: ts.Node | undefined = symbolOf(ctx, id)?.valueDeclaration;
  // (Through constants naming it again, `const f = add; f(o)`: np48's min-nested-letout.)
  for (let hops = 0; hops < 8 && declaration && ts.isVariableDeclaration(declaration) && declaration.initializer &&
    (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const); hops++) {
    declaration = skipParens(ts, declaration.initializer);
    if (ts.isIdentifier(declaration)) declaration = symbolOf(ctx, declaration)?.valueDeclaration;
  }
  if (!declaration || !(ts.isFunctionDeclaration(declaration) || ts.isArrowFunction(declaration) || ts.isFunctionExpression(declaration)) ||
    !(isWrittenIn(fn, declaration) || (orItself && declaration === fn))) return undefined;
  // (Arguments bind its named parameters only: not what it reads through `arguments`: rev61's F4.)
  const readsArguments = (n: ts.Node): boolean => (ts.isIdentifier(n) && n.text === 'arguments') ||
    (!(ts.isFunctionLike(n) && !ts.isArrowFunction(n)) && ts.forEachChild(n, readsArguments) === true);
  return declaration.body && ts.forEachChild(declaration.body, readsArguments) ? undefined : declaration;
}

/** An assumed field whose value is a built-in container (not a field holding reading functions): `builtin _intern`. */
export const BUILTIN_FIELD = 'builtin ';

/** The assumption that a parameter's class is a built-in one (`new date.constructor(v)`: callbacks.ts isCallerClass). */
export const CLASS_FIELD = 'class ';

/**
 * A value of this type is no instance of a class of the program (nor of a type that could be anything), nor holds
 * one `depth` levels down: its `constructor` is a built-in's (`Object` for plain data), and so are its parts'. Taken
 * from the type, as "holds no function" is.
 */
export function hasBuiltinClass(ctx: AnalysisContext, type: ts.Type, depth: number): boolean {
  const { ts } = ctx;
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive | ts.TypeFlags.TypeParameter)) return false;
  if (type.isUnion() || type.isIntersection()) return type.types.every((t) => hasBuiltinClass(ctx, t, depth));
  if (isPrimitiveType(ctx, type)) return true;
  const declarations = type.getSymbol()?.declarations ?? [];
  if (declarations.some((d) => (ts.isClassDeclaration(d) || ts.isClassExpression(d)) && !ctx.program.isSourceFileDefaultLibrary(d.getSourceFile()))) return false;
  if (depth === 0 || declarations.some((d) => ctx.program.isSourceFileDefaultLibrary(d.getSourceFile()) && !/^(Array|ReadonlyArray)$/.test(type.getSymbol()!.getName()))) return true;
  const element = ctx.checker.getIndexTypeOfType(type, ts.IndexKind.Number);
  if (element) return hasBuiltinClass(ctx, element, depth - 1);
  return ctx.checker.getPropertiesOfType(type).every((prop) => hasBuiltinClass(ctx, ctx.checker.getTypeOfSymbol(prop), depth - 1));
}

/** `new Map(…)`, `new Set(…)`, `new Array(…)`… of the standard library (not a class of the program by that name). */
export function isBuiltinContainer(ctx: AnalysisContext, value: ts.Expression | undefined): boolean {
  const { ts } = ctx;
  if (!value) return false;
  value = skipParens(ts, value);
  if (!ts.isNewExpression(value) || !ts.isIdentifier(value.expression) || !/^(Map|Set|WeakMap|WeakSet|Array)$/.test(value.expression.text)) return false;
  // (The constructor's value: @types/node adds to `interface Array<T>` too, which is no other constructor.)
  const declaration = symbolOf(ctx, value.expression)?.valueDeclaration;
  return declaration !== undefined && ctx.program.isSourceFileDefaultLibrary(declaration.getSourceFile());
}

/**
 * No parameter written or kept, nor let out other than by being returned (a caller's reach counts a callback's result
 * as any part of what it was given). Nor written by a closure it hands back: whoever it is given to may call that.
 */
export function summaryOnlyReads(summary: Summary | undefined): boolean {
  return summary?.params.every((p) => !p.written && !p.writtenLater && !p.escapedOtherwise && !p.kept) ?? false;
}

/** A parameter's default (`key = keyof`) is a function that only reads, or no function at all. */
export function defaultOnlyReads(owner: AnalysisContext, initializer: ts.Expression, lookup: SummaryLookup): boolean {
  const fn = functionOfExpression(owner, initializer, 0);
  if (fn) return summaryOnlyReads(lookup(fn, false));
  return !mayHoldFunctions(owner, owner.checker.getTypeAtLocation(initializer), 2);
}

/** The function whose `this` a function's body sees: itself, or for an arrow the nearest enclosing non-arrow function. */
export function thisScopeOf(t: typeof ts, fn: FunctionLike): ts.Node | undefined {
  return t.isArrowFunction(fn) ? enclosingThisScope(t, fn) : fn;
}

/** `outer` is `inner` or lexically contains it. */
export function enclosesOrIs(outer: ts.Node, inner: ts.Node): boolean {
  for (let n: ts.Node | undefined = inner; n; n = n.parent) if (n === outer) return true;
  return false;
}

/** A value of this type may be or hold (within `depth` levels) a function: `any`, callables, objects with such fields. */
export function mayHoldFunctions(ctx: AnalysisContext, type: ts.Type, depth: number): boolean {
  const { ts } = ctx;
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive | ts.TypeFlags.TypeParameter)) return true;
  if (type.isUnion() || type.isIntersection()) return type.types.some((t) => mayHoldFunctions(ctx, t, depth));
  if (isPrimitiveType(ctx, type)) return false;
  if (type.getCallSignatures().length > 0 || type.getConstructSignatures().length > 0) return true;
  if (depth === 0) return true;
  const element = ctx.checker.getIndexTypeOfType(type, ts.IndexKind.Number);
  if (element) return mayHoldFunctions(ctx, element, depth - 1);
  const name = type.getSymbol()?.getName() ?? '';
  if (/^(Big)?(Int|Uint|Float)(8|16|32|64)(Clamped)?Array$|^(Shared)?ArrayBuffer$|^Date$|^RegExp$/.test(name)) return false;
  return ctx.checker.getPropertiesOfType(type).some((prop) => mayHoldFunctions(ctx, ctx.checker.getTypeOfSymbol(prop), depth - 1));
}

/**
 * An argument that may be `undefined` (the literal, `void 0`, a type that includes it or says nothing): a parameter's
 * default then runs as when nothing is passed.
 */
export function mayBeUndefined(ctx: AnalysisContext, arg: ts.Expression): boolean {
  const { ts } = ctx;
  const value = skipParens(ts, ts.isSpreadElement(arg) ? arg.expression : arg);
  if (ts.isVoidExpression(value) || (ts.isIdentifier(value) && value.text === 'undefined')) return true;
  if (ts.isArrowFunction(value) || ts.isFunctionExpression(value) || ts.isObjectLiteralExpression(value) || ts.isArrayLiteralExpression(value)) return false;
  // (Without strictNullChecks a type never says `undefined`: any value but a literal may be it.)
  const options = ctx.program.getCompilerOptions();
  if (!(options.strictNullChecks ?? options.strict ?? false)) return true;
  const type = ctx.checker.getTypeAtLocation(value);
  const loose = ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter;
  return (type.isUnion() ? type.types : [type]).some((t) => (t.flags & loose) !== 0);
}

/** Builtin methods that call a function argument with the receiver's elements. */
export const CALLBACK_METHODS = new Set([
  'forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'reduce', 'reduceRight',
  'flatMap', 'sort', 'toSorted',
]);

export function isCallableValue(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const type = ctx.checker.getTypeAtLocation(expr);
  return (type.isUnion() ? type.types : [type]).some((t) => t.getCallSignatures().length > 0);
}
