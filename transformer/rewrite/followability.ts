/**
 * Which variables the planner can follow: a variable of this file (or a parameter of a closed function, see
 * parameters.ts) whose every value is a fresh object or another name of its alias group (see aliases.ts). Then the
 * references the file holds are all the references there are, and each can wait. A group is followed as one.
 * The answers do not change while a file is planned.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext } from '../analysis/context';
import type { AliasGroups } from './aliases';
import { nameSource } from './name-sources';
import type { FileFacts } from './file-facts';
import { isFresh } from './fresh';
import type { ClosedFunctions } from './parameters';
import type { Placements } from './placements';

export class Followability {
  private readonly known = new Map<ts.Symbol, boolean>();
  private readonly ctx: AnalysisContext;

  constructor(private readonly facts: FileFacts, private readonly aliases: AliasGroups, private readonly parameters: ClosedFunctions,
    private readonly placements: Placements) {
    this.ctx = facts.ctx;
  }

  /**
   * A variable of this file whose every value is a fresh object (made right there, not another name for an
   * object someone else can reach): then its references are all the references there are.
   */
  isFollowable(symbol: ts.Symbol): boolean {
    let known = this.known.get(symbol);
    if (known === undefined) {
      this.known.set(symbol, false); // a name asked again while it is decided (a cycle of placements) is not followable
      // A group is followed as one: each name in it that makes its own object must be followable.
      const group = this.aliases.groupOf(symbol);
      known = group.every((member) => this.computeFollowable(member));
      // (The same answer for every member: asked of each, a group of n names cost n² (rev57's F3).)
      for (const member of group) this.known.set(member, known);
    }
    return known;
  }

  private computeFollowable(symbol: ts.Symbol): boolean {
    const { ts } = this.ctx;
    const declaration = symbol.valueDeclaration;
    // (`team.push(src[i])`: another path reaches what it holds.)
    if (this.aliases.holdsUnnamed(symbol)) return false;
    if (declaration && ts.isParameter(declaration)) return this.parameters.followable(symbol);
    // Every value it takes is a fresh object or another name of its group (see aliases.ts).
    const valueOk = (value: ts.Expression) => isFresh(this.ctx, value) || this.aliases.isGroupValue(value, symbol);
    // `const [r0] = m` of an array followed whole: a part of it (aliases.ts declarePattern), unless assigned another value.
    if (declaration && ts.isBindingElement(declaration)) return this.aliases.isElementPart(symbol) && this.keepsValues(symbol, valueOk);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !this.facts.isFileLocal(declaration.name)) return false;
    const literal = this.aliases.iteratedLiteral(declaration);
    if (literal) return literal.every((element) => this.aliases.isGroupValue(element, symbol));
    // `const all = [A, B, C]` of followable leaves: the planner follows the names with the container (plan.ts).
    const placed = declaration.initializer && this.placements.placedNames(declaration.initializer);
    const placedOk = placed !== undefined && placed.every((id) => { const s = symbolOf(this.ctx, id); return s !== undefined && s !== symbol && this.isFollowable(s); });
    // `for (const r of m)` of an array followed whole: each value is a part of m, a name of its group (aliases.ts).
    const source = nameSource(this.ctx, declaration);
    if (source?.element) {
      if (!this.aliases.isGroupValue(source.expr, symbol)) return false;
    } else if (!declaration.initializer || !(placedOk || valueOk(declaration.initializer))) return false;
    return this.keepsValues(symbol, valueOk);
  }

  /** Every value assigned to the name later is one `valueOk` accepts. */
  private keepsValues(symbol: ts.Symbol, valueOk: (value: ts.Expression) => boolean): boolean {
    const { ts } = this.ctx;
    return (this.facts.references(symbol)).every((ref) => {
      const parent = ref.parent;
      const assigned = ts.isBinaryExpression(parent) && parent.left === ref && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
      if (!assigned) return true;
      const right = (parent as ts.BinaryExpression).right;
      // `x = f(x, …)` with a task that returns that argument on every path: x keeps its object.
      if (ts.isCallExpression(right)) {
        const task = this.facts.taskOf(right);
        if (task && this.facts.reassignsItsArgument(right, task)) return true;
      }
      return valueOk(right);
    });
  }

}
