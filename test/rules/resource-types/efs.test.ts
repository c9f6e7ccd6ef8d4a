/**
 * EFS file systems (docs/semantics.md#resource-types): elasticfilesystem:AccessedViaMountTarget says how the file
 * system is reached, not who reaches it; it does not confine.
 */
import { inBothZones, inZones, ruleTester } from "../rule-tester.js";
import { ORG, OUTSIDE, OWNER, policy, type Statement } from "./support.js";

const FILE_SYSTEM = "AWS::EFS::FileSystem" as const;
const VIA_MOUNT_TARGET = { Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" } };

/** Amazon EFS User Guide, "File system policy examples". */
function mount(
  principal: unknown,
  actions: string[],
  condition: Record<string, unknown> = VIA_MOUNT_TARGET,
): Statement {
  return {
    Effect: "Allow",
    Principal: principal,
    Action: actions,
    Resource: `arn:aws:elasticfilesystem:us-east-1:${OWNER}:file-system/fs-0123456789abcdef0`,
    Condition: condition,
  };
}

ruleTester("public-access", {
  valid: [
    ...inZones(["organization"], 'Principal "*" confined to the organization', {
      resource: FILE_SYSTEM,
      policy: policy(
        mount({ AWS: "*" }, ["elasticfilesystem:ClientMount"], {
          StringEquals: { "aws:PrincipalOrgID": ORG },
        }),
      ),
    }),
  ],
  invalid: [
    ...inBothZones(
      'EFS "File system policy examples": read-only mount for everyone through a mount target is still public',
      { resource: FILE_SYSTEM, policy: policy(mount({ AWS: "*" }, ["elasticfilesystem:ClientMount"])) },
      {
        expected: {
          severity: "high",
          message: "EFS file system fs-0123456789abcdef0 can be accessed by anyone",
          conditions: ["elasticfilesystem:AccessedViaMountTarget = true"],
        },
      },
    ),
    ...inBothZones(
      "mount and write for everyone: critical",
      {
        resource: FILE_SYSTEM,
        policy: policy(
          mount({ AWS: "*" }, ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]),
        ),
      },
      { expected: { severity: "critical" } },
    ),
  ],
});

ruleTester("external-access", {
  valid: [
    ...inBothZones(
      'EFS "File system policy examples": read and write for a role of the own account',
      {
        resource: FILE_SYSTEM,
        policy: policy(
          mount({ AWS: `arn:aws:iam::${OWNER}:role/EfsReadOnly` }, [
            "elasticfilesystem:ClientMount",
            "elasticfilesystem:ClientWrite",
          ]),
        ),
      },
      { activeRules: [] },
    ),
  ],
  invalid: [
    ...inBothZones(
      "a role of another account may mount: read, medium",
      {
        resource: FILE_SYSTEM,
        policy: policy(
          mount({ AWS: `arn:aws:iam::${OUTSIDE}:role/EfsReadOnly` }, ["elasticfilesystem:ClientMount"]),
        ),
      },
      { expected: { accounts: [OUTSIDE], severity: "medium" } },
    ),
    ...inZones(["account"], 'Principal "*" confined to the organization, in the account zone', {
      resource: FILE_SYSTEM,
      policy: policy(
        mount({ AWS: "*" }, ["elasticfilesystem:ClientMount"], {
          StringEquals: { "aws:PrincipalOrgID": ORG },
        }),
      ),
    }),
  ],
});
