/**
 * The dynamic oracle: call a function many times with fresh arguments of several shapes, and compare a deep copy
 * of every object argument taken before the call with the argument after it. A parameter is written if any call
 * changed what it was given (a call that throws counts for what it changed before the throw).
 *
 * Arguments are made mostly from the declared type (a JSDoc `{ReadonlyVec3}` gets a Float32Array of 3, an
 * `{Array<number>}` an array of numbers, an options type its fields: `{ output?: DoubleArray }` an object whose
 * `output` is an array now and then, so that an `out` option's write is seen) so that calls succeed and reach their
 * writes, and sometimes from a generic pool of shapes, so that parameters declared as numbers or left untyped receive
 * objects too.
 */
import { performance } from 'node:perf_hooks';
import { Script } from 'node:vm';

export interface DynamicParam {
  /** Calls in which this parameter received an object (not a function) and that returned normally. */
  judgedCalls: number;
  /** The first call that changed it, described. */
  written?: string;
}

export interface DynamicOptions { readonly trials: number; readonly msPerFunction: number; readonly seed: number }

type Rng = () => number;

/** mulberry32: a small seeded generator, so that every run makes the same arguments. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
// Small numbers: they are also counts, sizes and iteration limits (combinations(x, k), chunk(x, size), bisect(...)).
// Half of the arrays hold probabilities in [0, 1] (quantile(x, [0.1, 0.9]) rejects anything else).
const number = (rng: Rng): number => pick(rng, [0, 1, 2, 3, 0.5, 0.25, -1.5, 4, rng(), rng(), rng() * 10]);
const numbers = (rng: Rng, n = int(rng, 2, 10)): number[] => {
  const unit = rng() < 0.5;
  return Array.from({ length: n }, () => (unit ? Math.round(rng() * 100) / 100 : Math.round(rng() * 200 - 50) / 10));
};

const GL_SIZES: Record<string, number> = { vec2: 2, vec3: 3, vec4: 4, quat: 4, quat2: 8, mat2: 4, mat2d: 6, mat3: 9, mat4: 16 };

function vector(rng: Rng, size: number): unknown {
  const values = numbers(rng, size).map((v) => v / 10);
  const kind = rng();
  return kind < 0.6 ? Float32Array.from(values) : kind < 0.85 ? Float64Array.from(values) : values;
}

/** A value of the declared type, or undefined when the type says nothing useful. */
function fromHint(rng: Rng, hint: string): { value: unknown } | undefined {
  const h = hint.replace(/\s+/g, '').toLowerCase();
  // An options object (`options?: { output?: DoubleArray; inPlace?: boolean }`): its fields made from their own types,
  // each optional one left out now and then, so that a write through a field (an `output` array) is seen.
  if (h.startsWith('{') && h.endsWith('}')) return { value: objectOf(rng, hint) };
  const gl = /^(readonly)?(vec2|vec3|vec4|quat2|quat|mat2d|mat2|mat3|mat4)$/.exec(h);
  if (gl) return { value: vector(rng, GL_SIZES[gl[2]]) };
  if (/^(array<array<number>>|number\[\]\[\]|array<number>\[\])/.test(h)) {
    const width = int(rng, 2, 3);
    return { value: Array.from({ length: int(rng, 2, 8) }, () => numbers(rng, width)) };
  }
  if (/^(array<number>|number\[\])/.test(h)) return { value: numbers(rng) };
  // cheminfo-types (ml-spectra-processing's .d.ts): arrays of numbers, matrices of rows, spectra as {x, y} or {re, im}.
  if (/^(numberarray|doublearray|float64array)(\[\])+$|^doublematrix$/.test(h)) {
    const width = int(rng, 2, 6);
    return { value: Array.from({ length: int(rng, 2, 5) }, () => Float64Array.from(numbers(rng, width))) };
  }
  if (/^(numberarray|doublearray|float64array|arraytype)$/.test(h)) return { value: rng() < 0.5 ? numbers(rng) : Float64Array.from(numbers(rng)) };
  if (/^dataxy(<[a-z0-9]+>)?$/.test(h) || /^datareim$/.test(h)) {
    const n = int(rng, 2, 10), [a, b] = h === 'datareim' ? ['re', 'im'] : ['x', 'y'];
    const xs = numbers(rng, n).sort((p, q) => p - q);
    return { value: { [a]: rng() < 0.5 ? xs : Float64Array.from(xs), [b]: numbers(rng, n) } };
  }
  if (/^dataxy(<[a-z0-9]+>)?\[\]$/.test(h)) {
    const n = int(rng, 2, 8);
    return { value: Array.from({ length: int(rng, 1, 4) }, () => ({ x: numbers(rng, n).sort((p, q) => p - q), y: numbers(rng, n) })) };
  }
  if (/^point\[\]$/.test(h)) return { value: Array.from({ length: int(rng, 2, 8) }, () => ({ x: number(rng), y: number(rng) })) };
  if (/^(array<[a-z]+>|[a-z]+\[\]|array)/.test(h)) return { value: pick(rng, [numbers(rng), ['a', 'b', 'a', 'c']]) };
  if (/^function/.test(h) || h.includes('=>')) return { value: pick(rng, [Math.random, (x: number) => x * 2, () => 0.5]) };
  // GeoJSON (Turf's .d.ts): positions, rings, geometries, features and collections, with bbox and properties sometimes.
  const positions = /^position((\[\])*)$/.exec(h);
  if (positions) return { value: nested(rng, positions[1].length / 2) };
  if (/^bbox$/.test(h)) return { value: [number(rng), number(rng), number(rng) + 5, number(rng) + 5] };
  if (/geojson|feature|geometry|point|linestring|polygon|lines\b/.test(h)) return { value: geojson(rng, h) };
  if (/^(geojsonproperties|p)$/.test(h)) return { value: { name: 'x', n: number(rng) } };
  if (/^number/.test(h)) return { value: number(rng) };
  if (/^boolean/.test(h)) return { value: rng() < 0.5 };
  if (/^string/.test(h)) return { value: pick(rng, ['two_sided', 'greater', 'less', 'x']) };
  return undefined;
}

