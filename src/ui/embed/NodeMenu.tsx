/**
 * An embed's node menu: a click on a node opens this small box with the node's actions
 * (crash, restart, time out, disconnect), since an embed has no details panel.
 */
import { nodeName } from '../../util/node-name';
import { detailsEqual, detailsModel } from '../log/details-model';
import { useStableStore } from '../log/use-stable-store';
import { selectNode, useStore } from '../store/store';
import { NodeActions } from '../views/NodeActions';

export function NodeMenu() {
  const model = useStableStore(detailsModel, detailsEqual);
  const locked = useStore((s) => s.locked);
  if (model === null || locked) return null;
  const role = model.volatile?.role ?? 'crashed';
  return (
    <section className="node-menu" aria-label={`${nodeName(model.id)} menu`}>
      <p className="node-menu-head">
        <strong>{nodeName(model.id)}</strong> {role}, term {model.term}
        <button
          type="button"
          className="nd-close"
          aria-label="Close the node menu (Esc)"
          onClick={() => selectNode(null)}
        >
          ×
        </button>
      </p>
      <NodeActions model={model} />
    </section>
  );
}
