export interface Cfg { scale: number }
export interface Bound { config: Cfg; id: number }
/** @task */
export function bind(cfg: Cfg, id: number): Bound { return { config: cfg, id }; }
/** @task */
export function apply(b: Bound): number { return b.config.scale * 10 + b.id; }
/** @task */
export function applyAll(bs: Bound[]): string { return bs.map((b) => b.config.scale * 10 + b.id).join(','); }
/** @task */
export function tweak(cfg: Cfg): void { cfg.scale += 1; }
