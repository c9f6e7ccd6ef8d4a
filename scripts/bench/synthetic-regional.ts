/**
 * The `regions` section of a synthetic account (docs/snapshot-format.md, "Version 2"): KMS keys, queues, topics,
 * functions, layers, secrets, repositories, file systems, tables, access points, EBS snapshots, AMIs and RDS
 * snapshots, in the mix a large organization has — mostly confined to the account or the organization, some
 * vendors, AWS services with and without source conditions, a few public. Seeded by the account's index only.
 */

type Json = Record<string, unknown>;

export interface RegionalContext {
  id: string;
  index: number;
  orgId: string;
  managementAccount: string;
  vendors: readonly string[];
  partners: readonly string[];
}

const REGION = "eu-west-1";

function document(...statements: Json[]): Json {
  return { Version: "2012-10-17", Statement: statements };
}

function orgOnly(principal: unknown, action: unknown, orgId: string, extra: Json = {}): Json {
  return {
    Effect: "Allow",
    Principal: principal,
    Action: action,
    ...extra,
    Condition: { StringEquals: { "aws:PrincipalOrgID": orgId } },
  };
}

/** How many of `total` resources get kind k, for weights summing to about 100. */
function share(total: number, percent: number): number {
  return Math.max(1, Math.round((total * percent) / 100));
}

function kmsKeys(ctx: RegionalContext, count: number): Json[] {
  const keys: Json[] = [];
  for (let n = 0; n < count; n += 1) {
    const keyId = `${String(ctx.index).padStart(8, "0")}-aaaa-4bbb-8ccc-${String(n).padStart(12, "0")}`;
    const arn = `arn:aws:kms:${REGION}:${ctx.id}:key/${keyId}`;
    const statements: Json[] = [
      {
        Sid: "Enable IAM User Permissions",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ctx.id}:root` },
        Action: "kms:*",
        Resource: "*",
      },
    ];
    if (n % 4 === 1)
      statements.push(orgOnly("*", ["kms:Decrypt", "kms:DescribeKey"], ctx.orgId, { Resource: "*" }));
    if (n % 10 === 7) {
      const vendor = ctx.vendors[n % ctx.vendors.length];
      statements.push({
        Sid: "VendorDecryptViaS3",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${vendor}:root` },
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": `s3.${REGION}.amazonaws.com` } },
      });
    }
    if (n === count - 1 && ctx.index % 6 === 0) {
      statements.push({
        Sid: "FormerVendor",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ctx.partners[0]}:root` },
        Action: "kms:*",
        Resource: "*",
      });
    }
    const grants: Json[] =
      n % 5 === 2
        ? [
            {
              GrantId: `${keyId.replace(/-/g, "")}g`,
              GranteePrincipal:
                ctx.index % 8 === 5 && n === 2
                  ? `arn:aws:iam::${ctx.partners[1]}:role/backup`
                  : `arn:aws:iam::${ctx.id}:role/app-${n}`,
              Operations: ["Decrypt", "GenerateDataKey"],
            },
          ]
        : [];
    keys.push({
      KeyId: keyId,
      Arn: arn,
      KeyManager: "CUSTOMER",
      KeyState: "Enabled",
      Policy: document(...statements),
      Grants: grants,
    });
  }
  return keys;
}

function queues(ctx: RegionalContext, count: number): Json[] {
  const list: Json[] = [];
  for (let n = 0; n < count; n += 1) {
    const name = `orders-${n}`;
    const arn = `arn:aws:sqs:${REGION}:${ctx.id}:${name}`;
    let policy: Json | null = null;
    if (n % 3 === 0) {
      policy = document({
        Sid: "FromOwnTopic",
        Effect: "Allow",
        Principal: { Service: "sns.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: arn,
        Condition: { ArnEquals: { "aws:SourceArn": `arn:aws:sns:${REGION}:${ctx.id}:events-${n}` } },
      });
    } else if (n % 3 === 1) {
      policy = document(
        orgOnly("*", ["sqs:SendMessage", "sqs:ReceiveMessage"], ctx.orgId, { Resource: arn }),
      );
    } else if (n === count - 1 && ctx.index % 9 === 4) {
      policy = document({ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: arn });
    }
    list.push({
      QueueUrl: `https://sqs.${REGION}.amazonaws.com/${ctx.id}/${name}`,
      QueueArn: arn,
      Policy: policy,
    });
  }
  return list;
}

