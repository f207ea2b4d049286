import { ApiException, type CoreV1Api, type V1ConfigMap } from '@kubernetes/client-node';

export type Mode = 'off' | 'approve' | 'auto';
export const MODES: readonly Mode[] = ['off', 'approve', 'auto'];

export interface Settings {
  /** Stops every automatic fix at once; diagnoses and proposals go on. */
  paused: boolean;
  defaultMode: Mode;
  /** Per app, keyed `<namespace>/<name>`. */
  modes: Record<string, Mode>;
}

export const SETTINGS_NAME = 'argocd-ai-sre-settings';
const MODE_PREFIX = 'mode.';

function isMode(value: string | undefined): value is Mode {
  return MODES.includes(value as Mode);
}

/** `mode.<namespace>.<name>`: a namespace has no dot, so the first dot after the prefix ends it. */
function modeKey(application: { namespace: string; name: string }): string {
  return `${MODE_PREFIX}${application.namespace}.${application.name}`;
}

export function settingsOf(configMap: V1ConfigMap | undefined): Settings {
  const data = configMap?.data ?? {};
  const modes: Record<string, Mode> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(MODE_PREFIX) || !isMode(value)) continue;
    const rest = key.slice(MODE_PREFIX.length);
    const dot = rest.indexOf('.');
    if (dot > 0) modes[`${rest.slice(0, dot)}/${rest.slice(dot + 1)}`] = value;
  }
  return {
    paused: data.paused === 'true',
    defaultMode: isMode(data.defaultMode) ? data.defaultMode : 'approve',
    modes,
  };
}

export function modeOf(settings: Settings, application: { namespace: string; name: string }): Mode {
  return settings.modes[`${application.namespace}/${application.name}`] ?? settings.defaultMode;
}

/**
 * The settings ConfigMap (DESIGN.md principle 4): the global pause, the default mode and each app's
 * mode. Writes present the resourceVersion they read; a missing ConfigMap is created on first write.
 */
export class SettingsStore {
  constructor(
    private readonly core: CoreV1Api,
    private readonly namespace: string,
  ) {}

  private async readConfigMap(): Promise<V1ConfigMap | undefined> {
    try {
      return await this.core.readNamespacedConfigMap({ namespace: this.namespace, name: SETTINGS_NAME });
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return undefined;
      throw error;
    }
  }

  /** The ConfigMap's keys as stored (none when it does not exist), for readers of keys beyond the modes. */
  async data(): Promise<Record<string, string>> {
    return (await this.readConfigMap())?.data ?? {};
  }

  async read(): Promise<Settings> {
    return settingsOf(await this.readConfigMap());
  }

  async setMode(application: { namespace: string; name: string }, mode: Mode): Promise<Settings> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.readConfigMap();
      const data = { ...(current?.data ?? {}), [modeKey(application)]: mode };
      try {
        const written = current
          ? await this.core.replaceNamespacedConfigMap({
              namespace: this.namespace,
              name: SETTINGS_NAME,
              body: { ...current, data },
            })
          : await this.core.createNamespacedConfigMap({
              namespace: this.namespace,
              body: { metadata: { name: SETTINGS_NAME, namespace: this.namespace }, data },
            });
        return settingsOf(written);
      } catch (error) {
        if (!(error instanceof ApiException && error.code === 409)) throw error;
      }
    }
    throw new Error('the settings keep changing; try again');
  }
}
