/** @task */
export function crunch(id: number): number {
  let h = id >>> 0;
  for (let i = 0; i < 2000000; i++) h = (h * 1103515245 + 12345) % 2147483648;
  return h % 1000;
}
