import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  EC2ServiceException,
  GetImageBlockPublicAccessStateCommand,
  GetSnapshotBlockPublicAccessStateCommand,
} from "@aws-sdk/client-ec2";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { collectEc2 } from "../../../src/collect/regional/ec2.js";
import {
  plainRegionalClients,
  regionTarget,
  serviceError,
  testScope,
  TEST_RETRY,
} from "../support/plain-regional-clients.js";

const ec2 = mockClient(EC2Client);
afterAll(() => ec2.restore());

const denied = (operation: string) =>
  serviceError(
    EC2ServiceException,
    "UnauthorizedOperation",
    403,
    `You are not authorized to perform: ec2:${operation}`,
  );
const throttled = () =>
  serviceError(EC2ServiceException, "RequestLimitExceeded", 503, "Request limit exceeded.");
const snapshotGone = (id: string) =>
  serviceError(EC2ServiceException, "InvalidSnapshot.NotFound", 400, `The snapshot '${id}' does not exist.`);
const imageGone = (id: string) =>
  serviceError(EC2ServiceException, "InvalidAMIID.NotFound", 400, `The image id '[${id}]' does not exist`);

/** Two pages of snapshots (listed out of order), two images, both Block Public Access states. */
function answerEverything(): void {
  ec2.on(DescribeSnapshotsCommand).resolves({
    Snapshots: [{ SnapshotId: "snap-0b" }, { SnapshotId: "snap-0a" }],
    NextToken: "page-2",
  });
  ec2
    .on(DescribeSnapshotsCommand, { NextToken: "page-2" })
    .resolves({ Snapshots: [{ SnapshotId: "snap-0c" }] });
  ec2
    .on(DescribeSnapshotAttributeCommand, { SnapshotId: "snap-0a" })
    .resolves({ SnapshotId: "snap-0a", CreateVolumePermissions: [{ Group: "all" }] });
  ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: "snap-0b" }).resolves({
    SnapshotId: "snap-0b",
    CreateVolumePermissions: [{ UserId: "999999999999" }, { UserId: "444455556666" }],
  });
  ec2
    .on(DescribeSnapshotAttributeCommand, { SnapshotId: "snap-0c" })
    .resolves({ SnapshotId: "snap-0c", CreateVolumePermissions: [] });
  ec2.on(DescribeImagesCommand).resolves({
    Images: [
      { ImageId: "ami-0002", Name: "shared-base", Public: true },
      { ImageId: "ami-0001", Name: "private-base" },
    ],
  });
  ec2.on(DescribeImageAttributeCommand, { ImageId: "ami-0002" }).resolves({
    ImageId: "ami-0002",
    LaunchPermissions: [
      { OrganizationArn: "arn:aws:organizations::999999999999:organization/o-vendor" },
      { Group: "all" },
    ],
  });
  ec2.on(DescribeImageAttributeCommand, { ImageId: "ami-0001" }).resolves({ ImageId: "ami-0001" });
  ec2
    .on(GetSnapshotBlockPublicAccessStateCommand)
    .resolves({ State: "block-new-sharing", ManagedBy: "account" });
  ec2.on(GetImageBlockPublicAccessStateCommand).resolves({ ImageBlockPublicAccessState: "unblocked" });
}

