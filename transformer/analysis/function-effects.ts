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
import { isReadOnlyFunction, MUTATING_METHODS, OVERWRITING_METHODS, READING_METHODS, writesFirstArgument } from './builtins';
import { calledFunction, canKeepObjects, isFunctionLike, isNamespaceImport, isPrimitiveNode, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { COPYING_CONSTRUCTORS, ReachMap } from './reach';
import { calledBody } from './code-behind';
import { all, type Params } from './reach-values';
import { rootIdentifier, skipParens } from './expressions';
import { CALLBACK_METHODS, Callbacks, isCallableValue } from './callbacks';
import { Overwrites } from './overwrites';
import { changingGetter, changingGetterNames, isWriteTargetExpression, leavesItsObjectAlone } from './getters';
import { reasonAt, snippet } from './reason';
import { isAssignmentOperator, isWriteTarget, programConstructor } from './expressions';
import { outlives, type ParamEffects, type Summary, type SummaryLookup } from './param-effects';

/** `readingCallbacks`: this function's own callback parameters are taken to only read what they are given. */
export function analyzeFunction(ctx: AnalysisContext, fn: FunctionLike, lookup: SummaryLookup, readingCallbacks = false): Summary {
  return new FunctionEffects(ctx, fn, lookup, readingCallbacks).run();
}

class FunctionEffects {
  private readonly ts: typeof ts;
  private readonly effects: ParamEffects[];
  private readonly reach: ReachMap;
  private readonly callbacks: Callbacks;

  constructor(private readonly ctx: AnalysisContext, private readonly fn: FunctionLike, private readonly lookup: SummaryLookup,
    readingCallbacks: boolean) {
    this.ts = ctx.ts;
    this.effects = fn.parameters.map(() => ({}));
    this.callbacks = new Callbacks(ctx, fn, lookup, readingCallbacks);
    this.reach = new ReachMap(ctx, fn, (call, index) => this.keepsArgument(call, index));
  }

  run(): Summary {
    const body = this.fn.body;
    if (!body) return { params: this.effects };
    this.reach.build();
    this.visit(body, (node) => this.collectEffects(node));
    // `(p) => p`, `(p, q) => (c ? p : q)`: a concise body is the arrow's return value.
    if (this.ts.isArrowFunction(this.fn) && !this.ts.isBlock(body)) {
      const closure = this.ts.isArrowFunction(body) || this.ts.isFunctionExpression(body);
      this.escape(this.reached(body), body, 'returned by the arrow function', !closure);
    }
    new Overwrites(this.ts, { written: (e) => this.written(e), reached: (e) => this.reached(e) }, this.effects).find(body);
    return { params: this.effects };
  }

  private visit(node: ts.Node, action: (node: ts.Node) => void): void {
    action(node);
    this.ts.forEachChild(node, (child) => this.visit(child, action));
  }

  /** Parameters a write into `expr`'s value writes. */
  private written(expr: ts.Expression): Params { return this.reach.of(expr).direct; }

  /** Parameters reading, passing or letting out `expr` reaches. */
  private reached(expr: ts.Expression): Params { return this.reach.allOf(expr); }

  /** Whether the call may keep argument `index` beyond itself (unknown code, or a callee that lets it out). */
  private keepsArgument(call: ts.CallExpression, index: number): boolean {
    const { ts } = this;
    const callee = skipParens(ts, call.expression);
    if (ts.isPropertyAccessExpression(callee) && (READING_METHODS.has(callee.name.text) || MUTATING_METHODS.has(callee.name.text)) &&
      this.isBuiltinMethod(call)) return false; // push/set keep theirs in the receiver: reach.ts stores those itself
    const name = this.reach.builtinName(callee);
    if (name && (writesFirstArgument(name) || isReadOnlyFunction(name))) return false;
    const target = calledBody(this.ctx, call);
    if (!target) return !this.callbacks.isReadingCallback(callee);
    const summary = this.callbacks.summaryAt(call, target);
    const effect = summary?.params[Math.min(index, target.parameters.length - 1)];
    return !effect || effect.escapedOtherwise !== undefined || effect.kept !== undefined;
  }

  /**
   * `xs.forEach(f)`, `xs.map(f)`, `xs.sort(compare)` with `f` a function value, not written inline: f receives the
   * elements. (An inline callback is analysed in this body, with its parameters bound to what it may receive.)
   */
  private elementsToFunction(call: ts.CallExpression, callee: ts.PropertyAccessExpression): void {
    const { ts } = this;
    const elements = this.reached(callee.expression);
    if (elements.size === 0) return;
    for (const arg of call.arguments) {
      if (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg) || !isCallableValue(this.ctx, arg) || this.callbacks.onlyReads(arg)) continue;
      const known = this.callbacks.programFunction(arg);
      const effects = known ? this.lookup(known, false)?.params ?? [] : undefined;
      const written = effects ? effects.find((e) => e.written)?.written : undefined;
      const kept = effects ? effects.find((e) => outlives(e)) : undefined;
      if (!effects || written) this.write(elements, call, `its elements are passed to \`${snippet(arg)}\`, which ${written ? `writes them: ${written.text}` : 'may change them'}`);
      if (!effects || kept) this.escape(elements, call, `its elements are passed to \`${snippet(arg)}\`, which may keep them`);
    }
  }

  // ── effects ──────────────────────────────────────────────────────────────────

  private write(params: Params, node: ts.Node, text: string): void {
    for (const p of params) {
      this.effects[p].written ??= reasonAt(node, text);
      this.effects[p].writtenDeep ??= reasonAt(node, text);
    }
  }

  /**
   * A write into the own slots of `target`'s value (`deep`: into what they hold too): a write of the parameter's own
   * slots when the value is that parameter itself, a deep write of every other parameter it directly reaches.
   */
  private writeInto(target: ts.Expression, node: ts.Node, text: string, deep = false): void {
    const params = deep ? this.reached(target) : this.written(target);
    if (params.size === 0) return;
    const self = deep ? undefined : this.reach.selfOf(target);
    for (const p of params) {
      this.effects[p].written ??= reasonAt(node, text);
      if (!self?.has(p)) this.effects[p].writtenDeep ??= reasonAt(node, text);
    }
  }

  private read(params: Params, node: ts.Node, text: string): void {
    for (const p of params) this.effects[p].read ??= reasonAt(node, text);
  }

  private escape(params: Params, node: ts.Node, text: string, byReturn = false): void {
    for (const p of params) {
      this.effects[p].escaped ??= reasonAt(node, text);
      if (!byReturn) this.effects[p].escapedOtherwise ??= reasonAt(node, text);
    }
  }

  /** A return of this function itself, not of a function nested in it (whose result may be kept anywhere). */
  private returnsFromThis(node: ts.ReturnStatement): boolean {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (isFunctionLike(this.ctx, n) || this.ts.isFunctionLike(n)) return n === this.fn;
    return false;
  }

  /**
   * `values` were stored into the object `into` is: kept by a parameter when it is (part of) one, gone with the call
   * when it is a local object, and out of sight when it belongs to the module or an outer function.
   */
  private stored(into: ts.Expression, values: Params, node: ts.Node): void {
    if (values.size === 0) return;
    const holders = this.written(into);
    if (holders.size > 0) {
      for (const p of values) if (!holders.has(p)) this.effects[p].kept ??= reasonAt(node, `kept in \`${snippet(into)}\`: \`${snippet(node)}\``);
      return;
    }
    const root = rootIdentifier(this.ts, into);
    if (!root || !this.isLocal(root)) this.escape(values, node, `stored outside the function: \`${snippet(node)}\``);
  }

  /** Declared inside this function (so a reference stored there dies with the call). */
  private isLocal(id: ts.Identifier): boolean {
    const declaration = symbolOf(this.ctx, id)?.valueDeclaration;
    for (let n: ts.Node | undefined = declaration; n; n = n.parent) if (n === this.fn) return true;
    return false;
  }

  private collectEffects(node: ts.Node): void {
    const { ts } = this;
    // `t.next` where `next` is a getter of the program's own code that changes its object (`return ++this.n`).
    // (Only for names some getter of the program has, and of a parameter's aliases: the symbol lookup is what costs.)
    if (ts.isPropertyAccessExpression(node) && changingGetterNames(this.ctx).has(node.name.text) && !isWriteTargetExpression(ts, node)) {
      const receiver = this.written(node.expression);
      if (receiver.size > 0 && changingGetter(this.ctx, node)) {
        this.write(receiver, node, `reads \`${node.name.text}\`, a getter that changes its object: \`${snippet(node)}\``);
      }
    }
    if (ts.isReturnStatement(node) && node.expression) {
      // A returned closure is not data the caller gets back: it keeps the parameter out of sight.
      const closure = ts.isArrowFunction(node.expression) || ts.isFunctionExpression(node.expression);
      this.escape(this.reached(node.expression), node, `returned: \`${snippet(node)}\``, this.returnsFromThis(node) && !closure);
    }
    // `yield v`: whoever iterates the generator gets the parameter, after the call returned.
    if (ts.isYieldExpression(node) && node.expression) this.escape(this.reached(node.expression), node, `yielded: \`${snippet(node)}\``);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = skipParens(ts, node.left);
      if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) this.stored(left.expression, this.reached(node.right), node);
      else if (!ts.isIdentifier(left) || !this.isLocal(left)) this.escape(this.reached(node.right), node, `stored outside the function: \`${snippet(node)}\``);
    }
    if (ts.isBinaryExpression(node) && isAssignmentOperator(ts, node.operatorToken.kind)) {
      this.assignmentTarget(node.left, node, node.operatorToken.kind !== ts.SyntaxKind.EqualsToken);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
      this.assignmentTarget(node.operand, node, true);
    } else if (ts.isDeleteExpression(node)) {
      const target = skipParens(ts, node.expression);
      if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
        this.writeInto(target.expression, node, `deletes a property: \`${snippet(node)}\``);
      }
    } else if (ts.isCallExpression(node)) {
      this.call(node);
    } else if (ts.isNewExpression(node)) {
      const known = ts.isIdentifier(node.expression) && COPYING_CONSTRUCTORS.has(node.expression.text);
      const constructor = known ? undefined : programConstructor(this.ctx, node);
      const summary = constructor && this.lookup(constructor, false);
      (node.arguments ?? []).forEach((arg, index) => {
        const params = this.reached(arg);
        if (params.size === 0) return;
        const effect = summary?.params[Math.min(index, constructor!.parameters.length - 1)];
        const className = ts.isIdentifier(node.expression) ? node.expression.text : 'a class';
        if (known) this.read(params, arg, `copied by \`${snippet(node)}\``);
        else if (effect && !ts.isSpreadElement(arg)) {
          // A constructor of the program's own: its summary, as for a call (what it keeps, it keeps in the new object).
          if (effect.written) this.writeInto(arg, arg, `passed to \`new ${className}\`, which writes it: ${effect.written.text}`, effect.writtenDeep !== undefined);
          if (effect.read) this.read(params, arg, `passed to \`new ${className}\`, which reads it`);
          const out = outlives(effect);
          if (out) this.escape(params, arg, `passed to \`new ${className}\`, which keeps it: ${out.text}`);
        } else {
          this.write(params, arg, `passed to a constructor of unknown effect: \`${snippet(node)}\``);
          this.escape(params, arg, `passed to a constructor of unknown effect: \`${snippet(node)}\``);
        }
      });
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
      this.visit(target, (n) => {
        if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
          this.writeInto(n.expression, node, `writes through destructuring assignment: \`${snippet(node)}\``);
        }
      });
    }
  }

  private call(call: ts.CallExpression): void {
    const { ts } = this;
    const callee = skipParens(ts, call.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      if (MUTATING_METHODS.has(method)) {
        this.writeInto(callee.expression, call, `calls \`${method}\`, which changes it: \`${snippet(call)}\``);
        // `list.push(item)` keeps its arguments in the receiver.
        // (A typed array's `set` copies numbers: nothing is kept.)
        if (canKeepObjects(this.ctx, callee.expression)) {
          for (const arg of call.arguments) this.stored(callee.expression, this.reached(ts.isSpreadElement(arg) ? arg.expression : arg), call);
        }
      } else if (!READING_METHODS.has(method) && !(this.isBuiltinMethod(call) && isPrimitiveNode(this.ctx, callee.expression)) &&
        !isNamespaceImport(this.ctx, callee.expression) && !this.quietProgramMethod(call)) { // `ns.f(x)`: judged by its summary
        // A library method of an object that is not known to only read may change it, or what it holds (a Date setter,
        // a RegExp's exec).
        this.write(this.reached(callee.expression), call, `calls method \`${method}\`, whose effects are unknown: \`${snippet(call)}\``);
      }
    }
    if (ts.isPropertyAccessExpression(callee) && CALLBACK_METHODS.has(callee.name.text)) this.elementsToFunction(call, callee);
    const target = calledBody(this.ctx, call);
    const name = this.reach.builtinName(callee);
    call.arguments.forEach((arg, index) => {
      const expr = ts.isSpreadElement(arg) ? arg.expression : arg;
      const params = this.reached(expr);
      if (params.size === 0) return;
      if (name && writesFirstArgument(name)) {
        if (index === 0) this.writeInto(expr, arg, `written by \`${name}\`: \`${snippet(call)}\``);
        else this.read(params, arg, `read by \`${name}\``);
        // Object.assign(target, { k: q }) stores q (or what a source holds) into the target.
        if (index > 0 && name === 'Object.assign' && call.arguments[0]) this.stored(call.arguments[0], params, call);
      } else if (ts.isPropertyAccessExpression(callee) && (READING_METHODS.has(callee.name.text) || MUTATING_METHODS.has(callee.name.text)) &&
        this.isBuiltinMethod(call)) {
        this.read(params, arg, `read by \`${snippet(call)}\``);
      } else if ((name && isReadOnlyFunction(name)) || this.callbacks.isReadingCallback(callee)) {
        this.read(params, arg, `read by \`${name}\``);
      } else if (target && !ts.isSpreadElement(arg)) {
        const summary = this.callbacks.summaryAt(call, target);
        const effect = summary?.params[Math.min(index, target.parameters.length - 1)];
        const calleeName = target.name ? target.name.getText() : 'a function';
        if (!summary || !effect) {
          this.write(params, arg, `passed to \`${calleeName}\`, whose parameters could not be matched`);
          this.escape(params, arg, `passed to \`${calleeName}\`, whose parameters could not be matched`);
        } else {
          if (effect.written) this.writeInto(expr, arg, `passed to \`${calleeName}\`, which writes it: ${effect.written.text}`, effect.writtenDeep !== undefined);
          if (effect.read) this.read(params, arg, `passed to \`${calleeName}\`, which reads it`);
          if (effect.escaped) this.escape(params, arg, `passed to \`${calleeName}\`, where it escapes: ${effect.escaped.text}`);
          if (effect.kept) {
            call.arguments.forEach((other, j) => { if (j !== index) this.stored(ts.isSpreadElement(other) ? other.expression : other, params, call); });
          }
          if (effect.buffer) for (const p of params) this.effects[p].buffer ??= reasonAt(arg, `passed to \`${calleeName}\`, which ${effect.buffer.text}`);
        }
      } else {
        this.write(params, arg, `passed to code of unknown effect (assumed to write it): \`${snippet(call)}\``);
        this.escape(params, arg, `passed to code of unknown effect: \`${snippet(call)}\``);
      }
    });
  }

  /** A method of the program's own classes that leaves its object alone (`w.total()`): no write of the receiver. */
  private quietProgramMethod(call: ts.CallExpression): boolean {
    const target = calledFunction(this.ctx, call);
    return target !== undefined && this.ts.isMethodDeclaration(target) && leavesItsObjectAlone(this.ctx, target);
  }

  /** The method comes from the standard library (its declaration is in a lib .d.ts file). */
  private isBuiltinMethod(call: ts.CallExpression): boolean {
    const declaration = this.ctx.checker.getResolvedSignature(call)?.declaration;
    if (!declaration) return false;
    const file = declaration.getSourceFile();
    return file.isDeclarationFile && this.ctx.program.isSourceFileDefaultLibrary(file);
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
    if (ts.isVariableDeclaration(parent) && parent.initializer === node) return; // an alias, not a read by itself
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

