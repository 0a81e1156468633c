/**
 * Everything a run leaves on the machine (its run directory, its shared-memory segments) is named
 * `<prefix><pid>-<random>…`. The pid is there for people (`taskify shm ls` shows it): ownership and clean-up go by
 * the run's lease (lease.ts), never by whether that pid is dead, which means nothing across PID namespaces (a live
 * pid only keeps the lease-less files of taskify versions before leases).
 */

/** The pid a leftover's name carries, or undefined when the name is not of that form. */
export function ownerPid(name: string, prefix: string): number | undefined {
  if (!name.startsWith(prefix)) return undefined;
  const pid = Number(name.slice(prefix.length).split('-')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}
