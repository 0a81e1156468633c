/**
 * Statements that reach outside the process when a module loads: a file written or removed, a folder made, a lock
 * taken, a child process run, a socket opened (Node's `fs`, `child_process`, `net`, `http`…, called at load or by a
 * function of the program the load runs). A worker importing a module the tasks' modules import must not do that
 * again (np43's F2: a setup module's `writeFileSync` at load clobbered the file the program wrote since; p42 wiped the
 * output folder, p68 failed to take its lock). Anything else such a module does at load (a registry filled, a package
 * configured, a polyfill, an optional `require`) builds state the tasks may use, and runs in workers too.
 */
import type * as ts from 'typescript';
import { calledFunction, type AnalysisContext } from '../analysis/context';
import { nodeDeclaredName } from '../analysis/node-builtins';
import { runsWhereItStands } from './syntax';

const OUTSIDE = /^node:(fs|fs\/promises|child_process|net|http|https|http2|dgram|tls)\./;

/** Per function of the program: its body reaches outside (a function on a cycle counts as not, while looked at). */
const bodies = new WeakMap<ts.Node, boolean>();

export function reachesOutside(ctx: AnalysisContext, node: ts.Node): boolean {
  const { ts } = ctx;
  // (A function made here runs later, when it is called, unless it runs where it stands.)
  if (!runsWhereItStands(ts, node)) return false;
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
    if (OUTSIDE.test(nodeDeclaredName(ctx, node.expression) ?? '')) return true;
    const fn = ts.isCallExpression(node) ? calledFunction(ctx, node) : undefined;
    if (fn?.body) {
      let known = bodies.get(fn);
      if (known === undefined) { bodies.set(fn, false); known = reachesOutside(ctx, fn.body); bodies.set(fn, known); }
      if (known) return true;
    }
  }
  return ts.forEachChild(node, (child) => reachesOutside(ctx, child) || undefined) === true;
}
