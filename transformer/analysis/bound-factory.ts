/**
 * One level of context for functions a factory makes (issue 16): the closure `_curry2(fn)` returns (`function f2(a, b)
 * { … return fn(a, b) }`) is analysed, for calls through a name it was made under (`var max = _curry2(function max(a,
 * b) {…})`), with the factory's parameter `fn` bound to the function that one factory call passed. A call of `fn`
 * there (`fn(a, b)`, `fn.call(this, a, b)`, `fn.apply(this, arguments)`: bound-calls.ts) then has the effects of that
 * function's own summary, parameter by parameter, where it was code of unknown effect (every argument written) unless
 * the passed function only read everything it is given.
 *
 * Sound because each factory call makes a new closure whose `fn` is that call's argument for good: a binding is made
 * only for a parameter the factory never assigns (nor through its own `arguments`), given a function of the program
 * the call's argument names for certain (functionOfExpression follows constant names only), and only for the closure
 * reached through the name that factory call made (factory-made.ts).
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { rootIdentifier, skipParens } from './expressions';
import { functionOfExpression, type FactoryCall } from './function-of-symbol';
import { argumentOf } from './param-effects';
import { contextOf } from './code-behind';
import { isWrittenName } from '../rewrite/syntax';

/** The function a factory parameter holds in the closure being analysed, with the factory calls it comes out of. */
export interface Binding {
  readonly fn: FunctionLike;
  readonly via: readonly FactoryCall[];
  /** The factory call and parameter it was bound at (where a plain judgement of the argument is made). */
  readonly made: FactoryCall;
  readonly param: ts.ParameterDeclaration;
}

/** Factory parameters (by declaration) bound for one made closure. */
export type Bindings = ReadonlyMap<ts.ParameterDeclaration, Binding>;

interface ChainNode { bindings?: Bindings; readonly next: Map<ts.Node, ChainNode> }
/** Bindings per chain of calls (the first call's node, then each later call's). */
const byChain = new WeakMap<ts.Node, ChainNode>();
/** The chain each Bindings was made for: a call inside a closure so bound extends it (call-bound.ts). */
const chains = new WeakMap<Bindings, readonly FactoryCall[]>();

/** The chain of calls `bindings` were made for. */
export const chainOf = (bindings: Bindings | undefined): readonly FactoryCall[] | undefined => bindings && chains.get(bindings);

function cached(via: readonly FactoryCall[]): ChainNode {
  let node: ChainNode | undefined = byChain.get(via[0].call);
  if (!node) { node = { next: new Map() }; byChain.set(via[0].call, node); }
  for (const made of via.slice(1)) {
    let next: ChainNode | undefined = node.next.get(made.call);
    if (!next) { next = { next: new Map() }; node.next.set(made.call, next); }
    node = next;
  }
  return node;
}

/**
 * The bindings of the factories of `via` (outermost first) for the closure they make: each parameter of a factory
 * given a function of the program at that call. A later factory call of the chain (`return _curry1(g)` in the first
 * factory) may pass a parameter of an earlier one, which holds what that was bound to.
 */
export function bindingsOf(ctx: AnalysisContext, via: readonly FactoryCall[]): Bindings {
  if (!via[0]) return new Map();
  const node = cached(via);
  if (node.bindings) return node.bindings;
  const { ts } = ctx;
  const bindings = new Map<ts.ParameterDeclaration, Binding>();
  for (const made of via) {
    const factory = made.factory;
    const args = made.call.arguments;
    for (const param of factory.parameters) {
      const index = argumentOf(factory, param);
      if (!fixedParameter(ctx, param) || args.slice(0, index + 1).some((a) => ts.isSpreadElement(a))) continue;
      const arg = args[index];
      if (!arg) continue;
      const value = skipParens(ts, arg);
      // (A name for a method, `helperCreateIterateHandle('some', …)` calling `obj[prop](iterate)`: keyed-methods.ts.)
      if (ts.isStringLiteralLike(value)) { keysOf(bindings).set(param, value.text); continue; }
      // (A parameter of an earlier factory of the chain, handed on: what it was bound to.)
      const earlier = ts.isIdentifier(value) ? symbolOf(ctx, value)?.valueDeclaration : undefined;
      const handed = earlier && ts.isParameter(earlier) ? bindings.get(earlier) : undefined;
      if (handed) { bindings.set(param, handed); continue; }
      if (earlier && ts.isParameter(earlier)) continue;
      // (`o.f` of some parameter `o`: whatever the caller's object holds, no one function.)
      const root = rootIdentifier(ts, value);
      const rootDeclaration = root && symbolOf(ctx, root)?.valueDeclaration;
      if (rootDeclaration && ts.isParameter(rootDeclaration)) continue;
      const passedVia: FactoryCall[] = [];
      const fn = functionOfExpression(contextOf(ctx, made.call), value, 0, passedVia);
      if (fn?.body && !ts.isMethodDeclaration(fn) && !ts.isConstructorDeclaration(fn)) bindings.set(param, { fn, via: passedVia, made, param });
    }
  }
  node.bindings = bindings;
  chains.set(bindings, via);
  return bindings;
}

