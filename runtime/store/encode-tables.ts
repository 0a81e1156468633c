/**
 * The tables of the encoder's frames (encoder.ts, encode-frames.ts): once an object's children are encoded, its own
 * table of value.fbs is built from them: an array (with its named properties), an object, a RegExp, an error, a Map, a Set.
 */
import type { Builder } from 'flatbuffers';
import { ArrayValue, ErrorValue, MapValue, ObjectValue, RegExpValue, SetValue, Value } from './generated/value_generated';
import { Frame, Kind, pathOf } from './encode-frames';
import { keyPath, UnsupportedValueError } from './refusals';

// With the `u` flag a well-formed surrogate pair is one code point, so this matches unpaired surrogates only.
export const UNPAIRED_SURROGATE = /\p{Surrogate}/u;

/** A finished frame's table: its children are all encoded. */
export function frameTable(b: Builder, f: Frame): [Value, number] {
  switch (f.kind) {
    case Kind.Array: {
      const n = f.elements;
      const named = f.keys !== undefined;
      const itemTypes = ArrayValue.createItemsTypeVector(b, named ? f.types.slice(0, n) : f.types);
      const items = ArrayValue.createItemsVector(b, named ? f.offsets.slice(0, n) : f.offsets);
      const own = named ? ownVectors(b, f, n) : undefined;
      ArrayValue.startArrayValue(b);
      ArrayValue.addItemsType(b, itemTypes);
      ArrayValue.addItems(b, items);
      if (own) {
        ArrayValue.addKeys(b, own.keys);
        ArrayValue.addValuesType(b, own.types);
        ArrayValue.addValues(b, own.values);
        if (own.attributes) ArrayValue.addAttributes(b, own.attributes);
      }
      return [Value.ArrayValue, ArrayValue.endArrayValue(b)];
    }
    case Kind.Record: {
      const own = ownVectors(b, f, 0);
      ObjectValue.startObjectValue(b);
      ObjectValue.addNullPrototype(b, f.flag === 1);
      ObjectValue.addKeys(b, own.keys);
      ObjectValue.addValuesType(b, own.types);
      ObjectValue.addValues(b, own.values);
      ObjectValue.addClassIndex(b, f.classIndex);
      if (own.attributes) ObjectValue.addAttributes(b, own.attributes); // never an offset of 0 (see forceDefaults)
      return [Value.ObjectValue, ObjectValue.endObjectValue(b)];
    }
    case Kind.RegExp: {
      const own = ownVectors(b, f, 0);
      const source = b.createString((f.object as RegExp).source);
      const flags = b.createString((f.object as RegExp).flags);
      RegExpValue.startRegExpValue(b);
      RegExpValue.addSource(b, source);
      RegExpValue.addFlags(b, flags);
      RegExpValue.addKeys(b, own.keys);
      RegExpValue.addValuesType(b, own.types);
      RegExpValue.addValues(b, own.values);
      if (own.attributes) RegExpValue.addAttributes(b, own.attributes);
      return [Value.RegExpValue, RegExpValue.endRegExpValue(b)];
    }
    case Kind.Error: {
      const own = ownVectors(b, f, 0);
      return [Value.ErrorValue, ErrorValue.createErrorValue(b, b.createSharedString(f.builtin), f.classIndex, own.keys, own.types, own.values, f.flag)];
    }
    case Kind.Map: {
      const n = f.children.length / 2;
      return [Value.MapValue, MapValue.createMapValue(b, MapValue.createKeysTypeVector(b, f.types.slice(0, n)), MapValue.createKeysVector(b, f.offsets.slice(0, n)),
        MapValue.createValuesTypeVector(b, f.types.slice(n)), MapValue.createValuesVector(b, f.offsets.slice(n)))];
    }
    case Kind.Set:
      return [Value.SetValue, SetValue.createSetValue(b, SetValue.createItemsTypeVector(b, f.types), SetValue.createItemsVector(b, f.offsets))];
  }
  throw new Error(`taskify internal error: no table for a frame of kind ${f.kind}`);
}

/** The vectors of a frame's own properties: its keys and the children from `from` on. */
function ownVectors(b: Builder, f: Frame, from: number): { keys: number; types: number; values: number; attributes: number | undefined } {
  const keys = f.keys!;
  const keyOffsets = new Array<number>(keys.length);
  for (let i = 0; i < keys.length; i++) keyOffsets[i] = key(b, keys[i]!, f);
  return {
    keys: ObjectValue.createKeysVector(b, keyOffsets),
    types: ObjectValue.createValuesTypeVector(b, from === 0 ? f.types : f.types.slice(from)),
    values: ObjectValue.createValuesVector(b, from === 0 ? f.offsets : f.offsets.slice(from)),
    attributes: f.attributes && ObjectValue.createAttributesVector(b, f.attributes as number[]),
  };
}

function key(b: Builder, key: string, f: Frame): number {
  // Keys are plain FlatBuffers strings (UTF-8, shared between records), so unlike values they cannot fall back to UTF-16.
  if (UNPAIRED_SURROGATE.test(key)) throw new UnsupportedValueError('string', pathOf(f.parent!, f.at) + keyPath(key), 'a key with an unpaired surrogate');
  // createSharedString returns 0, "absent", for '': in a vector that is a pointer past the header.
  return key === '' ? b.createString(key) : b.createSharedString(key);
}
