/**
 * Messages in flight, drawn one of two ways. Running at full speed they are painted on a
 * canvas (message-paint.ts: there a message lives a frame or two, and hundreds come and go
 * each second). Otherwise each is one <use> of its kind's symbol per message, taken when the message
 * first appears and put back when it arrives (hidden, in a pool per symbol: a <use> builds
 * a copy of its symbol when made, and at full speed hundreds come and go each second). Every frame after that only moves it (a
 * transform written only when it changed), and an idle frame (same messages, same time)
 * touches nothing. One set of listeners on the layer serves every glyph. Position comes
 * from virtual time, so there are no transitions. With reduced motion, messages do not
 * fly: each rests halfway along its lane (each direction has its own) until it arrives.
 */
import { symbolName } from './glyph-symbols';
import { laneBetween, messageProgress, pointAlong, type RingLayout, type Segment } from './layout';
import { describeMessage, glyphOf, type MessageLike } from './message-fields';
import type { MessagePainter, PaintedMessage } from './message-paint';
import { becomeTabStop, installRoving, isActivation, keepOneTabStop } from './roving';

const SVG = 'http://www.w3.org/2000/svg';
/** Hidden glyphs kept for reuse, per symbol: as many as a frame may draw. */
const POOL_MAX = 400;

interface Drawn {
  readonly el: SVGUseElement;
  readonly href: string;
  transform: string;
  held: boolean;
  highlighted: boolean;
  selected: boolean;
  /** The draw that last saw this message in flight. */
  seen: number;
}

export class MessagesLayer {
  private readonly stopListening: () => void;
  private readonly drawn = new Map<number, Drawn>();
  private readonly pool = new Map<string, SVGUseElement[]>();
  private generation = 0;
  private lanes = new Map<string, Segment>();
  private readonly reducedMotion =
    typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
  private last: {
    messages: readonly MessageLike[];
    now: number;
    layout: RingLayout;
    selected: number | null;
    highlightTypes: readonly string[];
    paint: boolean;
  } | null = null;

  /**
   * `symbols` is the id prefix of the glyph symbols (installGlyphSymbols); without a
   * `painter` messages are always SVG glyphs.
   */
  constructor(
    private readonly layer: SVGGElement,
    private readonly symbols: string,
    onActivate: (id: number) => void,
    private readonly painter: MessagePainter | null = null,
  ) {
    const stopRoving = installRoving(layer);
    // Focusable from script only (not a Tab stop): where focus goes when its glyph leaves.
    layer.setAttribute('tabindex', '-1');
    const idOf = (e: Event): number | null => {
      const el = (e.target as Element | null)?.closest?.('.msg[data-id]');
      return el == null ? null : Number(el.getAttribute('data-id'));
    };
    const onClick = (e: Event) => {
      const id = idOf(e);
      if (id === null) return;
      e.stopPropagation();
      onActivate(id);
    };
    const onKey = (e: KeyboardEvent) => {
      const id = idOf(e);
      if (id === null || !isActivation(e)) return;
      e.preventDefault();
      e.stopPropagation();
      onActivate(id);
    };
    const onFocus = (e: Event) => {
      if (idOf(e) !== null) becomeTabStop(e.target as Element);
    };
    layer.addEventListener('click', onClick);
    layer.addEventListener('keydown', onKey);
    layer.addEventListener('focusin', onFocus);
    this.stopListening = () => {
      stopRoving();
      layer.removeEventListener('click', onClick);
      layer.removeEventListener('keydown', onKey);
      layer.removeEventListener('focusin', onFocus);
    };
  }

  dispose(): void {
    this.stopListening();
  }

