/**
 * A gateway's query calls in flight, by key, so identical ones share one request; and
 * the epoch that keeps a read from joining one started before a mutation finished:
 * every mutation call that ends (through any subgraph of this gateway) starts a new
 * epoch, so a client that has its mutation's answer never gets a read that began before
 * it. One per gateway: two gateways in a process (tests, the benchmark) share nothing.
 * A mutation made through another gateway replica is not seen; the window is one call's
 * duration, as with any replica lag.
 */
export class InFlightCalls<T> {
  private epoch = 0;
  private readonly calls = new Map<string, Promise<T>>();

  /** The key of a call: the epoch, where it goes, who asks (their signed principal header) and what. */
  keyOf(url: string, principalHeader: string, body: string): string {
    return `${this.epoch}\n${url}\n${principalHeader}\n${body}`;
  }

  /** The call in flight under the key, or a new one that others may join until it settles. */
  share(key: string, send: () => Promise<T>): Promise<T> {
    const running = this.calls.get(key);
    if (running) return running;
    const call = send().finally(() => {
      if (this.calls.get(key) === call) this.calls.delete(key);
    });
    this.calls.set(key, call);
    return call;
  }

  mutationEnded(): void {
    this.epoch++;
  }
}
