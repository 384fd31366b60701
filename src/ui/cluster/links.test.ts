import { describe, expect, it } from 'vitest';
import { type LaneDatum, laneLabel } from './links';

const lane = (state: LaneDatum['state']): LaneDatum => ({
  key: '0-1',
  from: 0,
  to: 1,
  segment: { start: { x: 0, y: 0 }, end: { x: 1, y: 1 } },
  state,
  preview: false,
});

describe('a lane says what activating it does', () => {
  it('with a mouse: cuts an up lane, heals a cut one', () => {
    expect(laneLabel(lane('up'))).toBe('Link from S1 to S2: up. Activate to cut it');
    expect(laneLabel(lane('down'))).toBe('Link from S1 to S2: cut. Activate to heal it');
  });

  it("on a phone: opens the link's menu, and still says the lane's state", () => {
    expect(laneLabel(lane('up'), true)).toBe(
      "Link from S1 to S2: up. Activate for the link's menu",
    );
    expect(laneLabel(lane('down'), true)).toBe(
      "Link from S1 to S2: cut. Activate for the link's menu",
    );
  });

  it('a lane to a disconnected node says so either way', () => {
    expect(laneLabel(lane('blocked'), true)).toBe(laneLabel(lane('blocked')));
  });
});
