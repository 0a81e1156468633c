/**
 * What fenced tasks may write, as types: the static types of their written arguments and of everything reachable
 * from them (elements, values of Maps and Sets, fields of the program's objects). A fence region (fences.ts) asks of
 * each value the program touches whether it may be one of those objects (`mayBe`, for reading a part: `v[0]`,
 * `v.x`) or may hold one (`mayReach`, for a whole-value use: `console.log(m)`, `JSON.stringify(rows)`, code the
 * plugin cannot see). Types are the only alias model that reaches names the plan cannot follow; `any`, `unknown`,
 * type parameters and anything a written type is assignable to (`ArrayLike<number>`, `object`) may be it. Typed
 * arrays of any element kind may be views of one buffer, so they are one family with ArrayBuffer and DataView.
 */
import type * as ts from 'typescript';
import { isPrimitiveType, isTypedArrayType, type AnalysisContext } from '../analysis/context';
import { contentsOfType } from '../analysis/type-contents';

const REACH_DEPTH = 4;
const BUFFER_TYPES = new Set(['ArrayBuffer', 'SharedArrayBuffer', 'ArrayBufferLike', 'DataView']);

export class WrittenTypes {
  private readonly written: ts.Type[] = [];
  private typedArrays = false;
  private readonly beMemo = new Map<ts.Type, boolean>();
  private readonly reachMemo = new Map<ts.Type, boolean>();

  constructor(private readonly ctx: AnalysisContext, roots: readonly ts.Type[]) {
    for (const root of roots) this.add(root, REACH_DEPTH);
  }

  get isEmpty(): boolean { return this.written.length === 0 && !this.typedArrays; }

  /** A value of this type may be one of the written objects (or a view of a written buffer). */
  mayBe(type: ts.Type): boolean {
    let known = this.beMemo.get(type);
    if (known === undefined) {
      this.beMemo.set(type, false); // (a recursive type reached again is answered by the first visit)
      known = this.computeMayBe(type);
      this.beMemo.set(type, known);
    }
    return known;
  }

  /** A value of this type may be, or hold somewhere inside it, one of the written objects. */
  mayReach(type: ts.Type, depth = REACH_DEPTH): boolean {
    let known = this.reachMemo.get(type);
    if (known === undefined) {
      this.reachMemo.set(type, false);
      known = this.mayBe(type) || (depth > 0 && this.contentsOf(type).some((inner) => this.mayReach(inner, depth - 1)));
      this.reachMemo.set(type, known);
    }
    return known;
  }

  private computeMayBe(type: ts.Type): boolean {
    const { ts, checker } = this.ctx;
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
    if (isPrimitiveType(this.ctx, type) || type.flags & (ts.TypeFlags.Never | ts.TypeFlags.Void)) return false;
    if (type.isUnionOrIntersection()) return type.types.some((t) => this.mayBe(t));
    if (type.flags & ts.TypeFlags.TypeParameter) {
      const constraint = checker.getBaseConstraintOfType(type);
      return !constraint || constraint === type || this.mayBe(constraint);
    }
    if (this.typedArrays && this.isBufferFamily(type)) return true;
    // A function holds no written object's contents (calling one is judged as a call).
    if (type.getCallSignatures().length > 0 && checker.getPropertiesOfType(type).length === 0) return false;
    return this.written.some((w) => w === type || checker.isTypeAssignableTo(w, type) || checker.isTypeAssignableTo(type, w));
  }

  private add(type: ts.Type, depth: number): void {
    if (isPrimitiveType(this.ctx, type)) return;
    if (type.isUnion()) { for (const t of type.types) this.add(t, depth); return; }
    if (this.isBufferFamily(type)) { this.typedArrays = true; return; }
    if (this.written.includes(type)) return;
    this.written.push(type);
    if (depth > 0) for (const inner of this.contentsOf(type)) this.add(inner, depth - 1);
  }

  private isBufferFamily(type: ts.Type): boolean {
    return isTypedArrayType(this.ctx, type) || BUFFER_TYPES.has(type.getSymbol()?.getName() ?? '');
  }

  /** The types of what a value of this type holds (type-contents.ts); typed arrays are one family, judged apart. */
  private contentsOf(type: ts.Type): ts.Type[] {
    return !type.isUnionOrIntersection() && this.isBufferFamily(type) ? [] : contentsOfType(this.ctx, type);
  }
}
