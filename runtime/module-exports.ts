/**
 * A module's export by name, as `import()` gives it. Of a CommonJS module (what tsc emits without "module": "esm"),
 * `import()` gives named exports only where Node's lexer found them, and `default` is the whole `module.exports`:
 * so an export is looked up on the namespace, then on `module.exports`, where `exports.default` (a task declared
 * `export default function`) is found too. Workers load tasks and classes through this one lookup.
 */
export function exportNamed(namespace: Record<string, unknown>, name: string): unknown {
  const direct = namespace[name];
  if (typeof direct === 'function') return direct;
  const moduleExports = namespace.default;
  const fromExports = (typeof moduleExports === 'object' || typeof moduleExports === 'function') && moduleExports !== null
    ? (moduleExports as Record<string, unknown>)[name] : undefined;
  return fromExports ?? direct;
}
