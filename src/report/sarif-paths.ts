import { realpathSync } from "node:fs";
import path from "node:path";
import { ReportPathError } from "./errors.js";

/**
 * The SARIF `artifactLocation.uri` of a snapshot file: relative to the repository root, forward slashes,
 * every segment percent-encoded (a `:` in the first segment would otherwise read as a URI scheme, `#` as
 * a fragment).
 *
 * A file outside the repository root has no repository-relative path. GitHub rejects the whole upload for
 * an absolute path or a `..` segment, so instead of writing a file it would refuse we throw and tell the
 * user how to fix the invocation.
 */
export function repoRelativeUri(file: string, repoRoot: string, cwd: string): string {
  const absoluteFile = path.resolve(cwd, file);
  const absoluteRoot = path.resolve(cwd, repoRoot);
  const relative =
    relativeInside(absoluteRoot, absoluteFile) ??
    relativeInside(realPath(absoluteRoot), realPath(absoluteFile));
  if (relative === undefined) {
    throw new ReportPathError(
      `Snapshot file ${absoluteFile} is outside the repository root ${absoluteRoot}: SARIF locations must be ` +
        `relative to the repository that GitHub code scanning analyses. Run trustscan from the repository ` +
        `root, or pass the repository root (--repo-root), and keep the snapshot inside that repository.`,
    );
  }
  return relative.split(path.sep).map(encodeURIComponent).join("/");
}

/** The same as repoRelativeUri, or undefined for a file outside the root (where a location is optional). */
export function repoRelativeUriIfInside(file: string, repoRoot: string, cwd: string): string | undefined {
  try {
    return repoRelativeUri(file, repoRoot, cwd);
  } catch (error) {
    if (error instanceof ReportPathError) return undefined;
    throw error;
  }
}

function relativeInside(root: string, file: string): string | undefined {
  const relative = path.relative(root, file);
  const outside =
    relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return outside ? undefined : relative;
}

// A symlinked checkout (e.g. /tmp -> /private/tmp on macOS) is still inside; resolve links only as a fallback
// so that the common case never touches the file system.
function realPath(target: string): string {
  try {
    return realpathSync(target);
  } catch {
    return target;
  }
}
