// @vitest-environment happy-dom
import { fireEvent, waitFor, within } from '@testing-library/dom';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backendWith } from '../harness/diagnosing-backend.js';
import { EventStream, failure, hang, json } from '../harness/fake-backend.js';
import {
  ADMIN,
  APPROVED,
  DIAGNOSIS,
  EXPLANATION,
  LLM_OFF,
  LLM_OK,
  LLM_TIMEOUT,
  PROPOSAL,
  READ_ONLY,
} from '../harness/fixtures.js';
import { type HostedUi, hostReact, REACT_VERSIONS, unmountAll } from '../harness/react-host.js';
import { renderDiagnoseTab } from '../harness/render.js';

describe.each(REACT_VERSIONS)('AI Diagnose tab on React %s', (version) => {
  let ui: HostedUi;
  beforeAll(async () => {
    ui = await hostReact(version);
  });
  afterEach(unmountAll);

  it('shows the primary symptom before the explanation arrives, then the root cause', async () => {
    const stream = new EventStream();
    const backend = backendWith().on('POST /diagnoses', stream.response);
    const { container } = renderDiagnoseTab(ui, backend);
    const page = within(container);
    stream.send('diagnosis', DIAGNOSIS);
    await page.findByText(DIAGNOSIS.primary?.message ?? '');
    expect(page.queryByText(EXPLANATION.rootCause)).toBeNull();
    expect(page.getByText('ProgressDeadlineExceeded')).toBeTruthy();

    stream.send('explanation-delta', { field: 'rootCause', text: 'registry-a.example.com times out' });
    await page.findByText('registry-a.example.com times out');

    stream.send('explanation', EXPLANATION);
    stream.send('llm-status', LLM_OK);
    stream.send('done', { ...DIAGNOSIS, explanation: EXPLANATION, llm: LLM_OK });
    stream.end();
    await page.findByText(EXPLANATION.rootCause);
    expect(page.getByText('high confidence')).toBeTruthy();
    expect(page.queryByText(/The LLM/)).toBeNull();
  });

  it('drops a streamed explanation that no explanation event confirms', async () => {
    const stream = new EventStream();
    const backend = backendWith().on('POST /diagnoses', stream.response);
    const page = within(renderDiagnoseTab(ui, backend).container);
    stream.send('diagnosis', DIAGNOSIS);
    stream.send('explanation-delta', { field: 'rootCause', text: 'half a thought' });
    await page.findByText('half a thought');
    stream.send('llm-status', LLM_TIMEOUT);
    stream.send('done', { ...DIAGNOSIS, llm: LLM_TIMEOUT });
    stream.end();
    await page.findByText(/The LLM did not answer in time/);
    expect(page.queryByText('half a thought')).toBeNull();
    expect(page.getByText(DIAGNOSIS.primary?.message ?? '')).toBeTruthy();
  });

  it('says when the LLM is off and shows the deterministic result', async () => {
    const page = within(renderDiagnoseTab(ui, backendWith(LLM_OFF)).container);
    await page.findByText(/The LLM is off: no LLM is configured/);
    expect(page.getByText(/deterministic diagnosis/)).toBeTruthy();
    expect(page.getByText('registry-a-to-b')).toBeTruthy();
    expect(page.getByText('image-pull-generic')).toBeTruthy();
  });

  it('shows the evidence when asked', async () => {
    const page = within(renderDiagnoseTab(ui, backendWith()).container);
    const toggle = await page.findByRole('button', { name: 'Evidence (2)' });
    expect(page.queryByText(/dial tcp: i\/o timeout/)).toBeNull();
    fireEvent.click(toggle);
    await page.findByText(/dial tcp: i\/o timeout/);
  });

  it('proposes the fix, shows its diff and approves it, with Argo CD’s headers', async () => {
    const approve = `POST /remediations/${PROPOSAL.id}/approve`;
    const backend = backendWith().on('POST /remediations', json(PROPOSAL, 201)).on(approve, json(APPROVED));
    // The list as the backend holds it after each write: the tab loads it again after writing.
    backend.on('GET /remediations', () => {
      if (backend.requestsTo(approve).length > 0) return json({ remediations: [APPROVED] });
      return json({ remediations: backend.requestsTo('POST /remediations').length > 0 ? [PROPOSAL] : [] });
    });
    const page = within(renderDiagnoseTab(ui, backend).container);
    fireEvent.click(await page.findByRole('button', { name: 'Propose fix' }));
    await page.findByText('apps/checkout/deployment.yaml');
    const removed = page.getByText(/image: registry-a.example.com\/shop\/checkout:1.4.2 # pinned/);
    const added = page.getByText(/image: registry-b.example.com\/shop\/checkout:1.4.2 # pinned/);
    expect(removed.textContent?.startsWith('-')).toBe(true);
    expect(added.textContent?.startsWith('+')).toBe(true);
    expect(removed.closest('tr')?.className).toContain('removed');
    expect(added.closest('tr')?.className).toContain('added');
    expect(page.getByText('+1')).toBeTruthy();

    fireEvent.click(page.getByRole('button', { name: 'Approve' }));
    await page.findByText('Approved');
    const [propose] = backend.requestsTo('POST /remediations');
    expect(propose?.body).toEqual({
      target: { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'checkout' },
    });
    for (const request of backend.requests) {
      expect(request.headers['argocd-application-name']).toBe('argocd:checkout');
      expect(request.headers['argocd-project-name']).toBe('shop');
    }
    expect(backend.requestsTo(`POST /remediations/${PROPOSAL.id}/approve`)).toHaveLength(1);
  });

  it('rejects a waiting proposal with the reason typed beside the button', async () => {
    const backend = backendWith(LLM_OFF, ADMIN, [PROPOSAL]).on(
      `POST /remediations/${PROPOSAL.id}/reject`,
      json({
        ...PROPOSAL,
        state: 'rejected',
        history: [...PROPOSAL.history, { state: 'rejected', by: 'alice', at: '2026-11-26T09:17:00.000Z' }],
      }),
    );
    const page = within(renderDiagnoseTab(ui, backend).container);
    const reason = await page.findByLabelText('Reason for rejecting (optional)');
    fireEvent.change(reason, { target: { value: 'registry B is down too' } });
    fireEvent.click(page.getByRole('button', { name: 'Reject' }));
    await waitFor(() =>
      expect(backend.requestsTo(`POST /remediations/${PROPOSAL.id}/reject`)).toHaveLength(1),
    );
    expect(backend.requestsTo(`POST /remediations/${PROPOSAL.id}/reject`)[0]?.body).toEqual({
      reason: 'registry B is down too',
    });
  });

  it('says plainly that a model drafted the edit', async () => {
    const drafted = {
      ...DIAGNOSIS,
      plan: DIAGNOSIS.plan && {
        ...DIAGNOSIS.plan,
        drafted: true as const,
        rationale: 'The mirror has the same tag.',
      },
    };
    const stream = new EventStream();
    stream.send('diagnosis', DIAGNOSIS);
    stream.send('plan', drafted.plan);
    stream.send('llm-status', LLM_OK);
    stream.send('done', { ...drafted, llm: LLM_OK });
    stream.end();
    const page = within(
      renderDiagnoseTab(ui, backendWith().on('POST /diagnoses', stream.response)).container,
    );
    await page.findByText('Drafted by a model.');
    expect(page.getByText(/a person must check every line/)).toBeTruthy();
    expect(page.getByText(/The mirror has the same tag/)).toBeTruthy();
  });

  it('diagnoses anew, past the backend’s cache, on Refresh', async () => {
    const backend = backendWith();
    const page = within(renderDiagnoseTab(ui, backend).container);
    await page.findByText(/The LLM is off/);
    fireEvent.click(page.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(backend.requestsTo('POST /diagnoses')).toHaveLength(2));
    const [first, second] = backend.requestsTo('POST /diagnoses');
    expect(first?.body).not.toHaveProperty('refresh');
    expect(second?.body).toMatchObject({ refresh: true });
    expect(second?.headers.accept).toBe('text/event-stream');
  });

  it('shows a read-only user the proposal but no buttons, and says why', async () => {
    const page = within(renderDiagnoseTab(ui, backendWith(LLM_OFF, READ_ONLY, [PROPOSAL])).container);
    await page.findByText('apps/checkout/deployment.yaml');
    await page.findByText('You may not approve fixes for this app (Argo CD RBAC: applications, sync).');
    expect(page.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(page.queryByRole('button', { name: 'Reject' })).toBeNull();
  });

  it('uses the backend’s reasons for a refusal when it gives them', async () => {
    const reasons = { ...READ_ONLY, reasons: ['Only the shop-oncall group may propose fixes.'] };
    const page = within(renderDiagnoseTab(ui, backendWith(LLM_OFF, reasons)).container);
    await page.findByText('Only the shop-oncall group may propose fixes.');
    expect(page.queryByRole('button', { name: 'Propose fix' })).toBeNull();
  });

  it('hides the buttons when permissions cannot be checked', async () => {
    const backend = backendWith().on('GET /me', failure(404, 'Not Found', 'Route GET:/api/v1/me not found'));
    const page = within(renderDiagnoseTab(ui, backend).container);
    await page.findByText(/Your permissions could not be checked, so actions are hidden/);
    expect(page.queryByRole('button', { name: 'Propose fix' })).toBeNull();
  });

  it('shows a 403 on a write as the backend words it', async () => {
    const backend = backendWith().on(
      'POST /remediations',
      failure(403, 'Forbidden', 'alice may not sync applications in project shop'),
    );
    const page = within(renderDiagnoseTab(ui, backend).container);
    fireEvent.click(await page.findByRole('button', { name: 'Propose fix' }));
    await page.findByText(/Not allowed: Alice may not sync applications in project shop\./);
    expect(backend.requestsTo('POST /remediations')).toHaveLength(1);
  });

  it('explains a 401: the request did not come through Argo CD', async () => {
    const backend = backendWith().on(
      'POST /diagnoses',
      failure(401, 'Unauthorized', 'the request did not come through Argo CD'),
    );
    const page = within(renderDiagnoseTab(ui, backend).container);
    const alert = await page.findByRole('alert');
    expect(alert.textContent).toMatch(/did not recognise this request as coming through Argo CD/);
    expect(within(alert).queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('explains a 502 after trying again, and offers to try once more', async () => {
    const backend = backendWith().on(
      'POST /diagnoses',
      failure(502, 'Bad Gateway', 'the Kubernetes API server did not answer'),
    );
    const page = within(renderDiagnoseTab(ui, backend).container);
    const alert = await page.findByRole('alert');
    expect(alert.textContent).toMatch(
      /could not do this: The Kubernetes API server did not answer\. \(tried 3 times\)/,
    );
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(backend.requestsTo('POST /diagnoses')).toHaveLength(3);
  });

  it('says it is retrying while a busy backend gets another try', async () => {
    const backend = backendWith().on(
      'POST /diagnoses',
      failure(503, 'Service Unavailable', 'the backend is busy'),
      hang,
    );
    const page = within(renderDiagnoseTab(ui, backend, { retryDelaysMs: [60_000] }).container);
    const status = await page.findByText(/Retrying… \(try 2 of 2\)/);
    expect(status.textContent).toMatch(/The backend is busy\./);
  });

  it('gives up on a backend that does not answer, and says so', async () => {
    const backend = backendWith().on('POST /diagnoses', hang);
    const page = within(renderDiagnoseTab(ui, backend, { streamTimeoutMs: 100 }).container);
    const alert = await page.findByRole('alert');
    expect(alert.textContent).toMatch(/did not answer within/);
    expect(backend.requestsTo('POST /diagnoses')).toHaveLength(1);
  });
});
