/**
 * Functions made by factories: `var isArrayLike = createSizePropertyCheck(getLength)` (underscore), `var add =
 * _curry2(function add(a, b) { … })` (ramda), `export default tagTester('Array')`. The made function is the closure the
 * factory returns, and what it does with the factory's parameters (`getSizeProperty(collection)`, `fn(a, b)`) depends
 * on what that one factory call passed. Its reading-callbacks summary takes such a parameter to hold only reading
 * functions (an assumption on a parameter of an enclosing function: callbacks.ts); a call through the made function's
 * name discharges it with the factory call's argument, judged by its own summary (it is not written in the caller's
 * body, so it is not analysed with it). Without this, every call through such a name was code writing what it is
 * given: a caller cannot see the factory call behind a name, and nothing else discharges an enclosing function's
 * parameter.
 *
 * Sound because each factory call makes a new closure bound to its own arguments, and the name is a constant (a
 * `var` nothing reassigns, an export, an import of one: function-of-symbol.ts follows only those).
 */
import type * as ts from 'typescript';
import { calledFunction, isReassigned, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { alternatives, returnedExpressions, skipParens } from './expressions';
import { functionOfExpression, type FactoryCall } from './function-of-symbol';
import { summaryOnlyReads } from './function-values';
import type { SummaryLookup } from './param-effects';
import { fixedParameter } from './bound-factory';

/** What judging a made function needs of the analysis asking: callbacks.ts's Callbacks. */
export interface Discharger {
  readonly ctx: AnalysisContext;
  readonly lookup: SummaryLookup;
  /** Whether `call` makes good `target`'s assumption on `on` (see Callbacks.discharge). */
  discharge(call: ts.CallExpression, target: FunctionLike, on: ts.Node, field: string, inherited: [ts.Node, string][], inline: boolean): boolean;
  assume(on: ts.Node, field: string): void;
  /** Who judges the arguments of a factory call (in the program that call belongs to). */
  atFactory(made: FactoryCall): Discharger;
  /** A judge of values inside `factory`, taking its parameters to hold only readers and recording that in `assumed`. */
  inside(factory: FunctionLike): Discharger & ReaderInside;
}

/** What `Discharger.inside` gives: whether a value there only reads, and what that took of the factory's parameters. */
export interface ReaderInside {
  onlyReads(value: ts.Expression): boolean;
  readonly assumed: ReadonlyMap<ts.Node, ReadonlySet<string>>;
}

const chains = new WeakMap<ts.Node, { fn: FunctionLike | undefined; via: readonly FactoryCall[] }>();

/** The function a name stands for, with the factory calls it comes out of (cached per name). */
function madeFunction(ctx: AnalysisContext, name: ts.Expression): { fn: FunctionLike | undefined; via: readonly FactoryCall[] } {
  let known = chains.get(name);
  if (!known) {
    const via: FactoryCall[] = [];
    known = { fn: functionOfExpression(ctx, name, 0, via), via };
    chains.set(name, known);
  }
  return known;
}

/**
 * The factory calls the function a call runs comes out of, outermost first (`_curry2(_dispatchable(…, fn))`: the
 * `_curry2` call, whose returned closure is `target`), when the callee names `target` through them: one chain, or one
 * per choice of a constant that makes `target` (chosenFactoryCalls); none otherwise.
 */
export function factoryCallsOf(ctx: AnalysisContext, callee: ts.Expression, target: FunctionLike): readonly (readonly FactoryCall[])[] {
  const { ts } = ctx;
  callee = skipParens(ts, callee);
  // `each(f)(list)`: the factory call written as the callee (callee-names.ts), bound to its own arguments.
  if (ts.isCallExpression(callee)) {
    const via: FactoryCall[] = [];
    return functionOfExpression(ctx, callee, 0, via) === target && via.length > 0 ? [via] : [];
  }
  if (!ts.isIdentifier(callee) && !ts.isPropertyAccessExpression(callee)) return [];
  const made = madeFunction(ctx, callee);
  return made.fn === target ? (made.via.length > 0 ? [made.via] : []) : chosenFactoryCalls(ctx, callee, target);
}

/**
 * A constant holding one of a few functions, made by factory calls (lodash's `var isTypedArray = nodeIsTypedArray ?
 * baseUnary(nodeIsTypedArray) : baseIsTypedArray`; ramda's `var keys = … ? _curry1(function keys(obj) {…}) :
 * _curry1(function keys(obj) {…})`, two closures of one factory): the factory calls of each choice that makes
 * `target`. Which of them the constant holds is not known, so a caller must make good an assumption with every one.
 */
function chosenFactoryCalls(ctx: AnalysisContext, callee: ts.Expression, target: FunctionLike): readonly (readonly FactoryCall[])[] {
  const { ts } = ctx;
  const declaration = ts.isIdentifier(callee) ? symbolOf(ctx, callee)?.valueDeclaration : undefined;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer ||
    !((ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 || !isReassigned(ctx, declaration))) return [];
  const found: (readonly FactoryCall[])[] = [];
  for (const choice of alternatives(ts, declaration.initializer)) {
    const via: FactoryCall[] = [];
    if (ts.isCallExpression(skipParens(ts, choice)) && functionOfExpression(ctx, choice, 0, via) === target) found.push(via);
  }
  return found;
}

/** The factory call of `chain` that made a closure of `factory` (the function whose parameter was assumed). */
export const factoryCallOf = (chain: readonly FactoryCall[], factory: ts.Node): FactoryCall | undefined =>
  chain.find((made) => (made.factory as ts.Node) === factory);

/**
 * A function value that only reads what it is given, made by a factory: `compareDefined(f)` (every function the
 * factory may return), or a name for one (`getLength` where `var getLength = shallowProperty('length')`). Its
 * reading-callbacks summary only reads, under assumptions on the factory's parameters that the factory call's arguments
 * discharge. A function written in that call is judged by its summary, not analysed with the asking body as what the
 * made function is given: `xs.forEach(make((v) => { v.k = 1 }))` writes xs's elements through the made function.
 */
export function madeReader(d: Discharger, value: ts.Expression): boolean {
  const { ts } = d.ctx;
  const inherited: [ts.Node, string][] = [];
  let reads: boolean;
  if (ts.isCallExpression(value)) {
    const factory = calledFunction(d.ctx, value);
    if (!factory?.body || !ts.isBlock(factory.body) || ts.isMethodDeclaration(factory)) return false;
    // (Each value it may return: `typeof f == 'function' ? f : identity` hands back its own argument, which must read.)
    const made = returnedExpressions(ts, factory).flatMap((e) => alternatives(ts, e));
    reads = made.length > 0 && made.every((e) => {
      const own = ownParameter(d.ctx, factory, e);
      if (own) return d.discharge(value, factory, own, '', inherited, false);
      const fn = functionOfExpression(d.ctx, e, 1);
      return fn ? readsUnder(d, fn, [{ call: value, factory }], inherited) : madeInside(d, value, factory, e, inherited);
    });
  } else if (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value)) {
    const { fn, via } = madeFunction(d.ctx, value);
    reads = via.length > 0 && readsUnder(d, fn, via, inherited);
  } else return false;
  if (reads) for (const [on, field] of inherited) d.assume(on, field);
  return reads;
}

