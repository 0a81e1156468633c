/**
 * Instances of a class the program lets into an object nothing types: `const o: any = w`, `w as any`, `install(w, …)`
 * whose parameter is `any` or untyped JavaScript, a `Record<string, any>`. A write by a computed key into such an object
 * (`o[name] = writer`) may replace a method of that instance, so `w.m(p)` may run the writer, not the class's `m`
 * (replaced-members.ts asks here for a class's method when the program writes by key into an untyped object).
 * The program's places where a value turns untyped are listed once per program (syntax, then one type per place).
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context';

const turnedUntyped = new WeakMap<ts.Program, ts.Expression[]>();

/** Some instance of the class declaring `member` (or of a class extending it) turns untyped somewhere. */
export function instanceTurnsUntyped(ctx: AnalysisContext, member: ts.Symbol): boolean {
  const { ts, checker } = ctx;
  const owner = (member.declarations ?? []).map((d) => d.parent).find((p): p is ts.ClassLikeDeclaration => ts.isClassLike(p));
  const ownerSymbol = owner && (owner.name ? checker.getSymbolAtLocation(owner.name) : (owner as ts.Node as { symbol?: ts.Symbol }).symbol);
  if (!ownerSymbol) return false;
  return placesOf(ctx).some((expr) => isInstanceOf(ctx, checker.getTypeAtLocation(expr), ownerSymbol));
}

/** Whether untyped targets exist at all in the types' sense: `any`, `unknown`, or an index of `any`/`unknown`. */
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

/** Expressions whose value the program hands on as untyped: cast to it, bound to a name typed so, passed to such a parameter. */
function placesOf(ctx: AnalysisContext): ts.Expression[] {
  let known = turnedUntyped.get(ctx.program);
  if (known) return known;
  const { ts, checker } = ctx;
  const found: ts.Expression[] = [];
  const untypedAt = (node: ts.Node | undefined): boolean => node !== undefined && isUntypedObject(ctx, checker.getTypeAtLocation(node));
  const visit = (node: ts.Node): void => {
    if ((ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) && untypedAt(node.type)) found.push(node.expression);
    else if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isPropertyDeclaration(node)) && node.initializer && node.type && untypedAt(node.type)) found.push(node.initializer);
    else if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments && node.arguments.length > 0) {
      const signature = checker.getResolvedSignature(node);
      const declaration = signature?.declaration;
      node.arguments.forEach((arg, i) => {
        // (A parameter of a declaration: the standard library's functions are judged by their own tables.)
        const param = declaration && !declaration.getSourceFile().isDeclarationFile && 'parameters' in declaration ? declaration.parameters[i] : undefined;
        if (param && ts.isParameter(param) && !param.dotDotDotToken && untypedAt(param)) found.push(arg);
      });
    }
    ts.forEachChild(node, visit);
  };
  for (const file of ctx.program.getSourceFiles()) if (!file.isDeclarationFile) visit(file);
  turnedUntyped.set(ctx.program, found);
  return found;
}
