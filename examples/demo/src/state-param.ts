/**
 * The `state` query parameter: a JSON value written as `<version><codec>.<payload>`, where the version
 * is `1` and the payload is base64url (RFC 4648 §5, no padding) of either the UTF-8 JSON itself
 * (codec `j`, e.g. `1j.eyJ2IjoxfQ`) or of that JSON compressed with raw DEFLATE (codec `z`, RFC 1951,
 * `CompressionStream('deflate-raw')`). The encoder picks whichever is shorter: JSON full of repeated
 * keys and sample text shrinks to a third or less, while a tiny state is shorter left as it is.
 */

/** The version this demo writes and reads; links of another version are refused, never guessed at. */
export const STATE_PARAM_VERSION = '1';

/**
 * Largest JSON text a link may unpack to, in UTF-16 code units: generous for training text (a few MB
 * of lines would not fit in a URL anyway) while a hostile link cannot inflate to gigabytes (DEFLATE
 * can reach ratios of about 1000:1).
 */
export const MAX_STATE_JSON = 4_000_000;

/** Why a `state` parameter could not be read, in words for the page's notice. */
export class StateParamError extends Error {
  override name = 'StateParamError';
}

const CODECS = { json: 'j', deflate: 'z' } as const;

function toBase64url(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list far below engine limits.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new StateParamError('it contains characters a link never has');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    throw new StateParamError('it is cut short or altered');
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Runs bytes through a compression or decompression stream, stopping past `limit` output bytes. */
async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number) {
  const writer = stream.writable.getWriter();
  // The reader below reports any failure; these promises reject with the same error, so silence them
  // here rather than leave an unhandled rejection on the console.
  writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new StateParamError('it unpacks to more than this page accepts');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** Writes a JSON-serialisable value as a `state` parameter, compressed when that is shorter. */
export async function encodeStateParam(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  const plain = `${STATE_PARAM_VERSION}${CODECS.json}.${toBase64url(bytes)}`;
  const packed = await transform(bytes, new CompressionStream('deflate-raw'), Infinity);
  const deflated = `${STATE_PARAM_VERSION}${CODECS.deflate}.${toBase64url(packed)}`;
  return deflated.length < plain.length ? deflated : plain;
}

/**
 * Reads a `state` parameter back into the JSON value it holds; throws a {@link StateParamError}
 * saying what is wrong (another version, a damaged payload, bad JSON) and never anything else.
 */
export async function decodeStateParam(text: string): Promise<unknown> {
  const match = /^(\d+)([a-z])\.(.*)$/s.exec(text.trim());
  if (match === null) throw new StateParamError('it is not in a format this page knows');
  const [, version, codec, payload] = match as unknown as [string, string, string, string];
  if (version !== STATE_PARAM_VERSION) throw new StateParamError(`it was made by another version (${version})`);
  const bytes = fromBase64url(payload);
  let json: Uint8Array;
  if (codec === CODECS.json) {
    json = bytes;
  } else if (codec === CODECS.deflate) {
    try {
      // UTF-8 takes at most 3 bytes per UTF-16 code unit.
      json = await transform(bytes, new DecompressionStream('deflate-raw'), MAX_STATE_JSON * 3);
    } catch (error) {
      if (error instanceof StateParamError) throw error;
      throw new StateParamError('it is cut short or altered');
    }
  } else {
    throw new StateParamError(`its encoding "${codec}" is unknown`);
  }
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    throw new StateParamError('it is cut short or altered');
  }
  if (source.length > MAX_STATE_JSON) throw new StateParamError('it unpacks to more than this page accepts');
  try {
    return JSON.parse(source) as unknown;
  } catch {
    throw new StateParamError('it is cut short or altered');
  }
}
