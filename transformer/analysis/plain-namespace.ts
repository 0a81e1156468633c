/**
 * The compiler's namespace with plain data properties, read once per namespace object. The analyses read `ts.isX`,
 * `ts.SyntaxKind`, `ts.forEachChild` at nearly every node they visit. typescript.js exports each as a getter, and a
 * host that loads it with `import * as ts` under esModuleInterop (the benchmarks, the tests, a programmatic build)
 * hands over `__importStar`'s copy, which wraps every export in a second, generic getter (`m[k]`) V8 cannot inline:
 * that getter alone was ~10% of the plugin's time in bench:plugin. The values are the same functions and enums.
 */
import type * as ts from 'typescript';

const plainCopies = new WeakMap<typeof ts, typeof ts>();

export function plainNamespace(namespace: typeof ts): typeof ts {
  let plain = plainCopies.get(namespace);
  if (!plain) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(namespace)) copy[key] = (namespace as unknown as Record<string, unknown>)[key];
    plain = copy as unknown as typeof ts;
    plainCopies.set(namespace, plain);
  }
  return plain;
}
