export class Settings {
  private values: Record<string, number> = { scale: 1 };
  set(k: string, v: number): this { this.values[k] = v; return this; }
  get(k: string): number { return this.values[k] ?? 0; }
}
export const CONFIG = new Settings();

/** @task Reads the module's settings, which main code changes: each call takes them as they are at the call. */
export function scaled(xs: number[]): number { let s = 0; for (const x of xs) s += x * CONFIG.get('scale'); return s; }
