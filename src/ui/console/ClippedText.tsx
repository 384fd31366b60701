/**
 * A console cell's text, cut short with an ellipsis past `CLIP_CHARS`; a button (keyboard
 * reachable, with a name that says what it does) shows the whole text in a box that
 * scrolls, and hides it again. Only the short form is in the page until asked: a 100 KB
 * command made one row 88,724 px tall.
 */
import { useState } from 'react';

export const CLIP_CHARS = 80;

/** The first `CLIP_CHARS` characters and an ellipsis; never splits a surrogate pair. */
export function clip(text: string): string {
  if (text.length <= CLIP_CHARS) return text;
  const end = /[\ud800-\udbff]/.test(text[CLIP_CHARS - 1]!) ? CLIP_CHARS - 1 : CLIP_CHARS;
  return `${text.slice(0, end)}…`;
}

export function ClippedText({ text, what }: { text: string; what: string }) {
  const [open, setOpen] = useState(false);
  if (text.length <= CLIP_CHARS) return text;
  const size = `${text.length.toLocaleString('en')} characters`;
  return (
    <>
      {open ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard
        <section className="kv-whole" tabIndex={0} aria-label={`The whole ${what}`}>
          {text}
        </section>
      ) : (
        <span className="kv-clipped">{clip(text)}</span>
      )}
      <button
        type="button"
        className="kv-more"
        aria-expanded={open}
        aria-label={`${open ? 'Show less of' : 'Show all of'} the ${what} (${size})`}
        onClick={() => setOpen(!open)}
      >
        {open ? 'less' : 'all'}
      </button>
    </>
  );
}
