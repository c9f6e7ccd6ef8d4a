/**
 * The collector against a server on 127.0.0.1 through the SDK's real HTTP handler: S3 is served (or not) by the
 * local server, the other services by aws-sdk-client-mock. Runs the `collect` command with its flags.
 */
import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  GetAccountAuthorizationDetailsCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
} from "@aws-sdk/client-iam";
import {
  GetPublicAccessBlockCommand,
  ListMultiRegionAccessPointsCommand,
  S3ControlClient,
} from "@aws-sdk/client-s3-control";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import type { ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCollectCommand } from "../../src/cli/collect-command.js";
import { Capture, listFiles, tempParent } from "./support/files.js";
import { startLocalServer, xml, type SeenRequest } from "./support/local-server.js";
import { COLLECTED_AT, TEST_RETRY } from "./support/mock-scenario.js";

const ACCOUNT = "111122223333";
const BUCKET = "local-bucket";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
// Shaped like nothing a pattern would catch: only redaction by value removes it.
const SESSION_TOKEN = "correct horse battery staple";
const CREDENTIALS = async () => ({
  accessKeyId: "local-key-id",
  secretAccessKey: "local-secret-value",
  sessionToken: SESSION_TOKEN,
});

type Operation = "ListBuckets" | "GetBucketPolicy" | "GetPublicAccessBlock" | "GetBucketAcl";
/**
 * How to answer an operation's `attempt`-th request (1-based): an answer, "stall" for none at all, or undefined
 * for the normal answer.
 */
type Plan = Partial<
  Record<Operation, (attempt: number) => "stall" | { status: number; body: string } | undefined>
>;

const ANSWERS: Record<Operation, string> = {
  ListBuckets: `<ListAllMyBucketsResult><Buckets><Bucket><Name>${BUCKET}</Name><BucketRegion>us-east-1</BucketRegion></Bucket></Buckets><Owner><ID>owner</ID></Owner></ListAllMyBucketsResult>`,
  GetBucketPolicy: JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${BUCKET_ARN}/*` }],
  }),
  GetPublicAccessBlock:
    "<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>",
  GetBucketAcl:
    '<AccessControlPolicy><Owner><ID>owner</ID></Owner><AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>owner</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>',
};

function operationOf(url: URL): Operation {
  if (url.pathname === "/") return "ListBuckets";
  if (url.searchParams.has("policy")) return "GetBucketPolicy";
  if (url.searchParams.has("publicAccessBlock")) return "GetPublicAccessBlock";
  if (url.searchParams.has("acl")) return "GetBucketAcl";
  throw new Error(`unexpected S3 request ${url.pathname}${url.search}`);
}

const s3Error = (status: number, code: string, message: string) => ({
  status,
  body: `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>r</RequestId></Error>`,
});

/** S3 on 127.0.0.1 for one bucket, answering by `plan` (else normally). */
async function startLocalS3(plan: Plan) {
  const attempts = new Map<Operation, number>();
  const seen = new Map<Operation, SeenRequest[]>();
  const server = await startLocalServer((req, res: ServerResponse, request) => {
    const operation = operationOf(new URL(req.url ?? "/", "http://local"));
    const attempt = (attempts.get(operation) ?? 0) + 1;
    attempts.set(operation, attempt);
    seen.set(operation, [...(seen.get(operation) ?? []), request]);
    const answer = plan[operation]?.(attempt) ?? { status: 200, body: ANSWERS[operation] };
    if (answer === "stall") return;
    if (operation === "GetBucketPolicy" && answer.status === 200) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(answer.body);
      return;
    }
    xml(res, answer.status, answer.body);
  });
  return { url: server.url, seen: (operation: Operation) => seen.get(operation) ?? [] };
}

