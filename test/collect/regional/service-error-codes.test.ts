/**
 * The error codes the collectors read as "deleted since it was listed" or "not set" are the ones the real SDK
 * clients raise from AWS's own error answers (each protocol carries them differently): real clients, answered by
 * a server on 127.0.0.1.
 */
import { EC2Client } from "@aws-sdk/client-ec2";
import { RDSClient } from "@aws-sdk/client-rds";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it, onTestFinished } from "vitest";
import { collectMultiRegionAccessPoints } from "../../../src/collect/multi-region-access-points.js";
import { collectEc2 } from "../../../src/collect/regional/ec2.js";
import { collectRds } from "../../../src/collect/regional/rds.js";
import type { RegionalClients } from "../../../src/collect/regional/regional-clients.js";
import { collectRegionalS3 } from "../../../src/collect/regional/s3-access-points.js";
import { ACCOUNT, plainRegionalClients, regionTarget, testScope } from "../support/plain-regional-clients.js";

interface Answer {
  status: number;
  body: string;
}
type Route = (request: { method: string; path: string; action: string | null }) => Answer;

/** A server that answers each request by its query action (EC2, RDS) or its path (S3, S3 Control). */
async function serve(route: Route): Promise<string> {
  const server = createServer((req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const action = new URLSearchParams(Buffer.concat(chunks).toString("utf8")).get("Action");
      const answer = route({ method: req.method ?? "", path: req.url ?? "", action });
      res.writeHead(answer.status, { "content-type": "text/xml" });
      res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${answer.body}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function loopbackClients(endpoint: string): RegionalClients {
  const config = {
    region: "eu-west-1",
    endpoint,
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  };
  const ec2 = new EC2Client(config);
  const rds = new RDSClient(config);
  // S3 Control's endpoint rules put the account id in front of the host (which must then be a name): the
  // request goes to the loopback address all the same.
  const s3Control = new S3ControlClient({ ...config, endpoint: endpoint.replace("127.0.0.1", "localhost") });
  s3Control.middlewareStack.add(
    (next) => (args) => {
      (args.request as { hostname: string }).hostname = "127.0.0.1";
      return next(args);
    },
    { step: "build", name: "loopbackHost" },
  );
  // A loopback endpoint has no bucket subdomains.
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  return {
    ...plainRegionalClients(),
    ec2: () => ec2,
    rds: () => rds,
    s3Control: () => s3Control,
    s3: () => s3,
  };
}

const ok = (body: string): Answer => ({ status: 200, body });
const unexpected = (what: string): Answer => ({
  status: 400,
  body: `<Response><Errors><Error><Code>Unexpected</Code><Message>${what}</Message></Error></Errors></Response>`,
});

describe("error codes of real SDK clients", () => {
  it("EC2: a snapshot and an AMI deleted since they were listed are left out; the states are read", async () => {
    const ec2Error = (code: string) => ({
      status: 400,
      body: `<Response><Errors><Error><Code>${code}</Code><Message>gone</Message></Error></Errors><RequestID>r</RequestID></Response>`,
    });
    const endpoint = await serve(({ action }) => {
      switch (action) {
        case "DescribeSnapshots":
          return ok(
            `<DescribeSnapshotsResponse><snapshotSet><item><snapshotId>snap-1</snapshotId></item></snapshotSet></DescribeSnapshotsResponse>`,
          );
        case "DescribeSnapshotAttribute":
          return ec2Error("InvalidSnapshot.NotFound");
        case "DescribeImages":
          return ok(
            `<DescribeImagesResponse><imagesSet><item><imageId>ami-1</imageId><name>base</name></item></imagesSet></DescribeImagesResponse>`,
          );
        case "DescribeImageAttribute":
          return ec2Error("InvalidAMIID.NotFound");
        case "GetSnapshotBlockPublicAccessState":
          return ok(
            `<GetSnapshotBlockPublicAccessStateResponse><state>block-all-sharing</state></GetSnapshotBlockPublicAccessStateResponse>`,
          );
        case "GetImageBlockPublicAccessState":
          return ok(
            `<GetImageBlockPublicAccessStateResponse><imageBlockPublicAccessState>unblocked</imageBlockPublicAccessState></GetImageBlockPublicAccessStateResponse>`,
          );
      }
      return unexpected(String(action));
    });
    const scope = testScope();
    expect(await collectEc2(scope, loopbackClients(endpoint), regionTarget())).toEqual({
      SnapshotBlockPublicAccessState: "block-all-sharing",
      ImageBlockPublicAccessState: "unblocked",
      Snapshots: [],
      Images: [],
    });
    expect(scope.errors).toEqual([]);
  });

  it("RDS: DB and cluster snapshots deleted since they were listed are left out", async () => {
    const rdsError = (code: string) => ({
      status: 404,
      body: `<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>not found</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
    });
    const endpoint = await serve(({ action }) => {
      switch (action) {
        case "DescribeDBSnapshots":
          return ok(
            `<DescribeDBSnapshotsResponse><DescribeDBSnapshotsResult><DBSnapshots><DBSnapshot><DBSnapshotIdentifier>s1</DBSnapshotIdentifier></DBSnapshot></DBSnapshots></DescribeDBSnapshotsResult></DescribeDBSnapshotsResponse>`,
          );
        case "DescribeDBSnapshotAttributes":
          return rdsError("DBSnapshotNotFound");
        case "DescribeDBClusterSnapshots":
          return ok(
            `<DescribeDBClusterSnapshotsResponse><DescribeDBClusterSnapshotsResult><DBClusterSnapshots><DBClusterSnapshot><DBClusterSnapshotIdentifier>c1</DBClusterSnapshotIdentifier></DBClusterSnapshot></DBClusterSnapshots></DescribeDBClusterSnapshotsResult></DescribeDBClusterSnapshotsResponse>`,
          );
        case "DescribeDBClusterSnapshotAttributes":
          return rdsError("DBClusterSnapshotNotFoundFault");
      }
      return unexpected(String(action));
    });
    const scope = testScope();
    expect(await collectRds(scope, loopbackClients(endpoint), regionTarget())).toEqual({
      DBSnapshots: [],
      DBClusterSnapshots: [],
    });
    expect(scope.errors).toEqual([]);
  });

  it("S3 Control: an access point without a policy is null, deleted access points are left out", async () => {
    const s3Error = (status: number, code: string) => ({
      status,
      body: `<ErrorResponse><Error><Code>${code}</Code><Message>no</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
    });
    const endpoint = await serve(({ method, path }) => {
      if (method !== "GET") return unexpected(path);
      const route = path.split("?")[0];
      switch (route) {
        case "/v20180820/accesspoint":
          return ok(
            `<ListAccessPointsResult><AccessPointList>` +
              `<AccessPoint><Name>kept</Name><NetworkOrigin>Internet</NetworkOrigin><Bucket>b</Bucket></AccessPoint>` +
              `<AccessPoint><Name>deleted</Name><NetworkOrigin>Internet</NetworkOrigin><Bucket>b</Bucket></AccessPoint>` +
              `</AccessPointList></ListAccessPointsResult>`,
          );
        case "/v20180820/accesspoint/kept":
          return ok(
            `<GetAccessPointResult><Name>kept</Name><Bucket>b</Bucket><NetworkOrigin>Internet</NetworkOrigin><BucketAccountId>${ACCOUNT}</BucketAccountId></GetAccessPointResult>`,
          );
        case "/v20180820/accesspoint/kept/policy":
          return s3Error(404, "NoSuchAccessPointPolicy");
        case "/v20180820/accesspoint/deleted":
        case "/v20180820/accesspoint/deleted/policy":
          return s3Error(404, "NoSuchAccessPoint");
        case "/v20180820/mrap/instances":
          return ok(
            `<ListMultiRegionAccessPointsResult><AccessPoints><AccessPoint><Name>gone</Name><Alias>g.mrap</Alias></AccessPoint></AccessPoints></ListMultiRegionAccessPointsResult>`,
          );
        case "/v20180820/mrap/instances/gone/policy":
          return s3Error(404, "NoSuchMultiRegionAccessPoint");
        case "/":
          if (path.includes("ListDirectoryBuckets"))
            return ok(
              `<ListAllMyDirectoryBucketsResult><Buckets></Buckets></ListAllMyDirectoryBucketsResult>`,
            );
      }
      return unexpected(path);
    });
    const clients = loopbackClients(endpoint);
    const scope = testScope();
    expect(await collectRegionalS3(scope, clients, regionTarget())).toEqual({
      AccessPoints: [
        {
          Name: "kept",
          AccessPointArn: `arn:aws:s3:eu-west-1:${ACCOUNT}:accesspoint/kept`,
          Bucket: "b",
          BucketAccountId: ACCOUNT,
          NetworkOrigin: "Internet",
          PublicAccessBlockConfiguration: null,
          Policy: null,
        },
      ],
      DirectoryBuckets: [],
    });
    expect(await collectMultiRegionAccessPoints(scope, clients.s3Control(), regionTarget())).toEqual([]);
    expect(scope.errors).toEqual([]);
  });
});
