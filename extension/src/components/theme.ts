import type * as React from 'react';
import type { Tone } from '../support/remediation-states.js';

/** Argo CD's status colours, so states read the same as its health and sync icons. */
export const COLORS = {
  success: '#18be94',
  failure: '#e96d76',
  running: '#0dadea',
  waiting: '#f4c030',
  neutral: '#8fa4b1',
  text: '#6d7f8b',
  addedBackground: 'rgba(24, 190, 148, 0.16)',
  removedBackground: 'rgba(233, 109, 118, 0.18)',
  hunkBackground: 'rgba(13, 173, 234, 0.1)',
  border: 'rgba(143, 164, 177, 0.35)',
} as const;

export function toneColor(tone: Tone): string {
  return COLORS[tone];
}

/** The small grey capitals Argo CD puts over each section of a panel. */
export const SECTION_TITLE: React.CSSProperties = {
  fontSize: '12px',
  fontWeight: 600,
  color: COLORS.text,
  textTransform: 'uppercase',
  letterSpacing: '0.04em',
  margin: '0 0 0.6em',
};

export const BOX: React.CSSProperties = { marginBottom: '1em', padding: '1em 1.2em' };

export const MONOSPACE: React.CSSProperties = {
  fontFamily: 'SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  fontSize: '12px',
};

export const MUTED: React.CSSProperties = { color: COLORS.text };
