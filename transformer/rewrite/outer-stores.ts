/**
 * `keep(a)` where `keep`, a function of the program, stores its parameter in a variable of a function enclosing the
 * call (`const all = []; const keep = (x) => { all.push(x) }`): the call is `all.push(a)` written elsewhere. The
 * plan takes it so (np50's F2): `all` holds `a`'s object from then on (aliases.ts), and the argument is not let out of
 * sight (uses.ts), so a task given `all` makes the program's reads of `a` wait, as it does for a push written here.
 *
 * Only when that is all the callee does with the argument beyond reading or writing it: stored in no variable this
 * call cannot see (a module's, another run's of a factory), kept in no other argument or function, and not handed
 * back as a result the program keeps. Anything else stays an escape, and the variables seen hold an object the plan
 * cannot name (`const a = keep(mk())` names it by the result): tasks given them are fenced, not followed.
 */
import type * as ts from 'typescript';
import { calledFunction, symbolOf, type AnalysisContext } from '../analysis/context';
import { argumentParam, type OuterHolding } from '../analysis/param-effects';
import type { Summaries } from '../analysis/summaries';
import { isWrittenIn } from '../analysis/expressions';
import { isResultUsed } from './file-facts';

/** A variable the call can see into which the callee stores an argument, and how (as its value or in its container). */
export interface OuterStore {
  readonly into: ts.Symbol;
  readonly as: OuterHolding;
}

/**
 * What `call`'s callee stores of `arg` into variables seen at the call, and whether that is all it lets out of it
 * (`onlyThere`): when not, the argument escapes, and the variables hold an object some other path reaches.
 */
export function outerStoresOf(ctx: AnalysisContext, summaries: Summaries, call: ts.CallExpression, arg: ts.Expression):
  { stores: OuterStore[]; onlyThere: boolean } | undefined {
  const { ts } = ctx;
  const index = call.arguments.indexOf(arg);
  if (index < 0 || call.arguments.slice(0, index + 1).some((a) => ts.isSpreadElement(a))) return undefined;
  const fn = calledFunction(ctx, call);
  const effect = fn && summaries.get(fn).params[argumentParam(fn, index)];
  if (!effect?.storedInOuter) return undefined;
  const stores: OuterStore[] = [];
  let onlyThere = !effect.escapedBeyondOuter && !effect.kept && !effect.inFunction && !effect.toCallback &&
    !(effect.returnedAt !== undefined && isResultUsed(ctx, call));
  for (const [declaration, as] of effect.storedInOuter) {
    // (A variable of a function this call runs inside of: the instance the callee stores into is the one named here.)
    const owner = ts.findAncestor(declaration.parent, (n) => ts.isFunctionLike(n));
    const into = ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) ? symbolOf(ctx, declaration.name) : undefined;
    if (owner && into && isWrittenIn(owner, call)) stores.push({ into, as });
    else onlyThere = false;
  }
  return { stores, onlyThere };
}
