/**
 * Calls of a method that subclasses override (`a.f(x)` with `a: A`, where `class B extends A` has its own `f`): the
 * call runs whichever class's method the object has, so it does what any of them does. The checker resolves it to
 * A's alone; with B's `f` writing `x`, `x` would have been inferred `in`, and the task's copy written where the
 * program's was not. The candidates are A's method (unless abstract) and every override in a class of the program
 * extending A (candidate-calls.ts weighs them as a table's functions). A subclass holding the name as a field or an
 * accessor makes the call unknown. An interface's method is any fitting member's (interface-methods.ts).
 */
import type * as ts from 'typescript';
import { isDecorated, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { implementingMethods } from './interface-methods';

const subclassesOf = new WeakMap<ts.Program, Map<ts.Node | typeof UNKNOWN_BASE, ts.ClassLikeDeclaration[]>>();

/** The methods `a.f(…)` may run when subclasses override `f`; undefined when none does (the checker's one is it). */
export function overridingMethods(ctx: AnalysisContext, callee: ts.Expression): FunctionLike[] | undefined {
  const { ts } = ctx;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const declaration = symbolOf(ctx, callee.name)?.valueDeclaration;
  if (!declaration) return undefined;
  if (!ts.isMethodDeclaration(declaration)) return implementingMethods(ctx, callee, declaration);
  if (!ts.isMethodDeclaration(declaration) || !ts.isClassLike(declaration.parent) ||
    declaration.getSourceFile().isDeclarationFile) return undefined;
  if (isDecorated(ctx, declaration)) return []; // what runs is the decorator's function: code of unknown effect
  const name = callee.name.text;
  const found: FunctionLike[] = declaration.body ? [declaration] : [];
  let overridden = false;
  const table = subclasses(ctx);
  // A mixin's class (`class extends Base`) may sit above any class: a member of that name may be what runs.
  for (const mixin of table.get(UNKNOWN_BASE) ?? []) if (mixin.members.some((m) => m.name && ts.isIdentifier(m.name) && m.name.text === name)) return [];
  for (const subclass of table.get(declaration.parent) ?? []) {
    const member = memberNamed(ts, subclass, name);
    if (!member) continue;
    if (!ts.isMethodDeclaration(member) || isDecorated(ctx, member)) return []; // a field, an accessor or a decorated method: code of unknown effect
    overridden = true;
    if (member.body) found.push(member);
  }
  return overridden ? found : undefined;
}

/** The class's own member of that name (a method, a field, an accessor), if it declares one. */
export const memberNamed = (t: typeof ts, cls: ts.ClassLikeDeclaration, name: string): ts.ClassElement | undefined =>
  cls.members.find((m) => m.name !== undefined && t.isIdentifier(m.name) && m.name.text === name);

/** Some class of the program may extend this one: a subclass of it, or a mixin's `class extends Base` above any class. */
export function mayBeExtended(ctx: AnalysisContext, cls: ts.ClassLikeDeclaration): boolean {
  const table = subclasses(ctx);
  return (table.get(cls)?.length ?? 0) > 0 || table.has(UNKNOWN_BASE);
}

/**
 * The classes of the program extending this one, directly or not; undefined when a mixin's `class extends Base` may
 * sit above it too (its subclasses are then not all known).
 */
export function knownSubclasses(ctx: AnalysisContext, cls: ts.ClassLikeDeclaration): readonly ts.ClassLikeDeclaration[] | undefined {
  const table = subclasses(ctx);
  return table.has(UNKNOWN_BASE) ? undefined : table.get(cls) ?? [];
}

/**
 * Per class of the program, every class of the program extending it, directly or not; and the member names of
 * classes whose base is known only as a type parameter (a mixin's `class extends Base`), which may override any
 * class's method of that name (under `UNKNOWN_BASE`).
 */
function subclasses(ctx: AnalysisContext): Map<ts.Node | typeof UNKNOWN_BASE, ts.ClassLikeDeclaration[]> {
  let known = subclassesOf.get(ctx.program);
  if (known) return known;
  const { ts } = ctx;
  known = new Map();
  const classes: ts.ClassLikeDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.heritageClauses) classes.push(node);
    ts.forEachChild(node, visit);
  };
  for (const file of ctx.program.getSourceFiles()) if (!file.isDeclarationFile && /\bextends\b/.test(file.text)) visit(file);
  for (const cls of classes) {
    for (const ancestor of ancestorsOf(ctx, cls)) known.set(ancestor, [...(known.get(ancestor) ?? []), cls]);
  }
  subclassesOf.set(ctx.program, known);
  return known;
}

/** Stands for "a class of unknown ancestry" among a method's overriders. */
const UNKNOWN_BASE = Symbol('unknown base');

/**
 * The class-like declarations a class extends, directly or not, through mixins' intersections
 * (`class Rect extends Named(Shape)`: the class `Named` returns, and Shape); UNKNOWN_BASE when a base is a type
 * parameter or any other type with no class behind it.
 */
function ancestorsOf(ctx: AnalysisContext, cls: ts.ClassLikeDeclaration): (ts.Node | typeof UNKNOWN_BASE)[] {
  const { ts, checker } = ctx;
  const found: (ts.Node | typeof UNKNOWN_BASE)[] = [];
  const seen = new Set<ts.Node>([cls]);
  const extended = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  // (The type of what a class extends, as written: a class expression's own type there is its constructor's.)
  const pending: ts.Type[] = extended ? [checker.getTypeAtLocation(extended)] : [];
  let own = true;
  while (pending.length > 0 && found.length < 50) {
    const type = pending.pop()!;
    for (const part of type.isIntersection() ? type.types : [type]) {
      const declaration = part.getSymbol()?.valueDeclaration;
      if (!declaration || !ts.isClassLike(declaration)) {
        // Its own base only: a class further up that extends a type parameter is such a class itself. (A library
        // class, `Error`, `Array`, is declared by an interface: it sits above no class of the program.)
        const unknown = !part.getSymbol() || part.flags & (ts.TypeFlags.TypeParameter | ts.TypeFlags.Any | ts.TypeFlags.NonPrimitive);
        if (own && unknown) found.push(UNKNOWN_BASE);
        continue;
      }
      if (seen.has(declaration)) continue;
      seen.add(declaration);
      found.push(declaration);
      // (getBaseTypes takes a class or interface type only: it reads the symbol's flags.)
      const symbol = part.getSymbol();
      if (symbol && symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface)) pending.push(...checker.getBaseTypes(part as ts.InterfaceType));
    }
    own = false;
  }
  return found;
}
