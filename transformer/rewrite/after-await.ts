/**
 * An async task that uses an object parameter after an `await`. In plain code the function stops at its first
 * `await` and the caller goes on: what the caller (or a `.then` callback, a timer) writes into the object meanwhile
 * is what the rest of the function reads, and what the function writes after the `await` reaches the caller only
 * then. A task gets its arguments as they were at the call and its writes come back when it ends: both differ
 * (tester: `asum(a).then(…)` summed the array as it was at the call, the plain program the array a `.then` callback
 * had filled meanwhile). Such a call stays direct.
 *
 * Conservative and syntactic: a reference to the parameter after the first `await` (or `for await`) of the body in
 * the text, inside a loop that holds an `await`, or inside a nested function (it may run later); and a reference
 * before it that hands the object on (`const b = a`, `f(a)`), whose other name may be used afterwards.
 */
import type * as ts from 'typescript';
import { isFunctionLike, symbolOf, type AnalysisContext } from '../analysis/context';
import { enclosingFunction } from '../analysis/discover';
import type { FileFacts } from './file-facts';
import { isSynchronousCallback, withWrappers } from './syntax';
import { isLibrary } from './library-uses';

/** Why `fn`'s parameter `index` is used after an `await` (a snippet of the use), or undefined. */
export function usedAfterAwait(ctx: AnalysisContext, fn: ts.SignatureDeclaration, index: number): string | undefined {
  const { ts } = ctx;
  const body = (fn as ts.FunctionLikeDeclaration).body;
  const param = fn.parameters[index];
  if (!body || !param || !ts.isIdentifier(param.name) || (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) === 0) return undefined;
  const symbol = symbolOf(ctx, param.name);
  const awaits: ts.Node[] = [];
  const refs: ts.Identifier[] = [];
  const visit = (node: ts.Node, nested: boolean): void => {
    if (!nested && (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier))) awaits.push(node);
    if (ts.isIdentifier(node) && node !== param.name && symbol && symbolOf(ctx, node) === symbol) refs.push(node);
    ts.forEachChild(node, (child) => visit(child, nested || isFunctionLike(ctx, child)));
  };
  visit(body, false);
  if (awaits.length === 0) return undefined;
  const firstAwait = Math.min(...awaits.map((a) => a.getStart()));
  for (const ref of refs) {
    if (ref.getStart() > firstAwait || insideFunction(ctx, ref, body) || inLoopWithAwait(ts, ref, body, awaits) || handedOn(ts, ref)) {
      return (ref.parent ?? ref).getText().slice(0, 60);
    }
  }
  return undefined;
}

function insideFunction(ctx: AnalysisContext, ref: ts.Node, body: ts.Node): boolean {
  for (let n = ref.parent; n && n !== body; n = n.parent) if (isFunctionLike(ctx, n)) return true;
  return false;
}

function inLoopWithAwait(ts: typeof import('typescript'), ref: ts.Node, body: ts.Node, awaits: readonly ts.Node[]): boolean {
  for (let n = ref.parent; n && n !== body; n = n.parent) {
    if (ts.isIterationStatement(n, false) && awaits.some((a) => a.getStart() >= n.getStart() && a.getEnd() <= n.getEnd())) return true;
  }
  return false;
}

/** A use that is not a look inside the object (`a[i]`, `a.length`, `a.fill(0)`): the object gets another name. */
function handedOn(ts: typeof import('typescript'), ref: ts.Node): boolean {
  const parent = ref.parent;
  if ((ts.isElementAccessExpression(parent) || ts.isPropertyAccessExpression(parent)) && parent.expression === ref) return false;
  if (ts.isForOfStatement(parent) && parent.expression === ref) return false;
  return true;
}

/**
 * `await asum(m)` where m is a local of the awaiting function that no other function names and the plan follows:
 * while the task waits, the caller is suspended and nothing else can reach m, so reading it after an `await` sees
 * what it saw at the call. So too an element of an array literal of fresh objects mapped and awaited together (a
 * fresh argument itself needs no await: call-blockers.ts).
 */
