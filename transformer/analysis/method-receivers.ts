/**
 * Whether calling a method of the program changes the object it is called on (call-effects.ts asks before taking a
 * method's receiver to be written). The method is found by its declaration, on an object this function made
 * (held-callbacks.ts), or on the object a chain of calls hands back (fluent.ts); it may be a class's or an object
 * literal's method, a function written as a property's value (`nrd: function (x) { … }`), or one assigned to a
 * constructor function's prototype (`Stack.prototype.get = stackGet`: prototype-members.ts). It leaves its object
 * alone when every use of `this` is quiet (getters.ts: primitive fields read, reading built-ins called on its parts)
 * or hands `this` to a function whose summary neither writes nor keeps it (InternMap's `get(k) { return
 * super.get(intern_get(this, k)) }`). An arrow function's `this` is not its receiver at all.
 */
import type * as ts from 'typescript';
import { overridingMethods } from './overrides';
import { isPrototypeMethodCall } from './prototype-members';
import { calledFunction, isPrimitiveNode, type AnalysisContext, type FunctionLike } from './context';
import { methodOfAllocation } from './held-callbacks';
import { chainedMethod } from './fluent';
import { objectUses, ownGetterRead, quietBesidesGetter } from './getters';
import { argumentParam, type ParamEffects, type SummaryLookup } from './param-effects';
import { Callbacks } from './callbacks';
import { thisEffects } from './function-effects';

/** The program's method `call` runs, with a body. */
export function programMethod(ctx: AnalysisContext, fn: FunctionLike, call: ts.CallExpression): FunctionLike | undefined {
  const { ts } = ctx;
  const target = calledFunction(ctx, call) ?? methodOfAllocation(ctx, fn, call) ?? chainedMethod(ctx, call);
  const method = target && (ts.isMethodDeclaration(target) ||
    ((ts.isFunctionExpression(target) || ts.isArrowFunction(target)) && ts.isPropertyAssignment(target.parent)) ||
    isPrototypeMethodCall(ctx, call, target));
  return method && target.body ? target : undefined;
}

/**
 * The first use of `this` by which `method` may change or hand out its object; undefined when it leaves it alone.
 * `readingThis`: the call site discharged what the method's reading-callbacks summary assumed of its object (the
 * functions a constructor fixed in its fields read: `new InternMap()` with its default `keyof`), so a function `this`
 * is handed to is judged by the summary the method's own analysis under that assumption gives it (`intern_get(this,
 * k)` calling `this._key`), not by its general one, where `_key` is unknown code. Without it, d3-array's `mode` wrote
 * its values: `counts.get(v)` after `counts.set(v, …)` took `get` to change `counts`, which held them.
 */
export function changingUse(ctx: AnalysisContext, method: FunctionLike, lookup: SummaryLookup, readingThis = false): ts.Node | undefined {
  if (ctx.ts.isArrowFunction(method)) return undefined;
  if (judging.has(method)) return method; // (a method that reaches itself again: taken to change its object)
  judging.add(method);
  try {
    const use = objectUses(ctx, method).find((use) => !givenToReader(ctx, use, lookup, readingThis ? method : undefined) &&
      !quietOwnMember(ctx, use, lookup));
    // A use the quick judgement cannot clear (`let n = this.head`, a cursor walking a list): what the method's own
    // analysis, following its object as a parameter, finds it does to it.
    return use && !onlyReadsItsObject(ctx, method, lookup) ? use : undefined;
  } finally {
    judging.delete(method);
  }
}

const judging = new Set<ts.Node>();

/** The method neither writes its object (nor what it holds) nor lets any of it out, by its own analysis. */
function onlyReadsItsObject(ctx: AnalysisContext, method: FunctionLike, lookup: SummaryLookup): boolean {
  const e = objectEffects(ctx, method, lookup);
  return e !== undefined && !e.written && !e.writtenLater && keeps(e);
}

/**
 * No part of the method's object is in its result or anywhere else after the call (`values() { … out.push(n.v);
 * return out }`): a call's result then holds none of its receiver (reach.ts).
 */
export function keepsObjectIn(ctx: AnalysisContext, method: FunctionLike, lookup: SummaryLookup): boolean {
  if (!ownStateOnly(ctx, method)) return false;
  const e = objectEffects(ctx, method, lookup);
  return e !== undefined && keeps(e);
}

