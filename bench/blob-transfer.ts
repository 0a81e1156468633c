/**
 * node dist/bench/blob-transfer.js — one version's bytes from a run directory through Redis into another process's
 * program's memory (runtime/distributed/blob-link.ts), alone: no task, no engine, no BullMQ. Three ways, in turn in
 * the same run, the reader following the blob while it is written, as runs do: into a file in the reader's run
 * directory that it then reads into a typed array (how the master read a result before it landed results in
 * memory), landed in memory as the master does now (getLanded: the array is a view of the landed body), and the
 * floor (bare-stream.ts: as many bytes from memory through a Redis stream into nothing, no file, no checksum); the
 * last column is each way / floor, the median of each turn's ratio. Run it with GLIBC_TUNABLES=glibc.malloc.hugetlb=1
 * in the environment to see both with huge pages (README, Huge pages).
 *
 * Besides wall time it prints the CPU each process spent per transfer (writer, reader, redis-server): on a shared
 * 2-core machine wall times swing by several times with other work, CPU times far less, and the CPU a transfer
 * needs in all bounds its speed when every process shares the same cores.
 */
import { fork, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BlobLink, chunksFor } from '../runtime/distributed/blob-link';
import { publishFile } from '../runtime/distributed/blobs';
import { connect } from '../runtime/distributed/redis';
import { readOwnTypedArray, versionPath, writeVersion } from '../runtime/store/version-file';
import { landedOwnTypedArray } from '../runtime/store/landed';
import { redisServer, startCluster } from '../test/cluster';
import { median } from './stats';
import { bareReader, bareTransfer } from './bare-stream';
import { RedisLink } from '../runtime/distributed/redis-link';

const SECRET = 'blob-transfer-bench';
const MIB = 1024 * 1024;
const SIZES_MIB = [16, 64];
const REPEATS = Number(process.env.BENCH_ROUNDS || 6);
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

interface Ask { blob: string; bytes: number; key: string; landed: boolean }

/** The reader, in a process of its own: fetches what it is asked into its directory, answers its CPU and time. */
function reader(url: string): void {
  const link = new BlobLink(url, SECRET);
  const dir = mkdtempSync(join('/dev/shm', 'taskify-bench-reader-'));
  process.on('message', (ask: Ask) => {
    const cpu = cpuMs();
    const source = { blob: ask.blob, bytes: ask.bytes, chunks: chunksFor(ask.bytes) };
    const read = ask.landed
      ? link.getLanded(source, 'bench').then((landed) => landedOwnTypedArray(landed)!.value)
      : link.get(source, dir, ask.key, 'bench').then(() => {
        const { value } = readOwnTypedArray(dir, ask.key)!;
        unlinkSync(versionPath(dir, ask.key));
        return value;
      });
    void read.then((value) => {
      if ((value as Float64Array)[(value as Float64Array).length - 1] !== 1) throw new Error('wrong contents');
      process.send!({ cpu: cpuMs() - cpu });
    }).catch((error: Error) => { console.error(error); process.exit(1); });
  });
  process.on('disconnect', () => { link.close(); rmSync(dir, { recursive: true, force: true }); });
}

async function main(): Promise<void> {
  if (!redisServer()) { console.error('blob-transfer needs redis-server on the PATH'); process.exit(1); }
  const cluster = await startCluster({ workers: 0, threads: 1 });
  const redis = await connect(cluster.url);
  const dir = mkdtempSync(join('/dev/shm', 'taskify-bench-writer-'));
  const link = new BlobLink(cluster.url, SECRET);
  const child = fork(__filename, ['--reader', cluster.url]);
  const ask = (message: Ask) => new Promise<{ cpu: number }>((resolve) => { child.once('message', resolve); child.send(message); });
  const redisCpu = (): number => {
    const info = execFileSync('redis-cli', ['-p', String(cluster.port), 'INFO', 'cpu'], { encoding: 'utf8' });
    return (Number(/used_cpu_sys:([\d.]+)/.exec(info)![1]) + Number(/used_cpu_user:([\d.]+)/.exec(info)![1])) * 1000;
  };
  const bareWriter = new RedisLink(cluster.url);
  const floorReader = bareReader(cluster.url);
  await redis.set('taskify:run:bench:alive', '1');
  const rows: string[] = [];
  type Sample = { wall: number; writer: number; reader: number; redis: number };
  const ways = ['to a file, then read', 'landed in memory', 'floor'] as const;
  try {
    for (const mib of SIZES_MIB) {
      writeVersion(dir, 'd1v1', new Float64Array((mib * MIB) / 8).fill(1));
      const bytes = statSync(versionPath(dir, 'd1v1')).size;
      const samples: Record<string, Sample[]> = Object.fromEntries(ways.map((way) => [way, []]));
      for (let turn = 0; turn < REPEATS + 1; turn++) {
        for (let w = 0; w < ways.length; w++) {
          const way = ways[(w + turn) % ways.length]; // who goes first turns, so that drift favours no way
          const key = `d${turn * ways.length + w + 2}v1`;
          const blob = `taskify:run:bench:${key}:a`;
          const r0 = redisCpu();
          let sample: Omit<Sample, 'redis'>;
          if (way === 'floor') sample = await bareTransfer(bareWriter, floorReader, blob, bytes);
          else {
            const [c0, t0] = [cpuMs(), performance.now()];
            const { stored } = await publishFile(redis, link, 'bench', blob, dir, 'd1v1', 60, 0n);
            const fetched = ask({ blob, bytes, key, landed: way === 'landed in memory' });
            await stored;
            const readerCpu = (await fetched).cpu;
            sample = { wall: performance.now() - t0, writer: cpuMs() - c0, reader: readerCpu };
            await redis.unlink(blob);
          }
          if (turn > 0) samples[way].push({ ...sample, redis: redisCpu() - r0 }); // the first turn warms up
        }
      }
      for (const [way, list] of Object.entries(samples)) {
        const m = (k: keyof Sample) => median(list.map((s) => s[k]));
        const ratio = median(list.map((s, i) => s.wall / samples.floor[i].wall));
        rows.push(`| ${mib} MiB, ${way} | ${m('wall').toFixed(0)} ms (${(bytes / 1e6 / (m('wall') / 1000)).toFixed(0)} MB/s) | ` +
          `${m('writer').toFixed(0)} / ${m('reader').toFixed(0)} / ${m('redis').toFixed(0)} ms | ${(m('writer') + m('reader') + m('redis')).toFixed(0)} ms | ${ratio.toFixed(2)} |`);
      }
    }
  } finally {
    child.disconnect();
    floorReader.close();
    bareWriter.close();
    link.close();
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
    await cluster.stop();
  }
  console.log(['| transfer | wall (medians) | CPU: writer / reader / redis-server | CPU in all | wall / floor |', '|---|---|---|---|---|', ...rows].join('\n'));
  console.log(`\n${REPEATS} transfers of each; load average at the end: ${require('node:os').loadavg().map((x: number) => x.toFixed(1)).join(' ')}`);
}

if (require.main === module) {
  const at = process.argv.indexOf('--reader');
  if (at >= 0) reader(process.argv[at + 1]);
  else main().catch((error) => { console.error(error); process.exitCode = 1; });
}
