/**
 * `new Box(work(b.xs))` of a record class of the program: the construction makes a fresh object and runs nothing but
 * the stores of its constructor's parameters into it (`constructor(readonly xs: number[]) {}`, `this.prices = prices`),
 * so it changes nothing a task or a later pass could read, and reads nothing but its arguments (np70's min-wrap-new:
 * `function process(b) { return new Box(work(b.xs)); }` was no helper with halves, its calls one at a time).
 *
 * A record class: declared in the program's source, extending nothing, no decorator, no accessor, no static block;
 * its fields uninitialized or set to a literal; its constructor's parameters plain names without defaults, its body
 * only `this.field = parameter;` statements.
 */
import type * as ts from 'typescript';
import { symbolOf } from '../analysis/context';
import type { FileFacts } from './file-facts';

const judged = new WeakMap<ts.ClassDeclaration, boolean>();

/** `new C(…)` of a record class (see above): its own step only reads. */
export function isPlainConstruction(facts: FileFacts, node: ts.NewExpression): boolean {
  const { ts } = facts;
  const declaration = ts.isIdentifier(node.expression) ? symbolOf(facts.ctx, node.expression)?.valueDeclaration : undefined;
  if (!declaration || !ts.isClassDeclaration(declaration) || declaration.getSourceFile().isDeclarationFile) return false;
  let known = judged.get(declaration);
  if (known === undefined) judged.set(declaration, known = isRecordClass(facts.ts, declaration));
  return known;
}

function isRecordClass(t: typeof ts, declaration: ts.ClassDeclaration): boolean {
  if (declaration.heritageClauses?.length || t.getDecorators(declaration)?.length) return false;
  return declaration.members.every((member) => {
    if (t.isMethodDeclaration(member)) return !t.getDecorators(member)?.length;
    if (t.isPropertyDeclaration(member)) {
      const value = member.initializer;
      return !t.getDecorators(member)?.length && (!value || t.isLiteralExpression(value) || value.kind === t.SyntaxKind.TrueKeyword ||
        value.kind === t.SyntaxKind.FalseKeyword || value.kind === t.SyntaxKind.NullKeyword);
    }
    if (t.isConstructorDeclaration(member)) return isStoringConstructor(t, member);
    return t.isSemicolonClassElement(member);
  });
}

/** Plain parameters, and a body of `this.field = parameter;` statements only. */
function isStoringConstructor(t: typeof ts, ctor: ts.ConstructorDeclaration): boolean {
  const names = new Set<string>();
  for (const p of ctor.parameters) {
    if (!t.isIdentifier(p.name) || p.initializer || p.dotDotDotToken || t.getDecorators(p)?.length) return false;
    names.add(p.name.text);
  }
  return (ctor.body?.statements ?? []).every((s) => t.isExpressionStatement(s) && t.isBinaryExpression(s.expression) &&
    s.expression.operatorToken.kind === t.SyntaxKind.EqualsToken && t.isPropertyAccessExpression(s.expression.left) &&
    s.expression.left.expression.kind === t.SyntaxKind.ThisKeyword && t.isIdentifier(s.expression.right) && names.has(s.expression.right.text));
}
