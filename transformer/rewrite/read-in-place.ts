/**
 * Uses of an object's whole value that only read it where it stands and keep none of it: `console.log(m)`,
 * `${a.history}`, `[...counts.keys()]`, `console.log([...m])`, `JSON.stringify([b1, b2])`,
 * `Object.values(total).reduce((s, b) => s + b.n, 0)`. After such an expression nothing but the followed variable
 * names any of the object's parts, so one wait before it is all the program needs (uses.ts classifies it a read):
 * the object is not let out of the planner's sight.
 */
import type * as ts from 'typescript';
import { COPYING_FUNCTIONS, COPYING_METHODS, HOLDS_ARGUMENT, isReadOnlyFunction, READING_METHODS, VIEW_METHODS } from '../analysis/builtins';
import { hasPrimitiveElements, isPrimitiveNode, isPrimitiveType, isTypedArrayType, qualifiedName, type AnalysisContext, type FunctionLike } from '../analysis/context';
import { outlives } from '../analysis/param-effects';
import type { ParamEffects, SummaryLookup } from '../analysis/param-effects';
import { isWriteTarget, skipTransparent, withWrappers } from './syntax';
import { isLibrary, isTypedArrayReceiver } from './library-uses';
import { isNodeReadOnly, nodeDeclaredName, nodeReceiverChange } from '../analysis/node-builtins';
import { isReadingStringify } from './json-reads';
import { functionOfExpression } from '../analysis/function-of-symbol';

/** Node's writes of data that are done when they return (not `writeFile`, which reads the data later). */
const SYNC_FILE_WRITES = new Set(['node:fs.writeFileSync', 'node:fs.appendFileSync', 'node:fs.writeSync']);

/** Built-ins whose result lists the argument's keys: strings and symbols, none of its objects. */
const KEY_LISTS = new Set(['Object.keys', 'Object.getOwnPropertyNames', 'Object.getOwnPropertySymbols', 'Reflect.ownKeys']);

/**
 * The value is used right where it is, by code that only reads it: an argument of a read-only function
 * (`Array.from(x)`, `Math.max(...)`), or the receiver of a reading method whose result shares nothing with it.
 */
/** Methods of arrays, Sets and Maps that look an argument up by identity, giving a number or boolean. */
const IDENTITY_LOOKUPS = new Set(['includes', 'indexOf', 'lastIndexOf', 'has']);

export function readsAtOnce(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const { ts } = ctx;
  const outer = withWrappers(ts, expr);
  const parent = outer.parent;
  if (ts.isCallExpression(parent) && parent.arguments.includes(outer)) {
    // `q.includes(first)`, `seen.has(o)`: the language's collections compare it by identity and keep nothing of it.
    if (ts.isPropertyAccessExpression(parent.expression) && IDENTITY_LOOKUPS.has(parent.expression.name.text) &&
      parent.arguments[0] === outer && isLibrary(ctx, parent.expression)) return true;
    // Its result holds none of the argument's objects: a number or string, or a copy of numbers. (`Object.values(h)`,
    // `Array.from(rows)` only read, but hand the parts on.)
    // Node's own: `createHash('sha1').update(frame)`, `inflateSync(buf)` take in the bytes and keep none of them (np21's
    // r18); `writeFileSync(p, frame)` writes them out before it returns.
    const node = nodeDeclaredName(ctx, parent.expression);
    if (node && (isNodeReadOnly(node) || nodeReceiverChange(node) || SYNC_FILE_WRITES.has(node))) return true;
    // `Buffer.from(bytes)` copies a typed array's elements (of an ArrayBuffer it would be a view of that memory).
    if (node === 'node:buffer.BufferConstructor.from' && parent.arguments[0] === outer && isTypedArrayType(ctx, ctx.checker.getTypeAtLocation(outer))) return true;
    if (isTextCodecRead(ctx, parent)) return true;
    // `dst.set(src)` of a typed array copies src's numbers before it returns (np53's F1: it read them before the task's
    // write); a Map's `set` keeps its value instead.
    if (ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'set' && parent.arguments[0] === outer &&
      isTypedArrayReceiver(ctx, parent.expression.expression)) return true;
    const name = qualifiedName(ts, parent.expression);
    // (A replacer, or the program's toJSON, is handed the objects, and may keep them: rev56's F7.)
    if (name === 'JSON.stringify' && !isReadingStringify({ ts, ctx }, parent)) return false;
    return name !== undefined && isReadOnlyFunction(name) && (isPrimitiveNode(ctx, parent) || KEY_LISTS.has(name) ||
      (!HOLDS_ARGUMENT.has(name) && hasPrimitiveElements(ctx, outer)));
  }
  if (ts.isPropertyAccessExpression(parent) && parent.expression === outer && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
    const method = parent.name.text;
    // (Not with a function: `[o].forEach((q) => { q.x = 100 })` hands it the elements, which it may change or keep:
    // readingCallUsedUp judges the function by its summary.)
    // (The method's name first: the arguments' types are what the checker is asked for.)
    if (!READING_METHODS.has(method)) return false;
    const givesFunction = parent.parent.arguments.some((arg) => ctx.checker.getTypeAtLocation(arg).getCallSignatures().length > 0);
    return !givesFunction &&
      (isPrimitiveNode(ctx, parent.parent) || (COPYING_METHODS.has(method) && hasPrimitiveElements(ctx, outer)));
  }
  return false;
}

