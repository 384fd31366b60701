/** The built-in lessons (lessons/*.json), in their order. */
import l1 from '../../lessons/01-leader-election.json';
import l2 from '../../lessons/02-split-votes.json';
import l3 from '../../lessons/03-log-replication.json';
import l4 from '../../lessons/04-leader-crash.json';
import l5 from '../../lessons/05-partition.json';
import l6 from '../../lessons/06-election-restriction.json';
import l7 from '../../lessons/07-commit-own-term.json';
import l8 from '../../lessons/08-persistence.json';
import l9 from '../../lessons/09-exactly-once.json';
import l10 from '../../lessons/10-linearizability.json';
import l11 from '../../lessons/11-unsafe-election-restriction.json';
import l12 from '../../lessons/12-unsafe-term-not-persisted.json';
import l13 from '../../lessons/13-unsafe-ack-before-durable.json';
import l14 from '../../lessons/14-unsafe-stale-reads.json';
import l15 from '../../lessons/15-unsafe-no-client-sessions.json';
import l16 from '../../lessons/16-unsafe-truncate-on-any-append.json';
import l17 from '../../lessons/17-unsafe-vote-not-persisted.json';
import l18 from '../../lessons/18-unsafe-count-old-term-votes.json';
import l19 from '../../lessons/19-unsafe-commit-old-terms.json';
import l20 from '../../lessons/20-prevote.json';
import l21 from '../../lessons/21-leadership-transfer.json';

export const BUILTIN_LESSONS: readonly unknown[] = [
  l1,
  l2,
  l3,
  l4,
  l5,
  l6,
  l7,
  l8,
  l9,
  l10,
  l11,
  l12,
  l13,
  l14,
  l15,
  l16,
  l17,
  l18,
  l19,
  l20,
  l21,
];
