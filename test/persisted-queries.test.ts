import { readFileSync } from 'node:fs';

import { Kind, parse, type OperationDefinitionNode } from 'graphql';

import { CONTRACT_OPERATIONS_PATH, readManifest, sha256 } from '../schema/operation-manifest';
import { OPERATOR, startGraph, type TestGraph } from './support/start-graph';
import { tokenFor } from './support/tokens';

const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

async function post(graph: TestGraph, body: unknown): Promise<{ status: number; body: { data?: any; errors?: { extensions?: { code?: string } }[] } }> {
  const response = await fetch(graph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(OPERATOR)}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

describe('persisted queries', () => {
  describe('automatic persisted queries (the default)', () => {
    let graph: TestGraph;
    beforeAll(async () => {
      graph = await startGraph();
    });
    afterAll(() => graph.stop());

    it('a hash the gateway has not seen asks for the text once; then the hash alone is enough', async () => {
      const query = '{ plans { key } }';
      const hash = sha256(query);
      const unknown = await post(graph, { extensions: persisted(hash) });
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      const registered = await post(graph, { query, extensions: persisted(hash) });
      expect(registered.body.data.plans.length).toBeGreaterThan(0);
      const byHash = await post(graph, { extensions: persisted(hash) });
      expect(byHash.body.data).toEqual(registered.body.data);
    });
  });

  describe('PERSISTED_QUERIES=strict: only the manifest', () => {
    let graph: TestGraph;
    const manifest = readManifest();
    const plans = manifest.operations.find((o) => o.name === 'CatalogPlans')!;
    beforeAll(async () => {
      graph = await startGraph({ gatewayEnv: { PERSISTED_QUERIES: 'strict' } });
    });
    afterAll(() => graph.stop());

    it('holds every contract operation and the project ones', () => {
      const names = manifest.operations.map((o) => o.name);
      expect(names).toEqual(expect.arrayContaining(['CatalogPlans', 'TenantUsers', 'UserAiOverageResponsibility', 'PurchaseAddOn', 'PreviewAddOnAssignment']));
      for (const operation of manifest.operations) expect(operation.id).toBe(sha256(operation.body));
    });

    it('serves a manifest operation by its hash alone or by its exact text', async () => {
      const byHash = await post(graph, { extensions: persisted(plans.id), operationName: 'CatalogPlans' });
      expect(byHash.status).toBe(200);
      expect(byHash.body.data.plans.length).toBeGreaterThan(0);
      const byText = await post(graph, { query: plans.body });
      expect(byText.body.data).toEqual(byHash.body.data);
    });

    it('admits every contract operation as clients send it: its own text from operations.graphql, or the whole file with operationName', async () => {
      const contract = readFileSync(CONTRACT_OPERATIONS_PATH, 'utf8');
      const operations = parse(contract).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      expect(operations.length).toBeGreaterThan(10);
      const refused: string[] = [];
      let laidOutOtherwise = 0;
      for (const operation of operations) {
        const asWritten = contract.slice(operation.loc!.start, operation.loc!.end);
        if (asWritten !== manifest.operations.find((o) => o.name === operation.name!.value)!.body) laidOutOtherwise++;
        // Admitted means executed: whatever it answers (variables are missing), it is not the allow-list's refusal.
        for (const body of [{ query: asWritten }, { query: contract, operationName: operation.name!.value }]) {
          const response = await post(graph, body);
          if (response.body.errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) refused.push(`${operation.name!.value} (${'operationName' in body ? 'whole file' : 'as written'})`);
        }
      }
      expect(refused).toEqual([]);
      expect(laidOutOtherwise).toBeGreaterThan(0);
      // Layout and comments do not matter; one more field does.
      const relaidOut = `# the dashboard's plan picker\n${plans.body.replace(/\n/g, '\n\n').replace(/ {2}/g, '\t')}`;
      expect((await post(graph, { query: relaidOut })).body.data.plans.length).toBeGreaterThan(0);
      const widened = plans.body.replace('key', 'key tenantCount: __typename');
      expect((await post(graph, { query: widened })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect((await post(graph, { query: contract })).body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    });

    it('refuses anything else before parsing it, and keeps serving', async () => {
      const adHoc = await post(graph, { query: '{ plans { key } }' });
      expect(adHoc.status).toBe(400);
      expect(adHoc.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      const unknownHash = await post(graph, { extensions: persisted(sha256('{ plans { key } }')) });
      expect(unknownHash.status).toBe(400);
      const batch = await post(graph, [{ extensions: persisted(plans.id) }]);
      expect(batch.status).toBe(400);
      expect((await post(graph, { extensions: persisted(plans.id) })).status).toBe(200);
    });
  });
});
