/**
 * Methods of constructor-function classes (JavaScript before `class`): `function Stack(entries) { this.__data__ = … }`
 * with `Stack.prototype.get = stackGet` (stackGet in another module), `XMap.prototype['@@transducer/step'] = function
 * …`, or `Hash.prototype = { get: function … , set(k, v) { … } }`. The checker types `new Stack` as an instance whose
 * members are those assignments, and resolves `s.get(k)` to the member; the analysis then trusts it as it trusts a
 * class's method (callee-names.ts, method-receivers.ts): the call runs that function with `this` = the instance.
 *
 * Only while the prototype stays what the analysis sees (`isClosedPrototype`): every mention of the constructor is a
 * `new F(…)`, a call, `instanceof F`, an import or export of it, a static member, or `F.prototype` in one of the
 * forms above (`F.prototype.m = v`, `F.prototype['m'] = v`, reading `F.prototype.m`, one `F.prototype = { … }`).
 * Anything else may make another object's prototype hold F's (a subclass: `Object.create(F.prototype)`, `C.prototype =
 * new F`, `inherits(C, F)`, `class extends F`) or change F's (`F.prototype = make()`, `extend(F.prototype, src)`), so
 * the member is none function in particular: the call is unknown code, as before. So is every prototype member of a
 * program that sets an object's prototype (`Object.setPrototypeOf`, `Reflect.setPrototypeOf`, `o.__proto__ = p`),
 * which may be an instance's. A member assigned twice, or written on an instance (`s.get = w`), is replaced-members.ts's.
 *
 * The same mentions tell whether the constructor runs only by `new` (`isConstructedOnly`): then its `this` is the new
 * object, and what it stores there is kept by that object (parameter-properties.ts), as a class constructor's stores.
 */
import type * as ts from 'typescript';
import { isFunctionLike, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { skipParens } from './expressions';
import { functionOfExpression, functionOfSymbol } from './function-of-symbol';

/** Per program: whether some code sets an object's prototype; per constructor declaration: whether its prototype is closed. */
const prototypeSetter = new WeakMap<ts.Program, boolean>();
const closed = new WeakMap<ts.Program, Map<ts.Node, Mentions>>();

/** What the mentions of a constructor say: its prototype stays as seen; it is also called without `new` (`F(x)`, `F.call(o, x)`). */
interface Mentions { readonly closed: boolean; readonly called: boolean }

/**
 * The function `callee` (`recv.m`, `recv['m']`) runs when the checker binds it to a member of a constructor function's
 * closed prototype; undefined otherwise.
 */
export function prototypeMethod(ctx: AnalysisContext, callee: ts.Expression): FunctionLike | undefined {
  const { ts } = ctx;
  callee = skipParens(ts, callee);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name
    : ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression) ? callee.argumentExpression : undefined;
  const member = name && ctx.checker.getSymbolAtLocation(name);
  const declarations = member?.declarations ?? [];
  if (declarations.length !== 1) return undefined;
  const found = memberValue(ctx, declarations[0]);
  return found && isClosedPrototype(ctx, found.owner) ? found.fn : undefined;
}

/** The function a prototype member's declaration gives it and the constructor whose prototype it is on. */
function memberValue(ctx: AnalysisContext, declaration: ts.Node): { fn: FunctionLike; owner: ts.Identifier } | undefined {
  const { ts } = ctx;
  if (declaration.getSourceFile().isDeclarationFile) return undefined;
  // `F.prototype.m = v`, `F.prototype['m'] = v` (the declaration is the assignment's target).
  if ((ts.isPropertyAccessExpression(declaration) || ts.isElementAccessExpression(declaration)) && ts.isBinaryExpression(declaration.parent) &&
    declaration.parent.left === declaration && declaration.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    const owner = prototypeOwner(ts, declaration.expression);
    const fn = owner && functionOfExpression(ctx, assignedValue(ts, declaration.parent.right), 0);
    return owner && fn?.body ? { fn, owner } : undefined;
  }
  // `F.prototype = { m: v, m() {} }`.
  if ((ts.isPropertyAssignment(declaration) || ts.isMethodDeclaration(declaration)) && ts.isObjectLiteralExpression(declaration.parent)) {
    const assignment = declaration.parent.parent;
    if (!ts.isBinaryExpression(assignment) || assignment.right !== declaration.parent || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken ||
      !ts.isPropertyAccessExpression(assignment.left) || assignment.left.name.text !== 'prototype' || !ts.isIdentifier(assignment.left.expression)) return undefined;
    const fn = ts.isMethodDeclaration(declaration) ? declaration : functionOfExpression(ctx, declaration.initializer, 0);
    return fn?.body ? { fn, owner: assignment.left.expression } : undefined;
  }
  return undefined;
}

