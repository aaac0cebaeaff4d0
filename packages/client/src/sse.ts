// Server-Sent Events framing, as keyward sends it: `event:`, `data:` (one JSON object) and `id:`
// lines, a blank line after each event.

export class SseParser {
  private readonly decoder = new TextDecoder();
  private buffer = '';

  constructor(private readonly onEvent: (type: string, data: Record<string, unknown>) => void) {}

  push(chunk: Uint8Array): void {
    this.buffer += this.decoder.decode(chunk, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const frame = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.frame(frame);
    }
  }

  private frame(frame: string): void {
    let type = 'message';
    let data = '';
    for (const line of frame.split('\n')) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue; // a comment, or a line with no field
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data = data === '' ? value : `${data}\n${value}`;
    }
    let parsed: unknown;
    try {
      parsed = data === '' ? {} : JSON.parse(data);
    } catch {
      parsed = {};
    }
    const fields =
      typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    this.onEvent(type, fields);
  }
}
