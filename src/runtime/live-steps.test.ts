/**
 * Persist, then send, for every receiver: a message leaves only once the step that sent
 * it is durable, whether a node or a client receives it (a client's reply used to skip
 * the wait, safe only because nothing made it observable).
 */
import { describe, expect, it } from 'vitest';
import { EngineCore } from '../sim/engine';
import { type AsyncHost, answeringLater } from '../sim/host';
import { InProcessHost } from '../sim/in-process-host';
import { booted } from '../sim/node-ops';
import { nodeConfigs, resolveOptions } from '../sim/options';
import { LiveSteps } from './live-steps';

function setUp() {
  const o = resolveOptions({ nodes: 2, seed: 1 });
  let durable = false;
  let land: () => void = () => {};
  const landed = new Promise<void>((resolve) => {
    land = () => {
      durable = true;
      resolve();
    };
  });
  const inner = nodeConfigs(o).map((c) => new InProcessHost(c, o.seed));
  const hosts: AsyncHost[] = inner.map((h) => {
    const host = answeringLater(h);
    host.whenDurable = () => (durable ? undefined : landed);
    return host;
  });
  const core = new EngineCore(o, hosts);
  for (const h of inner) booted(core, h.id, h.boot(0));
  return { core, steps: new LiveSteps(core, hosts), land };
}

describe('the durability gate', () => {
  it("a client's reply waits until the sending node's step is durable", async () => {
    const { core, steps, land } = setUp();
    const received: unknown[] = [];
    core.attachClient('c1', (m) => received.push(m));
    core.sendMessage(0, 'c1', { type: 'ClientReply' });
    const plan = core.popNext();
    expect(plan?.origin).toMatchObject({ node: 0 });
    core.sendMessage(0, 'c1', { type: 'ClientReply' });
    const delivered = steps.next();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(received).toEqual([]);
    land();
    expect(await delivered).toBe(true);
    expect(received).toHaveLength(1);
  });

  it("a client's request waits for nothing: only node steps are gated", () => {
    const { core } = setUp();
    core.sendMessage('c1', 0, { type: 'ClientRequest' });
    const plan = core.popNext();
    expect(plan?.call?.kind).toBe('client');
    expect(plan?.origin).toBeUndefined();
  });
});
