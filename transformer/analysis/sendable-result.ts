/**
 * A task's declared return type, judged as arguments are (sendable.ts): its value comes back from a worker, so a
 * function, a symbol or an instance of a class the program cannot rebuild cannot be in it. Such a task ran in a worker
 * and then failed ('its return value cannot be stored'), where the plain call returned its value; its calls now run in
 * place, as plain, and explain says why, naming the type and where in it. An async task's value is what its promise
 * resolves to. The same walk over a type's parts judges a task's parameter types for compile errors (unsendableParameter).
 */
import type * as ts from 'typescript';
import { declaredByLibrary, type AnalysisContext, type FunctionLike } from './context';
import { returnedExpressions } from './expressions';
import { slottedBuiltin, symbolKeyedProperty, unsendableType } from './sendable';
import { contentsOfType, isHolderType } from './type-contents';

const DEPTH = 6;

/** Why the task's value cannot come back ("its return type `T` holds, at .f, a function"), or undefined. */
export function unsendableResult(ctx: AnalysisContext, fn: ts.SignatureDeclaration): string | undefined {
  const signature = ctx.checker.getSignatureFromDeclaration(fn);
  if (!signature) return undefined;
  const declared = ctx.checker.getReturnTypeOfSignature(signature);
  const type = ctx.checker.getAwaitedType(declared) ?? declared;
  const why = walkResult(ctx, type);
  if (why) return `its return type \`${ctx.checker.typeToString(declared)}\` ${why}`;
  // Declared `any`, the values it returns say what comes back (np71's wrong-any-output: `return { digits, format: (x)
  // => … }` failed after the task ran, where the plain call returned it).
  if (!(type.flags & (ctx.ts.TypeFlags.Any | ctx.ts.TypeFlags.Unknown))) return undefined;
  for (const value of returnedExpressions(ctx.ts, fn as FunctionLike)) {
    const returned = ctx.checker.getTypeAtLocation(value);
    const inside = walkResult(ctx, ctx.checker.getAwaitedType(returned) ?? returned);
    if (inside) return `its value \`${ctx.checker.typeToString(returned)}\` ${inside}`;
  }
  return undefined;
}

/**
 * Why a task's parameter of this type can never reach a worker ("is a WeakMap…", "holds, at […], a Promise…"), or
 * undefined: a function, a symbol, an instance of a class no worker can rebuild, a built-in whose contents sit in internal slots (WeakMap, URL, …), a Promise; also
 * inside arrays, Maps, Sets and plain objects (`Promise<number>[]`). Refused at compile time, as the README says (np71's
 * min-promise-param ran such calls in place, unsaid). What the store refuses only at the call (an ArrayBuffer, a
 * subclass of Array) makes that call run in place instead.
 */
export function unsendableParameter(ctx: AnalysisContext, type: ts.Type): string | undefined {
  // (Inside, only what never travels whatever the value: a function in a field may be one the call runs in place for.)
  return walkUnsendable(ctx, type, (t, path) => (path ? undefined : unsendableType(ctx, t)) ?? slottedBuiltin(t) ?? promise(ctx, t));
}

/** A Promise of the library: its value is not in it yet (await it, and pass the value). */
function promise(ctx: AnalysisContext, t: ts.Type): string | undefined {
  const symbol = t.getSymbol();
  return symbol?.getName() === 'Promise' && declaredByLibrary(ctx, symbol) ? 'a Promise (its value is not in it: await it and pass the value)' : undefined;
}

function walkResult(ctx: AnalysisContext, type: ts.Type): string | undefined {
  return walkUnsendable(ctx, type, (t) => unsendableType(ctx, t) ?? slottedBuiltin(t) ?? unsupportedBuffer(t) ?? builtinSubclass(ctx, t) ??
    accessorStorage(ctx, t) ?? symbolKeyed(ctx, t));
}

/** The first part of `type` that `ownProblem` refuses, with where it is in the value. */
function walkUnsendable(ctx: AnalysisContext, type: ts.Type, ownProblem: (t: ts.Type, path: string) => string | undefined): string | undefined {
  const seen = new Set<ts.Type>();
  const walk = (t: ts.Type, path: string, depth: number): string | undefined => {
    if (seen.has(t) || depth > DEPTH) return undefined;
    seen.add(t);
    const own = ownProblem(t, path);
    if (own) return path ? `holds, at ${path}, ${own}` : `is ${own}`;
    if (isNodeBuffer(t)) return undefined; // its bytes travel, as a typed array's do
    if (t.getSymbol() && (t.getSymbol()!.flags & ctx.ts.SymbolFlags.Class)) return undefined; // its class travels with it
    if (t.isUnionOrIntersection()) {
      for (const part of t.types) { const why = walk(part, path, depth); if (why) return why; }
      return undefined;
    }
    const contents = contentsOfType(ctx, t);
    if (contents.length === 0) return undefined; // a number, a string, a library object (Date, Map of numbers…)
    if (isHolderType(ctx, t)) {
      for (const inner of contents) { const why = walk(inner, `${path}[…]`, depth + 1); if (why) return why; }
      return undefined;
    }
    for (const property of ctx.checker.getPropertiesOfType(t)) {
      if (property.flags & ctx.ts.SymbolFlags.Method) continue; // a method of an interface: the value's class has it
      const why = walk(ctx.checker.getTypeOfSymbol(property), `${path}.${property.getName()}`, depth + 1);
      if (why) return why;
    }
    return undefined;
  };
  return walk(type, '', 0);
}

