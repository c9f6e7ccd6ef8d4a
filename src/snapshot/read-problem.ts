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
  problems: ReadProblem[],
): T | undefined {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(readProblemOf(error, consequence()));
    return undefined;
  }
}
