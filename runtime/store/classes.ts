/**
 * Classes that travel: an instance crosses threads as its own fields plus a reference to its class (module URL
 * and export name), and the other side rebuilds it on the class's prototype, so methods, getters and
 * `instanceof` work there as in the caller. A class is found by the module that exports it; a class no loaded
 * module exports (declared inside a function, or not exported) cannot be rebuilt elsewhere and is refused.
 *
 * Module registries: CommonJS modules are in require.cache (import() of a CommonJS file puts it there too). ES
 * modules have no registry a program can read, so their classes are found when a worker imported them (the
 * task's own module, loaded with import()), or when registered with `shareClass`.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { exportNamed } from '../module-exports';
import { UnsupportedValueError, withArticle } from './refusals';

export interface ClassRef { readonly module: string; readonly name: string }

type Constructor = abstract new (...args: never[]) => unknown;

const refs = new Map<Function, ClassRef | null>();
const byRef = new Map<string, Function>();
const keyOf = (ref: ClassRef): string => `${ref.module}#${ref.name}`;
/** Module namespaces imported with import() (ES modules, which require.cache does not list). */
const namespaces = new Map<string, Record<string, unknown>>();

/** Tell taskify where a class lives, for classes of ES modules the main thread never handed to a worker. */
export function shareClass(ctor: Constructor, module: string, name = ctor.name): void {
  const ref = { module: module.startsWith('file:') ? module : pathToFileURL(module).href, name };
  refs.set(ctor, ref);
  byRef.set(keyOf(ref), ctor);
}

/** Where a worker can import `ctor` from, or undefined when no loaded module exports it. */
export function classRefOf(ctor: Function): ClassRef | undefined {
  let ref = refs.get(ctor);
  if (ref === undefined) {
    ref = findExport(ctor) ?? null;
    // A class not found now may be exported by a module loaded later: remember only successes.
    if (ref) { refs.set(ctor, ref); byRef.set(keyOf(ref), ctor); }
  }
  return ref ?? undefined;
}

/** Modules that define tasks (api/task-handle.ts): workers import them anyway, to run those tasks. */
const taskModules = new Set<string>();
export function noteTaskModule(moduleUrl: string): void { taskModules.add(moduleUrl); }

function findExport(ctor: Function): ClassRef | undefined {
  // The program's entry module runs the program when imported: a worker must never import it to find a class, unless
  // it defines tasks, which workers import it for anyway (its top level kept out of them: tester #24's F10, whose
  // instances of the entry's own class ran their calls in place).
  const entry = typeof require === 'function' && require.main ? pathToFileURL(require.main.filename).href : undefined;
  for (const [module, exports] of loadedModules()) {
    if (module === entry && !taskModules.has(entry)) continue;
    if (exports === null || (typeof exports !== 'object' && typeof exports !== 'function')) continue;
    for (const name of Object.keys(exports)) {
      let value: unknown;
      try { value = (exports as Record<string, unknown>)[name]; } catch { continue; }
      if (value === ctor) return { module, name };
    }
  }
  return undefined;
}

function* loadedModules(): Iterable<[string, unknown]> {
  yield* namespaces;
  // require is undefined in an ES module build of this file; the published build is CommonJS.
  const cache = typeof require === 'function' ? require.cache : {};
  for (const [filename, module] of Object.entries(cache)) if (module) yield [pathToFileURL(filename).href, module.exports];
}

const NOT_SUPPORTED_YET = new Set<unknown>([ArrayBuffer, SharedArrayBuffer, DataView]);

/**
 * The class an instance with prototype `proto` is rebuilt from, or a refusal naming the instance's path (given
 * lazily: it is built only for a refusal): a custom prototype, a built-in with internal slots, private #fields, a
 * class no loaded module exports.
 */
