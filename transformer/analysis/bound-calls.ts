/**
 * A call of a factory parameter bound to a known function (bound-factory.ts), in the made closure's bound summary:
 * `fn(a, b)`, `fn.call(this, a, b)`, `fn.apply(this, arguments)` run that function, and each argument suffers what its
 * summary says of the parameter it lands in (its reading-callbacks summary when what this call passes there makes
 * good what it assumed), as a call of the program's function does (program-calls.ts), where it was code of unknown
 * effect. `apply` with the closure's own `arguments` hands parameter k the closure's own parameter k.
 *
 * What the call's result may hold and whether it keeps an argument stay as for unknown code (reach.ts asks
 * call-effects.ts, which does not know the binding): erring towards holding and keeping.
 */
import type * as ts from 'typescript';
import { symbolOf, type FunctionLike } from './context';
import { skipParens } from './expressions';
import { boundOf } from './bound-factory';
import { THIS_FIELD } from './this-readers';
import { defaultOnlyReads, mayBeUndefined } from './function-values';
import { argumentOf, argumentParam, callerSeesLaterWrite, callerSeesWrite, type ParamEffects, type Summary } from './param-effects';
import { reasonAt, snippet } from './reason';
import { resultUse } from './returned-closures';
import { contextOf } from './code-behind';
import { isWriteTarget, isWrittenName } from '../rewrite/syntax';
import type { CallSite } from './program-calls';
import type { Params } from './reach-values';
import type { FactoryCall } from './function-of-symbol';

/** Argument position `k` of the bound function: an expression written at the call, or the closure's own parameter(s). */
interface Position {
  readonly k: number;
  readonly expr?: ts.Expression;
  /** (`apply(this, arguments)`) the closure's parameter there, when nothing else can be at k. */
  readonly own?: ts.ParameterDeclaration;
  readonly params: Params;
}

/** Handles `call` when it calls a bound factory parameter; false to leave it to the general rules. */
export function boundCall(h: CallSite, call: ts.CallExpression): boolean {
  const { ts } = h.ctx;
  const bindings = h.callbacks.bindings;
  if (!bindings || bindings.size === 0) return false;
  const callee = skipParens(ts, call.expression);
  let binding = boundOf(h.ctx, bindings, callee);
  let positions: Position[] | undefined;
  if (binding) positions = written(h, call.arguments);
  else if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply')) {
    binding = boundOf(h.ctx, bindings, callee.expression);
    const thisArg = call.arguments[0];
    // (A `this` holding one of our parameters: the bound function's effects on its `this` are not in its summary.)
    if (!binding || (thisArg && (ts.isSpreadElement(thisArg) || h.record.reached(thisArg).size > 0))) return false;
    positions = callee.name.text === 'call' ? written(h, call.arguments.slice(1)) : forwardedArguments(h, call.arguments[1]);
  }
  if (!binding || !positions) return false;
  const target = binding.fn;
  // What the factory call passed only reads whatever it is given (judged there, as the plain summary's assumption on
  // the factory parameter is: factory-made.ts): a reading callback's call.
  if (h.callbacks.boundReads(binding)) {
    for (const at of positions) {
      const node = at.expr ?? call;
      h.record.read(at.params, node, `read by \`${snippet(callee)}\``);
      h.record.toCallback(at.params, node, `passed to the callback \`${snippet(callee)}\`, whose result may be it`);
    }
    return true;
  }
  const use = resultUse(h.ctx, h.fn, call);
  const summary = summaryFor(h, target, binding.via, positions, use !== 'used');
  const name = target.name ? target.name.getText() : snippet(callee);
  for (const position of positions) apply(h, call, target, summary, position, positions, use, name);
  return true;
}

/** Arguments written at the call: none may be spread (then any could land anywhere). */
function written(h: CallSite, args: readonly ts.Expression[]): Position[] | undefined {
  const { ts } = h.ctx;
  if (args.some((a) => ts.isSpreadElement(a))) return undefined;
  return args.map((expr, k) => ({ k, expr, params: h.record.reached(expr) }));
}

