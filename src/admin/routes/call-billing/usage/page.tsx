import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Button, Container, Heading, Input, Label, Table, Text } from "@medusajs/ui"
import { ReactNode, useEffect, useMemo, useState } from "react"
import { useTranslation } from "react-i18next"
import { useSearchParams } from "react-router-dom"
import { CallDrawer } from "../../../components/usage/call-drawer"
import { dayToIso, DISPOSITIONS, formatDateTime, minutes, money, selectClass } from "../../../components/usage/format"
import { useBillingAccounts } from "../../../hooks/billing-accounts"
import { type UsageCall, type UsageParams, useUsage } from "../../../hooks/usage"
import { toastError } from "../../../lib/errors"
import { PagePagination } from "../../../components/common/page-pagination"

const PAGE_SIZE = 50

type Filters = {
  account_id: string
  from: string
  to: string
  campaign: string
  agent: string
  disposition: string
  status: "" | "rated" | "invoiced"
  q: string
}

const EMPTY: Filters = { account_id: "", from: "", to: "", campaign: "", agent: "", disposition: "", status: "", q: "" }

/** Rated calls: filter by account, period and call fields; totals for the filter; each call's trace in words. */
const UsagePage = () => {
  const { t } = useTranslation()
  const k = "callBilling.usage"
  const [searchParams] = useSearchParams()
  // the filters start from the address, so a link can open the explorer filtered
  const initial = useMemo<Filters>(() => {
    const f = { ...EMPTY }
    for (const key of Object.keys(EMPTY) as Array<keyof Filters>) {
      const v = searchParams.get(key)
      if (v) (f as Record<string, string>)[key] = v
    }
    return f
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  const [form, setForm] = useState<Filters>(initial)
  const [applied, setApplied] = useState<Filters>(initial)
  const [pageIndex, setPageIndex] = useState(0)
  const [selected, setSelected] = useState<UsageCall | null>(null)
  const accounts = useBillingAccounts({ limit: 1000 })

  // free-text fields apply after a pause; selects and dates at once
  useEffect(() => {
    const h = setTimeout(() => {
      setApplied((a) => {
        const next = { ...form, campaign: form.campaign.trim(), agent: form.agent.trim(), q: form.q.trim() }
        return JSON.stringify(next) === JSON.stringify(a) ? a : next
      })
    }, 300)
    return () => clearTimeout(h)
  }, [form])
  useEffect(() => setPageIndex(0), [applied])

  const badPeriod = !!applied.from && !!applied.to && applied.from > applied.to
  const params: UsageParams = {
    account_id: applied.account_id || undefined,
    from: dayToIso(applied.from),
    to: dayToIso(applied.to, true),
    campaign: applied.campaign || undefined,
    agent: applied.agent || undefined,
    disposition: applied.disposition || undefined,
    status: applied.status || undefined,
    q: applied.q || undefined,
    limit: PAGE_SIZE,
    offset: pageIndex * PAGE_SIZE,
  }
  const { data, isLoading, isError, error, isFetching } = useUsage(params, !badPeriod)
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])

  const calls = data?.calls ?? []
  const count = data?.count ?? 0
  const totals = data?.totals
  const filtered = JSON.stringify(applied) !== JSON.stringify(EMPTY)
  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }))

  const field = (label: string, id: string, control: ReactNode) => (
    <div className="flex flex-col gap-y-1">
      <Label size="xsmall" htmlFor={id} className="text-ui-fg-subtle">
        {label}
      </Label>
      {control}
    </div>
  )
  const total = (label: string, value: ReactNode, testid: string) => (
    <div className="flex flex-col" data-testid={testid}>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="large" weight="plus" className="tabular-nums">
        {value}
      </Text>
    </div>
  )

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h1">{t(`${k}.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${k}.description`)}
          </Text>
        </div>
        <div className="grid grid-cols-2 gap-3 px-6 py-4 md:grid-cols-4" data-testid="usage-filters">
          {field(
            t(`${k}.filters.account`),
            "usage-account",
            <select id="usage-account" name="account_id" className={selectClass} value={form.account_id} onChange={set("account_id")} data-testid="usage-account-filter">
              <option value="">{t(`${k}.filters.allAccounts`)}</option>
              {(accounts.data?.billing_accounts ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.code} – {a.name}
                </option>
              ))}
            </select>
          )}
          {field(t(`${k}.filters.from`), "usage-from", <Input id="usage-from" name="from" size="small" type="date" value={form.from} onChange={set("from")} />)}
          {field(t(`${k}.filters.to`), "usage-to", <Input id="usage-to" name="to" size="small" type="date" value={form.to} onChange={set("to")} />)}
          {field(
            t(`${k}.filters.search`),
            "usage-q",
            <Input id="usage-q" name="q" size="small" type="search" placeholder={t(`${k}.filters.searchPlaceholder`)} value={form.q} onChange={set("q")} />
          )}
          {field(t(`${k}.filters.campaign`), "usage-campaign", <Input id="usage-campaign" name="campaign" size="small" value={form.campaign} onChange={set("campaign")} />)}
          {field(t(`${k}.filters.agent`), "usage-agent", <Input id="usage-agent" name="agent" size="small" value={form.agent} onChange={set("agent")} />)}
          {field(
            t(`${k}.filters.disposition`),
            "usage-disposition",
            <select id="usage-disposition" name="disposition" className={selectClass} value={form.disposition} onChange={set("disposition")}>
              <option value="">{t(`${k}.filters.allDispositions`)}</option>
              {DISPOSITIONS.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          )}
          {field(
            t(`${k}.filters.status`),
            "usage-status",
            <select id="usage-status" name="status" className={selectClass} value={form.status} onChange={set("status")}>
              <option value="">{t(`${k}.filters.allStatuses`)}</option>
              <option value="rated">{t(`${k}.status.rated`)}</option>
              <option value="invoiced">{t(`${k}.status.invoiced`)}</option>
            </select>
          )}
          <div className="col-span-2 flex items-center gap-x-3 md:col-span-4">
            <Text size="xsmall" className="text-ui-fg-muted">
              {t(`${k}.filters.utc`)}
            </Text>
            {filtered && (
              <Button size="small" variant="transparent" onClick={() => setForm(EMPTY)} data-testid="usage-clear-filters">
                {t(`${k}.filters.clear`)}
              </Button>
            )}
          </div>
          {badPeriod && (
            <Text size="small" className="text-ui-fg-error col-span-2 md:col-span-4" data-testid="usage-bad-period">
              {t(`${k}.filters.badPeriod`)}
            </Text>
          )}
        </div>
        <div className="flex flex-wrap gap-x-10 gap-y-3 px-6 py-4" data-testid="usage-totals" aria-busy={isFetching}>
          {total(t(`${k}.totals.calls`), totals ? Number(totals.calls).toLocaleString() : "–", "usage-total-calls")}
          {total(t(`${k}.totals.minutes`), totals ? totals.minutes ?? minutes(totals.billsec) : "–", "usage-total-minutes")}
          {total(t(`${k}.totals.billedMinutes`), totals ? totals.rated_minutes ?? minutes(totals.rated_seconds) : "–", "usage-total-billed-minutes")}
          {total(
            t(`${k}.totals.charge`),
            totals && totals.charge.length > 0 ? (
              <span className="flex flex-col font-mono">
                {totals.charge.map((c) => (
                  <span key={c.currency} data-testid={`usage-total-charge-${c.currency.toUpperCase()}`}>
                    {money(c.amount, c.currency.toUpperCase())}
                  </span>
                ))}
              </span>
            ) : (
              "–"
            ),
            "usage-total-charge"
          )}
        </div>
      </Container>

      <Container className="divide-y p-0">
        {isLoading ? (
          <Text size="small" className="text-ui-fg-muted px-6 py-8" data-testid="usage-loading">
            {t(`${k}.loading`)}
          </Text>
        ) : isError ? (
          <Text size="small" className="text-ui-fg-error px-6 py-8" data-testid="usage-error">
            {error instanceof Error ? error.message : ""}
          </Text>
        ) : calls.length === 0 ? (
          <div className="flex flex-col items-center gap-y-2 px-6 py-12" data-testid="usage-empty">
            <Text weight="plus">{filtered ? t(`${k}.empty.filteredTitle`) : t(`${k}.empty.title`)}</Text>
            <Text size="small" className="text-ui-fg-subtle">
              {filtered ? t(`${k}.empty.filtered`) : t(`${k}.empty.description`)}
            </Text>
          </div>
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="usage-table">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t(`${k}.columns.answered`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.callId`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.account`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.number`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.direction`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.disposition`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.columns.billsec`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.columns.ratedSeconds`)}</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">{t(`${k}.columns.charge`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.campaign`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.agent`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.status`)}</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {calls.map((c) => (
                  <Table.Row key={c.id} className="cursor-pointer" data-testid={`usage-row-${c.call_id}`} onClick={() => setSelected(c)}>
                    <Table.Cell className="whitespace-nowrap">{formatDateTime(c.answer_time ?? c.start_time)}</Table.Cell>
                    <Table.Cell className="font-mono">
                      <button type="button" className="text-ui-fg-interactive" onClick={(e) => { e.stopPropagation(); setSelected(c) }}>
                        {c.call_id}
                      </button>
                    </Table.Cell>
                    <Table.Cell className="font-mono">{c.account_code}</Table.Cell>
                    <Table.Cell className="whitespace-nowrap">{c.callee}</Table.Cell>
                    <Table.Cell>{t(`callBilling.rateCards.direction.${c.direction}`, { defaultValue: c.direction })}</Table.Cell>
                    <Table.Cell>{c.disposition}</Table.Cell>
                    <Table.Cell className="text-right tabular-nums">{c.billsec}</Table.Cell>
                    <Table.Cell className="text-right tabular-nums">{c.rated_seconds}</Table.Cell>
                    <Table.Cell className="whitespace-nowrap text-right font-mono">{money(c.charge, c.currency.toUpperCase())}</Table.Cell>
                    <Table.Cell>{c.campaign ?? "–"}</Table.Cell>
                    <Table.Cell>{c.agent ?? "–"}</Table.Cell>
                    <Table.Cell>
                      <Badge size="2xsmall" color={c.invoice_id ? "blue" : "green"}>
                        {c.invoice_id ? t(`${k}.status.invoiced`) : t(`${k}.status.rated`)}
                      </Badge>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
            <PagePagination count={count} pageSize={PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />
          </div>
        )}
      </Container>
      <CallDrawer call={selected} onOpenChange={(open) => !open && setSelected(null)} />
    </div>
  )
}

export const config = defineRouteConfig({ label: "Usage" })

export default UsagePage
