import fc from "fast-check"
import { ELLIPSIS, paragraphs, toWinAnsi, truncateToWidth, WIN_ANSI_EXTRA, wrapToWidth } from "../text"

const printable = (s: string) =>
  [...s].every((ch) => {
    const cp = ch.codePointAt(0)!
    return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(cp)
  })

const mono = (s: string) => s.length

describe("toWinAnsi", () => {
  it("keeps what Helvetica prints and replaces the rest", () => {
    expect(toWinAnsi("Zürich – €5 “quoted” … ™")).toBe("Zürich – €5 “quoted” … ™")
    expect(toWinAnsi("Łódź")).toBe("?ódz")
    expect(toWinAnsi("東京 Tokyo")).toBe("?? Tokyo")
    expect(toWinAnsi("Ελλάδα")).toBe("??????")
    expect(toWinAnsi("ﬁle ①")).toBe("file 1")
    expect(toWinAnsi("a\tb\nc\u2028d")).toBe("a b c d")
    expect(toWinAnsi("zero\u200bwidth\ufeff")).toBe("zerowidth")
    expect(toWinAnsi("bell\u0007 c1\u0085")).toBe("bell  c1 ")
    // a decomposed é is composed first, so it stays
    expect(toWinAnsi("Cafe\u0301")).toBe("Café")
    expect(toWinAnsi("emoji 😀 end")).toBe("emoji ? end")
  })

  it("always returns printable text, leaves printable text alone, and is idempotent (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const out = toWinAnsi(s)
        expect(printable(out)).toBe(true)
        expect(toWinAnsi(out)).toBe(out)
        if (printable(s)) expect(out).toBe(s)
      })
    )
  })
})

describe("truncateToWidth", () => {
  it("cuts with an ellipsis only when needed", () => {
    expect(truncateToWidth("Premium rate numbers", 10, mono)).toBe("Premium r…")
    expect(truncateToWidth("Mobile", 10, mono)).toBe("Mobile")
    expect(truncateToWidth("Mobile", 10, mono, true)).toBe("Mobile…")
    expect(truncateToWidth("ab  cd", 4, mono)).toBe("ab…")
    expect(truncateToWidth("abc", 0.5, mono)).toBe("")
  })

  it("fits, and is the text or a prefix of it plus the ellipsis (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (s, w) => {
        const out = truncateToWidth(s, w, mono)
        expect(mono(out)).toBeLessThanOrEqual(w)
        if (s.length <= w) expect(out).toBe(s)
        else {
          expect(out.endsWith(ELLIPSIS)).toBe(true)
          expect(s.startsWith(out.slice(0, -1))).toBe(true)
        }
      })
    )
  })
})

describe("wrapToWidth", () => {
  it("wraps at spaces, breaks words longer than a line, and marks dropped text", () => {
    expect(wrapToWidth("Outbound calls to mobile numbers", 12, mono)).toEqual(["Outbound", "calls to", "mobile", "numbers"])
    expect(wrapToWidth("Outbound calls to mobile numbers", 12, mono, 2)).toEqual(["Outbound", "calls to…"])
    expect(wrapToWidth("abcdefghij xy", 4, mono)).toEqual(["abcd", "efgh", "ij", "xy"])
    expect(wrapToWidth("   ", 4, mono)).toEqual([])
  })

  it("never exceeds the width and loses no characters when not capped (property)", () => {
    const text = fc.array(fc.stringMatching(/^[a-z]{1,15}$/), { maxLength: 25 }).map((ws) => ws.join(" "))
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 30 }), (s, w) => {
        const lines = wrapToWidth(s, w, mono)
        for (const l of lines) expect(mono(l)).toBeLessThanOrEqual(w)
        expect(lines.join("").replace(/ /g, "")).toBe(s.replace(/ /g, ""))
      })
    )
  })

  it("keeps at most maxLines, the last ending in an ellipsis when text was dropped (property)", () => {
    const text = fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 25 }).map((ws) => ws.join(" "))
    fc.assert(
      fc.property(text, fc.integer({ min: 4, max: 20 }), fc.integer({ min: 1, max: 4 }), (s, w, max) => {
        const all = wrapToWidth(s, w, mono)
        const capped = wrapToWidth(s, w, mono, max)
        expect(capped.length).toBe(Math.min(max, all.length))
        for (const l of capped) expect(mono(l)).toBeLessThanOrEqual(w)
        if (all.length > max) expect(capped[capped.length - 1].endsWith(ELLIPSIS)).toBe(true)
        else expect(capped).toEqual(all)
      })
    )
  })
})

describe("paragraphs", () => {
  it("splits at any line break and makes each printable", () => {
    expect(paragraphs("Reverse charge.\r\nArt. 196\n\n東京")).toEqual(["Reverse charge.", "Art. 196", "", "??"])
  })
})
