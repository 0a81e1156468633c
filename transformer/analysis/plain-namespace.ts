/**
 * The compiler's namespace with plain data properties, read once per namespace object. The analyses read `ts.isX`,
 * `ts.SyntaxKind`, `ts.forEachChild` at nearly every node they visit. typescript.js exports each as a getter, and a
 * host that loads it with `import * as ts` under esModuleInterop (the benchmarks, the tests, a programmatic build)
 * hands over `__importStar`'s copy, which wraps every export in a second, generic getter (`m[k]`) V8 cannot inline:
 * that getter alone was ~10% of the plugin's time in bench:plugin. The values are the same functions and enums.
 *
 * An object of all ~2,200 exports is a hash table to V8 (past ~1,000 properties it keeps no fast layout), so every
 * `ts.isIdentifier` was a dictionary lookup and a call it could not inline. The members read at nodes (the `is*`
 * tests, the enums and the few walking and flag helpers) are the copy's own properties, defined at once so that it
 * keeps a fast layout; the rest, read rarely, are found on its prototype, a plain copy of everything.
 */
import type * as ts from 'typescript';

const plainCopies = new WeakMap<typeof ts, typeof ts>();

/** Functions besides the `is*` tests that the analyses call at nodes. */
const HOT = new Set(['forEachChild', 'findAncestor', 'getCombinedNodeFlags', 'getCombinedModifierFlags', 'getNameOfDeclaration', 'getModifiers',
  'canHaveModifiers', 'canHaveDecorators', 'getDecorators', 'visitEachChild', 'visitNode', 'visitNodes', 'getOriginalNode', 'getJSDocTags',
  'getJSDocType', 'skipPartiallyEmittedExpressions', 'getTextOfJSDocComment', 'getLeadingCommentRanges']);

export function plainNamespace(namespace: typeof ts): typeof ts {
  let plain = plainCopies.get(namespace);
  if (!plain) {
    const all: Record<string, unknown> = {};
    const hot: PropertyDescriptorMap = {};
    for (const key of Object.keys(namespace)) {
      const value = (namespace as unknown as Record<string, unknown>)[key];
      all[key] = value;
      if (/^is[A-Z]/.test(key) || typeof value !== 'function' || HOT.has(key)) hot[key] = { value, writable: true, enumerable: true, configurable: true };
    }
    // (Object.create with the descriptors: one step, which keeps the layout fast; adding them one by one does not.)
    plain = Object.create(all, hot) as typeof ts;
    plainCopies.set(namespace, plain);
  }
  return plain;
}
