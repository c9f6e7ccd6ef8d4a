import { describe, expect, it } from "vitest";
import {
  SERVICE_PRINCIPAL_FACTS,
  canonicalServicePrincipal,
  lookupServicePrincipal,
} from "../../rules/data/service-principals.js";
import { ROLE_HANDOVER_LIST } from "../../rules/data/service-principal-facts.js";

/** The service principals that the brief asks the table to cover (trust policies seen in practice). */
const REQUIRED_PRINCIPALS = [
  "ec2",
  "lambda",
  "edgelambda",
  "ecs-tasks",
  "ecs",
  "eks",
  "pods.eks",
  "ssm",
  "cloudformation",
  "glue",
  "sagemaker",
  "codebuild",
  "codepipeline",
  "codedeploy",
  "states",
  "events",
  "scheduler",
  "datapipeline",
  "elasticbeanstalk",
  "apigateway",
  "firehose",
  "logs",
  "config",
  "cloudtrail",
  "sns",
  "s3",
  "backup",
  "batch",
  "transfer",
  "rds",
  "redshift",
  "dms",
  "appsync",
  "iot",
  "lakeformation",
  "bedrock",
  "vpc-flow-logs",
  "delivery.logs",
  "spotfleet",
  "autoscaling",
  "elasticmapreduce",
  "application-autoscaling",
  "datasync",
  "guardduty",
  "securityhub",
  "access-analyzer",
  "organizations",
  "sso",
  "member.org.stacksets.cloudformation",
].map((name) => `${name}.amazonaws.com`);

describe("lookupServicePrincipal", () => {
  it("finds EC2 as exempt from confused-deputy for role trust", () => {
    const fact = lookupServicePrincipal("ec2.amazonaws.com");
    expect(fact?.principal).toBe("ec2.amazonaws.com");
    expect(fact?.exemptForRoleTrust).toBe(true);
  });

  it("is case-insensitive and ignores surrounding blanks", () => {
    expect(lookupServicePrincipal(" EC2.AmazonAWS.com ")).toBe(lookupServicePrincipal("ec2.amazonaws.com"));
  });

  it.each([
    ["ec2.amazonaws.com.cn", "ec2.amazonaws.com"],
    ["logs.us-east-1.amazonaws.com", "logs.amazonaws.com"],
    ["states.cn-north-1.amazonaws.com.cn", "states.amazonaws.com"],
    ["logs.us-gov-west-1.amazonaws.com", "logs.amazonaws.com"],
    ["ec2.c2s.ic.gov", "ec2.amazonaws.com"],
    ["lambda.sc2s.sgov.gov", "lambda.amazonaws.com"],
    ["pods.eks.amazonaws.com", "pods.eks.amazonaws.com"],
    [
      "member.org.stacksets.cloudformation.amazonaws.com",
      "member.org.stacksets.cloudformation.amazonaws.com",
    ],
  ])("reads the partition or regional form %s as %s", (written, canonical) => {
    expect(canonicalServicePrincipal(written)).toBe(canonical);
    expect(lookupServicePrincipal(written)?.principal).toBe(canonical);
  });

  it.each(["example.amazonaws.com", "ec2", "", "*", "arn:aws:iam::123456789012:root", ".amazonaws.com"])(
    "returns undefined for %j",
    (value) => {
      expect(lookupServicePrincipal(value)).toBeUndefined();
    },
  );

  it("does not mistake a service name for a Region", () => {
    expect(canonicalServicePrincipal("delivery.logs.amazonaws.com")).toBe("delivery.logs.amazonaws.com");
    expect(canonicalServicePrincipal("us-east-1.amazonaws.com")).toBe("us-east-1.amazonaws.com");
  });
});

