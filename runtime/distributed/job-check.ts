/**
 * What a machine checks of a job before it runs anything of it. Anyone who can write to the Redis server can put a
 * job on a machine's queue, so a job is data from outside: its task must be a module of the program (a `file:` URL
 * under the machine's root: never `node:`, `data:`, `http:` or a path elsewhere), its export a plain name, and every
 * version key of the `d<id>v<ver>` form (the store refuses any other, so nothing is written outside a run directory),
 * and every source within bounds (a blob of the job's own run, a size a reader can take, a checksum): nothing is
 * allocated or fetched from a size the job merely claims.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkedVersionKey, forEachLeaf, type RemoteJob } from '../protocol';
import { sourceProblem } from './blobs';

const RUN_ID = /^[\w.-]{1,128}$/;
const EXPORT_NAME = /^[A-Za-z_$][\w$]{0,255}$/;

/** Why the job must not run, or undefined when it may. `root`: the directory the machine serves programs from. */
export function refusalOf(job: RemoteJob, root: string): string | undefined {
  if (typeof job?.run !== 'string' || !RUN_ID.test(job.run)) return `its run id is not one a master makes: ${shown(job?.run)}`;
  const task = job.task;
  if (typeof task?.name !== 'string' || !EXPORT_NAME.test(task.name)) return `its task name is not an export name: ${shown(task?.name)}`;
  const outside = moduleOutside(task.module, root);
  if (outside) return outside;
  try {
    checkedVersionKey(task.result);
    forEachLeaf(task.args ?? [], (arg) => {
      if ('read' in arg && arg.read !== undefined) checkedVersionKey(arg.read);
      if ('write' in arg && arg.write !== undefined) checkedVersionKey(arg.write);
    });
    if (typeof job.sources !== 'object' || job.sources === null || !Array.isArray(job.forget)) return 'its sources or forget list are malformed';
    for (const [key, source] of Object.entries(job.sources)) {
      checkedVersionKey(key);
      const problem = sourceProblem(source, job.run);
      if (problem) return `${problem} (version ${key})`;
    }
    for (const key of job.forget) checkedVersionKey(key);
    if (job.timeoutMs !== undefined && !(Number.isFinite(job.timeoutMs) && job.timeoutMs > 0)) return `its timeout is not a positive number: ${shown(job.timeoutMs)}`;
  } catch (error) {
    return (error as Error).message.replace(/^taskify: /, '');
  }
  return undefined;
}

/** Verdicts per root and module URL: a machine runs the same few modules thousands of times (two realpaths each). */
const verdicts = new Map<string, Map<string, string | undefined>>();

function moduleOutside(module: unknown, root: string): string | undefined {
  if (typeof module !== 'string' || !module.startsWith('file:')) return `its module is not a file: URL of the program: ${shown(module)}`;
  let known = verdicts.get(root);
  if (!known) verdicts.set(root, known = new Map());
  if (known.has(module)) return known.get(module);
  const verdict = judgeModule(module, root);
  if (known.size < 10_000) known.set(module, verdict);
  return verdict;
}

function judgeModule(module: string, root: string): string | undefined {
  let path: string;
  try { path = realpathSync(fileURLToPath(module)); } catch { return `its module does not exist here: ${shown(module)}`; }
  const within = relative(realpathSync(root), path);
  if (within === '' || within.startsWith(`..${sep}`) || within === '..' || isAbsolute(within)) {
    return `its module ${path} is outside the directory this machine serves (${root}; see --root)`;
  }
  return undefined;
}

const shown = (value: unknown): string => JSON.stringify(value)?.slice(0, 120) ?? String(value);
