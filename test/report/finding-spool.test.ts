import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/findings/finding.js";
import { FindingSpool } from "../../src/report/index.js";

/** A finding whose message is `length` characters of multi-byte text, so lines cross read pieces mid-character. */
function finding(account: string, length: number): Finding {
  return {
    ruleId: "external-access",
    severity: "medium",
    message: "é😀·".repeat(Math.ceil(length / 4)).slice(0, length),
    resource: {
      arn: `arn:aws:iam::${account}:role/r`,
      type: "AWS::IAM::Role",
      accountId: account,
      name: "r",
    },
    principal: { written: "{}", judged: "x" },
    actions: ["sts:AssumeRole"],
    conditions: [],
    isPublic: false,
    source: {
      kind: "statement",
      index: 0,
      identity: "stmt:0",
      location: { file: "f.json", startLine: 1, startColumn: 1, endLine: 2, endColumn: 2 },
    },
    cancelledBy: [],
    fingerprint: `${account}:1`,
  };
}

describe("FindingSpool", () => {
  it("gives back each account's findings, whatever their size, in the order appended", async () => {
    const accounts = [
      [finding("111111111111", 10)],
      [finding("222222222222", 300_000), finding("222222222222", 5)],
      [finding("333333333333", 70_000)],
      [finding("444444444444", 1)],
    ];
    const spool = await FindingSpool.create();
    try {
      for (const findings of accounts) await spool.append(findings);
      const read: Finding[][] = [];
      for await (const findings of spool.accounts()) read.push(findings);
      expect(read).toEqual(accounts);
    } finally {
      await spool.dispose();
    }
  });
});
