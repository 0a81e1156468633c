/** One colour per task function, the same in the graph and the report's timeline (first seen, first colour). */
const COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function functionColours(names: Iterable<string>): Map<string, string> {
  const colours = new Map<string, string>();
  for (const name of names) if (!colours.has(name)) colours.set(name, COLOURS[colours.size % COLOURS.length]);
  return colours;
}
