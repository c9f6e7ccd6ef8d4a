import type { ReadProblem } from "../model/snapshot.js";
import { InputError } from "./input-error.js";

/** A ReadProblem from an InputError; `consequence` says what was left out, e.g. `role deployer skipped`. */
export function readProblemOf(error: InputError, consequence: string): ReadProblem {
  const where = error.line !== undefined ? `line ${error.line}, column ${error.column ?? 1}: ` : "";
  return { file: error.file, jsonPath: error.jsonPath, message: `${consequence}: ${where}${error.reason}` };
}

/**
 * Runs `read`; an InputError becomes a ReadProblem in `problems` and the result is undefined, so one bad
 * part is left out and the rest still read. Other errors are bugs and propagate.
 */
export function readOrRecord<T>(
  read: () => T,
  consequence: () => string,
  problems: Pick<ReadProblem[], "push">,
): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(readProblemOf(error, consequence()));
    return undefined;
  }
}

/** Problems listed one by one per file; a file with more has them counted in one last entry. */
export const MAX_LISTED_PROBLEMS = 100;

/**
 * The problems of one file, listed up to MAX_LISTED_PROBLEMS. A file of a million bad entries would otherwise
 * give a million warnings and hold them all in memory; the rest are still counted, never dropped silently.
 */
export class FileProblems {
  private readonly listed: ReadProblem[] = [];
  private unlisted = 0;

  constructor(private readonly file: string) {}

  push(...problems: ReadProblem[]): number {
    for (const problem of problems) {
      if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
      else this.unlisted += 1;
    }
    return this.listed.length + this.unlisted;
  }

  list(): ReadProblem[] {
    if (this.unlisted === 0) return [...this.listed];
    return [
      ...this.listed,
      {
        file: this.file,
        jsonPath: "$",
        message: `${this.unlisted} more parts of this file skipped (the first ${MAX_LISTED_PROBLEMS} are listed)`,
      },
    ];
  }
}
