import cluster, { type Worker } from 'node:cluster';

/** What a worker tells the primary once its gateway listens. */
export interface WorkerReady {
  readonly gatewayReady: string;
}

export interface GatewayWorkers {
  /** The GraphQL URL the workers share. */
  readonly url: string;
  /** The workers' process ids (benchmarks read their CPU time). */
  pids(): number[];
  /** Asks every worker to drain and stop, and waits for them (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Forks `count` gateway workers (node:cluster: they share the listening port, and the
 * primary hands them connections in turn) with `env` added to their environment, and
 * resolves once every one listens. A worker that dies unasked is replaced. The primary
 * keeps what is not the gateway's: in embedded mode, the subgraphs and their events.
 */
export async function startGatewayWorkers(count: number, env: Readonly<Record<string, string>>): Promise<GatewayWorkers> {
  let stopping = false;
  let url = '';
  const fork = () =>
    new Promise<Worker>((resolve, reject) => {
      const worker = cluster.fork(env);
      const onExit = (code: number | null) => reject(new Error(`gateway worker ${worker.process.pid} exited with ${code} before it listened`));
      worker.once('exit', onExit);
      worker.on('message', (message: Partial<WorkerReady>) => {
        if (typeof message?.gatewayReady !== 'string') return;
        url = message.gatewayReady;
        worker.off('exit', onExit);
        worker.once('exit', (code, signal) => {
          if (stopping) return;
          console.error(`gateway worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
          void fork().then((replacement) => workers.add(replacement), (error: unknown) => console.error('gateway worker could not be replaced', error));
          workers.delete(worker);
        });
        resolve(worker);
      });
    });
  const workers = new Set<Worker>(await Promise.all(Array.from({ length: count }, fork)));
  return {
    url,
    pids: () => [...workers].map((worker) => worker.process.pid!),
    stop: async (graceMs = 10_000) => {
      stopping = true;
      await Promise.all(
        [...workers].map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) return resolve();
              const force = setTimeout(() => worker.process.kill('SIGKILL'), graceMs);
              worker.once('exit', () => {
                clearTimeout(force);
                resolve();
              });
              worker.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/** In a worker: tells the primary the gateway listens at `url`. */
export function reportWorkerReady(url: string): void {
  const ready: WorkerReady = { gatewayReady: url };
  process.send?.(ready);
}
