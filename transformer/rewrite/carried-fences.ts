/**
 * Fences carried out to callers. A function whose fenced tasks may still be running when it returns used to fence in
 * a `finally` around its body: right for any caller, but each call then waits for its own tasks, so a caller's loop
 * (`for (const r of recs) bump(r)` with `bump(rec) { scale(rec.xs, k) }`, `for (const l of layers) l.grow(2)`) ran
 * them one at a time. When every call of the function is in sight, its calls are fenced calls of their callers
 * instead (fences.ts): each caller's region goes on after the call, with the written types of the function's fenced
 * tasks, and its fence lands before the first code there that may observe them (after the whole loop, above). The
 * function then fences only when it throws (`catch (e) { fence(); throw e }`), so a failed task's error still comes
 * first, as in the sequential run. A call that cannot be fenced where it stands (its statement also observes, a
 * constructor, a loop header) puts the function back to fencing on exit.
 *
 * "In sight": a function of this file that nothing names but plain calls in this file (parameter-waits.ts
 * callsInSight); or a method, called at least once, of a class of this file that is not exported, extends nothing
 * (a library base calls methods by name) and whose subclasses, if any, are such classes of this file declaring no
 * member of the method's name, whose name the program's files use only in calls of it here, in other members'
 * declarations, or on values of types no instance of the class or a subclass can be (so no interface one matches, `any`,
 * destructuring, `bind` or string key reaches it), with no key computed at run time on a value that may be an
 * instance, and that is none of the names the language calls by itself (`toString`, `then`, a Proxy trap…).
 * Not async functions or generators: their callers resume them later, outside any region. A recursive call is a
 * call like any other, fenced in the function's own region: a divide and conquer (`msort(a.subarray(0, mid));
 * msort(a.subarray(mid)); mergeHalves(a, mid)`) submits all its leaves before anything waits (np58's mergesort).
 */
import type * as ts from 'typescript';
import { isOwnSourceFile, symbolOf, type FunctionLike } from '../analysis/context';
import { knownSubclasses, memberNamed } from '../analysis/overrides';
import { censusOf } from '../analysis/syntax-census';
import type { FileFacts } from './file-facts';
import { callsInSight } from './parameter-waits';

/**
 * Method names the language or the library may call without a call of the program's naming them: conversions,
 * thenables, iterators, a Proxy handler's traps, a property descriptor's accessors, an event listener object.
 */
const CALLED_BY_THE_LANGUAGE = new Set(['constructor', 'toString', 'valueOf', 'toJSON', 'toISOString', 'toLocaleString', 'then', 'catch',
  'finally', 'next', 'return', 'throw', 'handleEvent', 'inspect', 'get', 'set', 'has', 'apply', 'construct', 'deleteProperty',
  'defineProperty', 'getOwnPropertyDescriptor', 'ownKeys', 'getPrototypeOf', 'setPrototypeOf', 'isExtensible', 'preventExtensions']);

/**
 * Asked again in every planning round; the answer depends on the program's text only (per program: a watch build
 * keeps the unchanged files' nodes in the next one).
 */
const knownByProgram = new WeakMap<ts.Program, WeakMap<FunctionLike, ts.CallExpression[] | undefined>>();

/** The calls of `fn` when its fences may be carried out to them, or undefined. */
export function carriedCalls(facts: FileFacts, fn: FunctionLike): ts.CallExpression[] | undefined {
  let known = knownByProgram.get(facts.ctx.program);
  if (!known) knownByProgram.set(facts.ctx.program, known = new WeakMap());
  if (!known.has(fn)) known.set(fn, findCarriedCalls(facts, fn));
  return known.get(fn);
}

function findCarriedCalls(facts: FileFacts, fn: FunctionLike): ts.CallExpression[] | undefined {
  const { ts } = facts;
  if (fn.asteriskToken || ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) return undefined;
  const calls = ts.isMethodDeclaration(fn) ? methodCallsInSight(facts, fn) : callsInSight(facts, fn);
  return calls?.every((call) => !call.questionDotToken) ? calls : undefined;
}

