export const CONFIG = { scale: 2 };
export const WEIGHTS = [1, 1];
export const registry = { current: CONFIG };
export const lookup = new Map<string, { scale: number }>([['main', CONFIG]]);
function makeScaler(cfg: { scale: number }) { return (x: number) => x * cfg.scale; }
export const scaler = makeScaler(CONFIG);
export const weigh = ((w: number[]) => (x: number) => x * w[1])(WEIGHTS);
function mul(cfg: { scale: number }, x: number) { return x * cfg.scale; }
export const bound = mul.bind(null, CONFIG);
export const api = { cfg: CONFIG, run(x: number) { return x * this.cfg.scale; } };

export const COUNTS = { hits: 0 };
export const TALLY = { calls: 0 };
export const LOGS: string[][] = [];
export const counters = { current: COUNTS };
function makeCounter(t: { calls: number }) { return () => { t.calls++; }; }
export const countCall = makeCounter(TALLY);
const LINES: string[] = [];
LOGS.push(LINES);
function append(into: string[], line: string) { into.push(line); }
export const log = append.bind(null, LINES);
export { LINES };
