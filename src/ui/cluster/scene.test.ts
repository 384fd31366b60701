// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newClusterConfig } from '../../runtime/cluster-config';
import type { NodeSnapshot } from '../../runtime/snapshot';
import type { MessageView } from '../../sim/types';
import type { ClusterView } from '../store/types';
import { ClusterScene, type SceneInput } from './scene';

const SIZE = 5;

function nodes(leader: number): NodeSnapshot[] {
  return Array.from({ length: SIZE }, (_, id) => ({
    id,
    alive: true,
    storage: 'idb' as const,
    status: {
      role: id === leader ? ('leader' as const) : ('follower' as const),
      term: 2,
      votedFor: leader,
      leaderId: leader,
      commitIndex: 1,
      lastApplied: 1,
      lastIndex: 1,
      nextDeadline: 400,
      votesGranted: [],
      progress: [],
    },
    durableTerm: 2,
    durableVotedFor: leader,
    logLength: 1,
  }));
}

function heartbeat(id: number, to: number): MessageView {
  return {
    id,
    from: 0,
    to,
    type: 'AppendEntries',
    term: 2,
    sentAt: 100,
    deliverAt: 120,
    payload: { type: 'AppendEntries', entries: [] },
    held: false,
  };
}

function view(now: number, messages: MessageView[], linkUp = true): ClusterView {
  return {
    mode: 'live',
    now,
    leader: 0,
    nodes: nodes(0),
    network: {
      connected: new Array(SIZE).fill(true),
      linkUp: new Array(SIZE * SIZE).fill(linkUp),
      settings: { delayMs: [1, 5], dropRate: 0, duplicateRate: 0 },
    },
    messages,
    messagesOmitted: 0,
    violations: [],
    kv: [],
    logs: [],
    logVersion: 0,
  };
}

function input(v: ClusterView, selectedNode: number | null = null): SceneInput {
  return {
    view: v,
    config: newClusterConfig({ nodes: SIZE }, () => 'test'),
    selectedNode,
    selectedMessage: null,
    draft: { active: false, brush: 1, groupOf: [] },
    clients: 0,
    highlight: { nodes: [], messageTypes: [], entries: [] },
  };
}

/** Counts inserted elements (not their children) and all mutations while `act` runs. */
async function watch(root: Node, act: () => void): Promise<{ added: number; any: number }> {
  const seen = { added: 0, any: 0 };
  const count = (records: MutationRecord[]) => {
    for (const r of records) {
      seen.any++;
      // A new glyph's own parts are built right after it: count the glyph once.
      if (!(r.target as Element).closest?.('use.msg')) seen.added += r.addedNodes.length;
    }
  };
  const observer = new MutationObserver(count);
  observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  act();
  await new Promise((r) => setTimeout(r, 0));
  count(observer.takeRecords());
  observer.disconnect();
  return seen;
}

