import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Supergraph } from '@apollo/federation-internals';
import {
  findBreakingChanges,
  findDangerousChanges,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';

/** The public API schema of a supergraph: what clients see (no federation internals). */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/** A breaking change someone meant, committed in schema/intended-breaking-changes.json with the reason. */
export interface IntendedBreakingChange {
  /** graphql-js's description of the change, as `npm run schema:check` prints it. */
  readonly change: string;
  readonly reason: string;
}

export const INTENDED_CHANGES_PATH = join(__dirname, 'intended-breaking-changes.json');

export function readIntendedChanges(path = INTENDED_CHANGES_PATH): IntendedBreakingChange[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((c) => typeof c?.change === 'string' && typeof c?.reason === 'string' && c.reason.trim() !== '')) {
    throw new Error(`${path} must be a list of { "change": ..., "reason": ... } with a reason each`);
  }
  return parsed as IntendedBreakingChange[];
}

export interface SchemaComparison {
  /** Breaking for a client (a removed field, an argument made required, an enum value removed, ...), not marked intended. */
  readonly breaking: string[];
  /** Breaking, and marked intended. */
  readonly intended: string[];
  /** Not breaking, but may change what a client gets (an enum value added, a default changed). */
  readonly dangerous: string[];
}

/** What changes for clients from one supergraph to the next (graphql-js's findBreakingChanges on the API schemas). */
export function compareSupergraphs(before: string, after: string, intended: readonly IntendedBreakingChange[]): SchemaComparison {
  const [old, next] = [apiSchemaOf(before), apiSchemaOf(after)];
  const breaking = findBreakingChanges(old, next).map((c) => c.description);
  const meant = new Set(intended.map((c) => c.change));
  return {
    breaking: breaking.filter((c) => !meant.has(c)),
    intended: breaking.filter((c) => meant.has(c)),
    dangerous: findDangerousChanges(old, next).map((c) => c.description),
  };
}

/** Every public type, field, argument and enum value of the API schema without a description. */
export function undescribedElements(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const described = (what: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(what);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    described(`type ${type.name}`, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        described(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) described(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) described(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) described(`${type.name}.${value.name}`, value.description);
    }
  }
  return missing;
}
