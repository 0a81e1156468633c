// After a task call that fails, code no call names still ran: a constructor, a listener emit runs, a getter, a program
// function run through call/apply/Reflect.apply or handed by name (np40's F8). The plain call threw before any of it.
import { EventEmitter } from 'node:events';
import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fail } from './kernels';

const seen: string[] = [];
class Tracker { constructor() { seen.push('constructed'); } }
const em = new EventEmitter();
em.on('evt', (x: string) => seen.push(x));
const withGetter = { get g(): number { seen.push('getter ran'); return 1; } };
function record(this: unknown, x: string): void { seen.push(x); }

try { fail([]); new Tracker(); } catch { seen.push('c0'); }
try { fail([]); em.emit('evt', 'after failure'); } catch { seen.push('c1'); }
try { fail([]); console.log(withGetter.g); } catch { seen.push('c2'); }
try { fail([]); record.call(null, 'call'); } catch { seen.push('c3'); }
try { fail([]); record.apply(null, ['apply']); } catch { seen.push('c4'); }
try { fail([]); Reflect.apply(record, null, ['reflect']); } catch { seen.push('c5'); }
try { fail([]); ['each'].forEach(record); } catch { seen.push('c6'); }
const table: Record<string, (this: unknown, x: string) => void> = { record };
try { fail([]); table['rec' + 'ord']('table'); } catch { seen.push('c7'); }
function tag(parts: TemplateStringsArray): string { seen.push('tag'); return parts.join(''); }
try { fail([]); console.log(tag`x`); } catch { seen.push('c8'); }
// Constructors that look like they only fill their fields: a counter, a setter, a field initialiser.
let nextId = 0;
class Item { id: number; constructor() { this.id = nextId++; } }
class Named { private given = ''; set n(v: string) { seen.push(v); this.given = v; } constructor(v: string) { this.n = v; } }
class Fielded { made = seen.push('field'); constructor(public k: number) {} }
try { fail([]); new Item(); } catch { seen.push('c9'); }
try { fail([]); new Named('named'); } catch { seen.push('c10'); }
try { fail([]); new Fielded(1); } catch { seen.push('c11'); }
console.log(seen.join(' '), nextId);

// A constructor that only fills its fields changes nothing else: the calls before it stay in parallel.
class Point { x: number; y: number; constructor(x: number, y: number) { this.x = x; this.y = y; } }
try {
  const points: Point[] = [];
  const sizes: number[] = [];
  for (const xs of [[1], [1, 2], [1, 2, 3]]) {
    sizes.push(fail(xs));
    points.push(new Point(xs.length, 0));
  }
  console.log(sizes.join(','), points.map((p) => p.x).join(','));
} catch { console.log('not reached'); }

// Where the failure ends the process: a constructor that writes a file.
const path = join(tmpdir(), `taskify-hidden-effects-${process.pid}.txt`);
class Writer { constructor(p: string) { writeFileSync(p, 'written'); } }
process.on('exit', () => {
  const exists = existsSync(path);
  console.log('file exists at exit:', exists);
  if (exists) unlinkSync(path);
});
fail([]);
new Writer(path);
