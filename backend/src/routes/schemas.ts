import Type, { type Static } from 'typebox';
import type { Diagnosis } from '../diagnosis/diagnosis.js';

const KubeName = Type.String({ minLength: 1, maxLength: 253, pattern: '^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$' });

export const ResourceRefSchema = Type.Object(
  {
    group: Type.String({ maxLength: 253, pattern: '^([a-z0-9]([-.a-z0-9]*[a-z0-9])?)?$' }),
    kind: Type.String({ minLength: 1, maxLength: 63, pattern: '^[A-Za-z][A-Za-z0-9]*$' }),
    namespace: Type.Optional(KubeName),
    name: KubeName,
  },
  { additionalProperties: false },
);

const EvidenceBase = { id: Type.String(), resource: ResourceRefSchema };

const EvidenceSchema = Type.Union([
  Type.Object({
    ...EvidenceBase,
    kind: Type.Literal('event'),
    type: Type.String(),
    reason: Type.String(),
    message: Type.String(),
    count: Type.Number(),
    lastSeen: Type.Optional(Type.String()),
  }),
  Type.Object({ ...EvidenceBase, kind: Type.Literal('status'), field: Type.String(), value: Type.String() }),
  Type.Object({
    ...EvidenceBase,
    kind: Type.Literal('log'),
    container: Type.String(),
    previous: Type.Boolean(),
    lines: Type.Array(Type.String()),
  }),
]);

export const SymptomSchema = Type.Object({
  type: Type.String(),
  resource: ResourceRefSchema,
  message: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
  evidence: Type.Array(EvidenceSchema),
});

export const DiagnosisSchema = Type.Object({
  application: Type.Object({
    namespace: Type.String(),
    name: Type.String(),
    project: Type.String(),
    health: Type.Optional(Type.String()),
    sync: Type.Optional(Type.String()),
  }),
  target: Type.Optional(ResourceRefSchema),
  capturedAt: Type.String(),
  primary: Type.Union([SymptomSchema, Type.Null()]),
  symptoms: Type.Array(SymptomSchema),
  notes: Type.Array(Type.String()),
  timings: Type.Array(Type.Object({ phase: Type.String(), ms: Type.Number() })),
});

// The schema serialises what the pipeline returns: a Diagnosis must fit it, or this line fails to compile.
export const diagnosisFitsSchema = (diagnosis: Diagnosis): Static<typeof DiagnosisSchema> => diagnosis;

export const ErrorSchema = Type.Object({
  statusCode: Type.Number(),
  error: Type.String(),
  message: Type.String(),
});

export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  502: ErrorSchema,
};
