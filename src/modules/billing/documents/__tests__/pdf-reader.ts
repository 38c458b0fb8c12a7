/**
 * A small PDF reader for the tests: checks the file's structure (header,
 * %%EOF, the xref table against every object's offset, the trailer's /Size)
 * and extracts the text runs of each page in page order, with their
 * positions, fonts and sizes. Handles what pdfkit writes (plain or deflated
 * content streams, Tj and TJ with hex strings); it is not a general parser.
 */
import { inflateSync } from "zlib"
import PDFDocument from "pdfkit"

export interface TextRun {
  text: string
  /** device space, points from the bottom-left corner */
  x: number
  y: number
  font: string
  size: number
  /** drawn under a rotation (the watermark) */
  rotated: boolean
}

export interface PdfPage {
  runs: TextRun[]
  /** runs grouped by baseline, top to bottom, each line's runs joined by " " in x order */
  lines: string[]
  text: string
  /** e.g. "Helvetica" for every font the page's resources name */
  fonts: string[]
}

export interface ParsedPdf {
  version: string
  objectCount: number
  pages: PdfPage[]
  info: Record<string, string>
  /** the whole text, pages separated by form feeds */
  text: string
}

// WinAnsi bytes 0x80–0x9F → Unicode (written out here on purpose, independent of the code under test)
const CP1252: Record<number, string> = {
  0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰",
  0x8a: "Š", 0x8b: "‹", 0x8c: "Œ", 0x8e: "Ž", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•",
  0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™", 0x9a: "š", 0x9b: "›", 0x9c: "œ", 0x9e: "ž", 0x9f: "Ÿ",
}

function decodeHex(hex: string): string {
  const h = hex.replace(/\s+/g, "")
  let out = ""
  for (let i = 0; i < h.length; i += 2) {
    const b = parseInt(h.slice(i, i + 2), 16)
    out += b >= 0x80 && b <= 0x9f ? (CP1252[b] ?? "\ufffd") : String.fromCharCode(b)
  }
  return out
}

function decodeLiteral(s: string): string {
  // pdfkit writes info strings as (…) or <FEFF…> (UTF-16BE)
  if (s.startsWith("<")) {
    const h = s.slice(1, -1)
    if (h.toUpperCase().startsWith("FEFF")) {
      let out = ""
      for (let i = 4; i < h.length; i += 4) out += String.fromCharCode(parseInt(h.slice(i, i + 4), 16))
      return out
    }
    return decodeHex(h)
  }
  return s.slice(1, -1).replace(/\\([()\\])/g, "$1")
}

type Matrix = [number, number, number, number, number, number]
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
]

const TOKEN = /\s*(<[0-9a-fA-F\s]*>|\[|\]|\/[^\s/[\]<>()]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'"*]+[0-9]?|\((?:\\.|[^\\)])*\))/y

function contentRuns(content: string, fontNames: Record<string, string>): TextRun[] {
  const runs: TextRun[] = []
  const stack: Matrix[] = []
  let ctm: Matrix = [1, 0, 0, 1, 0, 0]
  let tm: Matrix = [1, 0, 0, 1, 0, 0]
  let font = ""
  let size = 0
  let operands: Array<string | number | string[]> = []
  let array: string[] | null = null
  TOKEN.lastIndex = 0
  let m: RegExpExecArray | null
  while (TOKEN.lastIndex < content.length && (m = TOKEN.exec(content))) {
    const t = m[1]
    if (t === "[") {
      array = []
      continue
    }
    if (t === "]") {
      operands.push(array ?? [])
      array = null
      continue
    }
    if (array) {
      if (t.startsWith("<")) array.push(decodeHex(t.slice(1, -1)))
      continue
    }
    if (t.startsWith("<")) operands.push(decodeHex(t.slice(1, -1)))
    else if (t.startsWith("/")) operands.push(t)
    else if (/^[-+.\d]/.test(t)) operands.push(Number(t))
    else if (t.startsWith("(")) operands.push(t.slice(1, -1))
    else {
      const nums = operands.filter((o): o is number => typeof o === "number")
      switch (t) {
        case "q":
          stack.push(ctm)
          break
        case "Q":
          ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0]
          break
        case "cm":
          ctm = mul(nums.slice(-6) as Matrix, ctm)
          break
        case "BT":
          tm = [1, 0, 0, 1, 0, 0]
          break
        case "Tm":
          tm = nums.slice(-6) as Matrix
          break
        case "Tf":
          font = fontNames[String(operands[0]).slice(1)] ?? String(operands[0])
          size = nums[nums.length - 1]
          break
        case "Tj":
        case "TJ": {
          const o = operands[operands.length - 1]
          const text = Array.isArray(o) ? o.join("") : String(o)
          const at = mul(tm, ctm)
          runs.push({
            text,
            x: at[4],
            y: at[5],
            font,
            size,
            rotated: Math.abs(at[1]) > 1e-6 || Math.abs(at[2]) > 1e-6,
          })
          break
        }
      }
      operands = []
    }
  }
  return runs
}

