/** One problem of a config file: where it is and what was expected there. */
export interface ConfigProblem {
  file: string;
  line?: number;
  column?: number;
  /** e.g. `archiveRules[0].reason`; empty for the whole file. */
  key: string;
  expected: string;
  found: string;
}

export function describeConfigProblem(problem: ConfigProblem): string {
  const position =
    problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  const key = problem.key === "" ? "" : ` ${problem.key}:`;
  return `${position}:${key} expected ${problem.expected}, found ${problem.found}`;
}

/** A config file that cannot be used (exit 2): every problem found, each naming the file, the key and the line. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    super(problems.map(describeConfigProblem).join("\n"));
    this.name = "ConfigError";
    this.problems = problems;
  }

  /** One line per problem, for standard error. */
  get lines(): string[] {
    return this.problems.map(describeConfigProblem);
  }
}
