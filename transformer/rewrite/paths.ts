/** How emitted code names things outside itself: a task's module, and a call's site for error messages. */
import type * as ts from 'typescript';
import { dirname, relative } from 'node:path';
import { isPrimitiveNode, type AnalysisContext } from '../analysis/context';
import type { TaskInfo } from '../analysis/discover';

/**
 * Relative paths, kept per pair (`from` then `to`): every submission names its file, every task handle its module, and
 * path.relative works them out afresh each time.
 */
const relativePaths = new Map<string, Map<string, string>>();

function relativePath(from: string, to: string): string {
  let fromHere = relativePaths.get(from);
  if (!fromHere) { fromHere = new Map(); relativePaths.set(from, fromHere); }
  let path = fromHere.get(to);
  if (path === undefined) { path = relative(from, to); fromHere.set(to, path); }
  return path;
}

/** `file:line` of a node, relative to the working directory, for errors. */
export function siteOf(node: ts.Node): string {
  const source = node.getSourceFile();
  const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
  const file = relativePath(process.cwd(), source.fileName) || source.fileName;
  return `${file.replace(/\\/g, '/')}:${line + 1}`;
}

/** The emitted module itself, as the runtime names modules: `import.meta.url`, or `__filename` in CommonJS. */
export function thisModule(ctx: AnalysisContext, f: ts.NodeFactory, esm: boolean): ts.Expression {
  return esm ? f.createPropertyAccessExpression(f.createMetaProperty(ctx.ts.SyntaxKind.ImportKeyword, f.createIdentifier('meta')), 'url')
    : f.createIdentifier('__filename');
}

/**
 * An expression for the emitted module that defines `task`, as a worker can import it. Source files keep their
 * relative layout in the output (outDir mirrors rootDir), so the relative path between sources holds between outputs.
 */
export function moduleReference(ctx: AnalysisContext, f: ts.NodeFactory, from: ts.SourceFile, task: TaskInfo, esm: boolean): ts.Expression {
  const here = thisModule(ctx, f, esm);
  if (task.file === from.fileName) return here;
  let path = relativePath(dirname(from.fileName), task.file).replace(/\\/g, '/').replace(/\.(m|c)?tsx?$/, (_, m: string | undefined) => `.${m ?? ''}js`);
  if (!path.startsWith('.')) path = `./${path}`;
  return esm
    ? f.createPropertyAccessExpression(f.createNewExpression(f.createIdentifier('URL'), undefined, [f.createStringLiteral(path), here]), 'href')
    : f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('require'), 'resolve'), undefined, [f.createStringLiteral(path)]);
}

/**
 * What the graph and trace call a submission's data (runtime/observe/data-names.ts): each argument's text where it is
 * a plain name (`image`, `img.data`, `parts[i]`; empty otherwise, and the runtime uses the parameter's name), and after
 * `=` the variable its result goes to (`const blurred = blur(…)`). One string literal per call site, so a submission
 * costs nothing more; undefined when there is nothing to name.
 */
export function dataLabels(ctx: AnalysisContext, call: ts.CallExpression): string | undefined {
  const t = ctx.ts;
  // A primitive travels as a value, not as data: nothing to name.
  const args = call.arguments.map((arg) => (isPrimitiveNode(ctx, arg) ? '' : plainName(t, arg) ?? ''));
  let node: ts.Node = call;
  while (t.isParenthesizedExpression(node.parent) || t.isAwaitExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  const pushedInto = t.isCallExpression(parent) && parent.arguments.length === 1 && t.isPropertyAccessExpression(parent.expression) &&
    parent.expression.name.text === 'push' ? plainName(t, parent.expression.expression) : undefined;
  const result = t.isVariableDeclaration(parent) && parent.initializer === node && t.isIdentifier(parent.name) ? parent.name.text
    : t.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === t.SyntaxKind.EqualsToken
      ? plainName(t, parent.left) : pushedInto && `${pushedInto}[]`;
  while (args.length > 0 && args[args.length - 1] === '') args.pop();
  if (args.length === 0 && result === undefined) return undefined;
  return result === undefined ? args.join(',') : `${args.join(',')}=${result}`;
}

/** `a`, `a.b`, `a[i]`, `a[0].b` (type-only wrappers skipped), short; what separates labels (`,` `=`) cannot occur. */
function plainName(t: typeof ts, expr: ts.Expression): string | undefined {
  while (t.isParenthesizedExpression(expr) || t.isNonNullExpression(expr) || t.isAsExpression(expr) || t.isSatisfiesExpression(expr)) {
    expr = expr.expression;
  }
  const name = (e: ts.Expression): boolean => t.isIdentifier(e) ||
    (t.isPropertyAccessExpression(e) && t.isIdentifier(e.name) && name(e.expression)) ||
    (t.isElementAccessExpression(e) && (t.isIdentifier(e.argumentExpression) || t.isNumericLiteral(e.argumentExpression)) && name(e.expression));
  if (!name(expr)) return undefined;
  const text = expr.getText();
  return text.length <= 40 ? text : undefined;
}
