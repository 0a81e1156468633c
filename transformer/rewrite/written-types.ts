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
import { mayBeExtended } from '../analysis/overrides';
import { isPrimitiveType, isTypedArrayType, type AnalysisContext } from '../analysis/context';
import { contentsOfType } from '../analysis/type-contents';
import { isLibraryType } from './library-uses';

const BUFFER_TYPES = new Set(['ArrayBuffer', 'SharedArrayBuffer', 'ArrayBufferLike', 'DataView']);
export class WrittenTypes {
  private readonly written: ts.Type[] = [];
  private typedArrays = false;
  /** The written typed arrays' (and buffers') own types: a value typed by what they are assignable to may be one. */
  private readonly buffers: ts.Type[] = [];
  private readonly beMemo = new Map<ts.Type, boolean>();
  private readonly reachMemo = new Map<ts.Type, boolean>();

  /**
   * `contents`: everything reachable from the roots, however deep, is written (a task may write anything its
   * arguments hold); without, the roots' objects only (a store into one field writes that object, not what it holds).
   */
  constructor(private readonly ctx: AnalysisContext, roots: readonly ts.Type[], contents = true) {
    const written = contents ? this.closure(roots) : roots.flatMap((root) => (root.isUnion() ? root.types : [root]))
      .filter((type) => !isPrimitiveType(ctx, type));
    for (const type of written) {
      if (this.isBufferFamily(type)) { this.typedArrays = true; this.buffers.push(type); } else this.written.push(type);
    }
  }

  get isEmpty(): boolean { return this.written.length === 0 && !this.typedArrays; }

  /** A value of this type may be one of the written objects (or a view of a written buffer). */
  mayBe(type: ts.Type): boolean {
    let known = this.beMemo.get(type);
    if (known === undefined) {
      this.beMemo.set(type, true); // (a type reached again through itself: assume the worst until answered)
      known = this.computeMayBe(type);
      this.beMemo.set(type, known);
    }
    return known;
  }

  /** A value of this type may be, or hold somewhere inside it (at any depth), one of the written objects. */
  mayReach(type: ts.Type): boolean {
    let known = this.reachMemo.get(type);
    if (known === undefined) {
      known = [...this.closure([type])].some((inner) => this.mayBe(inner));
      this.reachMemo.set(type, known);
    }
    return known;
  }

  /** The types reachable from these through contents (each once: recursive types end). */
  closure(roots: readonly ts.Type[]): Set<ts.Type> {
    const seen = new Set<ts.Type>();
    const work = [...roots];
    while (work.length > 0) {
      const type = work.pop()!;
      if (seen.has(type) || isPrimitiveType(this.ctx, type)) continue;
      if (type.isUnion()) { work.push(...type.types); continue; }
      seen.add(type);
      work.push(...this.contentsOf(type));
    }
    return seen;
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
    // A generic helper's `ArrayLike<T>`, `T[]`, `Record<string, T>`: no written type is assignable to it while `T` is
    // open, yet every call fills `T` in (tester np39's F1: `at<T>(xs: ArrayLike<T>, i)` read a Float64Array a task
    // wrote, with no fence before it). May be one, as `T` itself may.
    if (this.mentionsTypeParameter(type)) return true;
    if (this.typedArrays && this.isBufferFamily(type)) return true;
    // `const c: Iterable<number> = series.get('b')!` holding a written Float64Array (tester #27's r37g: its spread read
    // the old contents).
    if (this.buffers.some((w) => checker.isTypeAssignableTo(w, type))) return true;
    // A function holds no written object's contents (calling one is judged as a call).
    if (type.getCallSignatures().length > 0 && checker.getPropertiesOfType(type).length === 0) return false;
    return this.written.some((w) => w === type || checker.isTypeAssignableTo(w, type) || checker.isTypeAssignableTo(type, w) ||
      // The library's types carry members no object of the program's types has by accident, so one value is of two of
      // them only if one is assignable to the other; two of the program's object types may name one object without
      // that (`{ n, tag }` and `{ n, other }` of an object having all three).
      (!isLibraryType(this.ctx, w) && !isLibraryType(this.ctx, type) && !this.distinctByClass(w, type)));
  }

  /**
   * An object of a class the program declares and nothing extends is made by that class: it has the class's members
   * and no others (short of a cast or an `Object.assign` onto it, as for the library's types above), so it is no object of another such class, nor of a type requiring a property the
   * class lacks (`{ e: number }` stored into while a `Signal`'s method runs ahead).
   */
  private distinctByClass(a: ts.Type, b: ts.Type): boolean {
    const { checker } = this.ctx;
    const classOf = (type: ts.Type): ts.ClassLikeDeclaration | undefined => {
      const declaration = type.getSymbol()?.valueDeclaration;
      return declaration && this.ctx.ts.isClassLike(declaration) && !declaration.getSourceFile().isDeclarationFile &&
        !mayBeExtended(this.ctx, declaration) ? declaration : undefined;
    };
    // (A class with an index signature may hold any key.)
    const lacks = (instance: ts.Type, other: ts.Type) => checker.getIndexInfosOfType(instance).length === 0 && checker.getPropertiesOfType(other)
      .some((p) => !(p.flags & this.ctx.ts.SymbolFlags.Optional) && !checker.getPropertyOfType(instance, p.name));
    const [ca, cb] = [classOf(a), classOf(b)];
    if (ca && cb) return ca !== cb;
    return ca ? lacks(a, b) : cb ? lacks(b, a) : false;
  }

  /** Whether the type's arguments (or its alias's: `Record<string, T>`) are, or mention, a type parameter. */
  private mentionsTypeParameter(type: ts.Type, depth = 0): boolean {
    const { ts, checker } = this.ctx;
    if (type.flags & ts.TypeFlags.TypeParameter) return true;
    if (depth > 3) return false;
    if (type.isUnionOrIntersection()) return type.types.some((t) => this.mentionsTypeParameter(t, depth + 1));
    const args = [...(type.aliasTypeArguments ?? []),
      ...((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference ? checker.getTypeArguments(type as ts.TypeReference) : [])];
    return args.some((arg) => this.mentionsTypeParameter(arg, depth + 1));
  }

  private isBufferFamily(type: ts.Type): boolean {
    return isTypedArrayType(this.ctx, type) || BUFFER_TYPES.has(type.getSymbol()?.getName() ?? '');
  }

  /** The types of what a value of this type holds (type-contents.ts); a buffer's are numbers. */
  private contentsOf(type: ts.Type): ts.Type[] {
    return this.isBufferFamily(type) ? [] : contentsOfType(this.ctx, type);
  }
}
