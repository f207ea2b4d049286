/** A setting that cannot be used, named with what is wrong with it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