let insideDepth = 0;

/**
 * A value the factory returns that is no one function: another factory's result (lodash's `baseIteratee` returning
 * `baseMatches(value)`, `property(value)`, whose own returns are closures or further factory calls), a choice among
 * such. It reads when, judged inside the factory with the factory's parameters taken to hold only readers, it is a
 * reading function, and this call's arguments make good what that took of those parameters. (A few levels deep: a
 * factory returning its own call again ends there, as unknown.)
 */
function madeInside(d: Discharger, call: ts.CallExpression, factory: FunctionLike, e: ts.Expression, inherited: [ts.Node, string][]): boolean {
  const { ts } = d.ctx;
  // (Only another factory's call; and not in a factory that reassigns a parameter, whose later value the caller did
  // not give: the judge inside takes a parameter's name for what the call passed.)
  if (insideDepth >= 4 || !ts.isCallExpression(skipParens(ts, e)) ||
    factory.parameters.some((p) => !ts.isIdentifier(p.name) || assignsTo(d.ctx, factory, p.name))) return false;
  insideDepth++;
  try {
    const judge = d.inside(factory);
    if (!judge.onlyReads(e)) return false;
    for (const [on, fields] of judge.assumed) {
      if (!ts.isParameter(on) || on.parent !== (factory as ts.Node)) return false;
      for (const field of fields) if (!d.discharge(call, factory, on, field, inherited, false)) return false;
    }
    return true;
  } finally { insideDepth--; }
}

/** `e` names a parameter of `factory` that nothing in its body reassigns: the argument itself is what it returns. */
function ownParameter(ctx: AnalysisContext, factory: FunctionLike, e: ts.Expression): ts.ParameterDeclaration | undefined {
  const { ts } = ctx;
  const declaration = ts.isIdentifier(e) ? symbolOf(ctx, e)?.valueDeclaration : undefined;
  if (!declaration || !ts.isParameter(declaration) || declaration.parent !== (factory as ts.Node) || !ts.isIdentifier(declaration.name) ||
    declaration.dotDotDotToken || assignsTo(ctx, factory, declaration.name)) return undefined;
  return declaration;
}

/** Whether `fn`'s body assigns to the name (`iteratee = cb(iteratee)`): then it no longer holds the argument. */
function assignsTo(ctx: AnalysisContext, fn: FunctionLike, name: ts.Identifier): boolean {
  const { ts } = ctx;
  const symbol = symbolOf(ctx, name);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      mentions(node.left)) { found = true; return; }
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && mentions(node.operand)) { found = true; return; }
    ts.forEachChild(node, visit);
  };
  // (Conservative: any mention on the left of an assignment, destructuring included.)
  const mentions = (node: ts.Node): boolean => (ts.isIdentifier(node) && symbolOf(ctx, node) === symbol) || (ts.forEachChild(node, (c) => mentions(c) || undefined) ?? false);
  if (fn.body) visit(fn.body);
  return found;
}

/** `fn` only reads, under assumptions each on a parameter of a factory of `via` that its call there discharges. */
function readsUnder(d: Discharger, fn: FunctionLike | undefined, via: readonly FactoryCall[], inherited: [ts.Node, string][]): boolean {
  const reading = fn && d.lookup(fn, true);
  if (!reading || !summaryOnlyReads(reading)) return false;
  return [...reading.assumes ?? []].every(([on, fields]) => {
    const made = d.ctx.ts.isParameter(on) && fixedParameter(d.ctx, on) ? factoryCallOf(via, on.parent) : undefined;
    return made !== undefined && [...fields].every((field) => d.atFactory(made).discharge(made.call, made.factory, on, field, inherited, false));
  });
}
