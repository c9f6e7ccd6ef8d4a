/**
 * The pattern automata against a brute-force reference: every string over a small alphabet up to a length past the
 * patterns' own is enumerated and matched by a plain recursive matcher, so any disagreement on intersection or
 * inclusion shows up as a concrete string.
 */
import { describe, expect, it } from "vitest";
import { WorkBudget, BudgetExceeded, UNLIMITED } from "../../src/analysis/patterns/budget.js";
import { globOf, literalGlob, tokenGlob } from "../../src/analysis/patterns/glob.js";
import { matchGlob } from "../../src/analysis/patterns/match.js";
import {
  globCoveredBy,
  globsIntersect,
  intersectionCoveredBy,
} from "../../src/analysis/patterns/relations.js";
import {
  ACCOUNT_ID_DOMAIN,
  ORGANIZATION_ID_DOMAIN,
  bucketArnDomain,
  objectArnDomain,
} from "../../src/analysis/patterns/domains.js";

/** Reference matcher: the textbook recursion, exponential but obviously right. */
function reference(pattern: string, value: string): boolean {
  if (pattern === "") return value === "";
  const [head, rest] = [pattern[0], pattern.slice(1)];
  if (head === "*") return reference(rest, value) || (value !== "" && reference(pattern, value.slice(1)));
  if (value === "") return false;
  return (head === "?" || head === value[0]) && reference(rest, value.slice(1));
}

function allStrings(alphabet: string, maxLength: number): string[] {
  const out = [""];
  let layer = [""];
  for (let n = 1; n <= maxLength; n++) {
    layer = layer.flatMap((s) => [...alphabet].map((ch) => s + ch));
    out.push(...layer);
  }
  return out;
}

