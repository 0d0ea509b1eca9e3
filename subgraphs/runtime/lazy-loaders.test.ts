import type { EntityManager } from '@mikro-orm/core';

import { lazyLoaders } from './lazy-loaders';

interface Loaders {
  readonly byId: { readonly madeFor: string; readonly id: number };
  readonly throughById: { readonly via: Loaders['byId'] };
  readonly unused: string;
}

describe('a request\'s loaders, made on first use', () => {
  const made: string[] = [];
  let next = 0;
  const create = lazyLoaders<{ em: EntityManager; request: string }, Loaders>({
    byId: ({ request }) => {
      made.push(`byId for ${request}`);
      return { madeFor: request, id: next++ };
    },
    throughById: (_, loaders) => ({ via: loaders.byId }),
    unused: () => {
      made.push('unused');
      return 'never';
    },
  });
  const deps = (request: string) => ({ em: {} as EntityManager, request });

  it('makes a loader once per request, when it is first asked for, from that request\'s dependencies', () => {
    const first = create(deps('first'));
    expect(made).toEqual([]);
    const loader = first.byId;
    expect(first.byId).toBe(loader);
    expect(loader.madeFor).toBe('first');
    // A loader that loads through another gets the request's own.
    expect(first.throughById.via).toBe(loader);
    expect(made).toEqual(['byId for first']);
  });

  it('never shares a loader between requests (a DataLoader caches what one principal was allowed to read)', () => {
    const a = create(deps('a'));
    const b = create(deps('b'));
    expect(a.byId).not.toBe(b.byId);
    expect([a.byId.madeFor, b.byId.madeFor]).toEqual(['a', 'b']);
    expect(made).not.toContain('unused');
  });
});
