/**
 * When a cache a task keeps in its module (`MEMO.set(k, v)`, state-updates.ts isKeyedStore) may stay each worker's
 * own: a call that finds the entry must do what a call that computes it does. That holds when
 * - the value stored depends on nothing the key does not (`scaled(k, factor)` caching `k.length * factor` under `k`
 *   returns another call's factor: np42's F4), and
 * - each lookup only hands back what was stored: `return MEMO.get(k)!`, `const hit = MEMO.get(k); if (hit !==
 *   undefined) return hit`, `if (MEMO.has(k)) return MEMO.get(k)`, `if (!MEMO.has(k)) MEMO.set(k, v)`; not a lookup
 *   whose answer is the result (`if (SEEN.has(w)) return false`: "first time" differed by worker, np42's F4).
 * Anything else makes the cache state that travels with the calls, in the order the plain program made them.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext } from './context';
import { enclosesOrIs } from './function-values';
import { withWrappers } from '../rewrite/syntax';
import { referencesIn } from './outer-reads';

/** The keyed store `write` (a `set` call or `C[k] = v`) is read back at `read` as the computation it stands for. */
export function readsBackAsComputed(ctx: AnalysisContext, write: ts.Node, read: ts.Identifier): boolean {
  const stored = keyAndValue(ctx.ts, write);
  return stored !== undefined && valueFollowsKey(ctx, stored.key, stored.value) && handsBackStored(ctx, read, write);
}

function keyAndValue(t: typeof ts, write: ts.Node): { key: ts.Expression; value: ts.Expression } | undefined {
  if (t.isCallExpression(write) && write.arguments.length === 2) return { key: write.arguments[0], value: write.arguments[1] };
  if (t.isBinaryExpression(write) && t.isElementAccessExpression(write.left)) return { key: write.left.argumentExpression, value: write.right };
  return undefined;
}

/** The parameters the value is computed from are among those the key is (through the function's own constants). */
function valueFollowsKey(ctx: AnalysisContext, key: ts.Expression, value: ts.Expression): boolean {
  const keyInputs = inputsOf(ctx, key);
  return [...inputsOf(ctx, value)].every((input) => keyInputs.has(input));
}

/** The parameters and outer variables an expression reads, through the initializers of locals it names. */
function inputsOf(ctx: AnalysisContext, expr: ts.Expression): Set<ts.Symbol> {
  const { ts } = ctx;
  const found = new Set<ts.Symbol>();
  const seen = new Set<ts.Symbol>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const symbol = symbolOf(ctx, node);
      const declaration = symbol?.valueDeclaration;
      if (!symbol || seen.has(symbol) || !declaration) return;
      seen.add(symbol);
      if (ts.isParameter(declaration)) found.add(symbol);
      // A local of a function: what its initializer and every later assignment to it read (`let v = m.get(n); if (v ===
      // undefined) { v = n * n; … }`).
      else if (ts.isVariableDeclaration(declaration) && !ts.isSourceFile(declaration.parent.parent.parent)) {
        if (declaration.initializer) visit(declaration.initializer);
        const scope = ts.findAncestor(declaration, ts.isFunctionLike);
        if (scope && !(declaration.parent.flags & ts.NodeFlags.Const)) {
          for (const ref of referencesIn(ctx, [scope], symbol)) {
            const assignment = ref.parent;
            if (ts.isBinaryExpression(assignment) && assignment.left === ref && assignment.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
              assignment.operatorToken.kind <= ts.SyntaxKind.LastAssignment) visit(assignment.right);
          }
        }
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(expr);
  return found;
}

/** The lookup at `read` hands back the stored entry, or only decides whether to store it (see the module comment). */
function handsBackStored(ctx: AnalysisContext, read: ts.Identifier, write: ts.Node): boolean {
  const { ts } = ctx;
  const lookup = lookupAt(ts, read);
  // (The store itself, or the store named whole, `return cache` of a helper making it: its reads of the whole, `size`,
  // its keys, are outer-reads.ts's to judge.)
  if (!lookup) return true;
  const used = withWrappers(ts, lookup.node);
  if (lookup.kind === 'get') {
    if (ts.isReturnStatement(used.parent)) return true;
    // `const hit = C.get(k)`: returned, or only tested for being there.
    const declaration = used.parent;
    if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name)) {
      const declared = declaration.name;
      const name = symbolOf(ctx, declared);
      const scope = ts.findAncestor(declaration, ts.isFunctionLike);
      return name !== undefined && scope !== undefined && referencesIn(ctx, [scope], name).every((ref) => ref === declared || returnedOrTested(ts, ref));
    }
    return false;
  }
  // `if (C.has(k)) return C.get(k)`, `if (!C.has(k)) C.set(k, v)`.
  const test = used;
  const negated = ts.isPrefixUnaryExpression(test.parent) && test.parent.operator === ts.SyntaxKind.ExclamationToken;
  const condition = negated ? test.parent : test;
  const statement = condition.parent;
  if (!ts.isIfStatement(statement) || statement.expression !== condition || statement.elseStatement) return false;
  const branch = ts.isBlock(statement.thenStatement) && statement.thenStatement.statements.length === 1 ? statement.thenStatement.statements[0] : statement.thenStatement;
  if (negated) return ts.isExpressionStatement(branch) && enclosesOrIs(branch, write);
  const returned = ts.isReturnStatement(branch) && branch.expression ? lookupAt(ts, leftmostName(ts, branch.expression)) : undefined;
  return returned?.kind === 'get';
}