describe('the cluster drawing does no work it does not need', () => {
  let svg: SVGSVGElement;
  let scene: ClusterScene;
  const handlers = { node: vi.fn(), link: vi.fn(), message: vi.fn() };

  beforeEach(() => {
    svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    document.body.appendChild(svg);
    scene = new ClusterScene(svg, handlers);
    scene.resize(480, 360);
  });
  afterEach(() => {
    scene.dispose();
    svg.remove();
  });

  it('draws every node, every directed lane and every message once', () => {
    scene.update(input(view(105, [heartbeat(1, 1), heartbeat(2, 2)])));
    expect(svg.querySelectorAll('g.node')).toHaveLength(SIZE);
    expect(svg.querySelectorAll('line.hit')).toHaveLength(SIZE * (SIZE - 1));
    expect(svg.querySelectorAll('use.msg')).toHaveLength(2);
    expect(svg.querySelector('g.node .name')?.textContent).toBe('S1');
    expect(svg.querySelector('g.node [role="button"]')?.getAttribute('aria-label')).toBe(
      'S1, leader, term 2, commit 1',
    );
    // The drawn words are outside the button and hidden: its name says them (label in name).
    expect(svg.querySelector('g.node [role="button"] text')).toBeNull();
    expect(svg.querySelector('g.node .name')?.closest('[aria-hidden="true"]')).not.toBeNull();
  });

  it('an idle frame (same view) changes nothing in the DOM', async () => {
    const v = view(105, [heartbeat(1, 1)]);
    scene.update(input(v));
    const seen = await watch(svg, () => scene.update(input(v)));
    expect(seen).toEqual({ added: 0, any: 0 });
  });

  it('a new frame of the same cluster moves messages but inserts no DOM nodes', async () => {
    const messages = [heartbeat(1, 1), heartbeat(2, 2)];
    scene.update(input(view(101, messages)));
    const before = svg.querySelector('use.msg')?.getAttribute('transform');
    // A new snapshot: new objects, same content, time moved on.
    const seen = await watch(svg, () =>
      scene.update(
        input(
          view(
            111,
            messages.map((m) => ({ ...m })),
          ),
        ),
      ),
    );
    expect(seen.added).toBe(0);
    expect(svg.querySelector('use.msg')?.getAttribute('transform')).not.toBe(before);
  });

  it('adds one glyph for one new message and removes delivered ones', async () => {
    scene.update(input(view(101, [heartbeat(1, 1)])));
    const seen = await watch(svg, () =>
      scene.update(input(view(102, [heartbeat(1, 1), heartbeat(3, 3)]))),
    );
    expect(svg.querySelectorAll('use.msg')).toHaveLength(2);
    expect(seen.added).toBe(1);
    scene.update(input(view(130, [heartbeat(3, 3)])));
    expect(svg.querySelectorAll('use.msg')).toHaveLength(1);
    // The delivered one's glyph waits, hidden and unnamed, for the next heartbeat.
    const free = svg.querySelectorAll('use.msg-free');
    expect(free).toHaveLength(1);
    expect(free[0]!.getAttribute('display')).toBe('none');
    expect(free[0]!.hasAttribute('data-roving')).toBe(false);
    const again = await watch(svg, () =>
      scene.update(input(view(131, [heartbeat(3, 3), heartbeat(4, 4)]))),
    );
    expect(again.added).toBe(0);
    expect(svg.querySelectorAll('use.msg')).toHaveLength(2);
    expect(svg.querySelectorAll('use.msg-free')).toHaveLength(0);
  });

  it('draws a cut lane dashed with a cross, and says so', () => {
    const v = view(100, []);
    const linkUp = v.network.linkUp.slice();
    linkUp[0 * SIZE + 1] = false;
    scene.update(input({ ...v, network: { ...v.network, linkUp } }));
    const lane = svg.querySelector('g.lane.down');
    expect(lane).not.toBeNull();
    expect(lane?.querySelector('path.cut')?.getAttribute('d')).toMatch(/^M/);
    expect(svg.querySelectorAll('g.lane.down')).toHaveLength(1);
    const hit = svg.querySelector('line.hit[aria-label^="Link from S1 to S2"]');
    expect(hit?.getAttribute('aria-label')).toContain('cut');
  });

  it('keeps one Tab stop among the lanes', () => {
    scene.update(input(view(100, [])));
    expect(svg.querySelectorAll('line.hit[tabindex="0"]')).toHaveLength(1);
  });

  it('activates a node with Enter, a lane with Space and a message with a click', () => {
    scene.update(input(view(105, [heartbeat(9, 1)])));
    const key = (el: Element, k: string) =>
      el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key(svg.querySelectorAll('g.node [role="button"]')[2]!, 'Enter');
    expect(handlers.node).toHaveBeenCalledWith(2);
    key(svg.querySelector('line.hit[aria-label^="Link from S4 to S5"]')!, ' ');
    expect(handlers.link).toHaveBeenCalledWith(3, 4);
    svg.querySelector('use.msg')!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(handlers.message).toHaveBeenCalledWith(9);
  });

  it('marks the selected node, and redraws only that on a selection change', async () => {
    const v = view(100, []);
    scene.update(input(v));
    const seen = await watch(svg, () => scene.update(input(v, 3)));
    expect(seen.added).toBe(0);
    expect(svg.querySelectorAll('g.node.selected')).toHaveLength(1);
    expect(svg.querySelectorAll('g.node')[3]?.classList.contains('selected')).toBe(true);
  });

  it('redraws a node whose commit moved by rewriting only what shows the commit', async () => {
    const v = view(100, []);
    scene.update(input(v));
    const moved = v.nodes.map((n) =>
      n.id === 2 && n.status !== null ? { ...n, status: { ...n.status, commitIndex: 2 } } : n,
    );
    const changed: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records) changed.push(r.attributeName ?? r.type);
    });
    observer.observe(svg, {
      subtree: true,
      attributes: true,
      characterData: true,
      childList: true,
    });
    scene.update(input({ ...v, nodes: moved }));
    await new Promise((r) => setTimeout(r, 0));
    observer.disconnect();
    expect(changed).toEqual(['aria-label']);
    expect(svg.querySelectorAll('g.node [role="button"]')[2]?.getAttribute('aria-label')).toBe(
      'S3, follower, term 2, voted for S1, commit 2',
    );
  });
});

