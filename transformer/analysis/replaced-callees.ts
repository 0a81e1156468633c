/**
 * What a mention of a callback parameter the function replaces may run (`if (!cb) cb = writer`, `cb || (cb = f)`,
 * d3's piecewise `values = interpolate, interpolate = value`, `callback = makeIterator(callback, thisObj)`): the
 * caller's function, taken to only read as any callback of the reading-callbacks summary is (an assumption the call
 * site discharges), and each value a replacement that may run before the mention gives it (replaced-parameters.ts
 * replacingValues). A value that reads as a whole (a reading function of the program, a factory's result judged by
 * factory-made.ts, a wrapper of the parameter's own value, another reading callback) adds nothing; a function of the
 * program that does not is one of the functions the call may run, judged at the call by its summary for that call's
 * arguments (candidate-calls.ts), as a table's or a reassigned variable's functions are; any other value is unknown.
 *
 * Modelled rather than given up on: giving up made d3-interpolate's piecewise (`interpolate = value`, the library's
 * generic interpolator, which reads under its own callbacks' assumptions) code of unknown effect.
 */
import type * as ts from 'typescript';
import { isLibraryGlobal, isPrimitiveNode, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { alternatives, returnedExpressions, rootIdentifier, skipParens } from './expressions';
import { replacingValues } from './replaced-parameters';
import { valuesAssigned, type Supplied } from './supplied';

/** What judging a replaced parameter's values needs of the analysis asking (callbacks.ts's Callbacks). */
export interface ReplacedJudge {
  readonly ctx: AnalysisContext;
  /** The value reads everything it is given (recording what that assumed of the caller's parameters). */
  readingValue(value: ts.Expression, depth: number): boolean;
  /** The function of the program the value names, with its body. */
  programFunction(value: ts.Expression): FunctionLike | undefined;
  /** The parameter (a part of) which the name holds as the caller gave it, replacements not looked at. */
  callerParameter(id: ts.Identifier): Supplied | undefined;
}

/** The caller's parameter the mention names, and the functions of the program a replacement gives it that do not only read. */
export interface ReplacedCallee { readonly original: Supplied; readonly functions: readonly FunctionLike[] }

/**
 * For a mention of a parameter (or a name bound in its pattern) some replacement of which may run before it: what it
 * may run (see the top of this file), or 'unknown' when a value is neither reading nor a function of the program;
 * undefined when the mention is no such parameter's. `handedOn`: the mention is handed to a callee, not called here.
 */
export function replacedCallee(j: ReplacedJudge, callee: ts.Identifier, depth: number, handedOn: boolean): ReplacedCallee | 'unknown' | undefined {
  const { ts } = j.ctx;
  const declaration = symbolOf(j.ctx, callee)?.valueDeclaration;
  if (!declaration) return undefined;
  const original = j.callerParameter(callee);
  if (!original) return undefined;
  // (A variable holding a part of a replaced parameter, d3's piecewise `v = values[++i]` after `values = interpolate`:
  // every replacement of that parameter counts, each value another parameter's (a part of which it then is) or unknown.)
  const direct = ts.isParameter(declaration) || (ts.isBindingElement(declaration) && isInParameter(ts, declaration));
  const values = direct ? replacingValues(j.ctx, declaration as ts.ParameterDeclaration | ts.BindingElement, callee) : replacingValues(j.ctx, original.param);
  if (values === undefined) return 'unknown';
  if (values.length === 0) return undefined;
  const functions: FunctionLike[] = [];
  for (const value of values) {
    if (!direct) {
      if (!rootedInParameter(j, value) || !j.readingValue(value, depth)) return 'unknown';
      continue;
    }
    // (Handed on rather than called here, a value that cannot be a function is data whose methods the callee may
    // call, `b = c` with c a d3-color object (`c = color(b)`, which makes one with `new`) in d3's interpolate: still
    // taken as the caller's, a known limit. Any other value is judged: `cb = table[k]` may be a writer.)
    if (handedOn && makesNoFunction(j, value, 0)) continue;
    if (j.readingValue(value, depth)) continue;
    const fn = j.programFunction(value);
    if (!fn) return 'unknown';
    functions.push(fn);
  }
  return { original, functions };
}

/** A name bound somewhere in a parameter's pattern (`function g({ cb })`). */
function isInParameter(t: typeof ts, element: ts.BindingElement): boolean {
  let node: ts.Node = element;
  while (t.isBindingElement(node) || t.isObjectBindingPattern(node) || t.isArrayBindingPattern(node)) node = node.parent;
  return t.isParameter(node);
}

/**
 * The value cannot be a function: a primitive, `null`, a `new` object of a function of the program that returns
 * nothing of its own (or of a global class: `new Map`), or the result of a function of the program every value it
 * returns is such (d3-color's `color(b)`: `new Rgb(…)`, `rgbn(…)` or null). A few calls deep.
 */
function makesNoFunction(j: ReplacedJudge, value: ts.Expression, depth: number): boolean {
  const { ts } = j.ctx;
  value = skipParens(ts, value);
  // (`(l = m[1].length, l === 6 ? rgbn(m) : …)`: a comma's value is its last operand, an assignment's its right side.)
  while (ts.isBinaryExpression(value) && (value.operatorToken.kind === ts.SyntaxKind.CommaToken || value.operatorToken.kind === ts.SyntaxKind.EqualsToken)) {
    value = skipParens(ts, value.right);
  }
  if (isPrimitiveNode(j.ctx, value) || value.kind === ts.SyntaxKind.NullKeyword) return true;
  if (depth > 4) return false;
  const choices = alternatives(ts, value);
  if (choices.length > 1) return choices.every((c) => makesNoFunction(j, c, depth));
  // (A local variable, `c` after `(c = color(b))`: every value it is given.)
  const declaration = ts.isIdentifier(value) ? symbolOf(j.ctx, value)?.valueDeclaration : undefined;
  if (declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
    const values = valuesAssigned(j.ctx, declaration, value as ts.Identifier);
    return values !== undefined && values.length > 0 && values.every((v) => makesNoFunction(j, v, depth + 1));
  }
  if (ts.isNewExpression(value)) {
    const made = j.programFunction(value.expression);
    // (A constructor returning an object of its own, `return fn`, makes that instead.)
    if (made) return returnedExpressions(ts, made).length === 0;
    return ts.isIdentifier(value.expression) && isLibraryGlobal(j.ctx, value.expression);
  }
  if (!ts.isCallExpression(value)) return false;
  const callee = j.programFunction(value.expression);
  const returned = callee && callee.body && ts.isBlock(callee.body) ? returnedExpressions(ts, callee).flatMap((e) => alternatives(ts, e)) : [];
  return returned.length > 0 && returned.every((e) => makesNoFunction(j, e, depth + 1));
}

/** `interpolate`, `opts.fn`, `fs[i]`: (a part of) a parameter's value. */
function rootedInParameter(j: ReplacedJudge, value: ts.Expression): boolean {
  const { ts } = j.ctx;
  value = skipParens(ts, value);
  const root = ts.isIdentifier(value) || ts.isPropertyAccessExpression(value) || ts.isElementAccessExpression(value) ? rootIdentifier(ts, value) : undefined;
  const rooted = root && symbolOf(j.ctx, root)?.valueDeclaration;
  return rooted !== undefined && (ts.isParameter(rooted) || ts.isBindingElement(rooted));
}
