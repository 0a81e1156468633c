/**
 * Code that resumes after other code of the program ran: an async function after an `await`, a generator at its start
 * (its first `next()`) and after a `yield`, and a callback handed to an API that calls it later (`setTimeout`, `.then`,
 * `.on`, ...).
 *
 * In the sequential program every task call had finished before the code that follows it, so an object such code
 * reads already holds what the calls wrote. Here the calls made meanwhile may still be running in workers, and the
 * object may be one the planner never followed (a parameter of the async function, a local it took from one). So at
 * each resumption point the objects the resumed code uses are brought up to date: a wait per object and resumption,
 * not per reference, so a loop after an `await` pays nothing per iteration. Objects the resumed code may change are
 * also marked written, so later tasks read the change.
 *
 * This gives resumed code the guarantee synchronous code has: the objects it names are current when it starts.
 */
import type * as ts from 'typescript';
import { isFunctionLike, isPrimitiveNode, symbolOf, type AnalysisContext, type FunctionLike } from '../analysis/context';
import { isDeclarationName, isReference, namesOwnArguments } from './syntax';
import { censusOf } from '../analysis/syntax-census';

/** How resumed code uses an object: only reads it, or may change it. */
export type ResumedUse = 'read' | 'write';

export interface Resumption {
  /** The objects to bring up to date (written: also marked changed by the program), as references to emit. */
  readonly reads: readonly ts.Identifier[];
  readonly writes: readonly ts.Identifier[];
}

/** APIs that call the function they are given later, after the caller went on. */
const DEFERRING_FUNCTIONS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask']);
const DEFERRING_METHODS = new Set(['then', 'catch', 'finally', 'on', 'once', 'addEventListener', 'addListener', 'nextTick', 'prependListener']);

/**
 * Resumption points of one file: each `await`/`yield` expression, or deferred callback, with the objects to refresh
 * there. `use` classifies one reference; `skip` says which functions are not run by this thread (task bodies).
 */
export function findResumptions(ctx: AnalysisContext, source: ts.SourceFile, use: (ref: ts.Identifier) => ResumedUse | undefined,
  skip: (fn: FunctionLike) => boolean): Map<ts.Node, Resumption> {
  const { ts } = ctx;
  const found = new Map<ts.Node, Resumption>();
  if (!mayResume(source)) return found;
  // A body's references to object variables, found and classified once however many awaits it holds.
  const bodies = new Map<ts.Node, ObjectReference[]>();
  const referencesIn = (body: ts.Node): ObjectReference[] => {
    let refs = bodies.get(body);
    if (refs) return refs;
    refs = [];
    const collect = (node: ts.Node): void => {
      if (isFunctionLike(ctx, node) && skip(node)) return;
      if (ts.isIdentifier(node) && isReference(ts, node) && !isDeclarationName(ts, node)) {
        const symbol = symbolOf(ctx, node);
        const how = symbol && isObjectVariable(ctx, symbol, node) ? use(node) : undefined;
        if (symbol && how) refs!.push({ ref: node, symbol, use: how });
      }
      ts.forEachChild(node, collect);
    };
    collect(body);
    bodies.set(body, refs);
    return refs;
  };
  const record = (at: ts.Node, refs: readonly ObjectReference[]): void => {
    const bySymbol = new Map<ts.Symbol, ObjectReference>();
    for (const ref of refs) {
      const known = bySymbol.get(ref.symbol);
      if (!known || (ref.use === 'write' && known.use === 'read')) bySymbol.set(ref.symbol, { ...ref, ref: known?.ref ?? ref.ref });
    }
    if (bySymbol.size === 0) return;
    const list = [...bySymbol.values()];
    found.set(at, { reads: list.filter((u) => u.use === 'read').map((u) => u.ref), writes: list.filter((u) => u.use === 'write').map((u) => u.ref) });
  };
  const look = (node: ts.Node): void => {
    if (isFunctionLike(ctx, node) && node.body && isDeferredCallback(ctx, node)) {
      record(node, referencesIn(node.body).filter((r) => !isDeclaredWithin(r.symbol, node)));
    }
    // A generator's body starts at its first `next()`, not at its call (np52's F1: `const g = gen(ps); double(ps);
    // [...g]` read the scores before the task's write): its parameters and the names it captures, as they are then.
    // Its own locals are not bound yet.
    if (isFunctionLike(ctx, node) && node.body && ts.isBlock(node.body) && isGenerator(ctx, node)) {
      const body = node.body;
      record(node, [...referencesIn(body).filter((r) => !isDeclaredWithin(r.symbol, body)), ...argumentsOf(node)]);
    }
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node)) {
      const fn = enclosingFunction(ctx, node);
      // What the function can reach once resumed: everything in it, except names declared after this point (a wait
      // there would read them before their declaration ran) or out of scope there.
      if (fn?.body) {
        record(node, referencesIn(fn.body).filter((r) =>
          mayRunAfter(ctx, r.ref, node) && !isDeclaredAfter(ts, r.symbol, fn, node) && isInScopeAt(ctx, r.symbol, node)));
      }
    }
  };
  /** `arguments[1]` in a generator's body: its object parameters, under another name (rv64's gen-args). */
  const argumentsOf = (fn: FunctionLike): ObjectReference[] => {
    if (!namesOwnArguments(ctx, fn)) return [];
    return fn.parameters.flatMap((p) => {
      const symbol = ts.isIdentifier(p.name) ? symbolOf(ctx, p.name) : undefined;
      return symbol && ts.isIdentifier(p.name) && !isPrimitiveNode(ctx, p.name) ? [{ ref: p.name, symbol, use: 'write' as const }] : [];
    });
  };
  // Every node of the file in source order (syntax-census.ts), but the subtrees of skipped functions.
  const { nodes, ends } = censusOf(ctx, source);
  for (let i = 0; i < nodes.length;) {
    const node = nodes[i];
    if (isFunctionLike(ctx, node) && skip(node)) { i = ends[i]; continue; }
    look(node);
    i++;
  }
  return found;
}

