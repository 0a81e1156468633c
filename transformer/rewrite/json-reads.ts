/**
 * `JSON.stringify(v)` reads `v` and everything in it. It runs code only through `toJSON` methods and getters that are
 * own properties (an object literal's `get x()`; a class's getters live on its prototype and are not serialized), and
 * through a replacer function. When the program declares neither, a call whose other arguments are literals only reads:
 * split loops and batched statements may run it after later submissions (only-reads.ts). The same holds for an
 * object spread (`{ ...s, m: 0 }` copies own properties: readsOwnPropertiesQuietly), where `toJSON` does not matter but
 * is counted all the same: one notion of "reading an object's own properties runs none of the program's code".
 * A `get` member of any object literal counts as a getter (`Object.defineProperty(o, 'k', { get() {…} })`), and so
 * does a `Proxy` the program makes (its traps run on every read).
 */
import type * as ts from 'typescript';
import type { FileFacts } from './file-facts';
import { isOwnSourceFile, qualifiedName } from '../analysis/context';

/** (Only the program is asked of: FileFacts, or the analysis context alone.) */
type ProgramFacts = Pick<FileFacts, 'ts' | 'ctx'>;

const declaresCodeRunBySerializing = new WeakMap<ts.Program, boolean>();

export function isReadingStringify(facts: ProgramFacts, call: ts.CallExpression): boolean {
  const { ts } = facts;
  if (qualifiedName(ts, call.expression) !== 'JSON.stringify' || call.arguments.length === 0) return false;
  const literalOptions = call.arguments.slice(1).every((arg) => ts.isLiteralExpression(arg) || arg.kind === ts.SyntaxKind.NullKeyword);
  return literalOptions && !programRunsCodeWhenSerialized(facts);
}

/** Copying or serializing an object's own properties runs none of the program's code (see the top of this file). */
export function readsOwnPropertiesQuietly(facts: ProgramFacts): boolean {
  return !programRunsCodeWhenSerialized(facts);
}

function programRunsCodeWhenSerialized(facts: ProgramFacts): boolean {
  const { ts, ctx } = facts;
  let known = declaresCodeRunBySerializing.get(ctx.program);
  if (known !== undefined) return known;
  known = false;
  const visit = (node: ts.Node): void => {
    if (known) return;
    const name = (node as { name?: ts.Node }).name;
    if ((ts.isMethodDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isPropertyAssignment(node)) && name && ts.isIdentifier(name) && name.text === 'toJSON') known = true;
    else if (ts.isGetAccessorDeclaration(node) && ts.isObjectLiteralExpression(node.parent)) known = true;
    else if ((ts.isMethodDeclaration(node) || ts.isPropertyAssignment(node)) && ts.isObjectLiteralExpression(node.parent) && name && ts.isIdentifier(name) && name.text === 'get') known = true;
    else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Proxy') known = true;
    else ts.forEachChild(node, visit);
  };
  for (const file of ctx.program.getSourceFiles()) {
    if (!isOwnSourceFile(ctx, file)) continue;
    if (/toJSON|\bget\b|\bProxy\b/.test(file.text)) visit(file);
  }
  declaresCodeRunBySerializing.set(ctx.program, known);
  return known;
}
