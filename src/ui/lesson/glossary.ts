/** Raft's words, each in a sentence: for the help dialog and the lesson panel. */
export const GLOSSARY: ReadonlyArray<readonly [string, string]> = [
  [
    'term',
    'A numbered period of time. Each begins with an election and has at most one leader; a higher term always wins.',
  ],
  [
    'follower',
    'A server that answers the leader and candidates and does nothing on its own until its election timer runs out.',
  ],
  ['candidate', 'A server asking for votes to become leader of a new term.'],
  [
    'leader',
    'The one server of a term that takes new commands and replicates its log to the others.',
  ],
  [
    'election timer',
    'A random wait on each follower; when it runs out without word from a leader, the follower starts an election.',
  ],
  [
    'majority',
    'More than half of all servers (3 of 5). Any two majorities share a server, which is why one suffices.',
  ],
  ['quorum', 'Another name for a majority.'],
  ['log', "A server's list of entries: commands in the order the leader chose."],
  ['entry', 'One command in the log, with its index and the term of the leader that made it.'],
  [
    'commit index',
    'The highest entry known to be stored on a majority. Committed entries are never lost.',
  ],
  ['applied', 'Entries carried out on the key/value store, in log order, up to the commit index.'],
  [
    'heartbeat',
    'An empty AppendEntries: it tells followers the leader is alive and resets their timers.',
  ],
  [
    'AppendEntries',
    'The message a leader sends to copy entries (or just to say it leads), with its commit index.',
  ],
  [
    'RequestVote',
    'The message a candidate sends to ask for a vote, with its term and how up to date its log is.',
  ],
  ['nextIndex', 'For each follower, the next entry the leader will send it.'],
  ['matchIndex', 'For each follower, the highest entry the leader knows it stores.'],
  ['no-op', 'An empty entry a new leader appends at once, so entries of its own term can commit.'],
  ['partition', 'A network split: servers in different groups cannot reach each other.'],
  [
    'session',
    "A client's registration: its commands carry sequence numbers, so a retry is applied once.",
  ],
  ['linearizable', 'As if every call took effect at one instant between its start and its answer.'],
];

/** The glossary's words that a text uses, in the glossary's order. */
export function wordsIn(text: string): ReadonlyArray<readonly [string, string]> {
  const lower = text.toLowerCase();
  return GLOSSARY.filter(([word]) => new RegExp(`\\b${word.toLowerCase()}`).test(lower));
}