type Lookup = { kind: 'get' | 'has'; node: ts.Expression };

/** `C.get(k)`, `C[k]` (a get); `C.has(k)`, `k in C` (a has); at the reference `read` of C. */
function lookupAt(t: typeof ts, read: ts.Identifier | undefined): Lookup | undefined {
  const parent = read?.parent;
  if (!read || !parent) return undefined;
  if (t.isPropertyAccessExpression(parent) && parent.expression === read && t.isCallExpression(parent.parent) && parent.parent.expression === parent) {
    const method = parent.name.text;
    return method === 'get' ? { kind: 'get', node: parent.parent } : method === 'has' ? { kind: 'has', node: parent.parent } : undefined;
  }
  if (t.isElementAccessExpression(parent) && parent.expression === read) return { kind: 'get', node: parent };
  if (t.isBinaryExpression(parent) && parent.right === read && parent.operatorToken.kind === t.SyntaxKind.InKeyword) return { kind: 'has', node: parent };
  return undefined;
}

/** `C` of `C.get(k)!` returned (the name a lookup starts from). */
function leftmostName(t: typeof ts, expr: ts.Expression): ts.Identifier | undefined {
  let e = expr;
  for (;;) {
    if (t.isNonNullExpression(e) || t.isParenthesizedExpression(e) || t.isAsExpression(e)) e = e.expression;
    else if (t.isCallExpression(e)) e = e.expression;
    else if (t.isPropertyAccessExpression(e) || t.isElementAccessExpression(e)) e = e.expression;
    else return t.isIdentifier(e) ? e : undefined;
  }
}


/** `return hit`, `hit !== undefined`, `if (hit)`, `hit ?? …` of a lookup's name. */
function returnedOrTested(t: typeof ts, ref: ts.Identifier): boolean {
  const used = withWrappers(t, ref);
  const parent = used.parent;
  if (t.isReturnStatement(parent) || (t.isIfStatement(parent) && parent.expression === used)) return true;
  if (t.isPrefixUnaryExpression(parent) && parent.operator === t.SyntaxKind.ExclamationToken) return true;
  if (!t.isBinaryExpression(parent)) return false;
  const op = parent.operatorToken.kind;
  const other = parent.left === used ? parent.right : parent.left;
  const absent = other.kind === t.SyntaxKind.UndefinedKeyword || other.kind === t.SyntaxKind.NullKeyword || (t.isIdentifier(other) && other.text === 'undefined');
  return absent && (op === t.SyntaxKind.EqualsEqualsEqualsToken || op === t.SyntaxKind.ExclamationEqualsEqualsToken ||
    op === t.SyntaxKind.EqualsEqualsToken || op === t.SyntaxKind.ExclamationEqualsToken);
}

