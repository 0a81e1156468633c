/**
 * Whether running a piece of code may observe what fenced tasks write (fences.ts): read or write a part of one of
 * those objects, use one whole (print it, stringify it, copy it), or run code the plugin cannot see (which might do
 * any of that), or let other code run (`await`, `yield`). Judged from the types of the values touched
 * (written-types.ts); code that only moves references (puts an object in an array, reads a Map's entry, iterates a
 * list of objects, compares identities) and arithmetic on numbers observes nothing. The program's own functions
 * are judged by their bodies, as are callbacks handed to a call (as if the call ran them).
 */
import type * as ts from 'typescript';
import { calledFunction, isFunctionLike, isPrimitiveType, isTypedArrayType, type AnalysisContext } from '../analysis/context';
import { overridingMethods } from '../analysis/overrides';
import type { WrittenTypes } from './written-types';
import { runtimeShapes, type RuntimeShapes } from './runtime-shapes';
import { IDENTITY_ONLY, PRINTS, READS_ELEMENTS, STORES, VIEW_SHAPE, isLibrary, isLibraryType, isNamespace, isOverridable, isPlainData } from './library-uses';
import { ITERATOR_STEPS, patternReadsAccessor, resumesIterator, runsHasInstance } from './unasked-code';
import { skipTransparent } from './syntax';
import { isAssignmentOperator } from '../analysis/expressions';
import { functionOfSymbol } from '../analysis/function-of-symbol';
import { printsPrimitives } from './only-reads';


export interface ObservationHooks {
  /** A task call the plan submits: its arguments are evaluated here, the task runs elsewhere. */
  isSubmitted(call: ts.CallExpression): boolean;
  /** Code this search must not enter (a callback whose own submissions fences.ts places fences in). */
  skip(node: ts.Node): boolean;
  /**
   * The variable is declared in the function holding the fenced calls: a change to it is seen by nobody if that
   * function throws a fenced task's failure. Any other variable's change may be seen by a caller that catches it.
   */
  isLocal(name: ts.Identifier): boolean;
  /**
   * The expression names a container only its own name reaches (private-containers.ts: `const bals: number[] = []`
   * filled and read in place): no task is given it and nothing holds it, so it is none of the written objects,
   * whatever its type (np40's F1: `bals.push(v)` fenced each step because a task writes some `number[]`).
   */
  isPrivate(expr: ts.Expression): boolean;
}

export class Observations {
  private readonly ts: typeof ts;
  private readonly bodies = new Map<ts.Node, ts.Node | undefined>();
  private readonly entering = new Set<ts.Node>();
  private readonly shapes: RuntimeShapes;

  constructor(private readonly ctx: AnalysisContext, private readonly written: WrittenTypes, private readonly hooks: ObservationHooks) {
    this.ts = ctx.ts;
    this.shapes = runtimeShapes(ctx);
  }

