/** @task */
export function check(d: number): number {
  if (d < 0) throw new Error('negative ' + d);
  return d;
}

/** @task */
export function half(n: number): number {
  if (n % 2) throw new Error('odd ' + n);
  return n / 2;
}

/** @task */
export function work(n: number): number {
  let s = 0;
  for (let i = 0; i < 200000; i++) s = (s + i * n) % 1000003;
  if (n === 99) throw new Error('bad ' + n);
  return s;
}
