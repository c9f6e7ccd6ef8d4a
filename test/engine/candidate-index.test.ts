/**
 * The cross-account index's candidates: every name with the positions it was added at, in order, found by a binary
 * search over names written end to end; it must answer as a Map of arrays would, for names that are prefixes of
 * others, names outside ASCII and names never added.
 */
import { describe, expect, it } from "vitest";
import { CandidateIndex, CandidateIndexBuilder } from "../../src/engine/candidate-index.js";

function mapOf(added: [number, string[]][]): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const [position, names] of added) {
    for (const name of names) {
      const list = map.get(name) ?? [];
      if (list[list.length - 1] !== position) list.push(position);
      map.set(name, list);
    }
  }
  return map;
}

function built(added: [number, string[]][], chunkLength?: number): CandidateIndex {
  const builder = new CandidateIndexBuilder(chunkLength);
  for (const [position, names] of added) builder.add(position, names);
  return builder.build();
}

const cases: { name: string; added: [number, string[]][]; absent: string[] }[] = [
  { name: "nothing added", added: [], absent: ["", "a"] },
  {
    name: "a name in several accounts, in the order added",
    added: [
      [0, ["logs", "data"]],
      [2, ["logs"]],
      [5, ["data", "logs", "z"]],
    ],
    absent: ["log", "logsx", "", "Logs"],
  },
  {
    name: "prefixes of each other and the empty name",
    added: [
      [1, ["a", "ab", "abc", ""]],
      [3, ["ab"]],
    ],
    absent: ["abcd", "b", "aa"],
  },
  {
    name: "names outside ASCII, ordered by UTF-16 code units",
    added: [
      [0, ["é", "e", "\u{1F600}", "\uFFFF"]],
      [4, ["\u{1F600}", "z"]],
    ],
    absent: ["\uD83D", "ê", "f"],
  },
  {
    name: "the same name twice at one position counts once",
    added: [
      [7, ["x", "x"]],
      [7, ["x"]],
      [8, ["x"]],
    ],
    absent: ["y"],
  },
];

describe("CandidateIndex", () => {
  for (const { name, added, absent } of cases) {
    // Names written end to end in one piece, and cut into pieces of at most 1 and 3 code units.
    for (const chunkLength of [undefined, 1, 3]) {
      it(`answers as a map of arrays: ${name} (pieces of ${chunkLength ?? "any length"})`, () => {
        const index = built(added, chunkLength);
        const expected = mapOf(added);
        for (const [key, positions] of expected) {
          expect([...index.positionsOf(key)]).toEqual(positions);
          for (const position of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) {
            expect(index.has(key, position)).toBe(positions.includes(position));
          }
        }
        for (const key of absent) {
          expect([...index.positionsOf(key)]).toEqual([]);
          expect(index.has(key, 0)).toBe(false);
        }
        const entries = [...index.entries()].map(([key, positions]) => [key, [...positions]]);
        expect(entries).toEqual([...expected].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      });
    }
  }

  it("crosses to a worker thread as plain data and answers the same there", () => {
    const index = built([
      [0, ["b", "a"]],
      [1, ["a"]],
    ]);
    const copy = new CandidateIndex(structuredClone(index.toData()));
    expect([...copy.positionsOf("a")]).toEqual([0, 1]);
    expect([...copy.positionsOf("b")]).toEqual([0]);
    expect([...copy.positionsOf("c")]).toEqual([]);
  });

  it("finds each of many names", () => {
    const names = Array.from({ length: 5000 }, (_, i) => `bucket-${(i * 7919) % 5000}`);
    const index = built(names.map((key, position) => [position, [key]]));
    names.forEach((key, position) => expect([...index.positionsOf(key)]).toEqual([position]));
  });
});
