/**
 * Which parameter a name holds (a part of), for the reading-callbacks summary's assumptions (callbacks.ts): a
 * parameter itself, a name bound in its pattern (`function g({ _key })`: field `_key`), or a variable every value of
 * which is taken out of one (`const f = keys[i]`; `let d = dists[m - 1]` later given `d = dists[i]`).
 */
import type * as ts from 'typescript';
import { isFunctionLike, isPrimitiveNode, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { alternatives, rootIdentifier, skipParens } from './expressions';
import { CALLBACK_METHODS, enclosesOrIs } from './function-values';
import { isBuiltinMethodCall } from './builtin-callees';
import { replacedBefore } from './replaced-parameters';

export interface Supplied { readonly param: ts.ParameterDeclaration; readonly field: string }

/**
 * The parameter (of `fn` or a function enclosing it) whose value, or a part of it, the identifier holds, with the
 * field it came from when that is known, '' otherwise.
 */
/**
 * `asFunction`: the name is called or handed on as a function: a parameter the function may have replaced before the
 * mention (replacedBefore) is then no longer the caller's. (Not yet for a receiver, `o = color(o); o.rgb()`, nor for
 * data: a known limit, where the replacement's own methods are taken as the caller's.)
 */
export function suppliedBy(ctx: AnalysisContext, fn: FunctionLike, id: ts.Identifier, depth = 0, asFunction = false): Supplied | undefined {
  const { ts } = ctx;
  let declaration: ts.Node | undefined = symbolOf(ctx, id)?.valueDeclaration;
  if (!declaration || depth > 4) return undefined;
  // `function g({ _key })`: a name bound inside a parameter's pattern is a part of that parameter.
  let field = '';
  if (ts.isBindingElement(declaration) && ts.isObjectBindingPattern(declaration.parent) && ts.isParameter(declaration.parent.parent) &&
    !declaration.dotDotDotToken) {
    const key = declaration.propertyName ?? declaration.name;
    field = ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : '';
  }
  const bound = declaration;
  while (ts.isBindingElement(declaration) || ts.isObjectBindingPattern(declaration) || ts.isArrayBindingPattern(declaration)) declaration = declaration.parent;
  if (ts.isParameter(declaration)) {
    // (A parameter the function may have replaced by the time of this mention holds no longer what the caller gave:
    // `cb = writer; cb(p)`, `stack || (stack = new Stack)`.)
    const replaced = asFunction ? replacedBefore(ctx, bound as ts.ParameterDeclaration | ts.BindingElement, id) : undefined;
    if (replaced === 'other') return undefined;
    if (replaced === 'part') field = '';
    if (enclosesOrIs(declaration.parent, fn) && isFunctionLike(ctx, declaration.parent)) return { param: declaration, field };
    return elementOf(ctx, fn, declaration, depth, asFunction);
  }
  if (!ts.isVariableDeclaration(declaration)) return undefined;
  // `const keyof = keys[i++]`, `let [f] = F`, or a variable all of whose values are such parts, of one parameter.
  const pattern = bound !== declaration;
  const constant = (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0;
  const initial = declaration.initializer ? [declaration.initializer] : [];
  const values = constant ? initial : ts.isIdentifier(declaration.name) ? valuesAssigned(ctx, declaration, id) : reassigned(ctx, declaration, id, initial);
  let found: Supplied | undefined;
  for (const whole of values ?? []) {
    // (An assignment that cannot run before this mention gives it nothing: `f = values.map(f)` calls the old f.)
    if (whole !== declaration.initializer && !mayRunBefore(ctx, whole.parent, id)) continue;
    for (const value of nonPrimitiveChoices(ctx, whole)) {
      let root = skipParens(ts, value);
      for (;;) {
        if (ts.isElementAccessExpression(root) || ts.isPropertyAccessExpression(root)) root = skipParens(ts, root.expression);
        else if (isElementTaken(ctx, root)) root = skipParens(ts, (root.expression as ts.PropertyAccessExpression).expression);
        else break;
      }
      const part = root !== skipParens(ts, value) || (pattern && whole === declaration.initializer);
      // (A whole variable holding such a part is one too: `let prev = arr[0]; … prev = curr` where `const curr = arr[i]`.)
      const from = ts.isIdentifier(root) && (part || isLocalVariable(ctx, root)) ? suppliedBy(ctx, fn, root, depth + 1, asFunction) : undefined;
      if (!from || (found && found.param !== from.param)) return undefined;
      found = found && found.field !== from.field ? { param: found.param, field: '' } : from;
    }
  }
  return found;
}

/**
 * The values an expression may give that are not primitives (`provided && fns.pop()` gives `false` or a part): a
 * primitive holds no function, so calling it runs nothing of the caller's.
 */
function nonPrimitiveChoices(ctx: AnalysisContext, value: ts.Expression): ts.Expression[] {
  const choices = alternatives(ctx.ts, value);
  if (choices.length === 1) return choices;
  const kept = choices.filter((c) => !isPrimitiveNode(ctx, c));
  return kept.length > 0 ? kept : choices;
}

/**
 * `xs.pop()`, `xs.shift()`, `xs.at(-1)`: the standard library's array methods handing back one of the receiver's
 * elements (moderndash's `arraysOrCompareFn.pop()`, a callback passed last among rest arguments).
 */
function isElementTaken(ctx: AnalysisContext, node: ts.Expression): node is ts.CallExpression {
  const { ts } = ctx;
  if (!ts.isCallExpression(node)) return false;
  const callee = skipParens(ts, node.expression);
  return ts.isPropertyAccessExpression(callee) && ELEMENT_TAKING.has(callee.name.text) && isBuiltinMethodCall(ctx, node);
}

const ELEMENT_TAKING = new Set(['pop', 'shift', 'at']);

/**
 * The values a `const` may hold, when it is one of several (`const get = getter ?? ((v) => v)`, `isFunction(f) ? f :
 * () => f`): each a callee the reading-callbacks summary can judge by itself (callbacks.ts isReadingCallback).
 */
export function choicesOf(ctx: AnalysisContext, id: ts.Identifier): ts.Expression[] | undefined {
  const { ts } = ctx;
  const declaration = symbolOf(ctx, id)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer ||
    !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
  const choices = alternatives(ts, declaration.initializer);
  return choices.length > 1 ? choices : undefined;
}

/** The identifier names a variable (not a parameter, whose whole value is not a part of it). */
function isLocalVariable(ctx: AnalysisContext, id: ts.Identifier): boolean {
  const declaration = symbolOf(ctx, id)?.valueDeclaration;
  return declaration !== undefined && ctx.ts.isVariableDeclaration(declaration) && ctx.ts.isIdentifier(declaration.name);
}

/**
 * Whether `assignment` may run before `use` does: it is written before it, or they share a loop, or either is in a
 * function that may run at another time (a closure, a hoisted declaration).
 */
export function mayRunBefore(ctx: AnalysisContext, assignment: ts.Node, use: ts.Node): boolean {
  const { ts } = ctx;
  if (assignment.end <= use.pos) return mayFlowOnTo(ctx, assignment, use);
  const scopeOf = (node: ts.Node): ts.Node | undefined => { let n = node.parent; while (n && !ts.isFunctionLike(n) && !ts.isSourceFile(n)) n = n.parent; return n; };
  const scope = scopeOf(use);
  if (scope !== scopeOf(assignment)) return true;
  for (let n = use.parent; n && n !== scope; n = n.parent) if (ts.isIterationStatement(n, false)) return true;
  return false;
}

/**
 * Whether code after `assignment` may go on to `use` written after it: not when a block holding the assignment (and
 * not the use) ends in a `return`/`throw` with no `break`/`continue` and no `try` around it in the function (d3's
 * sort: `if (…) { …; f = values.map(f); …; return permute(values, index) } return values.sort(compareDefined(f))`).
 */
function mayFlowOnTo(ctx: AnalysisContext, assignment: ts.Node, use: ts.Node): boolean {
  const { ts } = ctx;
  let scope: ts.Node | undefined = use.parent;
  while (scope && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  for (let n: ts.Node | undefined = assignment.parent; n !== scope; n = n.parent) {
    // (In another function, which may run at any time, or in a try block, whose catch may go on.)
    if (!n || ts.isFunctionLike(n) || ts.isTryStatement(n)) return true;
  }
  for (let n: ts.Node | undefined = assignment.parent; n && n !== scope; n = n.parent) {
    if (!ts.isBlock(n) || (use.pos >= n.pos && use.end <= n.end)) continue;
    const last = n.statements[n.statements.length - 1];
    if (last && (ts.isReturnStatement(last) || ts.isThrowStatement(last)) && !jumps(ctx, n)) return false;
  }
  return true;
}

/** The block holds a `break` or `continue` (outside nested functions) that could leave it before its end. */
function jumps(ctx: AnalysisContext, block: ts.Node): boolean {
  const { ts } = ctx;
  const visit = (node: ts.Node): boolean => !ts.isFunctionLike(node) &&
    (ts.isBreakOrContinueStatement(node) || ts.forEachChild(node, visit) === true);
  return ts.forEachChild(block, visit) === true;
}

/**
 * `F.map((f) => …)`: the element parameter of an inline callback a built-in array method hands (a part of) a
 * parameter's elements to is a part of that parameter.
 */
function elementOf(ctx: AnalysisContext, fn: FunctionLike, param: ts.ParameterDeclaration, depth: number, asFunction: boolean): Supplied | undefined {
  const { ts } = ctx;
  const callback = param.parent;
  const call = callback.parent;
  if (!(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)) || !ts.isCallExpression(call) || !call.arguments.includes(callback)) return undefined;
  const callee = skipParens(ts, call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !CALLBACK_METHODS.has(callee.name.text) || !isBuiltinMethodCall(ctx, call)) return undefined;
  const element = /^reduce(Right)?$/.test(callee.name.text) ? 1 : 0;
  if (callback.parameters.indexOf(param) !== element || call.arguments[0] !== callback) return undefined;
  const root = rootIdentifier(ts, callee.expression);
  const from = root ? suppliedBy(ctx, fn, root, depth + 1, asFunction) : undefined;
  return from && { param: from.param, field: '' };
}

/** A name bound in a `let`/`var` pattern: its initializer, and what plain `=` assignments give it later. */
function reassigned(ctx: AnalysisContext, declaration: ts.VariableDeclaration, name: ts.Identifier, initial: ts.Expression[]): ts.Expression[] | undefined {
  const later = valuesAssigned(ctx, declaration, name);
  return later && [...initial, ...later.filter((v) => v !== declaration.initializer)];
}

const assignedValues = new WeakMap<ts.Identifier, ts.Expression[] | null>();

/**
 * Every value a `let`/`var` is given: its initializer and the right sides of plain `=` assignments to it, in the
 * function (or file) it is declared in; undefined when it is also changed in another way (`+=`, `++`, destructuring,
 * a for-in/of head).
 */
export function valuesAssigned(ctx: AnalysisContext, declaration: ts.VariableDeclaration, name: ts.Identifier): ts.Expression[] | undefined {
  const { ts } = ctx;
  const symbol = symbolOf(ctx, name);
  const own = symbol?.valueDeclaration && ts.isBindingElement(symbol.valueDeclaration) ? symbol.valueDeclaration.name : declaration.name;
  if (!ts.isIdentifier(own)) return undefined;
  const known = assignedValues.get(own);
  if (known !== undefined) return known ?? undefined;
  let scope: ts.Node = declaration;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  const values: ts.Expression[] = declaration.initializer ? [declaration.initializer] : [];
  let other = false;
  const isTarget = (node: ts.Node): boolean => ts.isIdentifier(node) && node.text === name.text && node !== own && symbolOf(ctx, node) === symbol;
  const visit = (node: ts.Node): void => {
    if (other) return;
    if (isTarget(node)) {
      let use: ts.Node = node;
      while (ts.isParenthesizedExpression(use.parent)) use = use.parent;
      const parent = use.parent;
      if (ts.isBinaryExpression(parent) && parent.left === use && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) values.push(parent.right);
      else if ((ts.isBinaryExpression(parent) && parent.left === use && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) || ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent) ||
        ts.isArrayLiteralExpression(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isPropertyAssignment(parent) ||
        ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent) ||
        ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === use)) {
        // (An array or object literal holding the name may be a destructuring target: counted as a change, erring safe.)
        if (!ts.isPrefixUnaryExpression(parent) || parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken) other = true;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  assignedValues.set(own, other ? null : values);
  return other ? undefined : values;
}
