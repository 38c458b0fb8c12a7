import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowPath, PencilSquare, Trash } from "@medusajs/icons"
import { Badge, Button, Container, Heading, IconButton, StatusBadge, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { useSearchParams } from "react-router-dom"
import { formatDateTime, selectClass } from "../../../components/billing/format"
import { DeliveryStatusBadge } from "../../../components/collections/ui"
import { WebhookEndpointDrawer } from "../../../components/collections/webhook-endpoint-drawer"
import { PagePagination } from "../../../components/common/page-pagination"
import {
  DELIVERY_STATUSES,
  type WebhookDelivery,
  type WebhookEndpoint,
  useDeleteWebhookEndpoint,
  useRetryWebhookDelivery,
  useWebhookDeliveries,
  useWebhookEndpoint,
  useWebhookEndpoints,
} from "../../../hooks/collections"
import { toastError } from "../../../lib/errors"

const k = "callBilling.webhooks"
const PAGE_SIZE = 20

/**
 * Outgoing webhooks: the endpoints that receive the plugin's events (signed
 * with a secret shown once, on creation), and the deliveries of the one
 * selected, with a Retry on failed ones.
 */
const WebhooksPage = () => {
  const { t } = useTranslation()
  const prompt = usePrompt()
  // the selected endpoint is in the URL, so a delivery list can be linked to
  const [params, setParams] = useSearchParams()
  const selectedId = params.get("endpoint") ?? ""
  const select = (id: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p)
        if (id) next.set("endpoint", id)
        else next.delete("endpoint")
        return next
      },
      { replace: true }
    )
  const [drawer, setDrawer] = useState<{ open: boolean; endpoint: WebhookEndpoint | null }>({ open: false, endpoint: null })
  const { data, isLoading, isError, error } = useWebhookEndpoints({ limit: 100 })
  const del = useDeleteWebhookEndpoint()
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const endpoints = data?.webhook_endpoints ?? []
  const listed = endpoints.find((e) => e.id === selectedId)
  // a linked endpoint beyond the first page is fetched on its own
  const one = useWebhookEndpoint(!isLoading && selectedId && !listed ? selectedId : null)
  const selected = listed ?? one.data?.webhook_endpoint ?? null

  const onDelete = async (e: WebhookEndpoint) => {
    const ok = await prompt({
      title: t(`${k}.delete.title`),
      description: t(`${k}.delete.description`, { url: e.url }),
      confirmText: t("billing.actions.delete"),
      cancelText: t("billing.actions.cancel"),
    })
    if (!ok) return
    try {
      await del.mutateAsync(e.id)
      if (e.id === selectedId) select("")
      toast.success(t(`${k}.delete.done`, { url: e.url }))
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0" data-testid="webhook-endpoints">
        <div className="flex flex-wrap items-start justify-between gap-3 px-6 py-4">
          <div>
            <Heading level="h1">{t(`${k}.title`)}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t(`${k}.description`)}
            </Text>
          </div>
          <Button size="small" variant="secondary" onClick={() => setDrawer({ open: true, endpoint: null })} data-testid="webhook-create">
            {t(`${k}.create`)}
          </Button>
        </div>
        {isLoading ? (
          <Text size="small" className="text-ui-fg-muted px-6 py-4">
            {t("billing.loading")}
          </Text>
        ) : endpoints.length === 0 ? (
          <div className="flex flex-col items-center gap-y-2 px-6 py-12" data-testid="webhook-endpoints-empty">
            <Text weight="plus">{t(`${k}.empty.title`)}</Text>
            <Text size="small" className="text-ui-fg-subtle">
              {t(`${k}.empty.description`)}
            </Text>
          </div>
        ) : (
          <div className="overflow-x-auto">
            <Table data-testid="webhook-endpoints-table">
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>{t(`${k}.columns.url`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.events`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.active`)}</Table.HeaderCell>
                  <Table.HeaderCell>{t(`${k}.columns.createdAt`)}</Table.HeaderCell>
                  <Table.HeaderCell className="w-[1%]" />
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {endpoints.map((e) => (
                  <Table.Row
                    key={e.id}
                    className={`cursor-pointer ${e.id === selectedId ? "bg-ui-bg-highlight" : ""}`}
                    onClick={() => select(e.id === selectedId ? "" : e.id)}
                    data-testid={`webhook-endpoint-${e.id}`}
                    data-selected={e.id === selectedId}
                  >
                    <Table.Cell className="max-w-[360px] whitespace-normal py-2">
                      <Text size="small" className="font-mono break-all">
                        {e.url}
                      </Text>
                      {e.description && (
                        <Text size="xsmall" className="text-ui-fg-subtle">
                          {e.description}
                        </Text>
                      )}
                    </Table.Cell>
                    <Table.Cell className="whitespace-normal py-2">
                      <div className="flex flex-wrap gap-1">
                        {(e.events ?? []).map((ev) => (
                          <Badge key={ev} size="2xsmall" color="grey" className="font-mono">
                            {ev}
                          </Badge>
                        ))}
                      </div>
                    </Table.Cell>
                    <Table.Cell>
                      <StatusBadge color={e.active ? "green" : "grey"} data-testid={`webhook-active-${e.id}`}>
                        {t(e.active ? `${k}.active` : `${k}.inactive`)}
                      </StatusBadge>
                    </Table.Cell>
                    <Table.Cell className="whitespace-nowrap">{formatDateTime(e.created_at)}</Table.Cell>
                    <Table.Cell onClick={(ev) => ev.stopPropagation()}>
                      <div className="flex items-center gap-x-1">
                        <Button size="small" variant="transparent" onClick={() => select(e.id)} data-testid={`webhook-deliveries-${e.id}`}>
                          {t(`${k}.showDeliveries`)}
                        </Button>
                        <IconButton size="small" variant="transparent" aria-label={t("billing.actions.edit")} onClick={() => setDrawer({ open: true, endpoint: e })} data-testid={`webhook-edit-${e.id}`}>
                          <PencilSquare />
                        </IconButton>
                        <IconButton size="small" variant="transparent" aria-label={t("billing.actions.delete")} onClick={() => onDelete(e)} data-testid={`webhook-delete-${e.id}`}>
                          <Trash />
                        </IconButton>
                      </div>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
        <WebhookEndpointDrawer
          open={drawer.open}
          endpoint={drawer.endpoint}
          onOpenChange={(open) => setDrawer((d) => ({ ...d, open }))}
          onCreated={(e) => select(e.id)}
        />
      </Container>

      {selected ? (
        <Deliveries endpoint={selected} />
      ) : (
        endpoints.length > 0 && (
          <Container className="px-6 py-4">
            <Text size="small" className="text-ui-fg-subtle" data-testid="webhook-deliveries-hint">
              {t(`${k}.deliveries.choose`)}
            </Text>
          </Container>
        )
      )}
    </div>
  )
}

/** One endpoint's deliveries, newest first, by status; failed ones can be sent again. */
const Deliveries = ({ endpoint }: { endpoint: WebhookEndpoint }) => {
  const { t } = useTranslation()
  const d = `${k}.deliveries`
  const [status, setStatus] = useState("")
  const [pageIndex, setPageIndex] = useState(0)
  useEffect(() => setPageIndex(0), [status, endpoint.id])
  const { data, isLoading, isError, error } = useWebhookDeliveries(endpoint.id, { status: status || undefined, limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE })
  const retry = useRetryWebhookDelivery()
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const rows = data?.webhook_deliveries ?? []
  const count = data?.count ?? 0

  const send = async (delivery: WebhookDelivery) => {
    try {
      const { webhook_delivery } = await retry.mutateAsync(delivery.id)
      if (webhook_delivery?.status === "delivered") toast.success(t(`${d}.retried.delivered`, { event: delivery.event }))
      else if (webhook_delivery?.status === "failed") {
        toast.error(t(`${d}.retried.failed`, { event: delivery.event, error: webhook_delivery.last_error ?? String(webhook_delivery.response_status ?? "") }))
      }
      // waiting: a retry with backoff, or an inactive endpoint
      else toast.info(t(endpoint.active ? `${d}.retried.pending` : `${d}.retried.inactive`, { event: delivery.event }))
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="webhook-deliveries">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div>
          <Heading level="h2">{t(`${d}.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle font-mono break-all">
            {endpoint.url}
          </Text>
        </div>
        <div className="w-[160px]">
          <select aria-label={t(`${d}.columns.status`)} name="status" className={selectClass} value={status} onChange={(e) => setStatus(e.target.value)} data-testid="webhook-deliveries-status">
            <option value="">{t(`${d}.allStatuses`)}</option>
            {DELIVERY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`${k}.deliveryStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          {t("billing.loading")}
        </Text>
      ) : rows.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-8 text-center" data-testid="webhook-deliveries-empty">
          {t(status ? `${d}.emptyFiltered` : `${d}.empty`)}
        </Text>
      ) : (
        <div className="overflow-x-auto">
          <Table data-testid="webhook-deliveries-table">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t(`${d}.columns.status`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${d}.columns.event`)}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t(`${d}.columns.attempts`)}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t(`${d}.columns.responseStatus`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${d}.columns.lastError`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${d}.columns.nextAttempt`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${d}.columns.deliveredAt`)}</Table.HeaderCell>
                <Table.HeaderCell className="w-[1%]" />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {rows.map((r) => (
                <Table.Row key={r.id} data-testid={`webhook-delivery-${r.id}`} data-status={r.status}>
                  <Table.Cell>
                    <DeliveryStatusBadge status={r.status} />
                  </Table.Cell>
                  <Table.Cell>
                    <Text size="small" className="font-mono">
                      {r.event}
                    </Text>
                    <Text size="xsmall" className="text-ui-fg-subtle font-mono">
                      {r.event_key}
                    </Text>
                  </Table.Cell>
                  <Table.Cell className="text-right tabular-nums">{r.attempts}</Table.Cell>
                  <Table.Cell className={`text-right tabular-nums ${r.response_status && (r.response_status < 200 || r.response_status >= 300) ? "text-ui-fg-error" : ""}`}>
                    {r.response_status ?? "–"}
                  </Table.Cell>
                  <Table.Cell className="max-w-[280px] whitespace-normal py-2">
                    {r.last_error ? (
                      <Text size="xsmall" className="text-ui-fg-error break-words">
                        {r.last_error}
                      </Text>
                    ) : (
                      "–"
                    )}
                  </Table.Cell>
                  <Table.Cell className="whitespace-nowrap">{r.status === "delivered" ? "–" : formatDateTime(r.next_attempt_at)}</Table.Cell>
                  <Table.Cell className="whitespace-nowrap">{formatDateTime(r.delivered_at)}</Table.Cell>
                  <Table.Cell>
                    {r.status === "failed" && (
                      <Button size="small" variant="secondary" onClick={() => send(r)} isLoading={retry.isPending && retry.variables === r.id} data-testid={`webhook-delivery-retry-${r.id}`}>
                        <ArrowPath />
                        {t(`${d}.retry`)}
                      </Button>
                    )}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <PagePagination count={count} pageSize={PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />
        </div>
      )}
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Webhooks" })

export default WebhooksPage