describe("SERVICE_PRINCIPAL_FACTS", () => {
  it("covers every service principal the brief lists", () => {
    const missing = REQUIRED_PRINCIPALS.filter(
      (principal) => lookupServicePrincipal(principal) === undefined,
    );
    expect(missing).toEqual([]);
  });

  it("holds each principal once, in canonical form", () => {
    const principals = SERVICE_PRINCIPAL_FACTS.map((fact) => fact.principal);
    expect(new Set(principals).size).toBe(principals.length);
    for (const principal of principals) expect(canonicalServicePrincipal(principal)).toBe(principal);
  });

  it("exempts only EC2, whose verdict rests on docs/semantics.md and same-account role passing", () => {
    const exempt = SERVICE_PRINCIPAL_FACTS.filter((fact) => fact.exemptForRoleTrust).map(
      (fact) => fact.principal,
    );
    expect(exempt).toEqual(["ec2.amazonaws.com"]);
  });

  it("never exempts a service documented as sending the source keys", () => {
    for (const fact of SERVICE_PRINCIPAL_FACTS) {
      if (fact.sendsSourceKeysOnAssumeRole === "yes")
        expect(fact.exemptForRoleTrust, fact.principal).toBe(false);
    }
  });

  it.each([
    ["ecs-tasks.amazonaws.com", "yes"],
    ["vpc-flow-logs.amazonaws.com", "yes"],
    ["config.amazonaws.com", "yes"],
    ["firehose.amazonaws.com", "unknown"],
    ["pods.eks.amazonaws.com", "unknown"],
  ] as const)("records what %s sends on AssumeRole: %s", (principal, sends) => {
    const fact = lookupServicePrincipal(principal);
    expect(fact?.sendsSourceKeysOnAssumeRole).toBe(sends);
    expect(fact?.exemptForRoleTrust).toBe(false);
  });
});

describe("source keys and role handover", () => {
  it("names source keys exactly for the services documented as sending them", () => {
    for (const fact of SERVICE_PRINCIPAL_FACTS) {
      expect(fact.sourceKeysForRoleTrust.length > 0, fact.principal).toBe(
        fact.sendsSourceKeysOnAssumeRole === "yes",
      );
    }
  });

  it("has a handover entry only for listed principals, once each", () => {
    const principals = ROLE_HANDOVER_LIST.map((entry) => entry.principal);
    expect(new Set(principals).size).toBe(principals.length);
    for (const principal of principals) expect(lookupServicePrincipal(principal)?.principal).toBe(principal);
  });

  it("lists handover entries in alphabetical order of service name", () => {
    const principals = ROLE_HANDOVER_LIST.map((entry) => entry.principal);
    expect(principals).toEqual([...principals].sort());
  });

  it("marks every unlisted service unknown, so its findings keep today's severity", () => {
    const listed = new Set(ROLE_HANDOVER_LIST.map((entry) => entry.principal));
    for (const fact of SERVICE_PRINCIPAL_FACTS)
      if (!listed.has(fact.principal)) expect(fact.roleHandover, fact.principal).toEqual({ kind: "unknown" });
  });

  it.each([
    ["lambda.amazonaws.com", "pass-role"],
    ["ecs-tasks.amazonaws.com", "pass-role"],
    ["glue.amazonaws.com", "pass-role"],
    ["sagemaker.amazonaws.com", "pass-role"],
    ["codebuild.amazonaws.com", "pass-role"],
    ["states.amazonaws.com", "pass-role"],
    ["ssm.amazonaws.com", "pass-role"],
    ["scheduler.amazonaws.com", "pass-role"],
    ["cloudformation.amazonaws.com", "without-pass-role"],
    ["logs.amazonaws.com", "unknown"],
    ["sns.amazonaws.com", "unknown"],
    ["datapipeline.amazonaws.com", "unknown"],
  ] as const)("records how %s comes to assume a role: %s", (principal, kind) => {
    expect(lookupServicePrincipal(principal)?.roleHandover.kind).toBe(kind);
  });

  it("rests every pass-role entry on a page that says the role is passed", () => {
    for (const entry of ROLE_HANDOVER_LIST.filter((e) => e.kind === "pass-role")) {
      const quotes = [entry.source, ...(entry.seeAlso ?? [])].map((source) => source.quote ?? "");
      expect(
        quotes.some((quote) => /PassRole/.test(quote)),
        entry.principal,
      ).toBe(true);
    }
  });
});

describe("SERVICE_PRINCIPAL_FACTS order", () => {
  it("is in alphabetical order of service name, so new entries have one obvious place", () => {
    const names = SERVICE_PRINCIPAL_FACTS.map((fact) => fact.principal.replace(/\.amazonaws\.com$/, ""));
    expect(names).toEqual([...names].sort());
  });
});
