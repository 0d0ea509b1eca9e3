import { ConfigError, DEV_JWT_SECRET, loadGatewayConfig } from './config';

describe('gateway configuration', () => {
  it('uses the development secret when AUTH_JWT_SECRET is unset outside production, and says so', () => {
    const config = loadGatewayConfig({});
    expect(config.auth.hs256Secret).toBe(DEV_JWT_SECRET);
    expect(config.auth.usingDevSecret).toBe(true);
    expect(config.auth.issuer).toBe('licensing-dev');
    expect(config.auth.audience).toBe('licensing-graph');
    expect(config.port).toBe(4000);
    expect(config.subgraphUrls).toBeNull();
  });

  it('refuses to start in production without a signing secret, a gateway secret or subgraph URLs', () => {
    const urls = { CATALOG_URL: 'http://c/graphql', ENTITLEMENTS_URL: 'http://e/graphql', SUBSCRIPTIONS_URL: 'http://s/graphql', INVOICING_URL: 'http://i/graphql' };
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', GATEWAY_SECRET: 'g', ...urls })).toThrow(/AUTH_JWT_SECRET/);
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 's', ...urls })).toThrow(/GATEWAY_SECRET/);
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 's', GATEWAY_SECRET: 'g' })).toThrow(/CATALOG_URL/);
    const config = loadGatewayConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp/jwks', GATEWAY_SECRET: 'g', ...urls });
    expect(config.auth.usingDevSecret).toBe(false);
    expect(config.auth.hs256Secret).toBe('');
  });

  it('names a malformed setting', () => {
    expect(() => loadGatewayConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ CATALOG_URL: 'http://c/graphql' })).toThrow(/missing ENTITLEMENTS_URL/);
    expect(() => loadGatewayConfig({ SUBGRAPH_DEDUPLICATION: 'yes' })).toThrow(/SUBGRAPH_DEDUPLICATION must be on or off/);
  });

  it('shares identical in-flight subgraph queries unless SUBGRAPH_DEDUPLICATION=off', () => {
    expect(loadGatewayConfig({}).subgraphDeduplication).toBe(true);
    expect(loadGatewayConfig({ SUBGRAPH_DEDUPLICATION: 'off' }).subgraphDeduplication).toBe(false);
  });

  it('serves from this process unless GATEWAY_WORKERS names a number of worker processes', () => {
    expect(loadGatewayConfig({}).gatewayWorkers).toBe(0);
    expect(loadGatewayConfig({ GATEWAY_WORKERS: '2' }).gatewayWorkers).toBe(2);
    expect(() => loadGatewayConfig({ GATEWAY_WORKERS: 'many' })).toThrow(/GATEWAY_WORKERS must be a non-negative integer/);
  });
});
