/**
 * Per-position discharge of a factory's callback parameter (issue 16, ramda's `var clone = _curry1(function clone(value)
 * { … value.clone() … })`). The closure a factory makes (`function f1(a) { … return fn.apply(this, arguments) }`) was
 * analysed taking `fn` to only read what it is given; the factory call passes a function P that only reads under
 * assumptions of its own (its parameter `value` holds only reading methods: callbacks.ts), so P as a whole does not
 * only read, and every call through the made function got the general summary (`a` written by unknown code).
 *
 * When every call of `fn` in the made closure hands it the closure's own parameters at their own positions
 * (`fn.apply(this, arguments)`, `fn.call(this, a, b)`, `fn(a, b)`, also in a function nested in it), P's parameter k is
 * given nothing but what the closure's caller passed at k: P's assumption on it becomes the same assumption on the
 * closure's parameter k, which the call through the made function discharges with its own argument k (or the oracle,
 * judging the export, with the parameter's absence of a default). Anything else done with `fn` (handed on, stored,
 * called with other values: ramda's `_curry2` partial application `fn(a, _b)`, where `_b` comes from a later call
 * nothing here sees) keeps the old rule: P must only read outright.
 *
 * The same holds for a callee's own callback parameter at a plain call (remeda's `purry2(impl, arguments.length, data,
 * fn)`, whose body calls `dataFirst(data, arg)`): there the callee is both the factory and the closure, and P's
 * parameter k gets whichever of the callee's own parameters every call passes at k, discharged by this call's
 * argument there (callbacks.ts).
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { contextOf } from './code-behind';
import { rootIdentifier, skipParens } from './expressions';
import { functionOfExpression, type FactoryCall } from './function-of-symbol';
import { BUILTIN_FIELD, defaultOnlyReads, enclosesOrIs, mayHoldFunctions, summaryOnlyReads } from './function-values';
import { iteratedReceiver } from './caller-iterators';
import { suppliedBy } from './supplied';
import { argumentOf, type SummaryLookup } from './param-effects';
import { handedBack, withinReturnedClosure } from './returned-closures';
import { fixedParameter } from './bound-factory';

/** Whether the made closure's own parameter holds only reading functions (in `field`), as its caller must show. */
export type OwnHolds = (param: ts.ParameterDeclaration, field: string) => boolean;

/**
 * Whether factory parameter `on` (assumed in `field` to hold only reading functions by `made`'s closure `target`)
 * is made good by the function the factory call passed, position by position: see the top of this file.
 */
export function dischargeForwarded(ctx: AnalysisContext, lookup: SummaryLookup, target: FunctionLike, made: FactoryCall,
  on: ts.ParameterDeclaration, field: string, ownHolds: OwnHolds, duringCall = false): boolean {
  const { ts } = ctx;
  if (field !== '' || on.dotDotDotToken || (on.parent as ts.Node) !== made.factory || !fixedParameter(ctx, on)) return false;
  const arg = made.call.arguments[argumentOf(made.factory, on)];
  if (!arg || ts.isSpreadElement(arg)) return false;
  const passed = functionOfExpression(contextOf(ctx, made.call), arg, 0);
  if (!passed?.body) return false;
  const reading = lookup(passed, true);
  if (!reading || !summaryOnlyReads(reading)) return false;
  const assumes = [...reading.assumes ?? []];
  if (assumes.length === 0) return true;
  const forwards = cached(duringCall ? forwardingsDuringCall : forwardings, on, target,
    () => forwardedParams(contextOf(ctx, target), made.factory, on, target, duringCall));
  if (!forwards) return false;
  return assumes.every(([assumed, fields]) => {
    // (Only on P's own parameters: one on `this` or on a function enclosing P is nothing the closure's caller gives.)
    if (!ts.isParameter(assumed) || (assumed.parent as ts.Node) !== passed || assumed.dotDotDotToken) return false;
    // P's default runs when the closure's caller passes nothing there: it must only read as it is.
    if (assumed.initializer && !defaultOnlyReads(contextOf(ctx, assumed), assumed.initializer, lookup)) return false;
    const own = forwards(argumentOf(passed, assumed));
    if (own === undefined) return false;
    // (An iterator of the closure's parameter: that parameter must be data without functions, caller-iterators.ts.)
    if (typeof own === 'object' && 'iterated' in own) return ownHolds(own.iterated, BUILTIN_FIELD);
    return own === 'nothing' || [...fields].every((f) => ownHolds(own, f));
  });
}

