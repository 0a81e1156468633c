/**
 * `JSON.stringify(v)` reads `v` and everything in it. It runs code only through `toJSON` methods and getters that are
 * own properties (an object literal's `get x()`; a class's getters live on its prototype and are not serialized), and
 * through a replacer function. When the program declares neither, a call whose other arguments are literals only reads:
 * split loops and batched statements may run it after later submissions (only-reads.ts).
 */
import type * as ts from 'typescript';
import type { FileFacts } from './file-facts';
import { qualifiedName } from '../analysis/context';

const declaresCodeRunBySerializing = new WeakMap<ts.Program, boolean>();

export function isReadingStringify(facts: FileFacts, call: ts.CallExpression): boolean {
  const { ts } = facts;
  if (qualifiedName(ts, call.expression) !== 'JSON.stringify' || call.arguments.length === 0) return false;
  const literalOptions = call.arguments.slice(1).every((arg) => ts.isLiteralExpression(arg) || arg.kind === ts.SyntaxKind.NullKeyword);
  return literalOptions && !programRunsCodeWhenSerialized(facts);
}

function programRunsCodeWhenSerialized(facts: FileFacts): boolean {
  const { ts, ctx } = facts;
  let known = declaresCodeRunBySerializing.get(ctx.program);
  if (known !== undefined) return known;
  known = false;
  const visit = (node: ts.Node): void => {
    if (known) return;
    const name = (node as { name?: ts.Node }).name;
    if ((ts.isMethodDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isPropertyAssignment(node)) && name && ts.isIdentifier(name) && name.text === 'toJSON') known = true;
    else if (ts.isGetAccessorDeclaration(node) && ts.isObjectLiteralExpression(node.parent)) known = true;
    else ts.forEachChild(node, visit);
  };
  for (const file of ctx.program.getSourceFiles()) {
    if (file.isDeclarationFile || ctx.program.isSourceFileFromExternalLibrary(file) || /[\\/]node_modules[\\/]/.test(file.fileName)) continue;
    if (/toJSON|\bget\b/.test(file.text)) visit(file);
  }
  declaresCodeRunBySerializing.set(ctx.program, known);
  return known;
}
