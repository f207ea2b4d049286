import * as React from 'react';
import { type DiffLine, parseUnifiedDiff } from '../support/unified-diff.js';
import { COLORS, MONOSPACE, MUTED } from './theme.js';

const BACKGROUNDS: Partial<Record<DiffLine['kind'], string>> = {
  added: COLORS.addedBackground,
  removed: COLORS.removedBackground,
  hunk: COLORS.hunkBackground,
};

const MARKS: Readonly<Record<DiffLine['kind'], string>> = {
  added: '+',
  removed: '-',
  context: ' ',
  hunk: '',
  file: '',
  note: '',
};

const NUMBER: React.CSSProperties = {
  width: '3.5em',
  textAlign: 'right',
  paddingRight: '0.6em',
  userSelect: 'none',
  color: COLORS.neutral,
  verticalAlign: 'top',
};

/**
 * One file of a proposed change as a forge shows it: old and new line numbers, removed lines on red,
 * added lines on green, each marked - or + as well so the change reads without colour too.
 */
export function DiffView(props: { path: string; diff: string }) {
  const parsed = parseUnifiedDiff(props.diff);
  return (
    <div
      className="ai-sre-diff"
      style={{
        border: `1px solid ${COLORS.border}`,
        borderRadius: '3px',
        margin: '0.6em 0',
        overflow: 'hidden',
      }}
    >
      <div style={{ padding: '0.4em 0.8em', borderBottom: `1px solid ${COLORS.border}` }}>
        <i className="fa fa-file-code" /> <strong style={MONOSPACE}>{props.path}</strong>{' '}
        <span style={{ color: COLORS.success }}>+{parsed.added}</span>{' '}
        <span style={{ color: COLORS.failure }}>-{parsed.removed}</span>
      </div>
      <div style={{ overflowX: 'auto' }}>
        <table style={{ ...MONOSPACE, borderCollapse: 'collapse', width: '100%' }}>
          <tbody>
            {parsed.lines
              .filter((line) => line.kind !== 'file')
              .map((line, index) => (
                <tr
                  // Lines of a diff have no identity but their place.
                  // biome-ignore lint/suspicious/noArrayIndexKey: the diff never reorders
                  key={index}
                  className={`ai-sre-diff__${line.kind}`}
                  style={{ background: BACKGROUNDS[line.kind] }}
                >
                  <td style={NUMBER}>{line.oldNumber ?? ''}</td>
                  <td style={NUMBER}>{line.newNumber ?? ''}</td>
                  <td
                    style={{ whiteSpace: 'pre', paddingRight: '1em', ...(line.kind === 'hunk' ? MUTED : {}) }}
                  >
                    {MARKS[line.kind]}
                    {line.text}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