describe("collectEc2", () => {
  beforeEach(() => ec2.reset());

  it("reads every page of the account's own snapshots and AMIs with their permissions, sorted, and both Block Public Access states", async () => {
    answerEverything();
    const scope = testScope();
    const section = await collectEc2(scope, plainRegionalClients(), regionTarget());
    expect(section).toEqual({
      SnapshotBlockPublicAccessState: "block-new-sharing",
      ImageBlockPublicAccessState: "unblocked",
      Snapshots: [
        { SnapshotId: "snap-0a", CreateVolumePermissions: [{ Group: "all" }] },
        {
          SnapshotId: "snap-0b",
          CreateVolumePermissions: [{ UserId: "444455556666" }, { UserId: "999999999999" }],
        },
        { SnapshotId: "snap-0c", CreateVolumePermissions: [] },
      ],
      Images: [
        { ImageId: "ami-0001", Name: "private-base", LaunchPermissions: [] },
        {
          ImageId: "ami-0002",
          Name: "shared-base",
          LaunchPermissions: [
            { Group: "all" },
            { OrganizationArn: "arn:aws:organizations::999999999999:organization/o-vendor" },
          ],
        },
      ],
    });
    expect(scope.errors).toEqual([]);
    // Only the account's own snapshots and AMIs, and the second page asked for by its token.
    // The SDK's paginator reuses one input object for every page, so the calls recorded all show the last token:
    // the second page's entries above prove it was asked for by its token.
    const listings = ec2.commandCalls(DescribeSnapshotsCommand).map((call) => call.args[0].input);
    expect(listings).toEqual([
      expect.objectContaining({ OwnerIds: ["self"], MaxResults: 1000 }),
      expect.objectContaining({ OwnerIds: ["self"], MaxResults: 1000 }),
    ]);
    expect(ec2.commandCalls(DescribeImagesCommand)[0]?.args[0].input).toMatchObject({ Owners: ["self"] });
    expect(
      ec2.commandCalls(DescribeSnapshotAttributeCommand).map((call) => call.args[0].input.Attribute),
    ).toEqual(["createVolumePermission", "createVolumePermission", "createVolumePermission"]);
    expect(ec2.commandCalls(DescribeImageAttributeCommand)[0]?.args[0].input.Attribute).toBe(
      "launchPermission",
    );
  });

  it("retries a throttled attribute read until it is answered", async () => {
    answerEverything();
    ec2
      .on(DescribeSnapshotAttributeCommand, { SnapshotId: "snap-0a" })
      .rejectsOnce(throttled())
      .resolves({ SnapshotId: "snap-0a", CreateVolumePermissions: [{ Group: "all" }] });
    const scope = testScope();
    const section = await collectEc2(scope, plainRegionalClients(), regionTarget());
    expect(section?.Snapshots).toContainEqual({
      SnapshotId: "snap-0a",
      CreateVolumePermissions: [{ Group: "all" }],
    });
    expect(scope.errors).toEqual([]);
    expect(ec2.commandCalls(DescribeSnapshotAttributeCommand, { SnapshotId: "snap-0a" })).toHaveLength(2);
  });

  it("records a throttling that outlasts the retries, keeping the snapshot listed without its permissions", async () => {
    answerEverything();
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: "snap-0b" }).rejects(throttled());
    const scope = testScope();
    const section = await collectEc2(scope, plainRegionalClients(), regionTarget());
    expect(section?.Snapshots).toContainEqual({ SnapshotId: "snap-0b" });
    expect(scope.errors).toEqual([
      {
        service: "ec2",
        region: "eu-west-1",
        operation: "DescribeSnapshotAttribute",
        resource: "arn:aws:ec2:eu-west-1::snapshot/snap-0b",
        code: "RequestLimitExceeded",
        message: "Request limit exceeded.",
      },
    ]);
    expect(ec2.commandCalls(DescribeSnapshotAttributeCommand, { SnapshotId: "snap-0b" })).toHaveLength(
      1 + TEST_RETRY.rounds,
    );
  });

  it("records an attribute it may not read on one AMI and reads the others", async () => {
    answerEverything();
    ec2.on(DescribeImageAttributeCommand, { ImageId: "ami-0002" }).rejects(denied("DescribeImageAttribute"));
    const scope = testScope();
    const section = await collectEc2(scope, plainRegionalClients(), regionTarget());
    expect(section?.Images).toEqual([
      { ImageId: "ami-0001", Name: "private-base", LaunchPermissions: [] },
      { ImageId: "ami-0002", Name: "shared-base" },
    ]);
    expect(scope.errors).toEqual([
      {
        service: "ec2",
        region: "eu-west-1",
        operation: "DescribeImageAttribute",
        resource: "arn:aws:ec2:eu-west-1::image/ami-0002",
        code: "UnauthorizedOperation",
        message: "You are not authorized to perform: ec2:DescribeImageAttribute",
      },
    ]);
  });

  it("leaves out a snapshot and an AMI deleted between the listing and the attribute read, without an error", async () => {
    answerEverything();
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: "snap-0b" }).rejects(snapshotGone("snap-0b"));
    ec2.on(DescribeImageAttributeCommand, { ImageId: "ami-0001" }).rejects(imageGone("ami-0001"));
    const scope = testScope();
    const section = await collectEc2(scope, plainRegionalClients(), regionTarget());
    expect((section?.Snapshots as { SnapshotId: string }[]).map((s) => s.SnapshotId)).toEqual([
      "snap-0a",
      "snap-0c",
    ]);
    expect((section?.Images as { ImageId: string }[]).map((i) => i.ImageId)).toEqual(["ami-0002"]);
    expect(scope.errors).toEqual([]);
    // Counted once each for the run's summary.
    expect(scope.stats.resourcesGone).toBe(2);
  });

  it("leaves the snapshot list out, not half of it, when a page cannot be read", async () => {
    answerEverything();
    ec2.on(DescribeSnapshotsCommand, { NextToken: "page-2" }).rejects(denied("DescribeSnapshots"));
    const scope = testScope();
    const section = await collectEc2(scope, plainRegionalClients(), regionTarget());
    expect(section).not.toHaveProperty("Snapshots");
    expect(section?.Images).toHaveLength(2);
    expect(scope.errors).toEqual([
      expect.objectContaining({ operation: "DescribeSnapshots", code: "UnauthorizedOperation" }),
    ]);
    expect(ec2.commandCalls(DescribeSnapshotAttributeCommand)).toHaveLength(0);
  });

  it("returns nothing for a region whose every call is denied, with one error per call", async () => {
    ec2.onAnyCommand().rejects(denied("*"));
    const scope = testScope();
    expect(await collectEc2(scope, plainRegionalClients(), regionTarget())).toBeUndefined();
    expect(scope.errors.map((e) => `${e.service} ${e.operation} ${e.code}`).sort()).toEqual([
      "ec2 DescribeImages UnauthorizedOperation",
      "ec2 DescribeSnapshots UnauthorizedOperation",
      "ec2 GetImageBlockPublicAccessState UnauthorizedOperation",
      "ec2 GetSnapshotBlockPublicAccessState UnauthorizedOperation",
    ]);
  });

  it("keeps the lists when only the Block Public Access states are denied, and leaves the states out", async () => {
    answerEverything();
    ec2.on(GetSnapshotBlockPublicAccessStateCommand).rejects(denied("GetSnapshotBlockPublicAccessState"));
    ec2
      .on(GetImageBlockPublicAccessStateCommand)
      .resolves({ ImageBlockPublicAccessState: "block-new-sharing" });
    const scope = testScope();
    const section = await collectEc2(scope, plainRegionalClients(), regionTarget());
    expect(section).not.toHaveProperty("SnapshotBlockPublicAccessState");
    expect(section?.ImageBlockPublicAccessState).toBe("block-new-sharing");
    expect(section?.Snapshots).toHaveLength(3);
    expect(scope.errors).toEqual([
      expect.objectContaining({
        operation: "GetSnapshotBlockPublicAccessState",
        code: "UnauthorizedOperation",
      }),
    ]);
  });

  it("reads many snapshots with no more calls in flight than the scope allows", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `snap-${String(i).padStart(3, "0")}`);
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: ids.map((SnapshotId) => ({ SnapshotId })) });
    ec2.on(DescribeImagesCommand).resolves({ Images: [] });
    ec2.on(GetSnapshotBlockPublicAccessStateCommand).resolves({ State: "block-all-sharing" });
    ec2
      .on(GetImageBlockPublicAccessStateCommand)
      .resolves({ ImageBlockPublicAccessState: "block-new-sharing" });
    let inFlight = 0;
    let most = 0;
    ec2.on(DescribeSnapshotAttributeCommand).callsFake(async (input: { SnapshotId: string }) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      return { SnapshotId: input.SnapshotId, CreateVolumePermissions: [] };
    });
    const scope = testScope(3);
    const section = await collectEc2(scope, plainRegionalClients(), regionTarget());
    expect((section?.Snapshots as unknown[]).length).toBe(40);
    expect(section?.SnapshotBlockPublicAccessState).toBe("block-all-sharing");
    expect(most).toBe(3);
  });
});