/** The calls of a method of a class of this file, when every call of it is in sight (see above), or undefined. */
export function methodCallsInSight(facts: FileFacts, method: ts.MethodDeclaration): ts.CallExpression[] | undefined {
  const { ts, ctx } = facts;
  const cls = method.parent;
  // (A class extending another, perhaps the library's, whose code calls its methods by name: `new Counts(pairs)` of a
  // Map subclass runs its `set`.)
  if (!ts.isClassDeclaration(cls) || !ts.isIdentifier(method.name) || CALLED_BY_THE_LANGUAGE.has(method.name.text) ||
    cls.getSourceFile() !== facts.source || cls.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword) ||
    ts.getDecorators(method)?.length) return undefined;
  const symbol = symbolOf(ctx, method.name);
  const moduleSymbol = symbolOf(ctx, facts.source);
  if (!symbol || !moduleSymbol) return undefined;
  // The class and its subclasses stay in this module: each declared here, undecorated and not handed out, none
  // holding a member of the method's name (an override, whose calls by the name would be another function's), so
  // every object whose method this is was made here, and every call of it is among the program's uses of the name
  // (np67's min-subclass-serializes: an unused `class Labeled extends Signal` made each `s.filter()` wait on return).
  const subclasses = knownSubclasses(ctx, cls);
  if (!subclasses) return undefined;
  const exports = ctx.checker.getExportsOfModule(moduleSymbol).map((e) => (e.flags & ts.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(e) : e));
  const staysHere = (c: ts.ClassLikeDeclaration): boolean => {
    const classSymbol = ts.isClassDeclaration(c) && c.name ? symbolOf(ctx, c.name) : undefined;
    // (`export { Layer }`, `export default Layer`: the module hands the class out under some name.)
    return classSymbol !== undefined && c.getSourceFile() === facts.source && !c.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) &&
      !ts.getDecorators(c)?.length && !exports.includes(classSymbol);
  };
  const name = method.name.text;
  if (!staysHere(cls) || subclasses.some((c) => !staysHere(c) || memberNamed(ts, c, name) !== undefined)) return undefined;
  // (A subclass's instance may stand where a type only it matches is written: `show(n: Named)` given a Labeled, rv71.)
  const instances = [cls, ...subclasses].map((c) => ctx.checker.getDeclaredTypeOfSymbol(symbolOf(ctx, c.name!)!));
  /** An instance may be a value of this type (`any`, `object`, an interface it or a subclass's instance matches). */
  const mayHold = (type: ts.Type): boolean => (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 ||
    instances.some((instance) => ctx.checker.isTypeAssignableTo(instance, type));
  const uses = nameUsesOf(ctx);
  // `(l as any)[m](3)`: a key computed at run time may name the method.
  if (uses.computedKeys.some((access) => mayHold(ctx.checker.getTypeAtLocation(access.expression)))) return undefined;
  const calls: ts.CallExpression[] = [];
  for (const node of uses.byText.get(method.name.text) ?? []) {
    if (node === method.name) continue;
    const call = node.parent.parent;
    const called = ts.isIdentifier(node) && ts.isPropertyAccessExpression(node.parent) && node.parent.name === node &&
      ts.isCallExpression(call) && call.expression === node.parent;
    const resolved = ts.isIdentifier(node) ? symbolOf(ctx, node) : undefined;
    // (A class whose methods return `this` has its members instantiated per use: the same declaration, another symbol.)
    const isMethod = resolved !== undefined && (resolved === symbol || resolved.valueDeclaration === method);
    if (called && isMethod && node.getSourceFile() === facts.source) { calls.push(call as ts.CallExpression); continue; }
    // Any other use of the name is another thing's when it resolves to a local name, declares another member, or reads
    // a member of a type no instance can be (`arr.fill(0)`, another class's `scale`).
    const another = ts.isIdentifier(node) && resolved && !isMethod && (isPlainName(ts, node, resolved) || declaresMember(ts, node) ||
      memberOfOtherType(ctx, resolved, mayHold));
    if (!another) return undefined;
  }
  // (None found: the language calls it, a Proxy's trap or a descriptor's accessor, if anyone does.)
  return calls.length === 0 ? undefined : calls;
}

