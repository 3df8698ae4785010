import { z } from 'zod';

/** The one envelope every event travels in. */
export const Envelope = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime(),
  traceparent: z.string().optional(),
  data: z.unknown(),
});
export type Envelope = z.infer<typeof Envelope>;

/** Declares an event type: its name, version and payload schema, shared by producer and consumer. */
export function defineEvent<const T extends string, const V extends number, S extends z.ZodType>(type: T, version: V, data: S) {
  return { type, version, data, envelope: Envelope.extend({ type: z.literal(type), version: z.literal(version), data }) };
}

export type EventDefinition = ReturnType<typeof defineEvent<string, number, z.ZodType>>;
export type EventOf<D extends EventDefinition> = z.infer<D['envelope']>;

type Envelopes<D extends readonly EventDefinition[]> = { -readonly [K in keyof D]: D[K]['envelope'] };

/** The schema of any event on one queue: a union discriminated by `type`, from the events' own definitions. */
export function eventUnion<const D extends readonly [EventDefinition, ...EventDefinition[]]>(definitions: D) {
  return z.discriminatedUnion('type', definitions.map((d) => d.envelope) as Envelopes<D>);
}
