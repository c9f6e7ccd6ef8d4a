import { rmSync } from "node:fs";

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/**
 * Removes `file` if the process is interrupted (Ctrl-C, `kill`, a closed terminal), then lets the signal end
 * the process as it would have. Returns a function that removes the handlers. SIGKILL cannot be caught.
 */
export function removeOnInterrupt(file: string): () => void {
  const handler = (signal: NodeJS.Signals) => {
    dispose();
    try {
      rmSync(file, { force: true });
    } finally {
      process.kill(process.pid, signal);
    }
  };
  const dispose = () => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return dispose;
}
