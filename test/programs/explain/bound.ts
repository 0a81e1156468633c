// @ts-nocheck: a caller of tasks.js, for explain only
import { scale } from './tasks.js';

const byTwo = scale.bind(null);
const kept = { scale };
byTwo(new Float64Array(2), 2);
kept.scale(new Float64Array(2), 3);
export const tables = [kept]; // handed on whole: no longer a table nothing changes