/**
 * `fn.apply(this, arguments)` with the `arguments` of the closure being analysed: position k holds its parameter k
 * when nothing reassigns that (nor writes `arguments`); else anything the closure was given.
 */
function forwardedArguments(h: CallSite, expr: ts.Expression | undefined): Position[] | undefined {
  const { ts } = h.ctx;
  const value = expr && skipParens(ts, expr);
  if (!value || !ts.isIdentifier(value) || value.text !== 'arguments' || symbolOf(h.ctx, value)?.valueDeclaration) return undefined;
  let scope: ts.Node = value.parent;
  while (!ts.isFunctionLike(scope) || ts.isArrowFunction(scope)) scope = scope.parent;
  const owner = scope as FunctionLike;
  if (owner !== h.fn || owner.parameters.some((p) => p.dotDotDotToken)) return undefined;
  const all = h.record.reached(value);
  const quiet = !writesArguments(h, owner);
  return owner.parameters.map((own, k) => quiet && ts.isIdentifier(own.name) && !assignedIn(h, owner, own)
    ? { k, own, params: new Set([k]) } : { k, params: all });
}

/**
 * The bound function's reading-callbacks summary when what this call passes makes good every assumption it rests on
 * (each on its own parameters: a reader written or named here, or, under the same assumption, the closure's own
 * parameter), else its general one; both with its own factories bound in turn.
 */
function summaryFor(h: CallSite, target: FunctionLike, via: readonly FactoryCall[],
  positions: readonly Position[], duringCall: boolean): Summary | undefined {
  const { ts } = h.ctx;
  const general = (): Summary | undefined => h.lookup(target, false, via);
  const reading = h.lookup(target, true, via);
  const assumes = duringCall ? reading?.assumesDuringCall ?? reading?.assumes : reading?.assumes;
  if (!reading || !assumes) return general();
  const inherited: [ts.Node, string][] = [];
  for (const [on, fields] of assumes) {
    if (!ts.isParameter(on) || (on.parent as ts.Node) !== target || on.dotDotDotToken) return general();
    const k = argumentOf(target, on);
    const at = positions.find((p) => p.k === k);
    // (A default the `this`-assumption rests on: not judged here, this-readers.ts.)
    const defaultReads = (): boolean => !on.initializer || (!fields.has(THIS_FIELD) && defaultOnlyReads(contextOf(h.ctx, on), on.initializer, h.lookup));
    if (!at) { if (!defaultReads()) return general(); continue; }
    if (at.expr) {
      if (![...fields].every((f) => h.callbacks.holdsOnlyReaders(at.expr!, f))) return general();
      if (mayBeUndefined(h.ctx, at.expr) && !defaultReads()) return general();
    } else if (at.own && h.callbacks.readingCallbacks) {
      for (const f of fields) inherited.push([at.own, f]);
      if (!defaultReads()) return general();
    } else return general();
  }
  for (const [on, field] of inherited) h.callbacks.assume(on, field);
  return reading;
}

