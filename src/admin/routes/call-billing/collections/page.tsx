import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowPath } from "@medusajs/icons"
import { Badge, Button, Container, Copy, Heading, StatusBadge, Table, Text, toast } from "@medusajs/ui"
import { type ReactNode, useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { Link, useSearchParams } from "react-router-dom"
import { selectClass } from "../../../components/billing/format"
import { SyncRecordsTable } from "../../../components/collections/sync-records-table"
import { Row } from "../../../components/collections/ui"
import { PagePagination } from "../../../components/common/page-pagination"
import {
  SYNC_PROVIDERS,
  SYNC_RECORD_TYPES,
  SYNC_STATUSES,
  type SyncCounts,
  type SyncProvider,
  type SyncRecordType,
  useCollectionsStatus,
  useRetrySyncRecords,
  useSyncRecords,
} from "../../../hooks/collections"
import { toastError } from "../../../lib/errors"

const k = "callBilling.collections"
const PAGE_SIZE = 20
// "needs attention": what is still waiting or failing
const OPEN = "failed,pending"

/**
 * Collections: how Stripe and Xero are set up and where each record stands
 * in them (retry what failed, per provider or per row), with the
 * reconciliation and dunning pages one click away.
 */
const CollectionsPage = () => {
  const { t } = useTranslation()
  const [params] = useSearchParams()
  const [provider, setProvider] = useState<SyncProvider | "">((params.get("provider") as SyncProvider) ?? "")
  const [status, setStatus] = useState(params.get("status") ?? "")
  const [recordType, setRecordType] = useState<SyncRecordType | "">((params.get("record_type") as SyncRecordType) ?? "")
  const [pageIndex, setPageIndex] = useState(0)
  useEffect(() => setPageIndex(0), [provider, status, recordType])

  const overview = useCollectionsStatus()
  const records = useSyncRecords({
    provider: provider || undefined,
    status: status || undefined,
    record_type: recordType || undefined,
    limit: PAGE_SIZE,
    offset: pageIndex * PAGE_SIZE,
  })
  useEffect(() => {
    if (overview.isError) toastError(overview.error)
  }, [overview.isError, overview.error])
  useEffect(() => {
    if (records.isError) toastError(records.error)
  }, [records.isError, records.error])

  const show = (p: SyncProvider, s: string) => {
    setProvider(p)
    setStatus(s)
    setRecordType("")
  }
  const rows = records.data?.sync_records ?? []
  const count = records.data?.count ?? 0
  const filtered = !!(provider || status || recordType)
  const o = overview.data

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-start justify-between gap-3 px-6 py-4">
          <div>
            <Heading level="h1">{t(`${k}.title`)}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t(`${k}.description`)}
            </Text>
          </div>
          <div className="flex flex-wrap gap-2" data-testid="collections-links">
            <Button size="small" variant="secondary" asChild>
              <Link to="/call-billing/collections/reconciliation" data-testid="collections-reconciliation-link">
                {t(`${k}.links.reconciliation`)}
              </Link>
            </Button>
            <Button size="small" variant="secondary" asChild>
              <Link to="/call-billing/collections/dunning" data-testid="collections-dunning-link">
                {t(`${k}.links.dunning`)}
              </Link>
            </Button>
            <Button size="small" variant="secondary" asChild>
              <Link to="/call-billing/webhooks" data-testid="collections-webhooks-link">
                {t(`${k}.links.webhooks`)}
              </Link>
            </Button>
          </div>
        </div>
      </Container>

      {overview.isLoading ? (
        <Container className="px-6 py-4">
          <Text size="small" className="text-ui-fg-muted">
            {t("billing.loading")}
          </Text>
        </Container>
      ) : o ? (
        <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
          <ProviderCard provider="stripe" configured={o.stripe.configured} sync={o.stripe.sync} onShow={show}>
            <Row label={t(`${k}.stripe.mode`)} value={t(`${k}.stripe.modes.${o.stripe.mode}`, { defaultValue: o.stripe.mode })} testId="stripe-mode" />
            <Row label={t(`${k}.stripe.daysUntilDue`)} value={String(o.stripe.days_until_due)} />
            <Row label={t(`${k}.stripe.webhook`)} value={<Configured on={o.stripe.webhook_configured} testId="stripe-webhook-configured" />} />
            <Row
              label={t(`${k}.stripe.webhookPath`)}
              testId="stripe-webhook-path"
              value={
                <div className="flex items-center gap-x-1">
                  <code className="txt-compact-small font-mono break-all">{o.stripe.webhook_path}</code>
                  <Copy content={o.stripe.webhook_path} />
                </div>
              }
            />
          </ProviderCard>
          <ProviderCard provider="xero" configured={o.xero.configured} sync={o.xero.sync} onShow={show}>
            <Row label={t(`${k}.xero.tenantId`)} value={<span className="font-mono">{o.xero.tenant_id ?? "–"}</span>} testId="xero-tenant-id" />
            <Row
              label={t(`${k}.xero.taxTypes`)}
              testId="xero-tax-types"
              value={
                Object.keys(o.xero.tax_types ?? {}).length ? (
                  <ul className="flex flex-col gap-y-0.5">
                    {Object.entries(o.xero.tax_types).map(([ours, theirs]) => (
                      <li key={ours} className="font-mono">
                        {ours} → {theirs}
                      </li>
                    ))}
                  </ul>
                ) : (
                  t(`${k}.xero.noTaxTypes`)
                )
              }
            />
          </ProviderCard>
          <Container className="divide-y p-0 lg:col-span-2" data-testid="collections-notifications">
            <div className="grid grid-cols-1 md:grid-cols-2 md:divide-x">
              <div className="py-2">
                <Row label={t(`${k}.notifications.channel`)} value={o.notifications.channel} />
                <Row label={t(`${k}.notifications.enabled`)} value={t(o.notifications.enabled ? "billing.yes" : "billing.no")} />
              </div>
              <div className="py-2">
                <Row
                  label={t(`${k}.dunningSummary.policies`)}
                  value={
                    <Link to="/call-billing/collections/dunning" className="text-ui-fg-interactive">
                      {o.dunning.policies === 0 ? t(`${k}.dunningSummary.builtIn`) : String(o.dunning.policies)}
                    </Link>
                  }
                />
                <Row label={t(`${k}.dunningSummary.suspended`)} value={String(o.dunning.suspended_accounts)} testId="collections-suspended" />
              </div>
            </div>
          </Container>
        </div>
      ) : null}

      <Container className="divide-y p-0" data-testid="sync-records">
        <div className="px-6 py-4">
          <Heading level="h2">{t(`${k}.sync.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${k}.sync.description`)}
          </Text>
        </div>
        <div className="flex flex-wrap items-center justify-end gap-2 px-6 py-4" data-testid="sync-filters">
          <div className="w-[140px]">
            <select aria-label={t(`${k}.sync.columns.provider`)} name="provider" className={selectClass} value={provider} onChange={(e) => setProvider(e.target.value as SyncProvider | "")} data-testid="sync-provider-filter">
              <option value="">{t(`${k}.sync.allProviders`)}</option>
              {SYNC_PROVIDERS.map((p) => (
                <option key={p} value={p}>
                  {t(`${k}.providers.${p}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="w-[170px]">
            <select aria-label={t(`${k}.sync.columns.status`)} name="status" className={selectClass} value={status} onChange={(e) => setStatus(e.target.value)} data-testid="sync-status-filter">
              <option value="">{t(`${k}.sync.allStatuses`)}</option>
              <option value={OPEN}>{t(`${k}.sync.open`)}</option>
              {SYNC_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`${k}.syncStatus.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="w-[150px]">
            <select aria-label={t(`${k}.sync.columns.recordType`)} name="record_type" className={selectClass} value={recordType} onChange={(e) => setRecordType(e.target.value as SyncRecordType | "")} data-testid="sync-record-type-filter">
              <option value="">{t(`${k}.sync.allRecordTypes`)}</option>
              {SYNC_RECORD_TYPES.map((r) => (
                <option key={r} value={r}>
                  {t(`${k}.sync.recordTypes.${r}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {records.isLoading ? (
          <Text size="small" className="text-ui-fg-muted px-6 py-8">
            {t("billing.loading")}
          </Text>
        ) : rows.length === 0 ? (
          <div className="flex flex-col items-center gap-y-2 px-6 py-12" data-testid="sync-empty">
            <Text weight="plus">{t(`${k}.sync.empty.title`)}</Text>
            <Text size="small" className="text-ui-fg-subtle">
              {filtered ? t(`${k}.sync.empty.filtered`) : t(`${k}.sync.empty.description`)}
            </Text>
          </div>
        ) : (
          <>
            <SyncRecordsTable rows={rows} />
            <PagePagination count={count} pageSize={PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />
          </>
        )}
      </Container>
    </div>
  )
}

const Configured = ({ on, testId }: { on: boolean; testId?: string }) => {
  const { t } = useTranslation()
  return (
    <StatusBadge color={on ? "green" : "grey"} data-testid={testId} data-configured={on}>
      {t(on ? `${k}.configured` : `${k}.notConfigured`)}
    </StatusBadge>
  )
}

/** One provider: configured or not, its settings, its sync counts (each a filter) and "Retry failed". */
const ProviderCard = ({
  provider,
  configured,
  sync,
  onShow,
  children,
}: {
  provider: SyncProvider
  configured: boolean
  sync: SyncCounts
  onShow: (provider: SyncProvider, status: string) => void
  children: ReactNode
}) => {
  const { t } = useTranslation()
  const retry = useRetrySyncRecords()
  const name = t(`${k}.providers.${provider}`)

  const retryFailed = async () => {
    try {
      const res = await retry.mutateAsync({ provider })
      const values = { provider: name, synced: res.synced?.length ?? 0, failed: res.failed?.length ?? 0, skipped: res.skipped?.length ?? 0 }
      if (values.failed > 0) {
        toast.warning(t(`${k}.retryFailed.partly`, values), { description: res.failed.slice(0, 3).map((f) => f.error).join(" · ") })
      } else {
        toast.success(t(`${k}.retryFailed.done`, values))
      }
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <Container className="divide-y p-0" data-testid={`provider-${provider}`}>
      <div className="flex items-center justify-between px-6 py-4">
        <div className="flex items-center gap-x-2">
          <Heading level="h2">{name}</Heading>
          <Configured on={configured} testId={`${provider}-configured`} />
        </div>
        <Button size="small" variant="secondary" onClick={retryFailed} isLoading={retry.isPending} disabled={!sync.failed} data-testid={`${provider}-retry-failed`}>
          <ArrowPath />
          {t(`${k}.retryFailed.button`)}
        </Button>
      </div>
      <div className="py-2">{children}</div>
      <div className="flex flex-wrap gap-2 px-6 py-4" data-testid={`${provider}-counts`}>
        {SYNC_STATUSES.map((s) => (
          <button key={s} type="button" onClick={() => onShow(provider, s)} className="focus-visible:shadow-borders-focus rounded-md outline-none" data-testid={`${provider}-count-${s}`} data-count={sync[s] ?? 0}>
            <Badge size="small" color={s === "failed" ? (sync[s] ? "red" : "grey") : s === "pending" ? (sync[s] ? "orange" : "grey") : "green"}>
              {t(`${k}.syncStatus.${s}`)}: {sync[s] ?? 0}
            </Badge>
          </button>
        ))}
      </div>
      {!configured && (
        <Text size="small" className="text-ui-fg-subtle px-6 py-4">
          {t(`${k}.${provider}.notConfiguredHint`)}
        </Text>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Collections" })

export default CollectionsPage
