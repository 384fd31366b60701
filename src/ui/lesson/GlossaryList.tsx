/** Words and their meanings as a definition list (the lesson panel, the help dialog). */
export function GlossaryList({ words }: { words: ReadonlyArray<readonly [string, string]> }) {
  return (
    <dl className="glossary">
      {words.map(([word, meaning]) => (
        <div key={word}>
          <dt>{word}</dt>
          <dd>{meaning}</dd>
        </div>
      ))}
    </dl>
  );
}
