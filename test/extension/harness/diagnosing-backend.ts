import { EventStream, FakeBackend, json } from './fake-backend.js';
import { ADMIN, DIAGNOSIS, LLM_OFF, SETTINGS } from './fixtures.js';

/**
 * A backend for the AI Diagnose tab whose diagnosis is complete at once: the deterministic result,
 * the model's outcome, done; and the settings, remediations and permissions the tab reads beside it.
 */
export function backendWith(llm = LLM_OFF, permissions = ADMIN, remediations: unknown[] = []): FakeBackend {
  const stream = new EventStream();
  stream.send('diagnosis', DIAGNOSIS);
  stream.send('llm-status', llm);
  stream.send('done', { ...DIAGNOSIS, llm });
  stream.end();
  return new FakeBackend()
    .on('POST /diagnoses', stream.response)
    .on('GET /settings', json(SETTINGS))
    .on('GET /remediations', json({ remediations }))
    .on('GET /me', json(permissions));
}
