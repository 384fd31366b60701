/**
 * Messages in flight as a d3 join keyed by message id. A glyph is built once, when its
 * message first appears; every frame after that only moves it (a transform), and an idle
 * frame (same messages, same time) touches nothing. Position comes from virtual time, so
 * there are no transitions. With reduced motion, messages do not fly: each rests halfway
 * along its lane (each direction has its own) until it arrives.
 */
import { type Selection, select } from 'd3';
import { laneBetween, messageProgress, pointAlong, type RingLayout, type Segment } from './layout';
import { describeMessage, type Glyph, glyphOf, type MessageLike } from './message-fields';
import { becomeTabStop, installRoving, isActivation, keepOneTabStop } from './roving';

export const SHAPES: Record<Glyph['shape'], string> = {
  diamond: 'M0,-8L8,0L0,8L-8,0Z',
  square: 'M-8,-6H8V6H-8Z',
  circle: 'M-7,0A7,7 0 1,0 7,0A7,7 0 1,0 -7,0Z',
  triangle: 'M0,-8L8,6H-8Z',
};
/** A heartbeat: a small hollow square. */
export const SMALL_SQUARE = 'M-5,-5H5V5H-5Z';
/** The flap that makes a square an envelope (AppendEntries carrying entries). */
export const FLAP = 'M-8,-6L0,1L8,-6';

type G = Selection<SVGGElement, MessageLike, SVGGElement, unknown>;

export class MessagesLayer {
  private readonly stopRoving: () => void;
  private readonly moved = new Map<number, string>();
  private readonly heldShown = new Map<number, boolean>();
  private lanes = new Map<string, Segment>();
  private readonly reducedMotion =
    typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
  private last: {
    messages: readonly MessageLike[];
    now: number;
    layout: RingLayout;
    selected: number | null;
    highlightTypes: readonly string[];
  } | null = null;

  constructor(
    private readonly layer: SVGGElement,
    private readonly onActivate: (id: number) => void,
  ) {
    this.stopRoving = installRoving(layer);
    // Focusable from script only (not a Tab stop): where focus goes when its glyph leaves.
    layer.setAttribute('tabindex', '-1');
  }

  dispose(): void {
    this.stopRoving();
  }

  draw(
    messages: readonly MessageLike[],
    now: number,
    layout: RingLayout,
    selected: number | null,
    highlightTypes: readonly string[] = [],
  ): void {
    const last = this.last;
    if (
      last !== null &&
      last.messages === messages &&
      last.now === now &&
      last.layout === layout &&
      last.selected === selected &&
      last.highlightTypes === highlightTypes
    ) {
      return;
    }
    if (last?.layout !== layout) {
      this.lanes = new Map();
      this.moved.clear();
    }
    this.last = { messages, now, layout, selected, highlightTypes };
    let changedSet = false;
    const joined = select(this.layer)
      .selectAll<SVGGElement, MessageLike>('g.msg')
      .data(messages, (d) => d.id)
      .join(
        (enter) => {
          if (!enter.empty()) changedSet = true;
          return this.enter(enter.append('g'));
        },
        (update) => update,
        (exit) => {
          if (!exit.empty()) changedSet = true;
          exit.each((d) => {
            this.moved.delete(d.id);
            this.heldShown.delete(d.id);
          });
          const hadFocus = exit.nodes().includes(document.activeElement as SVGGElement);
          exit.remove();
          // A delivered message takes its glyph away: keep focus in the layer, not <body>.
          if (hadFocus) this.layer.focus();
        },
      );
    joined.each((d, i, els) => {
      const el = els[i]!;
      const p = pointAlong(
        this.lane(layout, d),
        calmProgress(messageProgress(d, now), this.reducedMotion?.matches === true),
      );
      const transform = `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`;
      if (this.moved.get(d.id) !== transform) {
        this.moved.set(d.id, transform);
        el.setAttribute('transform', transform);
      }
      if (this.heldShown.get(d.id) !== d.held) {
        this.heldShown.set(d.id, d.held);
        el.classList.toggle('held', d.held);
        el.setAttribute('aria-label', describeMessage(d));
      }
      const isHighlighted = highlightTypes.includes(d.type);
      if (el.classList.contains('highlighted') !== isHighlighted)
        el.classList.toggle('highlighted', isHighlighted);
      const isSelected = d.id === selected;
      if (el.classList.contains('selected') !== isSelected)
        el.classList.toggle('selected', isSelected);
    });
    if (changedSet) keepOneTabStop(this.layer);
  }

  private lane(layout: RingLayout, m: MessageLike): Segment {
    const key = `${m.from}>${m.to}`;
    let s = this.lanes.get(key);
    if (s === undefined) {
      s = laneBetween(layout, m.from, m.to);
      this.lanes.set(key, s);
    }
    return s;
  }

  private enter(g: G): G {
    g.attr('data-id', (d) => d.id)
      .attr('data-roving', '')
      .attr('tabindex', -1)
      .attr('role', 'button')
      .attr('class', (d) => {
        const glyph = glyphOf(d);
        return `msg fam-${glyph.family}${glyph.hollow ? ' hollow' : ''}`;
      })
      .on('focus', (e: FocusEvent) => becomeTabStop(e.currentTarget as Element))
      .on('click', (e: MouseEvent, d) => {
        e.stopPropagation();
        this.onActivate(d.id);
      })
      .on('keydown', (e: KeyboardEvent, d) => {
        if (!isActivation(e)) return;
        e.preventDefault();
        e.stopPropagation();
        this.onActivate(d.id);
      });
    g.append('circle').attr('class', 'ring').attr('r', 11);
    g.each(function (d) {
      const glyph = glyphOf(d);
      const el = select(this);
      el.append('path')
        .attr('class', 'shape')
        .attr('d', glyph.small ? SMALL_SQUARE : SHAPES[glyph.shape]);
      if (glyph.shape === 'square' && !glyph.small)
        el.append('path').attr('class', 'flap').attr('d', FLAP);
      if (glyph.mark !== '')
        el.append('text').attr('class', 'mark').attr('y', 3.5).text(glyph.mark);
    });
    return g;
  }
}

/**
 * Gives focus back to a message's glyph inside `stage`, or to the message layer when the
 * message is no longer in flight (for the details panel as it closes).
 */
export function focusMessageOrLayer(stage: Element, id: number): void {
  const target =
    stage.querySelector<SVGGElement>(`g.msg[data-id="${id}"]`) ??
    stage.querySelector<SVGGElement>('g.messages');
  target?.focus();
}

/** Where a message is drawn along its lane: as far as it has come, or, calm, halfway. */
export function calmProgress(progress: number, reducedMotion: boolean): number {
  return reducedMotion ? 0.5 : progress;
}
