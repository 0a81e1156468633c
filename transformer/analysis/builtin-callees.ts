/**
 * Which built-in a callee names, by its qualified name (`Array.isArray`, `Object.assign`), also through a constant
 * alias (`const isArray = Array.isArray`) and as `X.prototype.m.call(…)`/`.apply(…)` (named `X.prototype.m`): the
 * tables of builtins.ts are looked up by these names. Both reach.ts and the effects ask it.
 */
import type * as ts from 'typescript';
import { isNullishLiteral, prototypeName, returnedExpressions, skipParens } from './expressions';
import { builtinReturnedBy } from './returned-members';
import { nodeBuiltinName } from './node-builtins';
import { isLibraryGlobal, isNamespaceImport, isReassigned, qualifiedName, symbolOf, type AnalysisContext } from './context';
import { isReplacedCallee } from './replaced-members';
import { programMemo } from './program-memo';

/** Constructors whose result is a fresh object: a copy of (or container for) what they are given. */
export const COPYING_CONSTRUCTORS = new Set([
  'Float64Array', 'Float32Array', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'BigInt64Array', 'BigUint64Array', 'Map', 'Set', 'Array', 'Date', 'Error', 'TypeError', 'RangeError',
  // (Parse or copy what they are given: moderndash's isUrl `new URL(str)`; a WeakMap/WeakSet holds entries as Map/Set do.)
  'URL', 'URLSearchParams', 'RegExp', 'WeakMap', 'WeakSet', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError',
  'AggregateError',
]);

/**
 * The built-in a callee names, also through a constant alias (`const isArray = Array.isArray`) and as
 * `X.prototype.m.call(…)`/`.apply(…)` (named `X.prototype.m`), also through an alias (`toString.call(…)`).
 */
export function builtinName(ctx: AnalysisContext, callee: ts.Expression): string | undefined {
  const { ts } = ctx;
  callee = skipParens(ts, callee);
  const alias = aliasedBuiltin(ctx, callee, 0);
  if (alias) return alias;
  if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply')) {
    const method = skipParens(ts, callee.expression);
    if (ts.isPropertyAccessExpression(method)) return prototypeMethodName(ctx, method) ?? builtinName(ctx, method);
    // `const toString = Object.prototype.toString; toString.call(v)` (is-any-array, lodash): the alias's built-in.
    if (ts.isIdentifier(method)) {
      const aliased = builtinName(ctx, method);
      if (aliased && aliased !== method.text) return aliased;
    }
  }
  // (A Node module's function or method by its declaration, `node:zlib.inflateSync`: node-builtins.ts.)
  return nodeBuiltinName(ctx, callee) ?? qualifiedName(ts, callee);
}

/**
 * What a constant alias names (a `var`/`let` nothing reassigns is a constant too: d3-geo's `var cos = Math.cos`), also
 * through a module: an import of one (underscore's `nativeIsArray`), `ns.f`/`m.f` of a namespace or a CommonJS module
 * object whose `f` is one (radash's `typed.isArray`: `const isArray = Array.isArray; exports.isArray = isArray`), and
 * an alias of an alias. Undefined when `name` is no such alias.
 */
function aliasedBuiltin(ctx: AnalysisContext, name: ts.Expression, depth: number): string | undefined {
  const { ts } = ctx;
  if (depth > 8) return undefined;
  const declaration = ts.isIdentifier(name) ? symbolOf(ctx, name)?.valueDeclaration
    : ts.isPropertyAccessExpression(name) && isNamespaceImport(ctx, skipParens(ts, name.expression)) ? symbolOf(ctx, name.name)?.valueDeclaration : undefined;
  if (!declaration) return undefined;
  let value: ts.Expression | undefined;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isIdentifier(declaration.name) &&
    ts.isVariableDeclarationList(declaration.parent) && ((declaration.parent.flags & ts.NodeFlags.Const) !== 0 || !isReassigned(ctx, declaration))) {
    value = skipParens(ts, declaration.initializer);
  } else if (ts.isBindingElement(declaration)) {
    return destructuredBuiltin(ctx, declaration, depth);
  } else if (ts.isExportAssignment(declaration)) {
    value = declaration.expression; // `export default nodeUtil`, imported by name
  } else {
    // CommonJS: `exports.isArray = isArray` (the declaration is the assignment or its target).
    const parent = declaration.parent;
    const assignment = ts.isBinaryExpression(declaration) ? declaration : parent && ts.isBinaryExpression(parent) && (parent.left as ts.Node) === declaration ? parent : undefined;
    if (assignment && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken && isInModuleScope(ts, assignment)) value = skipParens(ts, assignment.right);
  }
  return value && builtinValue(ctx, value, depth);
}

