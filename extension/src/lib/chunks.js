// Reassembles chunked replies (docs/PROTOCOL.md "Large replies"): frames
// {id, type, ok: true, chunk: {index, count, data}} with index 0..count-1 in order, no other
// reply interleaved; the concatenated data is the JSON text of `result`.

export class ChunkError extends Error {}

export class ChunkAssembler {
  constructor() {
    this.pending = null; // {id, type, count, parts[]}
  }

  /**
   * Feeds one frame. Returns the complete message (a normal reply, or the reassembled one with
   * `result` in place of `chunk`), or null while a chunked reply is still incomplete.
   * Throws ChunkError on a protocol violation (the caller fails the request).
   */
  push(frame) {
    if (!frame || typeof frame !== 'object' || !frame.chunk) {
      if (this.pending) {
        const lost = this.pending;
        this.pending = null;
        throw new ChunkError(`reply interleaved into chunked reply ${JSON.stringify(lost.id)}`);
      }
      return frame;
    }
    const { index, count, data } = frame.chunk;
    if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || typeof data !== 'string') {
      this.pending = null;
      throw new ChunkError('malformed chunk');
    }
    if (index === 0) {
      if (this.pending) {
        this.pending = null;
        throw new ChunkError('new chunked reply before the previous one ended');
      }
      this.pending = { id: frame.id, type: frame.type, count, parts: [] };
    }
    const p = this.pending;
    if (!p || p.id !== frame.id || p.count !== count || p.parts.length !== index) {
      this.pending = null;
      throw new ChunkError(`chunk ${index}/${count} out of order`);
    }
    p.parts.push(data);
    if (p.parts.length < count) return null;
    this.pending = null;
    let result;
    try {
      result = JSON.parse(p.parts.join(''));
    } catch (e) {
      throw new ChunkError(`chunked reply is not JSON: ${e.message}`);
    }
    return { id: p.id, type: p.type, ok: true, result };
  }

  /** The id of a chunked reply in progress, for failing it when the port drops. */
  get pendingId() {
    return this.pending ? this.pending.id : undefined;
  }
}
