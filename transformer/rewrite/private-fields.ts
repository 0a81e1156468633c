/**
 * Private fields the planner can follow as it follows a variable of the file: `#data = new Float64Array(n)`.
 *
 * Only code inside the class body can name `#data`, and no other syntax reaches the object a private field holds
 * (no `obj['#data']`, no destructuring, no reflection; `console.log(obj)` and JSON leave it out). So when the field
 * only ever holds objects made right there and every reference to it uses the object where it stands (the use
 * classifier's read or write, never an escape: not returned, not stored elsewhere, not handed to code that keeps it),
 * the file's `x.#data` references are all the references there are, whichever instance `x` is. A task call writing
 * `this.#data` is then a plain submission, and each other reference waits for that instance's object (`waitOn` is
 * keyed by identity), instead of a fence at the method's exit that makes each call wait for its task (tester #23's
 * np24/r13: `amplify()` on three signals ran one at a time).
 *
 * The static half is decided here, once per field; the escapes depend on which calls are submissions and are checked
 * by the planner in each round, as a followed variable's are (plan.ts).
 */
import type * as ts from 'typescript';
import { isPrimitiveNode, type AnalysisContext } from '../analysis/context';
import { censusOf } from '../analysis/syntax-census';
import type { FileFacts } from './file-facts';
import { isFresh } from './fresh';
import { skipTransparent } from './syntax';
import type { FilePlan } from './file-plan';
import type { Use } from './uses';

/** `x.#f` (or `this.#f`): re-evaluating it has no effect, so a mark after a statement may name it again. */
export type FieldReference = ts.PropertyAccessExpression & { readonly name: ts.PrivateIdentifier };

export class PrivateFields {
  private readonly ts: typeof ts;
  private readonly ctx: AnalysisContext;
  private byField: Map<ts.Symbol, FieldReference[]> | undefined;
  private readonly candidates = new Map<ts.Symbol, boolean>();
  /** Fields passed to this round's submissions: every other reference waits. */
  private readonly followed = new Set<ts.Symbol>();
  /** Fields found to escape: never followed again in this file (their calls are fenced, as before). */
  private readonly escaped = new Set<ts.Symbol>();

  constructor(private readonly facts: FileFacts) {
    this.ts = facts.ts;
    this.ctx = facts.ctx;
  }

  /** The private field an argument names, if the planner may follow it (before escapes: see the module comment). */
  fieldOf(expr: ts.Expression): ts.Symbol | undefined {
    const access = skipTransparent(this.ts, expr);
    if (!this.isFieldReference(access)) return undefined;
    const symbol = this.ctx.checker.getSymbolAtLocation(access.name);
    return symbol && this.isCandidate(symbol) ? symbol : undefined;
  }

  /** A round of the planner starts: which fields its submissions pass is decided again. */
  newRound(): void { this.followed.clear(); }

  /** Follow the field `arg` names, if it can be followed: then the call passing it is a plain submission. */
  follow(arg: ts.Expression): boolean {
    const field = this.fieldOf(arg);
    if (!field || this.escaped.has(field)) return false;
    this.followed.add(field);
    return true;
  }

  /**
   * Whether a followed field escapes at one of its references, as this round's submissions stand (a task's value
   * used without a name may hold it, for one). Such a field is not followed from now on: the round is decided again.
   */
  findEscape(useOf: (ref: FieldReference) => Use): boolean {
    for (const field of this.followed) {
      if (this.references(field).some((ref) => !this.isFreshAssignment(ref) && useOf(ref).kind === 'escape')) {
        this.escaped.add(field);
        return true;
      }
    }
    return false;
  }

  /** Every other reference of a followed field waits for its object: `waitOn` to read it, `written` to change it. */
  planWaits(plan: FilePlan, useOf: (ref: FieldReference) => Use): void {
    for (const field of this.followed) {
      for (const ref of this.references(field)) {
        if (this.isFreshAssignment(ref)) continue;
        const use = useOf(ref).kind;
        if (use === 'read' || use === 'write') plan.fieldWraps.set(ref, use === 'read' ? 'wait' : 'written');
      }
    }
  }

  /** Every reference to the field in the file, in source order. */
  references(field: ts.Symbol): readonly FieldReference[] {
    if (!this.byField) {
      this.byField = new Map();
      for (const node of censusOf(this.ctx, this.facts.source).nodes) {
        if (!this.ts.isPropertyAccessExpression(node) || !this.ts.isPrivateIdentifier(node.name)) continue;
        const symbol = this.ctx.checker.getSymbolAtLocation(node.name);
        if (!symbol) continue;
        const found = this.byField.get(symbol);
        if (found) found.push(node as FieldReference); else this.byField.set(symbol, [node as FieldReference]);
      }
    }
    return this.byField.get(field) ?? [];
  }

  /** `x.#f = new Float64Array(n)`: the field takes another object, made right there; the old one is no longer its. */
  isFreshAssignment(ref: FieldReference): boolean {
    const { ts } = this;
    const parent = ref.parent;
    return ts.isBinaryExpression(parent) && parent.left === ref && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && isFresh(this.ctx, parent.right);
  }

  private isFieldReference(node: ts.Expression): node is FieldReference {
    const { ts } = this;
    return ts.isPropertyAccessExpression(node) && ts.isPrivateIdentifier(node.name) &&
      (node.expression.kind === ts.SyntaxKind.ThisKeyword || ts.isIdentifier(node.expression));
  }

  /**
   * A field of a class of this file holding objects, each made fresh (its initializer, if any, and every assignment),
   * named only as `this.#f` or `x.#f`, never where a task's body runs (a worker has its own objects), and assigned
   * only with `=` (`??=` may keep an object the program holds elsewhere).
   */
  private isCandidate(field: ts.Symbol): boolean {
    let known = this.candidates.get(field);
    if (known === undefined) {
      const { ts } = this;
      const declaration = field.valueDeclaration;
      known = declaration !== undefined && ts.isPropertyDeclaration(declaration) && declaration.getSourceFile() === this.facts.source &&
        !isPrimitiveNode(this.ctx, declaration.name) &&
        !ts.getModifiers(declaration)?.some((m) => m.kind === ts.SyntaxKind.AccessorKeyword) &&
        (declaration.initializer === undefined || isFresh(this.ctx, declaration.initializer)) &&
        this.references(field).every((ref) => this.isFieldReference(ref) && !this.facts.enclosingTask(ref) &&
          (this.isFreshAssignment(ref) || !isAssigned(ts, ref)));
      this.candidates.set(field, known);
    }
    return known;
  }
}

/** The reference is the target of an assignment of the whole field (`=`, `??=`, `+=`…), not of a part of it. */
function isAssigned(t: typeof ts, ref: ts.Expression): boolean {
  const parent = ref.parent;
  return t.isBinaryExpression(parent) && parent.left === ref && parent.operatorToken.kind >= t.SyntaxKind.FirstAssignment &&
    parent.operatorToken.kind <= t.SyntaxKind.LastAssignment;
}
