// PayPal's published OpenAPI 3.0 specifications (./paypal, from paypal/paypal-rest-api-specifications, Apache-2.0) and the
// checks the simulator runs against them with Ajv: each request body against its operation's request schema, each answer
// against the schema of its status code.
//
// The specifications leave additionalProperties open, so a misspelt property would pass plain JSON Schema. Here every object
// is closed (unevaluatedProperties: false, which sees through allOf). A readOnly property is not required in a request, nor
// a writeOnly one in an answer, as OpenAPI 3.0 defines them; neither is refused where it appears, because PayPal's own
// requests carry them (verify-webhook-signature takes the event as delivered, readOnly id and all).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

const specDir = path.join(path.dirname(new URL(import.meta.url).pathname), 'paypal');
const specs = readdirSync(specDir).filter(name => name.endsWith('.json'))
  .map(name => ({ name: name.replace(/\.json$/, ''), spec: withErrata(JSON.parse(readFileSync(path.join(specDir, name), 'utf8'))) }));
const validators = { request: compilerFor('request'), answer: compilerFor('answer') };
const operations = specs.flatMap(({ name, spec }) => Object.entries(spec.paths).flatMap(([template, methods]) =>
  Object.entries(methods).filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
    .map(([method, operation]) => ({ name, spec, method: method.toUpperCase(), template, pattern: pathPattern(template), operation }))));

/** What is wrong with a request body sent to {method, path}; an operation the specifications do not publish is one too. */
export function requestProblems({ method, path: requestPath, body }) {
  const found = operationOf(method, requestPath);
  if (!found) return [{ message: `${method} ${requestPath} is not an operation of the published PayPal specifications` }];
  const requestBody = resolve(found.spec, found.operation.requestBody);
  const schema = requestBody?.content?.['application/json']?.schema;
  if (!schema) return body === null || body === undefined ? [] : [{ message: `${found.operation.operationId} takes no JSON body` }];
  if (body === null || body === undefined) return requestBody.required ? [{ message: `${found.operation.operationId} requires a JSON body` }] : [];
  return check('request', found, schema, body);
}

/**
 * What is wrong with an answer {status, body} to {method, path}, against the schema the operation publishes for that status.
 * A status it leaves to `default` (429, 502, 503: the failure modes the simulator plays) is not checked: `default` there is
 * a oneOf of the published 4xx errors, which PayPal's rate limiting and outages do not answer.
 */
export function answerProblems({ method, path: requestPath, status, body }) {
  const found = operationOf(method, requestPath);
  if (!found) return [{ message: `${method} ${requestPath} is not an operation of the published PayPal specifications` }];
  const response = resolve(found.spec, found.operation.responses?.[String(status)]);
  if (!response) return [];
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return [];
  return check('answer', found, schema, body);
}

/**
 * Where a specification contradicts itself, the reading its own text gives. The carrier enums (`carrier` in
 * shipping_shipment_tracking_v1, `shipment_carrier` in checkout_orders_v2) leave out OTHER, while their descriptions and
 * carrier_name_other's say "set carrier to OTHER" for a carrier not in the list: OTHER is added to them.
 */
function withErrata(spec) {
  for (const schema of Object.values(spec.components?.schemas ?? {}))
    if (Array.isArray(schema.enum) && /set `carrier` to `OTHER`/.test(schema.description ?? '') && !schema.enum.includes('OTHER'))
      schema.enum.push('OTHER');
  return spec;
}

function operationOf(method, requestPath) {
  const bare = requestPath.split('?')[0];
  return operations.find(o => o.method === method.toUpperCase() && o.pattern.test(bare));
}

function check(direction, found, schema, body) {
  const validate = validators[direction](found.name, schema);
  if (validate(body)) return [];
  return validate.errors.map(e => ({
    message: `${found.operation.operationId} ${direction}: ${e.instancePath || '/'} ${e.message}` +
      (e.params?.unevaluatedProperty ? ` "${e.params.unevaluatedProperty}"` : ''),
  }));
}

function compilerFor(direction) {
  const ajv = new Ajv2019({ strict: false, allErrors: true, unicodeRegExp: false, validateFormats: true });
  addFormats(ajv);
  for (const { name, spec } of specs) {
    for (const format of customFormats(spec)) if (!ajv.formats[format]) ajv.addFormat(format, true);
    ajv.addSchema({ $id: name, components: { schemas: closed(spec.components?.schemas ?? {}, direction) } });
  }
  // Keyed by the specification's own schema object, the same on every request to its operation: compiled once.
  const compiled = new WeakMap();
  let count = 0;
  return (name, schema) => {
    if (!compiled.has(schema)) compiled.set(schema, ajv.compile({ $id: `${name}-${direction}-${count++}`, ...rebased(close(schema, direction, false), name) }));
    return compiled.get(schema);
  };
}

/** The spec's own format names (ppaas_date_time_v3, …): documentation for PayPal's code generators, accepted as named. */
function customFormats(spec) {
  const found = new Set();
  JSON.stringify(spec, (key, value) => { if (key === 'format' && typeof value === 'string') found.add(value); return value; });
  return found;
}

/**
 * Each schema of the map with OpenAPI 3.0's readOnly / writeOnly applied for the direction. A named schema stays open, so
 * allOf can combine it with others; each place that uses one (a $ref outside allOf) or defines an object inline closes it.
 */
function closed(schemas, direction) {
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, close(schema, direction, true)]));
}

function close(schema, direction, insideAllOf) {
  if (Array.isArray(schema)) return schema.map(s => close(s, direction, false));
  if (schema === null || typeof schema !== 'object') return schema;
  const hidden = direction === 'request' ? 'readOnly' : 'writeOnly';
  const copy = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties') copy.properties = Object.fromEntries(Object.entries(value).map(([p, s]) => [p, close(s, direction, false)]));
    else if (key === 'allOf') copy.allOf = value.map(s => close(s, direction, true));
    else if (key === 'required') copy.required = value.filter(p => schema.properties?.[p]?.[hidden] !== true);
    else if (typeof value === 'object' && !['enum', 'example', 'examples', 'default'].includes(key)) copy[key] = close(value, direction, false);
    else copy[key] = value;
  }
  if (schema.nullable === true && schema.type) copy.type = [schema.type, 'null'];
  const isObjectSchema = schema.type === 'object' || schema.properties || schema.allOf || schema.$ref;
  if (!insideAllOf && isObjectSchema && schema.additionalProperties === undefined) {
    return { allOf: [copy], unevaluatedProperties: false };
  }
  return copy;
}

/** Local refs (#/components/…) pointed at the spec's schema registered under its name. */
function rebased(schema, name) {
  return JSON.parse(JSON.stringify(schema), (key, value) =>
    key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${name}${value}` : value);
}

function resolve(spec, node) {
  while (node?.$ref) node = node.$ref.replace(/^#\//, '').split('/').reduce((at, part) => at?.[part], spec);
  return node;
}

function pathPattern(template) {
  return new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$');
}
