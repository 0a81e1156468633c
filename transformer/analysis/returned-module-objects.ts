/**
 * A task that returns a module-level object, or holds one in its value (`return { v, opts: DEFAULTS }`,
 * `return LUTS[k]`), hands the plain program's caller the module's own object: writing through the value changes what
 * every later call reads, and `r.opts === DEFAULTS`. A worker has a module of its own, so the caller would get a copy
 * (tester #14's F25). State that travels with the task's calls (kept state, or an object the program changes) comes
 * back as the program's own object (the runtime maps it through the call's snapshot); any other module object the
 * task returns is a compile error that names the task and the place, never a silent copy.
 */
import type * as ts from 'typescript';
import { enclosesOrIs } from './function-values';
import { calledFunction, hasPrimitiveElements, hasPrimitiveProperties, isPrimitiveType, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { codes, taskError } from './diagnostics';
import type { TaskInfo } from './discover';
import { moduleStateKey } from './module-state-keys';
import type { ModuleState } from './module-state';
import { returnedExpressions, skipParens } from './expressions';

/** Methods whose value is an element (or entry value) of the receiver, as stored. */
const ELEMENT_METHODS = new Set(['get', 'at', 'find', 'findLast']);

export function returnedModuleObjects(ctx: AnalysisContext, state: ModuleState, tasks: ReadonlyMap<FunctionLike, TaskInfo>): ts.Diagnostic[] {
  const diagnostics: ts.Diagnostic[] = [];
  // Tasks whose value holds state that travels with their calls: the name it holds, by task.
  const holdsState = new Map<FunctionLike, string>();
  for (const [fn, task] of tasks) {
    const travelling = new Set((task.moduleState ?? []).map((s) => s.key));
    for (const returned of returnedExpressions(ctx.ts, fn)) {
      const held = heldModuleObject(ctx, fn, state, returned, new Set());
      if (!held) continue;
      const declaration = symbolOf(ctx, held)?.valueDeclaration as ts.VariableDeclaration | undefined;
      if (declaration && travelling.has(moduleStateKey(ctx, declaration))) holdsState.set(fn, held.text);
      if (!declaration || travelling.has(moduleStateKey(ctx, declaration))) continue;
      diagnostics.push(taskError(ctx, returned, codes.changedModuleObject, `task ${task.name}: its value holds \`${held.text}\`, a module-level ` +
        `object (\`${returned.getText().replace(/\s+/g, ' ').slice(0, 60)}\`); the plain program's caller gets the module's own object, ` +
        'a worker\'s call would hand back a copy of its own module\'s (return a copy made in the task, or pass the object as a parameter)'));
      break;
    }
  }
  if (holdsState.size > 0) diagnostics.push(...takenApartValues(ctx, tasks, holdsState));
  return diagnostics;
}

/**
 * `const [items, meta] = parts()` where the value holds state tasks keep (`return [STATE.items, STATE.meta]`): the
 * program's own objects, which later tasks change. Kept whole (`const p = parts()`), each use waits through the
 * value for those tasks; taken apart into names, nothing would wait before they are read, so it is an error that
 * names the place.
 */
function takenApartValues(ctx: AnalysisContext, tasks: ReadonlyMap<FunctionLike, TaskInfo>, holdsState: ReadonlyMap<FunctionLike, string>): ts.Diagnostic[] {
  const { ts } = ctx;
  const diagnostics: ts.Diagnostic[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const fn = calledFunction(ctx, node) as FunctionLike | undefined;
      const held = fn && holdsState.get(fn);
      let outer: ts.Node = node;
      while (ts.isParenthesizedExpression(outer.parent) || ts.isAwaitExpression(outer.parent) || ts.isNonNullExpression(outer.parent)) outer = outer.parent;
      const parent = outer.parent;
      const apart = (ts.isVariableDeclaration(parent) && parent.initializer === outer && !ts.isIdentifier(parent.name)) ||
        (ts.isBinaryExpression(parent) && parent.right === outer && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          (ts.isArrayLiteralExpression(parent.left) || ts.isObjectLiteralExpression(parent.left)));
      if (held && apart) {
        diagnostics.push(taskError(ctx, parent, codes.changedModuleObject, `task ${tasks.get(fn!)!.name}: its value holds \`${held}\`, state ` +
          'its calls carry, and here it is taken apart into names that later tasks\' changes would reach with no wait before the ' +
          `program reads them (keep the value whole, \`const v = ${node.expression.getText()}(…)\`, and read its parts through it)`));
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const source of ctx.program.getSourceFiles()) if (!source.isDeclarationFile) visit(source);
  return diagnostics;
}

/**
 * The module object the value may be or hold as it stands: the object itself, a member or element of it
 * (`S.items`, `T[k]`, `M.get(k)`), a local it initialised, or a literal holding one; a value computed anew (a call,
 * `new`, a copy) is the task's own. Undefined when none.
 */
function heldModuleObject(ctx: AnalysisContext, fn: FunctionLike, state: ModuleState, value: ts.Expression, seen: Set<ts.Symbol>): ts.Identifier | undefined {
  const { ts } = ctx;
  const e = skipParens(ts, value);
  if (isPrimitiveType(ctx, ctx.checker.getTypeAtLocation(e))) return undefined;
  const again = (next: ts.Expression) => heldModuleObject(ctx, fn, state, next, seen);
  if (ts.isIdentifier(e)) {
    const symbol = symbolOf(ctx, e);
    if (!symbol || seen.has(symbol)) return undefined;
    seen.add(symbol);
    if (state.isModuleObject(symbol)) return e;
    const declaration = symbol.valueDeclaration;
    // A local `const d = MEMO.get(n)` of the task's own.
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && enclosesOrIs(fn, declaration) &&
      (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0) return again(declaration.initializer);
    return undefined;
  }
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return again(e.expression);
  if (ts.isNonNullExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) return again(e.expression);
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && ELEMENT_METHODS.has(e.expression.name.text)) return again(e.expression.expression);
  if (ts.isConditionalExpression(e)) return again(e.whenTrue) ?? again(e.whenFalse);
  if (ts.isBinaryExpression(e) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(e.operatorToken.kind)) {
    return again(e.left) ?? again(e.right);
  }
  if (ts.isObjectLiteralExpression(e)) {
    for (const p of e.properties) {
      const found = ts.isPropertyAssignment(p) ? again(p.initializer) : ts.isShorthandPropertyAssignment(p) ? again(p.name)
        : ts.isSpreadAssignment(p) && !hasPrimitiveProperties(ctx, p.expression) ? again(p.expression) : undefined;
      if (found) return found;
    }
    return undefined;
  }
  if (ts.isArrayLiteralExpression(e)) {
    for (const element of e.elements) {
      const found = ts.isSpreadElement(element) ? (hasPrimitiveElements(ctx, element.expression) ? undefined : again(element.expression)) : again(element);
      if (found) return found;
    }
  }
  return undefined;
}

