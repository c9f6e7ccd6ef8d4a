import {
  GetBucketPolicyCommand,
  ListDirectoryBucketsCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import {
  GetAccessPointCommand,
  GetAccessPointPolicyCommand,
  ListAccessPointsCommand,
  S3ControlClient,
  S3ControlServiceException,
} from "@aws-sdk/client-s3-control";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { sortErrors } from "../../../src/collect/errors.js";
import { collectRegionalS3 } from "../../../src/collect/regional/s3-access-points.js";
import {
  ACCOUNT,
  plainRegionalClients,
  regionTarget,
  serviceError,
  testScope,
} from "../support/plain-regional-clients.js";

const s3Control = mockClient(S3ControlClient);
const s3 = mockClient(S3Client);
afterAll(() => {
  s3Control.restore();
  s3.restore();
});

const apArn = (name: string) => `arn:aws:s3:eu-west-1:${ACCOUNT}:accesspoint/${name}`;
const dirArn = (name: string) => `arn:aws:s3express:eu-west-1:${ACCOUNT}:bucket/${name}`;
const controlError = (name: string, status: number, message: string) =>
  serviceError(S3ControlServiceException, name, status, message);
const s3Error = (name: string, status: number, message: string) =>
  serviceError(S3ServiceException, name, status, message);
const policy = (sid: string, principal: unknown, resource: string) => ({
  Version: "2012-10-17",
  Statement: [
    { Sid: sid, Effect: "Allow", Principal: principal, Action: "s3:GetObject", Resource: resource },
  ],
});
const BLOCK_ALL = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const DIR = "analytics--euw1-az1--x-s3";
const DIR_OPEN = "scratch--euw1-az3--x-s3";

function answerEverything(): void {
  s3Control.on(ListAccessPointsCommand).resolves({
    AccessPointList: [
      {
        Name: "vendor-ap",
        Bucket: "shared-data",
        NetworkOrigin: "Internet",
        AccessPointArn: apArn("vendor-ap"),
      },
      {
        Name: "internal-ap",
        Bucket: "shared-data",
        NetworkOrigin: "VPC",
        VpcConfiguration: { VpcId: "vpc-0abc" },
        AccessPointArn: apArn("internal-ap"),
      },
    ],
    NextToken: "t2",
  });
  s3Control.on(ListAccessPointsCommand, { NextToken: "t2" }).resolves({
    AccessPointList: [
      { Name: "open-ap", Bucket: "public-site", NetworkOrigin: "Internet", AccessPointArn: apArn("open-ap") },
    ],
  });
  s3Control.on(GetAccessPointCommand, { Name: "vendor-ap" }).resolves({
    Name: "vendor-ap",
    Bucket: "shared-data",
    NetworkOrigin: "Internet",
    BucketAccountId: ACCOUNT,
    PublicAccessBlockConfiguration: BLOCK_ALL,
    AccessPointArn: apArn("vendor-ap"),
  });
  s3Control.on(GetAccessPointCommand, { Name: "internal-ap" }).resolves({
    Name: "internal-ap",
    Bucket: "shared-data",
    NetworkOrigin: "VPC",
    VpcConfiguration: { VpcId: "vpc-0abc" },
    BucketAccountId: ACCOUNT,
    PublicAccessBlockConfiguration: BLOCK_ALL,
  });
  s3Control.on(GetAccessPointCommand, { Name: "open-ap" }).resolves({
    Name: "open-ap",
    Bucket: "public-site",
    NetworkOrigin: "Internet",
    BucketAccountId: "444455556666",
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: false,
      IgnorePublicAcls: false,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    },
  });
  s3Control.on(GetAccessPointPolicyCommand, { Name: "vendor-ap" }).resolves({
    Policy: JSON.stringify(
      policy("VendorRead", { AWS: "arn:aws:iam::999999999999:root" }, `${apArn("vendor-ap")}/object/*`),
    ),
  });
  s3Control
    .on(GetAccessPointPolicyCommand, { Name: "internal-ap" })
    .rejects(controlError("NoSuchAccessPointPolicy", 404, "The specified accesspoint policy does not exist"));
  s3Control.on(GetAccessPointPolicyCommand, { Name: "open-ap" }).resolves({
    Policy: JSON.stringify(policy("Public", "*", `${apArn("open-ap")}/object/*`)),
  });

  s3.on(ListDirectoryBucketsCommand).resolves({
    Buckets: [
      { Name: DIR_OPEN, BucketRegion: "eu-west-1" },
      { Name: DIR, BucketRegion: "eu-west-1", BucketArn: dirArn(DIR) },
      // Another region's: read there.
      { Name: "far--use1-az4--x-s3", BucketRegion: "us-east-1" },
    ],
  });
  s3.on(GetBucketPolicyCommand, { Bucket: DIR }).resolves({
    Policy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::999999999999:root" },
          Action: "s3express:CreateSession",
          Resource: dirArn(DIR),
        },
      ],
    }),
  });
  s3.on(GetBucketPolicyCommand, { Bucket: DIR_OPEN }).rejects(
    s3Error("NoSuchBucketPolicy", 404, "The bucket policy does not exist"),
  );
}

