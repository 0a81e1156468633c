// Settings persisted for the next run while this run keeps what it loaded; the tasks see what the program loaded.
import './boot';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIR } from './setup';
import { OTHER_ID } from './other';
import { convert, render, RUN_DIR, scaled } from './lib';

console.log('other', OTHER_ID);
writeFileSync(join(DIR, 'settings.json'), JSON.stringify({ scale: 100, label: 'v2' }));
console.log([1, 2, 3].map((x) => scaled(x)).join(' '));
console.log('file now', readFileSync(join(DIR, 'settings.json'), 'utf8'));
console.log([2, 3].map((x) => convert(x)).join(' | '));
const rendered = ['a.txt', 'b.txt'].map((name, i) => render(name, i + 2));
console.log(rendered.map((path) => `${path.startsWith(RUN_DIR)} ${readFileSync(path, 'utf8')}`).join(' '));
rmSync(DIR, { recursive: true, force: true });
rmSync(RUN_DIR, { recursive: true, force: true });
