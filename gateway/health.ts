import { reusedFor } from '../server/reused-check';

/** What the gateway knows of each subgraph's readiness. */
export type SubgraphReadiness = Record<string, 'ok' | 'unavailable'>;

/**
 * Readiness of the gateway: every subgraph's `/health` (its database answers) answers 200
 * within the timeout. Each check costs a call to every subgraph and a query to each
 * database, so one check serves every caller for `reuseMs` (and callers that come while
 * it runs wait for it): a flood of health probes costs the databases nothing more.
 */
export function subgraphReadiness(urls: Readonly<Record<string, string>>, timeoutMs: number, reuseMs = 1_000): () => Promise<SubgraphReadiness> {
  return reusedFor(reuseMs, () => checkSubgraphs(urls, timeoutMs));
}

async function checkSubgraphs(urls: Readonly<Record<string, string>>, timeoutMs: number): Promise<SubgraphReadiness> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const healthUrl = new URL('/health', url);
      try {
        const response = await fetch(healthUrl, { signal: AbortSignal.timeout(timeoutMs) });
        await response.arrayBuffer();
        return [name, response.ok ? 'ok' : 'unavailable'] as const;
      } catch {
        return [name, 'unavailable'] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