/** `F.prototype`: F. */
function prototypeOwner(t: typeof ts, e: ts.Expression): ts.Identifier | undefined {
  e = skipParens(t, e);
  return t.isPropertyAccessExpression(e) && e.name.text === 'prototype' && t.isIdentifier(e.expression) ? e.expression : undefined;
}

/** The value of `a = b = f` is f (`SetCache.prototype.add = SetCache.prototype.push = setCacheAdd`). */
function assignedValue(t: typeof ts, e: ts.Expression): ts.Expression {
  e = skipParens(t, e);
  while (t.isBinaryExpression(e) && e.operatorToken.kind === t.SyntaxKind.EqualsToken) e = skipParens(t, e.right);
  return e;
}

/** The constructor `owner` names is a function of the program whose prototype only the forms above touch. */
function isClosedPrototype(ctx: AnalysisContext, owner: ts.Identifier): boolean {
  const symbol = symbolOf(ctx, owner);
  return symbol !== undefined && mentionsOf(ctx, symbol)?.closed === true;
}

/**
 * A function of the program only ever run by `new` (never called, `.call`ed, handed anywhere; its prototype closed):
 * its `this` is the object each `new` makes, so what it stores there (`this.__data__ = data`) is kept by that object,
 * as a class constructor's stores are (parameter-properties.ts), not stored outside the function.
 */
export function isConstructedOnly(ctx: AnalysisContext, fn: FunctionLike): boolean {
  const { ts } = ctx;
  const node: ts.Node = fn;
  const name = ts.isFunctionDeclaration(node) ? node.name
    : ts.isFunctionExpression(node) && ts.isVariableDeclaration(node.parent) && node.parent.initializer === node && ts.isIdentifier(node.parent.name) ? node.parent.name : undefined;
  const symbol = name && symbolOf(ctx, name);
  const mentions = symbol && mentionsOf(ctx, symbol);
  return mentions !== undefined && mentions.closed && !mentions.called;
}

function mentionsOf(ctx: AnalysisContext, symbol: ts.Symbol): Mentions | undefined {
  const { ts } = ctx;
  const declaration = symbol.valueDeclaration;
  const constructor = declaration && (ts.isFunctionDeclaration(declaration) ? declaration
    : ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isFunctionExpression(skipParens(ts, declaration.initializer))
      ? skipParens(ts, declaration.initializer) as ts.FunctionExpression : undefined);
  if (!constructor || !constructor.body || constructor.getSourceFile().isDeclarationFile || setsPrototypes(ctx)) return undefined;
  let memo = closed.get(ctx.program);
  if (!memo) { memo = new Map(); closed.set(ctx.program, memo); }
  let known = memo.get(constructor);
  if (known === undefined) { known = everyMentionKnown(ctx, symbol, constructor); memo.set(constructor, known); }
  return known;
}