interface ObjectReference { readonly ref: ts.Identifier; readonly symbol: ts.Symbol; readonly use: ResumedUse }

/**
 * Whether the file may hold a resumption point at all: each is spelled with a word of its own (`await`, `yield`, a
 * deferring API's name, `function*` or `*name(` for a generator that yields nothing), so a file whose text has none
 * of them has none, and is not walked. (An identifier written with escapes, `\u0061wait`, could hide the word: such
 * files are walked.)
 */
const RESUMING_WORDS = new RegExp(`\\bfunction\\s*\\*|\\*\\s*(?:\\[[^\\]]*\\]|[\\w$]+)\\s*\\(|\\b(?:await|yield|${[...DEFERRING_FUNCTIONS, ...DEFERRING_METHODS].join('|')})\\b|\\\\u`);
/** Whether the file may hold a resumption point at all (a test of its text; false: findResumptions finds none). */
export function mayResume(source: ts.SourceFile): boolean { return RESUMING_WORDS.test(source.text); }

/** A generator function (`function*`, a `*method()`), async or not. */
function isGenerator(ctx: AnalysisContext, fn: FunctionLike): boolean {
  return (ctx.ts.isFunctionDeclaration(fn) || ctx.ts.isFunctionExpression(fn) || ctx.ts.isMethodDeclaration(fn)) && fn.asteriskToken !== undefined;
}

/** A function expression given to `setTimeout`, `promise.then`, `emitter.on`...: it runs after its caller went on. */
function isDeferredCallback(ctx: AnalysisContext, fn: FunctionLike): boolean {
  const { ts } = ctx;
  if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
  let node: ts.Node = fn;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const call = node.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(node as ts.Expression)) return false;
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return DEFERRING_FUNCTIONS.has(callee.text);
  return ts.isPropertyAccessExpression(callee) && (DEFERRING_METHODS.has(callee.name.text) || DEFERRING_FUNCTIONS.has(callee.name.text));
}