/**
 * `const { isArray } = Array`, `export const { keys } = Object` (rambda), `const { max: top } = Math`: a member of the
 * built-in the destructured constant is. Undefined for a default, a rest element or a nested pattern.
 */
function destructuredBuiltin(ctx: AnalysisContext, element: ts.BindingElement, depth: number): string | undefined {
  const { ts } = ctx;
  const pattern = element.parent;
  const declaration = pattern.parent;
  if (!ts.isObjectBindingPattern(pattern) || element.initializer || element.dotDotDotToken || !ts.isIdentifier(element.name) ||
    !ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isVariableDeclarationList(declaration.parent)) return undefined;
  if (!(declaration.parent.flags & ts.NodeFlags.Const)) return undefined;
  const key = element.propertyName ?? element.name;
  if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return undefined;
  const source = skipParens(ts, declaration.initializer);
  const owner = ts.isIdentifier(source) ? aliasedBuiltin(ctx, source, depth + 1) ?? (isLibraryGlobal(ctx, source) ? source.text : undefined)
    : builtinValue(ctx, source, depth + 1);
  return owner && `${owner}.${key.text}`;
}

/** The built-in a constant's value is (see aliasedBuiltin), guards aside. */
function builtinValue(ctx: AnalysisContext, value: ts.Expression, depth: number): string | undefined {
  const { ts } = ctx;
  value = unguarded(ts, value);
  // `var freeParseInt = parseInt` (lodash): a global function of the standard library, by its name.
  if (ts.isIdentifier(value)) return aliasedBuiltin(ctx, value, depth + 1) ?? (isLibraryGlobal(ctx, value) ? value.text : undefined);
  if (ts.isCallExpression(value)) return calledBuiltin(ctx, value, depth + 1);
  if (!ts.isPropertyAccessExpression(value)) return undefined;
  // `root.Buffer` where root is the global object (lodash's `freeGlobal || freeSelf || Function('return this')()`).
  if (isGlobalObject(ctx, value.expression, depth)) return value.name.text;
  // `Buffer.isBuffer` where `var Buffer = root.Buffer`, `nodeUtil.isTypedArray`: a member of the built-in the receiver is.
  const receiver = skipParens(ts, value.expression);
  const owner = ts.isIdentifier(receiver) && !isLibraryGlobal(ctx, receiver) ? aliasedBuiltin(ctx, receiver, depth + 1)
    : ts.isCallExpression(receiver) ? calledBuiltin(ctx, receiver, depth + 1) : undefined;
  if (owner) return `${owner}.${value.name.text}`;
  return prototypeMethodName(ctx, value) ?? aliasedBuiltin(ctx, value, depth + 1) ?? qualifiedName(ts, value);
}

/** Node's modules whose members the tables of builtins.ts name (`util.types.isTypedArray`). */
const NODE_MODULES = new Set(['util']);

/**
 * The built-in a call hands back: Node's module for `require('util')` (also `module.require('util')`, as lodash reaches
 * it through `freeModule`), and for the legacy `process.binding('util')` the same type predicates (`util.types` is made
 * of that binding); an immediately called function every return of which is one same built-in, or nothing (lodash's
 * `nodeUtil`, `util.types` on any Node since 10).
 */
function calledBuiltin(ctx: AnalysisContext, call: ts.CallExpression, depth: number): string | undefined {
  const { ts } = ctx;
  if (depth > 8) return undefined;
  const callee = skipParens(ts, call.expression);
  if ((ts.isFunctionExpression(callee) || ts.isArrowFunction(callee)) && call.arguments.length === 0) {
    const names = returnedExpressions(ts, callee).map((e) => unguarded(ts, e)).filter((e) => !isNothing(ts, e)).map((e) => builtinValue(ctx, e, depth + 1));
    return names.length > 0 && names.every((n) => n !== undefined && n === names[0]) ? names[0] : undefined;
  }
  // `getNative(Object, 'defineProperty')`: a function of the program handing back a member of its arguments.
  if (ts.isIdentifier(callee) && callee.text !== 'require') {
    const returned = builtinReturnedBy(ctx, call, (e) => builtinValue(ctx, e, depth + 1), { isNothing: (e) => isNothing(ts, e), unguarded: (e) => unguarded(ts, e) });
    if (returned) return returned;
  }
  const argument = call.arguments.length === 1 ? skipParens(ts, call.arguments[0]) : undefined;
  const module = argument && ts.isStringLiteralLike(argument) ? argument.text.replace(/^node:/, '') : undefined;
  if (!module || !NODE_MODULES.has(module)) return undefined;
  if (ts.isIdentifier(callee) && callee.text === 'require' && !declaredInProgram(ctx, callee)) return module;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  if (callee.name.text === 'require' && isAmbientName(ctx, callee.expression, 'module', depth)) return module;
  const isProcess = isAmbientName(ctx, callee.expression, 'process', depth) ||
    (ts.isPropertyAccessExpression(unguarded(ts, callee.expression)) && processOfGlobal(ctx, unguarded(ts, callee.expression) as ts.PropertyAccessExpression, depth));
  return callee.name.text === 'binding' && module === 'util' && isProcess ? 'util.types' : undefined;
}

