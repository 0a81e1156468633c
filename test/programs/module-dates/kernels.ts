import { CUTOFF, TAG } from './calendar';

/** @task Whether the day comes after the module's cutoff. */
export function isLate(day: string): boolean { return new Date(day) >= CUTOFF; }

/** @task Whether the note carries the module's tag. */
export function tagged(note: string): boolean { return TAG.test(note); }
