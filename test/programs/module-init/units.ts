export const UNITS = new Map<string, number>([['m', 1]]);
export function addUnit(name: string, metres: number): void { UNITS.set(name, metres); }
export function announce(what: string): void { console.log('registered', what); }
