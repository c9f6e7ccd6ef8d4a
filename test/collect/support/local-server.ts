/**
 * An HTTP server on 127.0.0.1 for the SDK's real HTTP handler to talk to (timeouts, retries): the test decides
 * how each request is answered, or whether it is answered at all.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { onTestFinished } from "vitest";

export interface SeenRequest {
  method: string;
  url: string;
  /** Set when the client gave up on the request (closed it) before it was answered. */
  abandoned: boolean;
}

export interface LocalServer {
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** `handle` answers with `res`, or leaves it open to never answer. Closed when the current test ends. */
export async function startLocalServer(
  handle: (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => void,
): Promise<LocalServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const seen: SeenRequest = { method: req.method ?? "", url: req.url ?? "", abandoned: false };
    requests.push(seen);
    res.on("close", () => {
      if (!res.writableFinished) seen.abandoned = true;
    });
    // The request body is not needed; reading it lets the client finish sending.
    req.resume();
    req.on("end", () => handle(req, res, seen));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      // Stalled requests hold their connections open: end them, or close would wait for them.
      server.closeAllConnections();
      server.close(() => resolve());
    });
  onTestFinished(close);
  return { url: `http://127.0.0.1:${port}`, requests, close };
}

/** An S3-style XML answer. */
export function xml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "application/xml" });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}