function apply(h: CallSite, call: ts.CallExpression, target: FunctionLike, summary: Summary | undefined, at: Position,
  all: readonly Position[], use: ReturnType<typeof resultUse>, name: string): void {
  const node = at.expr ?? call;
  if (at.params.size === 0) return;
  const index = argumentParam(target, at.k);
  const param = target.parameters[index];
  // Past the last parameter (not a rest one): only `arguments` could see it, as code of unknown effect.
  const lands = param !== undefined && (param.dotDotDotToken !== undefined || argumentOf(target, param) === at.k);
  if (!lands && !seesArguments(h, target)) return;
  const effect: ParamEffects | undefined = lands ? summary?.params[index] : undefined;
  if (!param || !effect) {
    h.record.assuming(() => h.record.write(at.params, node, `passed to \`${name}\`, whose parameters could not be matched`));
    h.record.escape(at.params, node, `passed to \`${name}\`, whose parameters could not be matched`);
    return;
  }
  const write = (text: string, deep: boolean): void => {
    if (at.expr) h.record.writeInto(at.expr, node, text, deep);
    else if (at.own) h.record.writeParams(at.params, node, text, deep);
    else h.record.write(at.params, node, text);
  };
  const later = callerSeesLaterWrite(param, effect);
  const now = callerSeesWrite(param, effect);
  const deep = effect.writtenDeep !== undefined || (use === 'used' && effect.writtenLaterDeep !== undefined);
  if (now) h.record.assuming(() => write(`passed to \`${name}\`, which writes it: ${now.text}`, deep), effect.writtenKnown !== undefined);
  else if (later && use === 'used') h.record.assuming(() => write(`passed to \`${name}\`, whose result writes it when called: ${later.text}`, deep), effect.writtenKnown !== undefined);
  const any = later ?? (now ? undefined : callerSeesWrite(param, effect));
  if (use === 'returned' && any) {
    h.record.whenCalledLater(() => write(`passed to \`${name}\`, whose result writes it when called: ${any.text}`, effect.writtenDeep !== undefined || effect.writtenLaterDeep !== undefined));
  }
  if (effect.read) h.record.read(at.params, node, `passed to \`${name}\`, which reads it`);
  h.record.letOut(at.params, node, effect, `\`${name}\``);
  if (effect.kept) {
    for (const other of all) {
      if (other === at) continue;
      if (other.expr) h.record.stored(other.expr, at.params, call);
      else for (const p of at.params) if (!other.params.has(p)) h.record.effects[p].kept ??= reasonAt(node, `kept by \`${name}\` in another argument: \`${snippet(call)}\``);
    }
  }
  // (A callback of the bound function's that may return it: the call's result may be it, which the reach follows through
  // returnsArgument, as for any call of the program; it is not this function's result unless the reach says so.)
  if (effect.buffer) for (const p of at.params) h.record.effects[p].buffer ??= reasonAt(node, `passed to \`${name}\`, which ${effect.buffer.text}`);
}

/** The function's body names `arguments` or `eval` (it may see arguments past its parameters). */
function seesArguments(h: CallSite, fn: FunctionLike): boolean {
  const { ts } = h.ctx;
  const sees = (n: ts.Node): boolean => (ts.isIdentifier(n) && (n.text === 'arguments' || n.text === 'eval')) || (ts.forEachChild(n, (c) => sees(c) || undefined) ?? false);
  return fn.body ? sees(fn.body) : true;
}

/** The closure writes its `arguments` object anywhere (`arguments[0] = x` reassigns parameter 0 in sloppy mode). */
function writesArguments(h: CallSite, fn: FunctionLike): boolean {
  const { ts } = h.ctx;
  const visit = (n: ts.Node): boolean => {
    if (ts.isIdentifier(n) && n.text === 'arguments' && !symbolOf(h.ctx, n)?.valueDeclaration) {
      let use: ts.Node = n;
      while (ts.isParenthesizedExpression(use.parent)) use = use.parent;
      const parent = use.parent;
      // Only `arguments.length` and `….apply(thisArg, arguments)` leave it alone.
      const quiet = (ts.isPropertyAccessExpression(parent) && parent.expression === use && parent.name.text === 'length' && !isWriteTarget(ts, parent)) ||
        (ts.isCallExpression(parent) && parent.arguments[1] === use && ts.isPropertyAccessExpression(skipParens(ts, parent.expression)) &&
          (skipParens(ts, parent.expression) as ts.PropertyAccessExpression).name.text === 'apply');
      if (!quiet) return true;
    }
    if (ts.isIdentifier(n) && n.text === 'eval') return true;
    return ts.forEachChild(n, (c) => visit(c) || undefined) ?? false;
  };
  return fn.body ? visit(fn.body) : false;
}

/** The closure assigns to its parameter anywhere (nested functions included). */
function assignedIn(h: CallSite, fn: FunctionLike, param: ts.ParameterDeclaration): boolean {
  const { ts } = h.ctx;
  const symbol = symbolOf(h.ctx, param.name);
  const visit = (n: ts.Node): boolean => (ts.isIdentifier(n) && n !== param.name && symbolOf(h.ctx, n) === symbol && isWrittenName(ts, n)) ||
    (ts.forEachChild(n, (c) => visit(c) || undefined) ?? false);
  return fn.body ? visit(fn.body) : false;
}

