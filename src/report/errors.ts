/** The report would break a limit of its consumer (GitHub code scanning refuses the whole file past them). */
export class ReportLimitError extends Error {
  override readonly name = "ReportLimitError";
}

/** A location cannot be expressed the way the report format requires (a file outside the repository root). */
export class ReportPathError extends Error {
  override readonly name = "ReportPathError";
}

/** The scan result breaks a guarantee the engine gives (a bug, not a user error). */
export class ReportInternalError extends Error {
  override readonly name = "ReportInternalError";
}

/** The report could not be written where --output says; the message names that target, never a temporary file. */
export class OutputError extends Error {
  override readonly name = "OutputError";
}
