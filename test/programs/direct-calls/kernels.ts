export interface Pt { x: number; y: number }

/** @task */
export function centroid(ps: Pt[]): Pt {
  let x = 0;
  let y = 0;
  for (const p of ps) { x += p.x; y += p.y; }
  console.log(`centroid of ${ps.length}`);
  return { x: x / ps.length, y: y / ps.length };
}

/** @task */
export function shift(ps: Pt[], dx: number): void {
  for (const p of ps) p.x += dx;
}

/** @task */
export function norm(p: Pt): number {
  return Math.hypot(p.x, p.y);
}
