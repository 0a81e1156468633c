/**
 * Whether a variable whose element type the checker inferred from its initializer (`var l = [0]`: `number[]`) holds
 * only such elements. In JavaScript nothing checks that type: `l.push(p)`, `l.splice(0, 0, p)`, `l[1] = p` put an
 * object into a "number[]", and trusting the type there (context.ts hasPrimitiveElements: "a copy of it shares no
 * objects", "storing into it keeps nothing") missed the write in `l.push(p); l[0][0] = 1`. The type is taken at its
 * word when every mention of the variable in its file reads it (an element, a member, a method call, `for…of`, a
 * spread) or stores into it only primitives; a variable handed on (passed, returned, aliased) may be filled elsewhere,
 * so its type is not taken either, nor that of a variable initialized from a belied one (`var c = l.slice()`).
 * TypeScript's types (inferred or declared, where `l.push(p as any)` is the program's own word) and JSDoc types stay
 * trusted.
 */
import type * as ts from 'typescript';
import { everyMention, isPrimitiveNode, symbolOf, type AnalysisContext } from './context';

/** Methods that store their arguments (from the index given) into their object. */
const STORING: ReadonlyMap<string, number> = new Map([['push', 0], ['unshift', 0], ['splice', 2], ['fill', 0], ['set', 0], ['add', 0]]);

const honest = new WeakMap<ts.Symbol, boolean>();

/** `expr` neither is nor mentions a variable whose inferred element type another value may belie (see the header). */
export function elementsAsTyped(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const { ts } = ctx;
  while (ts.isParenthesizedExpression(expr)) expr = expr.expression;
  // (`l.slice()`, `l.concat(m)`: typed as what they copy. `S.list`: a member's own value, not followed.)
  if (ts.isPropertyAccessExpression(expr)) return true;
  if (!ts.isIdentifier(expr)) return !ts.forEachChild(expr, (child) => mentionsBelied(ctx, child) || undefined);
  const symbol = symbolOf(ctx, expr);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !ts.isVariableDeclaration(declaration) || declaration.type || ts.getJSDocType(declaration) ||
    !ts.isIdentifier(declaration.name) || !/\.[cm]?js$/.test(declaration.getSourceFile().fileName)) return true;
  let known = honest.get(symbol);
  if (known === undefined) {
    honest.set(symbol, true); // (a mention inside its own check: not circular evidence either way)
    known = everyMention(ctx, symbol, declaration.getSourceFile(), declaration.name, (id) => quietMention(ctx, id)) &&
      !(declaration.initializer && mentionsBelied(ctx, declaration.initializer));
    honest.set(symbol, known);
  }
  return known;
}

/** The initializer copies a variable whose type is belied (`var c = l.slice()`): c's inferred type is l's. */
function mentionsBelied(ctx: AnalysisContext, node: ts.Node): boolean {
  const { ts } = ctx;
  if (ts.isIdentifier(node)) return !elementsAsTyped(ctx, node);
  if (ts.isFunctionLike(node)) return false;
  // (`S.list`: a member's own value, not S's elements; `l.slice()` is followed to l.)
  if (ts.isPropertyAccessExpression(node) && !(ts.isCallExpression(node.parent) && node.parent.expression === node)) return false;
  return ts.forEachChild(node, (child) => mentionsBelied(ctx, child) || undefined) === true;
}

function quietMention(ctx: AnalysisContext, id: ts.Identifier): boolean {
  const { ts } = ctx;
  let node: ts.Node = id;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const use = node.parent;
  if (ts.isSpreadElement(use) || ((ts.isForOfStatement(use) || ts.isForInStatement(use)) && use.expression === node)) return true;
  if (ts.isElementAccessExpression(use) && use.expression === node) {
    const outer = use.parent;
    const assigned = ts.isBinaryExpression(outer) && outer.left === use && outer.operatorToken.kind === ts.SyntaxKind.EqualsToken;
    return !assigned || isPrimitiveNode(ctx, outer.right);
  }
  if (ts.isPropertyAccessExpression(use) && use.expression === node) {
    const call = use.parent;
    if (ts.isBinaryExpression(call) && call.left === use) return false; // `l.push = …`, `l.k = v`
    const from = STORING.get(use.name.text);
    if (!ts.isCallExpression(call) || call.expression !== use || from === undefined) return true;
    return call.arguments.slice(from).every((a) => !ts.isSpreadElement(a) && isPrimitiveNode(ctx, a));
  }
  return false;
}
