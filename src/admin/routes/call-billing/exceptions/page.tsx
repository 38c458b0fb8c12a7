import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ChevronDownMini, ChevronRightMini } from "@medusajs/icons"
import { Badge, Button, Checkbox, Container, Heading, IconButton, Input, Label, StatusBadge, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { Fragment, useEffect, useMemo, useState } from "react"
import { useTranslation } from "react-i18next"
import { Link, useSearchParams } from "react-router-dom"
import { AssignAccountDrawer, IgnoreDrawer } from "../../../components/usage/exception-drawers"
import { ExceptionDetails } from "../../../components/usage/exception-details"
import {
  EXCEPTION_REASONS,
  EXCEPTION_STATUSES,
  exceptionStatusColour,
  formatDateTime,
  reasonColour,
  reasonCounts,
  selectClass,
} from "../../../components/usage/format"
import {
  type ExceptionFilter,
  type ExceptionParams,
  type ExceptionReason,
  type ExceptionStatus,
  type ReprocessBody,
  type ReprocessResult,
  type UsageException,
  useIgnoreExceptions,
  useReprocessExceptions,
  useUsageExceptions,
} from "../../../hooks/usage"
import { toastError } from "../../../lib/errors"
import { PagePagination } from "../../../components/common/page-pagination"

const PAGE_SIZE = 50
/** the status select's "any status" (the default, no parameter, is open) */
const ALL = "all"

/** The exception queue: what could not be rated, why, and the ways out (fix, assign, reprocess, ignore). */
const ExceptionsPage = () => {
  const { t } = useTranslation()
  const k = "callBilling.exceptions"
  const prompt = usePrompt()
  const [searchParams, setSearchParams] = useSearchParams()
  const status = searchParams.get("status") ?? "open"
  const reason = searchParams.get("reason") ?? ""
  const source = searchParams.get("source") ?? ""
  const importJobId = searchParams.get("import_job_id") ?? ""
  const accountCode = searchParams.get("account_code") ?? ""
  const q = searchParams.get("q") ?? ""

  const setParam = (key: string, value: string) =>
    setSearchParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        if (value === "" || (key === "status" && value === "open")) next.delete(key)
        else next.set(key, value)
        return next
      },
      { replace: true }
    )

  // free-text filters go to the address after a pause
  const [text, setText] = useState({ source, import_job_id: importJobId, account_code: accountCode, q })
  useEffect(() => {
    const h = setTimeout(() => {
      for (const [key, v] of Object.entries(text)) if ((searchParams.get(key) ?? "") !== v.trim()) setParam(key, v.trim())
    }, 300)
    return () => clearTimeout(h)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text])

  const filter: ExceptionFilter = {
    status: status === ALL ? undefined : (status as ExceptionStatus),
    reason: (reason || undefined) as ExceptionReason | undefined,
    source: source || undefined,
    import_job_id: importJobId || undefined,
    account_code: accountCode || undefined,
    q: q || undefined,
  }
  const filterKey = JSON.stringify(filter)
  const [pageIndex, setPageIndex] = useState(0)
  const [selected, setSelected] = useState<Record<string, UsageException>>({})
  const [expanded, setExpanded] = useState<string | null>(null)
  const [acceptOutOfPolicy, setAcceptOutOfPolicy] = useState(false)
  const [drawer, setDrawer] = useState<null | "ignore" | "assign">(null)
  const [result, setResult] = useState<ReprocessResult | null>(null)
  useEffect(() => {
    setPageIndex(0)
    setSelected({})
    setExpanded(null)
  }, [filterKey])

  const params: ExceptionParams = { ...filter, limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE }
  const { data, isLoading, isError, error } = useUsageExceptions(params)
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const reprocess = useReprocessExceptions()
  const ignore = useIgnoreExceptions()

  const rows = data?.exceptions ?? []
  const count = data?.count ?? 0
  const byReason = useMemo(() => reasonCounts(data?.by_reason), [data?.by_reason])
  const selectedIds = Object.keys(selected)
  const openOnPage = rows.filter((r) => r.status === "open")
  const allOnPage = openOnPage.length > 0 && openOnPage.every((r) => selected[r.id])
  // "all matching" acts on the filter; the server reprocesses only open ones
  const matchFilter = Object.fromEntries(Object.entries(filter).filter(([key, v]) => v !== undefined && key !== "status"))

  const toggle = (e: UsageException, on: boolean) =>
    setSelected((s) => {
      const next = { ...s }
      if (on) next[e.id] = e
      else delete next[e.id]
      return next
    })

  const runReprocess = async (body: ReprocessBody) => {
    setResult(null)
    try {
      const r = await reprocess.mutateAsync({ ...body, accept_out_of_policy: acceptOutOfPolicy || body.accept_out_of_policy || undefined })
      setResult(r)
      setSelected({})
      const failing = r.still_failing?.length ?? 0
      const message = t(`${k}.reprocessed`, { reprocessed: r.reprocessed, resolved: r.resolved, failing })
      if (failing > 0 && r.resolved === 0) toast.warning(message)
      else toast.success(message)
      return true
    } catch (e) {
      toastError(e)
      return false
    }
  }

  const reprocessAll = async () => {
    const ok = await prompt({
      title: t(`${k}.reprocessAll.title`),
      description: t(`${k}.reprocessAll.description`, { count }),
      confirmText: t(`${k}.actions.reprocessAll`),
      cancelText: t(`${k}.actions.cancel`),
      variant: "confirmation",
    })
    if (ok) await runReprocess({ all: true, filter: matchFilter })
  }

  const scope = selectedIds.length > 0 ? t(`${k}.scope.selected`, { count: selectedIds.length }) : t(`${k}.scope.matching`, { count })

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading level="h1">{t(`${k}.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${k}.description`)}
          </Text>
        </div>
        <div className="grid grid-cols-2 gap-3 px-6 py-4 md:grid-cols-3 lg:grid-cols-6" data-testid="exceptions-filters">
          <div className="flex flex-col gap-y-1">
            <Label size="xsmall" htmlFor="exceptions-status" className="text-ui-fg-subtle">
              {t(`${k}.filters.status`)}
            </Label>
            <select id="exceptions-status" name="status" className={selectClass} value={status} onChange={(e) => setParam("status", e.target.value)} data-testid="exceptions-status-filter">
              {EXCEPTION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`${k}.status.${s}`)}
                </option>
              ))}
              <option value={ALL}>{t(`${k}.filters.allStatuses`)}</option>
            </select>
          </div>
          <div className="flex flex-col gap-y-1">
            <Label size="xsmall" htmlFor="exceptions-reason" className="text-ui-fg-subtle">
              {t(`${k}.filters.reason`)}
            </Label>
            <select id="exceptions-reason" name="reason" className={selectClass} value={reason} onChange={(e) => setParam("reason", e.target.value)} data-testid="exceptions-reason-filter">
              <option value="">{t(`${k}.filters.allReasons`)}</option>
              {EXCEPTION_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`${k}.reason.${r}`)}
                </option>
              ))}
            </select>
          </div>
          {(
            [
              ["source", "filters.source"],
              ["account_code", "filters.account"],
              ["import_job_id", "filters.importJob"],
              ["q", "filters.search"],
            ] as const
          ).map(([key, label]) => (
            <div key={key} className="flex flex-col gap-y-1">
              <Label size="xsmall" htmlFor={`exceptions-${key}`} className="text-ui-fg-subtle">
                {t(`${k}.${label}`)}
              </Label>
              <Input
                id={`exceptions-${key}`}
                name={key}
                size="small"
                type={key === "q" ? "search" : "text"}
                value={text[key]}
                placeholder={key === "q" ? t(`${k}.filters.searchPlaceholder`) : undefined}
                onChange={(e) => setText((x) => ({ ...x, [key]: e.target.value }))}
              />
            </div>
          ))}
        </div>
        <div className="flex flex-wrap items-center gap-2 px-6 py-3" data-testid="exceptions-by-reason">
          <Text size="small" weight="plus" className="text-ui-fg-subtle mr-2">
            {t(`${k}.byReason`)}
          </Text>
          {byReason.length === 0 ? (
            <Text size="small" className="text-ui-fg-muted">
              {isLoading ? "…" : t(`${k}.noneByReason`)}
            </Text>
          ) : (
            byReason.map(([r, n]) => (
              <button
                key={r}
                type="button"
                onClick={() => setParam("reason", reason === r ? "" : r)}
                data-testid={`exceptions-reason-count-${r}`}
                data-count={n}
                aria-pressed={reason === r}
                className={reason === r ? "rounded-md ring-2 ring-ui-fg-interactive" : "rounded-md"}
              >
                <Badge size="small" color={reasonColour(r)}>
                  {t(`${k}.reason.${r}`, { defaultValue: r })}: {n}
                </Badge>
              </button>
            ))
          )}
        </div>
      </Container>

      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-3" data-testid="exceptions-toolbar">
          <Text size="small" className="text-ui-fg-subtle" data-testid="exceptions-selection">
            {selectedIds.length > 0 ? t(`${k}.scope.selected`, { count: selectedIds.length }) : t(`${k}.count`, { count })}
          </Text>
          <div className="flex flex-wrap items-center gap-2">
            <div className="flex items-center gap-x-2 pr-2">
              <Checkbox id="exceptions-accept" checked={acceptOutOfPolicy} onCheckedChange={(v) => setAcceptOutOfPolicy(v === true)} data-testid="exceptions-accept-out-of-policy" />
              <Label size="xsmall" htmlFor="exceptions-accept">
                {t(`${k}.acceptOutOfPolicy`)}
              </Label>
            </div>
            <Button
              size="small"
              variant="secondary"
              disabled={selectedIds.length === 0 || reprocess.isPending}
              isLoading={reprocess.isPending}
              onClick={() => runReprocess({ ids: selectedIds })}
              data-testid="exceptions-reprocess-selected"
            >
              {t(`${k}.actions.reprocessSelected`, { count: selectedIds.length })}
            </Button>
            <Button size="small" variant="secondary" disabled={selectedIds.length === 0 && count === 0} onClick={() => setDrawer("assign")} data-testid="exceptions-assign">
              {t(`${k}.actions.assign`)}
            </Button>
            <Button size="small" variant="secondary" disabled={selectedIds.length === 0} onClick={() => setDrawer("ignore")} data-testid="exceptions-ignore">
              {t(`${k}.actions.ignore`, { count: selectedIds.length })}
            </Button>
            <Button size="small" variant="secondary" disabled={count === 0 || reprocess.isPending || status === "ignored" || status === "resolved"} onClick={reprocessAll} data-testid="exceptions-reprocess-all">
              {t(`${k}.actions.reprocessAll`)}
            </Button>
          </div>
        </div>

        {result && (
          <div className="flex flex-col gap-y-2 px-6 py-3" data-testid="exceptions-result">
            <Text size="small" weight="plus">
              {t(`${k}.reprocessed`, { reprocessed: result.reprocessed, resolved: result.resolved, failing: result.still_failing?.length ?? 0 })}
            </Text>
            {(result.still_failing?.length ?? 0) > 0 && (
              <ul className="flex max-h-[200px] flex-col gap-y-1 overflow-auto">
                {result.still_failing.map((f) => (
                  <li key={f.id} data-testid={`exceptions-still-failing-${f.id}`}>
                    <Text size="xsmall">
                      <span className="font-mono">{f.id}</span>: {t(`${k}.reason.${f.reason}`, { defaultValue: f.reason })}
                      {f.details ? ` – ${f.details}` : ""}
                    </Text>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}

        {isLoading ? (
          <Text size="small" className="text-ui-fg-muted px-6 py-8" data-testid="exceptions-loading">
            {t(`${k}.loading`)}
          </Text>
        ) : isError ? (
          <Text size="small" className="text-ui-fg-error px-6 py-8" data-testid="exceptions-error">
            {error instanceof Error ? error.message : ""}
          </Text>
        ) : rows.length === 0 ? (
          <div className="flex flex-col items-center gap-y-2 px-6 py-12" data-testid="exceptions-empty">
            <Text weight="plus">{status === "open" ? t(`${k}.empty.openTitle`) : t(`${k}.empty.title`)}</Text>
            <Text size="small" className="text-ui-fg-subtle">
              {t(`${k}.empty.description`)}
            </Text>
          </div>
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="exceptions-table">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell className="w-[1%]">
                    <Checkbox
                      aria-label={t(`${k}.selectPage`)}
                      checked={allOnPage ? true : openOnPage.some((r) => selected[r.id]) ? "indeterminate" : false}
                      disabled={openOnPage.length === 0}
                      onCheckedChange={(v) => openOnPage.forEach((r) => toggle(r, v === true))}
                      data-testid="exceptions-select-page"
                    />
                  </Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.reason`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.details`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.record`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.account`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.source`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.importJob`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.status`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.created`)}</Table.HeaderCell>
                  <Table.HeaderCell className="w-[1%]" />
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {rows.map((e) => {
                  const open = expanded === e.id
                  return (
                    <Fragment key={e.id}>
                      <Table.Row data-testid={`exception-row-${e.record_key}`} data-id={e.id} data-reason={e.reason} data-status={e.status}>
                        <Table.Cell>
                          <Checkbox
                            aria-label={t(`${k}.select`, { key: e.record_key })}
                            checked={!!selected[e.id]}
                            disabled={e.status !== "open"}
                            onCheckedChange={(v) => toggle(e, v === true)}
                            data-testid={`exception-select-${e.record_key}`}
                          />
                        </Table.Cell>
                        <Table.Cell className="whitespace-nowrap">
                          <Badge size="2xsmall" color={reasonColour(e.reason)}>
                            {t(`${k}.reason.${e.reason}`, { defaultValue: e.reason })}
                          </Badge>
                        </Table.Cell>
                        <Table.Cell className="max-w-[360px]">
                          <span className="block truncate" title={e.details ?? ""}>
                            {e.details ?? "–"}
                          </span>
                        </Table.Cell>
                        <Table.Cell className="font-mono">
                          {e.record_key.length > 24 ? `${e.record_key.slice(0, 24)}…` : e.record_key}
                          {e.line ? <span className="text-ui-fg-muted"> · {t(`${k}.details.line`, { line: e.line })}</span> : null}
                        </Table.Cell>
                        <Table.Cell className="font-mono">{e.account_code ?? "–"}</Table.Cell>
                        <Table.Cell className="whitespace-nowrap font-mono">{e.source}</Table.Cell>
                        <Table.Cell>
                          {e.import_job_id ? (
                            <Link to={`/call-billing/imports/${e.import_job_id}`} className="text-ui-fg-interactive font-mono">
                              {e.import_job_id.slice(-8)}
                            </Link>
                          ) : (
                            "–"
                          )}
                        </Table.Cell>
                        <Table.Cell>
                          <StatusBadge color={exceptionStatusColour(e.status)}>{t(`${k}.status.${e.status}`)}</StatusBadge>
                        </Table.Cell>
                        <Table.Cell className="whitespace-nowrap">{formatDateTime(e.created_at)}</Table.Cell>
                        <Table.Cell>
                          <IconButton
                            size="small"
                            variant="transparent"
                            aria-label={t(`${k}.showDetails`)}
                            aria-expanded={open}
                            onClick={() => setExpanded(open ? null : e.id)}
                            data-testid={`exception-expand-${e.record_key}`}
                          >
                            {open ? <ChevronDownMini /> : <ChevronRightMini />}
                          </IconButton>
                        </Table.Cell>
                      </Table.Row>
                      {open && (
                        <Table.Row className="bg-ui-bg-subtle hover:bg-ui-bg-subtle">
                          <Table.Cell />
                          {/* Table.Cell's props have no colSpan */}
                          <td colSpan={9} className="pr-6">
                            <ExceptionDetails key={`${e.id}-${e.attempts}`} exception={e} busy={reprocess.isPending} onFix={(fields) => runReprocess({ ids: [e.id], patch: { fields } })} />
                          </td>
                        </Table.Row>
                      )}
                    </Fragment>
                  )
                })}
              </Table.Body>
            </Table>
            <PagePagination count={count} pageSize={PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />
          </div>
        )}
      </Container>

      <IgnoreDrawer
        open={drawer === "ignore"}
        onOpenChange={(o) => setDrawer(o ? "ignore" : null)}
        busy={ignore.isPending}
        scope={scope}
        onSubmit={async (note) => {
          try {
            const ids = selectedIds
            await ignore.mutateAsync({ ids, note })
            toast.success(t(`${k}.ignore.done`, { count: ids.length }))
            setSelected({})
            setDrawer(null)
          } catch (e) {
            toastError(e)
          }
        }}
      />
      <AssignAccountDrawer
        open={drawer === "assign"}
        onOpenChange={(o) => setDrawer(o ? "assign" : null)}
        busy={reprocess.isPending}
        scope={scope}
        onSubmit={async ({ account_code, accept_out_of_policy }) => {
          const body: ReprocessBody =
            selectedIds.length > 0
              ? { ids: selectedIds, patch: { account_code }, accept_out_of_policy }
              : { all: true, filter: matchFilter, patch: { account_code }, accept_out_of_policy }
          if (await runReprocess(body)) setDrawer(null)
        }}
      />
    </div>
  )
}

export const config = defineRouteConfig({ label: "Usage exceptions" })

export default ExceptionsPage
