/**
 * Callbacks, as one function's analysis sees them: which summary of a callee a call site gets (the one for callbacks
 * that only read, when every callback the call passes does), whether a function value only reads what it is given,
 * and which function of the program a value names. See Summaries for the two summaries of a function.
 */
import type * as ts from 'typescript';
import { isFunctionLike, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { outlives, type Summary, type SummaryLookup } from './param-effects';
import { skipParens } from './expressions';
import { contextOf } from './code-behind';

export class Callbacks {
  private readonly ts: typeof ts;

  /** `readingCallbacks`: the analysed function's own callback parameters are taken to only read. */
  constructor(private readonly ctx: AnalysisContext, private readonly fn: FunctionLike, private readonly lookup: SummaryLookup,
    private readonly readingCallbacks: boolean) {
    this.ts = ctx.ts;
  }

  /** The function of the program a value names (`writeIt`, `const f = (x) => …`), with its body. */
  programFunction(value: ts.Expression): FunctionLike | undefined {
    const { ts } = this;
    const declaration = symbolOf(this.ctx, skipParens(ts, value))?.valueDeclaration;
    const fn = declaration && (isFunctionLike(this.ctx, declaration) ? declaration
      : ts.isVariableDeclaration(declaration) && declaration.initializer && isFunctionLike(this.ctx, declaration.initializer) ? declaration.initializer : undefined);
    return fn && (fn as FunctionLike).body && fn !== this.fn ? fn as FunctionLike : undefined;
  }

  /** The callee's summary for this call: the reading-callbacks one when every callback the call passes only reads. */
  summaryAt(call: ts.CallExpression, target: FunctionLike): Summary | undefined {
    const { ts } = this;
    let callbacks = false;
    const benign = target.parameters.every((param, i) => {
      const arg = call.arguments[i];
      const owner = contextOf(this.ctx, param);
      if (!isCallable(owner, param)) {
        // An untyped parameter the callee only passes on (`deviation(values, valueof)` hands valueof to variance) is a
        // callback there too, in the callee's reading-callbacks summary: what this call gives it must then only read,
        // unless it is data (typed as something that cannot be called).
        if (!arg || !(owner.checker.getTypeAtLocation(param).flags & ts.TypeFlags.Any)) return true;
        const value = ts.isSpreadElement(arg) ? arg.expression : arg;
        if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) { callbacks = true; return true; }
        if (isCallableValue(this.ctx, value)) { callbacks = true; return this.onlyReads(value); }
        if (!(this.ctx.checker.getTypeAtLocation(value).flags & ts.TypeFlags.Any)) return true;
        callbacks = true;
        return this.onlyReads(value);
      }
      callbacks = true;
      if (!arg || ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) return true; // inline: analysed in this body
      return this.onlyReads(arg);
    });
    return this.lookup(target, callbacks && benign);
  }

  /** A function value that reads what it is given: a callback parameter under that assumption, or a function of the program. */
  onlyReads(value: ts.Expression): boolean {
    const { ts } = this;
    value = skipParens(ts, value);
    if (value.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(value) && value.text === 'undefined')) return true;
    if (this.isReadingCallback(value)) return true;
    const fn = this.programFunction(value);
    return fn !== undefined && (this.lookup(fn, false)?.params.every((p) => !p.written && !outlives(p)) ?? false);
  }

  /** `cb` names a callback parameter of this function, taken to only read (the reading-callbacks summary). */
  isReadingCallback(callee: ts.Expression): boolean {
    if (!this.readingCallbacks || !this.ts.isIdentifier(callee)) return false;
    const declaration = symbolOf(this.ctx, callee)?.valueDeclaration;
    // (Asked only where a function is called or expected: an untyped parameter there is a callback too.)
    return declaration !== undefined && this.ts.isParameter(declaration) && declaration.parent === this.fn &&
      (isCallable(this.ctx, declaration) || (this.ctx.checker.getTypeAtLocation(declaration).flags & this.ts.TypeFlags.Any) !== 0);
  }
}

/** Builtin methods that call a function argument with the receiver's elements. */
export const CALLBACK_METHODS = new Set([
  'forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'reduce', 'reduceRight',
  'flatMap', 'sort', 'toSorted',
]);

export function isCallableValue(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const type = ctx.checker.getTypeAtLocation(expr);
  return (type.isUnion() ? type.types : [type]).some((t) => t.getCallSignatures().length > 0);
}

const calledParams = new WeakMap<ts.ParameterDeclaration, boolean>();

/**
 * A callback parameter: its type can be called, or (untyped JavaScript: `any`) its function calls it (`fn(x)`).
 */
export function isCallable(ctx: AnalysisContext, param: ts.ParameterDeclaration): boolean {
  const type = ctx.checker.getTypeAtLocation(param);
  const parts = type.isUnion() ? type.types : [type];
  if (parts.some((t) => t.getCallSignatures().length > 0)) return true;
  if (!(type.flags & ctx.ts.TypeFlags.Any) || !ctx.ts.isIdentifier(param.name)) return false;
  let called = calledParams.get(param);
  if (called === undefined) {
    const symbol = ctx.checker.getSymbolAtLocation(param.name);
    const name = param.name.text;
    called = false;
    const visit = (node: ts.Node): void => {
      if (called) return;
      if (ctx.ts.isCallExpression(node) && ctx.ts.isIdentifier(node.expression) && node.expression.text === name &&
        ctx.checker.getSymbolAtLocation(node.expression) === symbol) { called = true; return; }
      ctx.ts.forEachChild(node, visit);
    };
    const body = (param.parent as FunctionLike).body;
    if (body) visit(body);
    calledParams.set(param, called);
  }
  return called;
}
