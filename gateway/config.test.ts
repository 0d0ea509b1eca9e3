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

  const urls = { CATALOG_URL: 'http://c/graphql', ENTITLEMENTS_URL: 'http://e/graphql', SUBSCRIPTIONS_URL: 'http://s/graphql', INVOICING_URL: 'http://i/graphql' };
  const s = 's'.repeat(32);
  const g = 'g'.repeat(32);

  it('refuses to start in production without a signing secret, a gateway secret or subgraph URLs', () => {
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', GATEWAY_SECRET: g, ...urls })).toThrow(/AUTH_JWT_SECRET/);
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: s, ...urls })).toThrow(/GATEWAY_SECRET/);
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: s, GATEWAY_SECRET: g })).toThrow(/CATALOG_URL/);
    const config = loadGatewayConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp/jwks', GATEWAY_SECRET: g, ...urls });
    expect(config.auth.usingDevSecret).toBe(false);
    expect(config.auth.hs256Secret).toBe('');
  });

  it('refuses, in production, the public development secrets and secrets under 32 bytes, naming the variable', () => {
    const production = { NODE_ENV: 'production', ...urls };
    expect(() => loadGatewayConfig({ ...production, AUTH_JWT_SECRET: 'dev-secret-change-me', GATEWAY_SECRET: g })).toThrow(/AUTH_JWT_SECRET is a public development value/);
    expect(() => loadGatewayConfig({ ...production, AUTH_JWT_SECRET: s, GATEWAY_SECRET: 'dev-gateway-secret-change-me' })).toThrow(/GATEWAY_SECRET is a public development value/);
    expect(() => loadGatewayConfig({ ...production, AUTH_JWT_SECRET: 'x', GATEWAY_SECRET: g })).toThrow(/AUTH_JWT_SECRET must be at least 32 bytes/);
    expect(() => loadGatewayConfig({ ...production, AUTH_JWT_SECRET: s, GATEWAY_SECRET: 'g'.repeat(31) })).toThrow(/GATEWAY_SECRET must be at least 32 bytes/);
    // A JWKS does not excuse a weak HS256 secret given beside it.
    expect(() => loadGatewayConfig({ ...production, AUTH_JWKS_URL: 'https://idp/jwks', AUTH_JWT_SECRET: 'short', GATEWAY_SECRET: g })).toThrow(/AUTH_JWT_SECRET must be at least 32 bytes/);
    expect(loadGatewayConfig({ ...production, AUTH_JWT_SECRET: s, GATEWAY_SECRET: g }).gatewaySecret).toBe(g);
    // Outside production the development values are the defaults.
    expect(loadGatewayConfig({ AUTH_JWT_SECRET: 'x', GATEWAY_SECRET: 'y' }).gatewaySecret).toBe('y');
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