/** An object of a type literal's fields: `{ output?: DoubleArray; from?: number }`. Fields of no known type, or of a function type, are left out. */
function objectOf(rng: Rng, literal: string): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const member of topLevelMembers(literal.trim().slice(1, -1))) {
    const field = /^(readonly\s+)?([A-Za-z_$][\w$]*)(\??)\s*:\s*([\s\S]+)$/.exec(member);
    if (!field || (field[3] && rng() < 0.4)) continue;
    // (No functions: the copy taken before the call is a structured clone.)
    const typed = fromHint(rng, field[4]);
    if (typed && typeof typed.value !== 'function') object[field[2]] = typed.value;
  }
  return object;
}

/** The members of a type literal's body, split at `;` and `,` outside brackets. */
function topLevelMembers(body: string): string[] {
  const members: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i <= body.length; i++) {
    const c = body[i];
    if (c === '{' || c === '(' || c === '[' || c === '<') depth++;
    else if (c === '}' || c === ')' || c === ']' || (c === '>' && body[i - 1] !== '=')) depth--;
    else if ((c === ';' || c === ',' || c === undefined) && depth === 0) {
      const member = body.slice(start, i).trim();
      if (member) members.push(member);
      start = i + 1;
    }
  }
  return members;
}

const position = (rng: Rng): number[] => [Math.round(rng() * 360 - 180), Math.round(rng() * 180 - 90)];

/** Positions nested `depth` arrays deep: 0 a position, 1 a line, 2 a polygon's rings, 3 a multipolygon's polygons. */
function nested(rng: Rng, depth: number): unknown {
  if (depth === 0) return position(rng);
  const n = depth === 1 ? int(rng, 2, 5) : int(rng, 1, 2);
  const items = Array.from({ length: n }, () => nested(rng, depth - 1)) as unknown[];
  // A polygon's ring closes on its first position (Turf checks).
  if (depth === 2) for (const ring of items as number[][][]) { ring.push([...ring[0]], [...ring[0]]); ring.splice(1, 0, position(rng)); }
  return items;
}

const GEOMETRIES: readonly [string, number][] = [['Point', 0], ['MultiPoint', 1], ['LineString', 1], ['MultiLineString', 2], ['Polygon', 2], ['MultiPolygon', 3]];

function geometryOf(rng: Rng, lines: boolean): Record<string, unknown> {
  if (!lines && rng() < 0.1) return { type: 'GeometryCollection', geometries: [geometryOf(rng, lines), geometryOf(rng, lines)] };
  const [type, depth] = pick(rng, lines ? GEOMETRIES.slice(2) : GEOMETRIES);
  return { type, coordinates: nested(rng, depth) };
}

/** A GeoJSON object: a geometry, a feature or a collection of features (what `hint` names, or any). */
function geojson(rng: Rng, hint: string): unknown {
  const lines = /lines|linestring|polygon/.test(hint) && !/point/.test(hint);
  const feature = (): Record<string, unknown> => ({
    type: 'Feature', geometry: geometryOf(rng, lines), properties: rng() < 0.7 ? { name: 'x', n: number(rng) } : {},
    ...(rng() < 0.3 ? { bbox: [0, 0, 1, 1], id: int(rng, 1, 9) } : {}),
  });
  const kind = rng();
  if (kind < 0.35) return geometryOf(rng, lines);
  if (kind < 0.7) return feature();
  return { type: 'FeatureCollection', features: Array.from({ length: int(rng, 1, 3) }, feature) };
}

