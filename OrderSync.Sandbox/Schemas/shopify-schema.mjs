// Shopify's published Admin GraphQL schemas (introspection JSON per API version, shipped in @shopify/dev-mcp) and the
// checks the simulator runs against them with graphql-js, GraphQL's reference implementation.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, execute, getOperationAST, isAbstractType, parse, validate } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';

const dataDir = findDataDir(path.dirname(new URL(import.meta.url).pathname));
const schemas = new Map();
const documents = new Map();

function findDataDir(from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '@shopify', 'dev-mcp', 'dist', 'data');
    if (existsSync(candidate)) return candidate;
    if (dir === path.dirname(dir)) throw new Error('@shopify/dev-mcp is not installed: run `npm ci` in the repository root.');
  }
}

/** The Admin API versions whose schema is published, oldest first (unstable left out). */
export function publishedVersions() {
  return readdirSync(dataDir)
    .map(name => /^admin_(\d{4}-\d{2})\.json\.gz$/.exec(name)?.[1])
    .filter(Boolean)
    .sort();
}

function schemaOf(version) {
  if (!schemas.has(version)) {
    const file = path.join(dataDir, `admin_${version}.json.gz`);
    if (!existsSync(file)) return null;
    const introspection = JSON.parse(gunzipSync(readFileSync(file)));
    schemas.set(version, buildClientSchema(introspection.data ?? introspection));
  }
  return schemas.get(version);
}

/** The document parsed and validated once per version and text: {schema, document, operation, errors}. */
function documentOf(version, query) {
  const key = `${version}\n${query}`;
  if (!documents.has(key)) documents.set(key, prepare(version, query));
  return documents.get(key);
}

function prepare(version, query) {
  const schema = schemaOf(version);
  if (!schema)
    return { errors: [{ message: `API version ${version} is not published (published: ${publishedVersions().join(', ')})` }] };
  let document;
  try {
    document = parse(query ?? '');
  } catch (error) {
    return { errors: [formatted(error)] };
  }
  const errors = validate(schema, document).map(formatted);
  return { schema, document, operation: getOperationAST(document), errors };
}

/**
 * What is wrong with a request {query, variables} under the version's schema: the document, then the variables
 * (left out when `variables` is null: the document alone).
 */
export function requestProblems({ version, query, variables }) {
  const prepared = documentOf(version, query);
  if (prepared.errors.length > 0 || variables === null) return prepared.errors;
  const coerced = getVariableValues(prepared.schema, prepared.operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 50 });
  return (coerced.errors ?? []).map(formatted);
}

/**
 * The answer's data as the result of the request, and what is wrong with it. The request is executed against the schema
 * with each field read from the simulator's data by its response key, as a GraphQL server runs its resolvers: the result
 * holds exactly the fields asked for, and a field the data lacks, a null where the schema says non-null, or an enum value
 * or scalar the schema does not allow is a problem.
 */
export async function answerOf({ version, query, variables, data }) {
  const prepared = documentOf(version, query);
  if (prepared.errors.length > 0) return { problems: prepared.errors, data: null };
  if (data === null || data === undefined) return { problems: [], data: null };
  const result = await execute({
    schema: prepared.schema,
    document: prepared.document,
    rootValue: data,
    variableValues: variables ?? {},
    fieldResolver: (source, _args, _context, info) => {
      const key = info.path.key;
      if (!isObject(source) || !(key in source)) throw new Error(`The answer lacks "${key}", which the request asked for`);
      return source[key];
    },
    typeResolver: (value, _context, info, abstractType) => value?.__typename ?? onlyPossibleType(info.schema, abstractType),
  });
  return { problems: (result.errors ?? []).map(formatted), data: result.data ?? null };
}

function onlyPossibleType(schema, abstractType) {
  const possible = isAbstractType(abstractType) ? schema.getPossibleTypes(abstractType) : [];
  return possible.length === 1 ? possible[0].name : undefined;
}

const isObject = value => value !== null && typeof value === 'object' && !Array.isArray(value);

function formatted(error) {
  const problem = { message: error.message };
  if (error.locations?.length) problem.locations = error.locations;
  if (error.path?.length) problem.path = error.path;
  return problem;
}
