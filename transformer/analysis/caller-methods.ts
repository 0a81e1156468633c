/**
 * Methods and classes of the caller's objects taken, under the reading-callbacks summary, to be the built-ins'
 * (`values.map(f)`, `_intern.has(k)`, `new date.constructor(v)`, `x.slice().fill(v)` on what the caller gave, its type
 * unknown): each recorded as an assumption on the caller's parameter, made good at a call by what it passes. Apart
 * from callbacks.ts's judging of function values because these judge a receiver, the object a method is called on.
 */
import type * as ts from 'typescript';
import { enclosingThisScope, rootIdentifier, skipParens } from './expressions';
import { classOfScope, frozenField } from './held-callbacks';
import { STORING_METHODS } from './builtins';
import { copiedReceiver } from './caller-iterators';
import { BUILTIN_FIELD, CLASS_FIELD, isBuiltinContainer, isCallableValue, thisScopeOf } from './function-values';
import type { Callbacks } from './callbacks';

/**
 * `_intern.has(k)` where `_intern` is a field of a parameter or of `this` (`function g({ _intern })`, `this._intern`)
 * whose type the checker does not know: under the reading-callbacks summary it is taken to be a built-in container
 * (a Map, Set or array), and that is recorded as an assumption the call site must discharge (a field fixed to
 * `new Map()` by the constructor: held-callbacks.ts). The caller then judges the method by the built-in tables.
 */
export function isBuiltinContainerField(cb: Callbacks, receiver: ts.Expression): boolean {
  const { ts } = cb.ctx;
  if (!cb.readingCallbacks) return false;
  receiver = skipParens(ts, receiver);
  let on: ts.Node | undefined;
  let field = '';
  if (ts.isIdentifier(receiver)) {
    const supplied = cb.suppliedBy(receiver);
    if (supplied && supplied.field !== '') ({ param: on, field } = supplied);
  } else if (ts.isPropertyAccessExpression(receiver) && skipParens(ts, receiver.expression).kind === ts.SyntaxKind.ThisKeyword) {
    const scope = enclosingThisScope(ts, receiver);
    if (scope && scope === thisScopeOf(ts, cb.fn) && classOfScope(cb.ctx, scope)) { on = scope; field = receiver.name.text; }
  }
  if (!on) return false;
  if (ts.isConstructorDeclaration(on)) {
    const cls = classOfScope(cb.ctx, on);
    return cls !== undefined && isBuiltinContainer(cb.ctx, frozenField(cb.ctx, cls, field));
  }
  cb.assume(on, BUILTIN_FIELD + field);
  return true;
}

/**
 * `values.map(f)`, `array.forEach(visitor)` where the checker cannot type the receiver and it is (a part of) a
 * parameter: the method is one of the caller's object (an array's built-in, or a function it holds), taken under the
 * reading-callbacks summary to only read what it is given and, unless its name says it changes its receiver
 * (builtins.ts), to leave its receiver alone; recorded as an assumption on the parameter (discharged by data whose
 * type holds no function, by an inline or reading function...). Function arguments must read too: a built-in
 * `forEach` calls them with the elements.
 */
export function isCallerMethod(cb: Callbacks, call: ts.CallExpression, callee: ts.PropertyAccessExpression | ts.ElementAccessExpression): boolean {
  const { ts } = cb.ctx;
  if (!cb.readingCallbacks) return false;
  // `fn.call(ctx, obj[i], i, obj)` of a callback taken to only read is that callback's call (call-effects.ts
  // callsReadingCallback), as `fn(obj[i], i, obj)` is: no method of a caller's object, whose arguments would be
  // assumed to hold only readers (json-pointer's foreach: that assumption on `obj` could not be made good by a
  // recursive walker handing it an element, `each(cur, (v) => next(v))`).
  if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply') &&
    cb.isReadingCallback(skipParens(ts, callee.expression))) return false;
  // (`dists[i].pdf(x)`: a part of the caller's object has the caller's methods too.)
  const receiver = rootIdentifier(ts, callee.expression);
  const supplied = receiver ? cb.suppliedBy(receiver) : undefined;
  if (!supplied) return false;
  // (`x.push(...y)`: a storing method, taken to be the built-in's, calls nothing it is given: builtins.ts.)
  const storing = ts.isPropertyAccessExpression(callee) && STORING_METHODS.has(callee.name.text);
  if (!storing && !functionsGivenRead(cb, call.arguments ?? [])) return false;
  cb.assume(supplied.param, '');
  return true;
}

/**
 * `new date.constructor(value)` (date-fns' constructFrom), `new value.constructor()` (clone code), `date` a parameter:
 * the class of the caller's object, a built-in one when that is no instance of a class of the program (assumed of it,
 * CLASS_FIELD, made good at a call by its type), whose constructor reads what it is given; functions given must read
 * (`new Promise(f)` runs f).
 */
export function isCallerClass(cb: Callbacks, node: ts.NewExpression): boolean {
  const { ts } = cb.ctx;
  const callee = skipParens(ts, node.expression);
  if (!cb.readingCallbacks || !ts.isPropertyAccessExpression(callee) || callee.name.text !== 'constructor') return false;
  const receiver = skipParens(ts, callee.expression);
  const supplied = ts.isIdentifier(receiver) ? cb.suppliedBy(receiver) : undefined;
  if (!supplied || supplied.field !== '' || !functionsGivenRead(cb, node.arguments ?? [])) return false;
  cb.assume(supplied.param, CLASS_FIELD);
  return true;
}

/** Every function among `args` (not written here) only reads what it is given. */
function functionsGivenRead(cb: Callbacks, args: readonly ts.Expression[]): boolean {
  const { ts } = cb.ctx;
  for (const arg of args) {
    const value = skipParens(ts, ts.isSpreadElement(arg) ? arg.expression : arg);
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) continue; // analysed in this body
    if (isCallableValue(cb.ctx, value) || (cb.ctx.checker.getTypeAtLocation(value).flags & ts.TypeFlags.Any) !== 0) {
      if (!cb.holdsOnlyReaders(value)) return false;
    }
  }
  return true;
}

/**
 * `x.slice().fill(v)`, `a.push(...y)` after `var a = x.slice(i)`: a copy of what the caller gave, an array with the
 * built-in methods when that is data without functions (assumed of it: caller-iterators.ts copiedReceiver).
 */
export function isCallerCopy(cb: Callbacks, receiver: ts.Expression): boolean {
  if (!cb.readingCallbacks) return false;
  const from = copiedReceiver(cb.ctx, receiver);
  const supplied = from && cb.suppliedBy(from);
  if (!supplied) return false;
  cb.assume(supplied.param, BUILTIN_FIELD + supplied.field);
  return true;
}