/** The text codecs' `decode(bytes)` and `encode(text)`: a fresh string or Uint8Array. */
const TEXT_CODEC_READS = new Set(['TextDecoder.decode', 'TextEncoder.encode']);

/**
 * `new TextDecoder().decode(buf.subarray(0, 4))` (tester #26's r22) as lib.dom declares it (a program without a `lib`
 * setting): the same function node-builtins.ts lists as @types/node's util declares it.
 */
function isTextCodecRead(ctx: AnalysisContext, call: ts.CallExpression): boolean {
  const { ts } = ctx;
  if (!ts.isPropertyAccessExpression(call.expression) || !/^(de|en)code$/.test(call.expression.name.text)) return false;
  const declaration = ctx.checker.getResolvedSignature(call)?.declaration;
  const owner = declaration?.parent;
  return owner !== undefined && ts.isInterfaceDeclaration(owner) && ctx.program.isSourceFileDefaultLibrary(owner.getSourceFile()) &&
    TEXT_CODEC_READS.has(`${owner.name.text}.${call.expression.name.text}`);
}

/** The value is turned into a string where it stands: a template's `${…}`, or an operand of `+` next to a string. */
export function madeString(ctx: AnalysisContext, outer: ts.Expression): boolean {
  const { ts } = ctx;
  const parent = outer.parent;
  if (ts.isTemplateSpan(parent) && parent.expression === outer) return !ts.isTaggedTemplateExpression(parent.parent.parent);
  if (!ts.isBinaryExpression(parent) || parent.operatorToken.kind !== ts.SyntaxKind.PlusToken) return false;
  const other = parent.left === outer ? parent.right : parent.left;
  return (ctx.checker.getTypeAtLocation(other).flags & ts.TypeFlags.StringLike) !== 0;
}

/** Iterating the value yields only primitives (a typed array; an array, Set or Map of primitives). */
export function iteratesPrimitives(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const { ts } = ctx;
  const type = ctx.checker.getTypeAtLocation(expr);
  const name = type.getSymbol()?.getName() ?? '';
  if (isTypedArrayType(ctx, type)) return true;
  const args = ctx.checker.getTypeArguments(type as ts.TypeReference) ?? [];
  const primitive = (t: ts.Type) => (t.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.StringLike | ts.TypeFlags.BooleanLike |
    ts.TypeFlags.BigIntLike | ts.TypeFlags.Null | ts.TypeFlags.Undefined)) !== 0;
  if (['Array', 'ReadonlyArray', 'Set', 'ReadonlySet', 'Map', 'ReadonlyMap'].includes(name)) return args.length > 0 && args.every(primitive);
  return false;
}

