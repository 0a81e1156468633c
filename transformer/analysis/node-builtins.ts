/**
 * Node's own modules (zlib, crypto, path, util, Buffer), as builtins.ts knows the standard library's: which functions
 * and methods only read what they are given, and whether their result holds any of it. Without this, `inflateSync(data)`
 * or `buf.toString('hex')` was code of unknown effect: the task's Buffer parameter became inout and "let out", and its
 * calls stayed direct (tester #16's G2, 30-node-builtins).
 *
 * A callee is named here by its declaration in @types/node, never by how the program spells it: `node:` + the ambient
 * module + the declarations around it (`node:zlib.inflateSync`, `node:path.path.PlatformPath.normalize`,
 * `node:buffer.Buffer.toString`, `node:crypto.Hash.update`; `global` left out). So `import { inflateSync } from
 * 'node:zlib'`, `zlib.inflateSync`, `posix.normalize` and a destructured `join` all find their entry, and a program's
 * own `zlib.inflateSync` (an object of its own) never does: a name the program writes has no `:`.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context';
import { programMemo } from './program-memo';

const ZLIB = ['deflateSync', 'inflateSync', 'deflateRawSync', 'inflateRawSync', 'gzipSync', 'gunzipSync', 'unzipSync',
  'brotliCompressSync', 'brotliDecompressSync', 'crc32'].map((f) => `node:zlib.${f}`);

const BUFFER_READS = ['toString', 'equals', 'compare', 'indexOf', 'lastIndexOf', 'includes', 'toJSON',
  ...['Int8', 'UInt8', 'Uint8'].map((t) => `read${t}`),
  ...['Int16', 'UInt16', 'Uint16', 'Int32', 'UInt32', 'Uint32', 'Float', 'Double', 'BigInt64', 'BigUInt64', 'BigUint64', 'Int', 'UInt', 'Uint']
    .flatMap((t) => [`read${t}LE`, `read${t}BE`])].map((m) => `node:buffer.Buffer.${m}`);

/**
 * Functions and methods that only read their arguments (and their receiver) and whose result holds nothing of them:
 * a fresh Buffer, a string, a number, a fresh object (`path.parse`). (`Buffer.from` is not one: from an ArrayBuffer
 * it is a view on that memory; `buf.slice`/`subarray` are views too, left to builtins.ts' view methods.)
 */
const READ_ONLY_FRESH = new Set([
  ...ZLIB,
  'node:crypto.createHash', 'node:crypto.createHmac', 'node:crypto.hash', 'node:crypto.randomUUID', 'node:crypto.timingSafeEqual',
  'node:crypto.getHashes',
  // Every method of `path` (and of `path.posix`, `path.win32`: the same interface) computes strings or a fresh object.
  'node:path.path.PlatformPath.*',
  'node:util.format', 'node:util.formatWithOptions', 'node:util.inspect', 'node:util.isDeepStrictEqual',
  'node:util.stripVTControlCharacters', 'node:util.toUSVString',
  // Text codecs: a fresh string, a fresh Uint8Array (a streaming decode copies the bytes it keeps; not `encodeInto`,
  // which writes its second argument).
  'node:util.TextDecoder.decode', 'node:util.TextEncoder.encode',
  'node:buffer.BufferConstructor.concat', 'node:buffer.BufferConstructor.byteLength', 'node:buffer.BufferConstructor.compare',
  'node:buffer.BufferConstructor.isEncoding', 'node:buffer.BufferConstructor.isBuffer',
  ...BUFFER_READS,
  // Globals declared inside a module's `global` block: a deep copy (tester #24's F7: a task using it "may print").
  'node:worker_threads.structuredClone',
]);

/**
 * Methods that read their arguments and change only their own object: a hash taking more data, or finishing. `update`
 * hands back its object, `digest` a fresh string or Buffer.
 */
const RECEIVER_CHANGING = new Map<string, 'receiver' | 'fresh'>([
  ['node:crypto.Hash.update', 'receiver'], ['node:crypto.Hmac.update', 'receiver'],
  ['node:crypto.Hash.digest', 'fresh'], ['node:crypto.Hmac.digest', 'fresh'],
]);

