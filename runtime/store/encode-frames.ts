/**
 * The encoder's walk without recursion: FlatBuffers builds a table only once its children are built, so an object's
 * children are encoded first and its table last, as a recursive walk would, but with the objects being entered held
 * on a stack of frames instead of the JavaScript stack, so data of any depth encodes (a linked list of 100000 nodes,
 * a deep tree: tester #13's m34). A frame also names its children for a refusal's path, built only when one is made.
 */
import type { Value } from './generated/value_generated';
import { keyPath, mapValuePath } from './refusals';

/** What an object's children are: how its table is built and how a child's path is named. */
export const enum Kind { Root, Array, Record, Map, Set, Error, RegExp }

export class Frame {
  /** The next child to encode. */
  next = 0;
  /** The encoded children, in order. */
  readonly types: Value[] = [];
  readonly offsets: number[] = [];

  constructor(
    readonly kind: Kind,
    /** The object being encoded (undefined for the root frame, which holds the value itself). */
    readonly object: object | undefined,
    /** The values to encode, in order: an array's elements (holes among the first `elements`), then property values. */
    readonly children: readonly unknown[],
    /** How many of `children` are an array's elements, which may be holes. */
    readonly elements: number,
    /** Property keys: child `elements + i` is the value of keys[i]. */
    readonly keys: readonly string[] | undefined,
    /** What each key is not (value.fbs ObjectValue.attributes), or undefined when every key is all three. */
    readonly attributes: readonly number[] | undefined,
    /** A record's or an error's class in Root.classes, or -1. */
    readonly classIndex: number,
    /** A record: 1 if it has a null prototype; an error: how many of its keys are hidden. */
    readonly flag: number,
    /** An error's built-in class. */
    readonly builtin: string,
    readonly parent: Frame | undefined,
    /** Which of the parent's children this is. */
    readonly at: number,
  ) {}

  static root(value: unknown): Frame {
    return new Frame(Kind.Root, undefined, [value], 0, undefined, undefined, -1, 0, '', undefined, 0);
  }
}

/** The path of `frame`'s child `index` in the encoded value ("" for the value itself), built from the frames up. */
export function pathOf(frame: Frame, index: number): string {
  const steps: string[] = [];
  for (let f: Frame | undefined = frame, i = index; f !== undefined; i = f.at, f = f.parent) steps.push(step(f, i));
  let path = '';
  for (let i = steps.length - 1; i >= 0; i--) path += steps[i];
  return path;
}

function step(frame: Frame, i: number): string {
  switch (frame.kind) {
    case Kind.Root: return '';
    case Kind.Set: return `.values()[${i}]`;
    case Kind.Map: {
      const n = frame.children.length / 2;
      return i < n ? `.keys()[${i}]` : mapValuePath('', frame.children[i - n], i - n);
    }
    default: return i < frame.elements ? `[${i}]` : keyPath(frame.keys![i - frame.elements]!);
  }
}
