import { clx, Text } from "@medusajs/ui"
import { useMemo } from "react"
import { useTranslation } from "react-i18next"
import type { TimeProfileRule } from "../../lib/types"
import { DAYS, DEFAULT_BAND, weekGrid } from "./week"

const PALETTE = [
  "bg-ui-tag-blue-bg text-ui-tag-blue-text",
  "bg-ui-tag-green-bg text-ui-tag-green-text",
  "bg-ui-tag-orange-bg text-ui-tag-orange-text",
  "bg-ui-tag-purple-bg text-ui-tag-purple-text",
  "bg-ui-tag-red-bg text-ui-tag-red-text",
]

/** 7 days × 24 hours coloured by band, recomputed as the rules change. */
export const WeekGrid = ({ rules }: { rules: TimeProfileRule[] }) => {
  const { t } = useTranslation()
  const grid = useMemo(() => weekGrid(rules), [rules])
  const bands = useMemo(() => {
    const out: string[] = []
    grid.forEach((row) => row.forEach((c) => c.bands.forEach((b) => !out.includes(b) && out.push(b))))
    return out.sort((a, b) => (a === DEFAULT_BAND ? 1 : b === DEFAULT_BAND ? -1 : 0))
  }, [grid])
  const colour = (band: string) =>
    band === DEFAULT_BAND
      ? "bg-ui-bg-component text-ui-fg-muted"
      : PALETTE[bands.filter((b) => b !== DEFAULT_BAND).indexOf(band) % PALETTE.length]

  return (
    <div data-testid="week-grid" className="flex flex-col gap-y-2 overflow-x-auto">
      <div className="grid gap-px" style={{ gridTemplateColumns: "3rem repeat(24, minmax(1.25rem, 1fr))" }}>
        <div />
        {Array.from({ length: 24 }, (_, h) => (
          <Text key={h} size="xsmall" className="text-ui-fg-muted text-center">
            {h}
          </Text>
        ))}
        {grid.map((row, d) => (
          <div key={DAYS[d]} className="contents">
            <Text size="xsmall" className="text-ui-fg-subtle pr-2">
              {t(`callBilling.timeProfiles.days.${DAYS[d]}`)}
            </Text>
            {row.map((c) => (
              <div
                key={c.hour}
                data-testid={`week-grid-cell-${c.day}-${c.hour}`}
                data-band={c.band}
                title={c.band}
                className={clx("h-5 rounded-sm", colour(c.band), c.bands.length > 1 && "ring-1 ring-inset ring-ui-border-strong")}
              >
                <span className="sr-only">{c.band}</span>
              </div>
            ))}
          </div>
        ))}
      </div>
      <div className="flex flex-wrap gap-3">
        {bands.map((b) => (
          <span key={b} className="flex items-center gap-1">
            <span className={clx("inline-block h-3 w-3 rounded-sm", colour(b))} />
            <Text size="xsmall">{b}</Text>
          </span>
        ))}
      </div>
    </div>
  )
}
