import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Supergraph } from '@apollo/federation-internals';
import { parse, validate, type OperationDefinitionNode } from 'graphql';

import { readSupergraphSdl } from '../schema/sdl';
import { composeSupergraph } from '../schema/supergraph';
import { startGraph, type TestGraph } from './support/start-graph';
import { tokenFor } from './support/tokens';

const CONTRACT = join(__dirname, '..', '..', 'shared', 'contract', 'operations.graphql');

describe('the client contract', () => {
  it('composes, and the committed supergraph is what a fresh compose writes', () => {
    const result = composeSupergraph();
    if ('errors' in result) throw new Error(result.errors.join('\n'));
    expect(readSupergraphSdl()).toBe(result.supergraphSdl);
  });

  it('every operation of shared/contract/operations.graphql validates against the API schema', () => {
    const api = Supergraph.build(readSupergraphSdl()).apiSchema().toGraphQLJSSchema();
    const document = parse(readFileSync(CONTRACT, 'utf8'));
    expect(document.definitions.length).toBeGreaterThan(30);
    expect(validate(api, document).map((error) => error.message)).toEqual([]);
  });

  it('no type takes a root operation type name by accident (a type named Subscription becomes the subscription root)', () => {
    const api = Supergraph.build(readSupergraphSdl()).apiSchema().toGraphQLJSSchema();
    expect(api.getSubscriptionType()).toBeUndefined();
    expect(api.getType('Subscription')).toBeUndefined();
  });

  it('the API schema has no federation internals (_entities, _service) for clients to call', () => {
    const api = Supergraph.build(readSupergraphSdl()).apiSchema().toGraphQLJSSchema();
    const fields = Object.keys(api.getQueryType()!.getFields());
    expect(fields).not.toContain('_entities');
    expect(fields).not.toContain('_service');
  });

  describe('through the gateway', () => {
    let graph: TestGraph;
    beforeAll(async () => {
      graph = await startGraph();
    });
    afterAll(() => graph?.stop());

    it('every contract operation is accepted by the gateway: data or a domain error, never a validation error', async () => {
      const document = parse(readFileSync(CONTRACT, 'utf8'));
      const source = readFileSync(CONTRACT, 'utf8');
      const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
      for (const operation of operations) {
        const response = await fetch(graph.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor({ scope: 'licensing:provision', sub: 'contract-test' })}` },
          body: JSON.stringify({ query: source, operationName: operation.name!.value, variables: {} }),
        });
        const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
        const codes = (body.errors ?? []).map((e) => e.extensions?.code);
        // Variables are missing here on purpose: the gateway must parse, validate and plan every
        // operation, and answer with a client error code, never an internal one.
        expect(codes).not.toContain('GRAPHQL_VALIDATION_FAILED');
        expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
      }
    });
  });
});
