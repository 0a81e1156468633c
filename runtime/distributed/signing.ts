/**
 * The cluster secret: every job a master sends, every answer a machine gives and every machine's announcement carries
 * an HMAC-SHA256 over the whole message, so that someone who can write to the Redis server can neither run code on
 * the machines, nor pose as a machine, nor forge a result. The secret comes from TASKIFY_SECRET or the file named by
 * TASKIFY_SECRET_FILE, the same on the master and every machine. Without one, a master or machine starts only when
 * Redis is on this machine's loopback (nobody else can reach it), and says that messages are not authenticated.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { TaskifyError, shownUrl } from '../errors';

/** Read with the other settings (config.ts). */
export { clusterSecret } from '../config';

export type Signed<T> = T & { readonly sig: string };

/**
 * A master or machine may start: with a secret, always; without, only with Redis on loopback (a warning says so).
 * `who` names the process for the messages.
 */
export function checkSecretPolicy(url: string, secret: string | undefined, who: string): void {
  if (secret) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) {
    process.stderr.write(`${who}: warning: no TASKIFY_SECRET: jobs and results are not authenticated (acceptable only ` +
      'because Redis is on this machine\'s loopback)\n');
    return;
  }
  throw new TaskifyError('TASKIFY_REDIS', `${who}: Redis at ${shownUrl(url)} is reachable from other machines, so jobs and ` +
    'results must be signed: set TASKIFY_SECRET (or TASKIFY_SECRET_FILE) to the same secret on the master and every machine');
}

const mac = (secret: string, payload: unknown): string => createHmac('sha256', secret).update(JSON.stringify(payload)).digest('hex');

/** The message with its signature last (JSON keeps key order, so the receiver recomputes it over the same text). */
export function sign<T extends object>(secret: string | undefined, payload: T): T | Signed<T> {
  return secret ? { ...payload, sig: mac(secret, payload) } : payload;
}

/** The message without its signature when it is signed with `secret`; undefined when it is not (or no secret is set: as is). */
export function verified<T extends object>(secret: string | undefined, message: unknown): T | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  if (!secret) return message as T;
  const { sig, ...payload } = message as { sig?: unknown };
  if (typeof sig !== 'string' || sig.length !== 64) return undefined;
  const expected = Buffer.from(mac(secret, payload), 'hex');
  const given = Buffer.from(sig, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? payload as T : undefined;
}

/**
 * The seal of a blob's checksum (blob-link.ts): a blob is streamed before its checksum is known, so the checksum
 * travels in the blob's last entry instead of the signed job, signed there with the blob's key and size (it cannot
 * be moved to another blob). Empty without a secret (Redis on loopback: nobody else can write to it).
 */
export function blobSeal(secret: string | undefined, blob: string, bytes: number, sum: string): string {
  return secret ? createHmac('sha256', secret).update(`taskify blob\n${blob}\n${bytes}\n${sum}`).digest('hex') : '';
}

/** The seal is `blobSeal`'s for these (compared in constant time). */
export function sealMatches(secret: string | undefined, blob: string, bytes: number, sum: string, seal: string): boolean {
  const expected = Buffer.from(blobSeal(secret, blob, bytes, sum), 'latin1');
  const given = Buffer.from(seal, 'latin1');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
