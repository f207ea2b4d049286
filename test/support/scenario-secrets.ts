import type { Scenario } from '../../backend/src/sandbox/scenario/read-scenario.js';

/** Every value any Secret of the scenario holds, decoded: what must never reach a diagnosis, a prompt or a log. */
export function secretValues(scenario: Scenario): string[] {
  return scenario.objects
    .filter(({ object }) => object.kind === 'Secret')
    .flatMap(({ object }) => [
      ...Object.values((object.data as Record<string, string> | undefined) ?? {}).map((value) =>
        Buffer.from(value, 'base64').toString('utf8'),
      ),
      ...Object.values((object.stringData as Record<string, string> | undefined) ?? {}),
    ])
    .filter((value) => value.length >= 4);
}
