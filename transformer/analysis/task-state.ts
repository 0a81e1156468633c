/**
 * What a task's code reads or keeps of the state outside it, turned into compile errors (a module variable that may
 * change, a static field or global the program sets, a change the program would never see, state that cannot travel)
 * or into the module state each of its calls carries: snapshots of objects the program changes, and state tasks keep
 * (kept-state.ts). outer-reads.ts finds the references; this file says what each means for the task.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { codes } from './diagnostics';
import { isWrittenName } from '../rewrite/syntax';
import type { ModuleStateRef } from './discover';
import { moduleStateKey } from './module-state-keys';
import { where } from './node-places';
import { keptState } from './kept-state';
import { isLazilyMade, LAZY_CANNOT_TRAVEL } from './lazy-objects';
import { runsOnlyInTasks } from './program-kept-uses';
import { changingUse, programMethod } from './method-receivers';
import type { ModuleState } from './module-state';
import { ModuleWrites } from './module-writes';
import { outerReads } from './outer-reads';
import { packageOf } from './package-settings';
import type { Summaries } from './summaries';

export function taskModuleState(ctx: AnalysisContext, summaries: Summaries, fn: FunctionLike, state: ModuleState,
  fail: (node: ts.Node, code: number, message: string) => void): ModuleStateRef[] {
  const writes = new ModuleWrites(ctx, state, (f, reading) => summaries.get(f, reading));
  const outer = outerReads(ctx, fn, state, (call) => {
    const method = programMethod(ctx, fn, call);
    return method === undefined ? undefined : changingUse(ctx, method, (f, reading) => summaries.get(f, reading)) ? 'writes' : 'reads';
  }, writes);
  for (const ref of outer.mutable) {
    // (`processed++` in the task: its change stays in the worker's copy, np70's bad-module-write said "reads".)
    const message = isWrittenName(ctx.ts, ref)
      ? `changes \`${ref.text}\`, a module variable; each worker has its own copy, which the program's never sees, nor other workers' ` +
        '(return what the task counts or makes, and combine the results in the program)'
      : `reads \`${ref.text}\`, a module variable that may change; each worker has its own copy, which neither the program's ` +
        'assignments nor other workers\' reach (make it a parameter, or a const)';
    fail(ref, codes.mutableClosure, message);
  }
  for (const { ref, change, from } of outer.loadComputed) {
    fail(ref, codes.changedModuleObject, `reads \`${ref.text}\`, computed as its module loads from \`${from.text}\`, which the program ` +
      `changes first (${where(change)}) where no worker runs it; each worker computes its own \`${ref.text}\` from an unchanged ` +
      `\`${from.text}\` (pass the value as a parameter, or compute it inside the task)`);
  }
  for (const ref of outer.outlived) {
    fail(ref, codes.mutableClosure, `runs code that uses \`${ref.text}\` (${where(symbolOf(ctx, ref)!.valueDeclaration!)}), a variable outside the task ` +
      'that is reassigned; each worker has its own copy, which neither the program\'s assignments nor other calls\' changes reach ' +
      '(keep it in a module-level `const` object, which travels with the calls, or pass it as a parameter)');
  }
  for (const ref of outer.closureKept) {
    fail(ref, codes.mutableClosure, `runs code that changes \`${ref.text}\` (${where(symbolOf(ctx, ref)!.valueDeclaration!)}), an object a closure keeps; ` +
      'each worker has its own, which no name outside the closure reaches to travel with the calls (keep it in a module-level `const` object, ' +
      'which travels with them, or pass it as a parameter)');
  }
  for (const { ref, change } of outer.changedGlobals) {
    fail(ref, codes.changedModuleObject, `reads \`${ref.parent.getText()}\`, a property of the global object the program sets (${where(change)}); ` +
      'each worker has a global object of its own, which the program\'s never reaches (pass the value as a parameter)');
  }
  for (const { ref, change } of outer.patchedBuiltins) {
    const member = ofProgramClass(ctx, ref) ? 'a method the program adds to its class' : 'a built-in the program replaces';
    fail(ref, codes.changedModuleObject, `uses \`${ref.parent.getText()}\`, ${member} (${where(change)}), where no worker runs it; ` +
      'each worker has its own, which the program\'s change never reaches (import the module setting it up from the task\'s module, ' +
      'where it runs in workers too, or pass the function or value as a parameter)');
  }
  for (const { ref, change } of outer.changedPackages) {
    fail(ref, codes.changedModuleObject, `uses \`${ref.text}\` of package ${packageOf(ctx, ref)}, whose settings the program changes (${where(change)}) ` +
      'where no worker runs it; each worker loads the package afresh, which the change never reaches (set it at the top level of the task\'s ' +
      'module, or of a module it imports, to a value written out there, where it runs in workers too; or pass the setting as a parameter)');
  }
  for (const { ref, readAt } of outer.setGlobals) {
    fail(ref, codes.changedModuleObject, `sets \`${ref.getText()}\`, a property of the global object the program reads (${where(readAt)}); ` +
      'each worker has a global object of its own, which the program and other workers never see (return the value instead)');
  }
  for (const { ref, change } of outer.changedDefaults) {
    fail(ref, codes.changedModuleObject, `reads \`${ref.text}\`, a module's default export object, which the program changes (${where(change)}); ` +
      'a worker reads its own copy, and only a named module object travels with the calls (declare it `export const X = { … }` and `export default X`)');
  }
  for (const { ref, change } of outer.changedStatics) {
    fail(ref, codes.changedModuleObject, `reads \`${ref.parent.getText()}\`, a static field of a class the program changes (${where(change)}); ` +
      'a worker has its own copy of the class, which that change never reaches (pass the value as a parameter)');
  }
  // Module state tasks keep from call to call travels with each call (kept-state.ts), or cannot and is an error.
  const moduleState: ModuleStateRef[] = [];
  // (One error per object: each path to it that cannot travel says the same.)
  const refused = new Set<ts.Symbol>();
  const keep = (ref: ts.Identifier): { why: string } | undefined => {
    const symbol = symbolOf(ctx, ref)!;
    if (refused.has(symbol)) return undefined;
    const kept = keptState(ctx, state, writes, fn, ref);
    if ('why' in kept) { refused.add(symbol); return kept; }
    if (!moduleState.some((s) => s.key === kept.key)) moduleState.push(kept);
    return undefined;
  };
  const saidAt = new Set<ts.Node>();
  for (const { ref, write, readAt } of [...outer.lostWrites, ...state.writesReachedFrom(fn)]) {
    // State the program reads too travels, where each place the program names it can wait for the tasks' changes.
    const kept = state.isModuleObject(symbolOf(ctx, ref)!) ? keep(ref) : { why: 'only a module-level `const` object can travel with the calls' };
    // The task's own write, found again through the code it reaches, is one error.
    if (!kept || saidAt.has(write)) continue;
    saidAt.add(write);
    fail(write, codes.changedModuleObject, `changes \`${ref.text}\`, module state the program reads (${where(readAt)}); ` +
      `a worker changes its own copy of the module, which the program never sees, and it cannot travel with the calls: ${kept.why} ` +
      '(pass it as a parameter, or return the change)');
  }
  for (const { ref, change, readAt } of [...outer.counted.map((c) => ({ ...c, readAt: undefined })), ...outer.shared.map((s) => ({ ...s, change: s.write }))]) {
    const kept = keep(ref);
    if (!kept) continue;
    const what = readAt ? `module state that task calls read (${where(readAt)})` : 'module state, from its own old value';
    fail(change, codes.changedModuleObject, `changes \`${ref.text}\`, ${what}; each worker has its own copy of the module, so the calls ` +
      `would not see each other's changes as in plain code, and it cannot travel with them: ${kept.why} (pass it as a parameter, or return the change)`);
  }
  // A module object the program changes travels with each call; one the task itself changes cannot come back.
  for (const { ref, change, writtenByTask } of outer.changedObjects) {
    // Changed only by a helper tasks run: kept state, followed as the tasks' own (kept-state.ts).
    if (moduleState.some((s) => s.kept && s.name === ref.text && s.declaration === symbolOf(ctx, ref)!.valueDeclaration)) continue;
    if (writtenByTask) {
      const kept = keep(ref);
      if (kept) {
        fail(writtenByTask, codes.changedModuleObject, `changes \`${ref.text}\`, a module object the program also changes (${where(change)}); ` +
          `a worker changes its own copy of the module, which the program never sees, and it cannot travel with the calls: ${kept.why} (make it a parameter)`);
      }
      continue;
    }
    const declaration = symbolOf(ctx, ref)!.valueDeclaration as ts.VariableDeclaration;
    if (isLazilyMade(ctx, declaration)) {
      // (Handed on only by a helper only tasks call, `return cache`: each worker's own, judged as tasks' state above.)
      if (runsOnlyInTasks(ctx, state, change)) continue;
      fail(ref, codes.changedModuleObject, `reads \`${ref.text}\`, which the program changes (${where(change)}); a worker reads its own copy, ` +
        `and it cannot travel with the calls: ${LAZY_CANNOT_TRAVEL} (make it a parameter)`);
      continue;
    }
    moduleState.push({ key: moduleStateKey(ctx, declaration), name: ref.text, declaration });
  }
  return moduleState;
}

/** `i.gross` of an instance of a class the program declares (a mixin), not of a built-in. */
function ofProgramClass(ctx: AnalysisContext, ref: ts.Identifier): boolean {
  const access = ref.parent;
  if (!ctx.ts.isPropertyAccessExpression(access)) return false;
  const symbol = ctx.checker.getApparentType(ctx.checker.getTypeAtLocation(access.expression)).getSymbol();
  return symbol?.declarations?.some((d) => ctx.ts.isClassDeclaration(d) && !d.getSourceFile().isDeclarationFile) ?? false;
}
