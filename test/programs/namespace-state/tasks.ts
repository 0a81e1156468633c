import { Geom, Units } from './geom';
/** @task */
export function shift(v: number): number { return v - Geom.ORIGIN.x + Geom.UNCHANGED.length; }
/** @task */
export function scaled(v: number, unit: number): number { return v * Units.Metric.SCALE[unit]; }