const boundKeys = new WeakMap<Bindings, Map<ts.ParameterDeclaration, string>>();

function keysOf(bindings: Bindings): Map<ts.ParameterDeclaration, string> {
  let keys = boundKeys.get(bindings);
  if (!keys) { keys = new Map(); boundKeys.set(bindings, keys); }
  return keys;
}

/** Whether the factory calls bound a parameter to a string (a method's name), with no function bound. */
export const hasBoundKeys = (bindings: Bindings): boolean => (boundKeys.get(bindings)?.size ?? 0) > 0;

/** The string a factory parameter `expr` names was given at the factory call that made this closure (`'some'`), if any. */
export function boundKeyOf(ctx: AnalysisContext, bindings: Bindings | undefined, expr: ts.Expression): string | undefined {
  const keys = bindings && boundKeys.get(bindings);
  if (!keys || keys.size === 0) return undefined;
  const value = skipParens(ctx.ts, expr);
  const declaration = ctx.ts.isIdentifier(value) ? symbolOf(ctx, value)?.valueDeclaration : undefined;
  return declaration && ctx.ts.isParameter(declaration) ? keys.get(declaration) : undefined;
}

/**
 * A factory's parameter holds the call's argument for good: a plain name nothing in the factory assigns, nor its own
 * `arguments` (in sloppy mode `arguments[0] = g` replaces it). Only then does the factory call's argument tell what a
 * made closure calls through it (`if (c) fn = writer` made a reading argument pass for the closure's callee).
 */
export function fixedParameter(ctx: AnalysisContext, param: ts.ParameterDeclaration): boolean {
  const { ts } = ctx;
  const factory = param.parent as FunctionLike;
  if (!factory.body || param.dotDotDotToken || !ts.isIdentifier(param.name) || argumentOf(factory, param) < 0) return false;
  let known = fixed.get(param);
  if (known === undefined) {
    known = !usesOwnArguments(ctx, factory) && !assigned(ctx, factory, param);
    fixed.set(param, known);
  }
  return known;
}

const fixed = new WeakMap<ts.Node, boolean>();

/** The binding of the factory parameter `expr` names, if any. */
export function boundOf(ctx: AnalysisContext, bindings: Bindings | undefined, expr: ts.Expression): Binding | undefined {
  if (!bindings || bindings.size === 0) return undefined;
  const { ts } = ctx;
  const value = skipParens(ts, expr);
  if (!ts.isIdentifier(value)) return undefined;
  const declaration = symbolOf(ctx, value)?.valueDeclaration;
  return declaration && ts.isParameter(declaration) ? bindings.get(declaration) : undefined;
}

/** Whether the body assigns to the parameter anywhere (destructuring and updates included, erring towards yes). */
function assigned(ctx: AnalysisContext, fn: FunctionLike, param: ts.ParameterDeclaration): boolean {
  const { ts } = ctx;
  const symbol = symbolOf(ctx, param.name);
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node !== param.name && symbolOf(ctx, node) === symbol && isWrittenName(ts, node)) { found = true; return; }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}


/** The factory mentions its own `arguments` (or `eval`): in sloppy mode `arguments[0] = g` reassigns its first parameter. */
function usesOwnArguments(ctx: AnalysisContext, fn: FunctionLike): boolean {
  const { ts } = ctx;
  const visit = (node: ts.Node): boolean => {
    // (A nested non-arrow function has its own `arguments`; `eval` anywhere could reach ours.)
    if (node !== (fn as ts.Node) && (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node) ||
      ts.isAccessor(node) || ts.isConstructorDeclaration(node))) return ts.forEachChild(node, (c) => mentionsEval(c) || undefined) ?? false;
    if (ts.isIdentifier(node) && (node.text === 'arguments' || node.text === 'eval')) return true;
    return ts.forEachChild(node, (c) => visit(c) || undefined) ?? false;
  };
  const mentionsEval = (node: ts.Node): boolean => (ts.isIdentifier(node) && node.text === 'eval') || (ts.forEachChild(node, (c) => mentionsEval(c) || undefined) ?? false);
  return fn.body ? visit(fn.body) : false;
}
