/**
 * The master's picture of the machines that joined: plain data changed by small functions, so the placement
 * policy is tested without Redis. A machine is numbered once (the graph records holders by number) and runs at
 * most `slots` tasks at once; a task goes to the free machine that holds most of its input bytes.
 */
import type { MachineInfo } from '../protocol';
import { mostHeld } from '../engine/placement';

export interface Machine {
  readonly info: MachineInfo;
  /** How the graph names this machine as a holder of versions. */
  readonly number: number;
  /** Tasks sent and not yet answered. */
  readonly running: Set<number>;
  /** Versions that died and that this machine holds: sent with its next job. */
  forget: string[];
}

export interface Machines {
  readonly byId: Map<string, Machine>;
  nextNumber: number;
}

export const emptyMachines = (): Machines => ({ byId: new Map(), nextNumber: 1 });

export function join(machines: Machines, info: MachineInfo): Machine {
  const existing = machines.byId.get(info.id);
  if (existing) return existing;
  const machine: Machine = { info, number: machines.nextNumber++, running: new Set(), forget: [] };
  machines.byId.set(info.id, machine);
  return machine;
}

/** The machine is gone: returns it (its running tasks are lost), or undefined if it was not known. */
export function leave(machines: Machines, id: string): Machine | undefined {
  const machine = machines.byId.get(id);
  machines.byId.delete(id);
  return machine;
}

export function capacity(machines: Machines): number {
  let total = 0;
  for (const machine of machines.byId.values()) total += machine.info.slots;
  return total;
}

/** A free machine holding most of the task's input bytes; among equals, the least busy. */
export function place(machines: Machines, held: (machine: number) => number): Machine | undefined {
  return mostHeld(machines.byId.values(), {
    held: (machine) => held(machine.number),
    eligible: (machine) => machine.running.size < machine.info.slots,
    load: (machine) => machine.running.size,
  });
}

export function byNumber(machines: Machines, number: number): Machine | undefined {
  for (const machine of machines.byId.values()) if (machine.number === number) return machine;
  return undefined;
}
