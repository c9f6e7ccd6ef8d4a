// Collector error messages come from AWS and from the local environment. None should hold a credential,
// but reports are uploaded and shared, so mask anything that looks like one before it is printed.

const ACCESS_KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g;
const SECRET_ASSIGNMENT =
  /\b(aws_secret_access_key|secret_?access_?key|secretkey|session_?token|security_?token|x-amz-security-token|x-amz-signature|signature|password)(["']?\s*[=:]\s*["']?)[^\s"'&,;]+/gi;

export function redactSecrets(text: string): string {
  return text
    .replace(ACCESS_KEY_ID, (_match, prefix: string) => `${prefix}****************`)
    .replace(SECRET_ASSIGNMENT, (_match, key: string, separator: string) => `${key}${separator}[redacted]`);
}