  /** The first node at which running `node` may observe a written object, or let other code run. */
  firstIn(node: ts.Node): ts.Node | undefined {
    const { ts } = this;
    if (this.hooks.skip(node)) return undefined;
    // Making a function or a class without static parts runs nothing; calling it is judged where it is called.
    if (isFunctionLike(this.ctx, node) || ts.isFunctionDeclaration(node)) return undefined;
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) return this.classFirstIn(node);
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node) || ts.isForOfStatement(node) && node.awaitModifier) return node;
    if (ts.isTaggedTemplateExpression(node) || ts.isDecorator(node)) return node;
    // A throw may end the program (or reach a caller's catch) before a fenced task's failure, which came first
    // (rv65's B3: an uncaught error printed after the task's).
    if (ts.isThrowStatement(node)) return this.children(node) ?? node;
    if (ts.isCallExpression(node)) return this.callFirstIn(node);
    if (ts.isNewExpression(node)) return this.newFirstIn(node);
    if (ts.isPropertyAccessExpression(node)) return this.children(node) ?? this.propertyRead(node);
    if (ts.isElementAccessExpression(node)) return this.children(node) ?? this.elementRead(node);
    if (ts.isBinaryExpression(node)) return this.binaryFirstIn(node);
    if (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) {
      const operand = node.operand;
      const changes = node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken;
      // (`x++` of an object held as `any` runs its valueOf too: np48's F2.)
      return this.firstIn(operand) ?? (changes ? this.target(operand) ?? this.operands(node, [operand]) : this.operands(node, [operand]));
    }
    if (ts.isDeleteExpression(node)) return this.firstIn(node.expression) ?? this.target(node.expression);
    if (ts.isTemplateExpression(node)) return this.children(node) ?? this.operands(node, node.templateSpans.map((s) => s.expression));
    if (ts.isSpreadElement(node) || ts.isSpreadAssignment(node)) return this.firstIn(node.expression) ?? this.iterates(node, node.expression);
    if (ts.isForOfStatement(node)) return this.firstIn(node.expression) ?? this.iterates(node, node.expression) ?? this.firstIn(node.initializer) ?? this.firstIn(node.statement);
    if (ts.isForInStatement(node)) return this.firstIn(node.expression) ?? (this.mayBe(node.expression) ? node : undefined) ?? this.firstIn(node.statement);
    if (ts.isVariableDeclaration(node) || ts.isBindingElement(node)) return this.bindingFirstIn(node);
    if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node) ||
      ts.isEnumDeclaration(node) && !node.members.some((m) => m.initializer && !ts.isLiteralExpression(m.initializer))) return undefined;
    if (ts.isMetaProperty(node) || node.kind === ts.SyntaxKind.ImportKeyword || ts.isWithStatement(node) || ts.isDebuggerStatement(node)) return node;
    return this.children(node);
  }

  /** What a `for…of`/`for…in` loop does at every step before its body: take the next element, bind it. */
  stepFirstIn(loop: ts.ForOfStatement | ts.ForInStatement): ts.Node | undefined {
    // `for (const [g, item] of [['a', 'x'], ['b', 'y']])`: a literal of literals, whose parts no task holds (np41's F5).
    if (this.ts.isForOfStatement(loop) && holdsOnlyLiterals(this.ts, loop.expression) && plainBinding(this.ts, loop.initializer)) return undefined;
    const taken = this.ts.isForOfStatement(loop) ? this.iterates(loop, loop.expression) : this.mayBe(loop.expression) ? loop : undefined;
    return taken ?? this.firstIn(loop.initializer);
  }

  private children(node: ts.Node): ts.Node | undefined {
    return this.ts.forEachChild(node, (child) => this.firstIn(child));
  }

  private type(node: ts.Node): ts.Type { return this.ctx.checker.getTypeAtLocation(node); }
  private mayBe(node: ts.Node): boolean {
    return this.written.mayBe(this.type(node)) && !(this.ts.isIdentifier(node) && this.hooks.isPrivate(node));
  }

  /** `o[k]`: a part of a written object, or of an object whose properties may be accessors nobody declared. */
  private elementRead(node: ts.ElementAccessExpression): ts.Node | undefined {
    if (this.mayBe(node.expression)) return node;
    // (A key that is an object becomes a string by its toString: `seen[groups[0] as any]` reads the array, np47's F4.)
    if (this.operands(node, [node.argumentExpression])) return node;
    const type = this.type(node.expression);
    const indexed = this.ctx.checker.isArrayType(type) || this.ctx.checker.isTupleType(type) || isTypedArrayType(this.ctx, type);
    if (indexed) return undefined;
    if (this.shapes.hiddenAccessors) return node;
    const key = node.argumentExpression;
    if (this.ts.isStringLiteralLike(key) || this.ts.isNumericLiteral(key)) return isPlainData(this.ctx, this.shapes, key) ? undefined : node;
    // Any key: plain data if the type declares no accessor at all.
    const accessors = this.ctx.checker.getPropertiesOfType(type).some((p) => p.flags & this.ts.SymbolFlags.Accessor);
    return accessors ? node : undefined;
  }

  /** Writing into a part of `target` (`v[0] = 1`, `o.x++`, `delete o.k`): observed if the object may be written by tasks. */
  private target(target: ts.Expression): ts.Node | undefined {
    const { ts } = this;
    const inner = skipTransparent(ts, target);
    if (ts.isPropertyAccessExpression(inner)) return this.mayBe(inner.expression) || !isPlainData(this.ctx, this.shapes, inner.name) ? inner : undefined;
    if (ts.isElementAccessExpression(inner)) return this.elementRead(inner);
    return this.assigned(inner);
  }

  /** Operators that turn objects into primitives (`+`, `<`, `${x}`) call their valueOf/toString: code that may look. */
  private operands(node: ts.Node, operands: readonly ts.Expression[]): ts.Node | undefined {
    // (`(h as unknown as number) > 5`: the cast changes the type, not the object whose valueOf runs.)
    return operands.some((o) => !isPrimitiveType(this.ctx, this.type(o)) || !isPrimitiveType(this.ctx, this.type(skipTransparent(this.ts, o)))) ? node : undefined;
  }

  private propertyRead(node: ts.PropertyAccessExpression): ts.Node | undefined {
    const base = this.type(node.expression);
    if (this.mayBe(node.expression)) return VIEW_SHAPE.has(node.name.text) && isTypedArrayType(this.ctx, base) ? undefined : node;
    return isPlainData(this.ctx, this.shapes, node.name) ? undefined : node;
  }


  /** An assignment to this target converts the value to a number: an element of a typed array, an array's `length`. */
  private convertsAssigned(target: ts.Expression): boolean {
    const inner = skipTransparent(this.ts, target);
    return (this.ts.isElementAccessExpression(inner) && isTypedArrayType(this.ctx, this.type(inner.expression))) ||
      (this.ts.isPropertyAccessExpression(inner) && inner.name.text === 'length');
  }

  /** Writing a variable declared outside the fenced function: a caller catching a failure may see the change. */
  private assigned(target: ts.Expression): ts.Node | undefined {
    const inner = skipTransparent(this.ts, target);
    return this.ts.isIdentifier(inner) && !this.hooks.isLocal(inner) ? inner : undefined;
  }

  private binaryFirstIn(node: ts.BinaryExpression): ts.Node | undefined {
    const { ts } = this;
    const op = node.operatorToken.kind;
    const first = this.firstIn(node.left) ?? this.firstIn(node.right);
    if (first) return first;
    if (isAssignmentOperator(ts, op)) {
      if (ts.isObjectLiteralExpression(node.left) || ts.isArrayLiteralExpression(node.left)) return this.destructures(node, node.right, node.left);
      const written = this.target(node.left);
      if (written) return written;
      // (`t[0] = obj` into a typed array, `arr.length = obj`: the value is made a number by its valueOf: np48's F2.)
      if (op === ts.SyntaxKind.EqualsToken && this.convertsAssigned(node.left)) return this.operands(node, [node.right]);
      return op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken ||
        op === ts.SyntaxKind.AmpersandAmpersandEqualsToken ? undefined : this.operands(node, [node.left, node.right]);
    }
    switch (op) {
      case ts.SyntaxKind.EqualsEqualsEqualsToken: case ts.SyntaxKind.ExclamationEqualsEqualsToken: case ts.SyntaxKind.AmpersandAmpersandToken:
      case ts.SyntaxKind.BarBarToken: case ts.SyntaxKind.QuestionQuestionToken: case ts.SyntaxKind.CommaToken:
        return undefined;
      case ts.SyntaxKind.InstanceOfKeyword:
        return runsHasInstance(this.ctx, node.right) ? node : undefined;
      case ts.SyntaxKind.InKeyword:
        // (An object as the key becomes a string by its toString: rev61's F7.)
        return this.mayBe(node.right) || this.operands(node, [node.left]) ? node : undefined;
      default:
        return this.operands(node, [node.left, node.right]);
    }
  }

  /** `const [a, b] = e` iterates e; `const { x } = o` reads o's fields (and so on, down nested patterns). */
  private bindingFirstIn(node: ts.VariableDeclaration | ts.BindingElement): ts.Node | undefined {
    const first = node.initializer && this.firstIn(node.initializer);
    if (first || this.ts.isIdentifier(node.name)) return first;
    return this.patternFirstIn(node.name);
  }

  /** A destructuring pattern takes apart a value of the pattern's type. */
  private patternFirstIn(pattern: ts.BindingPattern | ts.ArrayLiteralExpression | ts.ObjectLiteralExpression): ts.Node | undefined {
    const type = this.type(pattern);
    if (this.written.mayBe(type)) return pattern;
    if ((this.ts.isArrayBindingPattern(pattern) || this.ts.isArrayLiteralExpression(pattern)) && !isPrimitiveType(this.ctx, type) &&
      !isLibraryType(this.ctx, type)) return pattern; // iterated by code of the program's (a generator, an iterator class)
    if (patternReadsAccessor(this.ctx, this.shapes, pattern, type)) return pattern;
    return this.children(pattern);
  }

  private destructures(node: ts.Node, source: ts.Expression, pattern: ts.ArrayLiteralExpression | ts.ObjectLiteralExpression): ts.Node | undefined {
    if (this.ts.isArrayLiteralExpression(pattern)) return this.iterates(node, source);
    return this.mayBe(source) || patternReadsAccessor(this.ctx, this.shapes, pattern, this.type(source)) ? node : undefined;
  }

  /** Iterating a value: its elements are read (observed if it may be written), by the library's iterators only. */
  private iterates(node: ts.Node, iterated: ts.Expression): ts.Node | undefined {
    const type = this.type(iterated);
    if (this.mayBe(iterated) || resumesIterator(this.ctx, iterated)) return node;
    if (isPrimitiveType(this.ctx, type)) return undefined;
    return isLibraryType(this.ctx, type) && !isOverridable(this.shapes, type) ? undefined : node;
  }

  private classFirstIn(node: ts.ClassLikeDeclaration): ts.Node | undefined {
    const { ts } = this;
    const runs = node.members.find((m) => ts.isClassStaticBlockDeclaration(m) ||
      ts.isPropertyDeclaration(m) && m.initializer && m.modifiers?.some((k) => k.kind === ts.SyntaxKind.StaticKeyword));
    return runs ?? (node.heritageClauses ? this.children(node.heritageClauses[0]) : undefined);
  }

  // ── calls ─────────────────────────────────────────────────────────────────

  private callFirstIn(call: ts.CallExpression): ts.Node | undefined {
    const { ts } = this;
    const callee = skipTransparent(ts, call.expression);
    const receiver = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : undefined;
    if (this.hooks.isSubmitted(call)) return this.arguments(call);
    const first = (receiver ? this.firstIn(receiver) : undefined) ?? this.arguments(call);
    if (first) return first;
    if (callee.kind === ts.SyntaxKind.SuperKeyword || callee.kind === ts.SyntaxKind.ImportKeyword) return call;
    const body = this.programFunction(call);
    if (body) return this.bodyFirstIn(body) ? call : undefined;
    const methods = this.programMethods(call);
    if (methods) return methods.some((method) => this.bodyFirstIn(method)) ? call : undefined;
    if (printsPrimitives(this.ctx, call)) return undefined;
    if (!isLibrary(this.ctx, callee) || receiver && PRINTS.has(receiver.getText())) return call;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    if (receiver && name && ITERATOR_STEPS.has(name) && resumesIterator(this.ctx, receiver)) return call;
    if (receiver && this.type(receiver).getCallSignatures().length > 0) {
      // `f.call(…)`, `f.apply(…)`: runs f.
      const fn = ts.isIdentifier(receiver) ? this.functionOf(receiver) : undefined;
      return fn && !this.bodyFirstIn(fn) ? undefined : call;
    }
    // `g.subarray(lo, hi)`: a view of the same memory, made without reading any of it (what is read through it later
    // is judged there: it may be written too).
    if (receiver && name === 'subarray' && isTypedArrayType(this.ctx, this.type(receiver))) return undefined;
    if (receiver && !isNamespace(this.ctx, receiver)) {
      // A method of the library's arrays, Maps, Sets, strings, dates…: it reads its receiver's contents when the
      // receiver may be written; a few read its elements (join, sort: their toString may be the program's); those
      // that store, find or compare what they are given run no code of it; any other may convert its arguments.
      if (this.mayBe(receiver) || isOverridable(this.shapes, this.type(receiver))) return call;
      if (name && READS_ELEMENTS.has(name)) return this.isPlainValue(receiver) ? undefined : call;
      // (A typed array's `fill(v)` and `set` make numbers of what they are given: its valueOf runs, np48's F2.)
      if (name && STORES.has(name) && !isTypedArrayType(this.ctx, this.type(receiver))) return undefined;
      return this.lookedAt(call, call.arguments);
    }
    // A function of the library (`Math.max`, `JSON.stringify`, `String`, `Array.from`): may look at all it is given,
    // and call the program's toString, toJSON or iterator on it.
    return IDENTITY_ONLY.has(callee.getText()) ? undefined : this.lookedAt(call, call.arguments);
  }

  private newFirstIn(node: ts.NewExpression): ts.Node | undefined {
    const first = this.firstIn(node.expression) ?? (node.arguments ? this.arguments(node) : undefined);
    if (first) return first;
    if (!isLibrary(this.ctx, node.expression)) return node;
    return this.lookedAt(node, node.arguments ?? []);
  }

  /** A library function given these values observes if one may hold a written object or run code of the program's. */
  private lookedAt(node: ts.Node, values: readonly ts.Expression[]): ts.Node | undefined {
    const { ts } = this;
    for (const value of values) {
      const inner = skipTransparent(ts, ts.isSpreadElement(value) ? value.expression : value);
      if (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)) continue; // judged as if called (arguments)
      // A literal made here is looked into as well: `JSON.stringify({ cells })` reads every cell (tester #29's F0).
      if (ts.isObjectLiteralExpression(inner) && inner.properties.every((p) => ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p))) {
        const values = inner.properties.map((p) => (ts.isPropertyAssignment(p) ? p.initializer : (p as ts.ShorthandPropertyAssignment).name));
        if (this.lookedAt(node, values)) return node;
        continue;
      }
      if (!this.isPlainValue(inner)) return node;
    }
    return undefined;
  }

  /** Holds no written object and nothing whose methods are the program's: primitives and the library's own objects. */
  private isPlainValue(node: ts.Node): boolean {
    const type = this.type(node);
    // (A program making accessors or traps at run time, a Proxy's `ownKeys`: any object given to the library may run them.)
    if (this.shapes.hiddenAccessors && !isPrimitiveType(this.ctx, type)) return false;
    if (this.written.mayReach(type)) return false;
    for (const inner of this.written.closure([type])) {
      if (inner.getCallSignatures().length > 0 && this.ctx.checker.getPropertiesOfType(inner).length === 0) continue;
      if (!isLibraryType(this.ctx, inner) || isOverridable(this.shapes, inner)) return false;
    }
    return true;
  }

  /** The arguments, each evaluated; a function handed over is judged as if the callee ran it. */
  private arguments(call: ts.CallExpression | ts.NewExpression): ts.Node | undefined {
    for (const arg of call.arguments ?? []) {
      const inner = skipTransparent(this.ts, arg);
      if (this.hooks.skip(inner)) continue;
      if (this.ts.isArrowFunction(inner) || this.ts.isFunctionExpression(inner)) {
        if (this.bodyFirstIn(inner)) return arg;
        continue;
      }
      const first = this.firstIn(arg);
      if (first) return first;
      // A function value handed over (`xs.forEach(visit)`, `map(this.scale)`): known by its body, else it may do anything.
      if (this.type(inner).getCallSignatures().length === 0) continue;
      const handed = this.ts.isIdentifier(inner) ? this.functionOf(inner) : undefined;
      if (handed ? this.bodyFirstIn(handed) : !isLibrary(this.ctx, inner)) return arg;
    }
    return undefined;
  }

  /** A function of the program a call runs, when it is known for certain (not a method another class may override). */
  private programFunction(call: ts.CallExpression): FunctionBody | undefined {
    const callee = skipTransparent(this.ts, call.expression);
    return this.ts.isIdentifier(callee) ? this.functionOf(callee) : undefined;
  }

  /**
   * `M.tile(i)`, a method of the program's class: what it runs is its method or an override in a subclass of the
   * program (analysis/overrides.ts, as inference takes it), each judged by its body; undefined when some other code
   * may run (an accessor or field of that name in a subclass, a decorator, a declaration without a body).
   */
  private programMethods(call: ts.CallExpression): ts.MethodDeclaration[] | undefined {
    const { ts } = this;
    const callee = skipTransparent(ts, call.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.questionDotToken || callee.expression.kind === ts.SyntaxKind.SuperKeyword) return undefined;
    const declared = calledFunction(this.ctx, call);
    if (!declared || !ts.isMethodDeclaration(declared)) return undefined;
    const methods = overridingMethods(this.ctx, callee) ?? [declared];
    return methods.length > 0 && methods.every((m) => ts.isMethodDeclaration(m) && m.body !== undefined && !m.getSourceFile().isDeclarationFile)
      ? methods as ts.MethodDeclaration[] : undefined;
  }

  /**
   * The function a name holds (analysis/function-of-symbol.ts: declarations, constants, imports, factories), unless it
   * is a method: a subclass may override it.
   */
  private functionOf(name: ts.Identifier): FunctionBody | undefined {
    const symbol = this.ctx.checker.getSymbolAtLocation(name);
    const fn = symbol && functionOfSymbol(this.ctx, symbol);
    return fn && !this.ts.isMethodDeclaration(fn) ? fn : undefined;
  }


  /** Whether running the function's body may observe (memoized; a recursive call is answered by the first visit). */
  private bodyFirstIn(fn: FunctionBody): ts.Node | undefined {
    if (this.bodies.has(fn)) return this.bodies.get(fn);
    if (this.entering.has(fn)) return undefined;
    this.entering.add(fn);
    // Default values of parameters run at the call too, and a parameter's pattern takes its argument apart there
    // (`function label({ name, norm }: Series)`: np44's F15, read before the fenced tasks wrote it).
    const atCall = (p: ts.ParameterDeclaration): ts.Node | undefined =>
      (p.initializer ? this.firstIn(p.initializer) : undefined) ?? (this.ts.isIdentifier(p.name) ? undefined : this.patternFirstIn(p.name));
    const result = fn.parameters.map(atCall).find((n) => n !== undefined) ?? this.firstIn(fn.body!);
    this.entering.delete(fn);
    this.bodies.set(fn, result);
    return result;
  }


}

