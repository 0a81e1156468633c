/**
 * `taskify report`: the HTML page is self-contained and renders in a real browser (Debian's chromium, headless),
 * checked on a screenshot: the timeline's task bars and the graph's nodes are drawn in their functions' colours.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { runFixture } from './helpers';
import { functionColours } from '../runtime/observe/palette';

const dir = mkdtempSync(join(tmpdir(), 'taskify-report-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
const cli = join(__dirname, '..', 'runtime', 'cli.js');
const trace = join(dir, 'run.json');
const html = join(dir, 'run.html');

function chromium(): string {
  const found = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path && existsSync(path));
  if (!found) throw new Error("the report test needs a headless browser: `npm test` installs Debian's chromium (test/system-packages.js), or set CHROMIUM=<path>");
  return found;
}

function browse(...args: string[]): string {
  const run = spawnSync(chromium(), [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-default-apps', '--disable-sync', '--no-first-run', '--hide-scrollbars', '--mute-audio',
    `--user-data-dir=${join(dir, 'profile')}`, '--window-size=1300,1600', ...args, `file://${html}`,
  ], { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 << 20, env: { ...process.env, HOME: dir } });
  assert.is(run.status, 0, `chromium: ${run.stderr || run.error}`);
  return run.stdout;
}

test('report: one self-contained page with the timeline, the statistics and the graph', async () => {
  const program = await runFixture('observed-child.js', 'graph', { TASKIFY_TRACE: trace });
  assert.is(program.code, 0, program.stderr);
  const report = spawnSync(process.execPath, [cli, 'report', trace, '-o', html], { encoding: 'utf8' });
  assert.is(report.status, 0, report.stderr);
  assert.match(report.stdout, `wrote ${html}`);
  const page = readFileSync(html, 'utf8');
  assert.not.match(page, /(src|href)="(https?:|\/\/)/, 'nothing is fetched from elsewhere');
  assert.not.match(page, '<script', 'no script needed');
  assert.is(page.match(/<g class="task"/g)?.length, 6, 'a bar per task that ran');
  for (const name of ['fill', 'scale', 'sum', 'add', 'failWith']) assert.match(page, new RegExp(`</span>${name}</td><td>`));
  assert.match(page, '<title>t7</title>', 'the graph is inline SVG');
});

test('report: renders in headless chromium (DOM and screenshot)', () => {
  const dom = browse('--dump-dom');
  assert.is(dom.match(/<g class="task"/g)?.length, 6, 'the browser parsed every task bar');
  assert.match(dom, /class="graph"><svg/);

  const png = join(dir, 'shot.png');
  browse(`--screenshot=${png}`);
  const image = PNG.sync.read(readFileSync(png));
  assert.equal([image.width, image.height], [1300, 1600]);
  const counts = new Map<string, number>();
  let inked = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const hex = '#' + [0, 1, 2].map((c) => image.data[i + c].toString(16).padStart(2, '0')).join('');
    counts.set(hex, (counts.get(hex) ?? 0) + 1);
    if (hex !== '#ffffff') inked++;
  }
  assert.ok(inked / (image.width * image.height) > 0.05, `the page is drawn (${inked} non-white pixels)`);
  // Functions in submission order get palette colours in that order, as in the report.
  const colours = functionColours(['fill', 'scale', 'sum', 'add', 'failWith']);
  for (const [name, colour] of colours) assert.ok((counts.get(colour) ?? 0) > 100, `${name}'s colour ${colour} is on screen: ${counts.get(colour)} px`);
});

test('report: a file that is not a taskify trace is refused with a reason, and no page is written', () => {
  const other = join(dir, 'other.json');
  writeFileSync(other, JSON.stringify({ traceEvents: [] }));
  const run = spawnSync(process.execPath, [cli, 'report', other], { encoding: 'utf8' });
  assert.is(run.status, 1);
  assert.match(run.stderr, /taskify report: .*other\.json is not a taskify trace/);
  assert.not.ok(existsSync(join(dir, 'other.html')));
  const usage = spawnSync(process.execPath, [cli, 'report'], { encoding: 'utf8' });
  assert.is(usage.status, 2);
  assert.match(usage.stderr, 'usage: taskify report <trace.json>');
});

test.run();
