import { buildCatalogSubgraph } from './catalog/subgraph';
import { CATALOG_ENTITIES } from './catalog/entities';
import { CATALOG_MIGRATIONS } from './catalog/migrations';
import { seedCatalog } from './catalog/commands/seed-catalog';
import type { SubgraphModule } from './runtime/subgraph-module';

export const catalogModule: SubgraphModule = {
  name: 'catalog',
  defaultPort: 4001,
  entities: CATALOG_ENTITIES,
  migrations: CATALOG_MIGRATIONS,
  build: ({ orm }) => buildCatalogSubgraph(orm),
  onStart: async (orm, now) => {
    await seedCatalog(orm.em.fork(), now);
  },
};

export const SUBGRAPH_MODULES: readonly SubgraphModule[] = [catalogModule];
