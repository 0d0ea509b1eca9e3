import type { EntityManager } from '@mikro-orm/core';

/** What every request's loaders are made from: at least the request's entity manager (of the subgraph's driver, `E`). */
export interface LoaderDeps<E extends EntityManager = EntityManager> {
  readonly em: E;
}

/**
 * How to make each of a subgraph's loaders: from the request's dependencies and the
 * request's other loaders (a loader may load through another one, which is then made too).
 */
export type LoaderFactories<D extends LoaderDeps, T> = { readonly [K in keyof T]: (deps: D, loaders: T) => T[K] };

/**
 * A request's loaders, each made when it is first used and kept for the rest of the
 * request. A subgraph call uses two or three of its subgraph's twenty loaders; making
 * them all on every call (a DataLoader each, and closures over the request's entity
 * manager) would cost every call for loaders it never uses (bench/README.md). The
 * factories are written once, at module level; a request pays for one object and the
 * loaders it asks for.
 */
export function lazyLoaders<D extends LoaderDeps, T extends object>(factories: LoaderFactories<D, T>): (deps: D) => T {
  const prototype: object = {};
  for (const key of Object.keys(factories) as (keyof T & string)[]) {
    const make = factories[key];
    Object.defineProperty(prototype, key, {
      enumerable: true,
      get(this: RequestLoaders<D>) {
        const value = make(this[DEPS], this as unknown as T);
        Object.defineProperty(this, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return (deps) => {
    const loaders = Object.create(prototype) as RequestLoaders<D>;
    loaders[DEPS] = deps;
    return loaders as unknown as T;
  };
}

const DEPS = Symbol('loader dependencies');

interface RequestLoaders<D> {
  [DEPS]: D;
}