/** A deterministic pseudo-random generator, so the sample is the same on every run. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomPattern(random: () => number, symbols: string, maxLength: number): string {
  const length = Math.floor(random() * (maxLength + 1));
  let text = "";
  for (let i = 0; i < length; i++) text += symbols[Math.floor(random() * symbols.length)];
  return text;
}

describe("matchGlob", () => {
  it.each([
    ["arn:aws:s3:::public-data/*", "arn:aws:s3:::public-data/a.txt", true],
    ["arn:aws:s3:::public-data/?", "arn:aws:s3:::public-data/*", true],
    ["arn:aws:s3:::public-data/?", "arn:aws:s3:::public-data/ab", false],
    ["s3:Get*", "s3:getobject", false],
    ["*a*a*a*a*a*a*a*a*b", "a".repeat(5000), false],
    ["", "", true],
    ["*", "", true],
    ["?", "", false],
    ["a?c", "a😀c", true],
    ["a*😀", "ab😀", true],
    ["?*", "😀", true],
    ["??*", "😀", false],
    ["😀*", "😀x", true],
    ["*b", "😀b", true],
    ["a*b", "ab", true],
    ["a*b", "a", false],
    ["a*ab", "ab", false],
  ])("%s ~ %s is %s", (pattern, value, expected) => {
    expect(matchGlob(globOf(pattern), value)).toBe(expected);
  });

  it.each([
    { domain: ACCOUNT_ID_DOMAIN, value: "123456789012", expected: true },
    { domain: ACCOUNT_ID_DOMAIN, value: "12345678901a", expected: false },
    { domain: ACCOUNT_ID_DOMAIN, value: "1234567890123", expected: false },
    { domain: ORGANIZATION_ID_DOMAIN, value: "o-abcdefgh12", expected: true },
    { domain: ORGANIZATION_ID_DOMAIN, value: "o-abcdefgh12xyz", expected: true },
    { domain: ORGANIZATION_ID_DOMAIN, value: "o-abcdefgh1", expected: false },
    { domain: ORGANIZATION_ID_DOMAIN, value: "o-ABCDEFGH12", expected: false },
  ])("$value in $domain.text is $expected", ({ domain, value, expected }) => {
    expect(matchGlob(domain, value)).toBe(expected);
  });

  it("folds case when asked (action names)", () => {
    expect(matchGlob(globOf("s3:Get*", true), "S3:GETOBJECT")).toBe(true);
  });

  it("treats wildcards in a StringEquals value as ordinary characters", () => {
    expect(matchGlob(literalGlob("o-*"), "o-*")).toBe(true);
    expect(matchGlob(literalGlob("o-*"), "o-abc")).toBe(false);
  });

  it("agrees with the reference matcher on every short string", () => {
    const random = generator(7);
    const strings = allStrings("ab", 6);
    for (let n = 0; n < 300; n++) {
      const pattern = randomPattern(random, "ab*?", 6);
      const glob = globOf(pattern);
      for (const value of strings)
        expect(matchGlob(glob, value), `${pattern} ~ ${value}`).toBe(reference(pattern, value));
    }
  });
});

describe("intersection and inclusion", () => {
  const strings = allStrings("abc", 7);
  const random = generator(42);

  it("agree with enumeration over every string up to length 7", () => {
    for (let n = 0; n < 400; n++) {
      const a = randomPattern(random, "ab*?", 5);
      const b = randomPattern(random, "abc*?", 5);
      const c = randomPattern(random, "ab*?", 4);
      const inA = strings.filter((s) => reference(a, s));
      const both = inA.some((s) => reference(b, s));
      expect(globsIntersect([globOf(a), globOf(b)], UNLIMITED), `${a} ∩ ${b}`).toBe(both);
      const covered = inA.every((s) => reference(b, s) || reference(c, s));
      expect(globCoveredBy(globOf(a), [globOf(b), globOf(c)], UNLIMITED), `${a} ⊆ ${b} ∪ ${c}`).toBe(covered);
    }
  });

  it.each([
    // The false negative: `?` in a Deny does not cover the `*` of a grant.
    ["arn:aws:s3:::public-data/*", ["arn:aws:s3:::public-data/?"], false],
    ["s3:Get*", ["s3:*Object"], false],
    ["s3:GetObject*", ["s3:Get*"], true],
    ["a*b*c", ["a*c"], true],
    ["a*c", ["a*b*c"], false],
    ["ab", ["a?", "?b"], true],
    ["a*", ["a", "a?*"], true],
    ["a*", ["a?*"], false],
  ])("%s ⊆ %j is %s", (inner, outers, expected) => {
    expect(
      globCoveredBy(
        globOf(inner, true),
        outers.map((o) => globOf(o, true)),
        UNLIMITED,
      ),
    ).toBe(expected);
  });

  it("keeps to an identifier's alphabet", () => {
    expect(globsIntersect([globOf("0123456789?"), ACCOUNT_ID_DOMAIN], UNLIMITED)).toBe(false);
    expect(globsIntersect([globOf("01234567890?"), ACCOUNT_ID_DOMAIN], UNLIMITED)).toBe(true);
    expect(globsIntersect([globOf("x-*"), ORGANIZATION_ID_DOMAIN], UNLIMITED)).toBe(false);
    expect(globsIntersect([globOf("o-*"), ORGANIZATION_ID_DOMAIN], UNLIMITED)).toBe(true);
    expect(globCoveredBy(ACCOUNT_ID_DOMAIN, [globOf("????????????")], UNLIMITED)).toBe(true);
    expect(globCoveredBy(ACCOUNT_ID_DOMAIN, [globOf("???????????")], UNLIMITED)).toBe(false);
    expect(globCoveredBy(ACCOUNT_ID_DOMAIN, [globOf("0*"), globOf("1*")], UNLIMITED)).toBe(false);
  });

  it("agree with enumeration when the patterns share a run of characters before they differ", () => {
    for (let n = 0; n < 300; n++) {
      const prefix = randomPattern(random, "ab", 3);
      const a = prefix + randomPattern(random, "ab*?", 3);
      const b = prefix + randomPattern(random, "abc*?", 3);
      const c = randomPattern(random, "ab", 2) + randomPattern(random, "ab*?", 3);
      const both = strings.some((s) => reference(a, s) && reference(b, s));
      expect(globsIntersect([globOf(a), globOf(b)], UNLIMITED), `${a} ∩ ${b}`).toBe(both);
      const all = strings.some((s) => reference(a, s) && reference(b, s) && reference(c, s));
      expect(globsIntersect([globOf(a), globOf(b), globOf(c)], UNLIMITED), `${a} ∩ ${b} ∩ ${c}`).toBe(all);
      const d = prefix.slice(0, 1) + randomPattern(random, "ab*?", 3);
      const covered = strings.every(
        (s) => !(reference(a, s) && reference(b, s)) || reference(c, s) || reference(d, s),
      );
      expect(
        intersectionCoveredBy([globOf(a), globOf(b)], [globOf(c), globOf(d)], UNLIMITED),
        `${a} ∩ ${b} ⊆ ${c} ∪ ${d}`,
      ).toBe(covered);
      const inA = strings.filter((s) => reference(a, s));
      expect(globCoveredBy(globOf(a), [globOf(b), globOf(d)], UNLIMITED), `${a} ⊆ ${b} ∪ ${d}`).toBe(
        inA.every((s) => reference(b, s) || reference(d, s)),
      );
    }
  });

  it("compares with a bucket's own ARN as with a literal", () => {
    const bucket = bucketArnDomain("arn:aws:s3:::b");
    expect(globsIntersect([globOf("arn:aws:s3:::*"), bucket], UNLIMITED)).toBe(true);
    expect(globsIntersect([globOf("arn:aws:s3:::b/*"), bucket], UNLIMITED)).toBe(false);
    expect(globCoveredBy(bucket, [globOf("arn:aws:s3:::?")], UNLIMITED)).toBe(true);
    expect(globsIntersect([globOf("arn:aws:s3:::b*"), objectArnDomain("arn:aws:s3:::b")], UNLIMITED)).toBe(
      true,
    );
    expect(globsIntersect([globOf("arn:aws:s3:::c/*"), objectArnDomain("arn:aws:s3:::b")], UNLIMITED)).toBe(
      false,
    );
  });

  it("knows an object key has at least one character", () => {
    const objects = objectArnDomain("arn:aws:s3:::b");
    expect(globCoveredBy(globOf("*"), [globOf("arn:aws:s3:::b/?*")], UNLIMITED, objects)).toBe(true);
    expect(globsIntersect([globOf("arn:aws:s3:::b/"), objects], UNLIMITED)).toBe(false);
  });
});

describe("work budget", () => {
  it("stops a comparison that outgrows it, and lets the same one through with room", () => {
    const inner = globOf(`*a${"?".repeat(24)}`);
    const outers = [globOf(`*b${"?".repeat(23)}*`), globOf(`*a${"?".repeat(12)}b*`)];
    expect(() => globCoveredBy(inner, outers, new WorkBudget(100))).toThrow(BudgetExceeded);
    expect(globCoveredBy(inner, outers, new WorkBudget(1_000_000))).toBe(false);
  });

  it("matches a hostile pattern against a long value within a small budget", () => {
    const budget = new WorkBudget(200_000);
    const hostile = globOf(`victim/${"*a".repeat(40)}*b`);
    expect(matchGlob(hostile, `victim/${"a".repeat(20_000)}`, budget)).toBe(false);
    expect(budget.used).toBeLessThan(200_000);
  });
});

describe("classes of characters in domains", () => {
  const component = { kind: "star", cls: "not-colon" } as const;
  const glob = tokenGlob([{ kind: "char", ch: "a" }, component, { kind: "char", ch: ":" }], "a<no colon>:");

  it("a limited star stays only on its class", () => {
    expect(matchGlob(glob, "axyz:")).toBe(true);
    expect(matchGlob(glob, "ax:z:")).toBe(false);
    expect(globsIntersect([glob, globOf("a*:*:")], UNLIMITED)).toBe(false);
    expect(globsIntersect([glob, globOf("a*:")], UNLIMITED)).toBe(true);
    expect(globCoveredBy(glob, [globOf("a*:")], UNLIMITED)).toBe(true);
    expect(globCoveredBy(globOf("a*:"), [glob], UNLIMITED)).toBe(false);
  });
});