function linesOf(runs: TextRun[]): string[] {
  const byY = new Map<number, TextRun[]>()
  for (const r of runs) {
    if (r.rotated) continue
    const k = Math.round(r.y * 2) / 2
    const row = byY.get(k) ?? []
    row.push(r)
    byY.set(k, row)
  }
  return [...byY.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, row]) =>
      row
        .sort((a, b) => a.x - b.x)
        .map((r) => r.text)
        .join(" ")
    )
}

/**
 * Parses a PDF written by pdfkit; throws when its structure is broken.
 */
export function parsePdf(buf: Buffer): ParsedPdf {
  const s = buf.toString("latin1")
  const version = /^%PDF-(\d\.\d)/.exec(s)?.[1]
  if (!version) throw new Error("does not start with %PDF-")
  if (!/%%EOF\s*$/.test(s)) throw new Error("does not end with %%EOF")
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(s)?.[1])
  if (!Number.isInteger(startxref)) throw new Error("no startxref")
  const xref = /^xref\n0 (\d+)\n/.exec(s.slice(startxref))
  if (!xref) throw new Error("startxref does not point at an xref table")
  const n = Number(xref[1])
  const entriesAt = startxref + xref[0].length
  const offsets: number[] = []
  for (let i = 0; i < n; i++) {
    const e = s.slice(entriesAt + i * 20, entriesAt + i * 20 + 20)
    const em = /^(\d{10}) (\d{5}) ([nf]) \n$/.exec(e)
    if (!em) throw new Error(`xref entry ${i} is malformed: ${JSON.stringify(e)}`)
    offsets.push(em[3] === "n" ? Number(em[1]) : -1)
  }
  const afterEntries = s.slice(entriesAt + n * 20)
  if (!afterEntries.startsWith("trailer")) throw new Error(`the xref table does not hold ${n} entries`)
  const size = Number(/\/Size (\d+)/.exec(afterEntries)?.[1])
  if (size !== n) throw new Error(`trailer /Size ${size} ≠ xref count ${n}`)
  const objects = new Map<number, string>()
  offsets.forEach((off, i) => {
    if (off < 0) return
    if (!s.startsWith(`${i} 0 obj`, off)) throw new Error(`object ${i} is not at its xref offset ${off}`)
    const end = s.indexOf("\nendobj", off)
    objects.set(i, s.slice(off, end))
  })
  const obj = (id: number) => {
    const o = objects.get(id)
    if (o === undefined) throw new Error(`object ${id} missing`)
    return o
  }
  const ref = (text: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(text)?.[1])
  const streamOf = (id: number): string => {
    const o = obj(id)
    const len = Number(/\/Length (\d+)/.exec(o)?.[1])
    const start = o.indexOf("stream\n") + "stream\n".length
    const raw = Buffer.from(o.slice(start, start + len), "latin1")
    return (/\/Filter \/FlateDecode/.test(o) ? inflateSync(raw) : raw).toString("latin1")
  }

  const trailer = afterEntries
  const root = obj(ref(trailer, "Root"))
  const pagesObj = obj(ref(root, "Pages"))
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesObj)?.[1] ?? "").matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]))
  const count = Number(/\/Count (\d+)/.exec(pagesObj)?.[1])
  if (count !== kids.length) throw new Error(`/Count ${count} ≠ ${kids.length} kids`)

  const pages = kids.map((id) => {
    const page = obj(id)
    const resources = obj(ref(page, "Resources"))
    const fontNames: Record<string, string> = {}
    const fontDict = /\/Font <<([\s\S]*?)>>/.exec(resources)?.[1] ?? ""
    for (const fm of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      fontNames[fm[1]] = /\/BaseFont \/([\w-]+)/.exec(obj(Number(fm[2])))?.[1] ?? fm[1]
    }
    const runs = contentRuns(streamOf(ref(page, "Contents")), fontNames)
    const lines = linesOf(runs)
    return { runs, lines, text: lines.join("\n"), fonts: Object.values(fontNames) }
  })

  const info: Record<string, string> = {}
  const infoId = ref(trailer, "Info")
  if (infoId) {
    for (const im of obj(infoId).matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const v = /obj\n([\s\S]*)$/.exec(obj(Number(im[2])))?.[1]?.trim() ?? ""
      info[im[1]] = decodeLiteral(v)
    }
  }
  return { version, objectCount: n, pages, info, text: pages.map((p) => p.text).join("\f") }
}

const metrics = new PDFDocument({ autoFirstPage: false })
const charWidths = new Map<string, number>()

/** Width of a run as drawn without kerning (what the layout writes), from the AFM metrics. */
export function runWidth(r: TextRun): number {
  metrics.font(r.font)
  let w = 0
  for (const ch of r.text) {
    const k = `${r.font}|${ch}`
    let cw = charWidths.get(k)
    if (cw === undefined) {
      cw = metrics.fontSize(1000).widthOfString(ch)
      charWidths.set(k, cw)
    }
    w += cw
  }
  return (w * r.size) / 1000
}
