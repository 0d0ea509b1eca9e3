/**
 * The gateway is healthy when every subgraph's `/health` answers 200 within the
 * timeout. Each subgraph's health route sits beside its `/graphql`.
 */
export async function checkSubgraphs(
  urls: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<Record<string, 'ok' | 'unavailable'>> {
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
