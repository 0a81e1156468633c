/**
 * Expressions whose value is a fresh object nothing else refers to (`new …`, literals of primitives or fresh parts,
 * copies of primitives, `new Float64Array(n).fill(v)`, `xs.map(() => new X())`): a variable only ever holding such
 * values can be followed by the planner, and a container built of them holds no second names.
 */
import type * as ts from 'typescript';
import { COPYING_METHODS, TYPED_ARRAYS } from '../analysis/builtins';
import { readTaskTags } from '../analysis/tags';
import { calledFunction, hasPrimitiveElements, isLibraryGlobal, isPrimitiveNode, qualifiedName, symbolOf, type AnalysisContext, type FunctionLike } from '../analysis/context';
import { skipTransparent } from './syntax';

/** Methods that return their receiver (Map's set and Set's add too). */
export const RETURNS_RECEIVER = new Set(['fill', 'sort', 'reverse', 'copyWithin', 'set', 'add']);
const TYPED_ARRAY_NAMES = new Set(TYPED_ARRAYS);

/** Built-in constructors that copy the elements of an iterable argument into a new object. */
const COPYING_CONSTRUCTORS = new Set([...TYPED_ARRAY_NAMES, 'Set', 'Map']);

const factories = new WeakMap<ts.Node, boolean>();

/**
 * A function of the program every return of which makes its object right there (`return { w, kids: [] }`,
 * `(n) => new Float64Array(n)`): each call hands back a fresh object no one else refers to.
 */
function makesFreshObjects(ctx: AnalysisContext, fn: FunctionLike | undefined): boolean {
  const { ts } = ctx;
  if (!fn || !fn.body || fn.asteriskToken || (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async)) return false;
  if (readTaskTags(ctx, fn)) return false; // (a task's call is a submission: its value is a Future, futures.ts)
  const known = factories.get(fn);
  if (known !== undefined) return known;
  factories.set(fn, false); // (a factory calling itself is asked again while it is decided)
  const body = fn.body;
  let fresh: boolean;
  if (!ts.isBlock(body)) fresh = isFresh(ctx, body);
  else {
    const returned: (ts.Expression | undefined)[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isReturnStatement(node)) returned.push(node.expression);
      if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
    };
    visit(body);
    fresh = returned.length > 0 && returned.every((e) => e !== undefined && isFresh(ctx, e));
  }
  factories.set(fn, fresh);
  return fresh;
}

/**
 * `freshName` says whether a name inside a literal stands for a fresh object nothing else names
 * (`const cells = new Uint8Array(4); boxes.push({ n: i, cells })`: see freshNameUsedOnce).
 */
export function isFresh(ctx: AnalysisContext, expr: ts.Expression, freshName: (id: ts.Identifier) => boolean = () => false): boolean {
  const { ts } = ctx;
  const named = (e: ts.Expression): boolean => ts.isIdentifier(e) && freshName(e);
  while (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) expr = expr.expression;
  if (ts.isArrayLiteralExpression(expr)) {
    return expr.elements.every((e) => isPrimitiveNode(ctx, e) || named(e) || (!ts.isIdentifier(e) && !ts.isSpreadElement(e) && isFresh(ctx, e, freshName)));
  }
  if (ts.isObjectLiteralExpression(expr)) {
    return expr.properties.every((p) => (ts.isPropertyAssignment(p) && (isPrimitiveNode(ctx, p.initializer) || isFresh(ctx, p.initializer, freshName))) ||
      (ts.isShorthandPropertyAssignment(p) && (isPrimitiveNode(ctx, p.name) || named(p.name)))); // `{ id }` with a primitive id copies it
  }
  if (ts.isNewExpression(expr)) {
    const first = expr.arguments?.[0];
    if (!first || isPrimitiveNode(ctx, first)) return true; // new Map(), new Float64Array(n)
    if (ts.isArrayLiteralExpression(first)) return isFresh(ctx, first, freshName);
    // A view of a buffer (TypeScript 5.7+ prints a typed array's type as `Float64Array<ArrayBuffer>`: ask the symbol).
    if (/^(Shared)?ArrayBuffer(Like)?$/.test(ctx.checker.getTypeAtLocation(first).getSymbol()?.getName() ?? '')) return false;
    // new Float64Array(other), new Set(numbers): the built-in copies numbers. Any other constructor (`new Pair(a)`,
    // `new Proxy(a, h)`, `new Array(a)`, `new WeakRef(a)`) may keep the object itself.
    const constructor = ts.isIdentifier(expr.expression) ? expr.expression.text : '';
    return COPYING_CONSTRUCTORS.has(constructor) && isLibraryGlobal(ctx, expr.expression) && hasPrimitiveElements(ctx, first);
  }
  if (ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === 'structuredClone') return true;
  // `make(1)` with `function make(w) { return { w, kids: [] } }`: a factory of the program making it where it returns it.
  if (ts.isCallExpression(expr) && makesFreshObjects(ctx, calledFunction(ctx, expr))) return true;
  if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression)) {
    const method = expr.expression.name.text;
    const receiver = expr.expression.expression;
    const primitiveArgs = expr.arguments.every((a) => isPrimitiveNode(ctx, a));
    // `new Float64Array(n).fill(v)`, `.sort()`: the receiver itself, changed; fresh if it was, with primitives put in.
    if (RETURNS_RECEIVER.has(method) && primitiveArgs && isFresh(ctx, receiver)) return true;
    if (COPYING_METHODS.has(method) && hasPrimitiveElements(ctx, expr)) return true;
    const name = qualifiedName(ts, expr.expression);
    if (name === 'structuredClone') return true;
    // `JSON.parse(text)` builds every object it returns (a reviver, the second argument, may hand back any object).
    if (name === 'JSON.parse' && expr.arguments.length === 1 && isLibraryGlobal(ctx, receiver)) return true;
    // Float64Array.from / .of copy numbers into a new array.
    if ((method === 'from' || method === 'of') && ts.isIdentifier(receiver) && TYPED_ARRAY_NAMES.has(receiver.text)) return true;
    // Array.from and .map copy references: fresh when the elements are primitives or each one is made by the callback.
    const make = name === 'Array.from' ? expr.arguments[1] : method === 'map' ? expr.arguments[0] : undefined;
    if (make && (ts.isArrowFunction(make) || ts.isFunctionExpression(make))) {
      return ts.isBlock(make.body) ? false : isPrimitiveNode(ctx, make.body) || isFresh(ctx, make.body);
    }
    return name === 'Array.from' && hasPrimitiveElements(ctx, expr);
  }
  return false;
}

