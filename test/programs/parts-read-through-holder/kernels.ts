export interface Job { v: number }

/** @task */
export function run(job: Job): void { job.v += 1; }

/** @task */
export function peek(o: { inner: Job }): number { return o.inner.v; }

/** @task */
export function reset(jobs: Job[]): void { jobs[0].v = 100; }

/** @task */
export function total(jobs: Job[]): number { return jobs.reduce((s, j) => s + j.v, 0); }

/** @task */
export function count(groups: Map<string, Job>): number { return groups.size; }

/** @task */
export function deep(t: { a: { b: Job } }): number { return t.a.b.v; }

/** @task */
export function peekHolder(o: { inner: Job }): number { return o.inner.v; }

/** @task */
export function countJobs(jobs: Job[]): number { return jobs.length; }
