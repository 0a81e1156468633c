/**
 * Memos of answers that depend on a program's checker, kept per program: watch mode and the language service build a
 * new program that reuses the unchanged files' SourceFiles and nodes, so a memo keyed by a node alone would hand a
 * new program the old program's answer (helper-92 found five such).
 */
import type * as ts from 'typescript';

/** `const receivers = programMemo<ts.CallExpression, R>()`, then `receivers(ctx.program).get(call)`. */
export function programMemo<K extends object, V>(): (program: ts.Program) => WeakMap<K, V> {
  const perProgram = new WeakMap<ts.Program, WeakMap<K, V>>();
  return (program) => {
    let memo = perProgram.get(program);
    if (!memo) { memo = new WeakMap(); perProgram.set(program, memo); }
    return memo;
  };
}
