import { loadSubgraphConfig } from './config';
import { DEV_GATEWAY_SECRET } from './kernel/principal';

describe('a subgraph process’s configuration', () => {
  const nats = { NATS_URL: 'nats://127.0.0.1:4222' };

  it('names the subgraph, defaults its port, and uses the development gateway secret outside production', () => {
    const config = loadSubgraphConfig({ SUBGRAPH: 'invoicing', ...nats });
    expect(config.name).toBe('invoicing');
    expect(config.port).toBe(4004);
    expect(config.gatewaySecret).toBe(DEV_GATEWAY_SECRET);
    expect(config.database.url).toBeNull();
    expect(config.nats).toEqual({ url: 'nats://127.0.0.1:4222', stream: 'LICENSING_EVENTS', subjectPrefix: 'licensing.events' });
    expect(loadSubgraphConfig({ ...nats }, 'catalog').name).toBe('catalog');
  });

  it('stops at start, naming the setting, for an unknown subgraph, no NATS, or production without its secret or database', () => {
    expect(() => loadSubgraphConfig({ SUBGRAPH: 'billing', ...nats })).toThrow(/SUBGRAPH must be one of catalog, entitlements, subscriptions, invoicing/);
    expect(() => loadSubgraphConfig({ SUBGRAPH: 'catalog' })).toThrow(/NATS_URL must be set/);
    const production = { NODE_ENV: 'production', SUBGRAPH: 'catalog', ...nats };
    expect(() => loadSubgraphConfig({ ...production, DATABASE_URL: 'postgres://db/licensing' })).toThrow(/GATEWAY_SECRET must be set/);
    const secret = 's'.repeat(32);
    expect(() => loadSubgraphConfig({ ...production, GATEWAY_SECRET: secret })).toThrow(/DATABASE_URL must be set/);
    expect(loadSubgraphConfig({ ...production, GATEWAY_SECRET: secret, DATABASE_URL: 'postgres://db/licensing' }).production).toBe(true);
    const database = { DATABASE_URL: 'postgres://db/licensing' };
    expect(() => loadSubgraphConfig({ ...production, ...database, GATEWAY_SECRET: DEV_GATEWAY_SECRET })).toThrow(/GATEWAY_SECRET is a public development value/);
    expect(() => loadSubgraphConfig({ ...production, ...database, GATEWAY_SECRET: 'x' })).toThrow(/GATEWAY_SECRET must be at least 32 bytes/);
  });

  it('refuses malformed settings by name', () => {
    expect(() => loadSubgraphConfig({ SUBGRAPH: 'catalog', NATS_URL: 'http://nats' })).toThrow(/NATS_URL must be a nats: or tls: URL/);
    expect(() => loadSubgraphConfig({ SUBGRAPH: 'catalog', ...nats, DATABASE_URL: 'mysql://db' })).toThrow(/DATABASE_URL must be a postgres: or postgresql: URL/);
    expect(() => loadSubgraphConfig({ SUBGRAPH: 'catalog', ...nats, PORT: '-1' })).toThrow(/PORT must be a non-negative integer/);
    expect(() => loadSubgraphConfig({ SUBGRAPH: 'catalog', ...nats, DATABASE_SCHEMA_PREFIX: 'a; drop' })).toThrow(/DATABASE_SCHEMA_PREFIX/);
    expect(() => loadSubgraphConfig({ SUBGRAPH: 'catalog', ...nats, LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);
  });
});
