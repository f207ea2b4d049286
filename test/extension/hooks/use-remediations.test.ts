// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { POLL_IDLE_MS, POLL_IN_FLIGHT_MS } from '../../../extension/src/hooks/use-remediations.js';
import { FakeBackend, json } from '../harness/fake-backend.js';
import { APPROVED, SETTINGS, SUCCEEDED } from '../harness/fixtures.js';
import { type HostedUi, hostReact, REACT_VERSIONS, unmountAll } from '../harness/react-host.js';
import { renderStatusPanel } from '../harness/render.js';

describe.each(REACT_VERSIONS)('polling the remediations on React %s', (version) => {
  let ui: HostedUi;
  beforeAll(async () => {
    ui = await hostReact(version);
  });
  afterEach(() => {
    unmountAll();
    vi.useRealTimers();
  });

  it('polls quickly while a fix is under way, slowly once it ended, and never after unmount', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const backend = new FakeBackend()
      .on('GET /settings', json(SETTINGS))
      .on('GET /remediations', json({ remediations: [APPROVED] }), json({ remediations: [SUCCEEDED] }));
    const polls = () => backend.requestsTo('GET /remediations').length;
    const { container, unmount } = renderStatusPanel(ui, backend, () => undefined);
    // Each answer is on the page (and the next look planned) before the clock moves.
    const shown = (text: string) =>
      vi.waitFor(() => expect(container.textContent).toContain(text), { interval: 1 });
    await shown('Approved');
    expect(polls()).toBe(1);

    await vi.advanceTimersByTimeAsync(POLL_IN_FLIGHT_MS);
    await shown('Healed');
    expect(polls()).toBe(2);

    // The fix ended: the next look comes after the idle pause, not the quick one.
    await vi.advanceTimersByTimeAsync(POLL_IN_FLIGHT_MS);
    expect(polls()).toBe(2);
    await vi.advanceTimersByTimeAsync(POLL_IDLE_MS);
    await vi.waitFor(() => expect(polls()).toBe(3), { interval: 1 });

    unmount();
    await vi.advanceTimersByTimeAsync(POLL_IDLE_MS * 4);
    expect(polls()).toBe(3);
  });
});
