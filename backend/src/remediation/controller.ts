import type { KubernetesListObject, KubernetesObject } from '@kubernetes/client-node';
import type { Diagnosis } from '../diagnosis/diagnosis.js';
import type { Application } from '../kube/application.js';
import type { KubeClients } from '../kube/clients.js';
import { WatchedCollection } from '../kube/watched-collection.js';
import type { RemediationExecutor } from './executor.js';
import { blockedBy, failedBefore, type GuardrailLimits } from './guardrails.js';
import type { LeaderElection } from './leader.js';
import type { RemediationStore } from './record-store.js';
import { modeOf, type SettingsStore } from './settings.js';
import { troubleOf } from './trouble.js';
import type { RemediationWorkflow } from './workflow.js';

/**
 * client-node types what an informer holds with Date timestamps; custom resources arrive as the API
 * server sends them, so the objects are Applications as this codebase types them.
 */
type WatchedApplication = KubernetesObject;
const asApplication = (object: WatchedApplication) => object as unknown as Application;

export interface ControllerOptions extends GuardrailLimits {
  kube: KubeClients;
  /** Namespaces whose Applications are watched. */
  namespaces: readonly string[];
  settings: SettingsStore;
  store: RemediationStore;
  workflow: RemediationWorkflow;
  executor: RemediationExecutor;
  leader: LeaderElection;
  diagnose: (application: Application) => Promise<{ diagnosis: Diagnosis; drafted: boolean }>;
  /** How long an app must stay in trouble before the controller acts. */
  triggerAfterMs: number;
  /** How often the leader renews its lease, and the executor looks at remediations under way. */
  intervalMs: number;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
}

const key = (object: WatchedApplication) => `${object.metadata?.namespace}/${object.metadata?.name}`;

/**
 * Watches Applications. An app in auto mode that stays Degraded (or failed to sync, or cannot be
 * compared) for triggerAfter gets a diagnosis: a matched runbook with `automation: auto` is committed
 * at once, anything else waits for a human as a proposal. Only the leader acts.
 */
export class RemediationController {
  private readonly collections: WatchedCollection<WatchedApplication>[];
  private readonly troubledSince = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly attempting = new Set<string>();
  private interval: NodeJS.Timeout | undefined;

  constructor(private readonly options: ControllerOptions) {
    this.collections = options.namespaces.map(
      (namespace) =>
        new WatchedCollection<WatchedApplication>({
          kubeConfig: options.kube.kubeConfig,
          path: `/apis/argoproj.io/v1alpha1/namespaces/${namespace}/applications`,
          list: async () =>
            (await options.kube.custom.listNamespacedCustomObject({
              group: 'argoproj.io',
              version: 'v1alpha1',
              namespace,
              plural: 'applications',
            })) as KubernetesListObject<WatchedApplication>,
          description: `Applications in ${namespace}`,
          onChange: (change, application) =>
            change === 'delete' ? this.forget(key(application)) : this.observe(application),
          onError: options.log,
          retryDelayMs: options.intervalMs,
        }),
    );
  }

  async start(): Promise<void> {
    await Promise.all(this.collections.map((collection) => collection.start()));
    await this.tick();
    this.interval = setInterval(() => void this.tick(), this.options.intervalMs);
    this.interval.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.interval);
    for (const timer of this.timers.values()) clearTimeout(timer);
    await Promise.all(this.collections.map((collection) => collection.stop()));
  }

  /** Renews the lease; a new leader first finishes what earlier replicas left. */
  private async tick(): Promise<void> {
    try {
      const wasLeader = this.options.leader.isLeader;
      const leads = await this.options.leader.tryAcquire();
      if (leads) await this.options.executor.wake();
      if (leads && !wasLeader) for (const appKey of this.troubledSince.keys()) this.schedule(appKey);
    } catch (error) {
      this.options.log('the remediation controller could not run its round', error);
    }
  }

  private forget(appKey: string): void {
    this.troubledSince.delete(appKey);
    clearTimeout(this.timers.get(appKey));
    this.timers.delete(appKey);
  }

  private observe(object: WatchedApplication): void {
    const appKey = key(object);
    if (this.options.executor.activeApps.has(appKey)) void this.options.executor.wake();
    if (!troubleOf(asApplication(object))) {
      this.forget(appKey);
      return;
    }
    if (!this.troubledSince.has(appKey)) {
      this.troubledSince.set(appKey, this.options.now().getTime());
      this.schedule(appKey);
    }
  }

  /** A timer for the moment the app will have been in trouble for triggerAfter. */
  private schedule(appKey: string, afterMs?: number): void {
    const since = this.troubledSince.get(appKey);
    if (since === undefined || this.timers.has(appKey)) return;
    const wait = afterMs ?? Math.max(0, since + this.options.triggerAfterMs - this.options.now().getTime());
    const timer = setTimeout(() => {
      this.timers.delete(appKey);
      void this.attempt(appKey);
    }, wait);
    timer.unref();
    this.timers.set(appKey, timer);
  }

  private current(appKey: string): Application | undefined {
    const [namespace, name] = appKey.split('/');
    for (const collection of this.collections) {
      const found = collection.get(name ?? '', namespace);
      if (found) return asApplication(found);
    }
    return undefined;
  }

  private async attempt(appKey: string): Promise<void> {
    const { options } = this;
    const application = this.current(appKey);
    if (!application || !troubleOf(application) || this.attempting.has(appKey) || !options.leader.isLeader)
      return;
    this.attempting.add(appKey);
    try {
      const settings = await options.settings.read();
      const app = { namespace: application.metadata.namespace ?? '', name: application.metadata.name ?? '' };
      if (settings.paused || modeOf(settings, app) !== 'auto') return;
      const records = (await options.store.listForApp(app)).map((stored) => stored.record);
      const blocked = blockedBy(records, options, options.now());
      if (blocked) {
        options.log(`auto-remediation of ${appKey} waits: ${blocked}`);
        return;
      }
      const { diagnosis, drafted } = await options.diagnose(application);
      const symptom = diagnosis.runbook ? diagnosis.symptoms[diagnosis.runbook.symptom] : undefined;
      if (!diagnosis.plan || !symptom) return;
      const { record } = await options.workflow.propose(diagnosis, application, 'controller', drafted);
      const unattended =
        record.runbook.automation === 'auto' && !record.drafted && !failedBefore(records, record.fingerprint);
      if (unattended && record.state === 'proposed') {
        await options.workflow.approve(app, record.id, 'controller');
        await options.executor.wake();
      }
    } catch (error) {
      options.log(`auto-remediation of ${appKey} failed`, error);
    } finally {
      this.attempting.delete(appKey);
      // Still in trouble after the cooldown: look again then (a limit may have lifted, a runbook appeared).
      if (this.troubledSince.has(appKey))
        this.schedule(appKey, Math.max(options.cooldownMs, options.intervalMs));
    }
  }
}
