import { describe, expect, it } from 'vitest';
import { embedSnippet, embedUrl } from './share-links';

describe('embedding a shared run', () => {
  const link = 'https://example.org/raft/?seed=3#run=AbC_-9';

  it('adds embed=1 and keeps the run fragment and the other parameters', () => {
    expect(embedUrl(link)).toBe('https://example.org/raft/?seed=3&embed=1#run=AbC_-9');
    expect(embedUrl('http://127.0.0.1:4173/#run=x')).toBe('http://127.0.0.1:4173/?embed=1#run=x');
    expect(embedUrl('http://h/?embed=0#run=x')).toBe('http://h/?embed=1#run=x');
  });

  it('makes an 800×480 iframe with a title, its URL escaped for HTML', () => {
    expect(embedSnippet(link)).toBe(
      '<iframe src="https://example.org/raft/?seed=3&amp;embed=1#run=AbC_-9" width="800" height="480" title="Raft playground" style="border:0"></iframe>',
    );
  });
});
