export interface Scored { key: string; value: number }

/** @task */
export function evaluate(key: string, seed: number): Scored {
  let v = seed;
  for (let i = 0; i < 400000; i++) v = (v * 7 + key.length + i) % 10007;
  return { key, value: v };
}

/** @task */
export function square(n: number): number {
  let s = 0;
  for (let i = 0; i < 300000; i++) s = (s + n * n + i) % 65521;
  return s;
}
