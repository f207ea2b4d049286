import Type, { type Static, type TSchema } from 'typebox';
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

const RunbookSourceSchema = Type.Object({
  namespace: Type.String(),
  configMap: Type.String(),
  key: Type.String(),
});

export const RunbookSummarySchema = Type.Object({
  id: Type.String(),
  description: Type.Optional(Type.String()),
  automation: Type.Union([Type.Literal('approve'), Type.Literal('auto')]),
  verify: Type.Object({ timeout: Type.String(), revertOnFailure: Type.Boolean() }),
  source: RunbookSourceSchema,
});

const RunbookChoiceSchema = Type.Object({
  ...RunbookSummarySchema.properties,
  symptom: Type.Integer(),
  alternatives: Type.Array(RunbookSummarySchema),
});

const GitObjectSchema = Type.Object({ ...ResourceRefSchema.properties, apiVersion: Type.String() });

export const FixPlanSchema = Type.Object({
  runbook: Type.String(),
  symptom: Type.Object({ type: Type.String(), resource: ResourceRefSchema }),
  target: GitObjectSchema,
  edits: Type.Array(
    Type.Object({
      object: GitObjectSchema,
      path: Type.String(),
      from: Type.Optional(Type.Unknown()),
      to: Type.Unknown(),
      action: Type.String(),
    }),
  ),
  revertLastChange: Type.Boolean(),
  automation: Type.Union([Type.Literal('approve'), Type.Literal('auto')]),
});

export const RunbookProblemSchema = Type.Object({
  source: RunbookSourceSchema,
  id: Type.Optional(Type.String()),
  field: Type.Optional(Type.String()),
  message: Type.String(),
  /** The whole problem in one line, as the Warning Event on the ConfigMap says it. */
  description: Type.String(),
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
  runbook: Type.Union([RunbookChoiceSchema, Type.Null()]),
  plan: Type.Union([FixPlanSchema, Type.Null()]),
  notes: Type.Array(Type.String()),
  timings: Type.Array(Type.Object({ phase: Type.String(), ms: Type.Number() })),
});

// The schema serialises what the pipeline returns: a Diagnosis must fit it, or this line fails to compile.
export const diagnosisFitsSchema = (diagnosis: Diagnosis): Static<typeof DiagnosisSchema> => diagnosis;

/** A request body that may be left out: TypeBox's Optional does not accept `undefined` at the root. */
export function optionalBody<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Undefined()]);
}

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
  413: ErrorSchema,
  429: ErrorSchema,
  502: ErrorSchema,
  503: ErrorSchema,
  504: ErrorSchema,
};
