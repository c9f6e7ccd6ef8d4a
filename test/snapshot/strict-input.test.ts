import { execFileSync } from "node:child_process";
import { readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "../../src/model/snapshot.js";
import { InputError, readSnapshot } from "../../src/snapshot/index.js";
import { fixture } from "./fixture-paths.js";
import { TempSnapshots } from "./temp-snapshot.js";

const temp = new TempSnapshots();
afterAll(() => temp.cleanup());

const MANAGEMENT = "accounts/111122223333.json";
const DUMP = fixture("aws-cli-get-account-authorization-details.json");
let dumpText: string;
let managementText: string;

beforeAll(async () => {
  dumpText = await readFile(DUMP, "utf8");
  managementText = await readFile(join(fixture("valid"), MANAGEMENT), "utf8");
});

async function inputErrorOf(path: string): Promise<InputError> {
  const outcome = await readSnapshot(path).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome instanceof InputError) return outcome;
  throw new Error(`expected an InputError, got ${String(outcome)}`);
}

async function fileWith(name: string, bytes: Uint8Array | string): Promise<string> {
  const file = join(await temp.emptyDir(), name);
  await writeFile(file, bytes);
  return file;
}

/** What a snapshot read from one file holds, with positions but without the file's name. */
function contents(snapshot: Snapshot, file: string) {
  const accounts = snapshot.accounts.map((account) => ({
    id: account.accountId,
    roles: account.roles.map((role) => [role.name, role.trustPolicy]),
    buckets: account.buckets.map((bucket) => bucket.name),
  }));
  return JSON.stringify(accounts).replaceAll(JSON.stringify(file).slice(1, -1), "<file>");
}

/** A snapshot directory whose management account file is replaced by whatever `place` puts at its path. */
async function withManagementFile(place: (path: string) => Promise<void>): Promise<string> {
  const dir = await temp.variant({ [MANAGEMENT]: null });
  await place(join(dir, MANAGEMENT));
  return dir;
}

function mkfifo(path: string): void {
  execFileSync("mkfifo", [path]);
}

describe("text is decoded strictly", () => {
  it("refuses invalid UTF-8 in a dump, naming the file, byte offset, line, column and path", async () => {
    // Inside the first role's name (line 50: `      "RoleName": "EC2role",`), after "EC2".
    const before = dumpText.slice(0, dumpText.indexOf('\n      "RoleName": "') + 23);
    const at = Buffer.byteLength(before);
    const bytes = Buffer.from(dumpText);
    const file = await fileWith(
      "dump.json",
      Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]),
    );
    const error = await inputErrorOf(file);
    expect(error).toMatchObject({
      file,
      jsonPath: "$.RoleDetailList[0].RoleName",
      expected: "UTF-8 text",
      found: `the byte 0xff, which is not valid UTF-8 (byte offset ${at})`,
      line: 50,
      column: 23,
    });
  });

  it("finds the first invalid sequence among valid multi-byte characters and a real U+FFFD", async () => {
    // é (2 bytes), € (3), U+FFFD written in the file (3), 😀 (4), then an overlong encoding of "/".
    const prefix = Buffer.from('{"RoleDetailList": [], "x": "é€\ufffd😀');
    const file = await fileWith("dump.json", Buffer.concat([prefix, Buffer.from([0xc0, 0xaf, 0x22, 0x7d])]));
    expect((await inputErrorOf(file)).found).toBe(
      `the byte 0xc0, which is not valid UTF-8 (byte offset ${prefix.length})`,
    );
    const surrogate = await fileWith(
      "dump.json",
      Buffer.concat([prefix, Buffer.from([0xed, 0xa0, 0x80, 0x22, 0x7d])]),
    );
    expect((await inputErrorOf(surrogate)).found).toContain(`(byte offset ${prefix.length})`);
  });

  it("records an account file with invalid UTF-8 as unreadable and scans the others", async () => {
    const dir = await withManagementFile((path) =>
      writeFile(path, Buffer.concat([Buffer.from(managementText.slice(0, 40)), Buffer.from([0x80])])),
    );
    const snapshot = await readSnapshot(dir);
    expect(snapshot.accounts.map((account) => account.accountId)).toEqual(["444455556666"]);
    expect(snapshot.readProblems).toEqual([
      {
        file: join(dir, MANAGEMENT),
        jsonPath: "$.iam",
        message:
          "account 111122223333 skipped: line 3, column 8: expected UTF-8 text, " +
          "found the byte 0x80, which is not valid UTF-8 (byte offset 40)",
      },
    ]);
  });

  it("accepts a UTF-8 byte order mark, and UTF-16 with one (Windows PowerShell writes that)", async () => {
    const expected = contents(await readSnapshot(DUMP), DUMP);
    const withBom = await fileWith("dump.json", `\ufeff${dumpText}`);
    const littleEndian = await fileWith("dump.json", Buffer.from(`\ufeff${dumpText}`, "utf16le"));
    const bigEndian = await fileWith("dump.json", Buffer.from(`\ufeff${dumpText}`, "utf16le").swap16());
    for (const file of [withBom, littleEndian, bigEndian]) {
      expect(contents(await readSnapshot(file), file)).toEqual(expected);
    }
  });

  it("refuses UTF-16 with an unpaired surrogate, and UTF-16 without a byte order mark", async () => {
    const text = Buffer.from(`\ufeff{"RoleDetailList": [], "x": "a\ud800b"}`, "utf16le");
    const error = await inputErrorOf(await fileWith("dump.json", text));
    expect(error).toMatchObject({
      jsonPath: "$.x",
      expected: "UTF-16 text",
      found: "the code unit 0xd800, an unpaired UTF-16 surrogate (byte offset 62)",
    });
    const odd = await inputErrorOf(await fileWith("dump.json", text.subarray(0, 61)));
    expect(odd.found).toBe("a last byte that is half a UTF-16 code unit (byte offset 60)");
    const noBom = await inputErrorOf(await fileWith("dump.json", Buffer.from(dumpText, "utf16le")));
    expect(noBom).toMatchObject({
      expected: "UTF-8 text",
      found: "UTF-16 text without a byte order mark (save the file as UTF-8)",
    });
  });
});

