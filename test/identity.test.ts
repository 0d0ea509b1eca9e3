import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type GenerateKeyPairResult, type KeyLike } from 'jose';

import { CALL_HEADER, encodePrincipal, PRINCIPAL_HEADER, PRINCIPAL_HEADER_TTL_SECONDS, signCall } from '../subgraphs/kernel/principal';
import { startGraph, TEST_GATEWAY_SECRET, type TestGraph } from './support/start-graph';
import { tokenFor } from './support/tokens';

const PLANS = /* GraphQL */ `{ plans { key } }`;
const secret = (s: string) => new TextEncoder().encode(s);

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('identity (contract README: Identity)', () => {
  let graph: TestGraph;
  let jwks: Server;
  let rsa: GenerateKeyPairResult<KeyLike>;
  let ec: GenerateKeyPairResult<KeyLike>;

  beforeAll(async () => {
    rsa = await generateKeyPair('RS256');
    ec = await generateKeyPair('ES256');
    const keys = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
    graph = await startGraph({ gatewayEnv: { AUTH_JWKS_URL: jwksUrl } });
  });
  afterAll(async () => {
    await graph?.stop();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const operatorClaims = { scope: 'licensing:provision' };

  async function expectUnauthenticated(authorization: string | null) {
    const { status, body } = await post(graph.url, { query: PLANS }, authorization ? { authorization } : {});
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    return body.errors[0].message as string;
  }

  it('accepts a valid HS256 token with the contract claims', async () => {
    const { status, body } = await post(graph.url, { query: PLANS }, { authorization: `Bearer ${await tokenFor(operatorClaims)}` });
    expect(status).toBe(200);
    expect(body.data.plans.length).toBeGreaterThan(0);
  });

  it('refuses a request without a token', async () => {
    expect(await expectUnauthenticated(null)).toMatch(/missing bearer token/);
  });

  it('refuses a token with a bad signature', async () => {
    const forged = await new SignJWT(operatorClaims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('licensing-dev')
      .setAudience('licensing-graph')
      .setExpirationTime('1h')
      .sign(secret('not-the-secret'));
    expect(await expectUnauthenticated(`Bearer ${forged}`)).toMatch(/signature/);
  });

  it('refuses an expired token', async () => {
    expect(await expectUnauthenticated(`Bearer ${await tokenFor({ ...operatorClaims, ttlSeconds: -60 })}`)).toMatch(/expired/);
  });

  it('refuses a token it has accepted once the token expires (verified tokens are remembered only until their exp)', async () => {
    const token = await tokenFor({ ...operatorClaims, ttlSeconds: 2 });
    const { exp } = decodeJwt(token) as { exp: number };
    for (let i = 0; i < 2; i++) expect((await post(graph.url, { query: PLANS }, { authorization: `Bearer ${token}` })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    expect(await expectUnauthenticated(`Bearer ${token}`)).toMatch(/expired/);
  });

  it('refuses a token for another audience or issuer', async () => {
    const sign = (iss: string, aud: string) =>
      new SignJWT(operatorClaims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('x')
        .setIssuer(iss)
        .setAudience(aud)
        .setExpirationTime('1h')
        .sign(secret('dev-secret-change-me'));
    expect(await expectUnauthenticated(`Bearer ${await sign('licensing-dev', 'another-api')}`)).toMatch(/aud/);
    expect(await expectUnauthenticated(`Bearer ${await sign('someone-else', 'licensing-graph')}`)).toMatch(/iss/);
  });

  it('refuses a token without exp', async () => {
    const noExp = await new SignJWT(operatorClaims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer('licensing-dev')
      .setAudience('licensing-graph')
      .sign(secret('dev-secret-change-me'));
    expect(await expectUnauthenticated(`Bearer ${noExp}`)).toMatch(/exp/);
  });

  it('refuses alg none and malformed tokens', async () => {
    const payload = { ...operatorClaims, sub: 'x', iss: 'licensing-dev', aud: 'licensing-graph', exp: Math.floor(Date.now() / 1000) + 600 };
    await expectUnauthenticated(`Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`);
    await expectUnauthenticated('Bearer not.a.token');
    await expectUnauthenticated('Basic dXNlcjpwYXNz');
  });

  it('refuses a valid token that names no principal (no tenant, partner or known scope)', async () => {
    expect(await expectUnauthenticated(`Bearer ${await tokenFor({ scope: 'openid' })}`)).toMatch(/names no tenant/);
    expect(await expectUnauthenticated(`Bearer ${await tokenFor({ scope: 'licensing:read', tenant: 't' })}`)).toMatch(/role/);
  });

  it('accepts RS256 and ES256 tokens from the JWKS, and refuses one signed by a key not in it', async () => {
    const claims = { ...operatorClaims };
    const sign = (alg: string, kid: string, key: KeyLike) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg, kid })
        .setSubject('jwks-user')
        .setIssuer('licensing-dev')
        .setAudience('licensing-graph')
        .setExpirationTime('5m')
        .sign(key);
    for (const [alg, kid, key] of [['RS256', 'rsa-1', rsa.privateKey], ['ES256', 'ec-1', ec.privateKey]] as const) {
      const { status, body } = await post(graph.url, { query: PLANS }, { authorization: `Bearer ${await sign(alg, kid, key)}` });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
    }
    const stranger = await generateKeyPair('RS256');
    await expectUnauthenticated(`Bearer ${await sign('RS256', 'rsa-1', stranger.privateKey)}`);
  });

  describe('a subgraph refuses requests that did not come through the gateway', () => {
    const entities = {
      query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { id name } } }',
      variables: { r: [{ __typename: 'Tenant', id: 'ten_x' }] },
    };
    const operator = { kind: 'operator', sub: 'gateway', scopes: ['licensing:provision'] } as const;
    /** The two headers the gateway sends: the principal header, and the call's binding to exactly this body. */
    const asGateway = (principalHeader: string, body: unknown, options: { ttlMs?: number; signedAt?: number } = {}) => ({
      [PRINCIPAL_HEADER]: principalHeader,
      [CALL_HEADER]: signCall(principalHeader, JSON.stringify(body), TEST_GATEWAY_SECRET, options.ttlMs ?? 10_000, options.signedAt),
    });

    it('without the principal header, for queries and _entities', async () => {
      for (const url of Object.values(graph.subgraphs.urls)) {
        const direct = await post(url, { query: '{ __typename }' });
        expect(direct.status).toBe(401);
        expect(direct.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }
      const direct = await post(graph.subgraphs.urls.subscriptions, entities);
      expect(direct.status).toBe(401);
      expect(direct.body.data).toBeUndefined();
    });

    it('with a principal header signed by another secret', async () => {
      const forged = encodePrincipal({ kind: 'operator', sub: 'mallory', scopes: ['licensing:provision'] }, 'guessed-secret');
      const direct = await post(graph.subgraphs.urls.subscriptions, entities, asGateway(forged, entities));
      expect(direct.status).toBe(401);
      const tampered = encodePrincipal({ kind: 'operator', sub: 'mallory', scopes: [] }, TEST_GATEWAY_SECRET).replace(/^[^.]+/, base64url({ kind: 'operator', sub: 'mallory', scopes: ['licensing:provision'] }));
      expect((await post(graph.subgraphs.urls.subscriptions, entities, asGateway(tampered, entities))).status).toBe(401);
    });

    it('with a gateway-signed header replayed after its time is up', async () => {
      const captured = encodePrincipal(operator, TEST_GATEWAY_SECRET, new Date(Date.now() - (PRINCIPAL_HEADER_TTL_SECONDS + 1) * 1000));
      const replayed = await post(graph.subgraphs.urls.subscriptions, entities, asGateway(captured, entities));
      expect(replayed.status).toBe(401);
    });

    it('with a gateway-signed header it has answered, once that header is out of time (verified headers are remembered only until then)', async () => {
      const signedAt = Date.now() - (PRINCIPAL_HEADER_TTL_SECONDS - 1) * 1000;
      const header = encodePrincipal(operator, TEST_GATEWAY_SECRET, new Date(signedAt));
      const expiresAt = (Math.floor(signedAt / 1000) + PRINCIPAL_HEADER_TTL_SECONDS) * 1000;
      expect((await post(graph.subgraphs.urls.subscriptions, entities, asGateway(header, entities))).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now() + 50));
      expect((await post(graph.subgraphs.urls.subscriptions, entities, asGateway(header, entities))).status).toBe(401);
    });

    it('with a captured principal header alone, or its call binding sent with another operation (issue 16, hardening item 10)', async () => {
      const header = encodePrincipal(operator, TEST_GATEWAY_SECRET);
      expect((await post(graph.subgraphs.urls.subscriptions, entities, { [PRINCIPAL_HEADER]: header })).status).toBe(401);
      // The binding of a harmless read, sent with a mutation: refused, and nothing is created.
      const mutation = { query: 'mutation { createPartner(input: { name: "Replayed" }) { id } }', variables: {} };
      const captured = asGateway(header, entities);
      const replayed = await post(graph.subgraphs.urls.subscriptions, mutation, captured);
      expect(replayed.status).toBe(401);
      expect(replayed.body.data).toBeUndefined();
      // The same operation with other variables is another body too.
      const otherTenant = { ...entities, variables: { r: [{ __typename: 'Tenant', id: 'ten_y' }] } };
      expect((await post(graph.subgraphs.urls.subscriptions, otherTenant, captured)).status).toBe(401);
    });

    it('with a call binding replayed, or used after its deadline', async () => {
      const header = encodePrincipal(operator, TEST_GATEWAY_SECRET);
      const once = asGateway(header, entities);
      expect((await post(graph.subgraphs.urls.subscriptions, entities, once)).status).toBe(200);
      expect((await post(graph.subgraphs.urls.subscriptions, entities, once)).status).toBe(401);
      const late = asGateway(header, entities, { ttlMs: 10_000, signedAt: Date.now() - 10_001 });
      expect((await post(graph.subgraphs.urls.subscriptions, entities, late)).status).toBe(401);
    });

    it('but answers the gateway-signed headers (so the refusals above are about the headers)', async () => {
      const signed = encodePrincipal(operator, TEST_GATEWAY_SECRET);
      const response = await post(graph.subgraphs.urls.subscriptions, entities, asGateway(signed, entities));
      expect(response.status).toBe(200);
      expect(response.body.data._entities).toEqual([null]);
    });
  });
});
