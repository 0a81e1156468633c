/**
 * Locality, as one rule: among the candidates that can take work, the one holding most of a task's input bytes;
 * among equals, the least loaded, else the first. It chooses a pool thread for a task (local-pool.ts), a machine for
 * a task (distributed/machines.ts), and a ready task for a thread that just became free (graph.ts takeReady).
 */
export interface PlacementRule<T> {
  /** Bytes of the task's inputs the candidate holds. */
  readonly held: (candidate: T) => number;
  /** Whether the candidate can take the task now (a free slot); all can when absent. */
  readonly eligible?: (candidate: T) => boolean;
  /** How busy the candidate is, to break ties; the first of equals wins when absent. */
  readonly load?: (candidate: T) => number;
}

export function mostHeld<T>(candidates: Iterable<T>, rule: PlacementRule<T>): T | undefined {
  let best: T | undefined;
  let bestHeld = -1;
  let bestLoad = Infinity;
  for (const candidate of candidates) {
    if (rule.eligible && !rule.eligible(candidate)) continue;
    const held = rule.held(candidate);
    const load = rule.load ? rule.load(candidate) : 0;
    if (held > bestHeld || (held === bestHeld && load < bestLoad)) {
      best = candidate;
      bestHeld = held;
      bestLoad = load;
    }
  }
  return best;
}
