import type { TimeProfileRule } from "../../lib/types"

export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const
export type Day = (typeof DAYS)[number]
export const DEFAULT_BAND = "default"

/** Minutes since midnight of "HH:MM" (00:00–24:00), or null. */
export function minutesOf(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm.trim())
  if (!m) return null
  const h = Number(m[1])
  const min = Number(m[2])
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) return null
  return h * 60 + min
}

/** Band of one minute of the week: the first rule that covers it wins, else "default". */
function bandAtMinute(rules: TimeProfileRule[], day: Day, minute: number): string {
  for (const r of rules) {
    if (!r.days.includes(day)) continue
    const from = minutesOf(r.from)
    const to = minutesOf(r.to)
    if (from === null || to === null || from >= to) continue
    if (minute >= from && minute < to) return r.band.trim() || DEFAULT_BAND
  }
  return DEFAULT_BAND
}

export type HourCell = { day: Day; hour: number; band: string; bands: string[] }

/** 7 × 24 cells; `band` is the band at the top of the hour, `bands` every band within it. */
export function weekGrid(rules: TimeProfileRule[]): HourCell[][] {
  return DAYS.map((day) =>
    Array.from({ length: 24 }, (_, hour) => {
      const seen: string[] = []
      for (let m = hour * 60; m < hour * 60 + 60; m++) {
        const b = bandAtMinute(rules, day, m)
        if (!seen.includes(b)) seen.push(b)
      }
      return { day, hour, band: seen[0], bands: seen }
    })
  )
}

/** Client-side checks mirroring the server's, so obvious mistakes never leave the page. */
export function validateRules(rules: TimeProfileRule[], holidays: Array<{ date: string; band: string }>): string[] {
  const errors: string[] = []
  rules.forEach((r, i) => {
    const at = `Rule ${i + 1}`
    if (!r.band.trim()) errors.push(`${at}: band is required`)
    if (r.days.length === 0) errors.push(`${at}: choose at least one day`)
    const from = minutesOf(r.from)
    const to = minutesOf(r.to)
    if (from === null) errors.push(`${at}: from "${r.from}" is not HH:MM (00:00–24:00)`)
    if (to === null) errors.push(`${at}: to "${r.to}" is not HH:MM (00:00–24:00)`)
    if (from !== null && to !== null && from >= to) errors.push(`${at}: from ${r.from} must be before to ${r.to}`)
  })
  holidays.forEach((h, i) => {
    const at = `Holiday ${i + 1}`
    if (!/^\d{4}-\d{2}-\d{2}$/.test(h.date) || isNaN(Date.parse(h.date))) errors.push(`${at}: date must be YYYY-MM-DD`)
    if (!h.band.trim()) errors.push(`${at}: band is required`)
  })
  return errors
}