/** Callback parameters being discharged position by position at a plain call (dischargeAtCall). */
const forwarding = new Set<ts.Node>();

/**
 * A callee's own callback parameter `on` gets, at this plain call, a function of the program that only reads under
 * assumptions on its own parameters, and the callee hands it only its own parameters: each assumption is then one on
 * what this call passes there (`ownHolds`). (Each parameter once on the way: `f(g, h)` where g is handed h and h g.)
 */
export function dischargeAtCall(ctx: AnalysisContext, lookup: SummaryLookup, call: ts.CallExpression, target: FunctionLike,
  on: ts.ParameterDeclaration, field: string, ownHolds: OwnHolds, duringCall: boolean): boolean {
  if (on.dotDotDotToken || forwarding.has(on)) return false;
  forwarding.add(on);
  try { return dischargeForwarded(ctx, lookup, target, { call, factory: target }, on, field, ownHolds, duringCall); } finally { forwarding.delete(on); }
}

// Syntactic walks asked again at every call through the same function: done once per (parameter, function).
const forwardings = new WeakMap<ts.Node, Map<ts.Node, ((k: number) => Forwarded) | undefined>>();
const forwardingsDuringCall = new WeakMap<ts.Node, Map<ts.Node, ((k: number) => Forwarded) | undefined>>();
const parameterCalls = new WeakMap<ts.Node, Map<ts.Node, (readonly ts.Expression[])[] | undefined>>();

function cached<T>(cache: WeakMap<ts.Node, Map<ts.Node, T>>, key: ts.Node, fn: ts.Node, compute: () => T): T {
  let byFunction = cache.get(key);
  if (!byFunction) { byFunction = new Map(); cache.set(key, byFunction); }
  if (!byFunction.has(fn)) byFunction.set(fn, compute());
  return byFunction.get(fn)!;
}

/** Defaults being judged (`a = f` forwarding to `b = g` forwarding to `a`): judged again, they do not hold. */
const judging = new Set<ts.Node>();

/**
 * A parameter's default that only reads under assumptions on its own parameters (@thi.ng/arrays' `endsWith(buf,
 * needle, equiv = _eq)`, where `_eq(a, b)` calls `a.equiv(b)`: a method of what it is given), when the caller passes
 * nothing there: every call of the parameter in its function hands the default only parts of that function's other
 * parameters (`equiv(buf[i], needle[j])`) or values that cannot hold a function (`cmp(key(x), 0)` numbers), so the
 * default's assumption on its parameter k becomes the same assumption on what is passed there, the whole of the
 * parameter it comes from, which the caller discharges with its own argument (`ownHolds`). The parameter used any
 * other way (handed on, stored, reassigned) keeps the old rule: the default must only read outright.
 */
export function defaultForwarded(ctx: AnalysisContext, lookup: SummaryLookup, target: FunctionLike, param: ts.ParameterDeclaration,
  ownHolds: OwnHolds): boolean {
  const { ts } = ctx;
  if (!param.initializer || !ts.isIdentifier(param.name) || param.dotDotDotToken || judging.has(param)) return false;
  const owner = contextOf(ctx, param);
  const passed = functionOfExpression(owner, param.initializer, 0);
  if (!passed?.body) return false;
  const reading = lookup(passed, true);
  if (!reading || !summaryOnlyReads(reading)) return false;
  const assumes = [...reading.assumes ?? []];
  if (assumes.length === 0) return true;
  const calls = cached(parameterCalls, param, target, () => callsOfParameter(owner, target, param));
  if (!calls) return false;
  judging.add(param);
  try {
    return assumes.every(([assumed]) => {
      if (!ts.isParameter(assumed) || (assumed.parent as ts.Node) !== passed || assumed.dotDotDotToken) return false;
      if (assumed.initializer && !defaultOnlyReads(contextOf(ctx, assumed), assumed.initializer, lookup)) return false;
      const k = argumentOf(passed, assumed);
      return calls.every((args) => {
        if (args.slice(0, k + 1).some((a) => ts.isSpreadElement(a))) return false;
        const given = args[k];
        if (!given) return true;
        if (!mayHoldFunctions(owner, owner.checker.getTypeAtLocation(given), 2)) return true;
        const root = rootIdentifier(ts, skipParens(ts, given));
        const from = root && suppliedBy(owner, target, root);
        // (Only the function's own parameters: one of a function enclosing it is nothing this call site gives.)
        return from !== undefined && (from.param.parent as ts.Node) === target && from.param !== param && ownHolds(from.param, '');
      });
    });
  } finally { judging.delete(param); }
}

