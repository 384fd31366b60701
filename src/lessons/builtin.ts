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

export const BUILTIN_LESSONS: readonly unknown[] = [l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11];