describe("collectRegionalS3", () => {
  beforeEach(() => {
    s3Control.reset();
    s3.reset();
  });

  it("reads every page of access points with network origin, their own Block Public Access and decoded policy, and the region's directory buckets", async () => {
    answerEverything();
    const scope = testScope();
    const section = await collectRegionalS3(scope, plainRegionalClients(), regionTarget());
    expect(section).toEqual({
      AccessPoints: [
        {
          Name: "internal-ap",
          AccessPointArn: apArn("internal-ap"),
          Bucket: "shared-data",
          BucketAccountId: ACCOUNT,
          NetworkOrigin: "VPC",
          VpcConfiguration: { VpcId: "vpc-0abc" },
          PublicAccessBlockConfiguration: BLOCK_ALL,
          Policy: null,
        },
        {
          Name: "open-ap",
          AccessPointArn: apArn("open-ap"),
          Bucket: "public-site",
          BucketAccountId: "444455556666",
          NetworkOrigin: "Internet",
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: false,
            IgnorePublicAcls: false,
            BlockPublicPolicy: false,
            RestrictPublicBuckets: false,
          },
          Policy: policy("Public", "*", `${apArn("open-ap")}/object/*`),
        },
        {
          Name: "vendor-ap",
          AccessPointArn: apArn("vendor-ap"),
          Bucket: "shared-data",
          BucketAccountId: ACCOUNT,
          NetworkOrigin: "Internet",
          PublicAccessBlockConfiguration: BLOCK_ALL,
          Policy: policy(
            "VendorRead",
            { AWS: "arn:aws:iam::999999999999:root" },
            `${apArn("vendor-ap")}/object/*`,
          ),
        },
      ],
      DirectoryBuckets: [
        {
          Name: DIR,
          BucketArn: dirArn(DIR),
          Policy: {
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::999999999999:root" },
                Action: "s3express:CreateSession",
                Resource: dirArn(DIR),
              },
            ],
          },
        },
        { Name: DIR_OPEN, BucketArn: dirArn(DIR_OPEN), Policy: null },
      ],
    });
    expect(scope.errors).toEqual([]);
    for (const call of [
      ...s3Control.commandCalls(ListAccessPointsCommand),
      ...s3Control.commandCalls(GetAccessPointCommand),
      ...s3Control.commandCalls(GetAccessPointPolicyCommand),
    ]) {
      expect(call.args[0].input).toMatchObject({ AccountId: ACCOUNT });
    }
    // The SDK's paginator reuses one input object for every page, so the calls recorded all show the last token:
    // the second page's entries above prove it was asked for by its token.
    expect(s3Control.commandCalls(ListAccessPointsCommand)).toHaveLength(2);
    // Directory buckets refuse ExpectedBucketOwner (501); the other region's bucket is not read here.
    expect(
      s3
        .commandCalls(GetBucketPolicyCommand)
        .map((call) => call.args[0].input)
        .sort((a, b) => String(a.Bucket).localeCompare(String(b.Bucket))),
    ).toEqual([{ Bucket: DIR }, { Bucket: DIR_OPEN }]);
  });

  it("keeps the listing's network origin when the details are denied, and records why the rest is missing", async () => {
    answerEverything();
    s3Control
      .on(GetAccessPointCommand, { Name: "internal-ap" })
      .rejects(controlError("AccessDenied", 403, "Access Denied"));
    s3Control
      .on(GetAccessPointPolicyCommand, { Name: "vendor-ap" })
      .rejects(controlError("AccessDenied", 403, "Access Denied"));
    const scope = testScope();
    const section = await collectRegionalS3(scope, plainRegionalClients(), regionTarget());
    const byName = Object.fromEntries(
      (section?.AccessPoints as { Name: string }[]).map((ap) => [ap.Name, ap]),
    );
    expect(byName["internal-ap"]).toEqual({
      Name: "internal-ap",
      AccessPointArn: apArn("internal-ap"),
      Bucket: "shared-data",
      NetworkOrigin: "VPC",
      VpcConfiguration: { VpcId: "vpc-0abc" },
      Policy: null,
    });
    expect(byName["vendor-ap"]).not.toHaveProperty("Policy");
    expect(byName["vendor-ap"]).toHaveProperty("PublicAccessBlockConfiguration", BLOCK_ALL);
    expect(sortErrors(scope.errors)).toEqual([
      {
        service: "s3control",
        region: "eu-west-1",
        operation: "GetAccessPoint",
        resource: apArn("internal-ap"),
        code: "AccessDenied",
        message: "Access Denied",
      },
      {
        service: "s3control",
        region: "eu-west-1",
        operation: "GetAccessPointPolicy",
        resource: apArn("vendor-ap"),
        code: "AccessDenied",
        message: "Access Denied",
      },
    ]);
  });

  it("leaves out an access point and a directory bucket deleted between the listing and the reads", async () => {
    answerEverything();
    const gone = controlError("NoSuchAccessPoint", 404, "The specified accesspoint does not exist");
    s3Control.on(GetAccessPointCommand, { Name: "open-ap" }).rejects(gone);
    s3Control.on(GetAccessPointPolicyCommand, { Name: "open-ap" }).rejects(gone);
    // Its details were read just before it went: still left out.
    s3Control.on(GetAccessPointPolicyCommand, { Name: "vendor-ap" }).rejects(gone);
    s3.on(GetBucketPolicyCommand, { Bucket: DIR }).rejects(
      s3Error("NoSuchBucket", 404, "The specified bucket does not exist"),
    );
    const scope = testScope();
    const section = await collectRegionalS3(scope, plainRegionalClients(), regionTarget());
    expect((section?.AccessPoints as { Name: string }[]).map((ap) => ap.Name)).toEqual(["internal-ap"]);
    expect((section?.DirectoryBuckets as { Name: string }[]).map((b) => b.Name)).toEqual([DIR_OPEN]);
    expect(scope.errors).toEqual([]);
    // Two access points and a bucket, each counted once (open-ap failed both reads) for the run's summary.
    expect(scope.stats.resourcesGone).toBe(3);
  });

  it("retries throttled calls until they are answered", async () => {
    answerEverything();
    s3.on(ListDirectoryBucketsCommand)
      .rejectsOnce(s3Error("SlowDown", 503, "Please reduce your request rate."))
      .resolves({ Buckets: [{ Name: DIR, BucketRegion: "eu-west-1", BucketArn: dirArn(DIR) }] });
    const scope = testScope();
    const section = await collectRegionalS3(scope, plainRegionalClients(), regionTarget());
    expect((section?.DirectoryBuckets as { Name: string }[]).map((b) => b.Name)).toEqual([DIR]);
    expect(scope.errors).toEqual([]);
    expect(s3.commandCalls(ListDirectoryBucketsCommand)).toHaveLength(2);
  });

  it("keeps a policy that is not JSON as the text S3 returned, and records it", async () => {
    answerEverything();
    s3Control.on(GetAccessPointPolicyCommand, { Name: "open-ap" }).resolves({ Policy: "{not json" });
    const scope = testScope();
    const section = await collectRegionalS3(scope, plainRegionalClients(), regionTarget());
    const open = (section?.AccessPoints as { Name: string; Policy: unknown }[]).find(
      (ap) => ap.Name === "open-ap",
    );
    expect(open?.Policy).toBe("{not json");
    expect(scope.errors).toEqual([
      expect.objectContaining({
        service: "s3control",
        region: "eu-west-1",
        operation: "GetAccessPointPolicy",
        resource: apArn("open-ap"),
        code: "MalformedPolicyDocument",
      }),
    ]);
  });

  it("keeps the access points when directory buckets cannot be listed, and returns nothing when neither can", async () => {
    answerEverything();
    s3.on(ListDirectoryBucketsCommand).rejects(s3Error("AccessDenied", 403, "Access Denied"));
    const scope = testScope();
    const section = await collectRegionalS3(scope, plainRegionalClients(), regionTarget());
    expect(section).not.toHaveProperty("DirectoryBuckets");
    expect(section?.AccessPoints).toHaveLength(3);

    s3Control.on(ListAccessPointsCommand).rejects(controlError("AccessDenied", 403, "Access Denied"));
    const denied = testScope();
    expect(await collectRegionalS3(denied, plainRegionalClients(), regionTarget())).toBeUndefined();
    expect(denied.errors.map((e) => `${e.service} ${e.operation} ${e.code}`).sort()).toEqual([
      "s3 ListDirectoryBuckets AccessDenied",
      "s3control ListAccessPoints AccessDenied",
    ]);
  });
});