/**
 * The store cannot bring back an ArrayBuffer, SharedArrayBuffer or DataView yet (runtime/store/classes.ts): a task
 * returning one failed after it ran (tester #14's F7); its calls run in place instead. (As an argument one makes the
 * call run in place at run time, so only the value is judged here.)
 */
function unsupportedBuffer(t: ts.Type): string | undefined {
  const symbol = t.getSymbol();
  const name = symbol?.getName();
  if (name !== 'ArrayBuffer' && name !== 'SharedArrayBuffer' && name !== 'DataView') return undefined;
  if (!symbol!.getDeclarations()?.every((d) => d.getSourceFile().isDeclarationFile)) return undefined;
  return `${name === 'ArrayBuffer' ? 'an' : 'a'} ${name} (not supported yet: return a typed array)`;
}

/** A Node Buffer: it travels as one (store/body.ts), whatever its `.buffer` (np44's F5: `gzipSync(s)` returned stayed direct). */
function isNodeBuffer(t: ts.Type): boolean {
  const symbol = t.getSymbol();
  return symbol?.getName() === 'Buffer' && (symbol.getDeclarations()?.every((d) => d.getSourceFile().isDeclarationFile) ?? false);
}

const BUILTIN_BASES = new Set(['Array', 'Map', 'Set', 'Date', 'RegExp', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array',
  'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']);

/**
 * A class of the program extending Array, Map, Set, Date, RegExp or a typed array: the store refuses its instances
 * (runtime/store/refusals.ts builtinSubclass: their contents sit in internal slots a copy would lose), so a task
 * returning one failed after it ran (tester #24's F5); its calls run in place instead.
 */
function builtinSubclass(ctx: AnalysisContext, t: ts.Type): string | undefined {
  const symbol = t.getSymbol();
  if (!symbol || !(symbol.flags & ctx.ts.SymbolFlags.Class)) return undefined;
  for (let base = baseOf(ctx, symbol); base; base = baseOf(ctx, base)) {
    if (BUILTIN_BASES.has(base.getName()) && base.declarations?.some((d) => ctx.program.isSourceFileDefaultLibrary(d.getSourceFile()))) {
      return `an instance of ${symbol.getName()}, a subclass of ${base.getName()} (not supported: return a plain ${base.getName()})`;
    }
  }
  return undefined;
}

/** What a class (or interface) extends first (generic or not: its declared type's bases). */
function baseOf(ctx: AnalysisContext, symbol: ts.Symbol): ts.Symbol | undefined {
  const declared = ctx.checker.getDeclaredTypeOfSymbol(symbol);
  return declared.isClassOrInterface() ? ctx.checker.getBaseTypes(declared)[0]?.getSymbol() : undefined;
}

/**
 * An instance of a class of the program with an `accessor` field, which keeps its value in a private field the store
 * cannot copy (tester #25's r10 failed after its task ran). As an argument it runs the call in place at the call.
 */
function accessorStorage(ctx: AnalysisContext, t: ts.Type): string | undefined {
  const { ts } = ctx;
  const declaration = t.getSymbol()?.getDeclarations()?.find((d) => ts.isClassLike(d)) as ts.ClassLikeDeclaration | undefined;
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return undefined;
  const accessor = declaration.members.find((m) => ts.canHaveModifiers(m) && ts.getModifiers(m)?.some((mod) => mod.kind === ts.SyntaxKind.AccessorKeyword));
  const name = t.getSymbol()!.getName();
  return accessor?.name && `an instance of class ${name}, whose \`accessor ${accessor.name.getText()}\` keeps its value in a private field that cannot be copied`;
}

/** A value with a symbol-keyed property of the program's: the worker's value would come back without it. */
function symbolKeyed(ctx: AnalysisContext, t: ts.Type): string | undefined {
  const key = symbolKeyedProperty(ctx, t);
  return key && `an object with the symbol-keyed property \`${key}\` (a symbol key does not travel)`;
}
