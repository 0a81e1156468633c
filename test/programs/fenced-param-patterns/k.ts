export interface Series { name: string; values: number[]; norm?: number }

/** @task */
export function normalize(s: Series): void {
  const m = Math.max(...s.values.map(Math.abs)) || 1;
  s.values = s.values.map((v) => v / m);
  s.norm = m;
}
