import { Badge, Container, Heading, Table, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { LcrResponse, RateCallInput, RateCallResponse } from "../../hooks/rating"
import { describeCarrier, describeTrace, marginOf } from "../../lib/trace"

/** The rated call in words, and its numbers. */
export const RateCallResult = ({ input, response }: { input: RateCallInput; response: RateCallResponse }) => {
  const { t } = useTranslation()
  const r = response.result
  const sentence = describeTrace(input, r)
  const rows: Array<[string, string]> = [
    [t("callBilling.rateACall.normalised"), r.number ?? "—"],
    [t("callBilling.rateACall.ratedSeconds"), String(r.rated_seconds)],
  ]
  if (r.status === "rated") rows.push([t("callBilling.rateACall.charge"), `${r.charge ?? "0"} ${r.currency ?? ""}`])
  if (r.cost) rows.push([t("callBilling.rateACall.cost"), `${r.cost.cost} ${r.cost.currency} (${r.cost.carrier ?? r.cost.card})`])
  if (r.margin !== undefined && r.margin !== null) rows.push([t("callBilling.rateACall.margin"), `${r.margin} ${r.currency ?? ""}`])

  return (
    <Container className="divide-y p-0" data-testid="rate-call-result">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("callBilling.rateACall.result")}</Heading>
        <Badge color={r.status === "rated" ? "green" : "red"} size="small" data-testid="rate-call-status">
          {r.status === "rated" ? t("callBilling.rateACall.rated") : r.reason ?? r.status}
        </Badge>
      </div>
      <div className="px-6 py-4">
        <Text size="small" data-testid="rate-call-trace" className="font-mono">{sentence}</Text>
      </div>
      {rows.map(([k, v]) => (
        <div key={k} className="text-ui-fg-subtle grid grid-cols-2 px-6 py-2">
          <Text size="small" weight="plus">{k}</Text>
          <Text size="small">{v}</Text>
        </div>
      ))}
    </Container>
  )
}

/** Carriers for the number, cheapest first, each with its margin against the sell charge. */
export const LcrTable = ({ lcr, sell, loading, error }: { lcr?: LcrResponse; sell?: RateCallResponse; loading: boolean; error?: string }) => {
  const { t } = useTranslation()
  const carriers = lcr?.carriers ?? []
  const charge = sell?.result.status === "rated" ? sell.result : undefined
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">{t("callBilling.rateACall.lcr")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {lcr ? t("callBilling.rateACall.lcrHint", { number: lcr.number ?? "—", billsec: lcr.billsec, at: lcr.at }) : ""}
        </Text>
      </div>
      {loading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">{t("callBilling.rateACall.loadingLcr")}</Text>
      ) : error ? (
        <Text size="small" className="text-ui-fg-error px-6 py-4">{error}</Text>
      ) : carriers.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4" data-testid="lcr-empty">{t("callBilling.rateACall.noCarriers")}</Text>
      ) : (
        <Table data-testid="lcr-table">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>#</Table.HeaderCell>
              <Table.HeaderCell>{t("callBilling.rateACall.carrier")}</Table.HeaderCell>
              <Table.HeaderCell>{t("callBilling.rateACall.prefix")}</Table.HeaderCell>
              <Table.HeaderCell>{t("callBilling.rateACall.band")}</Table.HeaderCell>
              <Table.HeaderCell>{t("callBilling.rateACall.rate")}</Table.HeaderCell>
              <Table.HeaderCell>{t("callBilling.rateACall.cost")}</Table.HeaderCell>
              <Table.HeaderCell>{t("callBilling.rateACall.margin")}</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {carriers.map((c) => {
              const margin = charge ? marginOf(charge, c) : null
              return (
                <Table.Row key={`${c.rank}-${c.card}`} data-testid={`lcr-row-${c.rank}`} title={describeCarrier(c)}>
                  <Table.Cell>{c.rank}</Table.Cell>
                  <Table.Cell>{c.carrier ?? "—"} <span className="text-ui-fg-muted">({c.card})</span></Table.Cell>
                  <Table.Cell>{c.prefix}{c.destination ? ` ${c.destination}` : ""}</Table.Cell>
                  <Table.Cell>{c.band}</Table.Cell>
                  <Table.Cell>{c.rate}</Table.Cell>
                  <Table.Cell>{c.cost} {c.currency} / {c.rated_seconds} s</Table.Cell>
                  <Table.Cell data-testid={`lcr-margin-${c.rank}`}>
                    {margin === null ? "—" : `${margin} ${c.currency}`}
                  </Table.Cell>
                </Table.Row>
              )
            })}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}
