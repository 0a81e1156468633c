import { existsSync, readFileSync } from 'node:fs';

/** @task */
export function mode(label: string): string {
  let spin = 0;
  for (let i = 0; i < 2e6; i++) spin += i % 7;
  return `${label}:${process.env.TASKIFY_FIXTURE_MODE ?? 'unset'}:${spin > 0}`;
}

/** @task */
export function localHour(epochMs: number): number {
  return new Date(epochMs).getHours();
}

/** @task */
export function readConfig(name: string): string {
  return existsSync(name) ? readFileSync(name, 'utf8').trim() : 'missing';
}
