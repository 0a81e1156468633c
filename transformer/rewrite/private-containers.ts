/**
 * A container only its own name reaches: a file-local `const` made fresh (`new Float64Array(n)`, `new Set()`, `[]`:
 * fresh.ts) whose every reference looks inside it and hands nothing on: `out[i]`, `out.length`, `seen.add(x)` as a
 * statement, `for (const x of out)`, `[...out]`, `out.join(',')`, `Object.values(out)`, `out.total` of a record, a
 * print, or `return out` by the function that made it, as the call ends. No other value can be it, hold it, or be a
 * view of its buffer, so code reaches it only by naming it. Types cannot say that for typed arrays (any two may
 * share a buffer), which is what a split loop storing results into one needs (unseen-stores.ts).
 */
import type * as ts from 'typescript';
import { symbolOf } from '../analysis/context';
import type { FileFacts } from './file-facts';
import { isFresh, RETURNS_RECEIVER } from './fresh';
import { isLibrary } from './library-uses';

/** Methods that neither return nor pass on their receiver, nor make a view of it. */
const KEEPS_TO_ITSELF = new Set(['length', 'size', 'join', 'toString', 'get', 'has', 'push', 'pop', 'shift', 'unshift', 'includes', 'indexOf',
  'lastIndexOf', 'at', 'slice', 'concat', 'flat', 'toSorted', 'toReversed', 'toSpliced', 'with', 'delete', 'clear', 'keys', 'values', 'entries',
  ...RETURNS_RECEIVER]);
/** Methods handing each element, its index and the receiver itself to a callback: private with two parameters or fewer. */
const VISITS = new Set(['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap']);
/** Library functions that only look inside what they are given (or print it), and keep nothing of it. */
const LOOKS_INSIDE = new Set(['console.log', 'console.info', 'console.warn', 'console.error', 'console.table', 'JSON.stringify', 'Object.keys',
  'Object.values', 'Object.entries', 'Array.from', 'Array.isArray']);

const found = new WeakMap<ts.Symbol, boolean>();

/** The symbol `expr` names, if it is a private container (see above). */
export function privateContainer(facts: FileFacts, expr: ts.Expression): ts.Symbol | undefined {
  const { ts, ctx } = facts;
  if (!ts.isIdentifier(expr) || !facts.isFileLocal(expr)) return undefined;
  const symbol = symbolOf(ctx, expr);
  if (!symbol) return undefined;
  let known = found.get(symbol);
  if (known === undefined) {
    const declaration = symbol.valueDeclaration as ts.VariableDeclaration;
    known = (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 && declaration.initializer !== undefined &&
      isFresh(ctx, declaration.initializer) && facts.references(symbol).every((ref) => ref === declaration.name || keepsToItself(facts, ref) ||
        returnedByItsFunction(ts, ref, declaration));
    found.set(symbol, known);
  }
  return known ? symbol : undefined;
}

/**
 * `return out` by the function that made it (tester #27's rs6: `const out = []; for (const s of seeds) out.push(work(s));
 * return out`), or inside the literal it returns (`return { out, errors }`, `return [out, n]`): handed on only as that
 * call ends, when none of its code can run any more; another call makes its own.
 */
function returnedByItsFunction(t: typeof ts, ref: ts.Identifier, declaration: ts.VariableDeclaration): boolean {
  const owner = (node: ts.Node) => t.findAncestor(node.parent, t.isFunctionLike);
  let value: ts.Node = ref;
  while (t.isShorthandPropertyAssignment(value.parent) || (t.isPropertyAssignment(value.parent) && value.parent.initializer === value) ||
    t.isObjectLiteralExpression(value.parent) || t.isArrayLiteralExpression(value.parent) || t.isParenthesizedExpression(value.parent)) value = value.parent;
  return t.isReturnStatement(value.parent) && value.parent.expression === value && owner(ref) !== undefined && owner(ref) === owner(declaration);
}

function keepsToItself(facts: FileFacts, ref: ts.Identifier): boolean {
  const { ts } = facts;
  const parent = ref.parent;
  if (ts.isElementAccessExpression(parent) && parent.expression === ref) return true;
  if ((ts.isForOfStatement(parent) && parent.expression === ref) || ts.isSpreadElement(parent)) return true;
  if (ts.isCallExpression(parent) && parent.arguments.includes(ref)) {
    const callee = parent.expression;
    return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && LOOKS_INSIDE.has(`${callee.expression.text}.${callee.name.text}`) &&
      (callee.expression.text === 'console' || isLibrary(facts.ctx, callee));
  }
  if (!ts.isPropertyAccessExpression(parent) || parent.expression !== ref || parent.questionDotToken) return false;
  const call = parent.parent;
  const called = ts.isCallExpression(call) && call.expression === parent;
  // `out.a` of a record it fills (tester #27's rA): a field read or stored, as `out[k]` is; not a method's call.
  if (!isLibrary(facts.ctx, parent)) return !called;
  // The library's own members only: a method of the program's may keep `this` anywhere.
  const name = parent.name.text;
  if (!ts.isCallExpression(call) || call.expression !== parent) return KEEPS_TO_ITSELF.has(name);
  if (RETURNS_RECEIVER.has(name)) return !facts.resultUsed(call);
  if (KEEPS_TO_ITSELF.has(name)) return true;
  const callback = call.arguments[0];
  return VISITS.has(name) && callback !== undefined && ts.isArrowFunction(callback) && callback.parameters.length <= 2;
}
