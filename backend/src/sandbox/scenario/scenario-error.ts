/** A scenario directory that cannot be used, naming the file and, where known, the field. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly field: string | undefined,
    readonly problem: string,
  ) {
    super(field ? `${file}: ${field}: ${problem}` : `${file}: ${problem}`);
    this.name = 'ScenarioError';
  }
}
