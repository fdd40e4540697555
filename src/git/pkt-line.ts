import type { Readable } from 'node:stream'

/** One pkt-line of the git protocol: data, or one of the special packets. */
export type Packet = Buffer | 'flush' | 'delim' | 'response-end'

/** Encodes one data pkt-line: four hex digits of length (themselves included), then the payload. */
export function pktLine(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8')
  return Buffer.concat([Buffer.from((payload.length + 4).toString(16).padStart(4, '0')), payload])
}

export const FLUSH = Buffer.from('0000')
export const DELIM = Buffer.from('0001')

/** Reads pkt-lines (and, before them, plain lines) from a stream as they arrive. */
export class PacketReader {
  private buffer = Buffer.alloc(0)
  private wake?: () => void
  private ended = false
  private failure?: Error

  constructor(stream: Readable) {
    stream.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk])
      this.notify()
    })
    stream.on('end', () => {
      this.ended = true
      this.notify()
    })
    stream.on('error', (error: Error) => {
      this.failure = error
      this.notify()
    })
  }

  /** A line up to `\n` (without it), or undefined at the end of the stream. */
  async line(): Promise<string | undefined> {
    for (;;) {
      const newline = this.buffer.indexOf(0x0a)
      if (newline >= 0)
        return this.take(newline + 1)
          .toString('utf8')
          .slice(0, -1)
      if (!(await this.more())) return undefined
    }
  }

  /** The next packet, or undefined at the end of the stream. */
  async next(): Promise<Packet | undefined> {
    const header = await this.exactly(4)
    if (!header) return undefined
    const length = Number.parseInt(header.toString('latin1'), 16)
    if (!/^[0-9a-f]{4}$/i.test(header.toString('latin1'))) throw new Error('bad pkt-line header')
    if (length === 0) return 'flush'
    if (length === 1) return 'delim'
    if (length === 2) return 'response-end'
    if (length < 4) throw new Error('bad pkt-line length')
    const payload = await this.exactly(length - 4)
    if (!payload) throw new Error('the stream ended inside a pkt-line')
    return payload
  }

  private async exactly(count: number): Promise<Buffer | undefined> {
    while (this.buffer.length < count) if (!(await this.more())) return undefined
    return this.take(count)
  }

  private take(count: number): Buffer {
    const taken = this.buffer.subarray(0, count)
    this.buffer = this.buffer.subarray(count)
    return taken
  }

  /** Waits for more data; false when the stream has ended. */
  private async more(): Promise<boolean> {
    if (this.failure) throw this.failure
    if (this.ended) return false
    await new Promise<void>((resolve) => (this.wake = resolve))
    if (this.failure) throw this.failure
    return !this.ended || this.buffer.length > 0
  }

  private notify(): void {
    const wake = this.wake
    this.wake = undefined
    wake?.()
  }
}
