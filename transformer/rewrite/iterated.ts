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
import { isFunctionLike, isPrimitiveNode, isTypedArrayType, symbolOf } from '../analysis/context';
import { reasonAt, snippet, type Reason } from '../analysis/reason';
import type { AliasGroups } from './aliases';
import { nameSource } from './name-sources';
import type { FileFacts } from './file-facts';
import { isChoice, skipTransparent, withWrappers } from './syntax';
import { isLibraryType } from './library-uses';

/** Methods that call their callback once per element, reading the receiver between calls. */
const ITERATING_METHODS = new Set(['forEach', 'map', 'filter', 'reduce', 'reduceRight', 'some', 'every', 'find', 'findIndex',
  'findLast', 'findLastIndex', 'flatMap']);
/** `xs.values()`, `m.entries()`: iterators that read the receiver at every step. */
const LIVE_ITERATORS = new Set(['values', 'keys', 'entries']);

/** Why the call, which writes `arg`, must stay direct because an enclosing iteration walks that object. */
export function iteratedWhileWritten(facts: FileFacts, aliases: AliasGroups, call: ts.CallExpression, arg: ts.Expression,
  reason = arg, calls = 0, deeper = 0): Reason | undefined {
  const { ts } = facts;
  const path = objectPath(facts, aliases, arg);
  if (!path) return undefined;
  // `deeper`: at a helper's call site, the task writes that many `[i]` steps below what the site passes.
  const written = { ...path, depth: path.depth + deeper };
  for (let inner: ts.Node = call, n = call.parent; n; inner = n, n = n.parent) {
    let iterated: ts.Expression | undefined;
    if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && inner === n.statement) iterated = n.expression;
    else if (isFunctionLike(facts.ctx, n)) {
      iterated = iteratingReceiver(ts, n);
      if (iterated) { /* checked below */ } else if (madeIn(written, n)) {
        // `function helper(p) { bump(p, 1) }`: p is what each call site passes, perhaps inside a loop walking it.
        return calls < 3 ? callSitesIterating(facts, aliases, n, written, reason, calls + 1) : undefined;
      } else {
        // Any other function may be called from anywhere (`xs.forEach(visit)`, `each(ys, (y) => …)`): what encloses it
        // says nothing of when it runs, so an object it writes but did not make counts as iterated if the file
        // iterates it anywhere, or hands it to code along with this function.
        return handedWith(facts, aliases, n, written, reason) ?? iteratedAnywhere(facts, aliases, written, reason);
      }
    }
    // `for (const x of c ? xs : ys)`: each object the iterated value may be.
    const walked = iterated ? choices(ts, liveSource(ts, iterated)).map((e) => objectPath(facts, aliases, liveSource(ts, e))) : [];
    // The same object, or one that holds the written one as a part (not an element's contents).
    const same = walked.find((path) => path && maySameObject(facts, path, written) && written.depth <= path.depth);
    if (same) {
      // (Two names the plan cannot tell apart, `ids` and `data` of one function: it may be, not it is (np47's p38).)
      const how = same.symbol === written.symbol ? 'which' : 'which may be what';
      return reasonAt(reason, `task writes \`${snippet(reason)}\`, ${how} the enclosing \`${snippet(iterated!)}\` iterates: ` +
        'the next step must see the write, so the call runs in this thread');
    }
  }
  return undefined;
}

/** The written parameter of `fn`, at each call of `fn` in the file: that argument, iterated around the call. */
function callSitesIterating(facts: FileFacts, aliases: AliasGroups, fn: ts.Node, written: ObjectPath, reason: ts.Expression,
  calls: number): Reason | undefined {
  const { ts } = facts;
  const declaration = written.symbol.valueDeclaration;
  if (!declaration || !ts.isParameter(declaration) || declaration.parent !== fn) return undefined;
  const index = (fn as ts.FunctionLikeDeclaration).parameters.indexOf(declaration);
  const name = ts.isFunctionDeclaration(fn) ? fn.name : ts.isVariableDeclaration(fn.parent) ? fn.parent.name : undefined;
  const symbol = name && ts.isIdentifier(name) ? symbolOf(facts.ctx, name) : undefined;
  for (const ref of symbol ? facts.references(symbol) : []) {
    const site = withWrappers(ts, ref).parent;
    const passed = ts.isCallExpression(site) && site.expression === withWrappers(ts, ref) ? site.arguments[index] : undefined;
    const why = passed && iteratedWhileWritten(facts, aliases, site as ts.CallExpression, passed, reason, calls, written.depth);
    if (why) return why;
  }
  return undefined;
}

