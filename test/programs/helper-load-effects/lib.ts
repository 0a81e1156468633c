// Constants this module computes at load from the file system and from a counter of another module (ids.ts): a
// worker loads it later, after the program rewrote the file, and with fewer modules counted before it (np43's F3).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { DIR } from './setup';
import { newId } from './ids';
import { config } from './config';

const SETTINGS: { scale: number; label: string } = JSON.parse(readFileSync(join(DIR, 'settings.json'), 'utf8'));
const LIB_ID = newId('lib');
// Derived from settings boot.ts changed before this module loaded (np43's F5: workers computed them unconfigured).
const SCALE = config.scale;
const UNIT = config.unit.toUpperCase();
const TABLE = config.table.map((x) => x * config.scale);

/** @task */
export function convert(x: number): string { return `${x * SCALE}${UNIT} ${TABLE.join('/')}`; }

/** @task */
export function scaled(x: number): string { return `${x * SETTINGS.scale}:${SETTINGS.label}:${LIB_ID}`; }

// A folder made at load, where the tasks write (np43's F9: each worker made its own, and left it behind).
export const RUN_DIR = mkdtempSync(join(tmpdir(), 'taskify-helper-load-run-'));

/** @task */
export function render(name: string, n: number): string { const path = join(RUN_DIR, name); writeFileSync(path, 'x'.repeat(n)); return path; }
