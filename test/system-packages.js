#!/usr/bin/env node
/**
 * `npm test`'s pretest: the programs some suites need from the system, installed when missing, so that `npm test`
 * passes on a fresh machine and no suite is skipped. The report test renders a page in Debian's chromium (a
 * browser inside an npm package was tried: puppeteer's download is refused here, @sparticuz/chromium hangs
 * outside AWS Lambda); the distributed suite starts its own redis-server (no npm package ships one); the progress
 * test needs script(1) for a terminal. They come from apt-get, as root or through sudo, with one line saying so;
 * where that cannot be done, one line says what to install, and the test run stops.
 *
 * Plain CommonJS on purpose: it runs before anything is compiled.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const chromium = () => [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].some((p) => p && existsSync(p));

const needs = [
  { pkg: 'chromium', present: chromium, why: 'the report test renders its page in it' },
  { pkg: 'redis-server', present: () => onPath('redis-server'), why: 'the distributed suite starts its own' },
  { pkg: 'bsdutils', present: () => onPath('script'), why: "script(1) gives the progress test a terminal" },
];

function main() {
  const missing = needs.filter((need) => !need.present());
  if (missing.length === 0) return 0;
  const names = missing.map((m) => m.pkg).join(' ');
  const why = missing.map((m) => `${m.pkg}: ${m.why}`).join('; ');
  if (!onPath('apt-get')) {
    return fail(`the tests need ${names} (${why}); install them with this system's package manager` +
      (missing.some((m) => m.pkg === 'chromium') ? ' (or set CHROMIUM=<path of a Chromium or Chrome>)' : ''));
  }
  const root = process.getuid?.() === 0;
  const sudo = !root && onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) return fail(`the tests need ${names} (${why}): run \`sudo apt-get install ${names}\`, then npm test again`);

  console.log(`taskify test: installing ${names} with apt-get (${why})`);
  const apt = (...args) => spawnSync(root ? 'apt-get' : 'sudo', root ? args : ['apt-get', ...args],
    { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  const install = () => apt('install', '-y', '-qq', '--no-install-recommends', ...missing.map((m) => m.pkg));
  let done = install();
  if (done.status !== 0) { // no package lists yet, or stale ones: fetch them, then try again
    const update = apt('update', '-qq');
    if (update.status !== 0) return fail(`apt-get update failed:\n${update.stdout}${update.stderr}`);
    done = install();
  }
  if (done.status !== 0) return fail(`apt-get install ${names} failed:\n${done.stdout}${done.stderr}`);
  const still = missing.filter((m) => !m.present()).map((m) => m.pkg);
  return still.length > 0 ? fail(`apt-get installed ${names}, yet ${still.join(' ')} is still not found`) : 0;
}

function fail(message) {
  process.stderr.write(`taskify test: ${message}\n`);
  return 1;
}

process.exitCode = main();
