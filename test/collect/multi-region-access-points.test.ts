import {
  GetMultiRegionAccessPointPolicyCommand,
  ListMultiRegionAccessPointsCommand,
  S3ControlClient,
  S3ControlServiceException,
} from "@aws-sdk/client-s3-control";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import {
  collectMultiRegionAccessPoints,
  MULTI_REGION_ACCESS_POINT_REGION,
} from "../../src/collect/multi-region-access-points.js";
import { ACCOUNT, serviceError, testScope } from "./support/plain-regional-clients.js";

const s3Control = mockClient(S3ControlClient);
afterAll(() => s3Control.restore());

const client = () =>
  new S3ControlClient({
    region: MULTI_REGION_ACCESS_POINT_REGION,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
const target = { accountId: ACCOUNT, partition: "aws" };
const arnOf = (alias: string) => `arn:aws:s3::${ACCOUNT}:accesspoint/${alias}`;
const controlError = (name: string, status: number, message: string) =>
  serviceError(S3ControlServiceException, name, status, message);
const document = (sid: string, principal: unknown) => ({
  Version: "2012-10-17",
  Statement: [{ Sid: sid, Effect: "Allow", Principal: principal, Action: "s3:GetObject", Resource: "*" }],
});
const BLOCK_ALL = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

function answerEverything(): void {
  s3Control.on(ListMultiRegionAccessPointsCommand).resolves({
    AccessPoints: [
      {
        Name: "global-assets",
        Alias: "mfzwi23gnjvgw.mrap",
        CreatedAt: new Date("2026-05-04T10:00:00.000Z"),
        PublicAccessBlock: { ...BLOCK_ALL, RestrictPublicBuckets: false },
        Status: "READY",
        Regions: [
          { Bucket: "assets-us", Region: "us-east-1", BucketAccountId: ACCOUNT },
          { Bucket: "assets-eu", Region: "eu-west-1", BucketAccountId: "444455556666" },
        ],
      },
    ],
    NextToken: "n2",
  });
  s3Control.on(ListMultiRegionAccessPointsCommand, { NextToken: "n2" }).resolves({
    AccessPoints: [
      {
        Name: "backups",
        Alias: "backupsalias.mrap",
        CreatedAt: new Date("2026-01-02T03:04:05.678Z"),
        PublicAccessBlock: BLOCK_ALL,
        Regions: [{ Bucket: "backups-us", Region: "us-west-2", BucketAccountId: ACCOUNT }],
      },
    ],
  });
  s3Control.on(GetMultiRegionAccessPointPolicyCommand, { Name: "global-assets" }).resolves({
    Policy: {
      Established: {
        Policy: JSON.stringify(document("Established", { AWS: "arn:aws:iam::999999999999:root" })),
      },
      Proposed: {
        Policy: JSON.stringify(document("Established", { AWS: "arn:aws:iam::999999999999:root" })),
      },
    },
  });
  s3Control.on(GetMultiRegionAccessPointPolicyCommand, { Name: "backups" }).resolves({ Policy: {} });
}

describe("collectMultiRegionAccessPoints", () => {
  beforeEach(() => s3Control.reset());

  it("reads every page of multi-region access points with their Block Public Access, buckets and established policy, sorted", async () => {
    answerEverything();
    const scope = testScope();
    const entries = await collectMultiRegionAccessPoints(scope, client(), target);
    expect(entries).toEqual([
      {
        Name: "backups",
        Alias: "backupsalias.mrap",
        CreatedAt: "2026-01-02T03:04:05.678Z",
        PublicAccessBlock: BLOCK_ALL,
        Regions: [{ Bucket: "backups-us", BucketAccountId: ACCOUNT, Region: "us-west-2" }],
        Policy: null,
      },
      {
        Name: "global-assets",
        Alias: "mfzwi23gnjvgw.mrap",
        CreatedAt: "2026-05-04T10:00:00Z",
        PublicAccessBlock: { ...BLOCK_ALL, RestrictPublicBuckets: false },
        Regions: [
          { Bucket: "assets-eu", BucketAccountId: "444455556666", Region: "eu-west-1" },
          { Bucket: "assets-us", BucketAccountId: ACCOUNT, Region: "us-east-1" },
        ],
        Policy: document("Established", { AWS: "arn:aws:iam::999999999999:root" }),
      },
    ]);
    expect(scope.errors).toEqual([]);
    expect(
      s3Control.commandCalls(ListMultiRegionAccessPointsCommand).map((call) => call.args[0].input),
    ).toEqual([
      expect.objectContaining({ AccountId: ACCOUNT, MaxResults: 100 }),
      expect.objectContaining({ AccountId: ACCOUNT, MaxResults: 100 }),
    ]);
    expect(MULTI_REGION_ACCESS_POINT_REGION).toBe("us-west-2");
  });

  it("stores the established policy while a new one propagates, and the proposed one when none is established yet", async () => {
    answerEverything();
    s3Control.on(GetMultiRegionAccessPointPolicyCommand, { Name: "global-assets" }).resolves({
      Policy: {
        Established: {
          Policy: JSON.stringify(document("InForce", { AWS: "arn:aws:iam::999999999999:root" })),
        },
        Proposed: { Policy: JSON.stringify(document("Next", "*")) },
      },
    });
    s3Control
      .on(GetMultiRegionAccessPointPolicyCommand, { Name: "backups" })
      .resolves({ Policy: { Proposed: { Policy: JSON.stringify(document("JustPut", "*")) } } });
    const entries = (await collectMultiRegionAccessPoints(testScope(), client(), target)) as {
      Name: string;
      Policy: { Statement: { Sid: string }[] };
    }[];
    expect(entries.map((e) => `${e.Name} ${e.Policy.Statement[0]?.Sid}`)).toEqual([
      "backups JustPut",
      "global-assets InForce",
    ]);
  });

  it("records a policy it may not read, keeps the access point, and leaves out one deleted since it was listed", async () => {
    answerEverything();
    s3Control
      .on(GetMultiRegionAccessPointPolicyCommand, { Name: "global-assets" })
      .rejects(controlError("AccessDenied", 403, "Access Denied"));
    s3Control
      .on(GetMultiRegionAccessPointPolicyCommand, { Name: "backups" })
      .rejects(
        controlError(
          "NoSuchMultiRegionAccessPoint",
          404,
          "The specified Multi-Region Access Point does not exist.",
        ),
      );
    const scope = testScope();
    const entries = (await collectMultiRegionAccessPoints(scope, client(), target)) as { Name: string }[];
    expect(entries.map((e) => e.Name)).toEqual(["global-assets"]);
    expect(entries[0]).not.toHaveProperty("Policy");
    expect(scope.errors).toEqual([
      {
        service: "s3control",
        operation: "GetMultiRegionAccessPointPolicy",
        resource: arnOf("mfzwi23gnjvgw.mrap"),
        code: "AccessDenied",
        message: "Access Denied",
      },
    ]);
    // Counted once each for the run's summary.
    expect(scope.stats.resourcesGone).toBe(1);
  });

  it("retries a throttled listing, and gives nothing but the error when the listing is denied", async () => {
    answerEverything();
    s3Control
      .on(ListMultiRegionAccessPointsCommand, { NextToken: "n2" })
      .rejectsOnce(controlError("SlowDown", 503, "Please reduce your request rate."))
      .resolves({ AccessPoints: [] });
    const scope = testScope();
    expect(await collectMultiRegionAccessPoints(scope, client(), target)).toHaveLength(1);
    expect(scope.errors).toEqual([]);

    s3Control
      .on(ListMultiRegionAccessPointsCommand)
      .rejects(controlError("AccessDenied", 403, "Access Denied"));
    const denied = testScope();
    expect(await collectMultiRegionAccessPoints(denied, client(), target)).toBeUndefined();
    expect(denied.errors).toEqual([
      expect.objectContaining({ operation: "ListMultiRegionAccessPoints", code: "AccessDenied" }),
    ]);
  });
});