/** `each(ys, (y) => { bump(ys, 2) })`: the callback is handed to code together with the object it writes. */
function handedWith(facts: FileFacts, aliases: AliasGroups, fn: ts.Node, written: ObjectPath, reason: ts.Expression): Reason | undefined {
  const { ts } = facts;
  let node: ts.Node = fn;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const call = node.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(node as ts.Expression)) return undefined;
  for (const other of call.arguments) {
    const path = other !== node ? objectPath(facts, aliases, other) : undefined;
    if (path && maySameObject(facts, path, written) && written.depth <= path.depth) {
      return reasonAt(reason, `task writes \`${snippet(reason)}\` in a callback handed to \`${snippet(call.expression)}\` with \`${snippet(other)}\`, ` +
        'which may iterate it: the next step must see the write, so the call runs in this thread');
    }
  }
  return undefined;
}

/**
 * Some iteration of the file walks the written object (any `for…of`, element visitor or `Array.from` over its group).
 * Not one of the library's arrays, Maps or Sets that runs no code while it walks (`console.log(Array.from(a).join(','))`,
 * `for (const x of a) s += x`: np40's F4): nothing can call the function meanwhile.
 */
function iteratedAnywhere(facts: FileFacts, aliases: AliasGroups, written: ObjectPath, reason: ts.Expression): Reason | undefined {
  const { ts } = facts;
  for (const member of written.group) {
    for (const ref of facts.references(member)) {
      const outer = withWrappers(ts, ref);
      const parent = outer.parent;
      const live = ts.isPropertyAccessExpression(parent) && parent.expression === outer && LIVE_ITERATORS.has(parent.name.text) ? parent.parent : outer;
      const holder = live.parent;
      const walks = ((ts.isForOfStatement(holder) || ts.isForInStatement(holder)) && holder.expression === live) ||
        (ts.isPropertyAccessExpression(holder) && holder.expression === live && ITERATING_METHODS.has(holder.name.text)) ||
        (ts.isCallExpression(holder) && holder.arguments[0] === live && ts.isPropertyAccessExpression(holder.expression) && holder.expression.name.text === 'from');
      if (walks && !runsCodeWhileWalking(facts, holder, live) && isLibraryType(facts.ctx, facts.ctx.checker.getTypeAtLocation(live))) continue;
      const walked = walks ? objectPath(facts, aliases, live as ts.Expression) : undefined;
      if (walked && written.depth <= walked.depth) {
        return reasonAt(reason, `task writes \`${snippet(reason)}\` in a function that may run while \`${snippet(live)}\` is iterated ` +
          `(line ${reasonAt(live, '').line}): the next step must see the write, so the call runs in this thread`);
      }
    }
  }
  return undefined;
}

/**
 * The iteration at `holder` may run code at some step: its loop body, its callback or `Array.from`'s mapper does
 * anything but arithmetic on primitives, reading elements and locals, and assigning locals (a call, `new`, a getter,
 * a `valueOf` an operator runs on an object, `await`, `yield`…).
 */
function runsCodeWhileWalking(facts: FileFacts, holder: ts.Node, live: ts.Node): boolean {
  const { ts, ctx } = facts;
  const primitive = (e: ts.Node): boolean => isPrimitiveNode(ctx, e);
  const runs = (n: ts.Node): boolean => {
    if (ts.isIdentifier(n) || ts.isLiteralExpression(n) || n.kind === ts.SyntaxKind.TrueKeyword || n.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (ts.isBinaryExpression(n) || ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) {
      const operands = ts.isBinaryExpression(n) ? [n.left, n.right] : [n.operand];
      return !operands.every(primitive) || operands.some(runs);
    }
    if (ts.isElementAccessExpression(n)) {
      const type = ctx.checker.getTypeAtLocation(n.expression);
      return !(ctx.checker.isArrayType(type) || isTypedArrayType(ctx, type)) || runs(n.expression) || runs(n.argumentExpression);
    }
    const allowed = ts.isBlock(n) || ts.isExpressionStatement(n) || ts.isParenthesizedExpression(n) || ts.isVariableStatement(n) ||
      ts.isVariableDeclarationList(n) || ts.isVariableDeclaration(n) || ts.isIfStatement(n);
    return !allowed || (ts.forEachChild(n, (c) => (runs(c) ? true : undefined)) ?? false);
  };
  if (ts.isForOfStatement(holder) || ts.isForInStatement(holder)) return runs(holder.statement);
  // `xs.forEach(cb)`: holder is the member access; `Array.from(xs, mapper)`: holder is the call.
  const call = ts.isPropertyAccessExpression(holder) ? holder.parent : holder;
  if (!ts.isCallExpression(call)) return true;
  return call.arguments.some((arg) => arg !== live && (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg) ? runs(arg.body) : !ts.isLiteralExpression(arg)));
}

