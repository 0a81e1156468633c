/**
 * Module constants whose value depends on the process at the moment the module loads: the environment, the command
 * line, the working directory, the clock, randomness (`const MODE = process.env.MODE ?? 'dev'`, `const [, , INPUT] =
 * process.argv`, `const STARTED = Date.now()`). A worker loads the module again, later: the program may have set the
 * variable meanwhile (its imports ran first), and the clock moved on. The plugin wraps these initializers so that each
 * worker takes the value the program's thread computed (runtime/api/load-time.ts). Found in every module, since a
 * task may reach one through any import.
 */
import type * as ts from 'typescript';
import { qualifiedName, type AnalysisContext } from './context';
import { isCalledAtOnce } from './expressions';
import { nodeDeclaredName } from './node-builtins';

/** What may differ between the program's thread at import and a worker later, as node-builtins.ts names Node's. */
const PROCESS_MEMBERS = new Set(['env', 'argv', 'execArgv', 'cwd', 'hrtime', 'uptime', 'memoryUsage', 'cpuUsage', 'title']);
const PROCESS_STATE = new Set([...PROCESS_MEMBERS].map((p) => `node:process.NodeJS.Process.${p}`));
const NODE_CHANCE = new Set(['randomUUID', 'randomBytes', 'randomInt', 'getRandomValues'].map((f) => `node:crypto.${f}`));
/** The standard library's clock and chance. */
const MOMENT = new Set(['Date.now', 'Math.random', 'performance.now', 'crypto.randomUUID', 'crypto.getRandomValues']);

/** Top-level `const` declarations of the file whose initializer reads the process's state or the moment. */
export function loadTimeConstants(ctx: AnalysisContext, source: ts.SourceFile): ts.VariableDeclaration[] {
  const { ts } = ctx;
  const found: ts.VariableDeclaration[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (declaration.initializer && readsTheMoment(ctx, declaration.initializer)) found.push(declaration);
    }
  }
  return found;
}

function readsTheMoment(ctx: AnalysisContext, node: ts.Node): boolean {
  const { ts } = ctx;
  // A function made here runs later, in whichever thread calls it: its body is not the load's.
  if (ts.isFunctionLike(node) && !isCalledAtOnce(ts, node)) return false;
  // (The member's name first: most accesses are none of these, and need no symbol.)
  if (ts.isPropertyAccessExpression(node) && PROCESS_MEMBERS.has(node.name.text) && PROCESS_STATE.has(nodeDeclaredName(ctx, node) ?? '')) return true;
  if (ts.isCallExpression(node) && (MOMENT.has(qualifiedName(ts, node.expression) ?? '') || NODE_CHANCE.has(nodeDeclaredName(ctx, node.expression) ?? ''))) {
    return true;
  }
  // `new Date()`, `Date()`: now.
  if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'Date' &&
    (node.arguments ?? []).length === 0) return true;
  return ts.forEachChild(node, (child) => readsTheMoment(ctx, child) || undefined) === true;
}
