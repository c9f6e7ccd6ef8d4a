/**
 * A report as a sequence of pieces, so that it can be written account by account without ever holding all the
 * findings (`trustscan scan` streams them: a large organization's JSON report does not fit in one string). A
 * renderer is a pure function from the scan's overview (everything but the findings: counts, problems, zone) to
 * pieces; the findings come in per account, in report order. The same pieces give the whole report in memory
 * (renderPieces) and the streamed one (writePieces), byte for byte.
 */
import type { Finding } from "../findings/finding.js";

export type ReportPiece =
  /** Text as it is. */
  | string
  /** Text worked out when it is reached, after the pieces before it (what they showed, what they left out). */
  | (() => string)
  /** Text for each account's findings in turn (every account with findings, in report order). */
  | { eachAccount: (findings: readonly Finding[]) => string };

/** The findings of a report, account by account. */
export type AccountFindings = () => AsyncIterable<readonly Finding[]>;

/** Findings in report order, split where the account changes. */
export function byAccount(sorted: readonly Finding[]): Finding[][] {
  const groups: Finding[][] = [];
  let current: Finding[] | undefined;
  for (const finding of sorted) {
    if (current?.[0]?.resource.accountId !== finding.resource.accountId) groups.push((current = []));
    current.push(finding);
  }
  return groups;
}

/** The whole report as one string, from findings held in memory (sorted). */
export function renderPieces(pieces: readonly ReportPiece[], sorted: readonly Finding[]): string {
  const accounts = byAccount(sorted);
  let text = "";
  for (const piece of pieces) {
    if (typeof piece === "string") text += piece;
    else if (typeof piece === "function") text += piece();
    else for (const findings of accounts) text += piece.eachAccount(findings);
  }
  return text;
}

/** The report written through `write` as it is made, reading the findings once per `eachAccount` piece. */
export async function writePieces(
  pieces: readonly ReportPiece[],
  accounts: AccountFindings,
  write: (text: string) => Promise<void>,
): Promise<void> {
  for (const piece of pieces) {
    if (typeof piece === "string") await write(piece);
    else if (typeof piece === "function") await write(piece());
    else for await (const findings of accounts()) await write(piece.eachAccount(findings));
  }
}
