import type { CredentialProvider, Credentials } from "./clients.js";

/**
 * Values shorter than this are not redacted by value: removing every occurrence of a short string would erase
 * ordinary words from messages. Real AWS credentials are far longer (an access key id has 20 characters).
 */
export const MIN_SECRET_LENGTH = 8;
export const REDACTED_VALUE = "[redacted]";

/**
 * The credential values a run holds (the caller's and every assumed role's), so that they can be removed from
 * anything it records or prints, whatever they look like. Pattern-based redaction (redactSecrets) only
 * catches what looks like a credential; a message that echoes a token of an unusual shape is caught here.
 */
export class SecretValues {
  /** Values by their first MIN_SECRET_LENGTH characters, longest first: one map lookup per message position. */
  private readonly byPrefix = new Map<string, string[]>();

  add(credentials: Credentials): void {
    for (const value of [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken]) {
      if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH) continue;
      const prefix = value.slice(0, MIN_SECRET_LENGTH);
      const known = this.byPrefix.get(prefix) ?? [];
      if (known.includes(value)) continue;
      known.push(value);
      known.sort((a, b) => b.length - a.length);
      this.byPrefix.set(prefix, known);
    }
  }

  /** The same provider, remembering every set of credentials it hands out. */
  watch(provider: CredentialProvider): CredentialProvider {
    return async () => {
      const credentials = await provider();
      this.add(credentials);
      return credentials;
    };
  }

  /** Replaces every known value in `text`; linear in the text's length, whatever the number of values. */
  redact(text: string): string {
    if (this.byPrefix.size === 0) return text;
    let out = "";
    let copiedUpTo = 0;
    let at = 0;
    while (at + MIN_SECRET_LENGTH <= text.length) {
      const candidates = this.byPrefix.get(text.slice(at, at + MIN_SECRET_LENGTH));
      const found = candidates?.find((value) => text.startsWith(value, at));
      if (found === undefined) {
        at += 1;
        continue;
      }
      out += text.slice(copiedUpTo, at) + REDACTED_VALUE;
      at += found.length;
      copiedUpTo = at;
    }
    return out + text.slice(copiedUpTo);
  }
}
