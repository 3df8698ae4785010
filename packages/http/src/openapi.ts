import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { ERROR_CODES } from './errors';
import { VALIDATION_DOC, type ValidationDoc } from './validate';

export const ROUTE_DOC = Symbol.for('linked-all.route-doc');

export type RouteDoc = {
  summary: string;
  tags?: string[];
  /** Role required, if any; shown as bearer security. */
  auth?: 'shopper' | 'vendor' | 'admin' | 'rider' | 'station_agent' | 'any';
  response?: z.ZodType;
  status?: number;
  /** Problem codes this route can answer besides validation. */
  problems?: (keyof typeof ERROR_CODES)[];
};

/** A no-op middleware that carries the route's documentation for the OpenAPI document. */
export function describe(doc: RouteDoc): MiddlewareHandler {
  const middleware: MiddlewareHandler = async (_c, next) => next();
  Object.assign(middleware, { [ROUTE_DOC]: doc });
  return middleware;
}

type Operation = {
  summary?: string;
  tags?: string[];
  parameters: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: unknown[];
};

const problemRef = { $ref: '#/components/schemas/Problem' };

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });
}

/** Generates OpenAPI 3.1 paths from a Hono app's validators and `describe()` docs. */
export function openApiPaths(
  app: { routes: { method: string; path: string; handler: unknown }[] },
  prefix = '',
): Record<string, Record<string, Operation>> {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const route of app.routes) {
    if (route.method === 'ALL') continue;
    const handler = route.handler as unknown as Record<symbol, unknown>;
    const validation = handler[VALIDATION_DOC] as ValidationDoc | undefined;
    const doc = handler[ROUTE_DOC] as RouteDoc | undefined;
    if (!validation && !doc) continue;
    const path = (prefix + route.path).replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
    const method = route.method.toLowerCase();
    paths[path] ??= {};
    paths[path][method] ??= { parameters: [], responses: {} };
    const op = paths[path][method];
    if (validation) {
      if (validation.target === 'json') {
        op.requestBody = {
          required: true,
          content: { 'application/json': { schema: jsonSchema(validation.schema, 'input') } },
        };
        op.responses['400'] = { description: 'Invalid body', content: { 'application/problem+json': { schema: problemRef } } };
      } else {
        const schema = jsonSchema(validation.schema, 'input') as {
          properties?: Record<string, unknown>;
          required?: string[];
        };
        const location = validation.target === 'param' ? 'path' : validation.target;
        for (const [name, prop] of Object.entries(schema.properties ?? {})) {
          op.parameters.push({
            name,
            in: location,
            required: location === 'path' || (schema.required ?? []).includes(name),
            schema: prop,
          });
        }
        op.responses['400'] ??= { description: 'Invalid input', content: { 'application/problem+json': { schema: problemRef } } };
      }
    }
    if (doc) {
      op.summary = doc.summary;
      if (doc.tags) op.tags = doc.tags;
      if (doc.auth) {
        op.security = [{ bearer: [] }];
        op.responses['401'] = {
          description: ERROR_CODES.unauthenticated.title,
          content: { 'application/problem+json': { schema: problemRef } },
        };
      }
      op.responses[String(doc.status ?? 200)] = {
        description: 'Success',
        ...(doc.response ? { content: { 'application/json': { schema: jsonSchema(doc.response, 'output') } } } : {}),
      };
      for (const code of doc.problems ?? []) {
        op.responses[String(ERROR_CODES[code].status)] = {
          description: ERROR_CODES[code].title,
          content: { 'application/problem+json': { schema: problemRef } },
        };
      }
    }
  }
  return paths;
}

/** The shared components every service's paths refer to. */
export const OPENAPI_COMPONENTS = {
  securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
  schemas: {
    Problem: {
      type: 'object',
      required: ['type', 'title', 'status', 'code'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        instance: { type: 'string' },
        code: { type: 'string', enum: Object.keys(ERROR_CODES) },
        requestId: { type: 'string' },
        errors: {
          type: 'array',
          items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
};
