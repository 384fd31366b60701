/**
 * The cluster drawing: owns the SVG layers and redraws each one only when what it reads
 * changed. It is driven by store subscriptions (once per frame at most), never by React
 * renders.
 */
import { select } from 'd3';
import type { ClusterConfig } from '../../runtime/cluster-config';
import type { ClusterView, Highlight } from '../store/types';
import { installGlyphSymbols } from './glyph-symbols';
import { popoverRoom, type RingLayout, ringLayout } from './layout';
import { LinksLayer, laneData } from './links';
import { MessagePainter } from './message-paint';
import { layerLabel, MessagesLayer } from './messages';
import { type NodeDatum, NodesLayer } from './nodes';
import type { PartitionDraft } from './partition-draft';

export interface SceneInput {
  readonly view: ClusterView | null;
  readonly config: ClusterConfig;
  readonly selectedNode: number | null;
  readonly selectedMessage: number | null;
  readonly draft: PartitionDraft;
  readonly clients: number;
  readonly highlight: Highlight;
  /** A tap on a link opens its menu (phones) instead of cutting or healing it. */
  readonly linkMenus?: boolean;
  /** Running at full speed: messages are painted, not drawn as SVG (message-paint.ts). */
  readonly paintMessages?: boolean;
}

export interface SceneHandlers {
  node(id: number): void;
  link(from: number, to: number): void;
  message(id: number): void;
}

const SVG = 'http://www.w3.org/2000/svg';
/** Each scene's symbol ids are its own, so two stages on one page never share one. */
let scenes = 0;

export class ClusterScene {
  private readonly nodes: NodesLayer;
  private readonly links: LinksLayer;
  private readonly messages: MessagesLayer;
  private readonly painter: MessagePainter | null;
  private readonly clientsMark: SVGGElement;
  private size = { width: 480, height: 360 };
  private layout: RingLayout | null = null;
  private layoutKey = '';
  private layoutVersion = 0;
  private last: SceneInput | null = null;

  /** `paint` is a canvas over the SVG, for messages at full speed. */
  constructor(
    private readonly svg: SVGSVGElement,
    handlers: SceneHandlers,
    paint: HTMLCanvasElement | null = null,
  ) {
    const layer = (cls: string, label?: string) => {
      const g = document.createElementNS(SVG, 'g');
      g.setAttribute('class', cls);
      if (label !== undefined) {
        g.setAttribute('role', 'group');
        g.setAttribute('aria-label', label);
      }
      svg.appendChild(g);
      return g;
    };
    const defs = document.createElementNS(SVG, 'defs');
    const symbols = `glyph${++scenes}-`;
    installGlyphSymbols(defs, symbols);
    svg.appendChild(defs);
    const wires = layer('wires');
    this.clientsMark = layer('clients-mark');
    const nodes = layer('nodes', 'Nodes');
    const hits = layer('lane-hits', 'Links (arrow keys move between them)');
    const messages = layer('messages', layerLabel(false));
    this.nodes = new NodesLayer(nodes, handlers.node);
    this.links = new LinksLayer(wires, hits, handlers.link);
    this.painter = paint === null ? null : new MessagePainter(paint);
    this.messages = new MessagesLayer(messages, symbols, handlers.message, this.painter);
    drawClientsMark(this.clientsMark);
  }

  dispose(): void {
    this.links.dispose();
    this.messages.dispose();
    this.svg.replaceChildren();
  }

  resize(width: number, height: number): void {
    const w = Math.round(width);
    const h = Math.round(height);
    if (w <= 0 || h <= 0 || (w === this.size.width && h === this.size.height)) return;
    this.size = { width: w, height: h };
    this.svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
    this.painter?.resize(w, h);
    if (this.last !== null) this.update(this.last, true);
  }

  update(input: SceneInput, force = false): void {
    const view = input.view;
    const prev = force ? null : this.last;
    this.last = input;
    if (view === null) return;
    const reserve = input.selectedMessage === null ? 0 : popoverRoom(this.size.width);
    const version = this.layoutVersion;
    const layout = this.layoutFor(view.nodes.length, reserve);
    const layoutChanged = prev === null || version !== this.layoutVersion;
    toggleClass(this.svg, 'inspecting', view.mode === 'inspect');
    toggleClass(this.svg, 'partitioning', input.draft.active);
    toggleClass(this.svg, 'dense', view.nodes.length >= 7);

    if (
      layoutChanged ||
      prev.view?.nodes !== view.nodes ||
      prev.view?.network !== view.network ||
      prev.selectedNode !== input.selectedNode ||
      prev.highlight !== input.highlight ||
      prev.draft !== input.draft
    ) {
      this.nodes.draw(nodeData(layout, view, input));
    }
    const scale = {
      electionTimeoutMs: input.config.electionTimeoutMs,
      heartbeatMs: input.config.heartbeatMs,
    };
    this.nodes.drawTimers(view.now, scale);

    const draft = input.draft.active ? input.draft.groupOf : null;
    const n = view.network;
    const menus = input.linkMenus === true;
    const linkSignature = `${this.layoutVersion}|${n.linkUp.join()}|${n.connected.join()}|${draft?.join() ?? ''}|${menus}`;
    this.links.draw(linkSignature, () => laneData(layout, n, draft), menus);
    this.messages.draw(
      view.messages,
      view.now,
      layout,
      input.selectedMessage,
      input.highlight.messageTypes,
      input.paintMessages === true,
    );

    const showClients =
      input.clients > 0 ||
      view.messages.some((m) => typeof m.from === 'string' || typeof m.to === 'string');
    if (layoutChanged) {
      const at = `translate(${layout.clients.x},${layout.clients.y})`;
      this.clientsMark.setAttribute('transform', at);
    }
    toggleClass(this.clientsMark, 'shown', showClients);
  }

  private layoutFor(count: number, reserve: number): RingLayout {
    const key = `${count}/${this.size.width}x${this.size.height}/${reserve}`;
    if (this.layout === null || key !== this.layoutKey) {
      this.layout = ringLayout(count, this.size.width, this.size.height, reserve);
      this.layoutKey = key;
      this.layoutVersion++;
    }
    return this.layout;
  }
}

/** classList.toggle writes the attribute even when nothing changes; this does not. */
function toggleClass(el: Element, name: string, on: boolean): void {
  if (el.classList.contains(name) !== on) el.classList.toggle(name, on);
}

function nodeData(layout: RingLayout, view: ClusterView, input: SceneInput): NodeDatum[] {
  return view.nodes.map((node, i) => {
    const p = layout.nodes[i]!;
    return {
      node,
      x: p.x,
      y: p.y,
      r: layout.nodeRadius,
      size: view.nodes.length,
      connected: view.network.connected[i] !== false,
      selected: input.selectedNode === node.id,
      highlighted: input.highlight.nodes.includes(node.id),
      group: input.draft.active ? (input.draft.groupOf[i] ?? 0) : null,
      compact: layout.compact,
      stale: node.status?.role === 'leader' && view.leader !== null && view.leader !== node.id,
    };
  });
}

/** The clients point: a laptop, labelled. */
function drawClientsMark(g: SVGGElement): void {
  const mark = select(g).attr('aria-hidden', 'true');
  mark.append('rect').attr('class', 'screen').attr('x', -11).attr('y', -12).attr('width', 22);
  mark.select('rect').attr('height', 15).attr('rx', 2);
  mark.append('path').attr('class', 'screen').attr('d', 'M-15,5H15L12,9H-12Z');
  mark.append('text').attr('class', 'clients-label').attr('y', 22).text('clients');
}
