/**
 * Parameters a function replaces before using them again (`data = data.filter(…)`, `var r = f((start = rgb(start)).r)`):
 * an assignment `p = …` that runs exactly once, unconditionally, at the top level of the body. From the end of that
 * assignment on, in source order, the name holds only what was assigned to it (reach-flow.ts keeps what any
 * assignment adds), not the caller's object. The same inside a block, for the rest of the block's step: the clipping
 * loop's `const input = out; out = []; for (const v of input) out.push(…)` pushes into the fresh array only, though
 * `let out = param` started it as the parameter (tester #26's r28).
 *
 * Source order is evaluation order for the expressions allowed on the way up (operands, arguments, initializers,
 * conditions), so a mention after the assignment is evaluated after it. Not allowed: anything conditional (a branch,
 * the right side of `&&`/`||`/`??`, an optional chain, a default) or repeated (a loop, a nested function). A function
 * declaration is hoisted: it may run before the assignment however late it is written, so mentions inside one are
 * not after it (`isAfter`).
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { either, NOTHING, type Reach } from './reach-values';

/**
 * A variable of the function given a new value where the assignment runs once: at the top of the body (`block`
 * undefined) or of a block's step. `assigned`: what every binding of it in the function gives it, but its `let`/`const`
 * declaration or a parameter's default, which run before any assignment of that binding.
 */
interface Replacement { readonly scopes: { readonly from: number; readonly block?: ts.Block }[]; assigned: Reach }

/** The replacements of one function, for reach-flow.ts: found once, what they hold grown with every binding. */
export class Replacements {
  private readonly replaced = new Map<ts.Symbol, Replacement>();

  constructor(private readonly ctx: AnalysisContext, private readonly fn: FunctionLike) {}

  /**
   * The function's own variables (its parameters, `params`, and those declared in it, not in a function nested in
   * it) replaced by an assignment that runs once, unconditionally, at the top of the body or of a block's step.
   * Another function could give an outer variable any value between the assignment and a mention.
   */
  find(body: ts.ConciseBody, params: readonly ts.Symbol[]): void {
    const { ts } = this.ctx;
    if (!ts.isBlock(body)) return;
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left)) {
        const symbol = symbolOf(this.ctx, node.left);
        const block = symbol && (params.includes(symbol) || this.declaredHere(symbol)) ? blockRunningOnce(ts, node) : undefined;
        if (symbol && block) {
          const replaced = this.replaced.get(symbol) ?? { scopes: [], assigned: NOTHING };
          replaced.scopes.push({ from: node.end, ...(block === body ? {} : { block }) });
          this.replaced.set(symbol, replaced);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(body);
  }

  /**
   * A binding `name` gives the symbol `reach` (`p = q`, `[p] = [q]`, `for (p of …)`, `var p = q`): what a replaced name
   * may hold after its replacement. True when that grew (what it reached is then worked out again).
   */
  noteAssigned(symbol: ts.Symbol, name: ts.Identifier, reach: Reach): boolean {
    const replaced = this.replaced.get(symbol);
    if (!replaced || this.bindsBeforeAnyAssignment(name)) return false;
    const before = replaced.assigned;
    replaced.assigned = either(before, reach);
    return replaced.assigned.direct.size !== before.direct.size || replaced.assigned.contents.size !== before.contents.size ||
      [...replaced.assigned.contents].some(([p, d]) => before.contents.get(p) !== d);
  }

  /** What the name holds at `node` if a replacement decides it there, else undefined. */
  at(symbol: ts.Symbol, node: ts.Node): Reach | undefined {
    const replaced = this.replaced.get(symbol);
    const { ts } = this.ctx;
    const decides = replaced?.scopes.some(({ from, block }) => block ? isLaterInBlock(ts, node, from, block) : isAfter(ts, node, from, this.fn));
    return decides ? replaced!.assigned : undefined;
  }

  /** A variable declared in the function, not in a function nested in it. */
  private declaredHere(symbol: ts.Symbol): boolean {
    const { ts } = this.ctx;
    const declaration = symbol.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration)) return false;
    let n: ts.Node = declaration.parent;
    while (n && !ts.isFunctionLike(n) && !ts.isClassLike(n) && !ts.isSourceFile(n)) n = n.parent;
    return n === this.fn;
  }

  /** `name` is declared here by a parameter or by `let`/`const` (in a pattern or not). */
  private bindsBeforeAnyAssignment(name: ts.Identifier): boolean {
    const { ts } = this.ctx;
    let n: ts.Node = name.parent;
    while (ts.isBindingElement(n) || ts.isArrayBindingPattern(n) || ts.isObjectBindingPattern(n)) n = n.parent;
    return ts.isParameter(n) || (ts.isVariableDeclaration(n) && (ts.getCombinedNodeFlags(n) & ts.NodeFlags.BlockScoped) !== 0);
  }
}