/** The argument lists of every call of `param` in `target` (nested functions included); undefined if it is used otherwise. */
export function callsOfParameter(ctx: AnalysisContext, target: FunctionLike, param: ts.ParameterDeclaration): (readonly ts.Expression[])[] | undefined {
  const { ts } = ctx;
  const symbol = symbolOf(ctx, param.name);
  const calls: (readonly ts.Expression[])[] = [];
  let other = false;
  const visit = (node: ts.Node): void => {
    if (other) return;
    if (ts.isIdentifier(node) && node !== param.name && symbolOf(ctx, node) === symbol) {
      const use = upward(ts, node);
      if (ts.isCallExpression(use.parent) && use.parent.expression === use) calls.push(use.parent.arguments);
      else other = true;
    }
    ts.forEachChild(node, visit);
  };
  if (target.body) visit(target.body);
  return other ? undefined : calls;
}

/** `iterated`: what is passed is an iterator the parameter hands out (ramda's `iterableReduce(xf, acc, list[symIterator]())`). */
type Forwarded = ts.ParameterDeclaration | { readonly iterated: ts.ParameterDeclaration } | 'nothing' | undefined;

/**
 * For position k, the closure's own parameter every call of `fn` passes there ('nothing': no call passes anything
 * at k), or undefined when some call passes something else; undefined for the whole when `fn` is used other than by
 * such calls and reads of `fn.length`. `duringCall`: calls in closures `target` only hands back are left out (they
 * run when the caller calls what it got: `_curry2`'s `_curry1((_b) => fn(a, _b))`; returned-closures.ts), and so is
 * `fn` itself handed back (remeda's `purry1`: `n >= 1 ? dataFirst(data) : dataFirst`): what calling it later does is
 * the business of whoever calls the result, which is unknown code to it.
 */
