/** Child process running `trustscan collect` as the CLI would: node --import tsx cli-child.ts <args...> */
import { createCollectCommand } from "../../../src/cli/collect-command.js";

await createCollectCommand().parseAsync(process.argv.slice(2), { from: "user" });