/**
 * A class's method whose state is its object's: it names nothing outside it that could hold what an earlier call
 * was given (a closure's `let a`, a module's Map, a function returning either), only classes, enums, the language's
 * globals and constants of primitive value. Otherwise its object stands for that state: `o.min(lo); o.min().k = 1`
 * writes lo through a closure's variable (reach.ts takes the result as part of the receiver then).
 */
function ownStateOnly(ctx: AnalysisContext, method: FunctionLike): boolean {
  const { ts } = ctx;
  if (!ts.isMethodDeclaration(method) || !ts.isClassDeclaration(method.parent) || !method.body) return false;
  const outer = (node: ts.Node): boolean => {
    if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) &&
      !(ts.isPropertyAssignment(node.parent) && node.parent.name === node) && !ts.isTypeNode(node.parent)) {
      const symbol = ctx.checker.getSymbolAtLocation(node);
      const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
      if (!declaration) return node.text !== 'undefined';
      if (declaration.pos >= method.pos && declaration.end <= method.end) return false;
      if (declaration.getSourceFile().isDeclarationFile) return /^(globalThis|global|window|self)$/.test(node.text);
      if (ts.isClassDeclaration(declaration) || ts.isEnumDeclaration(declaration) || ts.isEnumMember(declaration)) return false;
      if (ts.isImportSpecifier(declaration) || ts.isImportClause(declaration)) {
        const target = ctx.checker.getAliasedSymbol(symbol!).valueDeclaration;
        return !(target && (ts.isClassDeclaration(target) || ts.isEnumDeclaration(target)));
      }
      return !(ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) &&
        isPrimitiveNode(ctx, node as ts.Expression));
    }
    if (ts.isTypeNode(node)) return false;
    return ts.forEachChild(node, outer) === true;
  };
  return !outer(method.body);
}

const keeps = (e: ParamEffects): boolean => !e.escaped && !e.escapedOtherwise && !e.kept && !e.toCallback;

const objectEffectsOf = new WeakMap<SummaryLookup, WeakMap<ts.Node, ParamEffects>>();
const following = new Set<ts.Node>();

/** thisEffects, once per method and lookup; undefined while the method is being followed (a recursive method). */
function objectEffects(ctx: AnalysisContext, method: FunctionLike, lookup: SummaryLookup): ParamEffects | undefined {
  let known = objectEffectsOf.get(lookup);
  if (!known) { known = new WeakMap(); objectEffectsOf.set(lookup, known); }
  const found = known.get(method);
  if (found || following.has(method)) return found;
  following.add(method);
  try {
    const effects = thisEffects(ctx, method, lookup);
    // (Judged while another method was followed, it may be conservative: kept all the same, it is only imprecise.)
    known.set(method, effects);
    return effects;
  } finally {
    following.delete(method);
  }
}

/**
 * `this.dot(o)`, `this.len`: a method or getter of the program run on the same object, which leaves it alone by this
 * same judgement (its arguments are uses of their own). Vec3's `get length() { return Math.sqrt(this.dot(this)) }` and
 * `normalized() { return this.scale(1 / this.length) }` only read; a getter that counts its reads (`++this.n`) does not.
 */
function quietOwnMember(ctx: AnalysisContext, self: ts.Node, lookup: SummaryLookup): boolean {
  const { ts } = ctx;
  const getter = ownGetterRead(ctx, self);
  if (getter) return changingUse(ctx, getter as unknown as FunctionLike, lookup) === undefined && quietBesidesGetter(ctx, self);
  const access = self.parent;
  const call = access.parent;
  if (!ts.isPropertyAccessExpression(access) || access.expression !== self || !ts.isCallExpression(call) || call.expression !== access) return false;
  return leavesReceiverAlone(ctx, call, lookup);
}

/**
 * `o.m(…)` runs a method of the program that leaves its object alone and hands none of it back (`f.name()` of
 * `name() { return this.constructor.name }`), whichever class's `m` the object has (overrides.ts): a read of `o`.
 */
export function leavesReceiverAlone(ctx: AnalysisContext, call: ts.CallExpression, lookup: SummaryLookup): boolean {
  const { ts } = ctx;
  if (!ts.isPropertyAccessExpression(call.expression)) return false;
  const targets = overridingMethods(ctx, call.expression) ?? [calledFunction(ctx, call)];
  return targets.length > 0 && targets.every((target) => target !== undefined && (ts.isMethodDeclaration(target) || isPrototypeMethodCall(ctx, call, target)) && target.body !== undefined &&
    !target.getSourceFile().isDeclarationFile && changingUse(ctx, target, lookup) === undefined && !returnsThisPart(ctx, target));
}