export function awaitedOnItsOwn(facts: FileFacts, isFollowable: (symbol: ts.Symbol) => boolean, call: ts.CallExpression, arg: ts.Expression,
  isFresh: (expr: ts.Expression) => boolean): boolean {
  const { ctx } = facts;
  const { ts } = ctx;
  const mapped = mappedAndAwaited(ts, call);
  if (!ts.isAwaitExpression(withWrappers(ts, call).parent) && !mapped) return false;
  // `await score(docs[0])`, or through the mapped callback's parameter: the array the elements come from.
  let root: ts.Expression = arg;
  while (ts.isElementAccessExpression(root) || ts.isPropertyAccessExpression(root) || ts.isParenthesizedExpression(root) || ts.isNonNullExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root)) return false;
  let symbol = symbolOf(ctx, root);
  const element = mapped !== undefined && symbol?.valueDeclaration === mapped.parameter;
  if (element) {
    let receiver: ts.Expression = mapped.receiver;
    while (ts.isParenthesizedExpression(receiver) || ts.isNonNullExpression(receiver)) receiver = receiver.expression;
    // `[[1, 2], [3, 4]].map((xs) => total(xs))`: elements made right there, which no other code can reach.
    if (ts.isArrayLiteralExpression(receiver) && receiver.elements.every((e) => !ts.isSpreadElement(e) && isFresh(e))) return true;
    symbol = ts.isIdentifier(receiver) ? symbolOf(ctx, receiver) : undefined;
  }
  // (Another argument of the mapped call, `score(c, keys)`, is judged as one of an awaited call.)
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !ts.isVariableDeclaration(declaration) || (!isFollowable(symbol) && root === arg && !element)) return false;
  const refs = facts.references(symbol);
  const home = enclosingFunction(ctx, declaration) ?? soleRunner(facts, declaration, refs);
  return home !== undefined && refs.every((ref) => ref === declaration.name || runsIn(facts, ref) === home);
}

/**
 * `const recs = [...]` at the top of a module, not exported, all of whose references run in one function called once
 * (`async function main() { … }  main()`): while that function waits, no other code can reach it, as for its own local.
 */
function soleRunner(facts: FileFacts, declaration: ts.VariableDeclaration, refs: readonly ts.Identifier[]): ts.Node | undefined {
  const { ctx } = facts;
  const { ts } = ctx;
  const statement = declaration.parent.parent;
  if (!ts.isVariableStatement(statement) || !ts.isSourceFile(statement.parent) ||
    statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return undefined;
  const runners = new Set(refs.filter((ref) => ref !== declaration.name).map((ref) => runsIn(facts, ref)));
  const [runner] = runners;
  // (Not exported: another module could call it again while it waits.)
  if (runners.size !== 1 || !runner || !ts.isFunctionDeclaration(runner) || !runner.name ||
    ts.getCombinedModifierFlags(runner) & ts.ModifierFlags.Export) return undefined;
  // Called once: by name, in one statement of the module's top level, not in a loop; named nowhere else.
  const fnSymbol = symbolOf(ctx, runner.name);
  const calls = fnSymbol ? facts.references(fnSymbol).filter((ref) => ref !== runner.name) : [];
  if (calls.length !== 1) return undefined;
  const call = withWrappers(ts, calls[0]!).parent;
  if (!ts.isCallExpression(call) || withWrappers(ts, call.expression) !== withWrappers(ts, calls[0]!)) return undefined;
  for (let n: ts.Node = call; !ts.isSourceFile(n); n = n.parent) {
    if (isFunctionLike(ctx, n) || ts.isIterationStatement(n, false)) return undefined;
  }
  return runner;
}

/**
 * The function a reference runs in when its code runs: its enclosing function, or, for a callback an array method of
 * the library calls at once (`docs.map((_, i) => counts[i].size)`), the function making that call: such a callback
 * cannot run while its caller awaits.
 */
function runsIn(facts: FileFacts, ref: ts.Node): ts.Node | undefined {
  const { ctx } = facts;
  const { ts } = ctx;
  let fn = enclosingFunction(ctx, ref);
  // (The library's own method, not a program's object with a `map` that keeps the callback for later.)
  while (fn && isSynchronousCallback(ts, fn) && isLibrary(ctx, (fn.parent as ts.CallExpression).expression)) fn = enclosingFunction(ctx, fn.parent);
  return fn;
}

/**
 * `await Promise.all(docs.map((d) => score(d)))` (or `allSettled`, a block body returning the call): the caller waits
 * for every mapped call before it goes on, as it waits for `await score(d)`. The callback's parameter and the array.
 */
function mappedAndAwaited(t: typeof ts, call: ts.CallExpression): { parameter: ts.ParameterDeclaration; receiver: ts.Expression } | undefined {
  let at: ts.Node = withWrappers(t, call);
  if (t.isReturnStatement(at.parent) && t.isBlock(at.parent.parent) && at.parent.parent.statements.length === 1) at = at.parent.parent;
  const callback = at.parent;
  if (!callback || !(t.isArrowFunction(callback) || t.isFunctionExpression(callback)) || callback.body !== at || callback.parameters.length !== 1) return undefined;
  const map = callback.parent;
  if (!t.isCallExpression(map) || map.arguments.length !== 1 || !t.isPropertyAccessExpression(map.expression) || map.expression.name.text !== 'map') return undefined;
  const all = withWrappers(t, map).parent;
  if (!t.isCallExpression(all) || !t.isPropertyAccessExpression(all.expression) || all.expression.expression.getText() !== 'Promise' ||
    !['all', 'allSettled'].includes(all.expression.name.text) || !t.isAwaitExpression(withWrappers(t, all).parent)) return undefined;
  return { parameter: callback.parameters[0], receiver: map.expression.expression };
}
