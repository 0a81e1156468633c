/**
 * An escape after the last task call on an object (np41's F3): `for (const a of accounts) bump(a);
 * console.log(total(accounts)); const wrapped = accounts.map((a) => [a])`. The object leaves the plan's sight there, but
 * no task call on it comes after, so nothing needs following past that point: the escape waits for everything the
 * tasks wrote inside the object (and marks it changed, a `writtenFields` wait) instead of keeping every call direct.
 *
 * "After every call" holds within one run of the code that makes the object: the file's top level, which runs once,
 * or a block declaring every name of the group (`for (…) { const next = new Uint8Array(n); …tasks on next…; b = new
 * Board(next) }`, np49's P1), whose names hold new objects each time it runs: a function's second call, or a loop's
 * next pass, calls the tasks on objects of its own. Not for a group with a name from further out (a parameter, an
 * outer variable), whose object a later run reaches again. And not inside a loop (or a callback an array method runs
 * per element) within that code that also holds one of the calls: its next pass calls a task after the escape.
 */
import type * as ts from 'typescript';
import { isFunctionLike } from '../analysis/context';
import { enclosesOrIs } from '../analysis/function-values';
import type { FileFacts } from './file-facts';
import { isSynchronousCallback, runningFunction } from './syntax';

/** Whether `ref` (an escaping use of the group) comes after every one of `calls` within one run of the group's objects. */
export function isLateEscape(facts: FileFacts, ref: ts.Node, calls: readonly ts.CallExpression[], group: readonly ts.Symbol[]): boolean {
  const { ts } = facts;
  const run = runOfObjects(facts, ref, group);
  if (!run) return false;
  const home = runningFunction(facts.ctx, ref);
  // (Loops and per-element callbacks around the escape within that run: none may hold a call too.)
  const repeating: ts.Node[] = [];
  for (let n = ref.parent; n && n !== run; n = n.parent) {
    if (ts.isIterationStatement(n, false) || (isFunctionLike(facts.ctx, n) && isSynchronousCallback(ts, n))) repeating.push(n);
  }
  return calls.every((call) => call.end <= ref.getStart() && enclosesOrIs(run, call) && runningFunction(facts.ctx, call) === home &&
    !repeating.some((loop) => enclosesOrIs(loop, call)));
}

/**
 * The code one run of which makes the group's objects anew: of the blocks around each name's declaration (a `const`/
 * `let` of the escape's function; for one in a `for` header or a `case` clause, the block around that statement, so
 * the loop is within the run and its passes are judged as repeating), the outermost, when it holds the others and the
 * escape; else the source file when the escape runs at top level.
 */
function runOfObjects(facts: FileFacts, ref: ts.Node, group: readonly ts.Symbol[]): ts.Node | undefined {
  const { ts, ctx } = facts;
  if (ts.findAncestor(ref, ts.isClassLike) !== undefined) return undefined;
  const home = runningFunction(ctx, ref);
  const blocks = group.map((member) => {
    const declaration = member.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.BlockScoped) ||
      runningFunction(ctx, declaration) !== home) return undefined;
    return ts.findAncestor(declaration, (n) => ts.isBlock(n) || ts.isSourceFile(n));
  });
  const topLevel = home === undefined ? ref.getSourceFile() : undefined;
  if (blocks.some((b) => b === undefined)) return topLevel;
  // (The outermost of them must hold the others and the escape: one run of it makes them all.)
  const outermost = blocks.reduce((a, b) => (enclosesOrIs(a!, b!) ? a : b));
  return outermost && blocks.every((b) => enclosesOrIs(outermost, b!)) && enclosesOrIs(outermost, ref) ? outermost : topLevel;
}
