/** The condition keys that decide who or where the caller is (docs/semantics.md#conditions); every other key still applies. */
const CONFINING_KEYS = new Set([
  "aws:principalaccount",
  "kms:calleraccount",
  "aws:principalarn",
  "aws:userid",
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:sourceaccount",
  "aws:sourceowner",
  "aws:sourcearn",
  "aws:sourceorgid",
  "aws:sourceorgpaths",
  "aws:principalisawsservice",
  "aws:principalservicename",
]);

export function isConfiningKey(keyLower: string): boolean {
  return CONFINING_KEYS.has(keyLower);
}
