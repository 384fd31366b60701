/** Saves text or a blob as a file the browser downloads. */
export function download(content: string | Blob, type: string, name: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}
