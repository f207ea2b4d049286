import * as React from 'react';

/** Argo CD's sliding panel: resource details and status panel flyouts slide in from the right. */
export function SlidingPanel(props: { title: string; onClose: () => void; children: React.ReactNode }) {
  return (
    <div className="sliding-panel" role="dialog" aria-label={props.title}>
      <div className="sliding-panel__header">
        <span className="sliding-panel__title">{props.title}</span>
        <button type="button" className="sliding-panel__close" aria-label="Close" onClick={props.onClose}>
          <i className="fa fa-times" />
        </button>
      </div>
      <div className="sliding-panel__body">{props.children}</div>
    </div>
  );
}
