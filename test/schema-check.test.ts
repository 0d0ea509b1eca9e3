import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { apiSchemaOf, compareSupergraphs, undescribedElements } from '../schema/breaking-changes';

/**
 * Issue 8: what `npm run schema:check` tells frontend teams. A change that can break a
 * client fails it unless it is listed as intended; every public element is described.
 */
describe('schema check', () => {
  const current = readFileSync(join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8');
  const edited = (from: string | RegExp, to: string) => {
    const next = current.replace(from, to);
    expect(next).not.toBe(current);
    return next;
  };

  it('finds a removed enum value, a removed field and an argument made required, and nothing in an unchanged graph', () => {
    expect(compareSupergraphs(current, current, []).breaking).toEqual([]);
    const withoutValue = edited(/\n\n\s*"""[^"]*"""\n\s*AGENT_PREMIUM @join__enumValue[^\n]*/, '');
    expect(compareSupergraphs(current, withoutValue, []).breaking).toEqual(['AGENT_PREMIUM was removed from enum type UsageType.']);
    const withoutField = edited('  """Name."""\n  name: String!\n}', '}');
    expect(compareSupergraphs(current, withoutField, []).breaking).toContain('Partner.name was removed.');
    const requiredArgument = edited(/(\n\s*plans\(\n(?:[^\n]*\n)*?\s*productLine: ProductLine)\n/, '$1!\n');
    expect(compareSupergraphs(current, requiredArgument, []).breaking).toEqual(['Query.plans arg productLine has changed type from ProductLine to ProductLine!.']);
  });

  it('lets a breaking change through when it is listed as intended, and reports it as such', () => {
    const withoutValue = edited(/\n\n\s*"""[^"]*"""\n\s*AGENT_PREMIUM @join__enumValue[^\n]*/, '');
    const result = compareSupergraphs(current, withoutValue, [{ change: 'AGENT_PREMIUM was removed from enum type UsageType.', reason: 'merged into AGENT_STANDARD' }]);
    expect(result).toEqual({ breaking: [], intended: ['AGENT_PREMIUM was removed from enum type UsageType.'], dangerous: [] });
  });

  it('every public type, field, argument and enum value of the graph has a description', () => {
    expect(undescribedElements(apiSchemaOf(current))).toEqual([]);
    expect(undescribedElements(apiSchemaOf(edited('  """Name."""\n  name: String!', '  name: String!')))).toEqual(['Partner.name']);
  });
});
