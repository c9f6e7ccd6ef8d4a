/**
 * The sets of strings an identifier can be, as patterns over character classes: comparing a policy's wildcard
 * with these tells whether it can match any real account or organization at all (`0123456789?` has 11
 * characters and matches none) and whether it matches every one (`????????????` does).
 */
import { characters, tokenGlob, STAR, ANY, type Glob, type Token } from "./glob.js";

const DIGIT: Token = { kind: "class", cls: "digit" };
const LOWER_ALNUM: Token = { kind: "class", cls: "lower-alnum" };
const chars = (text: string): Token[] => characters(text).map((ch) => ({ kind: "char", ch }));

/** An AWS account id: exactly 12 digits (Organizations API reference, Account.Id). */
export const ACCOUNT_ID_DOMAIN: Glob = tokenGlob(Array<Token>(12).fill(DIGIT), "<12 digits>");

/**
 * An organization id: `o-` and 10 to 32 lower-case letters or digits (Organizations API reference,
 * Organization.Id). Taken as `o-` and at least 10 characters: a wider set only makes answers more cautious.
 */
export const ORGANIZATION_ID_DOMAIN: Glob = tokenGlob(
  [...chars("o-"), ...Array<Token>(10).fill(LOWER_ALNUM), STAR],
  "o-<10 to 32 lower-case letters or digits>",
);

/** The bucket itself: its ARN. */
export function bucketArnDomain(bucketArn: string): Glob {
  return tokenGlob(chars(bucketArn), bucketArn);
}

/** Every object of the bucket: an object key has at least one character (S3 user guide, naming objects). */
export function objectArnDomain(bucketArn: string): Glob {
  return tokenGlob([...chars(`${bucketArn}/`), ANY, STAR], `${bucketArn}/<key>`);
}

export function literalDomain(value: string): Glob {
  return tokenGlob(chars(value), value);
}

/** `prefix` followed by at least one character: a function's qualifiers, a table's indexes, an access point's objects. */
export function suffixedDomain(prefix: string): Glob {
  return tokenGlob([...chars(prefix), ANY, STAR], `${prefix}<…>`);
}