function forwardedParams(ctx: AnalysisContext, factory: FunctionLike, fn: ts.ParameterDeclaration, target: FunctionLike,
  duringCall: boolean): ((k: number) => Forwarded) | undefined {
  const { ts } = ctx;
  if (!ts.isIdentifier(fn.name) || !factory.body) return undefined;
  const symbol = symbolOf(ctx, fn.name);
  const calls: (readonly ts.Expression[] | 'arguments')[] = [];
  let other = false;
  const visit = (node: ts.Node): void => {
    if (other) return;
    if (ts.isIdentifier(node) && node !== fn.name && symbolOf(ctx, node) === symbol &&
      !(duringCall && enclosesOrIs(target, node) && (withinReturnedClosure(ctx, target, node) || handedBack(ctx, target, node)))) {
      const use = upward(ts, node);
      const parent = use.parent;
      if (ts.isCallExpression(parent) && parent.expression === use && enclosesOrIs(target, parent)) calls.push(parent.arguments);
      else if (ts.isPropertyAccessExpression(parent) && parent.expression === use && parent.name.text === 'length' && !isWritten(ts, parent)) { /* a read */ }
      else if (ts.isPropertyAccessExpression(parent) && parent.expression === use && ts.isCallExpression(upward(ts, parent).parent) &&
        (upward(ts, parent).parent as ts.CallExpression).expression === upward(ts, parent) && enclosesOrIs(target, parent)) {
        const call = upward(ts, parent).parent as ts.CallExpression;
        if (parent.name.text === 'call') calls.push(call.arguments.slice(1));
        else if (parent.name.text === 'apply' && ownArguments(ctx, call.arguments[1], target)) calls.push('arguments');
        else other = true;
      } else other = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(factory.body);
  if (other) return undefined;
  const usable = (own: ts.ParameterDeclaration | undefined): ts.ParameterDeclaration | undefined =>
    own && (own.parent as ts.Node) === target && own !== fn && !own.dotDotDotToken && ts.isIdentifier(own.name) && !reassigned(ctx, target, own) ? own : undefined;
  return (k) => {
    let found: Forwarded = 'nothing';
    for (const args of calls) {
      // `fn.apply(this, arguments)` in the closure itself: argument k is the caller's argument k.
      let own: ts.ParameterDeclaration | { readonly iterated: ts.ParameterDeclaration } | undefined;
      if (args === 'arguments') own = usable(target.parameters[k]);
      else {
        if (args.slice(0, k + 1).some((a) => ts.isSpreadElement(a))) return undefined;
        const given = args[k];
        if (!given) continue;
        // Any own parameter of the closure at any position (remeda's `purry2(dataFirst, n, data, arg)` calls
        // `dataFirst(data, arg)`): the caller's argument there is what P gets at k.
        const value = skipParens(ts, given);
        const receiver = iteratedReceiver(ctx, value);
        const named = ts.isIdentifier(value) ? value : receiver;
        const declaration = named ? symbolOf(ctx, named)?.valueDeclaration : undefined;
        const param = declaration && ts.isParameter(declaration) ? usable(declaration) : undefined;
        own = param && receiver ? { iterated: param } : param;
      }
      if (!own || (found !== 'nothing' && !sameForwarded(found, own))) return undefined;
      found = own;
    }
    return found;
  };
}

const sameForwarded = (a: Forwarded, b: Forwarded): boolean => a === b ||
  (typeof a === 'object' && typeof b === 'object' && 'iterated' in a && 'iterated' in b && a.iterated === b.iterated);

/** `arguments` of `target` itself (not of a function nested in it: an arrow has none of its own). */
function ownArguments(ctx: AnalysisContext, expr: ts.Expression | undefined, target: FunctionLike): boolean {
  const { ts } = ctx;
  if (!expr || ts.isArrowFunction(target)) return false;
  const value = skipParens(ts, expr);
  if (!ts.isIdentifier(value) || value.text !== 'arguments' || symbolOf(ctx, value)?.valueDeclaration) return false;
  let scope: ts.Node = value.parent;
  while (!ts.isFunctionLike(scope) || ts.isArrowFunction(scope)) scope = scope.parent;
  return scope === (target as ts.Node);
}

/** Whether the closure assigns to its parameter anywhere (then a later call of `fn` may pass something else). */
function reassigned(ctx: AnalysisContext, target: FunctionLike, param: ts.ParameterDeclaration): boolean {
  const { ts } = ctx;
  const symbol = symbolOf(ctx, param.name);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node !== param.name && symbolOf(ctx, node) === symbol && isWritten(ts, node)) { found = true; return; }
    // (`arguments[0] = x` in a sloppy-mode function changes the parameter too: only `arguments.length` and handing
    // `arguments` to `fn.apply` are taken to leave it alone.)
    if (ts.isIdentifier(node) && node.text === 'arguments' && !symbolOf(ctx, node)?.valueDeclaration && !quietArguments(ts, node)) { found = true; return; }
    ts.forEachChild(node, visit);
  };
  if (target.body) visit(target.body);
  return found;
}

/** `arguments.length` read, or `arguments` handed to `….apply(thisArg, arguments)`. */
function quietArguments(t: typeof ts, node: ts.Identifier): boolean {
  const use = upward(t, node);
  const parent = use.parent;
  if (t.isPropertyAccessExpression(parent) && parent.expression === use) return parent.name.text === 'length' && !isWritten(t, parent);
  if (!t.isCallExpression(parent) || parent.arguments[1] !== use) return false;
  const callee = skipParens(t, parent.expression);
  return t.isPropertyAccessExpression(callee) && callee.name.text === 'apply';
}

/** The expression is assigned to, updated, or a destructuring target (erring towards yes). */
function isWritten(t: typeof ts, node: ts.Node): boolean {
  const use = upward(t, node);
  const parent = use.parent;
  if (t.isBinaryExpression(parent) && parent.left === use && parent.operatorToken.kind >= t.SyntaxKind.FirstAssignment &&
    parent.operatorToken.kind <= t.SyntaxKind.LastAssignment) return true;
  if ((t.isPrefixUnaryExpression(parent) || t.isPostfixUnaryExpression(parent)) &&
    (parent.operator === t.SyntaxKind.PlusPlusToken || parent.operator === t.SyntaxKind.MinusMinusToken)) return true;
  if (t.isDeleteExpression(parent)) return true;
  return t.isArrayLiteralExpression(parent) || t.isShorthandPropertyAssignment(parent) || t.isPropertyAssignment(parent) ||
    t.isSpreadElement(parent) || t.isSpreadAssignment(parent) || ((t.isForOfStatement(parent) || t.isForInStatement(parent)) && parent.initializer === use);
}

/** The outermost parenthesized expression around `node`. */
function upward(t: typeof ts, node: ts.Node): ts.Node {
  while (t.isParenthesizedExpression(node.parent)) node = node.parent;
  return node;
}
