/** A request for server-side printing: kubectl's `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. */
export interface TableFormat {
  version: 'v1' | 'v1beta1';
  includeObject: 'None' | 'Metadata' | 'Object';
}

function parseMediaType(entry: string): { type: string; parameters: Map<string, string> } {
  const [type = '', ...rest] = entry.split(';').map((part) => part.trim());
  const parameters = new Map<string, string>();
  for (const parameter of rest) {
    const equals = parameter.indexOf('=');
    if (equals > 0) parameters.set(parameter.slice(0, equals).trim(), parameter.slice(equals + 1).trim());
  }
  return { type: type.toLowerCase(), parameters };
}

/** The Table the Accept header asks for before any plain JSON it accepts; undefined for plain JSON. */
export function negotiateTable(accept: string | undefined, query: URLSearchParams): TableFormat | undefined {
  for (const entry of (accept ?? '').split(',')) {
    const { type, parameters } = parseMediaType(entry);
    const as = parameters.get('as');
    if (type === 'application/json' && as === 'Table' && parameters.get('g') === 'meta.k8s.io') {
      const version = parameters.get('v');
      if (version !== 'v1' && version !== 'v1beta1') continue;
      const include = query.get('includeObject');
      const includeObject = include === 'None' || include === 'Object' ? include : 'Metadata';
      return { version, includeObject };
    }
    if ((type === 'application/json' && as === undefined) || type === '*/*' || type === 'application/*') {
      return undefined;
    }
  }
  return undefined;
}

export function tableContentType(format: TableFormat): string {
  return `application/json;as=Table;v=${format.version};g=meta.k8s.io`;
}
