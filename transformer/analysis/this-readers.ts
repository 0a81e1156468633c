/**
 * `f.call(ctx, x)`, `f.apply(ctx, args)` of a callback taken to only read (callbacks.ts): ctx becomes f's `this`,
 * which a function reading every argument it is given may still change (`function (x) { this.k = 1 }`). Under the
 * reading-callbacks summary ctx is only read, and that rests on an assumption of its own on f's parameter, field
 * THIS_FIELD: what the call site passes there leaves its `this` alone. Discharged by `undefined`, an arrow function
 * (its `this` is not the one given), a function whose body never names `this`, data holding no function, or (under
 * the same assumption) the caller's own parameter; nothing else. Without it ctx was inferred `in` while the callback
 * wrote it; with an unconditional write instead, every `thisObj`/`context` parameter of a library was `inout` (mout
 * 90.3% -> 76.1%).
 */
import type * as ts from 'typescript';
import { isFunctionLike, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { alternatives, skipParens } from './expressions';
import { functionOfExpression } from './function-of-symbol';
import { mayHoldFunctions } from './function-values';
import { thisEffects, thisEffectsReading } from './function-effects';
import { fixedParameter } from './bound-factory';
import { factoryCallOf } from './factory-made';
import type { FactoryCall } from './function-of-symbol';
import { contextOf } from './code-behind';
import type { SummaryLookup } from './param-effects';

/** The field of an assumption on a callback parameter that it leaves the `this` it is given alone. */
export const THIS_FIELD = 'this ';

/** What judging a value needs of the asking analysis (Callbacks). */
export interface ThisJudge {
  readonly ctx: AnalysisContext;
  readonly lookup: SummaryLookup;
  readonly readingCallbacks: boolean;
  /** The caller's own parameter `id` names, whole (assumed of in turn). */
  ownParameter(id: ts.Identifier): ts.ParameterDeclaration | undefined;
  assume(on: ts.Node, field: string): void;
  /** Whether factory call `made` makes good the assumption that its factory's parameter `on` holds only readers. */
  dischargeAtFactory?(made: FactoryCall, on: ts.ParameterDeclaration, field: string): boolean;
}

/** Every function `value` may be leaves the `this` it is called with alone. */
export function leavesThisAlone(j: ThisJudge, value: ts.Expression, depth = 0): boolean {
  const { ts } = j.ctx;
  const bare = skipParens(ts, ts.isSpreadElement(value) ? value.expression : value);
  const choices = alternatives(ts, bare);
  if (choices.length > 1) return depth < 4 && choices.every((c) => leavesThisAlone(j, c, depth + 1));
  if (bare.kind === ts.SyntaxKind.UndefinedKeyword || bare.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(bare) && bare.text === 'undefined')) return true;
  if (ts.isArrowFunction(bare)) return true;
  if (ts.isFunctionExpression(bare)) return thisOnlyRead(j, bare);
  if (ts.isIdentifier(bare) && j.readingCallbacks) {
    const own = j.ownParameter(bare);
    if (own) { j.assume(own, THIS_FIELD); return true; }
  }
  const via: FactoryCall[] = [];
  const fn = functionOfExpression(j.ctx, bare, 0, via) ?? declaredFunction(j.ctx, bare);
  if (fn) return ts.isArrowFunction(fn) || thisOnlyRead(j, fn) || (via.length > 0 && madeThisOnlyRead(j, fn, via));
  return !mayHoldFunctions(j.ctx, j.ctx.checker.getTypeAtLocation(bare), 2);
}

function declaredFunction(ctx: AnalysisContext, value: ts.Expression): FunctionLike | undefined {
  const { ts } = ctx;
  const declaration = ts.isIdentifier(value) ? symbolOf(ctx, value)?.valueDeclaration : undefined;
  return declaration && isFunctionLike(ctx, declaration) ? declaration as FunctionLike : undefined;
}

/**
 * The function does not write its `this`, keep it in a parameter or let it out other than by returning it (as
 * summaryOnlyReads asks of a parameter): no mention of it at all, or its effects on it followed as a parameter's
 * (function-effects.ts thisEffects: mout's `function (value, i) { return i in this && callback(value, this[i]) }`).
 */
function thisOnlyRead(j: ThisJudge, fn: FunctionLike): boolean {
  const { ts } = j.ctx;
  if (!fn.body) return false;
  if (!namesThis(ts, fn)) return true;
  if (ts.isMethodDeclaration(fn) || ts.isConstructorDeclaration(fn) || ts.isAccessor(fn)) return false;
  const owner = contextOf(j.ctx, fn);
  const effect = thisEffects(owner, fn, j.lookup);
  return !effect.written && !effect.writtenLater && !effect.escapedOtherwise && !effect.kept;
}

/**
 * A closure a factory made (`makeCompare(callback)` returning `function (value, i) { return i in this &&
 * callback(value, this[i]) }`) only reads its `this` when the factory's parameters hold only readers, and the factory
 * call makes that good (as factory-made.ts judges a made reader).
 */
function madeThisOnlyRead(j: ThisJudge, fn: FunctionLike, via: readonly FactoryCall[]): boolean {
  const { ts } = j.ctx;
  if (!fn.body || !j.dischargeAtFactory || ts.isMethodDeclaration(fn) || ts.isConstructorDeclaration(fn) || ts.isAccessor(fn)) return false;
  const { effect, assumes } = thisEffectsReading(contextOf(j.ctx, fn), fn, j.lookup);
  if (effect.written || effect.writtenLater || effect.escapedOtherwise || effect.kept) return false;
  return [...assumes ?? []].every(([on, fields]) => {
    if (!ts.isParameter(on) || !fixedParameter(j.ctx, on)) return false;
    const made = factoryCallOf(via, on.parent);
    return made !== undefined && [...fields].every((field) => j.dischargeAtFactory!(made, on, field));
  });
}

/** The function's own `this` appears in its body (not a nested non-arrow function's), or `eval`, which could name it. */
function namesThis(t: typeof ts, fn: FunctionLike): boolean {
  const visit = (node: ts.Node): boolean => {
    // (`super.add(x)` runs another method with this `this`; a parameter's default `self = this` names it too: rv71.)
    if (node.kind === t.SyntaxKind.ThisKeyword || node.kind === t.SyntaxKind.SuperKeyword) return true;
    if (t.isIdentifier(node) && node.text === 'eval') return true;
    if (node !== (fn as ts.Node) && (t.isFunctionDeclaration(node) || t.isFunctionExpression(node) || t.isMethodDeclaration(node) ||
      t.isAccessor(node) || t.isConstructorDeclaration(node) || t.isClassLike(node))) return false;
    return t.forEachChild(node, (c) => visit(c) || undefined) ?? false;
  };
  return fn.body ? visit(fn.body) || fn.parameters.some((p) => p.initializer !== undefined && visit(p.initializer)) : true;
}
