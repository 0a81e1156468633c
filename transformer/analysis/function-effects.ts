/**
 * What one function does to its parameters: which it may write (directly, through aliases, or through the
 * functions it calls) and which it reads, each with the first place that shows it.
 *
 * The analysis is flow-insensitive and errs on the side of writing: an alias is anything that may refer to (part
 * of) a parameter's value (copies, views, destructured parts, iteration variables, containers it was put in,
 * callback parameters), computed to a fixpoint over the whole body including nested functions. Unknown code
 * (no body, `any`, a callback) is assumed to write whatever it is given.
 */
import type * as ts from 'typescript';
import {
  COPYING_METHODS, isReadOnlyFunction, MUTATING_METHODS, OVERWRITING_METHODS, READING_METHODS, VIEW_METHODS, WRITES_FIRST_ARGUMENT,
} from './builtins';
import {
  boundNames, calledFunction, hasPrimitiveElements, isFunctionLike, isPrimitiveNode, qualifiedName, symbolOf, type AnalysisContext, type FunctionLike,
} from './context';
import { reasonAt, snippet, type Reason } from './reason';

export interface ParamEffects {
  written?: Reason;
  read?: Reason;
  /** The first thing the function does with it replaces all of its contents (evidence that it may be `out`). */
  overwritten?: Reason;
  /** A reference to it may outlive the call: returned, stored outside the function, or given to unknown code. */
  escaped?: Reason;
  /** The same, other than by being returned (a task's caller gets a returned argument back as its own object). */
  escapedOtherwise?: Reason;
  /** Its `.buffer` is used: the task depends on the array owning its whole ArrayBuffer. */
  buffer?: Reason;
}

export interface Summary { readonly params: readonly ParamEffects[] }

/** How the caller's analysis asks for the summary of a function it calls. */
export type SummaryLookup = (fn: FunctionLike) => Summary | undefined;

type Params = ReadonlySet<number>;
const none: Params = new Set();

const COPYING_CONSTRUCTORS = new Set([
  'Float64Array', 'Float32Array', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'BigInt64Array', 'BigUint64Array', 'Map', 'Set', 'Array', 'Date', 'Error', 'TypeError', 'RangeError',
]);

export function analyzeFunction(ctx: AnalysisContext, fn: FunctionLike, lookup: SummaryLookup): Summary {
  return new FunctionEffects(ctx, fn, lookup).run();
}

class FunctionEffects {
  private readonly ts: typeof ts;
  private readonly aliases = new Map<ts.Symbol, Set<number>>();
  private readonly effects: ParamEffects[];
  private changed = false;

  constructor(private readonly ctx: AnalysisContext, private readonly fn: FunctionLike, private readonly lookup: SummaryLookup) {
    this.ts = ctx.ts;
    this.effects = fn.parameters.map(() => ({}));
    fn.parameters.forEach((param, i) => {
      for (const name of boundNames(ctx, param.name)) this.bind(name, new Set([i]));
    });
  }

  run(): Summary {
    const body = this.fn.body;
    if (!body) return { params: this.effects };
    // Aliases first, to a fixpoint: a loop may create an alias after the statement that writes through it.
    do {
      this.changed = false;
      this.visit(body, (node) => this.collectAliases(node));
    } while (this.changed);
    this.visit(body, (node) => this.collectEffects(node));
    this.findOverwrites(body);
    return { params: this.effects };
  }

  private visit(node: ts.Node, action: (node: ts.Node) => void): void {
    action(node);
    this.ts.forEachChild(node, (child) => this.visit(child, action));
  }

  // ── aliases ──────────────────────────────────────────────────────────────────

  private bind(name: ts.Node, params: Params): void {
    if (params.size === 0) return;
    const symbol = symbolOf(this.ctx, name);
    if (!symbol) return;
    let set = this.aliases.get(symbol);
    if (!set) { set = new Set(); this.aliases.set(symbol, set); }
    for (const p of params) if (!set.has(p)) { set.add(p); this.changed = true; }
  }

