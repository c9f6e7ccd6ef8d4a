import { rmSync } from "node:fs";

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Files to remove on an interrupt; one handler per signal serves them all (a split report stages one per account). */
const registered = new Set<{ file: string }>();

function onSignal(signal: NodeJS.Signals): void {
  uninstall();
  try {
    for (const { file } of registered) {
      try {
        rmSync(file, { force: true });
      } catch {
        // The others are still removed; the signal still ends the process.
      }
    }
    registered.clear();
  } finally {
    process.kill(process.pid, signal);
  }
}

function install(): void {
  for (const signal of SIGNALS)
    if (!process.listeners(signal).includes(onSignal)) process.on(signal, onSignal);
}

function uninstall(): void {
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/**
 * Removes `file` if the process is interrupted (Ctrl-C, `kill`, a closed terminal), then lets the signal end
 * the process as it would have. Returns a function that stops it. SIGKILL cannot be caught.
 */
export function removeOnInterrupt(file: string): () => void {
  const entry = { file };
  registered.add(entry);
  install();
  return () => {
    registered.delete(entry);
    if (registered.size === 0) uninstall();
  };
}