/** Every mention of the constructor, in every file of the program, is one of the forms that leave its prototype as seen. */
function everyMentionKnown(ctx: AnalysisContext, constructor: ts.Symbol, declaration: ts.Node): Mentions {
  const { ts, checker } = ctx;
  let literals = 0;
  let ok = true;
  let called = false;
  // Variables holding it (`var S = require('./_Stack')`, `var XWrap = function () { function XWrap(fn) { … } …; return
  // XWrap; }()`, the shape compilers give ES5 classes): their mentions are its own.
  const holders = new Map<ts.Symbol, boolean>();
  const isConstructor = (symbol: ts.Symbol): boolean => {
    const s = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (s === constructor) return true;
    let known = holders.get(s);
    if (known === undefined) {
      known = s.valueDeclaration !== undefined && ts.isVariableDeclaration(s.valueDeclaration) && functionOfSymbol(ctx, s) === declaration;
      holders.set(s, known);
    }
    return known;
  };
  const mentioned = (node: ts.Identifier): boolean => {
    const s = checker.getSymbolAtLocation(node);
    return s !== undefined && isConstructor(s);
  };
  const holder = (variable: ts.VariableDeclaration): boolean => ts.isIdentifier(variable.name) && mentioned(variable.name);
  for (const file of ctx.program.getSourceFiles()) {
    if (file.isDeclarationFile) continue;
    // The names it goes by in this file: its own, `default` (`ns.default` of a namespace import), and those its imports,
    // exports and variables give it (`import S from './_Stack.js'`, `export { Stack as S }`, `var S = require('./_Stack')`).
    const names = new Set([constructor.getName(), 'default']);
    const collect = (node: ts.Node): void => {
      if ((ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isExportSpecifier(node)) && node.name && ts.isIdentifier(node.name) && mentioned(node.name)) names.add(node.name.text);
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        const value = skipParens(ts, node.initializer);
        // (Only a value that may hold it for good: a function called at once, `require(…)`, a name it goes by.)
        const callee = ts.isCallExpression(value) ? skipParens(ts, value.expression) : undefined;
        const held = callee ? ts.isFunctionExpression(callee) || (ts.isIdentifier(callee) && callee.text === 'require') : ts.isIdentifier(value) && names.has(value.text);
        if (held && holder(node)) names.add(node.name.text);
      }
      ts.forEachChild(node, collect);
    };
    const linked = [...file.statements].some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) || file.text.includes('require(');
    if (!linked && !file.text.includes(constructor.getName())) continue;
    collect(file);
    const judge = (node: ts.Expression): void => {
      const form = mentionForm(ts, node, holder);
      if (form === 'literal') literals++;
      if (form === 'called') called = true;
      if (form === undefined || literals > 1) ok = false;
    };
    const visit = (node: ts.Node): void => {
      if (!ok) return;
      if (ts.isIdentifier(node) && names.has(node.text) && mentioned(node)) {
        // (`ns.Counter`, `ns.default`: the whole access is the mention.)
        judge(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node ? node.parent : node);
        return;
      }
      // `{ Counter }`: held by an object, whose member the checker binds to no constructor: taken as a change.
      if (ts.isShorthandPropertyAssignment(node) && names.has(node.name.text)) {
        const value = checker.getShorthandAssignmentValueSymbol(node);
        if (value && isConstructor(value)) ok = false;
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
    if (!ok) return { closed: false, called };
  }
  return { closed: true, called };
}

/**
 * How a mention of the constructor uses it: 'literal' for `F.prototype = { … }`, 'called' for a call without `new`,
 * 'known' for the other forms that leave its prototype as seen (see the top of this file), undefined for anything else.
 */
