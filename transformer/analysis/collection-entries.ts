/**
 * Entries of the language's collections, as slots are: `m.get(k)!` is an entry of `m`, one level down, as `m[k]` would
 * be; `m.set(k, v)` is `m` itself; `(m.get(k) ?? m.set(k, []).get(k)!)` is an entry of `m` either way. A groupBy into
 * a local Map (`m.get(r.c)!.push(r)`) stores the rows in `m`, where the reach flow follows them (returned, iterated),
 * instead of letting them out of the function (tester #18's r08); and `m.get(k)` is what `m` holds one level down,
 * not anything it holds at any depth (reach.ts).
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context';
import { skipParens } from './expressions';

/**
 * Methods handing back an entry of the collection (one level down), or the collection itself (`set`), or an iterator
 * over its entries (`values`, `keys`), which holds them as the collection does: `for (const e of m.values()) e.sort()`
 * sorts an entry, not what an entry holds (geometric's traceBoundaryRings).
 */
const ENTRY_METHODS = new Map([['get', 1], ['at', 1], ['find', 1], ['findLast', 1], ['set', 0], ['values', 0], ['keys', 0]]);
const LANGUAGE_COLLECTION = /^(Map|Array|ReadonlyArray|ReadonlyMap)$/;

/** `m.get(k)`, `xs.at(i)`: 1, an entry; `m.set(k, v)`, `m.values()`: 0, as the collection; undefined for any other call. */
export function entryDepth(ctx: AnalysisContext, call: ts.CallExpression): number | undefined {
  const { ts } = ctx;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || call.questionDotToken || callee.questionDotToken) return undefined;
  const depth = ENTRY_METHODS.get(callee.name.text);
  return depth !== undefined && LANGUAGE_COLLECTION.test(ctx.checker.getTypeAtLocation(callee.expression).getSymbol()?.getName() ?? '') &&
    !(callee.name.text === 'set' && ctx.checker.isArrayType(ctx.checker.getTypeAtLocation(callee.expression))) ? depth : undefined;
}

/**
 * The variable an object sits in and how deep, through entry methods too, at any step of the chain
 * (`bins.find(f)!.items`: two levels into `bins`, np46's F3); rootAndDepth for the rest.
 */
export function entryRootAndDepth(ctx: AnalysisContext, node: ts.Expression): { root?: ts.Identifier; depth: number } {
  const { ts } = ctx;
  let e = node;
  let below = 0;
  for (;;) {
    e = skipParens(ts, e);
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      const left = entryRootAndDepth(ctx, e.left), right = entryRootAndDepth(ctx, e.right);
      const same = left.root && right.root && left.depth === right.depth && ctx.checker.getSymbolAtLocation(left.root) === ctx.checker.getSymbolAtLocation(right.root);
      return same ? { root: left.root, depth: left.depth + below } : { depth: 0 };
    }
    const entry = ts.isCallExpression(e) ? entryDepth(ctx, e) : undefined;
    if (entry !== undefined) { below += entry; e = ((e as ts.CallExpression).expression as ts.PropertyAccessExpression).expression; continue; }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) { below++; e = e.expression; continue; }
    // (`(s ||= {}).n`: what the variable holds once it ran.)
    if (ts.isBinaryExpression(e) && [ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.AmpersandAmpersandEqualsToken]
      .includes(e.operatorToken.kind)) { e = e.left; continue; }
    return ts.isIdentifier(e) ? { root: e, depth: below } : { depth: 0 };
  }
}
