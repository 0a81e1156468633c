/**
 * Where the program names kept state that tasks change (analysis/program-kept-uses.ts): the program's module object
 * is the datum the runtime follows as those tasks' implicit argument, so a read there waits for them and brings their
 * changes home (`waitOn`), and a place that may change it marks it for the next task (`written`). One datum, the
 * object itself: its parts travel inside it, never as data of their own (the program uses it only where it stands).
 */
import type * as ts from 'typescript';
import type { FunctionLike } from '../analysis/context';
import type { TaskInfo } from '../analysis/discover';
import type { Wrap } from './file-plan';

const perProgram = new WeakMap<ReadonlyMap<FunctionLike, TaskInfo>, ReadonlyMap<string, ReadonlyMap<ts.Identifier, Wrap>>>();

/** Per file name, the program's references to kept state and the wrap each gets. */
export function keptStateWaits(tasks: ReadonlyMap<FunctionLike, TaskInfo>): ReadonlyMap<string, ReadonlyMap<ts.Identifier, Wrap>> {
  let byFile = perProgram.get(tasks);
  if (byFile) return byFile;
  const found = new Map<string, Map<ts.Identifier, Wrap>>();
  for (const task of tasks.values()) {
    for (const state of task.moduleState ?? []) {
      for (const { ref, writes } of state.programUses ?? []) {
        const file = ref.getSourceFile().fileName;
        if (!found.has(file)) found.set(file, new Map());
        found.get(file)!.set(ref, writes ? 'written' : 'wait');
      }
    }
  }
  byFile = found;
  perProgram.set(tasks, byFile);
  return byFile;
}
