// The scan worker run from the TypeScript sources (tests): tsx compiles it, as it does the main thread's code.
import { register } from "tsx/esm/api";

register();
await import("./scan-worker.ts");
