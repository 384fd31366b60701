/** JSON packed small for a URL: deflate-raw, then base64url (share links, lesson links). */

export async function packJson(value: unknown): Promise<string> {
  const bytes = await transform(
    new TextEncoder().encode(JSON.stringify(value)),
    new CompressionStream('deflate-raw'),
  );
  return base64url(bytes);
}

/** The JSON text packed by packJson; throws on damaged input. */
export async function unpackText(packed: string): Promise<string> {
  const bytes = await transform(fromBase64url(packed), new DecompressionStream('deflate-raw'));
  return new TextDecoder().decode(bytes);
}

async function transform(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const output = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(output).arrayBuffer());
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