  draw(
    messages: readonly MessageLike[],
    now: number,
    layout: RingLayout,
    selected: number | null,
    highlightTypes: readonly string[] = [],
    paintRequested = false,
  ): void {
    const paint = paintRequested && this.painter !== null;
    const last = this.last;
    if (
      last !== null &&
      last.messages === messages &&
      last.now === now &&
      last.layout === layout &&
      last.selected === selected &&
      last.highlightTypes === highlightTypes &&
      last.paint === paint
    ) {
      return;
    }
    if (last?.layout !== layout) {
      this.lanes = new Map();
      for (const d of this.drawn.values()) d.transform = '';
    }
    this.last = { messages, now, layout, selected, highlightTypes, paint };
    const calm = this.reducedMotion?.matches === true;
    if (last?.paint !== paint) this.layer.setAttribute('aria-label', layerLabel(paint));
    if (paint) {
      this.putAllBack();
      this.painter?.paint(
        messages.map((m): PaintedMessage => {
          const p = pointAlong(this.lane(layout, m), calmProgress(messageProgress(m, now), calm));
          return {
            x: p.x,
            y: p.y,
            glyph: glyphOf(m),
            held: m.held,
            selected: m.id === selected,
            highlighted: highlightTypes.includes(m.type),
          };
        }),
      );
      return;
    }
    this.painter?.clear();
    const generation = ++this.generation;
    let changedSet = false;
    for (const m of messages) {
      let d = this.drawn.get(m.id);
      if (d === undefined) {
        d = this.enter(m);
        this.drawn.set(m.id, d);
        changedSet = true;
      }
      d.seen = generation;
      const p = pointAlong(this.lane(layout, m), calmProgress(messageProgress(m, now), calm));
      const transform = `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`;
      if (d.transform !== transform) {
        d.transform = transform;
        d.el.setAttribute('transform', transform);
      }
      if (d.held !== m.held) {
        d.held = m.held;
        d.el.classList.toggle('held', m.held);
        d.el.setAttribute('aria-label', describeMessage(m));
      }
      const highlighted = highlightTypes.includes(m.type);
      if (d.highlighted !== highlighted) {
        d.highlighted = highlighted;
        d.el.classList.toggle('highlighted', highlighted);
      }
      const isSelected = m.id === selected;
      if (d.selected !== isSelected) {
        d.selected = isSelected;
        d.el.classList.toggle('selected', isSelected);
      }
    }
    if (this.removeUnseen(generation) || changedSet) keepOneTabStop(this.layer);
  }

  /** Puts back the glyphs of messages the draw `generation` did not see; true if any. */
  private removeUnseen(generation: number): boolean {
    let removed = false;
    for (const [id, d] of this.drawn) {
      if (d.seen === generation) continue;
      this.drawn.delete(id);
      removed = true;
      const hadFocus = document.activeElement === d.el;
      this.putBack(d);
      // A delivered message takes its glyph away: keep focus in the layer, not <body>.
      if (hadFocus) this.layer.focus();
    }
    return removed;
  }

  /** Every glyph put back: the messages are painted instead. */
  private putAllBack(): void {
    if (this.drawn.size === 0) return;
    this.removeUnseen(++this.generation);
    keepOneTabStop(this.layer);
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

  private enter(m: MessageLike): Drawn {
    const glyph = glyphOf(m);
    const href = `#${this.symbols}${symbolName(glyph)}`;
    let el = this.pool.get(href)?.pop();
    if (el === undefined) {
      el = document.createElementNS(SVG, 'use');
      el.setAttribute('href', href);
      el.setAttribute('role', 'button');
      this.layer.appendChild(el);
    } else el.removeAttribute('display');
    el.setAttribute('class', `msg fam-${glyph.family}${glyph.hollow ? ' hollow' : ''}`);
    el.setAttribute('data-id', String(m.id));
    el.setAttribute('data-roving', '');
    el.setAttribute('tabindex', '-1');
    el.setAttribute('aria-label', describeMessage(m));
    return { el, href, transform: '', held: false, highlighted: false, selected: false, seen: 0 };
  }

  /** Hidden and out of the roving set, to be taken again by a message of the same kind. */
  private putBack(d: Drawn): void {
    let free = this.pool.get(d.href);
    if (free === undefined) {
      free = [];
      this.pool.set(d.href, free);
    }
    if (free.length >= POOL_MAX) {
      d.el.remove();
      return;
    }
    d.el.setAttribute('display', 'none');
    d.el.setAttribute('class', 'msg-free');
    d.el.removeAttribute('data-id');
    d.el.removeAttribute('data-roving');
    d.el.removeAttribute('tabindex');
    free.push(d.el);
  }
}

/**
 * Gives focus back to a message's glyph inside `stage`, or to the message layer when the
 * message is no longer in flight (for the details panel as it closes).
 */
export function focusMessageOrLayer(stage: Element, id: number): void {
  const target =
    stage.querySelector<SVGElement>(`.msg[data-id="${id}"]`) ??
    stage.querySelector<SVGGElement>('g.messages');
  target?.focus();
}

/** The message layer's name: what its glyphs are, or why it has none to pick. */
export function layerLabel(painted: boolean): string {
  return painted
    ? 'Messages in flight: painted at full speed, too quick to pick (pause to pick one)'
    : 'Messages in flight (arrow keys move between them)';
}

/** Where a message is drawn along its lane: as far as it has come, or, calm, halfway. */
export function calmProgress(progress: number, reducedMotion: boolean): number {
  return reducedMotion ? 0.5 : progress;
}
