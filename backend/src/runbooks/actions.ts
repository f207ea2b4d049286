import type { RunbookError } from './problems.js';
import { runbookSchemaErrors } from './runbook-schema-errors.js';
import { ACTION_NAMES, type Action, type ActionName, ActionSchemas } from './schema.js';
import { isPlainObject, kindOf } from './yaml-values.js';

const KNOWN = `(known: ${ACTION_NAMES.join(', ')})`;

function isActionName(name: string): name is ActionName {
  return (ACTION_NAMES as readonly string[]).includes(name);
}

/**
 * Checks `solution.actions`: each item is a mapping with one key, a known action's name, whose
 * value its schema accepts. `revertLastChange:` with no value reads as `revertLastChange: {}`, so
 * an action without settings may be written either way.
 */
export function readActions(items: readonly unknown[]): { actions: Action[]; errors: RunbookError[] } {
  const actions: Action[] = [];
  const errors: RunbookError[] = [];
  for (const [index, item] of items.entries()) {
    const field = `solution.actions[${index}]`;
    if (!isPlainObject(item)) {
      errors.push({
        field,
        message: `is ${kindOf(item)}; an action is a mapping from its name to its settings ${KNOWN}`,
      });
      continue;
    }
    const names = Object.keys(item);
    const [name] = names;
    if (name === undefined) {
      errors.push({
        field,
        message: `is empty; an action is a mapping from its name to its settings ${KNOWN}`,
      });
      continue;
    }
    if (names.length > 1) {
      errors.push({
        field,
        message: `has ${names.length} keys (${names.join(', ')}); an action has one, its name`,
      });
      continue;
    }
    if (!isActionName(name)) {
      errors.push({ field, message: `unknown action ${name} ${KNOWN}` });
      continue;
    }
    const settings = item[name] ?? {};
    const problems = runbookSchemaErrors(ActionSchemas[name], settings, `${field}.${name}`);
    if (problems.length > 0) errors.push(...problems);
    // Checked against the action's own schema just above.
    else actions.push({ [name]: settings } as Action);
  }
  return { actions, errors };
}
