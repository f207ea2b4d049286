import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { summarizeRunbook } from '../diagnosis/remedy.js';
import { applicationScope, runbooksForApp } from '../runbooks/match.js';
import { describeProblem } from '../runbooks/problems.js';
import { errorResponses, RunbookProblemSchema, RunbookSummarySchema } from './schemas.js';

const RunbookListSchema = Type.Object({
  runbooks: Type.Array(
    Type.Object({
      ...RunbookSummarySchema.properties,
      symptomType: Type.Optional(Type.String()),
      symptomText: Type.Optional(Type.String()),
      solution: Type.Optional(Type.String()),
      actions: Type.Array(Type.String()),
    }),
  ),
  problems: Type.Array(RunbookProblemSchema),
});

/**
 * GET /api/v1/runbooks: the runbooks whose scope includes the app, and every runbook that was skipped
 * with its problem, so whoever looks at the app sees why a runbook they expected is not there.
 */
export const runbooksRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/runbooks',
    { schema: { response: { 200: RunbookListSchema, ...errorResponses } } },
    async (request) => {
      const application = await fastify.diagnosis.application(request.argocd);
      const catalog = fastify.runbooks.catalog();
      const runbooks = runbooksForApp(catalog.runbooks, applicationScope(application)).map((runbook) => ({
        ...summarizeRunbook(runbook),
        ...(runbook.symptom.type ? { symptomType: runbook.symptom.type } : {}),
        ...(runbook.symptom.text ? { symptomText: runbook.symptom.text } : {}),
        ...(runbook.solution.text ? { solution: runbook.solution.text } : {}),
        actions: runbook.solution.actions.map((action) => Object.keys(action)[0] ?? ''),
      }));
      const problems = catalog.problems.map((problem) => ({
        ...problem,
        description: describeProblem(problem),
      }));
      return { runbooks, problems };
    },
  );
};