/**
 * `Buffer.from(x)` reads x and writes nothing; its result is fresh bytes copied from an array, a typed array, a Buffer
 * or a string, but a view on an ArrayBuffer's memory (reach.ts asks the argument's type; np40's F2: `hexOf(b)` with
 * `Buffer.from(b).toString('hex')` made b inout).
 */
export const BUFFER_FROM = 'node:buffer.BufferConstructor.from';

const listed = (name: string): boolean => READ_ONLY_FRESH.has(name) || RECEIVER_CHANGING.has(name) || name === BUFFER_FROM ||
  READ_ONLY_FRESH.has(`${name.slice(0, name.lastIndexOf('.'))}.*`);

/** Reads its arguments and its receiver, and hands back nothing of them. */
export const isNodeReadOnly = (name: string): boolean => name.startsWith('node:') &&
  (READ_ONLY_FRESH.has(name) || READ_ONLY_FRESH.has(`${name.slice(0, name.lastIndexOf('.'))}.*`));

/** Reads its arguments, changes its receiver's own state (a hash): what the result is, or undefined for other names. */
export const nodeReceiverChange = (name: string): 'receiver' | 'fresh' | undefined => RECEIVER_CHANGING.get(name);

const names = programMemo<ts.Node, string | null>();

/**
 * A declaration of @types/node the tables above list: it computes, it never writes to stdout or stderr (prints.ts).
 * (util.format and inspect call an object's `[inspect.custom]`, a Symbol-keyed member prints.ts already follows.)
 */
export function isListedNodeDeclaration(t: typeof ts, declaration: ts.Declaration): boolean {
  if (!/[\\/]@types[\\/]node[\\/]/.test(declaration.getSourceFile().fileName)) return false;
  const name = declaredName(t, declaration);
  return name !== undefined && listed(name);
}

/** The name of the Node built-in `callee` resolves to, when the tables above list it; undefined otherwise. */
export function nodeBuiltinName(ctx: AnalysisContext, callee: ts.Expression): string | undefined {
  const name = nodeDeclaredName(ctx, callee);
  return name && listed(name) ? name : undefined;
}

/**
 * What @types/node declares `expr` (a name, or a member access: `writeFileSync`, `fs.promises.rm`, `process.env`) to
 * be, as a name of the form above (`node:fs.writeFileSync`, `node:process.NodeJS.Process.env`); undefined when it is
 * the program's own or declared elsewhere. The one place Node's functions and objects are recognised.
 */
export function nodeDeclaredName(ctx: AnalysisContext, expr: ts.Expression): string | undefined {
  const { ts } = ctx;
  const id = ts.isPropertyAccessExpression(expr) ? expr.name : ts.isIdentifier(expr) ? expr : undefined;
  if (!id) return undefined;
  const known = names(ctx.program).get(id);
  if (known !== undefined) return known ?? undefined;
  let symbol = ctx.checker.getSymbolAtLocation(id);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = ctx.checker.getAliasedSymbol(symbol);
  const declaration = symbol?.declarations?.[0];
  const name = declaration && /[\\/]@types[\\/]node[\\/]/.test(declaration.getSourceFile().fileName) ? declaredName(ts, declaration) : undefined;
  names(ctx.program).set(id, name ?? null);
  return name;
}

/** `node:` + the ambient module and the named declarations from it down to `declaration` (`global` left out). */
function declaredName(t: typeof ts, declaration: ts.Node): string | undefined {
  const parts: string[] = [];
  for (let node: ts.Node | undefined = declaration; node && !t.isSourceFile(node); node = node.parent) {
    const name = (node as ts.NamedDeclaration).name;
    if (!name) continue;
    if (t.isModuleDeclaration(node) && t.isStringLiteral(name)) return `node:${[name.text.replace(/^node:/, ''), ...parts].join('.')}`;
    if (t.isIdentifier(name) && !(t.isModuleDeclaration(node) && name.text === 'global')) parts.unshift(name.text);
  }
  return undefined;
}
