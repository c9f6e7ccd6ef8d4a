import {
  DBClusterSnapshotNotFoundFault,
  DBSnapshotNotFoundFault,
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
  RDSServiceException,
} from "@aws-sdk/client-rds";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { collectRds } from "../../../src/collect/regional/rds.js";
import {
  ACCOUNT,
  plainRegionalClients,
  regionTarget,
  serviceError,
  testScope,
} from "../support/plain-regional-clients.js";

const rds = mockClient(RDSClient);
afterAll(() => rds.restore());

const snapshotArn = (id: string) => `arn:aws:rds:eu-west-1:${ACCOUNT}:snapshot:${id}`;
const clusterSnapshotArn = (id: string) => `arn:aws:rds:eu-west-1:${ACCOUNT}:cluster-snapshot:${id}`;
const denied = (operation: string) =>
  serviceError(
    RDSServiceException,
    "AccessDenied",
    403,
    `User is not authorized to perform: rds:${operation}`,
    { Code: "AccessDenied" },
  );
const throttled = () =>
  serviceError(RDSServiceException, "Throttling", 400, "Rate exceeded", { Code: "Throttling" });
// As the SDK raises them: named by the SDK class, with the service's own code beside it.
const dbSnapshotGone = () =>
  serviceError(DBSnapshotNotFoundFault, "DBSnapshotNotFoundFault", 404, "DBSnapshot not found.", {
    Code: "DBSnapshotNotFound",
  });
const clusterSnapshotGone = () =>
  serviceError(DBClusterSnapshotNotFoundFault, "DBClusterSnapshotNotFoundFault", 404, "not found.", {
    Code: "DBClusterSnapshotNotFoundFault",
  });

const restore = (...values: string[]) => ({ AttributeName: "restore", AttributeValues: values });

function answerEverything(): void {
  rds.on(DescribeDBSnapshotsCommand).resolves({
    DBSnapshots: [
      {
        DBSnapshotIdentifier: "orders-final",
        DBSnapshotArn: snapshotArn("orders-final"),
        SnapshotType: "manual",
      },
      {
        DBSnapshotIdentifier: "billing-2026",
        DBSnapshotArn: snapshotArn("billing-2026"),
        SnapshotType: "manual",
      },
    ],
    Marker: "m2",
  });
  rds.on(DescribeDBSnapshotsCommand, { Marker: "m2" }).resolves({
    DBSnapshots: [
      { DBSnapshotIdentifier: "audit", DBSnapshotArn: snapshotArn("audit"), SnapshotType: "manual" },
    ],
  });
  rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: "orders-final" }).resolves({
    DBSnapshotAttributesResult: {
      DBSnapshotIdentifier: "orders-final",
      DBSnapshotAttributes: [restore("all")],
    },
  });
  rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: "billing-2026" }).resolves({
    DBSnapshotAttributesResult: {
      DBSnapshotIdentifier: "billing-2026",
      DBSnapshotAttributes: [restore("999999999999", "444455556666")],
    },
  });
  rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: "audit" }).resolves({
    DBSnapshotAttributesResult: { DBSnapshotIdentifier: "audit", DBSnapshotAttributes: [restore()] },
  });
  rds.on(DescribeDBClusterSnapshotsCommand).resolves({
    DBClusterSnapshots: [
      {
        DBClusterSnapshotIdentifier: "aurora-export",
        DBClusterSnapshotArn: clusterSnapshotArn("aurora-export"),
        SnapshotType: "manual",
      },
    ],
  });
  rds
    .on(DescribeDBClusterSnapshotAttributesCommand, { DBClusterSnapshotIdentifier: "aurora-export" })
    .resolves({
      DBClusterSnapshotAttributesResult: {
        DBClusterSnapshotIdentifier: "aurora-export",
        DBClusterSnapshotAttributes: [restore("999999999999")],
      },
    });
}

