/**
 * The local accounts of argocd-cm: `admin` (unless `admin.enabled` is "false": then no one can sign
 * in as it, but a forged claim to be it must still not gain groups) and one per `accounts.<name>`
 * key (`accounts.<name>.enabled` and similar keys name the same account).
 */
export function localAccountsOf(data: Readonly<Record<string, string>>): Set<string> {
  const accounts = new Set(['admin']);
  for (const key of Object.keys(data)) {
    if (!key.startsWith('accounts.')) continue;
    const name = key.slice('accounts.'.length).replace(/\.enabled$/, '');
    if (name !== '') accounts.add(name);
  }
  return accounts;
}
