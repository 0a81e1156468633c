/** @task Makes a replica's state (an object result). */
export function replica(t: number): number[] {
  let e = 0;
  for (let i = 0; i < 20000; i++) e = (e + Math.sin(i * t)) % 97;
  return [t, Math.round(e * 1000) / 1000];
}
