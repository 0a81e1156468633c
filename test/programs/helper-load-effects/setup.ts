// The program's start-up: a settings file written when this module loads. A worker imports it too (lib.ts does),
// and must not write it again: the program has changed it since (np43's F2).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export const DIR = join(tmpdir(), `taskify-helper-load-effects-${process.pid}`);
mkdirSync(DIR, { recursive: true });
writeFileSync(join(DIR, 'settings.json'), JSON.stringify({ scale: 1, label: 'v1' }));
console.log('setup ran');
