// stageSarifDirectory writes every account's file before it commits any: it must not hold the files' contents
// (each holds its account's findings) until then.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { stageSarifDirectory, type SarifDirectoryFile } from "../../src/cli/sarif-directory.js";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "trustscan-sarif-dir-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it("holds no account's findings once its file is written, and writes them all on commit", async () => {
  const held: WeakRef<object>[] = [];
  const accounts = Array.from({ length: 30 }, (_, i) => String(100000000000 + i));
  async function* files(): AsyncGenerator<SarifDirectoryFile> {
    for (const accountId of accounts) {
      const findings = { text: `{"account": "${accountId}"}\n` };
      held.push(new WeakRef(findings));
      yield {
        accountId,
        content: async (handle) => {
          await handle.write(findings.text);
        },
      };
    }
  }
  const out = path.join(dir, "sarif");
  const staged = await stageSarifDirectory(out, files());
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  expect(held.filter((ref) => ref.deref() !== undefined)).toEqual([]);
  expect((await readdir(out)).filter((name) => name.endsWith(".sarif"))).toEqual([]);
  await staged.commit();
  expect((await readdir(out)).sort()).toEqual(accounts.map((id) => `${id}.sarif`));
  expect(await readFile(path.join(out, `${accounts[3]}.sarif`), "utf8")).toBe(
    `{"account": "${accounts[3]}"}\n`,
  );
});
