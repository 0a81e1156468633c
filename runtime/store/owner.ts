/**
 * Everything a run leaves on the machine (its run directory, its shared-memory segments) is named
 * `<prefix><pid>-…`, so that a later run can tell a dead run's leftovers from a live run's.
 */

/** The pid a leftover's name carries, or undefined when the name is not of that form. */
export function ownerPid(name: string, prefix: string): number | undefined {
  if (!name.startsWith(prefix)) return undefined;
  const pid = Number(name.slice(prefix.length).split('-')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function ownerIsDead(name: string, prefix: string): boolean {
  const pid = ownerPid(name, prefix);
  return pid !== undefined && !isAlive(pid);
}

export function isAlive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (error) { return (error as NodeJS.ErrnoException).code === 'EPERM'; }
}