export function classRefFor(proto: object, pathOf: () => string): ClassRef {
  const ctor: unknown = (proto as { constructor?: unknown }).constructor;
  const name = (typeof ctor === 'function' && ctor.name) || 'anonymous';
  if (typeof ctor !== 'function' || ctor.prototype !== proto) {
    // (A plain object as the prototype: `Object.create(base)`, or a "__proto__" key of parsed JSON merged in with
    // Object.assign, which sets the prototype: np46's min-proto-merge.)
    const plain = Object.getPrototypeOf(proto) === Object.prototype || Object.getPrototypeOf(proto) === null;
    throw new UnsupportedValueError(name, pathOf(), 'an object with a custom prototype', plain
      ? ' (its prototype is a plain object: made by Object.create(proto), or a "__proto__" key, as JSON.parse gives one, copied in by Object.assign or a spread into an existing object)'
      : ' (not made by a class a worker can import)');
  }
  if (NOT_SUPPORTED_YET.has(ctor)) throw new UnsupportedValueError(name, pathOf(), withArticle(name), ' (not supported yet; pass a typed array)');
  if (Function.prototype.toString.call(ctor).endsWith('{ [native code] }')) throw new UnsupportedValueError(name, pathOf(), withArticle(name));
  if (hasPrivateFields(ctor)) {
    throw new UnsupportedValueError(name, pathOf(), `an instance of class ${name}`, ', which has private #fields that cannot be copied');
  }
  const ref = classRefOf(ctor);
  if (!ref) {
    throw new UnsupportedValueError(name, pathOf(), `an instance of class ${name}`,
      ', which no loaded module exports (a worker rebuilds an instance by importing its class: export it from its module)');
  }
  return ref;
}

/** Import the modules of `classes` so that decoding can rebuild their instances synchronously. */
export async function importClasses(classes: readonly ClassRef[]): Promise<void> {
  for (const ref of classes) {
    if (byRef.has(keyOf(ref))) continue;
    const namespace = await import(ref.module) as Record<string, unknown>;
    namespaces.set(ref.module, namespace);
    const ctor = exportOf(namespace, ref.name);
    if (ctor) { byRef.set(keyOf(ref), ctor); refs.set(ctor, ref); }
  }
}

/** Record a module a worker imported (a task's module), so its classes can be found by classRefOf. */
export function noteModule(module: string, namespace: Record<string, unknown>): void { namespaces.set(module, namespace); }

/** The class `ref` names, loading a CommonJS module synchronously if needed; throws a clear error otherwise. */
export function classOf(ref: ClassRef): Function {
  const known = byRef.get(keyOf(ref));
  if (known) return known;
  let ctor: Function | undefined;
  try {
    ctor = exportOf(require(fileURLToPath(ref.module)) as Record<string, unknown>, ref.name);
  } catch (error) {
    throw new TypeError(`taskify: cannot load class ${ref.name} from ${ref.module}: ${(error as Error).message}`);
  }
  if (!ctor) throw new TypeError(`taskify: module ${ref.module} exports no class ${JSON.stringify(ref.name)}`);
  byRef.set(keyOf(ref), ctor);
  refs.set(ctor, ref);
  return ctor;
}

function exportOf(namespace: Record<string, unknown>, name: string): Function | undefined {
  const value = exportNamed(namespace, name);
  return typeof value === 'function' ? value : undefined;
}

/**
 * Whether instances of `ctor` (or a base class) have private `#fields`: those cannot be read from outside the
 * class, so the instance cannot be copied faithfully. Read from the class's source text, the only place they show.
 */
export function hasPrivateFields(ctor: Function): boolean {
  for (let c: unknown = ctor; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    if (PRIVATE_MEMBER.test(Function.prototype.toString.call(c))) return true;
  }
  return false;
}

/** A `#name` declared as a field or method, or used as `this.#name` (a '#' inside a string is neither). */
const PRIVATE_MEMBER = /(?:^|[\s;{}])#[A-Za-z_$][\w$]*\s*(?:[=;(}]|$)|\.#[A-Za-z_$]/m;
