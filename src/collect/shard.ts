import { createHash } from "node:crypto";

/** `--shard 2/4`: the second of four parts (1-based). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The shard (0-based) an account belongs to: a hash of its id, so that an account stays in its shard when others
 * join or leave the organization, and every account is in exactly one shard.
 */
export function shardOf(accountId: string, count: number): number {
  const hash = createHash("sha256").update(accountId).digest();
  return hash.readUInt32BE(0) % count;
}

export function inShard(accountId: string, shard: Shard | undefined): boolean {
  return shard === undefined || shardOf(accountId, shard.count) === shard.index - 1;
}

/** Parses `I/N` with 1 ≤ I ≤ N ≤ 1000; undefined when it is not that. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d{1,4})\/(\d{1,4})$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > 1000 || index < 1 || index > count) return undefined;
  return { index, count };
}
