/**
 * The Service Authorization Reference tables of the policy-based resource types (src/analysis/services): each names
 * its page, no action has two levels, and a policy's action pattern takes the highest level it stands for.
 */
import { describe, expect, it } from "vitest";
import { ACTIONS_OF_TYPE } from "../../src/analysis/services/policy-resource-types.js";
import { RCP_SERVICE_PREFIXES, RCP_SERVICES_SOURCE } from "../../src/analysis/services/rcp-services.js";
import { levelOfActionPattern, levelOfActionPatterns } from "../../src/analysis/services/service-actions.js";
import { KMS_KEY_ACTIONS } from "../../src/analysis/services/kms.js";
import { SQS_QUEUE_ACTIONS } from "../../src/analysis/services/sqs.js";

const tables = Object.entries(ACTIONS_OF_TYPE);

describe("service action tables", () => {
  it.each(tables)("%s cites its Service Authorization Reference page", (_type, table) => {
    const url = new URL(table.service.source.url);
    expect(url.protocol).toBe("https:");
    expect(url.hostname).toBe("docs.aws.amazon.com");
    expect(url.pathname.startsWith("/service-authorization/latest/reference/list_")).toBe(true);
    expect(table.service.source.title).toContain("Service Authorization Reference");
  });

  it.each(tables)("%s gives every action one level, and has actions", (_type, table) => {
    const names = [...table.read, ...table.write, ...table.permissions].map((n) => n.toLowerCase());
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
  });

  it("takes the highest level a pattern stands for, case-insensitively", () => {
    expect(levelOfActionPattern(KMS_KEY_ACTIONS, "kms:DescribeKey")).toBe("read");
    expect(levelOfActionPattern(KMS_KEY_ACTIONS, "KMS:decrypt")).toBe("write");
    expect(levelOfActionPattern(KMS_KEY_ACTIONS, "kms:Get*")).toBe("read");
    expect(levelOfActionPattern(KMS_KEY_ACTIONS, "kms:*Grant")).toBe("permissions");
    expect(levelOfActionPattern(KMS_KEY_ACTIONS, "*")).toBe("permissions");
    expect(levelOfActionPatterns(SQS_QUEUE_ACTIONS, ["sqs:ReceiveMessage", "sqs:GetQueueAttributes"])).toBe(
      "read",
    );
    expect(levelOfActionPatterns(SQS_QUEUE_ACTIONS, ["sqs:ReceiveMessage", "sqs:SendMessage"])).toBe("write");
  });

  it("counts a pattern that matches no action of the table as write: the severity errs high", () => {
    expect(levelOfActionPattern(KMS_KEY_ACTIONS, "kms:CreateKey")).toBe("write");
    expect(levelOfActionPattern(KMS_KEY_ACTIONS, "kms:NotAnAction")).toBe("write");
  });
});

describe("RCP services", () => {
  it("are the five the AWS Organizations page lists, and no other", () => {
    expect([...RCP_SERVICE_PREFIXES].sort()).toEqual(["kms", "s3", "secretsmanager", "sqs", "sts"]);
    expect(new URL(RCP_SERVICES_SOURCE.url).hostname).toBe("docs.aws.amazon.com");
  });
});