/** The method may hand back its object or a part of it (`return this`, `return this.items`): its result is then watched as such. */
function returnsThisPart(ctx: AnalysisContext, method: FunctionLike): boolean {
  const { ts } = ctx;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || (node !== method && (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassLike(node)))) return;
    if (ts.isReturnStatement(node) && node.expression && !isPrimitiveNode(ctx, node.expression)) {
      const uses: ts.Node[] = [];
      const collect = (n: ts.Node): void => { if (n.kind === ts.SyntaxKind.ThisKeyword) uses.push(n); ts.forEachChild(n, collect); };
      collect(node.expression);
      // (`new Vec3(this.x * k, …)`: numbers read from it hand nothing out.)
      if (uses.some((self) => !isPrimitiveNode(ctx, accessEnd(ts, self) as ts.Expression))) found = true;
    }
    ts.forEachChild(node, visit);
  };
  if (method.body) visit(method.body);
  return found;
}

/** The expression a use of `this` is the object of (`this.n++` for the `this` of `this.n`), for reasons. */
export function useOf(t: typeof ts, self: ts.Node): ts.Node {
  let end = self;
  while ((t.isPropertyAccessExpression(end.parent) || t.isElementAccessExpression(end.parent)) && end.parent.expression === end) end = end.parent;
  return t.isExpressionStatement(end.parent) ? end : end.parent;
}

/**
 * `intern_get(this, key)`: `this` handed to a function of the program that neither writes nor keeps it (by its general
 * summary, or, in `readingMethod` whose object's assumptions the call site discharged, by the summary that method's
 * reading-callbacks analysis gives this call).
 */
function givenToReader(ctx: AnalysisContext, self: ts.Node, lookup: SummaryLookup, readingMethod?: FunctionLike): boolean {
  const call = self.parent;
  if (!ctx.ts.isCallExpression(call) || !call.arguments.includes(self as ts.Expression)) return false;
  const target = calledFunction(ctx, call);
  const index = target && argumentParam(target, call.arguments.indexOf(self as ts.Expression));
  if (!target || index === undefined || target.parameters[index]?.dotDotDotToken) return false;
  const summary = readingMethod ? new Callbacks(ctx, readingMethod, lookup, true).summaryAt(call, target) : lookup(target, false);
  const effect: ParamEffects | undefined = summary?.params[index];
  return effect !== undefined && !effect.written && !effect.writtenLater && !effect.escapedOtherwise && !effect.kept;
}

/**
 * Every use of `this` by which the method may change its object sets one of the object's own slots (`this.available--`,
 * `this.n = 0`, `delete this.k`), or reads one into a number or boolean: calling it writes the object, not what the object holds (es-toolkit's limitAsync:
 * `semaphore.acquire()` on a Semaphore holding the caller's `options.concurrency` wrote the options). A use that hands
 * `this` out, or reaches deeper (`this.items.push(x)`), keeps the deep write.
 */
export function onlySetsOwnSlots(ctx: AnalysisContext, method: FunctionLike, lookup: SummaryLookup): boolean {
  const { ts } = ctx;
  if (ts.isArrowFunction(method)) return false;
  return objectUses(ctx, method).every((self) => {
    if (givenToReader(ctx, self, lookup)) return true;
    let slot: ts.Node = self.parent;
    if (!((ts.isPropertyAccessExpression(slot) || ts.isElementAccessExpression(slot)) && slot.expression === self)) return false;
    while (ts.isParenthesizedExpression(slot.parent)) slot = slot.parent;
    const parent = slot.parent;
    if (ts.isBinaryExpression(parent)) {
      const op = parent.operatorToken.kind;
      if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) return parent.left === slot;
      // (A slot read by an operator whose result is a number or boolean hands nothing out: `this.available > 0`.)
      return op !== ts.SyntaxKind.BarBarToken && op !== ts.SyntaxKind.AmpersandAmpersandToken && op !== ts.SyntaxKind.QuestionQuestionToken &&
        op !== ts.SyntaxKind.CommaToken && op !== ts.SyntaxKind.PlusToken;
    }
    return ts.isDeleteExpression(parent) || ts.isTypeOfExpression(parent) || ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent);
  });
}

function accessEnd(t: typeof ts, self: ts.Node): ts.Node {
  let end = self;
  while ((t.isPropertyAccessExpression(end.parent) || t.isElementAccessExpression(end.parent)) && end.parent.expression === end) end = end.parent;
  return end;
}
