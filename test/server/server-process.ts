import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A port nothing listens on right now, for a child process that cannot report the port it took. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

export interface ServerProcess {
  child: ChildProcess;
  /** Everything the process wrote so far, for failure messages. */
  output(): string;
  exited: Promise<number | null>;
}

/** `node <script>` with exactly `env` (plus PATH), as `npm start` runs the backend in the image. */
export function startNode(script: string, cwd: string, env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [script], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => chunks.join(''), exited };
}

/** Polls `url` until it answers at all (any status); the process starting is what is awaited, not a duration. */
export async function waitUntilListening(url: string, server: ServerProcess, attempts = 200): Promise<void> {
  let exitCode: number | null | undefined;
  void server.exited.then((code) => {
    exitCode = code;
  });
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (exitCode !== undefined) throw new Error(`the server exited (${exitCode}):\n${server.output()}`);
    try {
      await fetch(url);
      return;
    } catch {
      await sleep(50);
    }
  }
  throw new Error(`${url} never answered:\n${server.output()}`);
}
