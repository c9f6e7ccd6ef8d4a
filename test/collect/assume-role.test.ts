import { STSClient, type AssumeRoleCommand, type AssumeRoleCommandOutput } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { assumedRoleCredentials, memberRoleArn } from "../../src/collect/assume-role.js";

const sts = new STSClient({
  region: "us-east-1",
  credentials: { accessKeyId: "fake", secretAccessKey: "fake" },
});
const role = {
  accountId: "444455556666",
  partition: "aws",
  roleName: "OrganizationAccountAccessRole",
  externalId: "ext-1",
};

function answer(key: string, expiresAt: number): AssumeRoleCommandOutput {
  return {
    $metadata: {},
    Credentials: {
      AccessKeyId: key,
      SecretAccessKey: "s",
      SessionToken: "t",
      Expiration: new Date(expiresAt),
    },
  };
}

describe("assumedRoleCredentials", () => {
  it("assumes the role once with the session name and external ID, then reuses the credentials", async () => {
    const commands: AssumeRoleCommand[] = [];
    let now = 0;
    const provider = assumedRoleCredentials(
      sts,
      role,
      async (_client, command) => {
        commands.push(command);
        return answer(`key-${commands.length}`, now + 3_600_000);
      },
      () => now,
    );
    const [a, b] = await Promise.all([provider(), provider()]);
    expect(a.accessKeyId).toBe("key-1");
    expect(b.accessKeyId).toBe("key-1");
    expect(commands).toHaveLength(1);
    expect(commands[0]?.input).toEqual({
      RoleArn: "arn:aws:iam::444455556666:role/OrganizationAccountAccessRole",
      RoleSessionName: "trustscan-collect",
      DurationSeconds: 3600,
      ExternalId: "ext-1",
    });

    // Close to expiry: renewed once, even with several requests asking at the same moment.
    now = 3_600_000 - 60_000;
    const renewed = await Promise.all([provider(), provider(), provider()]);
    expect(renewed.map((c) => c.accessKeyId)).toEqual(["key-2", "key-2", "key-2"]);
    expect(commands).toHaveLength(2);
  });

  it("does not keep a failure: the next request tries again", async () => {
    let calls = 0;
    const provider = assumedRoleCredentials(sts, role, async () => {
      calls += 1;
      if (calls === 1) throw new Error("AccessDenied");
      return answer("key", Date.now() + 3_600_000);
    });
    await expect(provider()).rejects.toThrow("AccessDenied");
    expect((await provider()).accessKeyId).toBe("key");
  });

  it("builds the role ARN in the caller's partition", () => {
    expect(memberRoleArn({ ...role, partition: "aws-us-gov" })).toBe(
      "arn:aws-us-gov:iam::444455556666:role/OrganizationAccountAccessRole",
    );
  });
});
