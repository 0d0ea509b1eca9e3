import cluster, { type Worker } from 'node:cluster';

import { AggregatorRegistry, type Registry } from 'prom-client';

import type { Logger } from '../server/logger';

/** What a worker tells the primary once its gateway listens. */
export interface WorkerReady {
  readonly gatewayReady: string;
}

export interface GatewayWorkers {
  /** The GraphQL URL the workers share. */
  readonly url: string;
  /** The workers' process ids (benchmarks read their CPU time). */
  pids(): number[];
  /** Every worker's metrics, aggregated (what the primary's metrics port serves). */
  renderMetrics(): Promise<string>;
  /** Asks every worker to drain and stop, and waits for them (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Forks `count` gateway workers (node:cluster: they share the listening port, and the
 * primary hands them connections in turn) with `env` added to their environment, and
 * resolves once every one listens. A worker that dies unasked is replaced. The primary
 * keeps what is not the gateway's: in embedded mode, the subgraphs and their events.
 */
export async function startGatewayWorkers(count: number, env: Readonly<Record<string, string>>, logger: Logger): Promise<GatewayWorkers> {
  let stopping = false;
  let url = '';
  // The primary's metrics port answers for every worker: prom-client asks each one.
  const aggregator = new AggregatorRegistry();
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
          logger.error({ pid: worker.process.pid, exit: signal ?? code }, 'gateway worker exited; starting another');
          void fork().then((replacement) => workers.add(replacement), (error: unknown) => logger.error({ err: error }, 'gateway worker could not be replaced'));
          workers.delete(worker);
        });
        resolve(worker);
      });
    });
  const workers = new Set<Worker>(await Promise.all(Array.from({ length: count }, fork)));
  return {
    url,
    pids: () => [...workers].map((worker) => worker.process.pid!),
    renderMetrics: () => aggregator.clusterMetrics(),
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

/** In a worker: the registry the primary's aggregation collects from this worker. */
export function shareMetricsWithPrimary(registry: Registry): void {
  // prom-client answers the primary's requests from a listener its AggregatorRegistry constructor installs.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}