interface NameUses {
  /** Identifiers, private names and string literals of the program's files, by their text. */
  readonly byText: ReadonlyMap<string, readonly (ts.Identifier | ts.PrivateIdentifier | ts.StringLiteralLike)[]>;
  /** `o[k]` with a key that is no literal. */
  readonly computedKeys: readonly ts.ElementAccessExpression[];
}

const nameUsesByProgram = new WeakMap<ts.Program, NameUses>();

/** One pass over the program's files (their syntax census), shared by every method asked about. */
function nameUsesOf(ctx: FileFacts['ctx']): NameUses {
  const known = nameUsesByProgram.get(ctx.program);
  if (known) return known;
  const { ts } = ctx;
  const byText = new Map<string, (ts.Identifier | ts.PrivateIdentifier | ts.StringLiteralLike)[]>();
  const computedKeys: ts.ElementAccessExpression[] = [];
  for (const file of ctx.program.getSourceFiles()) {
    if (!isOwnSourceFile(ctx, file)) continue;
    for (const node of censusOf(ctx, file).nodes) {
      if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node) || ts.isStringLiteralLike(node)) {
        const list = byText.get(node.text);
        if (list) list.push(node); else byText.set(node.text, [node]);
      } else if (ts.isElementAccessExpression(node) && !ts.isStringLiteralLike(node.argumentExpression) && !ts.isNumericLiteral(node.argumentExpression)) {
        computedKeys.push(node);
      }
    }
  }
  const uses = { byText, computedKeys };
  nameUsesByProgram.set(ctx.program, uses);
  return uses;
}

/** The name of a member being declared (another class's method, an interface's, an object literal's property). */
function declaresMember(t: typeof ts, node: ts.Identifier): boolean {
  const parent = node.parent;
  return (t.isMethodDeclaration(parent) || t.isPropertyDeclaration(parent) || t.isMethodSignature(parent) || t.isPropertySignature(parent) ||
    t.isGetAccessorDeclaration(parent) || t.isSetAccessorDeclaration(parent) || t.isPropertyAssignment(parent)) && parent.name === node;
}

/** A member of a named type no instance of the class can be a value of. */
function memberOfOtherType(ctx: FileFacts['ctx'], member: ts.Symbol, mayHold: (type: ts.Type) => boolean): boolean {
  const { ts, checker } = ctx;
  const declarations = member.declarations ?? [];
  return declarations.length > 0 && declarations.every((declaration) => {
    const owner = declaration.parent;
    const named = (ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner)) && owner.name ? checker.getSymbolAtLocation(owner.name) : undefined;
    return named !== undefined && !mayHold(checker.getDeclaredTypeOfSymbol(named));
  });
}

/** A variable, parameter, function or class name used as one (not a member's, not a destructured property's). */
function isPlainName(t: typeof ts, node: ts.Identifier, resolved: ts.Symbol): boolean {
  const parent = node.parent;
  if (t.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (t.isBindingElement(parent) && (parent.propertyName === node || (!parent.propertyName && t.isObjectBindingPattern(parent.parent)))) return false;
  if (t.isShorthandPropertyAssignment(parent) || t.isPropertyAssignment(parent) && parent.name === node) return false;
  return (resolved.flags & (t.SymbolFlags.Variable | t.SymbolFlags.Function | t.SymbolFlags.Class | t.SymbolFlags.Alias)) !== 0 &&
    !(resolved.flags & t.SymbolFlags.Property);
}