const NOT_REGULAR = "not a regular file (trustscan reads only regular files: save the data to a file first)";

describe("only regular files are read, and none blocks", () => {
  it("records an account file that is a FIFO without opening it", async () => {
    // Reading it would wait forever for a writer.
    const dir = await withManagementFile(async (path) => mkfifo(path));
    const snapshot = await readSnapshot(dir);
    expect(snapshot.accounts.map((account) => account.accountId)).toEqual(["444455556666"]);
    expect(snapshot.readProblems).toEqual([
      {
        file: join(dir, MANAGEMENT),
        jsonPath: "$",
        message: `account 111122223333 skipped: expected the account file of 111122223333, found a named pipe (FIFO), ${NOT_REGULAR}`,
      },
    ]);
  });

  it("records an account file that is a symbolic link to a FIFO or a device", async () => {
    const dir = await withManagementFile(async (path) => {
      mkfifo(join(path, "..", "pipe"));
      await symlink("pipe", path);
    });
    expect((await readSnapshot(dir)).readProblems[0]?.message).toContain(
      `found a named pipe (FIFO), ${NOT_REGULAR}`,
    );
    // A device stays a device through a link: refused even when named on the command line.
    const zero = join(await temp.emptyDir(), "dump.json");
    await symlink("/dev/zero", zero);
    expect((await inputErrorOf(zero)).found).toBe(`a character device, ${NOT_REGULAR}`);
  });

  it("refuses a FIFO named on the command line without blocking", async () => {
    const pipe = join(await temp.emptyDir(), "dump.json");
    mkfifo(pipe);
    expect((await inputErrorOf(pipe)).found).toBe(`a named pipe (FIFO), ${NOT_REGULAR}`);
  });
});

describe("symbolic links do not lead out of a snapshot directory", () => {
  it("records an account file linking outside, naming the link and its target", async () => {
    const outside = await fileWith("elsewhere.json", managementText);
    const dir = await withManagementFile((path) => symlink(outside, path));
    const snapshot = await readSnapshot(dir);
    expect(snapshot.accounts.map((account) => account.accountId)).toEqual(["444455556666"]);
    expect(snapshot.readProblems).toEqual([
      {
        file: join(dir, MANAGEMENT),
        jsonPath: "$",
        message:
          "account 111122223333 skipped: expected the account file of 111122223333, found a symbolic link " +
          `(${join(dir, MANAGEMENT)} -> ${outside}) that leads outside the snapshot directory, to ${outside}`,
      },
    ]);
  });

  it("refuses a linked accounts directory, and a manifest or organization.json linking outside", async () => {
    const outsideAccounts = await temp.variant();
    const dir = await temp.variant();
    await rm(join(dir, "accounts"), { recursive: true });
    await symlink(join(outsideAccounts, "accounts"), join(dir, "accounts"));
    const snapshot = await readSnapshot(dir);
    expect(snapshot.accounts).toEqual([]);
    expect(snapshot.readProblems.map((problem) => problem.message)).toEqual(
      ["111122223333", "444455556666"].map(
        (id) =>
          `account ${id} skipped: expected the account file of ${id}, found a symbolic link ` +
          `(${join(dir, "accounts")} -> ${join(outsideAccounts, "accounts")}) that leads outside the ` +
          `snapshot directory, to ${join(outsideAccounts, "accounts", `${id}.json`)}`,
      ),
    );

    for (const name of ["snapshot.json", "organization.json"]) {
      const linked = await temp.variant({ [name]: null });
      await symlink(join(outsideAccounts, name), join(linked, name));
      expect(await inputErrorOf(linked)).toMatchObject({
        file: join(linked, name),
        found: expect.stringContaining("that leads outside the snapshot directory"),
      });
    }
  });

  it("reports a broken organization.json link instead of reading a standalone account", async () => {
    const dir = await temp.variant({ "organization.json": null });
    await symlink("gone.json", join(dir, "organization.json"));
    expect((await inputErrorOf(dir)).found).toBe(
      `a symbolic link (${join(dir, "organization.json")} -> gone.json) to nothing`,
    );
  });

  it("follows links inside the snapshot, and any link the user names", async () => {
    const dir = await temp.variant();
    await writeFile(join(dir, "management.json"), managementText);
    await rm(join(dir, MANAGEMENT));
    await symlink("../management.json", join(dir, MANAGEMENT));
    const snapshot = await readSnapshot(dir);
    expect(snapshot.readProblems).toEqual([]);
    expect(snapshot.accounts.map((account) => account.accountId)).toEqual(["111122223333", "444455556666"]);

    const named = join(await temp.emptyDir(), "dump.json");
    await symlink(join(process.cwd(), DUMP), named);
    expect(contents(await readSnapshot(named), named)).toEqual(contents(await readSnapshot(DUMP), DUMP));
    // A snapshot directory named through a link, and its snapshot.json named through one.
    const linkedDir = join(await temp.emptyDir(), "latest");
    await symlink(join(process.cwd(), fixture("valid")), linkedDir);
    expect((await readSnapshot(linkedDir)).readProblems).toEqual([]);
    expect((await readSnapshot(join(linkedDir, "snapshot.json"))).accounts).toHaveLength(2);
  });
});
