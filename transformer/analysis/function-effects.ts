/**
 * What one function does to its parameters: which it may write (directly, through aliases, or through the
 * functions it calls) and which it reads, each with the first place that shows it.
 *
 * What an expression may reach of the parameters comes from reach.ts (a parameter itself or a part of it, as against
 * an object holding one): writing into a value writes what it directly reaches; reading, passing or letting out a
 * value does so to everything it reaches. Flow-insensitive, erring on the side of writing: unknown code (no body,
 * `any`, a callback) is assumed to write whatever it is given, and to keep it.
 */
import type * as ts from 'typescript';
import { OVERWRITING_METHODS } from './builtins';
import { isFunctionLike, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { ReachMap } from './reach';
import type { Root } from './reach-flow';
import { all, elementsOf, nest } from './reach-values';
import { isSetterTarget, setterGivenPart, setterRuns } from './setter-runs';
import { mayHaveUntypedThen } from './implicit-writers';
import { isAssignmentOperator, isWriteTarget, rootIdentifier, skipParens } from './expressions';
import { Callbacks } from './callbacks';
import { Overwrites } from './overwrites';
import { changingGetter, changingGetterNames, changingGetterOf, isWriteTargetExpression } from './getters';
import { reasonAt, snippet } from './reason';
import type { ParamEffects, Summary, SummaryLookup } from './param-effects';
import { EffectRecorder } from './effect-recorder';
import { CallEffects } from './call-effects';
import { isReturnedClosure } from './returned-closures';
import { undoneWrites } from './undone-writes';
import { assignmentTargets } from './assignment-patterns';
import { changingUse } from './method-receivers';
import { heldByType } from './typed-reach';
import { keepParameterProperties } from './parameter-properties';
import { taggedTemplateEffects } from './tagged-templates';
import type { Bindings } from './bound-factory';

/** `readingCallbacks`: this function's own callback parameters are taken to only read what they are given. */
/** `bindings`: factory parameters holding known functions, for a made closure's bound summary (bound-factory.ts). */
export function analyzeFunction(ctx: AnalysisContext, fn: FunctionLike, lookup: SummaryLookup, readingCallbacks = false, bindings?: Bindings): Summary {
  return new FunctionEffects(ctx, fn, lookup, readingCallbacks, [], bindings).run();
}

/**
 * What `fn` does to each of `roots`, objects outside it followed as if they were parameters numbered after its own:
 * the nodes that write it, in order, through any name and any callee the analysis follows (`const { list } = S;
 * list.push(x)`, `pushTo(S.list, x)`, `for (const o of S) o.n++`), and where it stores one of `fn`'s own parameters
 * into it (`REG.push(o)`). Module objects a task keeps from call to call (module-writes.ts).
 */
export function rootEffects(ctx: AnalysisContext, fn: FunctionLike, lookup: SummaryLookup, roots: readonly ts.Symbol[]):
  Map<ts.Symbol, { readonly writes: readonly ts.Node[]; readonly storesParameter?: ts.Node }> {
  const effects = new FunctionEffects(ctx, fn, lookup, false, roots);
  effects.run();
  const found = new Map<ts.Symbol, { writes: readonly ts.Node[]; storesParameter?: ts.Node }>();
  roots.forEach((root, j) => {
    const { writes, storesParameter } = effects.rootEffects(fn.parameters.length + j);
    if (writes || storesParameter) found.set(root, { writes: writes ?? [], ...(storesParameter ? { storesParameter } : {}) });
  });
  return found;
}

/**
 * What the method `fn` does to its own object, followed as a parameter would be (`for (let n = this.head; n; n =
 * n.next) out.push(n.v)` only reads it), through the same reach and callees as a parameter.
 */
export function thisEffects(ctx: AnalysisContext, fn: FunctionLike, lookup: SummaryLookup): ParamEffects {
  return new FunctionEffects(ctx, fn, lookup, false, ['this']).run().params[fn.parameters.length];
}

/**
 * The same under the reading-callbacks summary: what it does to its `this` when the functions it is given or holds
 * (an enclosing factory's parameters) only read, with what that assumed (this-readers.ts).
 */
export function thisEffectsReading(ctx: AnalysisContext, fn: FunctionLike, lookup: SummaryLookup): { effect: ParamEffects; assumes: Summary['assumes'] } {
  const summary = new FunctionEffects(ctx, fn, lookup, true, ['this']).run();
  return { effect: summary.params[fn.parameters.length], assumes: summary.assumes };
}

class FunctionEffects {
  private readonly ts: typeof ts;
  private readonly record: EffectRecorder;
  private readonly calls: CallEffects;
  private readonly callbacks: Callbacks;
  private readonly reach: ReachMap;

  constructor(private readonly ctx: AnalysisContext, private readonly fn: FunctionLike, private readonly lookup: SummaryLookup, readingCallbacks: boolean,
    roots: readonly Root[] = [], bindings?: Bindings) {
    this.ts = ctx.ts;
    this.record = new EffectRecorder(ctx, fn, () => this.reach, roots.length);
    this.callbacks = new Callbacks(ctx, fn, lookup, readingCallbacks, bindings);
    this.calls = new CallEffects(ctx, fn, lookup, this.callbacks, this.record, () => this.reach);
    this.reach = new ReachMap(ctx, fn, (call, index) => this.calls.keepsArgument(call, index),
      (call, index) => this.calls.returnsArgument(call, index), (call) => this.calls.runsBuiltinReduce(call), roots);
  }

  rootEffects(p: number): { writes?: readonly ts.Node[]; storesParameter?: ts.Node } {
    return { writes: this.record.writes.get(p), storesParameter: this.record.parameterStoredIn.get(p) };
  }

  private get effects() { return this.record.effects; }
  private written(expr: ts.Expression) { return this.record.written(expr); }
  private reached(expr: ts.Expression) { return this.record.reached(expr); }
  private writeInto(...args: Parameters<EffectRecorder['writeInto']>) { this.record.writeInto(...args); }
  private read(...args: Parameters<EffectRecorder['read']>) { this.record.read(...args); }
  private escape(...args: Parameters<EffectRecorder['escape']>) { this.record.escape(...args); }

  run(): Summary {
    const body = this.fn.body;
    if (!body) return { params: this.effects };
    keepParameterProperties(this.ctx, this.fn, this.record);
    this.reach.build();
    // Default values run as part of the call (`sorted = xs.sort(…)`, `{ n = from.pop() }`: np44's F14); a parameter
    // taken apart by a pattern is read there (`([a, b]: Cursor)` runs its iterator: np44's F13).
    this.fn.parameters.forEach((param, i) => {
      if (!this.ts.isIdentifier(param.name)) this.read(new Set([i]), param, `taken apart: \`${snippet(param.name)}\``);
      if (param.initializer || !this.ts.isIdentifier(param.name)) this.visit(param, (node) => this.collectEffects(node));
    });
    this.visit(body, (node) => this.collectEffects(node));
    // `(p) => p`, `(p, q) => (c ? p : q)`, `(o) => () => o`: a concise body is the arrow's return value.
    if (this.ts.isArrowFunction(this.fn) && !this.ts.isBlock(body)) this.returned(body as ts.Expression, body, 'returned by the arrow function', undefined);
    new Overwrites(this.ts, { written: (e) => this.written(e), reached: (e) => this.reached(e) }, this.effects).find(body);
    return { params: this.effects, assumes: this.callbacks.assumed, assumesDuringCall: this.callbacks.assumedDuringCall };
  }

  private visit(root: ts.Node, action: (node: ts.Node) => void): void {
    const { ts } = this;
    // (One visitor for the whole walk: a closure made at every node was most of what the walk allocated.)
    const visitNode = (node: ts.Node): void => {
      // A closure this function only hands back runs when its caller calls it: what it does is recorded for then.
      if (isReturnedClosure(this.ctx, this.fn, node)) {
        this.record.whenCalledLater(() => this.callbacks.whenCalledLater(() => { action(node); ts.forEachChild(node, visitNode); }));
      } else {
        action(node);
        ts.forEachChild(node, visitNode);
      }
    };
    visitNode(root);
  }

  /**
   * `value` is returned by `from` (undefined: by this function). This function's result holds it as deep as it sits
   * there; a closure it returns (`return () => p`) holds what it captured, which the caller's reach follows (a call's
   * result may be what its callee holds: reach.ts), as is what a function nested here returns (`return p` in
   * it: whoever calls it gets that, wherever the function value goes); both are held by a function (`inFunction`). A
   * method's or accessor's result nested here is let out of sight.
   */
  private returned(value: ts.Expression, node: ts.Node, text: string, from: ts.Node | undefined): void {
    const { ts } = this;
    const bare = skipParens(ts, value);
    if (from === undefined) {
      this.record.returned(heldByType(this.ctx, this.fn, value, this.reach.of(value)), node, text);
      if (ts.isArrowFunction(bare) || ts.isFunctionExpression(bare)) this.record.inFunction(this.reached(value), node, text);
    } else if (ts.isArrowFunction(from) || ts.isFunctionExpression(from) || ts.isFunctionDeclaration(from) ||
      ((ts.isAccessor(from) || ts.isMethodDeclaration(from)) && ts.isObjectLiteralExpression(from.parent))) {
      // (A getter or method of an object literal written here, `{ get t() { return p; } }`, is a closure as well: the
      // literal holds it, and reading `o.t` is followed as the literal's part: np47's p21 a18.)
      this.record.inFunction(this.reached(value), node, text);
    } else this.escape(this.reached(value), node, text);
  }

  /**
   * `[xs[0], xs[1]] = [xs[1], xs[0]]`, `({ a: o.k, b } = src)`: each target gets a part of the right side (or its
   * default): a slot target stores it into that slot's object, as `xs[0] = xs[1]` does; a local name only names it;
   * any other name lets it out of the function. (Before, any pattern let the right side out: a swap of a task's
   * records made it "let its parameter out", tester #16's G4.)
   */
  private destructured(pattern: ts.ArrayLiteralExpression | ts.ObjectLiteralExpression, node: ts.BinaryExpression): void {
    const { ts } = this;
    const parts = this.reached(node.right);
    for (const { target, defaultValue } of assignmentTargets(ts, pattern)) {
      const value = defaultValue ? new Set([...parts, ...this.reached(defaultValue)]) : parts;
      if (ts.isPropertyAccessExpression(target)) setterGivenPart(this.ctx, this.record, target, value, node);
      if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) this.record.stored(target.expression, value, node);
      else this.record.assigned(target, value, node);
    }
  }

  /**
   * The parameters whose objects a binding pattern takes apart: a declaration's initializer (or, in a `for…of` head,
   * the elements iterated), this function's parameter, or a part of an enclosing pattern's.
   */
  private patternSource(pattern: ts.BindingPattern): ReadonlySet<number> {
    const { ts } = this;
    const owner = pattern.parent;
    if (ts.isBindingElement(owner)) return this.patternSource(owner.parent);
    if (ts.isParameter(owner)) {
      const i = this.fn.parameters.indexOf(owner);
      // (`{ next }: Counter = c` takes apart the default when the argument is left out: rev59's F1.)
      const fromDefault = owner.initializer ? this.written(owner.initializer) : new Set<number>();
      return i >= 0 ? new Set([i, ...fromDefault]) : fromDefault;
    }
    if (!ts.isVariableDeclaration(owner)) return new Set();
    if (owner.initializer) return this.written(owner.initializer);
    const loop = owner.parent.parent;
    return ts.isForOfStatement(loop) ? this.written(loop.expression) : new Set();
  }

  /** The function a return statement returns from. */
  private returningFunction(node: ts.ReturnStatement): ts.Node | undefined {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (isFunctionLike(this.ctx, n) || this.ts.isFunctionLike(n)) return n;
    return undefined;
  }

  private collectEffects(node: ts.Node): void {
    const { ts } = this;
    taggedTemplateEffects(this.ctx, node, this.record);
    // `t.next` where `next` is a getter of the program's own code that changes its object (`return ++this.n`).
    // (Only for names some getter of the program has, and of a parameter's aliases: the symbol lookup is what costs.)
    if (ts.isPropertyAccessExpression(node) && changingGetterNames(this.ctx).has(node.name.text) && !isWriteTargetExpression(ts, node)) {
      const receiver = this.written(node.expression);
      if (receiver.size > 0 && changingGetter(this.ctx, node, (getter) => changingUse(this.ctx, getter as unknown as FunctionLike, this.lookup) !== undefined)) {
        this.record.write(receiver, node, `reads \`${node.name.text}\`, a getter that changes its object: \`${snippet(node)}\``);
      }
    }
    // `const { area } = s`, `({ area }: Shape)`, `for (const { area } of ss)`: the pattern reads `area`, running the getter.
    if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent) && !node.dotDotDotToken) {
      const key = node.propertyName ?? node.name;
      if (ts.isIdentifier(key) && changingGetterNames(this.ctx).has(key.text)) {
        const receiver = this.patternSource(node.parent);
        const getter = receiver.size > 0 ? changingGetterOf(this.ctx, this.ctx.checker.getTypeAtLocation(node.parent), key.text) : undefined;
        if (getter && changingUse(this.ctx, getter as unknown as FunctionLike, this.lookup) !== undefined) {
          this.record.write(receiver, node, `reads \`${key.text}\`, a getter that changes its object: \`${snippet(node.parent)}\``);
        }
      }
    }
    // `await v`, or `return v` from this async function: the language calls v's `then` if it has one, which for a value
    // whose type names none is code of unknown effect on it (rev61's F6). (A declared one: implicit-writers.ts.)
    const awaited = ts.isAwaitExpression(node) ? node.expression : ts.isReturnStatement(node) && node.expression && this.returningFunction(node) === this.fn &&
      (ts.getCombinedModifierFlags(this.fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0 ? node.expression : undefined;
    // (Of a parameter or a part of one by its own name: a call's result, `await callback(v)`, or a local holding one, is
    // a value of its own, whose `then` is whoever made it.)
    const named = awaited && skipParens(ts, awaited);
    const root = named && rootIdentifier(ts, named);
    if (named && root && mayHaveUntypedThen(this.ctx, this.ctx.checker.getTypeAtLocation(named))) {
      const params = this.reach.selfOf(root);
      if (params.size > 0) this.record.assuming(() => this.record.write(params, node, `awaited, which runs its \`then\` if it has one: \`${snippet(node)}\``));
    }
    if (ts.isReturnStatement(node) && node.expression) {
      const from = this.returningFunction(node);
      this.returned(node.expression, node, `returned: \`${snippet(node)}\``, from === this.fn ? undefined : from);
    }
    // `yield v`: whoever iterates the generator gets the parameter, after the call returned; a generator written inside
    // this function holds what it yields as a closure holds what it captured (np44's F2: one consumed in place).
    // Of this generator itself: its result holds what it yields as elements (`yield* xs`: xs's elements), which a
    // caller's reach follows through `for…of`, a spread or `next().value` (np47's p21 a24: a local generator walked in
    // place let its parameter out).
    if (ts.isYieldExpression(node) && node.expression) {
      const generator = ts.findAncestor(node.parent, (n) => ts.isFunctionLike(n));
      const yielded = this.reach.of(node.expression);
      if (generator && generator !== this.fn) this.record.inFunction(this.reached(node.expression), node, `yielded: \`${snippet(node)}\``);
      else this.record.returned(node.asteriskToken ? elementsOf(yielded) : nest(yielded), node, `yielded: \`${snippet(node)}\``);
    }
    // (`to.x ??= p[0]` stores as `to.x = p[0]` does, when it assigns.)
    const op = ts.isBinaryExpression(node) ? node.operatorToken.kind : undefined;
    if (ts.isBinaryExpression(node) && (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken ||
      op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken)) {
      const left = skipParens(ts, node.left);
      // (A setter's assignment stores nothing by itself: the setter does what it does with the value.)
      if (ts.isPropertyAccessExpression(left) && isSetterTarget(this.ctx, left)) setterRuns(this.ctx, this.lookup, this.record, left, node.right, node);
      else if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) this.record.stored(left.expression, this.reached(node.right), node, node.right);
      else if (ts.isArrayLiteralExpression(left) || ts.isObjectLiteralExpression(left)) this.destructured(left, node);
      else if (ts.isIdentifier(left)) this.record.assigned(left, this.reached(node.right), node);
      else this.escape(this.reached(node.right), node, `stored outside the function: \`${snippet(node)}\``);
    }
    // A slot masked and put back before the function returns (lodash's getRawTag): no write of the object.
    if (undoneWrites(this.ctx, this.fn).has(node)) return;
    if (ts.isBinaryExpression(node) && isAssignmentOperator(ts, node.operatorToken.kind)) {
      this.assignmentTarget(node.left, node, node.operatorToken.kind !== ts.SyntaxKind.EqualsToken);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
      this.assignmentTarget(node.operand, node, true);
    } else if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) {
      // `for (o.i of xs)`: each step assigns the target (tester #29's writeways, inferred `in` before), an element of
      // xs (into `o`, or to a setter: np48's p05).
      const target = skipParens(ts, node.initializer as ts.Expression);
      this.assignmentTarget(target, node.initializer, false);
      if (ts.isForOfStatement(node) && ts.isPropertyAccessExpression(target)) {
        if (isSetterTarget(this.ctx, target)) setterRuns(this.ctx, this.lookup, this.record, target, node.expression, node, true);
        else this.record.stored(target.expression, this.reached(node.expression), node);
      }
    } else if (ts.isDeleteExpression(node)) {
      const target = skipParens(ts, node.expression);
      if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
        this.writeInto(target.expression, node, `deletes a property: \`${snippet(node)}\``);
      }
    } else if (ts.isCallExpression(node)) {
      this.calls.call(node);
    } else if (ts.isNewExpression(node)) {
      this.calls.newExpression(node);
    } else if (ts.isIdentifier(node)) {
      this.reference(node);
    }
  }

  /** `target = …`, `target += …`, `target++`: writes the object target belongs to. */
  private assignmentTarget(target: ts.Expression, node: ts.Node, compound: boolean): void {
    const { ts } = this;
    target = skipParens(ts, target);
    if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
      const kind = ts.isElementAccessExpression(target) ? 'element' : 'property';
      this.writeInto(target.expression, node, `${compound ? 'updates' : 'writes'} ${kind === 'element' ? 'an element' : 'a property'}: \`${snippet(node)}\``);
    } else if (ts.isArrayLiteralExpression(target) || ts.isObjectLiteralExpression(target)) {
      // (Only the slots assigned: `c` of `[c[0], c[1]] = …` is written, not what the keys or the objects read.)
      for (const { target: slot } of assignmentTargets(ts, target)) {
        if (!ts.isIdentifier(slot)) this.writeInto(slot.expression, node, `writes through destructuring assignment: \`${snippet(node)}\``);
      }
    }
  }


  /** A plain mention of an alias: a read, except where only its length or its identity is used. */
  private reference(id: ts.Identifier): void {
    const { ts } = this;
    const reach = this.reach.ofSymbol(symbolOf(this.ctx, id));
    const params = all(reach);
    if (params.size === 0) return;
    let node: ts.Node = id;
    while (ts.isParenthesizedExpression(node.parent) || ts.isNonNullExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
    const parent = node.parent;
    if (ts.isParameter(parent) || (ts.isVariableDeclaration(parent) && parent.name === node) || ts.isBindingElement(parent)) return;
    // An alias, not a read by itself; a pattern reads it (`const [a, b] = c` runs its iterator: np44's F13).
    if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name)) return;
    if (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
      const name = parent.name.text;
      if (name === 'length') return;
      if (name === 'buffer' || name === 'byteOffset') for (const p of reach.direct) this.effects[p].buffer ??= reasonAt(parent, `uses \`${snippet(parent)}\``);
      const call = parent.parent;
      if (ts.isCallExpression(call) && call.expression === parent && (OVERWRITING_METHODS.has(name) || name === 'set')) return;
      if (isWriteTarget(ts, parent)) return;
    }
    if (ts.isElementAccessExpression(parent) && parent.expression === node && isWriteTarget(ts, parent)) return;
    if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) return; // judged by call()
    this.read(params, id, `reads it: \`${snippet(parent)}\``);
  }

}