type FunctionBody = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration;

/** An array or object literal holding only literals (at any depth): made here, nothing of it is anyone else's. */
function holdsOnlyLiterals(t: typeof ts, e: ts.Expression): boolean {
  e = skipTransparent(t, e);
  if (t.isArrayLiteralExpression(e)) return e.elements.every((element) => !t.isSpreadElement(element) && holdsOnlyLiterals(t, element));
  if (t.isObjectLiteralExpression(e)) return e.properties.every((p) => t.isPropertyAssignment(p) && !t.isComputedPropertyName(p.name) && holdsOnlyLiterals(t, p.initializer));
  if (t.isPrefixUnaryExpression(e)) return t.isNumericLiteral(e.operand);
  return t.isLiteralExpression(e) || t.isNoSubstitutionTemplateLiteral(e) || e.kind === t.SyntaxKind.TrueKeyword || e.kind === t.SyntaxKind.FalseKeyword ||
    e.kind === t.SyntaxKind.NullKeyword || (t.isIdentifier(e) && e.text === 'undefined');
}

/** `const x`, `const [a, b]`, `const { k }`: names bound with no default (which would run code) at any depth. */
function plainBinding(t: typeof ts, initializer: ts.ForInitializer): boolean {
  if (!t.isVariableDeclarationList(initializer) || initializer.declarations.length !== 1) return false;
  const plain = (name: ts.BindingName): boolean => t.isIdentifier(name) ||
    name.elements.every((element) => t.isOmittedExpression(element) || (!element.initializer && !element.dotDotDotToken && plain(element.name)));
  return plain(initializer.declarations[0].name);
}
