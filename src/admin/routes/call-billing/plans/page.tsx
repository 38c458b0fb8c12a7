import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArchiveBox, ArrowUturnLeft, PencilSquare } from "@medusajs/icons"
import { Badge, Button, Container, Heading, IconButton, Input, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { selectClass } from "../../../components/billing/format"
import { PlanFormModal } from "../../../components/billing/plan-form-modal"
import { PagePagination } from "../../../components/common/page-pagination"
import { type Plan, useSetPlanStatus, usePlans } from "../../../hooks/billing"
import { toastError } from "../../../lib/errors"

const PAGE_SIZE = 20

/** Subscription plans: their price components, create and edit in a focus modal, archive. */
const PlansPage = () => {
  const { t } = useTranslation()
  const prompt = usePrompt()
  const k = "billing.plans"
  const [search, setSearch] = useState("")
  const [q, setQ] = useState("")
  const [status, setStatus] = useState<"" | Plan["status"]>("active")
  const [pageIndex, setPageIndex] = useState(0)
  const [modal, setModal] = useState<{ open: boolean; plan: Plan | null }>({ open: false, plan: null })
  const setPlanStatus = useSetPlanStatus()

  useEffect(() => {
    const h = setTimeout(() => {
      setQ(search.trim())
      setPageIndex(0)
    }, 300)
    return () => clearTimeout(h)
  }, [search])
  useEffect(() => setPageIndex(0), [status])

  const { data, isLoading, isError, error } = usePlans({ q: q || undefined, status: status || undefined, limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE })
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const plans = data?.plans ?? []
  const count = data?.count ?? 0

  const onArchive = async (plan: Plan) => {
    const archiving = plan.status === "active"
    if (archiving) {
      const ok = await prompt({
        title: t(`${k}.archive.title`),
        description: t(`${k}.archive.description`, { code: plan.code }),
        confirmText: t(`${k}.actions.archive`),
        cancelText: t("billing.actions.cancel"),
      })
      if (!ok) return
    }
    try {
      await setPlanStatus.mutateAsync({ id: plan.id, status: archiving ? "archived" : "active" })
      toast.success(t(archiving ? `${k}.archive.done` : `${k}.archive.restored`, { code: plan.code }))
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">{t(`${k}.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${k}.description`)}
          </Text>
        </div>
        <Button size="small" variant="secondary" data-testid="plans-create" onClick={() => setModal({ open: true, plan: null })}>
          {t(`${k}.actions.create`)}
        </Button>
      </div>
      <div className="flex items-center justify-end gap-2 px-6 py-4">
        <select
          aria-label={t(`${k}.columns.status`)}
          name="status"
          className={`${selectClass} w-[160px]`}
          value={status}
          onChange={(e) => setStatus(e.target.value as typeof status)}
          data-testid="plans-status-filter"
        >
          <option value="">{t(`${k}.allStatuses`)}</option>
          <option value="active">{t(`${k}.status.active`)}</option>
          <option value="archived">{t(`${k}.status.archived`)}</option>
        </select>
        <div className="w-full max-w-[280px]">
          <Input size="small" type="search" placeholder={t(`${k}.search`)} value={search} onChange={(e) => setSearch(e.target.value)} data-testid="plans-search" />
        </div>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-8">
          {t("billing.loading")}
        </Text>
      ) : plans.length === 0 ? (
        <div className="flex flex-col items-center gap-y-2 px-6 py-12" data-testid="plans-empty">
          <Text weight="plus">{t(`${k}.empty.title`)}</Text>
          <Text size="small" className="text-ui-fg-subtle">
            {q || status ? t(`${k}.empty.filtered`) : t(`${k}.empty.description`)}
          </Text>
        </div>
      ) : (
        <div className="overflow-x-auto">
          <Table data-testid="plans-table">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t(`${k}.columns.code`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.columns.name`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.columns.interval`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.columns.currency`)}</Table.HeaderCell>
                <Table.HeaderCell className="text-right">{t(`${k}.columns.components`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${k}.columns.status`)}</Table.HeaderCell>
                <Table.HeaderCell className="w-[1%]" />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {plans.map((plan) => (
                <Table.Row key={plan.id} data-testid={`plan-row-${plan.code}`} className="cursor-pointer" onClick={() => setModal({ open: true, plan })}>
                  <Table.Cell className="font-mono">{plan.code}</Table.Cell>
                  <Table.Cell>{plan.name}</Table.Cell>
                  <Table.Cell>{t(`billing.intervals.${plan.interval}`)}</Table.Cell>
                  <Table.Cell>{plan.currency_code.toUpperCase()}</Table.Cell>
                  <Table.Cell className="text-right tabular-nums" data-testid={`plan-components-count-${plan.code}`}>
                    {plan.components?.length ?? 0}
                  </Table.Cell>
                  <Table.Cell>
                    <Badge size="2xsmall" color={plan.status === "active" ? "green" : "grey"}>
                      {t(`${k}.status.${plan.status}`)}
                    </Badge>
                  </Table.Cell>
                  <Table.Cell onClick={(e) => e.stopPropagation()}>
                    <div className="flex items-center gap-x-1">
                      <IconButton
                        size="small"
                        variant="transparent"
                        aria-label={t(`${k}.actions.edit`)}
                        title={t(`${k}.actions.edit`)}
                        data-testid={`plan-edit-${plan.code}`}
                        onClick={() => setModal({ open: true, plan })}
                      >
                        <PencilSquare />
                      </IconButton>
                      <IconButton
                        size="small"
                        variant="transparent"
                        aria-label={t(plan.status === "active" ? `${k}.actions.archive` : `${k}.actions.restore`)}
                        title={t(plan.status === "active" ? `${k}.actions.archive` : `${k}.actions.restore`)}
                        data-testid={`plan-archive-${plan.code}`}
                        onClick={() => onArchive(plan)}
                      >
                        {plan.status === "active" ? <ArchiveBox /> : <ArrowUturnLeft />}
                      </IconButton>
                    </div>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          <PagePagination count={count} pageSize={PAGE_SIZE} pageIndex={pageIndex} setPageIndex={setPageIndex} />
        </div>
      )}
      <PlanFormModal open={modal.open} plan={modal.plan} onOpenChange={(open) => setModal((m) => ({ ...m, open }))} />
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Plans" })

export default PlansPage
