/**
 * Calls in untyped JavaScript (a package's code read behind its declarations: code-behind.ts, in a side program
 * with no types of the host) that prints.ts can still judge. In such code most values are `any`, so `x.reduce(…)` resolves to nothing. What it can reach is known
 * all the same when `x` is a value the code was given or made (a parameter, a local, `this`, a call's result): data
 * a task handed over (arrays, plain objects, instances of the program's classes: functions cannot be task
 * arguments) or objects the scanned code made. Its method is then the language's own, a class member of that name
 * (the program's or the package's: followed), or a function some scanned code made. Not when `x` is reached from a
 * name the code does not declare (`process.stdout.write`, a global of the host) or a module it imports (`fs.writeSync`).
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context';

/** What an untyped call reaches, beyond the code scanned already. */
export interface UntypedReach {
  /** `x.m(…)`: a class member so named may run (followed), or a function some scanned code made. */
  readonly member?: string;
}

/**
 * `x.m(…)` with `x` a parameter, local, `this` or call result of the code; `f(…)` with `f` a parameter or local
 * (`iteratee(value)`), `make()(…)`: a function some scanned code made. Undefined: the call may reach anything.
 */
export function untypedCallReach(ctx: AnalysisContext, callee: ts.Expression): UntypedReach | undefined {
  const { ts } = ctx;
  if (ts.isCallExpression(callee)) return {};
  if (ts.isIdentifier(callee)) return isOwnValue(ctx, callee) ? {} : undefined;
  if (!ts.isPropertyAccessExpression(callee) || ts.isPrivateIdentifier(callee.name)) return undefined;
  return isOwnValue(ctx, callee.expression) ? { member: callee.name.text } : undefined;
}

function isOwnValue(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const { ts } = ctx;
  // (`this` only in a class: in a sloppy-mode function called plainly it is the global object.)
  if (expr.kind === ts.SyntaxKind.ThisKeyword) return ts.findAncestor(expr, ts.isClassLike) !== undefined;
  if (ts.isCallExpression(expr) || ts.isArrayLiteralExpression(expr) ||
    ts.isObjectLiteralExpression(expr) || ts.isStringLiteral(expr)) return true;
  if (ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr)) return isOwnValue(ctx, expr.expression);
  if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) return isOwnValue(ctx, expr.expression);
  if (!ts.isIdentifier(expr)) return false;
  const symbol = ctx.checker.getSymbolAtLocation(expr);
  const declaration = symbol?.valueDeclaration;
  // Not an import (a module's object) nor a global: a parameter or variable the code declares.
  return declaration !== undefined && !(symbol!.flags & ts.SymbolFlags.Alias) && !declaration.getSourceFile().isDeclarationFile &&
    (ts.isParameter(declaration) || ts.isVariableDeclaration(declaration) || ts.isBindingElement(declaration));
}

/**
 * A name a package's untyped code uses that nothing declares (its declarations: none, `undefined` aside): a global of
 * the host (`process`, `Buffer`, `window`) or an import that resolves nowhere (`import * as fs from 'fs'`).
 */
export function isUndeclaredName(ctx: AnalysisContext, id: ts.Identifier, declarations: readonly ts.Declaration[]): boolean {
  const { ts } = ctx;
  const parent = id.parent;
  if (declarations.length > 0 || id.text === 'undefined' || id.text === 'arguments') return false;
  // Labels and `import.meta`, `new.target` name no value.
  return !((ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) && parent.label === id) && !ts.isMetaProperty(parent);
}