/** `global.process`, `freeGlobal.process` (a constant holding one, guards aside). */
function processOfGlobal(ctx: AnalysisContext, access: ts.PropertyAccessExpression, depth: number): boolean {
  return access.name.text === 'process' && isGlobalObject(ctx, access.expression, depth + 1);
}

/**
 * `e` is the ambient `name` (Node's `module`, `process`: no declaration of the program's own), directly or through
 * constants and guards (lodash's `freeModule = freeExports && typeof module == 'object' && module && … && module`), or
 * for `process` the global object's.
 */
function isAmbientName(ctx: AnalysisContext, e: ts.Expression, name: string, depth: number): boolean {
  const { ts } = ctx;
  e = unguarded(ctx.ts, e);
  if (depth > 8) return false;
  if (ts.isPropertyAccessExpression(e)) return name === 'process' && processOfGlobal(ctx, e, depth);
  if (!ts.isIdentifier(e)) return false;
  if (e.text === name && !declaredInProgram(ctx, e)) return true;
  const value = constantValue(ctx, e);
  return value !== undefined && isAmbientName(ctx, value, name, depth + 1);
}

/** Declared by the code of the program (or a package's JavaScript), not only by declaration files. */
function declaredInProgram(ctx: AnalysisContext, id: ts.Identifier): boolean {
  return (symbolOf(ctx, id)?.declarations ?? []).some((d) => !d.getSourceFile().isDeclarationFile);
}

/** `undefined`, `null`, `void 0`, `false`: what a guard gives when the built-in is not there. */
function isNothing(t: typeof ts, e: ts.Expression): boolean {
  return isNullishLiteral(t, e) || skipParens(t, e).kind === t.SyntaxKind.FalseKeyword;
}

/**
 * `c ? f : undefined`, `c ? undefined : f`, `c && f`: f, or a value that throws when called or read from (lodash's
 * `var nativeIsBuffer = Buffer ? Buffer.isBuffer : undefined`), so a call through it does what f does or nothing.
 */
function unguarded(t: typeof ts, value: ts.Expression): ts.Expression {
  value = skipParens(t, value);
  if (t.isConditionalExpression(value)) {
    if (isNullishLiteral(t, value.whenFalse)) return unguarded(t, value.whenTrue);
    if (isNullishLiteral(t, value.whenTrue)) return unguarded(t, value.whenFalse);
  }
  if (t.isBinaryExpression(value) && value.operatorToken.kind === t.SyntaxKind.AmpersandAmpersandToken) return unguarded(t, value.right);
  return value;
}

const GLOBAL_OBJECT_NAMES = new Set(['globalThis', 'global', 'self', 'window']);

/**
 * The global object: `globalThis`, `global`, `self`, `window` (no declaration of the program's own), `Function('return
 * this')()`, a constant holding one, `c && g` (g, or a falsy primitive when c says there is none) and `g || h`.
 * lodash finds its `root` so and reads built-ins off it (`root.Buffer`, `root.Symbol`).
 */
export function isGlobalObject(ctx: AnalysisContext, e: ts.Expression, depth = 0): boolean {
  const { ts } = ctx;
  e = skipParens(ts, e);
  if (depth > 8) return false;
  if (ts.isIdentifier(e)) {
    if (GLOBAL_OBJECT_NAMES.has(e.text) && !declaredInProgram(ctx, e)) return true;
    const value = constantValue(ctx, e);
    return value !== undefined && isGlobalObject(ctx, value, depth + 1);
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return isGlobalObject(ctx, e.right, depth + 1);
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.BarBarToken) return isGlobalObject(ctx, e.left, depth + 1) && isGlobalObject(ctx, e.right, depth + 1);
  // `Function('return this')()`: a function made from that text returns the global object when called plainly.
  if (ts.isCallExpression(e) && e.arguments.length === 0 && ts.isCallExpression(skipParens(ts, e.expression))) {
    const make = skipParens(ts, e.expression) as ts.CallExpression;
    const body = make.arguments.length === 1 ? skipParens(ts, make.arguments[0]) : undefined;
    return ts.isIdentifier(make.expression) && make.expression.text === 'Function' && isLibraryGlobal(ctx, make.expression) &&
      body !== undefined && ts.isStringLiteralLike(body) && body.text.trim() === 'return this';
  }
  return false;
}