describe("collect against a server that stalls or fails", () => {
  let mocks: { restore(): void }[];
  let stdout: Capture;
  let stderr: Capture;

  beforeEach(() => {
    const sts = mockClient(STSClient);
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/auditor` });
    const iam = mockClient(IAMClient);
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({ RoleDetailList: [], IsTruncated: false });
    iam.on(ListOpenIDConnectProvidersCommand).resolves({ OpenIDConnectProviderList: [] });
    iam.on(ListSAMLProvidersCommand).resolves({ SAMLProviderList: [] });
    const s3Control = mockClient(S3ControlClient);
    s3Control.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: {} });
    s3Control.on(ListMultiRegionAccessPointsCommand).resolves({ AccessPoints: [] });
    // No region enabled: the regional services are not part of these tests.
    const ec2 = mockClient(EC2Client);
    ec2.on(DescribeRegionsCommand).resolves({ Regions: [] });
    mocks = [sts, iam, s3Control, ec2];
    stdout = new Capture();
    stderr = new Capture();
  });
  afterEach(() => {
    for (const mock of mocks) mock.restore();
  });

  async function collect(endpoint: string, flags: string[]) {
    const out = join(tempParent(), "snap");
    let status: number | undefined;
    const command = createCollectCommand(
      {
        aws: { endpoint, credentials: CREDENTIALS, maxAttempts: 2 },
        clock: () => COLLECTED_AT,
        stdout,
        stderr,
        retry: TEST_RETRY,
      },
      (code) => {
        status = code;
      },
    )
      .exitOverride()
      .configureOutput({ writeErr: () => {}, writeOut: () => {} });
    await command.parseAsync(["--out", out, ...flags], { from: "user" });
    const account = JSON.parse(readFileSync(join(out, "accounts", `${ACCOUNT}.json`), "utf8"));
    return { out, status, account, bucket: account.s3.Buckets[0] };
  }

  it(
    "times out a request that is never answered, retries it, records it and goes on (exit 3)",
    { timeout: 20_000 },
    async () => {
      const s3 = await startLocalS3({ GetBucketPolicy: () => "stall" });
      const run = await collect(s3.url, ["--request-timeout", "0.3", "--connect-timeout", "2"]);
      expect(run.status).toBe(3);
      expect(run.account.errors).toEqual([
        {
          service: "s3",
          operation: "GetBucketPolicy",
          resource: BUCKET_ARN,
          code: "ETIMEDOUT",
          message: expect.stringContaining("exceeded the configured 300 ms requestTimeout"),
        },
      ]);
      // The rest of the bucket was read.
      expect(run.bucket).toMatchObject({
        Name: BUCKET,
        Acl: expect.any(Object),
        PublicAccessBlock: expect.any(Object),
      });
      expect("Policy" in run.bucket).toBe(false);
      // Both attempts (maxAttempts 2) were given up by the client.
      expect(s3.seen("GetBucketPolicy").map((r) => r.abandoned)).toEqual([true, true]);
      expect(stdout.text).toContain(
        "(0 retried after throttling, 1 after server errors, timeouts or network errors)",
      );
      expect(stdout.text).toContain("1 error recorded; the snapshot is incomplete:");
    },
  );

  it(
    "abandons an account after --account-timeout, records what was cut short, and keeps what was read",
    { timeout: 20_000 },
    async () => {
      const s3 = await startLocalS3({ GetBucketPolicy: () => "stall" });
      const run = await collect(s3.url, ["--request-timeout", "60", "--account-timeout", "0.5"]);
      expect(run.status).toBe(3);
      expect(run.account.errors).toEqual([
        {
          service: "s3",
          operation: "GetBucketPolicy",
          resource: BUCKET_ARN,
          code: "AccountTimeout",
          message: expect.stringContaining("--account-timeout (0.5 s)"),
        },
      ]);
      expect(run.account.iam.RoleDetailList).toEqual([]);
      expect(run.bucket.Acl).toBeDefined();
      // The stalled request was dropped, not retried.
      expect(s3.seen("GetBucketPolicy").map((r) => r.abandoned)).toEqual([true]);
      expect(listFiles(run.out)).toEqual([`accounts/${ACCOUNT}.json`, "snapshot.json"]);
    },
  );

  it(
    "counts retries after server errors apart from throttling, and records a multi-line message as one line without the credentials",
    { timeout: 20_000 },
    async () => {
      const s3 = await startLocalS3({
        GetBucketAcl: (attempt) =>
          attempt === 1 ? s3Error(500, "InternalError", "We encountered an internal error.") : undefined,
        GetPublicAccessBlock: (attempt) =>
          attempt === 1 ? s3Error(503, "SlowDown", "Please reduce your request rate.") : undefined,
        GetBucketPolicy: () =>
          s3Error(500, "InternalError", `Backend failure.\n  Session: ${SESSION_TOKEN}\n  Please retry.`),
      });
      const run = await collect(s3.url, []);
      expect(run.status).toBe(3);
      expect(run.account.errors).toEqual([
        {
          service: "s3",
          operation: "GetBucketPolicy",
          resource: BUCKET_ARN,
          code: "InternalError",
          message: "Backend failure. Session: [redacted] Please retry.",
        },
      ]);
      expect(run.bucket.Acl).toBeDefined();
      expect(run.bucket.PublicAccessBlock).toBeDefined();
      expect(stdout.text).toContain(
        "(1 retried after throttling, 2 after server errors, timeouts or network errors)",
      );
      expect(stdout.text).toContain(
        `  ${ACCOUNT} s3 GetBucketPolicy ${BUCKET_ARN}: InternalError (Backend failure. Session: [redacted] Please retry.)\n`,
      );
      const everything = listFiles(run.out)
        .map((file) => readFileSync(join(run.out, file), "utf8"))
        .join("\n");
      expect(everything + stdout.text + stderr.text).not.toContain(SESSION_TOKEN);
    },
  );
});