  private collectAliases(node: ts.Node): void {
    const { ts } = this;
    if (ts.isVariableDeclaration(node) && node.initializer) {
      const params = this.aliasOf(node.initializer);
      for (const name of boundNames(this.ctx, node.name)) if (!isPrimitiveNode(this.ctx, name)) this.bind(name, params);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const params = this.aliasOf(node.right);
      if (ts.isIdentifier(node.left)) this.bind(node.left, params);
      else if (ts.isPropertyAccessExpression(node.left) || ts.isElementAccessExpression(node.left)) {
        // Putting a parameter into a container makes the container an alias of it.
        const root = rootIdentifier(ts, node.left);
        if (root) this.bind(root, params);
      } else if (ts.isArrayLiteralExpression(node.left) || ts.isObjectLiteralExpression(node.left)) {
        this.visit(node.left, (n) => { if (ts.isIdentifier(n) && !isPrimitiveNode(this.ctx, n)) this.bind(n, params); });
      }
    } else if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && ts.isVariableDeclarationList(node.initializer)) {
      if (ts.isForOfStatement(node)) {
        const params = this.aliasOf(node.expression);
        for (const d of node.initializer.declarations) {
          for (const name of boundNames(this.ctx, d.name)) if (!isPrimitiveNode(this.ctx, name)) this.bind(name, params);
        }
      }
    } else if (ts.isCallExpression(node)) {
      // Callbacks given a parameter (or called on one) may receive it, or its elements.
      const reached = new Set<number>();
      if (ts.isPropertyAccessExpression(node.expression)) for (const p of this.aliasOf(node.expression.expression)) reached.add(p);
      for (const arg of node.arguments) for (const p of this.aliasOf(arg)) reached.add(p);
      if (reached.size === 0) return;
      for (const arg of node.arguments) {
        if (!isFunctionLike(this.ctx, arg) && !ts.isArrowFunction(arg)) continue;
        for (const param of (arg as FunctionLike).parameters) {
          for (const name of boundNames(this.ctx, param.name)) if (!isPrimitiveNode(this.ctx, name)) this.bind(name, reached);
        }
      }
    }
  }

  /** The parameters whose value (or part of it) `expr` may be. */
  private aliasOf(expr: ts.Expression): Params {
    const { ts } = this;
    if (isPrimitiveNode(this.ctx, expr)) return none;
    if (ts.isIdentifier(expr)) return this.aliasesOfSymbol(symbolOf(this.ctx, expr));
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr) ||
      ts.isTypeAssertionExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isAwaitExpression(expr)) {
      return this.aliasOf(expr.expression);
    }
    if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) return this.aliasOf(expr.expression);
    if (ts.isConditionalExpression(expr)) return union(this.aliasOf(expr.whenTrue), this.aliasOf(expr.whenFalse));
    if (ts.isBinaryExpression(expr)) {
      const op = expr.operatorToken.kind;
      if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.CommaToken) return this.aliasOf(expr.right);
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        return union(this.aliasOf(expr.left), this.aliasOf(expr.right));
      }
      return none;
    }
    if (ts.isArrayLiteralExpression(expr)) {
      // Spreading an array of primitives copies values; spreading objects copies references to them.
      return union(...expr.elements.map((e) => ts.isSpreadElement(e)
        ? (hasPrimitiveElements(this.ctx, e.expression) ? none : this.aliasOf(e.expression))
        : this.aliasOf(e)));
    }
    if (ts.isObjectLiteralExpression(expr)) {
      return union(...expr.properties.map((p) =>
        ts.isPropertyAssignment(p) ? this.aliasOf(p.initializer)
          : ts.isShorthandPropertyAssignment(p) ? this.aliasesOfSymbol(this.ctx.checker.getShorthandAssignmentValueSymbol(p))
            : ts.isSpreadAssignment(p) ? this.aliasOf(p.expression) : none));
    }
    if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) {
      // A closure that mentions a parameter keeps it reachable: returning or storing the closure lets it out.
      const captured: Params[] = [];
      this.visit(expr.body, (n) => { if (ts.isIdentifier(n)) captured.push(this.aliasesOfSymbol(symbolOf(this.ctx, n))); });
      return union(...captured);
    }
    if (ts.isCallExpression(expr) || ts.isNewExpression(expr)) {
      if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression)) {
        const method = expr.expression.name.text;
        const receiver = this.aliasOf(expr.expression.expression);
        if (VIEW_METHODS.has(method)) return receiver;
        // A copy of primitives holds no reference into the receiver.
        if (COPYING_METHODS.has(method) && hasPrimitiveElements(this.ctx, expr)) return none;
        return union(receiver, ...expr.arguments.map((a) => this.aliasOf(a)));
      }
      if (ts.isNewExpression(expr) && ts.isIdentifier(expr.expression) && COPYING_CONSTRUCTORS.has(expr.expression.text)) {
        // new Float64Array(x.buffer) is a view on x's memory, not a copy.
        const first = expr.arguments?.[0];
        if (first && isArrayBufferLike(this.ctx, first)) return this.aliasOf(first);
        return hasPrimitiveElements(this.ctx, expr) ? none : union(...(expr.arguments ?? []).map((a) => this.aliasOf(a)));
      }
      // Unknown results may be (part of) any argument.
      return union(...(expr.arguments ?? []).map((a) => this.aliasOf(a)));
    }
    return none;
  }

  private aliasesOfSymbol(symbol: ts.Symbol | undefined): Params {
    return (symbol && this.aliases.get(symbol)) || none;
  }

  // ── effects ──────────────────────────────────────────────────────────────────

  private write(params: Params, node: ts.Node, text: string): void {
    for (const p of params) this.effects[p].written ??= reasonAt(node, text);
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
      const receiver = this.aliasOf(node.expression);
      if (receiver.size > 0 && changingGetter(this.ctx, node)) {
        this.write(receiver, node, `reads \`${node.name.text}\`, a getter that changes its object: \`${snippet(node)}\``);
      }
    }
    if (ts.isReturnStatement(node) && node.expression) {
      // A returned closure is not data the caller gets back: it keeps the parameter out of sight.
      const closure = ts.isArrowFunction(node.expression) || ts.isFunctionExpression(node.expression);
      this.escape(this.aliasOf(node.expression), node, `returned: \`${snippet(node)}\``, this.returnsFromThis(node) && !closure);
    } else if (node === this.fn && ts.isArrowFunction(node) && !ts.isBlock(node.body)) {
      this.escape(this.aliasOf(node.body), node.body, 'returned by the arrow function', !ts.isArrowFunction(node.body) && !ts.isFunctionExpression(node.body));
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const root = ts.isIdentifier(node.left) ? node.left : rootIdentifier(ts, node.left);
      if (!root || !this.isLocal(root)) this.escape(this.aliasOf(node.right), node, `stored outside the function: \`${snippet(node)}\``);
    }
    if (ts.isBinaryExpression(node) && isAssignmentOperator(ts, node.operatorToken.kind)) {
      this.assignmentTarget(node.left, node, node.operatorToken.kind !== ts.SyntaxKind.EqualsToken);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) {
      this.assignmentTarget(node.operand, node, true);
    } else if (ts.isDeleteExpression(node)) {
      const target = skipParens(ts, node.expression);
      if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
        this.write(this.aliasOf(target.expression), node, `deletes a property: \`${snippet(node)}\``);
      }
    } else if (ts.isCallExpression(node)) {
      this.call(node);
    } else if (ts.isNewExpression(node)) {
      const known = ts.isIdentifier(node.expression) && COPYING_CONSTRUCTORS.has(node.expression.text);
      for (const arg of node.arguments ?? []) {
        const params = this.aliasOf(arg);
        if (known) this.read(params, arg, `copied by \`${snippet(node)}\``);
        else {
          this.write(params, arg, `passed to a constructor of unknown effect: \`${snippet(node)}\``);
          this.escape(params, arg, `passed to a constructor of unknown effect: \`${snippet(node)}\``);
        }
      }
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
      this.write(this.aliasOf(target.expression), node, `${compound ? 'updates' : 'writes'} ${kind === 'element' ? 'an element' : 'a property'}: \`${snippet(node)}\``);
    } else if (ts.isArrayLiteralExpression(target) || ts.isObjectLiteralExpression(target)) {
      this.visit(target, (n) => {
        if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
          this.write(this.aliasOf(n.expression), node, `writes through destructuring assignment: \`${snippet(node)}\``);
        }
      });
    }
  }

  private call(call: ts.CallExpression): void {
    const { ts } = this;
    const callee = skipParens(ts, call.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      const receiver = this.aliasOf(callee.expression);
      const method = callee.name.text;
      if (receiver.size > 0) {
        if (MUTATING_METHODS.has(method)) this.write(receiver, call, `calls \`${method}\`, which changes it: \`${snippet(call)}\``);
        else if (!READING_METHODS.has(method) && !(this.isBuiltinMethod(call) && isPrimitiveNode(this.ctx, callee.expression))) {
          // A library method of an object that is not known to only read may change it (a Date setter, a RegExp's exec).
          this.write(receiver, call, `calls method \`${method}\`, whose effects are unknown: \`${snippet(call)}\``);
        }
      }
    }
    const target = calledFunction(this.ctx, call);
    const name = qualifiedName(ts, callee);
    call.arguments.forEach((arg, index) => {
      const params = this.aliasOf(ts.isSpreadElement(arg) ? arg.expression : arg);
      if (params.size === 0) return;
      if (ts.isPropertyAccessExpression(callee) && (READING_METHODS.has(callee.name.text) || MUTATING_METHODS.has(callee.name.text)) &&
        this.isBuiltinMethod(call)) {
        this.read(params, arg, `read by \`${snippet(call)}\``);
      } else if (name && WRITES_FIRST_ARGUMENT.has(name)) {
        if (index === 0) this.write(params, arg, `written by \`${name}\`: \`${snippet(call)}\``);
        else this.read(params, arg, `read by \`${name}\``);
      } else if (name && isReadOnlyFunction(name)) {
        this.read(params, arg, `read by \`${name}\``);
      } else if (target && !ts.isSpreadElement(arg)) {
        const summary = this.lookup(target);
        const effect = summary?.params[Math.min(index, target.parameters.length - 1)];
        const calleeName = target.name ? target.name.getText() : 'a function';
        if (!summary || !effect) {
          this.write(params, arg, `passed to \`${calleeName}\`, whose parameters could not be matched`);
          this.escape(params, arg, `passed to \`${calleeName}\`, whose parameters could not be matched`);
        } else {
          if (effect.written) this.write(params, arg, `passed to \`${calleeName}\`, which writes it: ${effect.written.text}`);
          if (effect.read) this.read(params, arg, `passed to \`${calleeName}\`, which reads it`);
          if (effect.escaped) this.escape(params, arg, `passed to \`${calleeName}\`, where it escapes: ${effect.escaped.text}`);
          if (effect.buffer) for (const p of params) this.effects[p].buffer ??= reasonAt(arg, `passed to \`${calleeName}\`, which ${effect.buffer.text}`);
        }
      } else {
        this.write(params, arg, `passed to code of unknown effect (assumed to write it): \`${snippet(call)}\``);
        this.escape(params, arg, `passed to code of unknown effect: \`${snippet(call)}\``);
      }
    });
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
    const symbol = symbolOf(this.ctx, id);
    const params = symbol && this.aliases.get(symbol);
    if (!params || params.size === 0) return;
    let node: ts.Node = id;
    while (ts.isParenthesizedExpression(node.parent) || ts.isNonNullExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
    const parent = node.parent;
    if (ts.isParameter(parent) || (ts.isVariableDeclaration(parent) && parent.name === node) || ts.isBindingElement(parent)) return;
    if (ts.isVariableDeclaration(parent) && parent.initializer === node) return; // an alias, not a read by itself
    if (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
      const name = parent.name.text;
      if (name === 'length') return;
      if (name === 'buffer' || name === 'byteOffset') for (const p of params) this.effects[p].buffer ??= reasonAt(parent, `uses \`${snippet(parent)}\``);
      const call = parent.parent;
      if (ts.isCallExpression(call) && call.expression === parent && (OVERWRITING_METHODS.has(name) || name === 'set')) return;
      if (isWriteTarget(ts, parent)) return;
    }
    if (ts.isElementAccessExpression(parent) && parent.expression === node && isWriteTarget(ts, parent)) return;
    if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression)) return; // judged by call()
    this.read(params, id, `reads it: \`${snippet(parent)}\``);
  }

  /** Evidence for `out`: the first statement of the body that touches the parameter replaces all of its contents. */
  private findOverwrites(body: ts.ConciseBody): void {
    const { ts } = this;
    if (!ts.isBlock(body)) return;
    const pending = new Set(this.effects.map((_, i) => i));
    for (const statement of body.statements) {
      // From a statement that may leave the function on, a later overwrite is not certain to happen.
      if (this.mayExit(statement)) return;
      const touched = new Set<number>();
      this.visit(statement, (n) => { if (ts.isIdentifier(n)) for (const p of this.aliasOf(n)) touched.add(p); });
      for (const p of touched) {
        if (!pending.has(p)) continue;
        pending.delete(p);
        const evidence = this.overwriteEvidence(statement, p);
        if (evidence) this.effects[p].overwritten = reasonAt(statement, evidence);
      }
      if (pending.size === 0) return;
    }
  }

  private mayExit(statement: ts.Statement): boolean {
    const { ts } = this;
    let exits = false;
    const look = (n: ts.Node): void => {
      if (exits || (n !== statement && (ts.isFunctionLike(n) || ts.isClassLike(n)))) return;
      if (ts.isReturnStatement(n) || ts.isThrowStatement(n)) { exits = true; return; }
      ts.forEachChild(n, look);
    };
    look(statement);
    return exits;
  }

  private overwriteEvidence(statement: ts.Statement, p: number): string | undefined {
    const { ts } = this;
    // p.fill(v)
    if (ts.isExpressionStatement(statement) && ts.isCallExpression(statement.expression)) {
      const call = statement.expression;
      if (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'fill' && call.arguments.length === 1 &&
        this.aliasOf(call.expression.expression).has(p) && this.aliasOf(call.arguments[0]).size === 0) {
        return `\`${snippet(statement)}\` replaces every element`;
      }
    }
    // for (let i = 0; i < p.length; i++) p[i] = <expression not reading p>;
    if (ts.isForStatement(statement) && statement.initializer && ts.isVariableDeclarationList(statement.initializer) &&
      statement.initializer.declarations.length === 1 && statement.condition && statement.incrementor) {
      const decl = statement.initializer.declarations[0];
      const index = ts.isIdentifier(decl.name) ? decl.name.text : undefined;
      const cond = statement.condition;
      const first = ts.isBlock(statement.statement) ? statement.statement.statements[0] : statement.statement;
      if (index && decl.initializer?.getText() === '0' && ts.isBinaryExpression(cond) && cond.operatorToken.kind === ts.SyntaxKind.LessThanToken &&
        cond.left.getText() === index && ts.isPropertyAccessExpression(cond.right) && cond.right.name.text === 'length' &&
        this.aliasOf(cond.right.expression).has(p) && /^(\+\+\w+|\w+\+\+|\w+ \+= 1)$/.test(statement.incrementor.getText().replace(index, 'i')) &&
        first && ts.isExpressionStatement(first) && ts.isBinaryExpression(first.expression) &&
        first.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(first.expression.left) &&
        first.expression.left.argumentExpression.getText() === index && this.aliasOf(first.expression.left.expression).has(p) &&
        !this.mentions(first.expression.right, p) && !this.assignsTo(statement.statement, index) && !this.mayExit(statement.statement)) {
        return `\`for (… ${snippet(first)} …)\` writes every element before any read`;
      }
    }
    return undefined;
  }

  private assignsTo(node: ts.Node, name: string): boolean {
    const { ts } = this;
    let found = false;
    this.visit(node, (n) => {
      if ((ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
        ts.isIdentifier(n.left) && n.left.text === name) ||
        ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isIdentifier(n.operand) && n.operand.text === name)) found = true;
    });
    return found;
  }

  private mentions(node: ts.Node, p: number): boolean {
    let found = false;
    this.visit(node, (n) => { if (this.ts.isIdentifier(n) && this.aliasOf(n).has(p)) found = true; });
    return found;
  }
}

