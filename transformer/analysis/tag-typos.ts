/**
 * Tags that look meant for taskify but are not read by it: `/** @Task *\/` (tags are case-sensitive), `@taks`,
 * `/* @task *\/` or `// @task` (a plain comment, not JSDoc), `@rro` on a function that is not a task. Each would leave
 * a program silently sequential (or an @rro without effect), so `taskify explain` warns, with a did-you-mean.
 * Warnings, not compile errors: a tag that only resembles ours may belong to another tool.
 */
import type * as ts from 'typescript';
import { isFunctionLike, type AnalysisContext, type FunctionLike } from './context';
import { isTagNotProse, jsDocHost } from './tags';
import { closest } from '../../runtime/spelling';
import { functionName } from './function-names';

export interface TagWarning {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** The tags taskify reads (tags.ts). */
const TASKIFY_TAGS = ['task', 'rro', 'in', 'out', 'inout', 'timeout', 'onFailure'] as const;
/** Long enough that one edit away is a typo rather than another word: `@in`/`@out` are matched by case only. */
const FUZZY_TAGS = ['task', 'rro', 'inout', 'timeout', 'onFailure'];
/** Only a task reads these: on any other function they do nothing. */
const TASK_ONLY_TAGS = new Set(['rro', 'timeout', 'onFailure']);
/** JSDoc and TSDoc tags one edit away from ours is no typo of ours (`@async` is not `@task`'s). */
const KNOWN_TAGS = new Set([
  'abstract', 'access', 'alias', 'arg', 'argument', 'async', 'augments', 'author', 'borrows', 'callback', 'class', 'const', 'constant',
  'constructor', 'default', 'defaultvalue', 'deprecated', 'description', 'enum', 'event', 'example', 'exception', 'exports', 'extends',
  'external', 'file', 'fires', 'function', 'generator', 'global', 'ignore', 'implements', 'import', 'inheritdoc', 'inner', 'instance',
  'interface', 'internal', 'kind', 'label', 'license', 'link', 'listens', 'member', 'memberof', 'method', 'module', 'name', 'namespace',
  'override', 'param', 'private', 'prop', 'property', 'protected', 'public', 'readonly', 'remarks', 'requires', 'return', 'returns',
  'satisfies', 'see', 'since', 'static', 'summary', 'template', 'this', 'throws', 'todo', 'type', 'typedef', 'typeparam', 'version',
  'yield', 'yields', 'mask', 'test', 'tag',
]);

export function tagWarnings(ctx: AnalysisContext, source: ts.SourceFile): TagWarning[] {
  const { ts } = ctx;
  const warnings: TagWarning[] = [];
  const warn = (pos: number, message: string) => {
    const { line, character } = source.getLineAndCharacterOfPosition(pos);
    warnings.push({ file: source.fileName, line: line + 1, column: character + 1, message });
  };
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(ctx, node)) checkTags(ctx, node, warn);
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const statement of source.statements) checkPlainComments(ctx, source, statement, warn);
  return warnings.sort((a, b) => a.line - b.line || a.column - b.column);
}

function checkTags(ctx: AnalysisContext, fn: FunctionLike, warn: (pos: number, message: string) => void): void {
  const tags = ctx.ts.getJSDocTags(jsDocHost(ctx, fn)).filter(isTagNotProse);
  if (tags.length === 0) return;
  const isTask = tags.some((t) => t.tagName.text === 'task');
  for (const tag of tags) {
    const name = tag.tagName.text;
    const at = tag.tagName.getStart();
    if ((TASKIFY_TAGS as readonly string[]).includes(name)) {
      if (!isTask && TASK_ONLY_TAGS.has(name)) {
        warn(at, `\`@${name}\` does nothing here: \`${functionName(ctx, fn)}\` is not a @task (did you mean to add \`@task\` to its JSDoc?)`);
      }
      continue;
    }
    const sameLetters = TASKIFY_TAGS.find((t) => t.toLowerCase() === name.toLowerCase());
    const meant = sameLetters ?? (KNOWN_TAGS.has(name.toLowerCase()) ? undefined : closest(name, FUZZY_TAGS, 1));
    if (meant) {
      warn(at, `\`@${name}\` is not a taskify tag${sameLetters ? ' (tags are case-sensitive)' : ''}: did you mean \`@${meant}\`?` +
        (meant === 'task' ? ` As written, \`${functionName(ctx, fn)}\` is an ordinary function and its calls run in this thread.` : ''));
    }
  }
}

/** `/* @task *\/` or `// @task` before a top-level function: TypeScript reads JSDoc only from `/** … *\/`. */
function checkPlainComments(ctx: AnalysisContext, source: ts.SourceFile, statement: ts.Statement,
  warn: (pos: number, message: string) => void): void {
  const { ts } = ctx;
  const declaresFunction = ts.isFunctionDeclaration(statement) || (ts.isVariableStatement(statement) &&
    statement.declarationList.declarations.some((d) => d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))));
  if (!declaresFunction) return;
  for (const range of ts.getLeadingCommentRanges(source.text, statement.pos) ?? []) {
    const text = source.text.slice(range.pos, range.end);
    if (text.startsWith('/**') || !/@task\b/i.test(text)) continue;
    const shown = range.kind === ts.SyntaxKind.SingleLineCommentTrivia ? '// @task' : '/* @task */';
    warn(range.pos, `\`${shown}\` is a plain comment, not JSDoc, so taskify does not read it: did you mean \`/** @task */\`?`);
  }
}
