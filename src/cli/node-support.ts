/** The Node.js release lines trustscan supports (package.json `engines`, README, CI). */
export const SUPPORTED_NODE_MAJORS = [22, 24] as const;
const MINIMUM_NODE_MAJOR = SUPPORTED_NODE_MAJORS[0];

/**
 * One line for `collect` on a Node.js older than the oldest supported one (where the AWS SDK would print its own
 * multi-line support warning on every run); undefined on a supported version.
 */
export function nodeSupportWarning(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? Number.NaN);
  if (!(major < MINIMUM_NODE_MAJOR)) return undefined;
  return (
    `warning: Node.js ${version} is past its end of life and not supported; run trustscan on Node.js ` +
    `${SUPPORTED_NODE_MAJORS.join(" or ")} (the AWS SDK drops older versions)`
  );
}
