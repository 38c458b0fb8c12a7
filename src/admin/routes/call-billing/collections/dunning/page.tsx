import { PencilSquare, PlaySolid, Trash } from "@medusajs/icons"
import { Badge, Button, Container, Heading, IconButton, StatusBadge, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { useTranslation } from "react-i18next"
import { Link } from "react-router-dom"
import { hasStoredDefault, scopeOf } from "../../../../components/collections/dunning-form"
import { DunningPolicyDrawer } from "../../../../components/collections/dunning-policy-drawer"
import { NotificationTemplateDrawer } from "../../../../components/collections/notification-template-drawer"
import { StepsList } from "../../../../components/collections/ui"
import { useBillingAccounts } from "../../../../hooks/billing-accounts"
import { useEntities } from "../../../../hooks/billing"
import {
  NOTIFICATION_KINDS,
  type DunningPolicy,
  type DunningRunResult,
  type NotificationKind,
  type NotificationTemplate,
  useDeleteDunningPolicy,
  useDeleteNotificationTemplate,
  useDunningPolicies,
  useNotificationTemplates,
  useRunDunning,
} from "../../../../hooks/collections"
import { toastError } from "../../../../lib/errors"

const k = "callBilling.collections.dunning"

/** Names of entities and accounts by id, for scopes and templates. */
function useNames() {
  const entities = useEntities({ limit: 1000 })
  const accounts = useBillingAccounts({ limit: 1000 })
  return useMemo(
    () => ({
      entity: (id: string) => {
        const e = entities.data?.issuing_entities.find((x) => x.id === id)
        return e ? `${e.code} – ${e.legal_name}` : id
      },
      account: (id: string) => {
        const a = accounts.data?.billing_accounts.find((x) => x.id === id)
        return a ? `${a.code} – ${a.name}` : id
      },
    }),
    [entities.data, accounts.data]
  )
}

/**
 * Dunning: the policies (and the built-in default where no default policy
 * is stored), a "Run dunning now", and the wording of every notification.
 */
const DunningPage = () => (
  <div className="flex flex-col gap-y-3">
    <PoliciesSection />
    <TemplatesSection />
  </div>
)

const PoliciesSection = () => {
  const { t } = useTranslation()
  const prompt = usePrompt()
  const names = useNames()
  const [drawer, setDrawer] = useState<{ open: boolean; policy: DunningPolicy | null }>({ open: false, policy: null })
  const [result, setResult] = useState<DunningRunResult | null>(null)
  const { data, isLoading, isError, error } = useDunningPolicies()
  const del = useDeleteDunningPolicy()
  const run = useRunDunning()
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const policies = data?.dunning_policies ?? []
  const builtIn = data?.built_in_default ?? null

  const onDelete = async (p: DunningPolicy) => {
    const ok = await prompt({
      title: t(`${k}.delete.title`),
      description: t(`${k}.delete.description`, { name: p.name }),
      confirmText: t("billing.actions.delete"),
      cancelText: t("billing.actions.cancel"),
    })
    if (!ok) return
    try {
      await del.mutateAsync(p.id)
      toast.success(t(`${k}.delete.done`, { name: p.name }))
    } catch (err) {
      toastError(err)
    }
  }

  const runNow = async () => {
    const ok = await prompt({
      title: t(`${k}.run.title`),
      description: t(`${k}.run.description`),
      confirmText: t(`${k}.run.confirm`),
      cancelText: t("billing.actions.cancel"),
    })
    if (!ok) return
    try {
      const res = await run.mutateAsync()
      setResult(res)
      toast.success(t(`${k}.run.done`, { taken: res.taken?.length ?? 0, suspended: res.suspended?.length ?? 0 }))
    } catch (err) {
      toastError(err)
    }
  }

  const scopeText = (p: DunningPolicy) => {
    const scope = scopeOf(p)
    if (scope === "account") return t(`${k}.scopeText.account`, { name: names.account(p.account_id!) })
    if (scope === "entity") return t(`${k}.scopeText.entity`, { name: names.entity(p.entity_id!) })
    return t(`${k}.scopeText.default`)
  }

  return (
    <Container className="divide-y p-0" data-testid="dunning-policies">
      <div className="flex flex-wrap items-start justify-between gap-3 px-6 py-4">
        <div>
          <Link to="/call-billing/collections" className="text-ui-fg-interactive txt-small">
            ← {t("callBilling.collections.title")}
          </Link>
          <Heading level="h1">{t(`${k}.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${k}.description`)}
          </Text>
        </div>
        <div className="flex gap-2">
          <Button size="small" variant="secondary" onClick={runNow} isLoading={run.isPending} data-testid="dunning-run">
            <PlaySolid />
            {t(`${k}.run.button`)}
          </Button>
          <Button size="small" variant="secondary" onClick={() => setDrawer({ open: true, policy: null })} data-testid="dunning-policy-create">
            {t(`${k}.create`)}
          </Button>
        </div>
      </div>
      {result && (
        <div className="flex flex-col gap-y-1 px-6 py-3" data-testid="dunning-run-result">
          <Text size="small" weight="plus">
            {t(`${k}.run.done`, { taken: result.taken?.length ?? 0, suspended: result.suspended?.length ?? 0 })}
          </Text>
          {(result.taken ?? []).map((s) => (
            <Text key={s.id} size="xsmall" className="text-ui-fg-subtle font-mono">
              <Link to={`/call-billing/billing-accounts/${s.account_id}`} className="text-ui-fg-interactive">
                {names.account(s.account_id)}
              </Link>
              {" · "}
              {s.invoice_id ? (
                <Link to={`/call-billing/invoices/${s.invoice_id}`} className="text-ui-fg-interactive">
                  {s.invoice_id}
                </Link>
              ) : (
                "–"
              )}
              {" · "}
              {s.step} ({t(`${k}.actions.${s.action}`, { defaultValue: s.action })})
            </Text>
          ))}
          {(result.suspended ?? []).map((id) => (
            <Text key={id} size="xsmall" className="text-ui-fg-error">
              {t(`${k}.run.suspended`, { name: names.account(id) })}
            </Text>
          ))}
        </div>
      )}
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          {t("billing.loading")}
        </Text>
      ) : (
        <>
          {!hasStoredDefault(policies) && builtIn && (
            <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="dunning-built-in">
              <div className="flex items-center gap-x-2">
                <Text size="small" weight="plus">
                  {t(`${k}.builtIn.title`)}
                </Text>
                <Badge size="2xsmall" color="grey">
                  {t(`${k}.builtIn.badge`)}
                </Badge>
              </div>
              <Text size="small" className="text-ui-fg-subtle">
                {t(`${k}.builtIn.description`)}
              </Text>
              <StepsList steps={builtIn.steps ?? []} graceDays={builtIn.grace_days} testId="dunning-built-in-steps" />
            </div>
          )}
          {policies.length === 0 ? (
            <Text size="small" className="text-ui-fg-muted px-6 py-8 text-center" data-testid="dunning-policies-empty">
              {t(`${k}.empty`)}
            </Text>
          ) : (
            <div className="overflow-x-auto">
              <Table data-testid="dunning-policies-table">
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>{t(`${k}.columns.name`)}</Table.HeaderCell>
                    <Table.HeaderCell>{t(`${k}.columns.scope`)}</Table.HeaderCell>
                    <Table.HeaderCell>{t(`${k}.columns.steps`)}</Table.HeaderCell>
                    <Table.HeaderCell className="text-right">{t(`${k}.columns.graceDays`)}</Table.HeaderCell>
                    <Table.HeaderCell>{t(`${k}.columns.active`)}</Table.HeaderCell>
                    <Table.HeaderCell className="w-[1%]" />
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {policies.map((p) => (
                    <Table.Row key={p.id} data-testid={`dunning-policy-${p.id}`}>
                      <Table.Cell>{p.name}</Table.Cell>
                      <Table.Cell className="whitespace-normal">
                        {p.account_id ? (
                          <Link to={`/call-billing/billing-accounts/${p.account_id}`} className="text-ui-fg-interactive">
                            {scopeText(p)}
                          </Link>
                        ) : (
                          scopeText(p)
                        )}
                      </Table.Cell>
                      <Table.Cell className="whitespace-normal py-2">
                        <StepsList steps={p.steps ?? []} />
                      </Table.Cell>
                      <Table.Cell className="text-right tabular-nums">{p.grace_days ?? 0}</Table.Cell>
                      <Table.Cell>
                        <StatusBadge color={p.active ? "green" : "grey"}>{t(p.active ? `${k}.active` : `${k}.inactive`)}</StatusBadge>
                      </Table.Cell>
                      <Table.Cell>
                        <div className="flex items-center gap-x-1">
                          <IconButton size="small" variant="transparent" aria-label={t("billing.actions.edit")} onClick={() => setDrawer({ open: true, policy: p })} data-testid={`dunning-policy-edit-${p.id}`}>
                            <PencilSquare />
                          </IconButton>
                          <IconButton size="small" variant="transparent" aria-label={t("billing.actions.delete")} onClick={() => onDelete(p)} data-testid={`dunning-policy-delete-${p.id}`}>
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
        </>
      )}
      <DunningPolicyDrawer open={drawer.open} policy={drawer.policy} builtIn={builtIn} onOpenChange={(open) => setDrawer((d) => ({ ...d, open }))} />
    </Container>
  )
}

const TemplatesSection = () => {
  const { t } = useTranslation()
  const prompt = usePrompt()
  const names = useNames()
  const tk = "callBilling.collections.templates"
  const [drawer, setDrawer] = useState<{ open: boolean; template: NotificationTemplate | null; kind: NotificationKind }>({
    open: false,
    template: null,
    kind: "invoice_issued",
  })
  const { data, isLoading, isError, error } = useNotificationTemplates()
  const del = useDeleteNotificationTemplate()
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const templates = data?.notification_templates ?? []
  const builtIn = data?.built_in ?? {}

  const onDelete = async (tpl: NotificationTemplate) => {
    const kind = t(`${tk}.kinds.${tpl.kind}`)
    const ok = await prompt({
      title: t(`${tk}.delete.title`),
      description: t(`${tk}.delete.description`, { kind, entity: tpl.entity_id ? names.entity(tpl.entity_id) : t(`${tk}.allEntities`) }),
      confirmText: t("billing.actions.delete"),
      cancelText: t("billing.actions.cancel"),
    })
    if (!ok) return
    try {
      await del.mutateAsync(tpl.id)
      toast.success(t(`${tk}.delete.done`, { kind }))
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="notification-templates">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">{t(`${tk}.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${tk}.description`)}
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={() => setDrawer({ open: true, template: null, kind: "invoice_issued" })} data-testid="template-create">
          {t(`${tk}.create`)}
        </Button>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          {t("billing.loading")}
        </Text>
      ) : (
        <div className="overflow-x-auto">
          <Table data-testid="templates-table">
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>{t(`${tk}.columns.kind`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${tk}.columns.entity`)}</Table.HeaderCell>
                <Table.HeaderCell>{t(`${tk}.columns.subject`)}</Table.HeaderCell>
                <Table.HeaderCell className="w-[1%]" />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {NOTIFICATION_KINDS.map((kind) => {
                const own = templates.filter((x) => x.kind === kind)
                const standard = builtIn[kind]
                return [
                  ...own.map((tpl, i) => (
                    <Table.Row key={tpl.id} data-testid={`template-${tpl.id}`} data-kind={kind}>
                      <Table.Cell>{i === 0 ? t(`${tk}.kinds.${kind}`) : ""}</Table.Cell>
                      <Table.Cell>{tpl.entity_id ? names.entity(tpl.entity_id) : t(`${tk}.allEntities`)}</Table.Cell>
                      <Table.Cell className="max-w-[420px] whitespace-normal py-2">
                        <Text size="small">{tpl.subject}</Text>
                      </Table.Cell>
                      <Table.Cell>
                        <div className="flex items-center gap-x-1">
                          <IconButton size="small" variant="transparent" aria-label={t("billing.actions.edit")} onClick={() => setDrawer({ open: true, template: tpl, kind })} data-testid={`template-edit-${tpl.id}`}>
                            <PencilSquare />
                          </IconButton>
                          <IconButton size="small" variant="transparent" aria-label={t("billing.actions.delete")} onClick={() => onDelete(tpl)} data-testid={`template-delete-${tpl.id}`}>
                            <Trash />
                          </IconButton>
                        </div>
                      </Table.Cell>
                    </Table.Row>
                  )),
                  // the built-in wording applies where no template covers all entities
                  !own.some((x) => !x.entity_id) && (
                    <Table.Row key={`built-in-${kind}`} data-testid={`template-built-in-${kind}`} data-kind={kind}>
                      <Table.Cell>{own.length === 0 ? t(`${tk}.kinds.${kind}`) : ""}</Table.Cell>
                      <Table.Cell>
                        <Badge size="2xsmall" color="grey">
                          {t(`${tk}.builtIn`)}
                        </Badge>
                      </Table.Cell>
                      <Table.Cell className="max-w-[420px] whitespace-normal py-2">
                        <Text size="small" className="text-ui-fg-muted">
                          {standard?.subject ?? "–"}
                        </Text>
                      </Table.Cell>
                      <Table.Cell>
                        <Button size="small" variant="transparent" onClick={() => setDrawer({ open: true, template: null, kind })} data-testid={`template-customize-${kind}`}>
                          {t(`${tk}.customize`)}
                        </Button>
                      </Table.Cell>
                    </Table.Row>
                  ),
                ]
              })}
            </Table.Body>
          </Table>
        </div>
      )}
      <NotificationTemplateDrawer open={drawer.open} template={drawer.template} kind={drawer.kind} builtIn={builtIn} onOpenChange={(open) => setDrawer((d) => ({ ...d, open }))} />
    </Container>
  )
}

export default DunningPage