/** Shapes for any parameter: numbers, arrays, typed arrays of gl-matrix sizes, nested arrays, objects. */
function generic(rng: Rng): unknown {
  switch (int(rng, 0, 9)) {
    case 0: return number(rng);
    case 1: return numbers(rng);
    case 2: return vector(rng, pick(rng, [2, 3, 4, 6, 8, 9, 16]));
    case 3: return Float64Array.from(numbers(rng));
    case 4: return Array.from({ length: int(rng, 2, 6) }, () => numbers(rng, 2));
    case 5: return Array.from({ length: int(rng, 2, 5) }, () => ({ x: number(rng), y: number(rng) }));
    case 6: {
      if (rng() < 0.5) return { a: number(rng), b: numbers(rng, 3), c: { d: number(rng) } };
      const width = int(rng, 1, 4), height = int(rng, 1, 4); // an image: d3-array's blur2(data, rx, ry)
      return { data: Float64Array.from(numbers(rng, width * height)), width, height };
    }
    case 7: return undefined;
    case 8: return (x: number) => x;
    default: return int(rng, 1, 5);
  }
}

/**
 * Untyped parameters (d3-array's) get what such functions usually take: data first (an array), then numbers, callbacks
 * or nothing (optional bounds like quickselect's left/right must be absent or numbers for the call to get anywhere).
 */
function untyped(rng: Rng, index: number): unknown {
  const r = rng();
  if (index === 0) return r < 0.4 ? numbers(rng) : r < 0.55 ? Float64Array.from(numbers(rng)) : generic(rng);
  return r < 0.3 ? undefined : r < 0.55 ? number(rng) : r < 0.7 ? (x: unknown) => x : generic(rng);
}

function argument(rng: Rng, hint: string, index: number): unknown {
  const typed = fromHint(rng, hint);
  if (typed) return rng() < 0.75 ? typed.value : generic(rng);
  return hint === 'any' ? untyped(rng, index) : generic(rng);
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;

/** Structural equality of a copy taken before the call with the live value after it (typed arrays included). */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!isObject(a) || !isObject(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (ArrayBuffer.isView(a)) {
    const x = a as unknown as ArrayLike<number>, y = b as unknown as ArrayLike<number>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  if (Array.isArray(a) && a.length !== (b as unknown[]).length) return false;
  const keysA = Object.keys(a), keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => Object.prototype.hasOwnProperty.call(b, k) &&
    same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function describe(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as Float32Array).length})`;
  if (Array.isArray(value)) return value.length && Array.isArray(value[0]) ? `number[${value.length}][]` : isObject(value[0]) ? `object[${value.length}]` : `array(${value.length})`;
  if (typeof value === 'function') return 'function';
  if (isObject(value)) return 'object';
  return JSON.stringify(value) ?? 'undefined';
}

// Some calls never end with odd arguments (quickselect with an index out of range loops): a vm timeout stops any
// code running under it, including functions of the main context it calls, and the call then counts as one that threw.
const CALL = new Script('globalThis.__oracleCall()');
const CALL_TIMEOUT_MS = 200;

function callWithTimeout(body: () => unknown): void {
  (globalThis as { __oracleCall?: () => unknown }).__oracleCall = body;
  CALL.runInThisContext({ timeout: CALL_TIMEOUT_MS });
}

/** Calls `fn` `trials` times (or until its time is up) and returns what each parameter saw. */
export function observe(fn: (...args: unknown[]) => unknown, hints: readonly string[], options: DynamicOptions): DynamicParam[] {
  const rng = seeded(options.seed);
  const params: DynamicParam[] = hints.map(() => ({ judgedCalls: 0 }));
  const start = performance.now();
  for (let trial = 0; trial < options.trials && performance.now() - start < options.msPerFunction; trial++) {
    const args = hints.map((hint, i) => argument(rng, hint, i));
    const before = args.map((arg) => (isObject(arg) ? structuredClone(arg) : arg));
    let returned = true;
    // (Some libraries complain on the console about odd input: kept out of the report.)
    const log = console.log, warn = console.warn, error = console.error;
    console.log = console.warn = console.error = () => undefined;
    try {
      callWithTimeout(() => {
        const result = fn(...args);
        // An async function (es-toolkit's filterAsync) fails later: its rejection must not end the oracle. What it
        // writes after its first await is not seen, which only costs precision (never a wrong soundness verdict).
        if (result instanceof Promise) result.catch(() => undefined);
        return result;
      });
    } catch {
      returned = false;
    } finally {
      Object.assign(console, { log, warn, error });
    }
    args.forEach((arg, i) => {
      if (!isObject(arg)) return;
      if (!same(before[i], arg)) params[i].written ??= `(${before.map(describe).join(', ')}) changed argument ${i + 1}${returned ? '' : ' (then threw)'}`;
      else if (returned) params[i].judgedCalls++;
    });
  }
  return params;
}
