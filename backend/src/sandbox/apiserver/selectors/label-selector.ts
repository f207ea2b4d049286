import { badRequest } from '../api-error.js';

type Operator = 'exists' | '!exists' | 'in' | 'notin' | 'gt' | 'lt';

interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type Labels = Readonly<Record<string, string>> | undefined;

/** A parsed `labelSelector` query: equality (`=`, `==`, `!=`) and set-based (`in`, `notin`, `key`, `!key`, `<`, `>`). */
export interface LabelSelector {
  matches(labels: Labels): boolean;
}

const symbols = ['==', '!=', '=', '!', '(', ')', ',', '<', '>'] as const;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    const symbol = symbols.find((candidate) => text.startsWith(candidate, index));
    if (symbol) {
      tokens.push(symbol);
      index += symbol.length;
      continue;
    }
    let end = index;
    while (end < text.length && !/[\s,()=!<>]/.test(text.charAt(end))) end += 1;
    tokens.push(text.slice(index, end));
    index = end;
  }
  return tokens;
}

function isIdentifier(token: string | undefined): token is string {
  return token !== undefined && !(symbols as readonly string[]).includes(token);
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: string[],
    private readonly source: string,
  ) {}

  private fail(detail: string): never {
    throw badRequest(`unable to parse requirement: ${detail} in label selector "${this.source}"`);
  }

  private peek(): string | undefined {
    return this.tokens[this.position];
  }

  private next(): string | undefined {
    const token = this.tokens[this.position];
    this.position += 1;
    return token;
  }

  private identifier(what: string): string {
    const token = this.next();
    if (!isIdentifier(token)) this.fail(`found '${token ?? 'end of string'}', expected: ${what}`);
    return token;
  }

  /** A value may be empty (`key=` selects the empty value). */
  private optionalValue(): string {
    return isIdentifier(this.peek()) ? (this.next() as string) : '';
  }

  private valueSet(): string[] {
    if (this.next() !== '(') this.fail("expected '(' after set operator");
    const values: string[] = [];
    for (;;) {
      values.push(this.optionalValue());
      const token = this.next();
      if (token === ')') return values;
      if (token !== ',') this.fail(`found '${token ?? 'end of string'}', expected: ',' or ')'`);
    }
  }

  requirements(): Requirement[] {
    const requirements: Requirement[] = [];
    while (this.peek() !== undefined) {
      requirements.push(this.requirement());
      const token = this.next();
      if (token !== undefined && token !== ',') this.fail(`found '${token}', expected: ','`);
    }
    return requirements;
  }

  private requirement(): Requirement {
    if (this.peek() === '!') {
      this.next();
      return { key: this.identifier('identifier'), operator: '!exists', values: [] };
    }
    const key = this.identifier('identifier');
    const operator = this.peek();
    if (operator === undefined || operator === ',') return { key, operator: 'exists', values: [] };
    this.next();
    switch (operator) {
      case '=':
      case '==':
        return { key, operator: 'in', values: [this.optionalValue()] };
      case '!=':
        return { key, operator: 'notin', values: [this.optionalValue()] };
      case 'in':
      case 'notin':
        return { key, operator, values: this.valueSet() };
      case '<':
      case '>': {
        const value = this.identifier('a number');
        if (!/^-?\d+$/.test(value)) this.fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
        return { key, operator: operator === '<' ? 'lt' : 'gt', values: [value] };
      }
      default:
        return this.fail(`found '${operator}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }
}

function satisfies(requirement: Requirement, labels: Labels): boolean {
  const value = labels && Object.hasOwn(labels, requirement.key) ? labels[requirement.key] : undefined;
  switch (requirement.operator) {
    case 'exists':
      return value !== undefined;
    case '!exists':
      return value === undefined;
    case 'in':
      return value !== undefined && requirement.values.includes(value);
    case 'notin':
      return value === undefined || !requirement.values.includes(value);
    case 'gt':
    case 'lt': {
      if (value === undefined || !/^-?\d+$/.test(value)) return false;
      const bound = Number(requirement.values[0]);
      return requirement.operator === 'gt' ? Number(value) > bound : Number(value) < bound;
    }
  }
}

export function parseLabelSelector(text: string | null): LabelSelector | undefined {
  if (text === null || text.trim() === '') return undefined;
  const requirements = new Parser(tokenize(text), text).requirements();
  return { matches: (labels) => requirements.every((requirement) => satisfies(requirement, labels)) };
}