/** What a constant name holds: a `const`, a `var`/`let` nothing reassigns, an import of one or of `export default x`. */
function constantValue(ctx: AnalysisContext, name: ts.Identifier): ts.Expression | undefined {
  const { ts } = ctx;
  const declaration = symbolOf(ctx, name)?.valueDeclaration;
  if (!declaration) return undefined;
  if (ts.isExportAssignment(declaration)) return declaration.expression;
  return ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isIdentifier(declaration.name) &&
    ((ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 || !isReassigned(ctx, declaration)) ? declaration.initializer : undefined;
}

/** An assignment at a module's top level (`exports.f = f`), not one a function makes later. */
function isInModuleScope(t: typeof ts, node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (t.isFunctionLike(n)) return false;
  return true;
}

/**
 * `X.prototype.m`, also through a constant alias of the prototype (lodash's `var objectProto = Object.prototype;
 * var hasOwnProperty = objectProto.hasOwnProperty`): named `X.prototype.m`.
 */
function prototypeMethodName(ctx: AnalysisContext, access: ts.PropertyAccessExpression): string | undefined {
  const { ts } = ctx;
  const direct = prototypeName(ts, access);
  if (direct || !ts.isIdentifier(access.expression)) return direct;
  const declaration = symbolOf(ctx, access.expression)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !ts.isIdentifier(declaration.name) ||
    !((ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 || !isReassigned(ctx, declaration))) return undefined;
  const owner = skipParens(ts, declaration.initializer);
  return ts.isPropertyAccessExpression(owner) && owner.name.text === 'prototype' && ts.isIdentifier(owner.expression)
    ? `${owner.expression.text}.prototype.${access.name.text}` : undefined;
}

const builtinCalls = programMemo<ts.CallExpression, boolean>();

/**
 * The method a call runs is the standard library's own: its signature is declared in a default lib file, and the
 * receiver cannot be an instance of a class whose JavaScript the checker does not see (`overridingType`). Cached per
 * call: reach.ts asks during its fixpoint.
 */
export function isBuiltinMethodCall(ctx: AnalysisContext, call: ts.CallExpression): boolean {
  let known = builtinCalls(ctx.program).get(call);
  if (known === undefined) {
    const declaration = ctx.checker.getResolvedSignature(call)?.declaration;
    const file = declaration?.getSourceFile();
    // (`out.push = writer` somewhere: that push is no longer the standard library's: replaced-members.ts.)
    known = file !== undefined && file.isDeclarationFile && ctx.program.isSourceFileDefaultLibrary(file) && !overridingType(ctx, call) &&
      !isReplacedCallee(ctx, call.expression);
    builtinCalls(ctx.program).set(call, known);
  }
  return known;
}

/**
 * The type, declared in a package's `.d.ts` (or a class of the program extending one), that a method call's receiver
 * may be although the checker resolves the method to the standard library's: `class KeyedSet<T> extends Set<T>`
 * declares no `add`, but its JavaScript may have one (calling a key function on what it adds). A type the standard
 * library declares (augmented or not) is the built-in.
 */
export function overridingType(ctx: AnalysisContext, call: ts.CallExpression): ts.Symbol | undefined {
  const { ts } = ctx;
  const callee = skipParens(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const type = ctx.checker.getApparentType(ctx.checker.getTypeAtLocation(callee.expression));
  for (const part of type.isUnion() || type.isIntersection() ? type.types : [type]) {
    const found = declaredOutsideLib(ctx, part.getSymbol(), 0);
    if (found) return found;
  }
  return undefined;
}

function declaredOutsideLib(ctx: AnalysisContext, symbol: ts.Symbol | undefined, depth: number): ts.Symbol | undefined {
  const { ts } = ctx;
  const declarations = symbol?.declarations ?? [];
  if (!symbol || depth > 8 || declarations.length === 0) return undefined;
  if (declarations.some((d) => ctx.program.isSourceFileDefaultLibrary(d.getSourceFile()))) return undefined;
  const classLike = declarations.filter((d) => ts.isClassLike(d) || ts.isInterfaceDeclaration(d));
  if (classLike.some((d) => d.getSourceFile().isDeclarationFile)) return symbol;
  // A class or interface of the program: what it extends may be such a type.
  if (classLike.length === 0) return undefined;
  const declared = ctx.checker.getDeclaredTypeOfSymbol(symbol);
  if (!(declared.flags & ts.TypeFlags.Object) || !((declared as ts.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface)) return undefined;
  for (const base of ctx.checker.getBaseTypes(declared as ts.InterfaceType)) {
    const found = declaredOutsideLib(ctx, base.getSymbol(), depth + 1);
    if (found) return found;
  }
  return undefined;
}
