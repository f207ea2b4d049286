// @vitest-environment happy-dom
import { fireEvent, waitFor, within } from '@testing-library/dom';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeBackend, failure, json } from '../harness/fake-backend.js';
import { ADMIN, PROPOSAL, READ_ONLY, RUNBOOKS, SETTINGS, SUCCEEDED } from '../harness/fixtures.js';
import { type HostedUi, hostReact, REACT_VERSIONS, unmountAll } from '../harness/react-host.js';
import { renderFlyout, renderStatusPanel } from '../harness/render.js';

function backend(permissions = ADMIN) {
  return new FakeBackend()
    .on('GET /settings', json(SETTINGS))
    .on('GET /remediations', json({ remediations: [PROPOSAL, SUCCEEDED] }))
    .on('GET /runbooks', json(RUNBOOKS))
    .on('GET /me', json(permissions));
}

describe.each(REACT_VERSIONS)('AI SRE status panel on React %s', (version) => {
  let ui: HostedUi;
  beforeAll(async () => {
    ui = await hostReact(version);
  });
  afterEach(unmountAll);

  it('sums up the mode, the proposals waiting and the last result, and opens the flyout', async () => {
    let opened = 0;
    const page = within(renderStatusPanel(ui, backend(), () => opened++).container);
    await page.findByText('AI SRE');
    await page.findByText(/Mode: Approve/);
    await page.findByText('1 proposal waiting');
    expect(page.getByText('Healed')).toBeTruthy();
    fireEvent.click(page.getByRole('button'));
    expect(opened).toBe(1);
  });

  it('shows the mode chosen in the flyout, which Argo CD renders as a separate tree', async () => {
    const server = backend()
      .on('GET /settings', json(SETTINGS), json(SETTINGS), json({ ...SETTINGS, mode: 'off' }))
      .on('PUT /settings', json({ ...SETTINGS, mode: 'off' }));
    const panel = within(renderStatusPanel(ui, server, () => undefined).container);
    const flyout = within(renderFlyout(ui, server).container);
    await panel.findByText(/Mode: Approve/);
    const off = await flyout.findByRole('radio', { name: 'Off' });
    await waitFor(() => expect((off as HTMLInputElement).disabled).toBe(false));
    fireEvent.click(off);
    await panel.findByText(/Mode: Off/);
  });

  it('says when the backend cannot be reached', async () => {
    const down = backend().on(
      'GET /settings',
      failure(503, 'Service Unavailable', 'the backend is starting'),
    );
    const page = within(renderStatusPanel(ui, down, () => undefined).container);
    await page.findByText(/Unavailable/);
  });
});

describe.each(REACT_VERSIONS)('AI SRE flyout on React %s', (version) => {
  let ui: HostedUi;
  beforeAll(async () => {
    ui = await hostReact(version);
  });
  afterEach(unmountAll);

  it('shows the mode, the pending proposal with its diff, the history and the runbooks', async () => {
    const page = within(renderFlyout(ui, backend()).container);
    for (const heading of ['Mode', 'Pending proposals', 'History', 'Runbooks'])
      await page.findByRole('heading', { name: heading });
    await page.findByText('apps/checkout/deployment.yaml');
    await page.findByRole('button', { name: 'Approve' });
    expect(page.getByRole('button', { name: 'Reject' })).toBeTruthy();

    const commit = await page.findByRole('link', { name: '9e8d7c6' });
    expect(commit.getAttribute('href')).toBe(
      'https://github.com/acme/shop-deploy/commit/9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d',
    );
    await page.findByText('registry-a-to-b', { selector: 'strong' });
    expect(page.getByText(/symptom.type: unknown symptom type "ImagePull"/)).toBeTruthy();
    expect((page.getByRole('radio', { name: 'Approve' }) as HTMLInputElement).checked).toBe(true);
  });

  it('shows the SHA alone for a repository whose web pages it does not know', async () => {
    const selfHosted = {
      ...SUCCEEDED,
      change: { ...SUCCEEDED.change, repoURL: 'https://git.internal.example/shop.git' },
    };
    const page = within(
      renderFlyout(ui, backend().on('GET /remediations', json({ remediations: [selfHosted] }))).container,
    );
    await page.findByText('9e8d7c6');
    expect(page.queryByRole('link', { name: '9e8d7c6' })).toBeNull();
  });

  it('asks before switching to auto, and switches only when confirmed', async () => {
    const server = backend().on('PUT /settings', json({ ...SETTINGS, mode: 'auto' }));
    const page = within(renderFlyout(ui, server).container);
    const auto = await page.findByRole('radio', { name: 'Auto' });
    await waitFor(() => expect((auto as HTMLInputElement).disabled).toBe(false));

    fireEvent.click(auto);
    const dialog = await page.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(page.queryByRole('alertdialog')).toBeNull());
    expect(server.requestsTo('PUT /settings')).toHaveLength(0);

    fireEvent.click(auto);
    fireEvent.click(
      within(await page.findByRole('alertdialog')).getByRole('button', { name: 'Switch to auto' }),
    );
    await waitFor(() =>
      expect((page.getByRole('radio', { name: 'Auto' }) as HTMLInputElement).checked).toBe(true),
    );
    expect(server.requestsTo('PUT /settings').map((request) => request.body)).toEqual([{ mode: 'auto' }]);
  });

  it('switches to off without asking', async () => {
    const server = backend().on('PUT /settings', json({ ...SETTINGS, mode: 'off' }));
    const page = within(renderFlyout(ui, server).container);
    const off = await page.findByRole('radio', { name: 'Off' });
    await waitFor(() => expect((off as HTMLInputElement).disabled).toBe(false));
    fireEvent.click(off);
    await waitFor(() => expect(server.requestsTo('PUT /settings')).toHaveLength(1));
    expect(server.requestsTo('PUT /settings')[0]?.body).toEqual({ mode: 'off' });
    expect(page.queryByRole('alertdialog')).toBeNull();
  });

  it('gives a read-only user a disabled mode switch and no Approve or Reject, and says why', async () => {
    const page = within(renderFlyout(ui, backend(READ_ONLY)).container);
    await page.findByText(/You may not change the AI SRE mode of this app/);
    expect(
      page.getByText(/You may not approve fixes for this app \(Argo CD RBAC: applications, sync\)\./),
    ).toBeTruthy();
    await page.findByText('apps/checkout/deployment.yaml');
    expect(page.queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(page.queryByRole('button', { name: 'Reject' })).toBeNull();
    for (const name of ['Off', 'Approve', 'Auto'])
      expect((page.getByRole('radio', { name }) as HTMLInputElement).disabled).toBe(true);
  });

  it('shows a refused approval with the backend’s words', async () => {
    const server = backend().on(
      `POST /remediations/${PROPOSAL.id}/approve`,
      failure(409, 'Conflict', 'the app changed since this fix was proposed; propose it again'),
    );
    const page = within(renderFlyout(ui, server).container);
    fireEvent.click(await page.findByRole('button', { name: 'Approve' }));
    await page.findByText(/The app changed since this fix was proposed; propose it again\./);
  });
});
