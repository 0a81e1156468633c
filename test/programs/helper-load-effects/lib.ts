// Constants this module computes at load from the file system and from a counter of another module (ids.ts): a
// worker loads it later, after the program rewrote the file, and with fewer modules counted before it (np43's F3).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIR } from './setup';
import { newId } from './ids';

const SETTINGS: { scale: number; label: string } = JSON.parse(readFileSync(join(DIR, 'settings.json'), 'utf8'));
const LIB_ID = newId('lib');

/** @task */
export function scaled(x: number): string { return `${x * SETTINGS.scale}:${SETTINGS.label}:${LIB_ID}`; }
