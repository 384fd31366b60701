/**
 * A node's menu: a click or tap on a node opens this small box over the drawing with the
 * node's actions (crash, restart, time out, disconnect). Used where there is no room for the
 * details panel: in an embed and on a phone.
 */
import './menus.css';
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
    <section className="cluster-menu node-menu" aria-label={`${nodeName(model.id)} menu`}>
      <p className="cluster-menu-head">
        <strong>{nodeName(model.id)}</strong> {role}, term {model.term}
        {!model.connected && ', disconnected'}
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
