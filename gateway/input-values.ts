import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  valueFromASTUntyped,
  type ValueNode,
} from 'graphql';

/**
 * Reads one custom scalar's input as its subgraphs do, throwing a GraphQLError whose
 * message never repeats the value. The gateway's schema is built from SDL, so its
 * custom scalars accept anything; these are checked here instead.
 */
export type ScalarReader = (value: unknown) => unknown;

/** C0 and C1 control characters and DEL; tab, line feed and carriage return are text. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Where in the request a refused value was: `$input.name`, or `argument "at" of tenant.primarySubscription`. */
type Place = string;

function refuse(place: Place, reason: string): never {
  throw new GraphQLError(`${place}: ${reason}`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

const NO_CONTROL = 'text must not contain control characters (only tab, line feed and carriage return are allowed)';

/**
 * Refuses, before any subgraph is called, input that no subgraph may receive (BAD_USER_INPUT,
 * HTTP 400, nothing changed): a value of a checked custom scalar (DateTime) that its reader
 * refuses, given as a literal or in a variable, and a control character anywhere in text,
 * which a database may refuse (PostgreSQL: NUL) with an internal error.
 *
 * A document's literals are checked once (Apollo reuses the parsed document of a query it
 * has seen); variables on every request, only where the operation declares any.
 */
export function refuseInvalidInput<TContext extends BaseContext>(scalars: Readonly<Record<string, ScalarReader>>): ApolloServerPlugin<TContext> {
  const checkedDocuments = new WeakSet<DocumentNode>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return;
          if (!checkedDocuments.has(document)) {
            checkLiterals(schema, document, scalars);
            checkedDocuments.add(document);
          }
          if (operation.variableDefinitions?.length) checkVariables(schema, operation, request.variables ?? {}, scalars);
        },
      };
    },
  };
}

/** Every literal of the document: text without control characters, checked scalars as their readers accept. */
function checkLiterals(schema: GraphQLSchema, document: DocumentNode, scalars: Readonly<Record<string, ScalarReader>>): void {
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  const place = () => {
    const argument = typeInfo.getArgument();
    const field = typeInfo.getFieldDef();
    const where = argument ? `argument "${[argument.name, ...path].join('.')}"` : 'a value';
    return field ? `${where} of ${typeInfo.getParentType()?.name ?? ''}.${field.name}` : where;
  };
  const checkValue = (node: ValueNode) => {
    if (node.kind === Kind.STRING && CONTROL.test(node.value)) refuse(place(), NO_CONTROL);
    const type = typeInfo.getInputType();
    const named = type ? getNamedType(type) : null;
    const read = named ? scalars[named.name] : undefined;
    if (!read) return;
    try {
      read(valueFromASTUntyped(node));
    } catch (error) {
      refuse(place(), error instanceof Error ? error.message : 'invalid value');
    }
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
      StringValue: checkValue,
      IntValue: checkValue,
      FloatValue: checkValue,
      BooleanValue: checkValue,
      EnumValue: checkValue,
    }),
  );
}

/** Every variable's value by its declared type: text without control characters, checked scalars as their readers accept. */
function checkVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  scalars: Readonly<Record<string, ScalarReader>>,
): void {
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (type && name in variables) checkValueOfType(variables[name], type, `$${name}`, scalars);
  }
}

function checkValueOfType(value: unknown, type: GraphQLInputType, place: Place, scalars: Readonly<Record<string, ScalarReader>>): void {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? (type as GraphQLNonNull<GraphQLInputType>).ofType : type;
  if (isListType(inner)) {
    const itemType = (inner as GraphQLList<GraphQLInputType>).ofType;
    if (Array.isArray(value)) value.forEach((item, i) => checkValueOfType(item, itemType, `${place}[${i}]`, scalars));
    else checkValueOfType(value, itemType, place, scalars);
    return;
  }
  if (isInputObjectType(inner)) {
    if (typeof value !== 'object' || Array.isArray(value)) return; // GraphQL's own coercion refuses it
    const fields = (inner as GraphQLInputObjectType).getFields();
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[key];
      if (field) checkValueOfType(item, field.type, `${place}.${key}`, scalars);
    }
    return;
  }
  if (typeof value === 'string' && CONTROL.test(value)) refuse(place, NO_CONTROL);
  const read = scalars[getNamedType(inner).name];
  if (!read) return;
  try {
    read(value);
  } catch (error) {
    refuse(place, error instanceof Error ? error.message : 'invalid value');
  }
}
