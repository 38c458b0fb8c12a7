import { Button, clx, Heading, Label, Table, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { DiffField, DiffRow, useDiff } from "../../hooks/rate-cards"
import { toastError } from "../../lib/errors"
import type { RateCard, RateCardVersion } from "../../lib/types"
import { increments, money, selectClass } from "./format"

const FIELDS: DiffField[] = [
  "destination",
  "destination_group",
  "rate",
  "connect_fee",
  "per_call",
  "initial_increment",
  "subsequent_increment",
  "grace",
]
const MONEY: DiffField[] = ["rate", "connect_fee", "per_call"]

type Props = { card: RateCard; versions: RateCardVersion[] }

/** Added, removed and changed rows between two versions of the card. */
export const CompareVersions = ({ card, versions }: Props) => {
  const { t } = useTranslation()
  const k = "callBilling.rateCards.compare"
  const currency = card.currency_code.toUpperCase()
  const [from, setFrom] = useState("")
  const [to, setTo] = useState("")
  const [asked, setAsked] = useState<{ from: string; to: string } | null>(null)
  const diff = useDiff(card.id, asked?.from ?? null, asked?.to ?? null)

  // sensible defaults: the previous version against the newest
  useEffect(() => {
    if (versions.length >= 2 && !from && !to) {
      const sorted = [...versions].sort((a, b) => b.number - a.number)
      setTo(String(sorted[0].number))
      setFrom(String(sorted[1].number))
    }
  }, [versions, from, to])

  useEffect(() => {
    if (diff.isError) toastError(diff.error)
  }, [diff.isError, diff.error])

  const value = (r: DiffRow, f: DiffField) => {
    const v = r[f]
    if (v === null || v === undefined || v === "") return "–"
    return MONEY.includes(f) ? money(String(v), currency) : String(v)
  }

  const rowsTable = (rows: DiffRow[], testid: string, title: string) => (
    <div className="flex flex-col gap-y-2">
      <Text size="small" weight="plus">
        {title} ({rows.length})
      </Text>
      <div className="max-h-[360px] overflow-auto rounded-md border">
        <Table data-testid={testid}>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t("callBilling.rateCards.rates.prefix")}</Table.HeaderCell>
              <Table.HeaderCell>{t("callBilling.rateCards.rates.band")}</Table.HeaderCell>
              <Table.HeaderCell>{t("callBilling.rateCards.rates.direction")}</Table.HeaderCell>
              <Table.HeaderCell>{t("callBilling.rateCards.rates.destination")}</Table.HeaderCell>
              <Table.HeaderCell>{t("callBilling.rateCards.rates.rate")}</Table.HeaderCell>
              <Table.HeaderCell>{t("callBilling.rateCards.rates.connectFee")}</Table.HeaderCell>
              <Table.HeaderCell>{t("callBilling.rateCards.rates.perCall")}</Table.HeaderCell>
              <Table.HeaderCell>{t("callBilling.rateCards.rates.increments")}</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {rows.length === 0 ? (
              <Table.Row>
                <td colSpan={8} className="txt-compact-small text-ui-fg-muted h-10 px-6">{t(`${k}.none`)}</td>
              </Table.Row>
            ) : (
              rows.map((r) => (
                <Table.Row key={`${r.prefix}|${r.band}|${r.direction}`} data-testid={`${testid}-${r.prefix}`}>
                  <Table.Cell className="font-mono">{r.prefix}</Table.Cell>
                  <Table.Cell>{r.band || t("callBilling.rateCards.rates.anyBand")}</Table.Cell>
                  <Table.Cell>{r.direction}</Table.Cell>
                  <Table.Cell>{r.destination ?? "–"}</Table.Cell>
                  <Table.Cell className="font-mono">{money(r.rate, currency)}</Table.Cell>
                  <Table.Cell className="font-mono">{money(r.connect_fee, currency)}</Table.Cell>
                  <Table.Cell className="font-mono">{money(r.per_call, currency)}</Table.Cell>
                  <Table.Cell className="font-mono">{increments(r)}</Table.Cell>
                </Table.Row>
              ))
            )}
          </Table.Body>
        </Table>
      </div>
    </div>
  )

  const d = diff.data
  return (
    <div className="flex flex-col gap-y-4 px-6 py-4">
      <div>
        <Heading level="h2">{t(`${k}.title`)}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t(`${k}.description`)}
        </Text>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-y-1">
          <Label size="small" htmlFor="compare-from">
            {t(`${k}.from`)}
          </Label>
          <select id="compare-from" name="from" className={`${selectClass} w-[160px]`} value={from} onChange={(e) => setFrom(e.target.value)} data-testid="compare-from">
            <option value="">{t(`${k}.pick`)}</option>
            {versions.map((v) => (
              <option key={v.id} value={String(v.number)}>
                v{v.number} ({t(`callBilling.rateCards.status.${v.status}`)})
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-y-1">
          <Label size="small" htmlFor="compare-to">
            {t(`${k}.to`)}
          </Label>
          <select id="compare-to" name="to" className={`${selectClass} w-[160px]`} value={to} onChange={(e) => setTo(e.target.value)} data-testid="compare-to">
            <option value="">{t(`${k}.pick`)}</option>
            {versions.map((v) => (
              <option key={v.id} value={String(v.number)}>
                v{v.number} ({t(`callBilling.rateCards.status.${v.status}`)})
              </option>
            ))}
          </select>
        </div>
        <Button
          size="small"
          variant="secondary"
          disabled={!from || !to}
          isLoading={diff.isFetching}
          onClick={() => {
            if (asked?.from === from && asked?.to === to) diff.refetch()
            else setAsked({ from, to })
          }}
          data-testid="compare-submit"
        >
          {t(`${k}.submit`)}
        </Button>
      </div>
      {d && (
        <div className="flex flex-col gap-y-4" data-testid="diff-result">
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${k}.summary`, {
              from: d.from.number,
              to: d.to.number,
              added: d.added.length,
              removed: d.removed.length,
              changed: d.changed.length,
              unchanged: d.unchanged,
            })}
          </Text>
          {rowsTable(d.added, "diff-added", t(`${k}.added`))}
          {rowsTable(d.removed, "diff-removed", t(`${k}.removed`))}
          <div className="flex flex-col gap-y-2">
            <Text size="small" weight="plus">
              {t(`${k}.changed`)} ({d.changed.length})
            </Text>
            <div className="max-h-[360px] overflow-auto rounded-md border">
              <Table data-testid="diff-changed">
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>{t("callBilling.rateCards.rates.prefix")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("callBilling.rateCards.rates.band")}</Table.HeaderCell>
                    <Table.HeaderCell>{t("callBilling.rateCards.rates.direction")}</Table.HeaderCell>
                    {FIELDS.map((f) => (
                      <Table.HeaderCell key={f}>{t(`${k}.fields.${f}`)}</Table.HeaderCell>
                    ))}
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {d.changed.length === 0 ? (
                    <Table.Row>
                      <td colSpan={FIELDS.length + 3} className="txt-compact-small text-ui-fg-muted h-10 px-6">{t(`${k}.none`)}</td>
                    </Table.Row>
                  ) : (
                    d.changed.map((c) => (
                      <Table.Row key={`${c.key.prefix}|${c.key.band}|${c.key.direction}`} data-testid={`diff-changed-${c.key.prefix}`}>
                        <Table.Cell className="font-mono">{c.key.prefix}</Table.Cell>
                        <Table.Cell>{c.key.band || t("callBilling.rateCards.rates.anyBand")}</Table.Cell>
                        <Table.Cell>{c.key.direction}</Table.Cell>
                        {FIELDS.map((f) => {
                          const changed = c.fields.includes(f)
                          return (
                            <Table.Cell
                              key={f}
                              data-changed={changed ? "true" : undefined}
                              data-testid={changed ? `diff-changed-${c.key.prefix}-${f}` : undefined}
                              className={clx("font-mono", changed && "bg-ui-tag-orange-bg text-ui-tag-orange-text font-medium")}
                            >
                              {changed ? (
                                <span>
                                  <span className="line-through opacity-70">{value(c.old, f)}</span> → {value(c.new, f)}
                                </span>
                              ) : (
                                value(c.new, f)
                              )}
                            </Table.Cell>
                          )
                        })}
                      </Table.Row>
                    ))
                  )}
                </Table.Body>
              </Table>
            </div>
          </div>
        </div>
      )}
    </div>
  )
}
