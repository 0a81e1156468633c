/** Plain code in another module, holding the program's objects where the plugin cannot follow them. */
const held: Float64Array[] = [];

export function keep(values: Float64Array): void { held.push(values); }

/** Changes what `keep` was given, through its own reference. */
export function brighten(by: number): void { for (const values of held) for (let i = 0; i < values.length; i++) values[i] += by; }