function mentionForm(t: typeof ts, id: ts.Expression, holder: (variable: ts.VariableDeclaration) => boolean): 'known' | 'literal' | 'called' | undefined {
  const parent = id.parent;
  // A variable's value, when the variable holds it for good (its mentions are then judged as its own): `var S = Stack`;
  // returned by the function a variable's initializer calls at once (`var C = function () { function C() {} …; return C }()`).
  if (t.isVariableDeclaration(parent) && parent.initializer === id) return holder(parent) ? 'known' : undefined;
  if (t.isReturnStatement(parent)) {
    let fn: ts.Node = parent.parent;
    while (fn && !t.isFunctionLike(fn)) fn = fn.parent;
    let call: ts.Node = fn;
    while (call && t.isParenthesizedExpression(call.parent)) call = call.parent;
    call = call?.parent;
    let value: ts.Node | undefined = call && t.isCallExpression(call) && skipParens(t, call.expression) === fn ? call : undefined;
    while (value && t.isParenthesizedExpression(value.parent)) value = value.parent;
    return value && t.isVariableDeclaration(value.parent) && value.parent.initializer === value && holder(value.parent) ? 'known' : undefined;
  }
  // Its own declaration, its import or export.
  if ((t.isFunctionDeclaration(parent) || t.isVariableDeclaration(parent) || t.isFunctionExpression(parent)) && (parent.name as ts.Node | undefined) === id) return 'known';
  if (t.isImportClause(parent) || t.isImportSpecifier(parent) || t.isExportSpecifier(parent) || t.isExportAssignment(parent)) return 'known';
  // (A name it is imported by or exported as, declared in an import or export: already a specifier's.)
  if (t.isNewExpression(parent) && parent.expression === id) return 'known';
  if (t.isCallExpression(parent) && parent.expression === id) return 'called';
  if (t.isBinaryExpression(parent) && parent.right === id && parent.operatorToken.kind === t.SyntaxKind.InstanceOfKeyword) return 'known';
  if (t.isTypeOfExpression(parent)) return 'known';
  // `module.exports = F`, `exports.F = F`.
  if (t.isBinaryExpression(parent) && parent.right === id && parent.operatorToken.kind === t.SyntaxKind.EqualsToken &&
    /^(module\.)?exports\b/.test(parent.left.getText())) return 'known';
  if (!t.isPropertyAccessExpression(parent) || parent.expression !== id) return undefined;
  if (parent.name.text !== 'prototype') {
    // (`F.call(this, x)`, `F.apply(o, args)`, `F.bind(o)`: run on another object than a new one.)
    if (['call', 'apply', 'bind'].includes(parent.name.text)) return 'called';
    // A static member (`F.of = …`, `F.of(x)`), but not one reaching the prototype another way.
    return parent.name.text === '__proto__' ? undefined : 'known';
  }
  const up = parent.parent;
  // `F.prototype = { … }`, once.
  if (t.isBinaryExpression(up) && up.left === parent) {
    return up.operatorToken.kind === t.SyntaxKind.EqualsToken && t.isObjectLiteralExpression(skipParens(t, up.right)) ? 'literal' : undefined;
  }
  // `F.prototype.m = v`, `F.prototype['m'] = v`, reading `F.prototype.m` (`F.prototype.m.call(o)`), not a computed key written.
  if (t.isPropertyAccessExpression(up) && up.expression === parent) return up.name.text === '__proto__' ? undefined : 'known';
  if (t.isElementAccessExpression(up) && up.expression === parent) {
    const written = t.isBinaryExpression(up.parent) && up.parent.left === up;
    return t.isStringLiteralLike(up.argumentExpression) || !written ? 'known' : undefined;
  }
  return undefined;
}

/** Some code of the program sets an object's prototype: `Object.setPrototypeOf`, `Reflect.setPrototypeOf`, `o.__proto__ = p`. */
function setsPrototypes(ctx: AnalysisContext): boolean {
  let known = prototypeSetter.get(ctx.program);
  if (known !== undefined) return known;
  const { ts } = ctx;
  known = false;
  const visit = (node: ts.Node): void => {
    if (known) return;
    if (ts.isPropertyAccessExpression(node) && (node.name.text === 'setPrototypeOf' ||
      (node.name.text === '__proto__' && ts.isBinaryExpression(node.parent) && node.parent.left === node))) { known = true; return; }
    ts.forEachChild(node, visit);
  };
  for (const file of ctx.program.getSourceFiles()) {
    if (file.isDeclarationFile || !/setPrototypeOf|__proto__/.test(file.text)) continue;
    visit(file);
    if (known) break;
  }
  prototypeSetter.set(ctx.program, known);
  return known;
}

/** The function is a member of a constructor function's prototype as seen at this call (for method-receivers.ts). */
export function isPrototypeMethodCall(ctx: AnalysisContext, call: ts.CallExpression, fn: FunctionLike): boolean {
  return isFunctionLike(ctx, fn) && prototypeMethod(ctx, call.expression) === fn;
}
