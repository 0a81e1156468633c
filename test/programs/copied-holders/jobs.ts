// A queue of jobs a batch runner takes in order, marking each done and logging where it ran.
export interface Job { name: string; prio: number; done: boolean; log: string[] }

/** @task */
export function runBatch(jobs: Job[], n: number): number {
  let ran = 0;
  for (const j of jobs) {
    if (ran >= n) break;
    if (!j.done) { j.done = true; j.log.push(`ran@${ran}`); ran++; }
  }
  return ran;
}

/** @task */
export function describe(jobs: Job[]): string { return jobs.map((j) => `${j.name}${j.done ? '+' : '-'}`).join(','); }
