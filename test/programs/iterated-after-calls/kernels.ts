/** @task */
export function stepSim(state: Float64Array): number {
  for (let i = 0; i < state.length; i++) state[i] = state[i] * 0.5 + i;
  return state.reduce((x, y) => x + y, 0);
}

/** @task */
export function grow(list: number[], v: number): void {
  if (list.length < 6) list.push(v);
}
