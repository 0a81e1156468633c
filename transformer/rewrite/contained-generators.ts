/**
 * A generator of the program that a split loop (split-loops.ts) may run to its end before the loop's bodies:
 * `for (const pre of prefixes(4)) out.push(work(p, pre))` (tester #26's r07: a DPLL solver's branches, one at a
 * time). In the plain program the generator's steps run between the bodies; running them all first cannot be told
 * apart when the generator touches nothing but its own: it names only its parameters (numbers, strings, booleans,
 * each given a simple argument) and its own locals, constants holding primitives and the language's `Math`, `Array`…;
 * it makes no object of another's class, calls nothing of the program's and makes no function but a callback an
 * array method runs at once (a function yielded would read the generator's locals later, when they have moved on),
 * so it prints nothing and reads nothing a body changes; and it yields primitives or arrays of them made right there
 (a local it goes on changing would reach every body in its last state). It must also end however the loop ends (a `break`, or a task's failure thrown out of a body, stops the
 * plain loop early; the split loop has run the generator to its end first): its loops are counting `for`s and
 * `for…of`s over its own arrays, never `while`, and it delegates to no other iterator (`yield*`).
 */
import type * as ts from 'typescript';
import { calledFunction, hasPrimitiveElements, isPrimitiveNode, symbolOf } from '../analysis/context';
import { isFresh } from './fresh';
import type { FileFacts } from './file-facts';
import { isSimpleArgument } from './only-reads';
import { isSynchronousCallback } from './syntax';
import { isLanguageName } from './contained-code';

/** `gen(a, b)` is a call of such a generator (see above). */
export function isContainedGeneratorCall(facts: FileFacts, expr: ts.Expression): boolean {
  const { ts, ctx } = facts;
  if (!ts.isCallExpression(expr) || !ts.isIdentifier(expr.expression) || expr.questionDotToken) return false;
  const fn = calledFunction(ctx, expr);
  if (!fn || !(ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) || !fn.asteriskToken || !fn.body ||
    (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async)) return false;
  if (fn.parameters.some((p) => !ts.isIdentifier(p.name) || p.dotDotDotToken || p.initializer || !isPrimitiveNode(ctx, p.name))) return false;
  if (!expr.arguments.every((a) => !ts.isSpreadElement(a) && isSimpleArgument(facts, a))) return false;
  let ok = true;
  const visit = (node: ts.Node): void => {
    if (!ok) return;
    if (ts.isWhileStatement(node) || ts.isDoStatement(node) || ts.isForInStatement(node) || (ts.isYieldExpression(node) && node.asteriskToken) ||
      node.kind === ts.SyntaxKind.ThisKeyword || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node) ||
      ts.isAwaitExpression(node) || ts.isClassLike(node) || (ts.isFunctionLike(node) && !isSynchronousCallback(ts, node))) { ok = false; return; }
    // A counting `for` needs a condition and a step; a `for…of` walks one of the generator's own arrays.
    if (ts.isForStatement(node) && (!node.condition || !node.incrementor)) { ok = false; return; }
    if (ts.isForOfStatement(node) && !facts.ctx.checker.isArrayType(facts.ctx.checker.getTypeAtLocation(node.expression))) { ok = false; return; }
    // What it yields is made there and holds only primitives: a local it goes on changing (`buf.push(i); yield buf`)
    // would be seen by every body at its last state once the generator ran to its end.
    if (ts.isYieldExpression(node) && node.expression && !isPrimitiveNode(ctx, node.expression) &&
      !(isFresh(ctx, node.expression) && hasPrimitiveElements(ctx, node.expression))) { ok = false; return; }
    if (ts.isPropertyAccessExpression(node)) { visit(node.expression); return; } // (`.push`: a member's name, not a variable)
    if (ts.isIdentifier(node) && !isOwn(facts, fn, node)) { ok = false; return; }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return ok;
}

/** A name declared inside the generator, a constant holding a primitive, or one of the language's own (contained-code.ts). */
function isOwn(facts: FileFacts, fn: ts.FunctionLikeDeclaration, id: ts.Identifier): boolean {
  const { ts, ctx } = facts;
  const declaration = symbolOf(ctx, id)?.valueDeclaration;
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return isLanguageName(facts, id);
  if (declaration.pos >= fn.pos && declaration.end <= fn.end) return true;
  return ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 && isPrimitiveNode(ctx, id);
}