/** The function whose execution an `await`/`yield` suspends (not counting a task's, which runs in a worker). */
function enclosingFunction(ctx: AnalysisContext, node: ts.Node): FunctionLike | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionLike(ctx, n)) return n;
  return undefined;
}

/**
 * The reference may run after the suspension point `at` in the same call: it comes later in the text, or sits in a
 * loop of the same function that also holds `at` (the next iteration). References in nested functions count too:
 * they may be called after resumption.
 */
function mayRunAfter(ctx: AnalysisContext, ref: ts.Node, at: ts.Node): boolean {
  if (ref.getStart() >= at.getEnd()) return true;
  const { ts } = ctx;
  // A closure made before the point may be called after it (`const read = () => v[0]; await …; read()`).
  const suspended = enclosingFunction(ctx, at);
  for (let n: ts.Node | undefined = ref.parent; n && n !== suspended; n = n.parent) if (isFunctionLike(ctx, n)) return true;
  for (let n: ts.Node | undefined = at.parent; n && !isFunctionLike(ctx, n); n = n.parent) {
    if (ts.isIterationStatement(n, false) && ref.getStart() >= n.getStart() && ref.getEnd() <= n.getEnd()) return true;
  }
  return false;
}

/** A variable or parameter holding an object (not a function, class or namespace) at this reference. */
function isObjectVariable(ctx: AnalysisContext, symbol: ts.Symbol, ref: ts.Identifier): boolean {
  const { ts } = ctx;
  const variable = ts.SymbolFlags.FunctionScopedVariable | ts.SymbolFlags.BlockScopedVariable;
  if (!(symbol.flags & variable) || isPrimitiveNode(ctx, ref)) return false;
  const declaration = symbol.valueDeclaration;
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return false;
  const type = ctx.checker.getTypeAtLocation(ref);
  // (`p?: P` is `P | undefined`: an object when it is one.)
  return (type.isUnion() ? type.types : [type]).some((t) => t.getCallSignatures().length === 0 && (t.flags & ts.TypeFlags.Object) !== 0);
}

function isDeclaredWithin(symbol: ts.Symbol, node: ts.Node): boolean {
  const declaration = symbol.valueDeclaration;
  return declaration !== undefined && declaration.getStart() >= node.getStart() && declaration.getEnd() <= node.getEnd();
}

/**
 * The variable's name reaches `at`: its block (for `let`/`const`) or function (for `var` and parameters) holds it. A
 * block-scoped local of a loop body's inner block is referenced in the loop but does not exist at an `await` after it.
 */
function isInScopeAt(ctx: AnalysisContext, symbol: ts.Symbol, at: ts.Node): boolean {
  const { ts } = ctx;
  const declaration = symbol.valueDeclaration;
  if (!declaration) return false;
  const blockScoped = (symbol.flags & ts.SymbolFlags.BlockScopedVariable) !== 0;
  let scope: ts.Node | undefined = declaration.parent;
  while (scope && !isFunctionLike(ctx, scope) && !ts.isSourceFile(scope) &&
    !(blockScoped && (ts.isBlock(scope) || ts.isIterationStatement(scope, false) || ts.isCaseBlock(scope) || ts.isCatchClause(scope)))) {
    scope = scope.parent;
  }
  return scope !== undefined && at.getStart() >= scope.getStart() && at.getEnd() <= scope.getEnd();
}

/**
 * Declared in the function's body at or after `at`, or initialized by it (`const x = await f()`): not initialized yet
 * when the function resumes there.
 */
function isDeclaredAfter(t: typeof ts, symbol: ts.Symbol, fn: FunctionLike, at: ts.Node): boolean {
  let declaration: ts.Node | undefined = symbol.valueDeclaration;
  // `const [first] = await …`: a name of a destructuring is bound once its whole declaration ran, initializer included.
  while (declaration && (t.isBindingElement(declaration) || t.isArrayBindingPattern(declaration) || t.isObjectBindingPattern(declaration))) {
    declaration = declaration.parent;
  }
  return declaration !== undefined && isDeclaredWithin(symbol, fn) && declaration.getEnd() > at.getStart();
}
