/**
 * What the library's functions, methods and properties do with what they are given, as fences see it
 * (observations.ts): which run none of the program's code, which only store or compare objects, which look at
 * elements, and which properties are plain data.
 */
import type * as ts from 'typescript';
import { declaredByLibrary, isPrimitiveType, isTypedArrayType, type AnalysisContext } from '../analysis/context';
import { KEEPING_METHODS } from '../analysis/builtins';
import type { RuntimeShapes } from './runtime-shapes';
import { skipTransparent } from './syntax';

/** Methods of the library's arrays, Maps and Sets that look at their elements' contents (others move references). */
export const READS_ELEMENTS = new Set(['join', 'toString', 'toLocaleString', 'sort', 'toSorted']);
/** Methods of the library's containers that only store, find or compare the objects they are given (no code of theirs runs). */
export const STORES = new Set(['push', 'unshift', 'splice', 'set', 'add', 'get', 'has', 'delete', 'includes', 'indexOf', 'lastIndexOf', 'at',
  'slice', 'fill', 'concat', 'keys', 'values', 'entries', 'forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast',
  'findLastIndex', 'reduce', 'reduceRight', 'flatMap', 'pop', 'shift', 'reverse', 'with', 'toReversed', 'toSpliced', 'flat']);
/** Functions of the library that look at nothing but an object's identity or a number's value. */
export const IDENTITY_ONLY = new Set(['Array.isArray', 'Object.is', 'Object.getPrototypeOf', 'Number.isFinite', 'Number.isInteger', 'Number.isNaN',
  'Number.isSafeInteger', 'isNaN', 'isFinite']);
/**
 * Output is looked at too: a fenced task's failure must come before later output, as the sequential call threw
 * before it (and the console's methods are declared by the DOM's library as well as Node's).
 */
export const PRINTS = new Set(['console', 'process.stdout', 'process.stderr', 'process']);
/** Properties of a typed array no task changes (a task writes elements, never the view). */
export const VIEW_SHAPE = new Set(['length', 'byteLength', 'byteOffset', 'BYTES_PER_ELEMENT']);

/**
 * A property that is data for certain, so reading it runs no code: declared by the standard library, a field of a
 * class of the program (TypeScript lets no subclass turn it into an accessor), or a property of an object literal
 * (unless the program makes accessors at run time: runtime-shapes.ts). An interface's property may be a getter of
 * the class behind it, or a Proxy's trap: it is data when the program declares no accessor of that name and makes
 * none at run time.
 */
export function isPlainData(ctx: AnalysisContext, shapes: RuntimeShapes, name: ts.MemberName | ts.Expression): boolean {
  return isPlainDataSymbol(ctx, shapes, ctx.checker.getSymbolAtLocation(name));
}

/** The same, of a property's symbol (`type.getProperty(name)`: a destructured property). */
export function isPlainDataSymbol(ctx: AnalysisContext, shapes: RuntimeShapes, symbol: ts.Symbol | undefined): boolean {
  const { ts } = ctx;
  const declarations = symbol?.declarations ?? [];
  if (!symbol || declarations.length === 0 || symbol.flags & ts.SymbolFlags.Accessor) return false;
  return declarations.every((d) => {
    if (ctx.program.isSourceFileDefaultLibrary(d.getSourceFile())) return true;
    if (d.getSourceFile().isDeclarationFile) return false;
    if (ts.isPropertyDeclaration(d) || ts.isParameter(d) || ts.isMethodDeclaration(d)) return true;
    // An interface's or type literal's property: a getter only if the program declares one of that name somewhere.
    if (ts.isPropertySignature(d)) return !shapes.hiddenAccessors && !shapes.accessorNames.has(symbol.name);
    return (ts.isPropertyAssignment(d) || ts.isShorthandPropertyAssignment(d)) && !shapes.hiddenAccessors;
  });
}

/** Declared only by the standard library: runs none of the program's code but what it is handed. */
export function isLibrary(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const { ts, checker } = ctx;
  const inner = skipTransparent(ts, expr);
  const at = ts.isPropertyAccessExpression(inner) ? inner.name : ts.isIdentifier(inner) ? inner : undefined;
  if (!at) return false;
  // Not Node's own declarations: its emitters call listeners of the program's.
  return declaredByLibrary(ctx, checker.getSymbolAtLocation(at));
}

/**
 * `list.push(p)`, `byName.set(k, p)`, `seen.add(p)`: a collection's method that keeps the values it is given, where a
 * wait on the collection walks to them. Not a typed array's `set`, which copies their numbers (np53's F1: `dst.set(src)`
 * taken as a store read src unwaited); nor a WeakMap's or WeakSet's, whose values no walk can list (np54's F1: `ws.set(k,
 * o)`, then `ws.get(k).v` after a task wrote o saw the old value): given to one, an object is let out.
 */
export function isKeepingMethod(ctx: AnalysisContext, callee: ts.PropertyAccessExpression): boolean {
  if (!KEEPING_METHODS.has(callee.name.text) || !isLibrary(ctx, callee)) return false;
  const receiver = ctx.checker.getTypeAtLocation(callee.expression);
  return !(callee.name.text === 'set' && isTypedArrayReceiver(ctx, callee.expression)) && !/^Weak(Map|Set)$/.test(receiver.getSymbol()?.getName() ?? '');
}

/** The value is a typed array of some kind (`Float64Array | Float32Array` too: rv64's union, whose `set` copies). */
export function isTypedArrayReceiver(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const type = ctx.checker.getTypeAtLocation(expr);
  return (type.isUnion() ? type.types : [type]).every((t) => isTypedArrayType(ctx, t));
}

/** `Math`, `JSON`, `Object`…: a namespace of functions, not an object whose contents a method reads. */
export function isNamespace(ctx: AnalysisContext, receiver: ts.Expression): boolean {
  return ctx.ts.isIdentifier(receiver) && isLibrary(ctx, receiver) && !isPrimitiveType(ctx, ctx.checker.getTypeAtLocation(receiver)) &&
    /^[A-Z]/.test(receiver.text);
}

/**
 * A type the standard library declares (an array, a tuple, a Map, a Date…), or a union of those and primitives:
 * its objects carry no code of the program's unless the program extends the class (isOverridable).
 */
export function isLibraryType(ctx: AnalysisContext, type: ts.Type): boolean {
  if (type.isUnion()) return type.types.every((t) => isPrimitiveType(ctx, t) || isLibraryType(ctx, t));
  return ctx.checker.isArrayType(type) || ctx.checker.isTupleType(type) || declaredByLibrary(ctx, type.getSymbol());
}

/** A library class the program extends: an object of it may run the program's override of any method. */
export function isOverridable(shapes: RuntimeShapes, type: ts.Type): boolean {
  const name = type.getSymbol()?.getName();
  return name !== undefined && shapes.extendedLibraryClasses.has(name);
}
