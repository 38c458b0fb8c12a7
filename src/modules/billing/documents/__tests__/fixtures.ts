/** Shared test data and sinks for the document tests. */
import { Writable } from "stream"
import { deflateSync } from "zlib"
import type { InvoiceDocument, IssuerInfo, BillToInfo, StatementCall } from "../types"

export const issuer: IssuerInfo = {
  legal_name: "Northwind Voice Ltd",
  address_lines: ["1 Harbour Street", "London E1 1AA", "United Kingdom"],
  tax_id: "GB123456789",
  email: "billing@northwind.example",
  primary_color: "#1f2937",
  accent_color: "#2563eb",
}

export const billTo: BillToInfo = {
  name: "Acme Contact Centre GmbH",
  code: "ACME01",
  address_lines: ["Friedrichstraße 1", "10117 Berlin", "Germany"],
  tax_id: "DE123456789",
}

export function invoice(over: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    kind: "invoice",
    number: "NW-2026-000042",
    status: "finalized",
    currency_code: "EUR",
    timezone: "Europe/Berlin",
    issue_date: "2026-02-01",
    due_date: "2026-03-03",
    period_start: "2026-01-01",
    period_end: "2026-02-01",
    issuer,
    bill_to: billTo,
    lines: [
      {
        description: "Agent seats (Pro plan)",
        quantity: "25",
        unit_price: "19.00",
        amount: "475.00",
        details: { proration: { days: 12, of_days: 31, from: "2026-01-20", to: "2026-02-01" } },
      },
      {
        description: "Outbound calls, Germany mobile",
        quantity: "11500.5",
        unit_price: "0.0125",
        amount: "143.76",
        details: {
          included_minutes: "1000",
          billable_minutes: "11500.5",
          tiers: [
            { up_to: "1000", quantity: "1000", unit_price: "0.0000", amount: "0.00" },
            { up_to: "10000", quantity: "9000", unit_price: "0.0100", amount: "90.00" },
            { up_to: null, quantity: "1500.5", unit_price: "0.0080", amount: "12.00" },
          ],
        },
      },
      { description: "Volume discount", quantity: "1", unit_price: "-8.76", amount: "-8.76" },
    ],
    taxes: [
      { name: "CGST", rate: "0.09", taxable_amount: "610.00", amount: "54.90" },
      { name: "SGST", rate: "0.09", taxable_amount: "610.00", amount: "54.90" },
    ],
    subtotal: "610.00",
    tax_total: "109.80",
    total: "719.80",
    amount_paid: "100.00",
    amount_due: "619.80",
    notes: ["Reverse charge: VAT to be accounted for by the recipient (Art. 196 Directive 2006/112/EC)."],
    payment_terms: "Net 30. Pay by bank transfer quoting the invoice number.",
    ...over,
  }
}

/** A deterministic call stream: call i answered at 2026-01-01T00:00Z + i × 37 s. */
export function* calls(n: number, start = 0): Generator<StatementCall> {
  for (let i = start; i < start + n; i++) {
    yield {
      answer_time: new Date(Date.UTC(2026, 0, 1) + i * 37_000),
      caller_id: "+4930123456",
      destination: `4915112345${String(i % 1000).padStart(3, "0")}`,
      destination_name: i % 2 ? "Germany Mobile" : "Germany Berlin",
      duration: 30 + (i % 600),
      rated_seconds: 60 + (i % 600),
      rate: "0.012500",
      charge: "0.0125",
    }
  }
}

export async function* asAsync<T>(it: Iterable<T>): AsyncGenerator<T> {
  for (const x of it) yield x
}

/** A Writable that keeps what it receives. With `delay`, each write completes a tick later (a slow consumer). */
export class Sink extends Writable {
  chunks: Buffer[] = []
  bytes = 0
  constructor(private readonly delay = false) {
    super({ highWaterMark: 16 * 1024 })
  }
  _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.chunks.push(chunk)
    this.bytes += chunk.length
    if (this.delay) setImmediate(cb)
    else cb()
  }
  get buffer(): Buffer {
    return Buffer.concat(this.chunks)
  }
}

/** A Writable that only counts bytes (for long renders). */
export class CountingSink extends Writable {
  bytes = 0
  constructor(private readonly delay = false) {
    super({ highWaterMark: 16 * 1024 })
  }
  _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.bytes += chunk.length
    if (this.delay) setImmediate(cb)
    else cb()
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, "latin1"), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}

/** A tiny solid-colour RGB PNG, built by hand (no image library in the project). */
export function png(width = 8, height = 4, rgb: [number, number, number] = [37, 99, 235]): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // colour type RGB
  const rows: number[] = []
  for (let y = 0; y < height; y++) {
    rows.push(0) // filter: none
    for (let x = 0; x < width; x++) rows.push(...rgb)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.from(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ])
}
