import { spawn } from 'node:child_process';

/** `sql-eval serve` as a real process (through tsx), for tests that talk to it over HTTP and stop it with SIGTERM. */

export interface ServeProcess {
  /** `http://127.0.0.1:<port>`, once it says it is listening. */
  url: string;
  /** What it printed so far. */
  output(): { stdout: string; stderr: string };
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startServe(args: string[], env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/main.ts', 'serve', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Listening on port (\d+)/.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    void exited.then((code) => reject(new Error(`serve exited (${code}) before listening: ${stderr.slice(0, 2000)}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => ({ stdout, stderr }),
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