describe("collectRds", () => {
  beforeEach(() => rds.reset());

  it("reads every page of manual DB and cluster snapshots with their restore attributes, sorted", async () => {
    answerEverything();
    const scope = testScope();
    const section = await collectRds(scope, plainRegionalClients(), regionTarget());
    expect(section).toEqual({
      DBSnapshots: [
        {
          DBSnapshotIdentifier: "audit",
          DBSnapshotArn: snapshotArn("audit"),
          Attributes: [restore()],
        },
        {
          DBSnapshotIdentifier: "billing-2026",
          DBSnapshotArn: snapshotArn("billing-2026"),
          Attributes: [restore("444455556666", "999999999999")],
        },
        {
          DBSnapshotIdentifier: "orders-final",
          DBSnapshotArn: snapshotArn("orders-final"),
          Attributes: [restore("all")],
        },
      ],
      DBClusterSnapshots: [
        {
          DBClusterSnapshotIdentifier: "aurora-export",
          DBClusterSnapshotArn: clusterSnapshotArn("aurora-export"),
          Attributes: [restore("999999999999")],
        },
      ],
    });
    expect(scope.errors).toEqual([]);
    expect(rds.commandCalls(DescribeDBSnapshotsCommand).map((call) => call.args[0].input)).toEqual([
      expect.objectContaining({ SnapshotType: "manual", MaxRecords: 100 }),
      expect.objectContaining({ SnapshotType: "manual", MaxRecords: 100 }),
    ]);
    expect(rds.commandCalls(DescribeDBClusterSnapshotsCommand)[0]?.args[0].input).toMatchObject({
      SnapshotType: "manual",
    });
  });

  it("retries throttled calls until they are answered", async () => {
    answerEverything();
    rds
      .on(DescribeDBClusterSnapshotsCommand)
      .rejectsOnce(throttled())
      .resolves({
        DBClusterSnapshots: [
          {
            DBClusterSnapshotIdentifier: "aurora-export",
            DBClusterSnapshotArn: clusterSnapshotArn("aurora-export"),
          },
        ],
      });
    const scope = testScope();
    const section = await collectRds(scope, plainRegionalClients(), regionTarget());
    expect(section?.DBClusterSnapshots).toHaveLength(1);
    expect(scope.errors).toEqual([]);
    expect(rds.commandCalls(DescribeDBClusterSnapshotsCommand)).toHaveLength(2);
  });

  it("records attributes it may not read on one snapshot, keeping the snapshot listed", async () => {
    answerEverything();
    rds
      .on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: "billing-2026" })
      .rejects(denied("DescribeDBSnapshotAttributes"));
    const scope = testScope();
    const section = await collectRds(scope, plainRegionalClients(), regionTarget());
    expect(section?.DBSnapshots).toContainEqual({
      DBSnapshotIdentifier: "billing-2026",
      DBSnapshotArn: snapshotArn("billing-2026"),
    });
    expect(scope.errors).toEqual([
      {
        service: "rds",
        region: "eu-west-1",
        operation: "DescribeDBSnapshotAttributes",
        resource: snapshotArn("billing-2026"),
        code: "AccessDenied",
        message: "User is not authorized to perform: rds:DescribeDBSnapshotAttributes",
      },
    ]);
  });

  it("leaves out snapshots deleted between the listing and the attribute read, without an error", async () => {
    answerEverything();
    rds
      .on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: "orders-final" })
      .rejects(dbSnapshotGone());
    rds
      .on(DescribeDBClusterSnapshotAttributesCommand, { DBClusterSnapshotIdentifier: "aurora-export" })
      .rejects(clusterSnapshotGone());
    const scope = testScope();
    const section = await collectRds(scope, plainRegionalClients(), regionTarget());
    expect(
      (section?.DBSnapshots as { DBSnapshotIdentifier: string }[]).map((s) => s.DBSnapshotIdentifier),
    ).toEqual(["audit", "billing-2026"]);
    expect(section?.DBClusterSnapshots).toEqual([]);
    expect(scope.errors).toEqual([]);
    // Counted once each for the run's summary.
    expect(scope.stats.resourcesGone).toBe(2);
  });

  it("keeps the DB snapshots when the cluster snapshot listing is denied", async () => {
    answerEverything();
    rds.on(DescribeDBClusterSnapshotsCommand).rejects(denied("DescribeDBClusterSnapshots"));
    const scope = testScope();
    const section = await collectRds(scope, plainRegionalClients(), regionTarget());
    expect(section).not.toHaveProperty("DBClusterSnapshots");
    expect(section?.DBSnapshots).toHaveLength(3);
    expect(scope.errors).toEqual([
      expect.objectContaining({
        service: "rds",
        region: "eu-west-1",
        operation: "DescribeDBClusterSnapshots",
        code: "AccessDenied",
      }),
    ]);
  });

  it("returns nothing for a region whose every call is denied", async () => {
    rds.onAnyCommand().rejects(denied("*"));
    const scope = testScope();
    expect(await collectRds(scope, plainRegionalClients(), regionTarget())).toBeUndefined();
    expect(scope.errors.map((e) => e.operation).sort()).toEqual([
      "DescribeDBClusterSnapshots",
      "DescribeDBSnapshots",
    ]);
  });
});
