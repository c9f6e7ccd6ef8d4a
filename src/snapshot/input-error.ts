/** What is known about a piece of input that does not have the expected shape. */
export interface InputErrorDetails {
  /** The file as the user named it. */
  file: string;
  /** JSON path of the offending value, e.g. `$.iam.RoleDetailList[3].AssumeRolePolicyDocument`; `$` for the whole file. */
  jsonPath: string;
  /** What should have been there, e.g. "a string or an array of strings". */
  expected: string;
  /** What was there instead, e.g. `the number 42`, `no such file or directory`. */
  found: string;
  line?: number;
  column?: number;
}

/**
 * Input the scanner cannot use: a missing, unparsable or wrongly shaped snapshot. The CLI maps it to exit
 * status 2; the directory reader turns the ones confined to one account or resource into ReadProblems.
 */
export class InputError extends Error {
  readonly file: string;
  readonly jsonPath: string;
  readonly expected: string;
  readonly found: string;
  readonly line?: number;
  readonly column?: number;

  constructor(details: InputErrorDetails) {
    super(`${positionPrefix(details)} ${details.jsonPath}: ${reasonOf(details)}`);
    this.name = "InputError";
    this.file = details.file;
    this.jsonPath = details.jsonPath;
    this.expected = details.expected;
    this.found = details.found;
    if (details.line !== undefined) this.line = details.line;
    if (details.column !== undefined) this.column = details.column;
  }

  /** `expected …, found …`, without the file and path (for messages that name those elsewhere). */
  get reason(): string {
    return reasonOf(this);
  }
}

function positionPrefix(details: InputErrorDetails): string {
  if (details.line === undefined) return `${details.file}:`;
  return `${details.file}:${details.line}:${details.column ?? 1}:`;
}

function reasonOf(details: Pick<InputErrorDetails, "expected" | "found">): string {
  return `expected ${details.expected}, found ${details.found}`;
}