/** The path's variable is declared inside the function (the function made it, nobody iterates it from outside). */
function madeIn(path: ObjectPath, fn: ts.Node): boolean {
  for (let n = path.symbol.valueDeclaration?.parent; n; n = n.parent) if (n === fn) return true;
  return false;
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

/** The expressions a value may be: each branch of `c ? a : b`, `a ?? b`, `a || b`, `a && b`, the last of `(x, y)`. */
function choices(t: typeof ts, expr: ts.Expression): ts.Expression[] {
  const inner = skipTransparent(t, expr);
  if (t.isConditionalExpression(inner)) return [...choices(t, inner.whenTrue), ...choices(t, inner.whenFalse)];
  if (t.isBinaryExpression(inner) && isChoice(t, inner.operatorToken.kind)) return [...choices(t, inner.left), ...choices(t, inner.right)];
  if (t.isBinaryExpression(inner) && inner.operatorToken.kind === t.SyntaxKind.CommaToken) return choices(t, inner.right);
  return [inner];
}

/** `s.values()` → `s`: the iterator reads its receiver at every step. */
function liveSource(t: typeof ts, expr: ts.Expression): ts.Expression {
  const inner = skipTransparent(t, expr);
  if (t.isCallExpression(inner) && inner.arguments.length === 0 && t.isPropertyAccessExpression(inner.expression) &&
    LIVE_ITERATORS.has(inner.expression.name.text)) return inner.expression.expression;
  return inner;
}

interface ObjectPath { readonly symbol: ts.Symbol; readonly group: readonly ts.Symbol[]; readonly depth: number }

/**
 * The variable an expression's object hangs from (through `[i]` steps, `.part`s, views, and names taken from such
 * paths: `const row = grid[0]`, `for (const l of lists)`), its alias group, and how many `[i]` steps down it is.
 */
function objectPath(facts: FileFacts, aliases: AliasGroups, expr: ts.Expression): ObjectPath | undefined {
  const { ts } = facts;
  let node = skipTransparent(ts, expr);
  let depth = 0;
  for (let names = 0; names < 16;) {
    if (ts.isElementAccessExpression(node)) { depth++; node = skipTransparent(ts, node.expression); continue; }
    if (ts.isPropertyAccessExpression(node)) { node = skipTransparent(ts, node.expression); continue; }
    const viewed = aliases.viewBase(node) ?? facts.returnedArgument(node);
    if (viewed) { node = skipTransparent(ts, viewed); continue; }
    // A name for (an element of) another path: go on from that path (aliases.ts's one notion of another name).
    const declaration = ts.isIdentifier(node) ? symbolOf(facts.ctx, node)?.valueDeclaration : undefined;
    const source = declaration && nameSource(facts.ctx, declaration);
    const from = source && skipTransparent(ts, source.expr);
    if (!from || !(ts.isIdentifier(from) || ts.isElementAccessExpression(from) || ts.isPropertyAccessExpression(from) ||
      aliases.viewBase(from) || facts.returnedArgument(from))) break;
    if (source!.element) depth++;
    node = from;
    names++;
  }
  const symbol = ts.isIdentifier(node) ? symbolOf(facts.ctx, node) : undefined;
  return symbol && { symbol, group: aliases.groupOf(symbol), depth };
}

/**
 * The two paths may start at one object: one alias group, or a parameter next to anything its function did not make
 * (the caller decides what a parameter is: `walk(b, b)`).
 */
function maySameObject(facts: FileFacts, a: ObjectPath, b: ObjectPath): boolean {
  if (a.group.includes(b.symbol)) return true;
  const parameterOf = (path: ObjectPath) => {
    const declaration = path.symbol.valueDeclaration;
    return declaration && facts.ts.isParameter(declaration) ? declaration.parent : undefined;
  };
  const fa = parameterOf(a), fb = parameterOf(b);
  const unrelated = (fa === undefined || madeIn(b, fa)) && (fb === undefined || madeIn(a, fb)) && (fa === undefined || fa !== fb);
  return !unrelated && mayShareType(facts, a.symbol, b.symbol);
}

/** Objects of these declared types can be one object: not an array next to a Float64Array, say. */
function mayShareType(facts: FileFacts, a: ts.Symbol, b: ts.Symbol): boolean {
  const { ts, ctx } = facts;
  const typeOf = (symbol: ts.Symbol) => ctx.checker.getTypeOfSymbol(symbol);
  const open = (type: ts.Type) => type.isUnion() || type.isIntersection() || (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive)) !== 0;
  const ta = typeOf(a), tb = typeOf(b);
  if (open(ta) || open(tb)) return true;
  const sa = ta.getSymbol(), sb = tb.getSymbol();
  return sa === undefined || sb === undefined || sa === sb;
}