/** An iterator whose items are numbers or strings, or tuples of them (`m.keys()`, `m.entries()` of a Map of numbers). */
export function yieldsPrimitives(ctx: AnalysisContext, iterator: ts.Expression): boolean {
  const { checker } = ctx;
  const [item] = checker.getTypeArguments(checker.getTypeAtLocation(iterator) as ts.TypeReference) ?? [];
  if (!item) return false;
  if (checker.isTupleType(item)) return checker.getTypeArguments(item as ts.TypeReference).every((t) => isPrimitiveType(ctx, t));
  return isPrimitiveType(ctx, item);
}

/** The value is iterated to its end where it stands: spread, `for…of`, `Array.from`. */
export function consumedAtOnce(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const { ts } = ctx;
  const parent = expr.parent;
  if (ts.isSpreadElement(parent) || (ts.isForOfStatement(parent) && parent.expression === expr)) return true;
  return ts.isCallExpression(parent) && parent.arguments[0] === expr && qualifiedName(ts, parent.expression) === 'Array.from';
}

/**
 * The value, which may hold the followed object's parts, is carried to code that keeps none of them: through
 * containers made on the spot (`[...m]`, `[b1, b2]`, `{ r }`, `Object.values(t)`, `.filter(…)`) and reading methods
 * whose callbacks let nothing they are given out, to a reader (`console.log`, `JSON.stringify`, a number, a string).
 */
export function usedUpInPlace(ctx: AnalysisContext, lookup: SummaryLookup, expr: ts.Expression): boolean {
  const { ts } = ctx;
  const outer = withWrappers(ts, expr);
  // (`Object.values(t)[0].n = 5`, `[a, b] = …`: written, not read.)
  if (isWriteTarget(ts, outer)) return false;
  if (isPrimitiveNode(ctx, outer) || readsAtOnce(ctx, outer) || (madeString(ctx, outer) && iteratesPrimitives(ctx, outer))) return true;
  // `Object.entries(t).filter(…).map(([k]) => k)`: a copy of numbers or strings holds no part.
  if (ts.isCallExpression(outer) && isPrimitiveCopy(ctx, outer)) return true;
  const parent = outer.parent;
  // Containers made on the spot around it.
  if (ts.isSpreadElement(parent) && ts.isArrayLiteralExpression(parent.parent)) return usedUpInPlace(ctx, lookup, parent.parent);
  if (ts.isArrayLiteralExpression(parent)) return usedUpInPlace(ctx, lookup, parent);
  if ((ts.isPropertyAssignment(parent) && parent.initializer === outer) || ts.isShorthandPropertyAssignment(parent) || ts.isSpreadAssignment(parent)) {
    return usedUpInPlace(ctx, lookup, parent.parent);
  }
  if (ts.isCallExpression(parent) && parent.arguments.length === 1 && parent.arguments[0] === outer &&
    COPYING_FUNCTIONS.has(qualifiedName(ts, parent.expression) ?? '')) return usedUpInPlace(ctx, lookup, parent);
  // `structuredClone(jobs)`: a deep copy holds nothing of it (np41's F6 made the loop's calls on jobs' elements direct).
  // (Alone: a `transfer` list detaches buffers. JSON.stringify may run a replacer or toJSON, json-reads.ts.)
  if (ts.isCallExpression(parent) && parent.arguments.length === 1 && parent.arguments[0] === outer &&
    qualifiedName(ts, parent.expression) === 'structuredClone') return true;
  // A reading method of the carried value, or a part of it carried on (`Object.values(t)[0].tags.join()`), or a map
  // of it whose callback only reads what it is given (`Object.entries(t).map(([k, c]) => c.tags)`).
  if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === outer) {
    const call = parent.parent;
    if (ts.isPropertyAccessExpression(parent) && ts.isCallExpression(call) && call.expression === parent) {
      return readingCallUsedUp(ctx, lookup, call) || mapUsedUp(ctx, lookup, call);
    }
    return !isWriteTarget(ts, parent) && usedUpInPlace(ctx, lookup, parent);
  }
  return false;
}

