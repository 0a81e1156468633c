/**
 * What a task may set on an object that no worker can send back (np44's F17, F18), where copy-back would drop it
 * without a word:
 * - a symbol-keyed property (`r[SEEN] = true`, `Reflect.set(r, SEEN, true)`): no file carries a symbol, and the
 *   worker's `SEEN` is not the program's;
 * - a property with attributes of its own (`Object.defineProperty(r, 'full', { get() {…} })` comes back as the value
 *   its getter gave once; `{ value, writable: false }` comes back writable);
 * - a named property of a Map, Set, Date or typed array (`m.version = 2`): only their entries, time and elements travel.
 * The plain call leaves these on the caller's object, so the task's calls run in place. Looked for in the task's body
 * and the code it reaches, on any object: one the task makes and returns loses them the same way.
 */
import type * as ts from 'typescript';
import { qualifiedName, type AnalysisContext, type FunctionLike } from './context';
import { firstInCodeRun } from './reached-code';
import { isWriteTarget } from '../rewrite/syntax';

/** Builtins whose instances carry their contents in internal slots: a property of their own does not travel. */
const SLOT_HOLDERS = new Set(['Map', 'Set', 'Date', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'Buffer']);

const DEFINERS = new Set(['Object.defineProperty', 'Reflect.defineProperty', 'Object.defineProperties']);

/** The first such change the task makes (its text, and what it sets), or undefined. */
export function untravelledProperty(ctx: AnalysisContext, fn: FunctionLike): string | undefined {
  const { ts } = ctx;
  let found: string | undefined;
  const at = (node: ts.Node, what: string): void => { found = `\`${shortText(node)}\` sets ${what}`; };
  const visit = (node: ts.Node): void => {
    if (found) return;
    if ((ts.isElementAccessExpression(node) || ts.isPropertyAccessExpression(node)) && isWriteTarget(ts, node)) {
      if (ts.isElementAccessExpression(node) && isSymbolTyped(ctx, node.argumentExpression)) return at(node.parent, 'a symbol-keyed property');
      // (`m.version`, `m['version']`, `(m as any).version`: the object's own type, under a cast.)
      const holder = slotHolder(ctx, node.expression) ?? slotHolder(ctx, uncast(ts, node.expression));
      const named = ts.isPropertyAccessExpression(node) || ts.isStringLiteralLike(node.argumentExpression);
      if (holder && named) return at(node.parent, `a property of its own on a ${holder}`);
    }
    if (ts.isCallExpression(node)) {
      const name = qualifiedName(ts, node.expression);
      const [target, key, descriptor] = node.arguments;
      if (name === 'Reflect.set' && key && isSymbolTyped(ctx, key)) return at(node, 'a symbol-keyed property');
      // `Object.assign(m, { version })`, `Object.assign(r, { [SEEN]: true })`.
      if (name === 'Object.assign' && target) {
        const holder = slotHolder(ctx, uncast(ts, target));
        if (holder) return at(node, `a property of its own on a ${holder}`);
        const sources = node.arguments.slice(1);
        if (sources.some((source) => ts.isObjectLiteralExpression(source) && source.properties.some((p) => p.name !== undefined &&
          ts.isComputedPropertyName(p.name) && isSymbolTyped(ctx, p.name.expression)))) return at(node, 'a symbol-keyed property');
      }
      if (name && DEFINERS.has(name) && target && !madeAndKept(ctx, target, node)) {
        if (name !== 'Object.defineProperties' && key && isSymbolTyped(ctx, key)) return at(node, 'a symbol-keyed property');
        const descriptors = name === 'Object.defineProperties' ? key : descriptor;
        if (!descriptors || !plainDescriptors(ctx, descriptors, name === 'Object.defineProperties')) return at(node, 'a property with attributes of its own');
      }
    }
    ts.forEachChild(node, visit);
  };
  firstInCodeRun(ctx, fn, (code) => { visit(code); return found; });
  return found;
}

/**
 * A descriptor (or, `many`, an object literal of them) that makes a plain data property, as an assignment would:
 * written out, no getter or setter, and no attribute said other than `true` (but a hidden one, `enumerable: false` or
 * a new property's default: an object with hidden keys goes with every key's attributes, store/encoder.ts `record`).
 */
