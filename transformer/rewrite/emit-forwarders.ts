/**
 * Emitting forwarders that claim their calls (forwarders.ts, runtime/api/forwarding.ts): a planned call runs through
 * the runtime (`forwardCall(receiver, 'total', [args], 'p.total')` for a method, `forwardFunction(meanOf, [args],
 * 'meanOf')` for a function), and the forwarder's body first claims the call (`const __taskify_claimed =
 * __taskify.claimForward(Part.prototype.total)`), then returns `handOn(__taskify_claimed, submission)`: the Future
 * for a claimed call, the value for any other.
 */
import type * as ts from 'typescript';
import type { DeferredEnv } from './emit-deferred';
import type { TaskInfo } from '../analysis/discover';
import { replaceBody } from './replace-body';
import { methodAsMarked, methodOwner } from './method-owners';

/** In a forwarder that claims its calls: whether this call is one the plan made for it. */
const CLAIMED = '__taskify_claimed';

/** What emit.ts hands its pieces (emit-deferred.ts), and the transformation's context. */
export interface ForwarderEmitInput extends Omit<DeferredEnv, 'submitAfresh'> {
  readonly context: ts.TransformationContext;
}

export function forwarderEmitter({ ts, f, plan, runtime, visit, context }: ForwarderEmitInput) {
  // The forwarders of this file whose returned task calls hand on the Future when claimed, with how each names itself.
  const claimingFunctions = new Map<ts.Node, readonly string[]>();
  for (const [call, self] of plan.handedOn) {
    let n: ts.Node = call;
    while (!(ts.isMethodDeclaration(n) || ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n))) n = n.parent;
    claimingFunctions.set(n, self);
  }
  // Calls a split loop or callback submits ahead of their turn: the runtime runs them then only when they reach a
  // method marked to run ahead (below), else postpones them (runtime/api/made-ahead.ts forwardAhead).
  const ahead = new Set<ts.Node>([...plan.splitLoops.values(), ...plan.splitCallbacks.values()].flatMap((split) => split.taskCalls));
  const path = (names: readonly string[]): ts.Expression =>
    names.slice(1).reduce<ts.Expression>((e, name) => f.createPropertyAccessExpression(e, name), f.createIdentifier(names[0]));

  return {
    /** A planned call of a claiming forwarder, as the runtime runs it. */
    plannedCall(call: ts.CallExpression, claims: NonNullable<TaskInfo['claims']>, args: ts.Expression[]): ts.Expression {
      const list = f.createArrayLiteralExpression(args);
      const text = f.createStringLiteral(call.expression.getText());
      if (claims.method) {
        const callee = call.expression as ts.PropertyAccessExpression;
        return runtime(ahead.has(call) ? 'forwardAhead' : 'forwardCall', [ts.visitNode(callee.expression, visit) as ts.Expression, f.createStringLiteral(callee.name.text), list, text]);
      }
      return runtime('forwardFunction', [ts.visitNode(call.expression, visit) as ts.Expression, list, text]);
    },

    /** The returned submission of a claiming forwarder. */
    handOn(submission: ts.Expression): ts.Expression { return runtime('handOn', [f.createIdentifier(CLAIMED), submission]); },

    /**
     * A class with methods that may run ahead of their turn, marking them as it is defined: `static {
     * __taskify.mayRunAhead(this.prototype.total) }` (a static block, so that a class in any place, a class expression
     * too, is marked before any of its objects exists); undefined for any other node.
     */
    marking(node: ts.Node, registrations: readonly ts.Statement[]): ts.Node | undefined {
      if (!(ts.isClassDeclaration(node) || ts.isClassExpression(node))) return undefined;
      const methods = node.members.filter((m): m is ts.MethodDeclaration => ts.isMethodDeclaration(m) && plan.runsAhead.has(m));
      if (methods.length === 0 && registrations.length === 0) return undefined;
      const visited = ts.visitEachChild(node, visit, context) as ts.ClassDeclaration | ts.ClassExpression;
      const marks = methods.map((m) => methodAsMarked(ts, f, m));
      // (And the halves of methods split in two, emit-deferred.ts.)
      const block = f.createClassStaticBlockDeclaration(f.createBlock([
        ...(marks.length > 0 ? [f.createExpressionStatement(runtime('mayRunAhead', marks))] : []), ...registrations], registrations.length > 0));
      const members = [...visited.members, block];
      return ts.isClassDeclaration(visited)
        ? f.updateClassDeclaration(visited, visited.modifiers, visited.name, visited.typeParameters, visited.heritageClauses, members)
        : f.updateClassExpression(visited, visited.modifiers, visited.name, visited.typeParameters, visited.heritageClauses, members);
    },

    /** After a `const` holding an object literal with methods that may run ahead: `__taskify.mayRunAhead(api.run)`. */
    marksAfter(node: ts.Node): ts.Statement[] {
      if (!ts.isVariableStatement(node)) return [];
      const methods = [...plan.runsAhead].filter((m) => { const owner = methodOwner(ts, m); return owner?.kind === 'literal' && owner.statement === node; });
      return methods.length > 0 ? [f.createExpressionStatement(runtime('mayRunAhead', methods.map((m) => methodAsMarked(ts, f, m))))] : [];
    },

    /** A claiming forwarder, its body first claiming the call; undefined for any other node. */
    claiming(node: ts.Node): ts.Node | undefined {
      const self = claimingFunctions.get(node);
      if (!self || !isFunctionLikeWithBody(ts, node)) return undefined;
      const visited = ts.visitEachChild(node, visit, context) as ts.FunctionLikeDeclaration & { body: ts.ConciseBody };
      // Its parameters, which a call no plan made (code the plugin does not see: `rows.map(meanOf)` in another module)
      // may have changed since their last snapshots: the runtime checks them when the call is not claimed.
      const params = visited.parameters.flatMap((p) => (ts.isIdentifier(p.name) && !p.dotDotDotToken ? [f.createIdentifier(p.name.text)] : []));
      const claim = f.createVariableStatement(undefined, f.createVariableDeclarationList(
        [f.createVariableDeclaration(CLAIMED, undefined, undefined, runtime('claimForward', [path(self), f.createArrayLiteralExpression(params)]))], ts.NodeFlags.Const));
      const body = visited.body;
      const statements = ts.isBlock(body) ? [...body.statements] : [f.createReturnStatement(body)];
      return replaceBody(ts, f, visited, ts.isBlock(body) ? f.updateBlock(body, [claim, ...statements]) : f.createBlock([claim, ...statements], true));
    },
  };
}

function isFunctionLikeWithBody(t: typeof ts, node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (t.isMethodDeclaration(node) || t.isFunctionDeclaration(node) || t.isArrowFunction(node) || t.isFunctionExpression(node)) && node.body !== undefined;
}
