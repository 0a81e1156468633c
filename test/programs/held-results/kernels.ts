// Tasks whose value may hold their argument: a record embedding it, an immutable update sharing its parts.
export interface Config { n: number; tags: string[] }
export interface State { readonly n: number; readonly tags: readonly string[] }

/** @task */
export function run(cfg: Config): { config: Config; value: number } {
  let v = 0;
  for (let i = 0; i < cfg.n; i++) v += i;
  return { config: cfg, value: v };
}

/** @task */
export function step(s: State, k: number): State { return { ...s, n: s.n * 31 + k }; }

/** @task */
export function bump(cfg: Config): void { cfg.n += 100; cfg.tags.push('b'); }

/** @task */
export function total(cfg: Config): number { return cfg.n + cfg.tags.length; }

/** @task */
export function tag(s: Config, t: string): void { s.tags.push(t); }

/** @task */
export function readHeld(h: { config: Config; value: number }): number { return h.config.n * 10 + h.config.tags.length; }

/** @task */
export function bumpHeld(h: { config: Config; value: number }): void { h.config.n += 1000; h.value = -1; }