/**
 * The block at whose top level the assignment runs exactly once each time the block runs (a loop's body: once per
 * step), with no branch, loop or nested scope between; undefined when something conditional or repeated is.
 */
function blockRunningOnce(t: typeof ts, assignment: ts.BinaryExpression): ts.Block | undefined {
  let node: ts.Node = assignment;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (t.isBlock(parent)) return parent;
    if (!evaluatesOnce(t, parent, node)) return undefined;
  }
  return undefined;
}

/**
 * A mention inside a block after a replacement at the block's top level, in the same step: later in the block, and
 * in no function between (a closure made there may run in a later step, after code before the replacement ran).
 */
function isLaterInBlock(t: typeof ts, id: ts.Node, from: number, block: ts.Block): boolean {
  if (id.pos < from || id.end > block.end) return false;
  for (let n = id.parent; n && n !== block; n = n.parent) if (t.isFunctionLike(n) || t.isClassLike(n)) return false;
  return true;
}

/** `child` of `parent` is evaluated exactly once each time `parent` is. */
function evaluatesOnce(t: typeof ts, parent: ts.Node, child: ts.Node): boolean {
  if ((parent.flags & t.NodeFlags.OptionalChain) !== 0) return false;
  if (t.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    const conditional = op === t.SyntaxKind.AmpersandAmpersandToken || op === t.SyntaxKind.BarBarToken ||
      op === t.SyntaxKind.QuestionQuestionToken || op === t.SyntaxKind.AmpersandAmpersandEqualsToken ||
      op === t.SyntaxKind.BarBarEqualsToken || op === t.SyntaxKind.QuestionQuestionEqualsToken;
    return !conditional || parent.left === child;
  }
  if (t.isConditionalExpression(parent)) return parent.condition === child;
  if (t.isIfStatement(parent)) return parent.expression === child;
  if (t.isVariableDeclaration(parent)) return parent.initializer === child;
  if (t.isPropertyAssignment(parent)) return parent.initializer === child;
  return t.isParenthesizedExpression(parent) || t.isCallExpression(parent) || t.isNewExpression(parent) ||
    t.isPropertyAccessExpression(parent) || t.isElementAccessExpression(parent) || t.isVariableDeclarationList(parent) ||
    t.isVariableStatement(parent) || t.isExpressionStatement(parent) || t.isReturnStatement(parent) || t.isThrowStatement(parent) ||
    t.isArrayLiteralExpression(parent) || t.isObjectLiteralExpression(parent) || t.isSpreadElement(parent) ||
    t.isPrefixUnaryExpression(parent) || t.isTypeOfExpression(parent) || t.isVoidExpression(parent) || t.isAsExpression(parent) ||
    t.isNonNullExpression(parent) || t.isTemplateExpression(parent) || t.isTemplateSpan(parent);
}

/**
 * A mention at `id` is evaluated after a replacement ending at `from`: later in the source, and not in a hoisted
 * function that might run before it. A function declaration whose name is mentioned only after the replacement (and
 * not in another such function that might run before it) cannot run before it either: d3-geo's `function
 * forward(coordinates) { … rotate(…) … }` after `rotate = rotateRadians(…)`, taken and returned only after it.
 */
function isAfter(t: typeof ts, id: ts.Node, from: number, body: ts.Node, seen: ReadonlySet<ts.Node> = new Set()): boolean {
  if (id.pos < from) return false;
  for (let n = id.parent; n && n !== body; n = n.parent) {
    if (t.isFunctionDeclaration(n) && !(n.name && !seen.has(n) && calledOnlyAfter(t, n, from, body, new Set([...seen, n])))) return false;
  }
  return true;
}

/** Every mention of the declaration's name outside its own body is after the replacement (by name: shadowing only adds mentions). */
function calledOnlyAfter(t: typeof ts, declaration: ts.FunctionDeclaration, from: number, body: ts.Node, seen: ReadonlySet<ts.Node>): boolean {
  const name = declaration.name!.text;
  let ok = true;
  const visit = (node: ts.Node): void => {
    if (!ok || node === declaration) return;
    if (t.isIdentifier(node) && node.text === name && !isAfter(t, node, from, body, seen)) ok = false;
    t.forEachChild(node, visit);
  };
  t.forEachChild(body, visit);
  return ok;
}
