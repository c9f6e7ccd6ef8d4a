/**
 * Positions of accounts per name (bucket names, canonical user ids), held for a whole scan in a few flat arrays:
 * the names sorted and written end to end in a few long strings, their positions in one Int32Array. A Map of
 * 100,000 bucket names, each its own string and its own array of positions, was a quarter of what a scan of 400
 * accounts kept live, and grew with the organization. Built once, after the first pass; look-ups are binary
 * searches (names come from policies anyone in the organization writes: no hashing an attacker could make collide).
 */

/** What crosses to a worker thread (structured clone copies the arrays as they are). */
export interface CandidateIndexData {
  /** The distinct names, sorted, end to end, in pieces shorter than V8's longest string. */
  chunks: string[];
  /** Name i is chunks[keyChunks[i]].slice(keyStarts[i], keyEnds[i]). */
  keyChunks: Int32Array;
  keyStarts: Int32Array;
  keyEnds: Int32Array;
  /** The positions of name i are positions[positionStarts[i], positionStarts[i + 1]), in increasing order. */
  positionStarts: Int32Array;
  positions: Int32Array;
}

/** A piece of the names is cut before it grows past this many UTF-16 code units (V8's limit is about 2²⁹). */
const CHUNK_LENGTH = 1 << 24;
const NO_POSITIONS = new Int32Array(0);

export class CandidateIndexBuilder {
  private readonly names: string[] = [];
  private readonly positions: number[] = [];

  /** `chunkLength`: the longest piece of names written end to end (smaller in tests). */
  constructor(private readonly chunkLength = CHUNK_LENGTH) {}

  /** Adds the names found at `position`; positions are added in increasing order. */
  add(position: number, names: Iterable<string>): void {
    for (const name of names) {
      this.names.push(name);
      this.positions.push(position);
    }
  }

  build(): CandidateIndex {
    const names = this.names;
    const order = Array.from(names.keys());
    // By name, then in the order added (increasing positions).
    order.sort((a, b) => {
      const x = names[a] as string;
      const y = names[b] as string;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    const chunks: string[] = [];
    let chunk: string[] = [];
    let chunkLength = 0;
    const keyChunks: number[] = [];
    const keyStarts: number[] = [];
    const keyEnds: number[] = [];
    const positionStarts: number[] = [0];
    const positions: number[] = [];
    let previous: string | undefined;
    for (const index of order) {
      const name = names[index] as string;
      const position = this.positions[index] as number;
      if (name !== previous) {
        if (previous !== undefined) positionStarts.push(positions.length);
        if (chunkLength + name.length > this.chunkLength && chunk.length > 0) {
          chunks.push(chunk.join(""));
          chunk = [];
          chunkLength = 0;
        }
        keyChunks.push(chunks.length);
        keyStarts.push(chunkLength);
        chunk.push(name);
        chunkLength += name.length;
        keyEnds.push(chunkLength);
        previous = name;
      } else if (positions[positions.length - 1] === position) continue;
      positions.push(position);
    }
    if (previous !== undefined) positionStarts.push(positions.length);
    if (chunk.length > 0) chunks.push(chunk.join(""));
    return new CandidateIndex({
      chunks,
      keyChunks: Int32Array.from(keyChunks),
      keyStarts: Int32Array.from(keyStarts),
      keyEnds: Int32Array.from(keyEnds),
      positionStarts: Int32Array.from(positionStarts),
      positions: Int32Array.from(positions),
    });
  }
}

export class CandidateIndex {
  constructor(private readonly data: CandidateIndexData) {}

  /** The positions that have `name`, in increasing order (empty when none). */
  positionsOf(name: string): Int32Array {
    const { keyStarts, positionStarts, positions } = this.data;
    let low = 0;
    let high = keyStarts.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const order = this.compare(name, middle);
      if (order === 0) {
        return positions.subarray(positionStarts[middle] as number, positionStarts[middle + 1] as number);
      }
      if (order < 0) high = middle - 1;
      else low = middle + 1;
    }
    return NO_POSITIONS;
  }

  /** Whether `name` was found at `position`. */
  has(name: string, position: number): boolean {
    const positions = this.positionsOf(name);
    let low = 0;
    let high = positions.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const found = positions[middle] as number;
      if (found === position) return true;
      if (found < position) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  /** Every name with its positions, in the order of the names. */
  *entries(): Generator<[string, Int32Array]> {
    const { chunks, keyChunks, keyStarts, keyEnds, positionStarts, positions } = this.data;
    for (let i = 0; i < keyStarts.length; i += 1) {
      yield [
        (chunks[keyChunks[i] as number] as string).slice(keyStarts[i], keyEnds[i]),
        positions.subarray(positionStarts[i] as number, positionStarts[i + 1] as number),
      ];
    }
  }

  toData(): CandidateIndexData {
    return this.data;
  }

  /** `name` against name i, as `<` orders strings (by UTF-16 code units), without slicing it out. */
  private compare(name: string, i: number): number {
    const { chunks, keyChunks, keyStarts, keyEnds } = this.data;
    const keys = chunks[keyChunks[i] as number] as string;
    const start = keyStarts[i] as number;
    const length = (keyEnds[i] as number) - start;
    const shorter = Math.min(name.length, length);
    for (let k = 0; k < shorter; k += 1) {
      const difference = name.charCodeAt(k) - keys.charCodeAt(start + k);
      if (difference !== 0) return difference;
    }
    return name.length - length;
  }
}
