import type { EntitySchema } from '@mikro-orm/core';

import type { SubgraphName } from '../../schema/sdl';
import type { IntegrationEvent } from '../kernel/integration-events';
import type { MigrationLists, Orm } from './orm';
import type { OutboxRelay } from './outbox';
import type { SubgraphParts } from './serve-subgraph';

/** What a subgraph needs from the process that runs it. */
export interface SubgraphDependencies {
  readonly orm: Orm;
  /** Delivers this subgraph's committed outbox rows now (mutations await it before answering). */
  readonly relay: OutboxRelay;
}

/** One subgraph as the processes that run it see it: how to build it, its tables, migrations and events. */
export interface SubgraphModule {
  readonly name: SubgraphName;
  /** Port in the embedded and distributed topologies (the gateway is on 4000). */
  readonly defaultPort: number;
  readonly entities: readonly EntitySchema<any, any>[];
  readonly migrations: MigrationLists;
  build(deps: SubgraphDependencies): SubgraphParts<any>;
  /** Runs once after migrations, before serving (the catalog's seed data). */
  onStart?(orm: Orm, now: Date): Promise<void>;
  /**
   * Applies an event of another subgraph once (runtime/outbox.ts consumeOnce); `now` is
   * the process's clock, as its requests read it. True when it applied something new
   * (what it enqueued then leaves with the relay at once).
   */
  consume?(orm: Orm, event: IntegrationEvent, now: Date): Promise<boolean | void>;
}
