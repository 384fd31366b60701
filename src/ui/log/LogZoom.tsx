/** A phone's zoom buttons for the log grid, with the zoom they leave it at. */
import { clampZoomStep, LOG_ZOOMS } from './zoom';

export function LogZoom({ step, onStep }: { step: number; onStep: (step: number) => void }) {
  const at = clampZoomStep(step);
  return (
    <fieldset className="logview-zoom" aria-label="Zoom the logs">
      <button
        type="button"
        aria-label="Zoom out of the logs"
        disabled={at === 0}
        onClick={() => onStep(at - 1)}
      >
        −
      </button>
      <output className="logview-zoom-level" aria-live="polite">
        {Math.round(LOG_ZOOMS[at]! * 100)}%
      </output>
      <button
        type="button"
        aria-label="Zoom in on the logs"
        disabled={at === LOG_ZOOMS.length - 1}
        onClick={() => onStep(at + 1)}
      >
        +
      </button>
    </fieldset>
  );
}
