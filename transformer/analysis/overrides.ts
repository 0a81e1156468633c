/**
 * Calls of a method that subclasses override (`a.f(x)` with `a: A`, where `class B extends A` has its own `f`): the
 * call runs whichever class's method the object has, so it does what any of them does. The checker resolves it to
 * A's alone; with B's `f` writing `x`, `x` would have been inferred `in`, and the task's copy written where the
 * program's was not. The candidates are A's method (unless abstract) and every override in a class of the program
 * extending A (candidate-calls.ts weighs them as a table's functions). A subclass holding the name as a field or an
 * accessor makes the call unknown. An interface's method is any fitting member's (interface-methods.ts).
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { implementingMethods } from './interface-methods';

const subclassesOf = new WeakMap<ts.Program, Map<ts.Node, ts.ClassLikeDeclaration[]>>();

/** The methods `a.f(…)` may run when subclasses override `f`; undefined when none does (the checker's one is it). */
export function overridingMethods(ctx: AnalysisContext, callee: ts.Expression): FunctionLike[] | undefined {
  const { ts } = ctx;
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const declaration = symbolOf(ctx, callee.name)?.valueDeclaration;
  if (!declaration) return undefined;
  if (!ts.isMethodDeclaration(declaration)) return implementingMethods(ctx, callee, declaration);
  if (!ts.isMethodDeclaration(declaration) || !ts.isClassLike(declaration.parent) ||
    declaration.getSourceFile().isDeclarationFile) return undefined;
  const name = callee.name.text;
  const found: FunctionLike[] = declaration.body ? [declaration] : [];
  let overridden = false;
  for (const subclass of subclasses(ctx).get(declaration.parent) ?? []) {
    const member = subclass.members.find((m) => m.name !== undefined && ts.isIdentifier(m.name) && m.name.text === name);
    if (!member) continue;
    if (!ts.isMethodDeclaration(member)) return []; // a field or accessor of that name: code of unknown effect
    overridden = true;
    if (member.body) found.push(member);
  }
  return overridden ? found : undefined;
}

/** Per class of the program, every class of the program extending it, directly or not. */
function subclasses(ctx: AnalysisContext): Map<ts.Node, ts.ClassLikeDeclaration[]> {
  let known = subclassesOf.get(ctx.program);
  if (known) return known;
  const { ts, checker } = ctx;
  known = new Map();
  const classes: ts.ClassLikeDeclaration[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.heritageClauses) classes.push(node);
    ts.forEachChild(node, visit);
  };
  for (const file of ctx.program.getSourceFiles()) if (!file.isDeclarationFile && /\bextends\b/.test(file.text)) visit(file);
  for (const cls of classes) {
    const seen = new Set<ts.Node>();
    let type = checker.getTypeAtLocation(cls) as ts.InterfaceType;
    for (let depth = 0; depth < 50; depth++) {
      const base = checker.getBaseTypes(type)[0] as ts.InterfaceType | undefined;
      const baseDeclaration = base?.getSymbol()?.valueDeclaration;
      if (!base || !baseDeclaration || !ts.isClassLike(baseDeclaration) || seen.has(baseDeclaration)) break;
      seen.add(baseDeclaration);
      known.set(baseDeclaration, [...(known.get(baseDeclaration) ?? []), cls]);
      type = base;
    }
  }
  subclassesOf.set(ctx.program, known);
  return known;
}