/**
 * `const next: T[] = []`, `const sums = new Float64Array(n)`: a `const` whose initializer makes a fresh object (by
 * `fresh`, isFresh unless given), declared inside `within` when given. An object no caller gave, under this one name.
 */
export function isMadeConst(ctx: AnalysisContext, symbol: ts.Symbol, fresh: (expr: ts.Expression) => boolean = (expr) => isFresh(ctx, expr),
  within?: ts.Node): boolean {
  const { ts } = ctx;
  const declaration = symbol.valueDeclaration;
  return declaration !== undefined && ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 &&
    declaration.initializer !== undefined && fresh(skipTransparent(ts, declaration.initializer)) &&
    (within === undefined || (declaration.pos >= within.pos && declaration.end <= within.end));
}

/**
 * `const cells = new Uint8Array(n); for (…) cells[k] = …; boxes.push({ n: i, cells })`: a `const` of this file holding
 * a fresh object, whose last mention is `ref`, which runs once per declaration (no loop or function between them);
 * the mentions before it only index it or read its length, in the same function. The literal is then the object's
 * only holder, as if it had been written in place.
 */
export function freshNameUsedOnce(ctx: AnalysisContext, ref: ts.Identifier, references: (symbol: ts.Symbol) => readonly ts.Identifier[]): boolean {
  const { ts } = ctx;
  const symbol = symbolOf(ctx, ref);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer ||
    !ts.isVariableDeclarationList(declaration.parent) || !(declaration.parent.flags & ts.NodeFlags.Const)) return false;
  const statement = declaration.parent.parent;
  if (!ts.isVariableStatement(statement) || statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return false;
  if (!isFresh(ctx, declaration.initializer) || runsMoreThanOnce(ts, ref, statement.parent)) return false;
  const home = enclosingFunctionOf(ts, ref);
  return references(symbol).every((other) => other === ref || other === declaration.name ||
    (other.end <= ref.pos && enclosingFunctionOf(ts, other) === home && onlyIndexed(ctx, other)));
}

/** A loop or a function lies between the node and the block its name was declared in. */
function runsMoreThanOnce(t: typeof ts, node: ts.Node, block: ts.Node): boolean {
  for (let n: ts.Node = node.parent; n !== block; n = n.parent) {
    if (!n || t.isFunctionLike(n) || t.isIterationStatement(n, false)) return true;
  }
  return false;
}

const enclosingFunctionOf = (t: typeof ts, node: ts.Node): ts.Node | undefined => t.findAncestor(node.parent, t.isFunctionLike);

/** `cells[k] = 1`, `cells[k]`, `cells.length` of primitives: the object's contents or size, never an object in it. */
function onlyIndexed(ctx: AnalysisContext, ref: ts.Identifier): boolean {
  const t = ctx.ts;
  const parent = ref.parent;
  if (t.isElementAccessExpression(parent) && parent.expression === ref) return isPrimitiveNode(ctx, parent);
  return t.isPropertyAccessExpression(parent) && parent.expression === ref && parent.name.text === 'length' &&
    !(t.isBinaryExpression(parent.parent) && parent.parent.left === parent);
}
