import { ConfigError } from '../config-error.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/** A variable's value without surrounding blanks; undefined when it is unset or blank. */
export function envText(env: Environment, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

/** An integer from `min` to `max`, or `fallback` when the variable is unset or blank. */
export function envInteger(
  env: Environment,
  name: string,
  fallback: number,
  min: number,
  max = Infinity,
): number {
  const raw = envText(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new ConfigError(`${name} must be an integer ${range}, got "${raw}"`);
  }
  return value;
}

/** `true` or `false`, or `fallback` when the variable is unset or blank. */
export function envBoolean(env: Environment, name: string, fallback: boolean): boolean {
  const raw = envText(env, name);
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}
