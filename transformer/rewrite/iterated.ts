/**
 * A task call that writes the very object an enclosing iteration walks: `for (const item of queue) more(item, queue)`,
 * `ys.forEach(() => upper(ys))`, `for (const x of seen.values()) grow(x, seen)`.
 *
 * The iteration reads the object again at every step (the next element, the length, a Set's next entry), after the
 * call of the step before wrote it: the sequential program visits what a task appended and reads what it replaced.
 * A wait on the object where the loop starts cannot give that, and the iterator reads no name a wait could sit on,
 * so such a call stays direct: the next step then sees its write, as in the sequential program. (Each step depends
 * on the one before, so nothing could have run beside it anyway.) Writing an element's contents does not change what
 * the iteration yields: `for (const row of rows) scale(rows[0])` is not blocked.
 */
import type * as ts from 'typescript';
import { isFunctionLike, symbolOf } from '../analysis/context';
import { reasonAt, snippet, type Reason } from '../analysis/reason';
import type { AliasGroups } from './aliases';
import type { FileFacts } from './file-facts';
import { skipTransparent } from './syntax';

/** Methods that call their callback once per element, reading the receiver between calls. */
const ITERATING_METHODS = new Set(['forEach', 'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex',
  'findLast', 'findLastIndex', 'flatMap']);
/** `xs.values()`, `m.entries()`: iterators that read the receiver at every step. */
const LIVE_ITERATORS = new Set(['values', 'keys', 'entries']);

/** Why the call, which writes `arg`, must stay direct because an enclosing iteration walks that object. */
export function iteratedWhileWritten(facts: FileFacts, aliases: AliasGroups, call: ts.CallExpression, arg: ts.Expression): Reason | undefined {
  const { ts } = facts;
  const written = objectPath(facts, aliases, arg);
  if (!written) return undefined;
  for (let inner: ts.Node = call, n = call.parent; n; inner = n, n = n.parent) {
    let iterated: ts.Expression | undefined;
    if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && inner === n.statement) iterated = n.expression;
    else if (isFunctionLike(facts.ctx, n)) {
      iterated = iteratingReceiver(ts, n);
      // Any other function may be called from anywhere: what encloses it says nothing of when it runs.
      if (!iterated) return undefined;
    }
    const walked = iterated && objectPath(facts, aliases, liveSource(ts, iterated));
    // The same object, or one that holds the written one as a part (not an element's contents).
    if (walked && walked.group.includes(written.symbol) && written.depth <= walked.depth) {
      return reasonAt(arg, `task writes \`${snippet(arg)}\`, which the enclosing \`${snippet(iterated!)}\` iterates: ` +
        'the next step must see the write, so the call runs in this thread');
    }
  }
  return undefined;
}

/** `xs` in `xs.map(cb)` or `Array.from(xs, cb)` when `fn` is that callback. */
function iteratingReceiver(t: typeof ts, fn: ts.Node): ts.Expression | undefined {
  let node = fn;
  while (t.isParenthesizedExpression(node.parent)) node = node.parent;
  const call = node.parent;
  if (!t.isCallExpression(call) || !call.arguments.includes(node as ts.Expression)) return undefined;
  const callee = skipTransparent(t, call.expression);
  if (!t.isPropertyAccessExpression(callee)) return undefined;
  if (ITERATING_METHODS.has(callee.name.text) && call.arguments[0] === node) return callee.expression;
  const from = callee.name.text === 'from' && t.isIdentifier(callee.expression) && callee.expression.text === 'Array';
  return from && call.arguments[1] === node ? call.arguments[0] : undefined;
}

/** `s.values()` → `s`: the iterator reads its receiver at every step. */
function liveSource(t: typeof ts, expr: ts.Expression): ts.Expression {
  const inner = skipTransparent(t, expr);
  if (t.isCallExpression(inner) && inner.arguments.length === 0 && t.isPropertyAccessExpression(inner.expression) &&
    LIVE_ITERATORS.has(inner.expression.name.text)) return inner.expression.expression;
  return inner;
}

/**
 * The variable an expression's object hangs from (through `[i]` steps, `.part`s and views), its alias group, and
 * how many `[i]` steps down it is.
 */
function objectPath(facts: FileFacts, aliases: AliasGroups, expr: ts.Expression): { symbol: ts.Symbol; group: readonly ts.Symbol[]; depth: number } | undefined {
  const { ts } = facts;
  let node = skipTransparent(ts, expr);
  let depth = 0;
  for (;;) {
    if (ts.isElementAccessExpression(node)) { depth++; node = skipTransparent(ts, node.expression); continue; }
    if (ts.isPropertyAccessExpression(node)) { node = skipTransparent(ts, node.expression); continue; }
    const viewed = aliases.viewBase(node);
    if (viewed) { node = viewed; continue; }
    break;
  }
  const symbol = ts.isIdentifier(node) ? symbolOf(facts.ctx, node) : undefined;
  return symbol && { symbol, group: aliases.groupOf(symbol), depth };
}
