/**
 * Positions of accounts per name (bucket names, canonical user ids), held for a whole scan in a few flat arrays:
 * the names sorted and written end to end in one string, their positions in one Int32Array. A Map of 100,000
 * bucket names, each its own string and its own array of positions, was a fifth of what a scan of 400 accounts
 * kept live, and grew with the organization. Built once, after the first pass; look-ups are a binary search
 * (names come from policies anyone in the organization writes: no hashing an attacker could make collide).
 */

/** What crosses to a worker thread (structured clone copies the arrays as they are). */
export interface CandidateIndexData {
  /** The distinct names, sorted, end to end. */
  keys: string;
  /** Name i is keys[keyStarts[i], keyStarts[i + 1]). */
  keyStarts: Int32Array;
  /** The positions of name i are positions[positionStarts[i], positionStarts[i + 1]), in increasing order. */
  positionStarts: Int32Array;
  positions: Int32Array;
}

const NO_POSITIONS = new Int32Array(0);

export class CandidateIndexBuilder {
  private readonly names: string[] = [];
  private readonly positions: number[] = [];

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
    const keyParts: string[] = [];
    const keyStarts: number[] = [0];
    const positionStarts: number[] = [0];
    const positions: number[] = [];
    let keyLength = 0;
    let previous: string | undefined;
    for (const index of order) {
      const name = names[index] as string;
      const position = this.positions[index] as number;
      if (name !== previous) {
        if (previous !== undefined) positionStarts.push(positions.length);
        keyParts.push(name);
        keyLength += name.length;
        keyStarts.push(keyLength);
        previous = name;
      } else if (positions[positions.length - 1] === position) continue;
      positions.push(position);
    }
    if (previous !== undefined) positionStarts.push(positions.length);
    return new CandidateIndex({
      keys: keyParts.join(""),
      keyStarts: Int32Array.from(keyStarts),
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
    let high = keyStarts.length - 2;
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

  /** Every name with its positions, in the order of the names. */
  *entries(): Generator<[string, Int32Array]> {
    const { keys, keyStarts, positionStarts, positions } = this.data;
    for (let i = 0; i + 1 < keyStarts.length; i += 1) {
      yield [
        keys.slice(keyStarts[i], keyStarts[i + 1]),
        positions.subarray(positionStarts[i] as number, positionStarts[i + 1] as number),
      ];
    }
  }

  toData(): CandidateIndexData {
    return this.data;
  }

  /** `name` against name i, as `<` orders strings (by UTF-16 code units), without slicing it out. */
  private compare(name: string, i: number): number {
    const { keys, keyStarts } = this.data;
    const start = keyStarts[i] as number;
    const length = (keyStarts[i + 1] as number) - start;
    const shorter = Math.min(name.length, length);
    for (let k = 0; k < shorter; k += 1) {
      const difference = name.charCodeAt(k) - keys.charCodeAt(start + k);
      if (difference !== 0) return difference;
    }
    return name.length - length;
  }
}