function plainDescriptors(ctx: AnalysisContext, node: ts.Expression, many: boolean): boolean {
  const { ts } = ctx;
  if (!ts.isObjectLiteralExpression(node)) return false;
  if (many) return node.properties.every((p) => ts.isPropertyAssignment(p) && plainDescriptors(ctx, p.initializer, false));
  const said = new Map<string, string>();
  for (const p of node.properties) {
    if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return false;
    said.set(p.name.text, p.initializer.getText());
  }
  if (said.has('get') || said.has('set')) return false;
  const enumerable = said.get('enumerable');
  if (enumerable === 'false') return true;
  // (Said enumerable, a new property is read-only and fixed unless said otherwise; not said, a new one is hidden and
  // an existing one keeps what it was: only an attribute said other than `true` is lost.)
  const kept = (attribute: string): boolean => enumerable === undefined ? [undefined, 'true'].includes(said.get(attribute)) : said.get(attribute) === 'true';
  return (enumerable === undefined || enumerable === 'true') && kept('writable') && kept('configurable');
}

/**
 * `tmp` of `const tmp = {}` in the function making the call, used there only by reading it or defining on it: an
 * object the task makes and never hands anywhere (rev60's F6: a getter defined on a scratch object kept a task in
 * place). Handed to a call, stored, returned or captured, it could reach the caller.
 */
function madeAndKept(ctx: AnalysisContext, target: ts.Expression, definer: ts.CallExpression): boolean {
  const { ts } = ctx;
  const name = uncast(ts, target);
  const symbol = ts.isIdentifier(name) ? ctx.checker.getSymbolAtLocation(name) : undefined;
  const declaration = symbol?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return false;
  const made = uncast(ts, declaration.initializer);
  const home = ts.findAncestor(declaration, ts.isFunctionLike);
  if (!(ts.isObjectLiteralExpression(made) || ts.isArrayLiteralExpression(made)) || !home || ts.findAncestor(definer, ts.isFunctionLike) !== home) return false;
  let kept = true;
  const visit = (node: ts.Node): void => {
    if (!kept) return;
    if (ts.isIdentifier(node) && node !== declaration.name && ctx.checker.getSymbolAtLocation(node) === symbol) {
      const use = ts.findAncestor(node.parent, (n) => !ts.isParenthesizedExpression(n) && !ts.isAsExpression(n) && !ts.isNonNullExpression(n)) ?? node.parent;
      const read = (ts.isPropertyAccessExpression(use) || ts.isElementAccessExpression(use)) && !isWriteTarget(ts, use);
      const defined = ts.isCallExpression(use) && use.arguments[0] !== undefined && uncast(ts, use.arguments[0]) === node &&
        DEFINERS.has(qualifiedName(ts, use.expression) ?? '');
      if (!read && !defined) kept = false;
      // (Inside a function made there, a closure that may outlive the call.)
      if (ts.findAncestor(node, ts.isFunctionLike) !== home) kept = false;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(home);
  return kept;
}

/** The expression under casts and parentheses (`(m as any)` is m). */
function uncast(t: typeof ts, node: ts.Expression): ts.Expression {
  while (t.isParenthesizedExpression(node) || t.isAsExpression(node) || t.isTypeAssertionExpression(node) || t.isNonNullExpression(node) ||
    t.isSatisfiesExpression(node)) node = node.expression;
  return node;
}

function isSymbolTyped(ctx: AnalysisContext, node: ts.Expression): boolean {
  const type = ctx.checker.getTypeAtLocation(node);
  const symbolLike = ctx.ts.TypeFlags.ESSymbolLike;
  return type.isUnion() ? type.types.some((t) => (t.flags & symbolLike) !== 0) : (type.flags & symbolLike) !== 0;
}

/** `m` holds a Map, Set, Date or typed array (alone, or with properties of its own: `Map<K, V> & { version?: number }`). */
function slotHolder(ctx: AnalysisContext, node: ts.Expression): string | undefined {
  const type = ctx.checker.getNonNullableType(ctx.checker.getTypeAtLocation(node));
  const parts = type.isUnionOrIntersection() ? type.types : [type];
  for (const part of parts) {
    const name = part.getSymbol()?.getName();
    if (name && SLOT_HOLDERS.has(name) && part.getSymbol()!.getDeclarations()?.every((d) => d.getSourceFile().isDeclarationFile)) return name;
  }
  return undefined;
}

function shortText(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
