import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parseLogLine } from '../ops/start-services';
import { npmStartArguments, ROOT } from './support/npm-start';
import { waitFor } from './support/eventually';
import { tokenFor } from './support/tokens';

/** Starts the graph with `npm start`'s node arguments and waits for its "licensing graph ready" log line. */
function startProcess(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, npmStartArguments(), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 15 s:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = output.split('\n').map(parseLogLine).find((entry) => entry?.msg === 'licensing graph ready');
      if (ready) {
        clearTimeout(timer);
        resolve({ child, url: String(ready.url), output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready:\n${output}`));
    });
  });
}

describe('the quick start (npm start)', () => {
  it('serves the seed catalog with a dev token, says it uses the dev secret, and stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'licensing-start-'));
    const { child, url, output } = await startProcess({
      PORT: '0',
      HOST: '127.0.0.1',
      EMBEDDED_SUBGRAPH_PORTS: '0',
      DATABASE_URL: '',
      AUTH_JWT_SECRET: '',
      NODE_ENV: 'development',
      DATA_DIR: dir,
    });
    try {
      const warnings = output().split('\n').map(parseLogLine).filter((entry) => entry?.level === 'warn');
      expect(warnings.map((entry) => entry!.msg)).toContainEqual(expect.stringMatching(/using the development secret "dev-secret-change-me"/));
      // Every line the graph writes is a JSON log entry (server/logger.ts), the ORM's migrations included.
      expect(output().trim().split('\n').filter((line) => parseLogLine(line) === null)).toEqual([]);
      const health = await fetch(new URL('/health', url));
      expect(health.status).toBe(200);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor({ scope: 'licensing:read', tenant: 't', role: 'AGENT' })}` },
        body: JSON.stringify({ query: '{ plans { key } }' }),
      });
      const body = (await response.json()) as { data: { plans: { key: string }[] } };
      expect(body.data.plans.map((p) => p.key)).toEqual(expect.arrayContaining(['zoom_basic', 'aircall_professional', 'webex_standard']));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves from GATEWAY_WORKERS worker processes on one port, replaces one that dies, and stops them all on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'licensing-start-'));
    const { child, url, output } = await startProcess({ PORT: '0', HOST: '127.0.0.1', EMBEDDED_SUBGRAPH_PORTS: '0', DATABASE_URL: '', NODE_ENV: 'development', DATA_DIR: dir, GATEWAY_WORKERS: '2' });
    const workers = () => output().split('\n').map(parseLogLine).find((entry) => entry?.msg === 'gateway workers ready')!.pids as number[];
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const token = await tokenFor({ scope: 'licensing:read', tenant: 't', role: 'AGENT' });
    const plans = async () => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ plans { key } }' }) });
      return ((await response.json()) as { data: { plans: unknown[] } }).data.plans.length;
    };
    try {
      const [first, second] = workers();
      expect([first, second].every(alive)).toBe(true);
      for (let i = 0; i < 6; i++) expect(await plans()).toBeGreaterThan(0);
      process.kill(first!, 'SIGKILL');
      await waitFor(() => output().includes('gateway worker exited; starting another'));
      for (let i = 0; i < 6; i++) expect(await plans()).toBeGreaterThan(0);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(alive(second!)).toBe(false);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start in production without its secrets, naming the missing setting', async () => {
    await expect(startProcess({ NODE_ENV: 'production', AUTH_JWT_SECRET: '', AUTH_JWKS_URL: '', PORT: '0' })).rejects.toThrow(
      /exited with 1 before ready:[\s\S]*AUTH_JWT_SECRET/,
    );
  });
});
