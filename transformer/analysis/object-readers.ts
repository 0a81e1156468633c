/**
 * Whether the functions an object holds in a field only read what they are given, for objects whose fields a
 * constructor fixed (held-callbacks.ts): `this` in a method or constructor of the analysed function, and an object the
 * analysed function made with `new C(…)` on which it calls a method. Kept apart from callbacks.ts, which asks.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { allocationOf, classOfAllocation, classOfScope, constructorOf, frozenField } from './held-callbacks';
import { enclosingThisScope } from './expressions';
import { BUILTIN_FIELD, defaultOnlyReads, isBuiltinContainer, thisScopeOf } from './function-values';
import type { SummaryLookup } from './param-effects';

/** What of the asking analysis (callbacks.ts) these judgements use. */
export interface ReaderJudge {
  readonly ctx: AnalysisContext;
  readonly fn: FunctionLike;
  readonly lookup: SummaryLookup;
  readonly readingCallbacks: boolean;
  assume(on: ts.Node, field: string): void;
  holdsOnlyReaders(value: ts.Expression, field?: string): boolean;
}

/** `receiver` is an object the function made (`new C(…)`) whose constructor fixed a reading function in `field`. */
export function madeHoldingReaders(j: ReaderJudge, receiver: ts.Expression, field: string, use: ts.Node, method: FunctionLike): boolean {
  if (field === '') return false;
  const allocation = allocationOf(j.ctx, j.fn, receiver, use);
  const cls = allocation && classOfAllocation(j.ctx, allocation);
  if (!allocation || !cls || cls !== (method.parent as ts.Node)) return false;
  if (field.startsWith(BUILTIN_FIELD)) return isBuiltinContainer(j.ctx, frozenField(j.ctx, cls, field.slice(BUILTIN_FIELD.length)));
  const value = frozenField(j.ctx, cls, field);
  if (!value) return false;
  const constructor = constructorOf(j.ctx, cls)!;
  const param = constructorParam(j.ctx, value, constructor);
  if (!param) return j.holdsOnlyReaders(value);
  const arg = allocation.arguments?.[constructor.parameters.indexOf(param)];
  if (param.dotDotDotToken) return false;
  return arg ? j.holdsOnlyReaders(arg) : !param.initializer || defaultOnlyReads(j.ctx, param.initializer, j.lookup);
}

/**
 * `this` holds only reading functions in `field`: assumed of a method's object in turn, or fixed by this constructor
 * from one of its parameters (assumed of that parameter) or from a value it judges here.
 */
export function thisHoldsOnlyReaders(j: ReaderJudge, self: ts.Expression, field: string): boolean {
  const { ts } = j.ctx;
  const scope = enclosingThisScope(ts, self);
  if (field === '' || !j.readingCallbacks || !scope || scope !== thisScopeOf(ts, j.fn)) return false;
  if (ts.isMethodDeclaration(scope) && classOfScope(j.ctx, scope)) { j.assume(scope, field); return true; }
  const cls = classOfScope(j.ctx, scope);
  if (cls && ts.isConstructorDeclaration(scope) && field.startsWith(BUILTIN_FIELD)) {
    return isBuiltinContainer(j.ctx, frozenField(j.ctx, cls, field.slice(BUILTIN_FIELD.length)));
  }
  const value = cls && ts.isConstructorDeclaration(scope) ? frozenField(j.ctx, cls, field) : undefined;
  if (!value) return false;
  const param = constructorParam(j.ctx, value, scope as ts.ConstructorDeclaration);
  if (param) { j.assume(param, ''); return true; }
  return j.holdsOnlyReaders(value);
}

/** The constructor's parameter a field's value names (`Object.defineProperties(this, { _key: { value: key } })`). */
function constructorParam(ctx: AnalysisContext, value: ts.Expression, constructor: ts.ConstructorDeclaration): ts.ParameterDeclaration | undefined {
  const declaration = ctx.ts.isIdentifier(value) ? symbolOf(ctx, value)?.valueDeclaration : undefined;
  return declaration && ctx.ts.isParameter(declaration) && declaration.parent === constructor ? declaration : undefined;
}