function union(...sets: Params[]): Params {
  const nonEmpty = sets.filter((s) => s.size > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? none;
  return new Set(nonEmpty.flatMap((s) => [...s]));
}

function skipParens(t: typeof ts, node: ts.Expression): ts.Expression {
  while (t.isParenthesizedExpression(node) || t.isNonNullExpression(node) || t.isAsExpression(node)) node = node.expression;
  return node;
}

function rootIdentifier(t: typeof ts, node: ts.Expression): ts.Identifier | undefined {
  node = skipParens(t, node);
  while (t.isPropertyAccessExpression(node) || t.isElementAccessExpression(node)) node = skipParens(t, node.expression);
  return t.isIdentifier(node) ? node : undefined;
}

function isAssignmentOperator(t: typeof ts, kind: ts.SyntaxKind): boolean {
  return kind >= t.SyntaxKind.FirstAssignment && kind <= t.SyntaxKind.LastAssignment;
}

/** The access is the target of a plain `=` (not compound: `+=` reads too). */
function isWriteTarget(t: typeof ts, access: ts.Node): boolean {
  const parent = access.parent;
  return t.isBinaryExpression(parent) && parent.left === access && parent.operatorToken.kind === t.SyntaxKind.EqualsToken;
}


function isArrayBufferLike(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const type = ctx.checker.getTypeAtLocation(expr);
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((t) => /^(Shared)?ArrayBuffer(Like)?$/.test(t.getSymbol()?.getName() ?? ctx.checker.typeToString(t)));
}

const getterNames = new WeakMap<ts.Program, Set<string>>();

/** Names of the program's getters whose bodies may change something: found once per program. */
function changingGetterNames(ctx: AnalysisContext): Set<string> {
  let names = getterNames.get(ctx.program);
  if (!names) {
    const found = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ctx.ts.isGetAccessorDeclaration(node) && node.body && bodyChanges(ctx, node.body)) found.add(node.name.getText());
      ctx.ts.forEachChild(node, visit);
    };
    for (const file of ctx.program.getSourceFiles()) if (!file.isDeclarationFile) visit(file);
    names = found;
    getterNames.set(ctx.program, names);
  }
  return names;
}

