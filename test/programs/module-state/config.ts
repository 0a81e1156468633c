// Module objects the program changes between task calls. Each task call must see them as the program left them.
export const RATES = [1, 2, 3];
export const SCALE = new Float64Array([1, 1]);
export const NAMES = new Map<number, string>([[1, 'one']]);
export const OPTIONS = { label: 'start', weights: [1, 1] as number[] };