function topics(ctx: RegionalContext, count: number): Json[] {
  const list: Json[] = [];
  for (let n = 0; n < count; n += 1) {
    const arn = `arn:aws:sns:${REGION}:${ctx.id}:events-${n}`;
    const statements: Json[] = [
      {
        Sid: "__default_statement_ID",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["SNS:Publish", "SNS:Subscribe", "SNS:GetTopicAttributes"],
        Resource: arn,
        Condition: { StringEquals: { "AWS:SourceOwner": ctx.id } },
      },
    ];
    if (n % 2 === 0) {
      statements.push({
        Sid: "S3Events",
        Effect: "Allow",
        Principal: { Service: "s3.amazonaws.com" },
        Action: "SNS:Publish",
        Resource: arn,
        Condition:
          n === 0 && ctx.index % 7 === 2 ? undefined : { StringEquals: { "aws:SourceAccount": ctx.id } },
      });
    }
    list.push({ TopicArn: arn, Policy: document(...statements) });
  }
  return list;
}

function functions(ctx: RegionalContext, count: number): Json[] {
  const list: Json[] = [];
  for (let n = 0; n < count; n += 1) {
    const name = `handler-${n}`;
    const arn = `arn:aws:lambda:${REGION}:${ctx.id}:function:${name}`;
    let policy: Json | null = null;
    const urls: Json[] = [];
    if (n % 2 === 0) {
      policy = document({
        Sid: "ApiGateway",
        Effect: "Allow",
        Principal: { Service: "apigateway.amazonaws.com" },
        Action: "lambda:InvokeFunction",
        Resource: arn,
        Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:execute-api:${REGION}:${ctx.id}:api${n}/*` } },
      });
    }
    if (n % 7 === 3)
      urls.push({
        FunctionUrl: `https://f${n}.lambda-url.${REGION}.on.aws/`,
        FunctionArn: arn,
        AuthType: "AWS_IAM",
      });
    if (n === count - 1 && ctx.index % 10 === 1) {
      urls.push({
        FunctionUrl: `https://p${n}.lambda-url.${REGION}.on.aws/`,
        FunctionArn: arn,
        AuthType: "NONE",
      });
      policy = document({
        Sid: "FunctionURLAllowPublicAccess",
        Effect: "Allow",
        Principal: "*",
        Action: "lambda:InvokeFunctionUrl",
        Resource: arn,
        Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } },
      });
    }
    if (n % 9 === 5) {
      policy = document({
        Sid: "PartnerInvoke",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ctx.partners[n % ctx.partners.length]}:root` },
        Action: "lambda:InvokeFunction",
        Resource: arn,
      });
    }
    list.push({ FunctionName: name, FunctionArn: arn, Policy: policy, FunctionUrlConfigs: urls });
  }
  return list;
}

function layers(ctx: RegionalContext, count: number): Json[] {
  const list: Json[] = [];
  for (let n = 0; n < count; n += 1) {
    const layerArn = `arn:aws:lambda:${REGION}:${ctx.id}:layer:shared-${n}`;
    const versionArn = `${layerArn}:1`;
    const statement: Json =
      n === 0 && ctx.index % 11 === 0
        ? {
            Sid: "public",
            Effect: "Allow",
            Principal: "*",
            Action: "lambda:GetLayerVersion",
            Resource: versionArn,
          }
        : orgOnly("*", "lambda:GetLayerVersion", ctx.orgId, { Sid: "org", Resource: versionArn });
    list.push({ LayerArn: layerArn, LayerVersionArn: versionArn, Version: 1, Policy: document(statement) });
  }
  return list;
}

function secrets(ctx: RegionalContext, count: number): Json[] {
  const list: Json[] = [];
  for (let n = 0; n < count; n += 1) {
    const name = `app/${n}/db`;
    const arn = `arn:aws:secretsmanager:${REGION}:${ctx.id}:secret:${name}-Ab${String(n).padStart(4, "0")}`;
    let policy: Json | null = null;
    if (n % 4 === 1) {
      policy = document({
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ctx.partners[n % ctx.partners.length]}:role/reader` },
        Action: "secretsmanager:GetSecretValue",
        Resource: "*",
      });
    } else if (n % 4 === 2) {
      policy = document(orgOnly("*", "secretsmanager:GetSecretValue", ctx.orgId, { Resource: "*" }));
    }
    list.push({ ARN: arn, Name: name, ResourcePolicy: policy });
  }
  return list;
}

function repositories(ctx: RegionalContext, count: number): Json[] {
  const list: Json[] = [];
  for (let n = 0; n < count; n += 1) {
    const name = `service-${n}`;
    let policy: Json | null = null;
    if (n % 2 === 0) {
      policy = document(
        orgOnly("*", ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], ctx.orgId, { Sid: "OrgPull" }),
      );
    } else if (n === 1) {
      policy = document({
        Sid: "LambdaPull",
        Effect: "Allow",
        Principal: { Service: "lambda.amazonaws.com" },
        Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        Condition: { StringLike: { "aws:sourceArn": `arn:aws:lambda:${REGION}:${ctx.id}:function:*` } },
      });
    }
    list.push({
      repositoryArn: `arn:aws:ecr:${REGION}:${ctx.id}:repository/${name}`,
      repositoryName: name,
      registryId: ctx.id,
      Policy: policy,
    });
  }
  return list;
}

function fileSystems(ctx: RegionalContext, count: number): Json[] {
  const list: Json[] = [];
  for (let n = 0; n < count; n += 1) {
    const id = `fs-${String(ctx.index).padStart(9, "0")}${n}`;
    const arn = `arn:aws:elasticfilesystem:${REGION}:${ctx.id}:file-system/${id}`;
    const policy =
      n % 2 === 0
        ? document({
            Sid: "DenyInsecure",
            Effect: "Deny",
            Principal: { AWS: "*" },
            Action: "*",
            Resource: arn,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          })
        : null;
    list.push({ FileSystemId: id, FileSystemArn: arn, Policy: policy });
  }
  return list;
}

function tables(ctx: RegionalContext, count: number): Json[] {
  const list: Json[] = [];
  for (let n = 0; n < count; n += 1) {
    const name = `ledger-${n}`;
    const arn = `arn:aws:dynamodb:${REGION}:${ctx.id}:table/${name}`;
    const stream = `${arn}/stream/2026-01-0${(n % 9) + 1}T00:00:00.000`;
    const shared = n === 0 && ctx.index % 4 === 3;
    list.push({
      TableName: name,
      TableArn: arn,
      Policy: shared
        ? document({
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ctx.partners[2]}:role/analytics` },
            Action: ["dynamodb:GetItem", "dynamodb:Query"],
            Resource: arn,
          })
        : null,
      LatestStreamArn: stream,
      StreamPolicy: null,
    });
  }
  return list;
}

function accessPoints(ctx: RegionalContext, count: number): Json[] {
  const list: Json[] = [];
  for (let n = 0; n < count; n += 1) {
    const name = `ap-${n}`;
    const arn = `arn:aws:s3:${REGION}:${ctx.id}:accesspoint/${name}`;
    list.push({
      Name: name,
      AccessPointArn: arn,
      Bucket: `acme-${ctx.id}-data-${n}`,
      BucketAccountId: ctx.id,
      NetworkOrigin: n % 2 === 0 ? "VPC" : "Internet",
      ...(n % 2 === 0 ? { VpcConfiguration: { VpcId: `vpc-${String(ctx.index).padStart(8, "0")}` } } : {}),
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
      Policy: document(orgOnly("*", "s3:GetObject", ctx.orgId, { Resource: `${arn}/object/*` })),
    });
  }
  return list;
}

function snapshots(ctx: RegionalContext, count: number): Json[] {
  const list: Json[] = [];
  for (let n = 0; n < count; n += 1) {
    const permissions =
      n === 0 && ctx.index % 13 === 6
        ? [{ Group: "all" }]
        : n % 2 === 1
          ? [{ UserId: ctx.partners[n % ctx.partners.length] }]
          : [];
    list.push({
      SnapshotId: `snap-${String(ctx.index).padStart(12, "0")}${n}`,
      CreateVolumePermissions: permissions,
    });
  }
  return list;
}

function images(ctx: RegionalContext, count: number): Json[] {
  const list: Json[] = [];
  for (let n = 0; n < count; n += 1) {
    list.push({
      ImageId: `ami-${String(ctx.index).padStart(12, "0")}${n}`,
      Name: `golden-${n}`,
      LaunchPermissions: [
        { OrganizationArn: `arn:aws:organizations::${ctx.managementAccount}:organization/${ctx.orgId}` },
      ],
    });
  }
  return list;
}

function dbSnapshots(ctx: RegionalContext, count: number): Json[] {
  const list: Json[] = [];
  for (let n = 0; n < count; n += 1) {
    const id = `nightly-${n}`;
    list.push({
      DBSnapshotIdentifier: id,
      DBSnapshotArn: `arn:aws:rds:${REGION}:${ctx.id}:snapshot:${id}`,
      Attributes: [{ AttributeName: "restore", AttributeValues: n % 3 === 2 ? [ctx.partners[0]] : [] }],
    });
  }
  return list;
}

/** The account's `regions` section, with about `resources` resources (one region). */
export function regionsSection(ctx: RegionalContext, resources: number): Json {
  return {
    [REGION]: {
      kms: { Keys: kmsKeys(ctx, share(resources, 20)) },
      sqs: { Queues: queues(ctx, share(resources, 15)) },
      sns: { Topics: topics(ctx, share(resources, 10)) },
      lambda: {
        Functions: functions(ctx, share(resources, 20)),
        LayerVersions: layers(ctx, share(resources, 3)),
      },
      secretsmanager: { Secrets: secrets(ctx, share(resources, 10)) },
      ecr: { Repositories: repositories(ctx, share(resources, 6)) },
      efs: { FileSystems: fileSystems(ctx, share(resources, 3)) },
      dynamodb: { Tables: tables(ctx, share(resources, 5)) },
      s3: { AccessPoints: accessPoints(ctx, share(resources, 2)), DirectoryBuckets: [] },
      ec2: {
        SnapshotBlockPublicAccessState: ctx.index % 2 === 0 ? "block-all-sharing" : "unblocked",
        ImageBlockPublicAccessState: "block-new-sharing",
        Snapshots: snapshots(ctx, share(resources, 3)),
        Images: images(ctx, share(resources, 1)),
      },
      rds: { DBSnapshots: dbSnapshots(ctx, share(resources, 3)), DBClusterSnapshots: [] },
    },
  };
}

/** Resources of a `regions` section that carry a policy or a share (what "policies" counts). */
export function policiesIn(section: Json): number {
  let count = 0;
  for (const services of Object.values(section) as Json[]) {
    for (const service of Object.values(services) as Json[]) {
      if (typeof service !== "object" || service === null) continue;
      for (const list of Object.values(service)) {
        if (!Array.isArray(list)) continue;
        for (const entry of list as Json[]) {
          const hasPolicy = ["Policy", "ResourcePolicy"].some(
            (key) => entry[key] !== null && entry[key] !== undefined,
          );
          const hasShares = ["CreateVolumePermissions", "LaunchPermissions", "Attributes"].some(
            (key) => key in entry,
          );
          if (hasPolicy || hasShares) count += 1;
        }
      }
    }
  }
  return count;
}
