/** The same function with another body: each kind of function has its own update, and only an arrow takes an expression. */
import type * as ts from 'typescript';

export function replaceBody(t: typeof ts, f: ts.NodeFactory, fn: ts.FunctionLikeDeclaration, body: ts.ConciseBody): ts.Node {
  if (t.isArrowFunction(fn)) return f.updateArrowFunction(fn, fn.modifiers, fn.typeParameters, fn.parameters, fn.type, fn.equalsGreaterThanToken, body);
  const block = body as ts.Block;
  if (t.isFunctionDeclaration(fn)) return f.updateFunctionDeclaration(fn, fn.modifiers, fn.asteriskToken, fn.name, fn.typeParameters, fn.parameters, fn.type, block);
  if (t.isFunctionExpression(fn)) return f.updateFunctionExpression(fn, fn.modifiers, fn.asteriskToken, fn.name, fn.typeParameters, fn.parameters, fn.type, block);
  if (t.isMethodDeclaration(fn)) {
    return f.updateMethodDeclaration(fn, fn.modifiers, fn.asteriskToken, fn.name, fn.questionToken, fn.typeParameters, fn.parameters, fn.type, block);
  }
  throw new Error(`taskify: internal error: cannot rewrite the body of a ${t.SyntaxKind[fn.kind]}`);
}
