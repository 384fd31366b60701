/** Scenario files fail clearly: the line, and what was expected or what is so instead. */
import { describe, expect, it } from 'vitest';
import { checkGolden, diffLines } from './golden';
import { formatScenario, parseScenario } from './parse';
import { runScenario } from './runner';

/** The message a scenario's run fails with. */
function failure(text: string): string {
  try {
    runScenario(text);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

const block = (...commands: string[]) => `${commands.join('\n')}\n----\n`;

describe('parse errors name the line and what was expected', () => {
  it.each([
    [block('nodes 3 seed 1', 'partition'), 'line 2: partition needs groups like 1,2 | 3,4,5'],
    [
      block('nodes 3 seed 1', 'submit 1 {"n":}'),
      'line 2: a command in {…} or […] must be JSON without spaces: {"n":}',
    ],
    [block('nodes 3 seed 1', 'drop message x'), 'line 2: expected a message id, got x'],
    [block('nodes 3 seed 1', 'partition 1,2 |'), 'line 2: partition needs groups like 1,2 | 3,4,5'],
    [block('nodes 3 seed 1', 'crash'), 'line 2: expected: crash NODE'],
    [
      block('nodes 3 seed 1', 'crash 0'),
      'line 2: expected a node: a node number (1 is S1) or leader, got 0',
    ],
    [
      block('nodes 3 seed 1', 'explode 2'),
      'line 2: unknown command explode: commands are nodes, run,',
    ],
    [block('nodes 3 seed 1', 'run soon'), 'line 2: expected a time in ms, or until, got soon'],
    [block('nodes 3 seed 1', 'run until'), 'line 2: expected a condition, like leader 3'],
    [
      block('nodes 3 seed 1', 'expect term 2 on most'),
      'line 2: expected nodes after on: all, majority, all except 1,2, leader, or 1,2,3; got most',
    ],
    [block('nodes 3 seed 1', 'expect wibble'), 'line 2: unknown condition wibble: use leader,'],
    [
      block('nodes 3 seed 1', 'kv c1 put x 1'),
      'line 2: expected a KV operation get, set, cas, append or del; got put',
    ],
    [block('nodes 3 seed 1', 'kv c1 set x'), 'line 2: expected: kv CLIENT set KEY VALUE'],
    [
      block('nodes 3 seed 1', 'hold appendentries'),
      'line 2: expected a message type (AppendEntries, RequestVote, …, or any), got appendentries',
    ],
    [
      block('nodes 3 seed 1', 'hold AppendEntries sideways'),
      'line 2: expected from, to, or one of nonempty, empty, granted, success, done; got sideways',
    ],
    [
      block('nodes 3 seed 1', 'trace loud'),
      'line 2: trace takes off, roles, votes, commits, clients, messages, timers, all, or message types; got loud',
    ],
    [block('nodes 3 seed 1 delay 5'), 'line 1: delay needs a range like 1-5, got 5'],
    [
      block('nodes 3 seed 1 speed 2'),
      'line 1: unknown option speed: use delay, loss, dup, election, heartbeat, entries-per-append',
    ],
    [block('crash 1'), 'line 1: a scenario begins with nodes N seed S'],
    [
      block('nodes 3 seed 1', 'submit 1 "open'),
      'line 2: a quoted word needs its closing quote: "open',
    ],
    [
      'nodes 3 seed 1\nrun 10\n',
      "line 1: the block's commands need a line ---- after them, then the expected output",
    ],
    ['----\n', 'line 1: ---- needs commands above it'],
  ])('%j', (text, message) => {
    expect(failure(text)).toContain(message);
  });
});

describe('run errors name the line and what is so instead', () => {
  it('a failed expect says what each node has', () => {
    const text = block('nodes 3 seed 1', 'run until settled', 'expect term 5 on all');
    expect(failure(text)).toMatch(
      /^line 3: expect term 5 on all: not so at t=[\d.]+: S1 1, S2 1, S3 1$/,
    );
  });

  it('a run until that is not reached says how long it waited and what is so', () => {
    const text = block(
      'nodes 3 seed 1',
      'disconnect 1',
      'disconnect 2',
      'run until leader any within 500',
    );
    expect(failure(text)).toBe(
      'line 4: run until leader any within 500: not reached within 500 ms (t=500): no leader',
    );
  });

  it('a node out of the cluster, a client not made, and clients made out of order are errors', () => {
    expect(failure(block('nodes 3 seed 1', 'crash 4'))).toBe(
      'line 2: no node 4: this cluster has nodes 1..3',
    );
    expect(failure(block('nodes 3 seed 1', 'kv c1 get x'))).toBe(
      'line 2: no KV client c1: clients are none yet',
    );
    expect(failure(block('nodes 3 seed 1', 'client c2'))).toBe(
      'line 2: clients are named in the order they are made: this one is c1',
    );
    expect(failure(block('nodes 3 seed 1', 'crash leader'))).toBe(
      'line 2: no node leads now, so `leader` names nobody',
    );
  });
});

describe('golden output', () => {
  const text = 'nodes 1 seed 5\nrun until settled\n----\n  200.330 S1 leader, term 9\n';

  it('a block whose output differs is reported with file:line, its commands and a diff', () => {
    const { problems } = checkGolden(text, 'x.txt');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      'x.txt:1: the output differs from the expected (- expected, + actual)',
    );
    expect(problems[0]).toContain('  > run until settled');
    expect(problems[0]).toContain('  -   200.330 S1 leader, term 9');
    expect(problems[0]).toContain('  +   200.330 S1 leader, term 1');
  });

  it('the rewritten file matches, keeps comments, and runs the same every time', () => {
    const commented = `# a comment\n\n${text}\n# the end\n`;
    const { rewritten } = checkGolden(commented, 'x.txt');
    expect(rewritten.startsWith('# a comment\n\nnodes 1 seed 5\n')).toBe(true);
    expect(rewritten.endsWith('\n# the end\n')).toBe(true);
    expect(checkGolden(rewritten, 'x.txt')).toEqual({ problems: [], rewritten });
  });

  it('a file without changes formats back to itself', () => {
    const file = 'a 1\n----\nout\n\n# two\nb 2\nc 3\n----\n';
    expect(formatScenario(parseScenario(file), [])).toBe(file);
  });

  it('the diff keeps common lines and marks the rest', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c'])).toEqual(['  a', '+ x', '- b', '  c']);
  });
});