/** A 2D context that records what is drawn (DOM tests have no canvas). */
function recordingContext() {
  const drawn: { x: number; y: number }[] = [];
  const context = new Proxy(
    { drawImage: (_image: unknown, x: number, y: number) => drawn.push({ x, y }) },
    {
      get: (target, key) => (key in target ? target[key as keyof typeof target] : () => undefined),
      set: () => true,
    },
  );
  return { drawn, context };
}

describe('at full speed messages are painted, not drawn as elements', () => {
  let svg: SVGSVGElement;
  let canvas: HTMLCanvasElement;
  let scene: ClusterScene;
  let drawn: { x: number; y: number }[];

  beforeEach(() => {
    svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    canvas = document.createElement('canvas');
    canvas.hidden = true;
    const recording = recordingContext();
    drawn = recording.drawn;
    canvas.getContext = (() => recording.context) as unknown as HTMLCanvasElement['getContext'];
    document.body.append(svg, canvas);
    scene = new ClusterScene(svg, { node: vi.fn(), link: vi.fn(), message: vi.fn() }, canvas);
    scene.resize(480, 360);
  });
  afterEach(() => {
    scene.dispose();
    svg.remove();
    canvas.remove();
  });

  const fast = (v: ClusterView, paint: boolean): SceneInput => ({
    ...input(v),
    paintMessages: paint,
  });

  it('paints each message once and keeps no glyph elements', () => {
    scene.update(fast(view(105, [heartbeat(1, 1), heartbeat(2, 2)]), true));
    expect(svg.querySelectorAll('use.msg')).toHaveLength(0);
    expect(drawn).toHaveLength(2);
    expect(canvas.hidden).toBe(false);
    // Nothing to pick: the layer's name says why, and how to get them back.
    expect(svg.querySelector('g.messages')?.getAttribute('aria-label')).toMatch(
      /^Messages in flight: painted at full speed.*pause to pick one/,
    );
  });

  it('gives the glyphs back, and hides the canvas, when it stops painting (paused)', () => {
    scene.update(fast(view(105, [heartbeat(1, 1)]), false));
    expect(svg.querySelectorAll('use.msg')).toHaveLength(1);
    scene.update(fast(view(106, [heartbeat(1, 1), heartbeat(2, 2)]), true));
    expect(svg.querySelectorAll('use.msg')).toHaveLength(0);
    scene.update(fast(view(106, [heartbeat(1, 1), heartbeat(2, 2)]), false));
    expect(svg.querySelectorAll('use.msg')).toHaveLength(2);
    expect(canvas.hidden).toBe(true);
    expect(svg.querySelector('g.messages')?.getAttribute('aria-label')).toBe(
      'Messages in flight (arrow keys move between them)',
    );
  });

  it('paints where the glyph would be drawn', () => {
    scene.update(fast(view(110, [heartbeat(1, 1)]), false));
    const at = svg.querySelector('use.msg')?.getAttribute('transform');
    const [x, y] = (at?.match(/-?[\d.]+/g) ?? []).map(Number);
    scene.update(fast(view(110, [heartbeat(1, 1)]), true));
    // The sprite is drawn with its centre on the message (14 px to its corner).
    expect(drawn[0]!.x + 14).toBeCloseTo(x!, 0);
    expect(drawn[0]!.y + 14).toBeCloseTo(y!, 0);
  });
});
