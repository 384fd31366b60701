/**
 * The SVG stage. React renders it once; the scene redraws from store subscriptions, so a
 * frame of the running cluster never re-renders a component.
 */
import { useEffect, useRef } from 'react';
import { nodeName } from '../../util/node-name';
import { useActions } from '../context';
import { addNotice, selectMessage, selectNode, useStore } from '../store/store';
import { isNarrow } from '../use-narrow';
import { closeLinkMenu, openLinkMenu } from './link-menu';
import { laneState } from './links';
import { assignNode, usePartitionDraft } from './partition-draft';
import { ClusterScene, type SceneHandlers, type SceneInput } from './scene';

const NO_DRAFT = { active: false, brush: 1, groupOf: [] } as const;

/** The partition draft in force: none while looking at the past (nothing can change). */
function activeDraft() {
  const s = useStore.getState();
  const past = s.view?.mode === 'inspect' || s.playback.inspecting !== null;
  return past ? NO_DRAFT : usePartitionDraft.getState();
}

function sceneInput(): SceneInput {
  const s = useStore.getState();
  return {
    view: s.view,
    config: s.config,
    selectedNode: s.selection.node,
    selectedMessage: s.selection.messageId,
    draft: activeDraft(),
    clients: s.clients.length,
    highlight: s.highlight,
    linkMenus: isNarrow(),
    paintMessages:
      s.view?.mode === 'live' &&
      s.playback.inspecting === null &&
      s.playback.speed === 'max' &&
      !s.playback.paused,
  };
}

export function ClusterCanvas() {
  const actions = useActions();
  const box = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const paintRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const el = box.current;
    const svg = svgRef.current;
    if (el === null || svg === null) return;
    const handlers: SceneHandlers = {
      node: (id) => {
        if (activeDraft().active) assignNode(id);
        else {
          closeLinkMenu();
          selectNode(id);
        }
      },
      link: (from, to) => {
        const view = useStore.getState().view;
        if (view === null) return;
        // A finger cannot pick one of a link's two lanes: show both, and what each does.
        if (isNarrow()) {
          selectNode(null);
          openLinkMenu(from, to);
          return;
        }
        const state = laneState(view.network, view.nodes.length, from, to);
        if (state === 'blocked') {
          const cut = view.network.connected[from] === false ? from : to;
          addNotice(
            `${nodeName(cut)} is disconnected: reconnect it first (select it, then press d).`,
          );
          return;
        }
        actions.act({ type: 'setLink', from, to, up: state === 'down' });
      },
      message: (id) => selectMessage(id),
    };
    const scene = new ClusterScene(svg, handlers, paintRef.current);
    const measure = () => {
      const r = el.getBoundingClientRect();
      scene.resize(r.width, r.height);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    const redraw = () => scene.update(sceneInput());
    redraw();
    const stopStore = useStore.subscribe(redraw);
    const stopDraft = usePartitionDraft.subscribe(redraw);
    return () => {
      stopStore();
      stopDraft();
      observer.disconnect();
      scene.dispose();
    };
  }, [actions]);

  return (
    <div ref={box} className="cluster-canvas">
      <svg ref={svgRef} aria-label="Cluster: nodes, links and messages in flight" />
      {/* Messages at full speed; the message layer in the SVG says they are there. */}
      <canvas ref={paintRef} className="message-paint" hidden />
    </div>
  );
}
