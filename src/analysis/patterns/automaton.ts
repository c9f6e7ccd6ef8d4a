import { inClass, type CharClass, type Glob, type Token } from "./glob.js";
import { StateSet } from "./state-set.js";

/** Characters whose readers an automaton keeps for matches(). */
const MAX_CACHED_READERS = 128;

/**
 * The automaton of one pattern, or of several side by side (a union), over sets of positions: position i of a
 * pattern is "about to read token i", and the position after its last token accepts. Sets are bit vectors, so a
 * step costs one operation per 32 positions; there is no backtracking anywhere.
 */
export class PatternAutomaton {
  readonly size: number;
  private readonly starts: StateSet;
  private readonly accepting: StateSet;
  private readonly starMask: StateSet;
  private readonly closeMask: StateSet;
  private readonly anyMask: StateSet;
  private readonly charMasks = new Map<string, StateSet>();
  private readonly classTokens: { index: number; cls: CharClass }[] = [];
  /** Stars limited to a class of characters (domains only): they stay only on characters of their class. */
  private readonly classStars: { index: number; cls: CharClass }[] = [];
  /** matches(): the start set, two sets to step between, and the readers of each character met. */
  private startSet: StateSet | undefined;
  private current: Uint32Array | undefined;
  private next: Uint32Array | undefined;
  private readonly readers = new Map<string, Uint32Array>();

  constructor(globs: readonly Glob[]) {
    this.size = globs.reduce((n, g) => n + g.tokens.length + 1, 0);
    this.starts = new StateSet(this.size);
    this.accepting = new StateSet(this.size);
    this.starMask = new StateSet(this.size);
    this.closeMask = new StateSet(this.size);
    this.anyMask = new StateSet(this.size);
    let offset = 0;
    for (const glob of globs) {
      this.starts.add(offset);
      glob.tokens.forEach((token, i) => this.addToken(token, offset + i));
      offset += glob.tokens.length;
      // The accepting position reads nothing, so no move crosses into the next pattern.
      this.accepting.add(offset);
      offset += 1;
    }
  }

  start(): StateSet {
    return this.close(this.starts.copy());
  }

  step(set: StateSet, ch: string): StateSet {
    const advanced = new StateSet(this.size).orShiftedMasked(set, this.readersOf(ch));
    advanced.orMasked(set, this.starMask);
    for (const { index, cls } of this.classStars) if (set.has(index) && inClass(ch, cls)) advanced.add(index);
    return this.close(advanced);
  }

  /**
   * Does the automaton accept `text` (already case-folded)? The same steps as start/step/accepts, on two buffers
   * of its own rather than a new set per character: matching is the analysis's most frequent operation.
   */
  matches(text: string): boolean {
    const words = this.starts.words.length;
    let current = (this.current ??= new Uint32Array(words));
    let next = (this.next ??= new Uint32Array(words));
    current.set((this.startSet ??= this.start()).words);
    const star = this.starMask.words;
    const close = this.closeMask.words;
    for (const ch of text) {
      const readers = this.cachedReadersOf(ch);
      let carry = 0;
      for (let i = 0; i < words; i++) {
        const bits = current[i]! & readers[i]!;
        next[i] = (((bits << 1) | carry) >>> 0) | (current[i]! & star[i]!);
        carry = bits >>> 31;
      }
      for (const { index, cls } of this.classStars) {
        if ((current[index >>> 5]! >>> (index & 31)) & 1 && inClass(ch, cls))
          next[index >>> 5]! |= 1 << (index & 31);
      }
      // The moves past a star, from the set before them (as close does).
      carry = 0;
      let any = 0;
      for (let i = 0; i < words; i++) {
        const bits = next[i]! & close[i]!;
        next[i]! |= ((bits << 1) | carry) >>> 0;
        carry = bits >>> 31;
        any |= next[i]!;
      }
      if (any === 0) return false;
      [current, next] = [next, current];
    }
    const accepting = this.accepting.words;
    for (let i = 0; i < words; i++) if ((current[i]! & accepting[i]!) !== 0) return true;
    return false;
  }

  /** readersOf, kept per character: a pattern meets the same few characters again and again. */
  private cachedReadersOf(ch: string): Uint32Array {
    let readers = this.readers.get(ch);
    if (!readers) {
      readers = this.readersOf(ch).words;
      // A text of many distinct characters (a hostile one) is matched without keeping them all.
      if (this.readers.size < MAX_CACHED_READERS) this.readers.set(ch, readers);
    }
    return readers;
  }

  accepts(set: StateSet): boolean {
    for (let i = 0; i < set.words.length; i++)
      if ((set.words[i]! & this.accepting.words[i]!) !== 0) return true;
    return false;
  }

  /** Adds the moves a star allows without reading: past it (stars never follow stars, see globOf). */
  private close(set: StateSet): StateSet {
    return set.orShiftedMasked(set, this.closeMask);
  }

  private addToken(token: Token, index: number): void {
    if (token.kind === "star") {
      // Every star can be passed without reading; only an unlimited one stays on any character.
      this.closeMask.add(index);
      if (token.cls) this.classStars.push({ index, cls: token.cls });
      else this.starMask.add(index);
    } else if (token.kind === "any") this.anyMask.add(index);
    else if (token.kind === "class") this.classTokens.push({ index, cls: token.cls });
    else {
      let mask = this.charMasks.get(token.ch);
      if (!mask) {
        mask = new StateSet(this.size);
        this.charMasks.set(token.ch, mask);
      }
      mask.add(index);
    }
  }

  /** Positions whose token reads `ch` and moves on (a star reads it and stays: see step). */
  private readersOf(ch: string): StateSet {
    const literal = this.charMasks.get(ch);
    if (!literal && this.classTokens.length === 0) return this.anyMask;
    const mask = this.anyMask.copy();
    if (literal) mask.orMasked(literal, literal);
    for (const { index, cls } of this.classTokens) if (inClass(ch, cls)) mask.add(index);
    return mask;
  }
}

const single = new WeakMap<Glob, PatternAutomaton>();

export function automatonOf(glob: Glob): PatternAutomaton {
  let automaton = single.get(glob);
  if (!automaton) {
    automaton = new PatternAutomaton([glob]);
    single.set(glob, automaton);
  }
  return automaton;
}
