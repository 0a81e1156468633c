/**
 * Instances of a class the program lets into an object nothing types, where that object is then written by a computed
 * key: `const o: any = w; o[name] = writer`, `(w as any)[name] = writer`, `install(w, 'm', writer)` whose `install(o, k,
 * f) { o[k] = f }` has an untyped `o` (also through helpers handing `o` on). Such a write may replace a method of the
 * instance, so `w.m(p)` may run the writer, not the class's `m` (replaced-members.ts asks here for a class's method).
 *
 * Followed once per program: the names written by key while untyped (variables, parameters), widened backwards through
 * every argument passed to such a parameter and every initializer of such a variable; then the values flowing into
 * those names (or cast and written at once) are the places an instance may turn untyped. Only an untyped JavaScript
 * parameter handed an instance and written by key in its own function counts, not every untyped parameter: in a
 * JavaScript library every parameter is untyped, and taking any instance passed anywhere as replaceable made every
 * method of ml-matrix's Matrix unknown code.
 */
import type * as ts from 'typescript';
import { rootIdentifier, skipParens } from './expressions';
import { symbolOf, type AnalysisContext } from './context';

/** Per program: the expressions whose value may land in an object written by key while untyped. */
const turnedUntyped = new WeakMap<ts.Program, ts.Expression[]>();

/** Some instance of the class declaring `member` (or of a class extending it) may turn untyped and be written by key. */
export function instanceTurnsUntyped(ctx: AnalysisContext, member: ts.Symbol): boolean {
  const { checker } = ctx;
  const owner = classOf(ctx, member);
  const ownerSymbol = owner && (owner.name ? checker.getSymbolAtLocation(owner.name) : (owner as ts.Node as { symbol?: ts.Symbol }).symbol);
  if (!ownerSymbol) return false;
  return placesOf(ctx).some((expr) => isInstanceOf(ctx, checker.getTypeAtLocation(expr), ownerSymbol));
}

/** The class declaring `member`, if a class does (a literal's or a prototype's member is none: replaced-members.ts). */
export function classOf(ctx: AnalysisContext, member: ts.Symbol): ts.ClassLikeDeclaration | undefined {
  return (member.declarations ?? []).map((d) => d.parent).find((p): p is ts.ClassLikeDeclaration => ctx.ts.isClassLike(p));
}

/** `any`, `unknown`, or an object typed only by an index of either (`Record<string, any>`). */
export function isUntypedObject(ctx: AnalysisContext, type: ts.Type): boolean {
  const { ts, checker } = ctx;
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
  return index !== undefined && (index.type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0 && checker.getPropertiesOfType(type).length === 0;
}

function isInstanceOf(ctx: AnalysisContext, type: ts.Type, owner: ts.Symbol): boolean {
  if (type.isUnionOrIntersection()) return type.types.some((t) => isInstanceOf(ctx, t, owner));
  const symbol = type.getSymbol();
  if (!symbol || !(symbol.flags & ctx.ts.SymbolFlags.Class)) return false;
  if (symbol === owner) return true;
  // (An instance of a subclass has the method too.)
  return (ctx.checker.getBaseTypes(type as ts.InterfaceType) ?? []).some((base) => isInstanceOf(ctx, base, owner));
}

/** A value handed to a name: an argument to a parameter, an initializer to a variable. */
interface Flow { readonly value: ts.Expression; readonly into: ts.Symbol }

function placesOf(ctx: AnalysisContext): ts.Expression[] {
  let known = turnedUntyped.get(ctx.program);
  if (known) return known;
  const { ts, checker } = ctx;
  const written = new Set<ts.Symbol>();
  const direct: ts.Expression[] = [];
  const flows: Flow[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isElementAccessExpression(node) && isAssigned(ts, node) && !isNumberKey(ctx, node.argumentExpression) &&
      isUntypedObject(ctx, checker.getTypeAtLocation(node.expression))) {
      let target: ts.Expression = node.expression;
      while (ts.isParenthesizedExpression(target)) target = target.expression;
      // `(w as any)[k] = f`: the cast value itself.
      if (ts.isAsExpression(target) || ts.isTypeAssertionExpression(target)) direct.push(unwrapCasts(ts, target));
      const root = rootIdentifier(ts, target);
      const symbol = root && symbolOf(ctx, root);
      if (symbol) written.add(symbol);
    } else if (ts.isVariableDeclaration(node) && node.initializer && ts.isIdentifier(node.name)) {
      const symbol = symbolOf(ctx, node.name);
      if (symbol) flows.push({ value: node.initializer, into: symbol });
    } else if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments && node.arguments.length > 0) {
      const declaration = checker.getResolvedSignature(node)?.declaration;
      if (declaration && !declaration.getSourceFile().isDeclarationFile && 'parameters' in declaration) {
        node.arguments.forEach((arg, i) => {
          const param = declaration.parameters[i];
          const symbol = param && ts.isParameter(param) && !param.dotDotDotToken && ts.isIdentifier(param.name) ? symbolOf(ctx, param.name) : undefined;
          if (symbol) flows.push({ value: arg, into: symbol });
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const file of ctx.program.getSourceFiles()) if (!file.isDeclarationFile) visit(file);
  // Backwards: a name whose value is handed to a name written by key is written by key too (`install(o) { set(o) }`).
  for (let grew = true; grew;) {
    grew = false;
    for (const { value, into } of flows) {
      if (!written.has(into)) continue;
      const bare = unwrapCasts(ts, value);
      const symbol = ts.isIdentifier(bare) ? symbolOf(ctx, bare) : undefined;
      if (symbol && !written.has(symbol)) { written.add(symbol); grew = true; }
    }
  }
  known = [...direct, ...flows.filter((f) => written.has(f.into)).map((f) => unwrapCasts(ts, f.value))];
  turnedUntyped.set(ctx.program, known);
  return known;
}

function unwrapCasts(t: typeof ts, e: ts.Expression): ts.Expression {
  for (;;) {
    e = skipParens(t, e);
    if (t.isAsExpression(e) || t.isTypeAssertionExpression(e) || t.isNonNullExpression(e)) e = e.expression;
    else return e;
  }
}

function isAssigned(t: typeof ts, node: ts.Expression): boolean {
  const parent = node.parent;
  return t.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind >= t.SyntaxKind.FirstAssignment &&
    parent.operatorToken.kind <= t.SyntaxKind.LastAssignment;
}

function isNumberKey(ctx: AnalysisContext, key: ts.Expression): boolean {
  const type = ctx.checker.getTypeAtLocation(key);
  return (type.flags & ctx.ts.TypeFlags.NumberLike) !== 0 || (type.isUnion() && type.types.every((t) => (t.flags & ctx.ts.TypeFlags.NumberLike) !== 0));
}