/**
 * `x.method(…)` of a reading method whose arguments let nothing they are given out, and whose result (which may hold
 * x's parts: `m.values()`, `.filter(…)`) is used up in place too.
 */
export function readingCallUsedUp(ctx: AnalysisContext, lookup: SummaryLookup, call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ctx.ts.isPropertyAccessExpression(callee)) return false;
  const method = callee.name.text;
  return READING_METHODS.has(method) && !VIEW_METHODS.has(method) && call.arguments.every((a) => keepsNothingGiven(ctx, lookup, a)) &&
    usedUpInPlace(ctx, lookup, call);
}

/**
 * `JSON.stringify(accounts.map((a) => a.log))`: a map whose callback changes nothing it is given and lets it out only
 * by returning it (or a part of it) into the mapped array, which is used up in place. The elements are read there.
 */
export function mapUsedUp(ctx: AnalysisContext, lookup: SummaryLookup, call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ctx.ts.isPropertyAccessExpression(callee) || !MAPPING_METHODS.has(callee.name.text) || call.arguments.length !== 1) return false;
  const params = givenEffects(ctx, lookup, call.arguments[0]);
  return Array.isArray(params) && params.every((effect) => !effect?.escapedOtherwise && !effect?.kept && !effect?.written && !effect?.writtenLater) &&
    usedUpInPlace(ctx, lookup, call);
}
const MAPPING_METHODS = new Set(['map', 'flatMap']);

/** A function written in place (`(o) => keep.push(o)`) one of whose parameters outlives its call: stored, or returned. */
export function outlivesIn(ctx: AnalysisContext, lookup: SummaryLookup, arg: ts.Expression): boolean {
  const params = givenEffects(ctx, lookup, arg);
  return params !== undefined && (params === 'unknown' || params.some((effect) => outlives(effect)));
}

/**
 * An argument of a reading method that lets none of the carried parts out: a primitive, or a function written
 * there whose parameters neither escape (returned included) nor are written (`(s, b) => s + b.n`).
 */
export function keepsNothingGiven(ctx: AnalysisContext, lookup: SummaryLookup, arg: ts.Expression): boolean {
  if (isPrimitiveNode(ctx, skipTransparent(ctx.ts, arg))) return true;
  const params = givenEffects(ctx, lookup, arg);
  return Array.isArray(params) && params.every((effect) => !outlives(effect) && !effect?.written && !effect?.writtenLater);
}

/**
 * A function argument that changes what it is given (`(x) => { x.v += 10 }`, `inc` of the program): what a
 * reading method hands it, a part of its receiver, is written there.
 */
export function writesGiven(ctx: AnalysisContext, lookup: SummaryLookup, arg: ts.Expression): boolean {
  const params = givenEffects(ctx, lookup, arg);
  return params === 'unknown' || (params?.some((effect) => effect?.written || effect?.writtenLater) ?? false);
}

/** What a function written in place, or one of the program's named there, does to its parameters; undefined for any other argument. */
function givenEffects(ctx: AnalysisContext, lookup: SummaryLookup, arg: ts.Expression): readonly ParamEffects[] | 'unknown' | undefined {
  const { ts } = ctx;
  const value = skipTransparent(ts, arg);
  const fn = ts.isArrowFunction(value) || ts.isFunctionExpression(value) ? value as FunctionLike
    : ts.isIdentifier(value) || ts.isPropertyAccessExpression(value) ? functionOfExpression(ctx, value, 0) : undefined;
  if (!fn || fn.getSourceFile().isDeclarationFile) return undefined;
  return lookup(fn, false)?.params ?? 'unknown';
}

/**
 * `nodes.filter(f).map((n) => n.id)`: the language's new array (or typed array) of numbers or strings, which holds no
 * part of its receiver. (Not an iterator, `a.values()`, nor a `subarray`: live views of the receiver.)
 */
export function isPrimitiveCopy(ctx: AnalysisContext, call: ts.CallExpression): boolean {
  return ctx.ts.isPropertyAccessExpression(call.expression) && COPYING_METHODS.has(call.expression.name.text) &&
    isLibrary(ctx, call.expression) && hasPrimitiveElements(ctx, call);
}
