/** A set of automaton positions as a bit vector: the unit of the bit-parallel matcher and the inclusion search. */
export class StateSet {
  readonly words: Uint32Array;

  constructor(
    readonly size: number,
    words?: Uint32Array,
  ) {
    this.words = words ?? new Uint32Array(Math.ceil(size / 32));
  }

  add(index: number): void {
    this.words[index >>> 5]! |= 1 << (index & 31);
  }

  has(index: number): boolean {
    return ((this.words[index >>> 5]! >>> (index & 31)) & 1) === 1;
  }

  isEmpty(): boolean {
    return this.words.every((w) => w === 0);
  }

  copy(): StateSet {
    return new StateSet(this.size, this.words.slice());
  }

  /** this |= source & mask */
  orMasked(source: StateSet, mask: StateSet): this {
    for (let i = 0; i < this.words.length; i++) this.words[i]! |= source.words[i]! & mask.words[i]!;
    return this;
  }

  /** this |= (source & mask) << 1 */
  orShiftedMasked(source: StateSet, mask: StateSet): this {
    let carry = 0;
    for (let i = 0; i < this.words.length; i++) {
      const bits = source.words[i]! & mask.words[i]!;
      this.words[i]! |= ((bits << 1) | carry) >>> 0;
      carry = bits >>> 31;
    }
    return this;
  }

  /** Is every member of this set also in `other`? */
  subsetOf(other: StateSet): boolean {
    for (let i = 0; i < this.words.length; i++) if ((this.words[i]! & ~other.words[i]!) !== 0) return false;
    return true;
  }
}
