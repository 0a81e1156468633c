import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
/** @task */
export function lineCount(path: string): number { return readFileSync(path, 'utf8').split('\n').length; }
/** @task */
export function listed(dir: string): number { return readdirSync(dir).length; }
/** @task */
export function exists(path: string): boolean { return existsSync(path); }
/** @task */
export function size(path: string): number { return statSync(path).size; }
function readVia(path: string): string { return readFileSync(path, 'utf8'); }
/** @task */
export function viaHelper(path: string): number { return readVia(path).length; }
/** @task */
export async function later(path: string): Promise<number> { return readFileSync(path, 'utf8').length; }