/** The getter `access` runs, if it is the program's own and its body may change something (syntactically). */
function changingGetter(ctx: AnalysisContext, access: ts.PropertyAccessExpression): ts.GetAccessorDeclaration | undefined {
  const { ts } = ctx;
  const symbol = ctx.checker.getSymbolAtLocation(access.name);
  const getter = symbol?.declarations?.find((d): d is ts.GetAccessorDeclaration => ts.isGetAccessorDeclaration(d));
  if (!getter?.body || getter.getSourceFile().isDeclarationFile) return undefined;
  return bodyChanges(ctx, getter.body) ? getter : undefined;
}

function bodyChanges(ctx: AnalysisContext, body: ts.Node): boolean {
  const { ts } = ctx;
  const changes = (node: ts.Node): boolean => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) return true;
    if (ts.isDeleteExpression(node) || ts.isCallExpression(node)) return true;
    return ts.forEachChild(node, changes) === true;
  };
  return changes(body);
}

/** The access is being assigned to (then it is a write handled elsewhere, or a setter). */
function isWriteTargetExpression(t: typeof ts, expr: ts.Expression): boolean {
  const parent = expr.parent;
  return t.isBinaryExpression(parent) && parent.left === expr && parent.operatorToken.kind >= t.SyntaxKind.FirstAssignment &&
    parent.operatorToken.kind <= t.SyntaxKind.LastAssignment;
}
