/**
 * @node-rs/xxhash (native, prebuilt per platform, synchronous), loaded once on first use: the fingerprints of
 * snapshots (store/fingerprint.ts) and the checksums of data moving between machines (distributed/checksum.ts).
 * An Error when it cannot load: each user says what that means for it.
 */
export type XxHash = typeof import('@node-rs/xxhash');

let loaded: XxHash | Error | undefined;

export function xxhash(): XxHash | Error {
  if (loaded === undefined) {
    try {
      loaded = require('@node-rs/xxhash') as XxHash;
    } catch (error) {
      loaded = error instanceof Error ? error : new Error(String(error));
    }
  }
  return loaded;
}
