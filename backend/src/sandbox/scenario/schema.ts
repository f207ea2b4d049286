import Type from 'typebox';
import { SYMPTOM_TYPES } from '../../detectors/symptom.js';

const SymptomTypeName = Type.Enum(SYMPTOM_TYPES);
const Name = Type.String({ minLength: 1 });

const FixExpectation = Type.Object(
  {
    file: Name,
    select: Type.Optional(
      Type.Object({ kind: Type.Optional(Name), name: Type.Optional(Name) }, { additionalProperties: false }),
    ),
    path: Name,
    equals: Type.Union([Type.String(), Type.Number(), Type.Boolean()]),
  },
  { additionalProperties: false },
);

/** scenario.yaml, as scenarios/FORMAT.md defines it. */
export const ScenarioSpecSchema = Type.Object(
  {
    description: Name,
    application: Type.String({ pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$' }),
    target: Type.Optional(
      Type.Object(
        { group: Type.String(), kind: Name, namespace: Type.Optional(Name), name: Name },
        { additionalProperties: false },
      ),
    ),
    mode: Type.Optional(Type.Union([Type.Literal('off'), Type.Literal('approve'), Type.Literal('auto')])),
    git: Type.Optional(Type.Object({ branch: Type.Optional(Name) }, { additionalProperties: false })),
    expect: Type.Object(
      {
        primary: Type.Union([SymptomTypeName, Type.Null()]),
        symptoms: Type.Array(SymptomTypeName),
        runbook: Type.Optional(Type.Union([Name, Type.Null()])),
        fix: Type.Optional(Type.Array(FixExpectation)),
        unchanged: Type.Optional(Type.Array(Name)),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export type ScenarioSpec = Type.Static<typeof ScenarioSpecSchema>;
export type FixExpectation = Type.Static<typeof FixExpectation>;
