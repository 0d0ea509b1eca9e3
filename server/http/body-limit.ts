import type { IncomingMessage } from 'node:http';

/**
 * The body, or null as soon as it is known to be larger than `limit` (a declared length,
 * or the bytes read so far): nothing past the limit is buffered or waited for. What the
 * client still sends is discarded until the connection closes.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.resume();
      resolve(null);
    };
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return tooLarge();
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('error', reject);
    if (Number.isFinite(declared) && declared > limit) return tooLarge();
    req.on('data', onData);
    req.on('end', onEnd);
  });
}

/** A POST body as Apollo takes it: parsed when it is JSON (undefined when empty), the text otherwise; null when it is not valid JSON. */
export function parseBody(raw: Buffer, contentType: string): { readonly body: unknown } | null {
  if (!contentType.startsWith('application/json') && !contentType.startsWith('application/graphql-response+json')) return { body: raw.toString('utf8') };
  try {
    return { body: raw.length === 0 ? undefined : (JSON.parse(raw.toString('utf8')) as unknown) };
  } catch {
    return null;
  }
}
