/**
 * Lesson text is a safe Markdown subset: markdown-it with raw HTML off, so a lesson from
 * anywhere cannot put markup or script in the page. The checker refuses HTML outright,
 * so an instructor learns at once that it will not show.
 */
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** The HTML of a narration; every tag in the source comes out as text. */
export function narrationHtml(text: string): string {
  return md.render(text);
}

/** A sentence when the text holds HTML or a script link, else null. */
export function textProblem(text: string): string | null {
  if (/<\/?[a-z!][^>]*>/i.test(text)) return 'HTML is not allowed in lesson text: write Markdown';
  if (/\]\(\s*(javascript|data|vbscript):/i.test(text)) return 'links may not run script';
  return null;
}
