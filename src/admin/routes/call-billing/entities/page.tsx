import { defineRouteConfig } from "@medusajs/admin-sdk"
import { PencilSquare, Trash } from "@medusajs/icons"
import { Badge, Button, Container, Heading, IconButton, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useTranslation } from "react-i18next"
import { EntityDrawer } from "../../../components/billing/entity-drawer"
import { describeRates } from "../../../components/billing/tax-form"
import { TaxProfileDrawer } from "../../../components/billing/tax-profile-drawer"
import { type IssuingEntity, type TaxProfile, useDeleteEntity, useDeleteTaxProfile, useEntities, useTaxProfiles } from "../../../hooks/billing"
import { toastError } from "../../../lib/errors"

/** Billing setup: the companies that issue invoices, and the tax profiles accounts are taxed by. */
const BillingSetupPage = () => (
  <div className="flex flex-col gap-y-3">
    <EntitiesSection />
    <TaxProfilesSection />
  </div>
)

const EntitiesSection = () => {
  const { t } = useTranslation()
  const prompt = usePrompt()
  const k = "billing.setup.entities"
  const [drawer, setDrawer] = useState<{ open: boolean; entity: IssuingEntity | null }>({ open: false, entity: null })
  const { data, isLoading, isError, error } = useEntities({ limit: 1000 })
  const del = useDeleteEntity()
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const entities = data?.issuing_entities ?? []

  const onDelete = async (e: IssuingEntity) => {
    const ok = await prompt({
      title: t(`${k}.delete.title`),
      description: t(`${k}.delete.description`, { code: e.code }),
      confirmText: t("billing.actions.delete"),
      cancelText: t("billing.actions.cancel"),
    })
    if (!ok) return
    try {
      await del.mutateAsync(e.id)
      toast.success(t(`${k}.delete.done`, { code: e.code }))
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="entities-section">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h1">{t("billing.setup.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("billing.setup.description")}
          </Text>
        </div>
      </div>
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">{t(`${k}.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${k}.description`)}
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={() => setDrawer({ open: true, entity: null })} data-testid="entities-create">
          {t(`${k}.create`)}
        </Button>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          {t("billing.loading")}
        </Text>
      ) : entities.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-8 text-center" data-testid="entities-empty">
          {t(`${k}.empty`)}
        </Text>
      ) : (
        <Table data-testid="entities-table">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t(`${k}.columns.code`)}</Table.HeaderCell>
              <Table.HeaderCell>{t(`${k}.columns.legalName`)}</Table.HeaderCell>
              <Table.HeaderCell>{t(`${k}.columns.currency`)}</Table.HeaderCell>
              <Table.HeaderCell>{t(`${k}.columns.prefixes`)}</Table.HeaderCell>
              <Table.HeaderCell>{t(`${k}.columns.taxId`)}</Table.HeaderCell>
              <Table.HeaderCell className="w-[1%]" />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {entities.map((e) => (
              <Table.Row key={e.id} data-testid={`entity-row-${e.code}`}>
                <Table.Cell className="font-mono">{e.code}</Table.Cell>
                <Table.Cell>
                  <div className="flex items-center gap-x-2">
                    {e.primary_color && <span className="inline-block h-3 w-3 rounded-full" style={{ background: e.primary_color }} />}
                    {e.legal_name}
                  </div>
                </Table.Cell>
                <Table.Cell>{e.currency_code.toUpperCase()}</Table.Cell>
                <Table.Cell className="font-mono">
                  {e.invoice_prefix} / {e.credit_note_prefix}
                </Table.Cell>
                <Table.Cell>{e.tax_id ?? "–"}</Table.Cell>
                <Table.Cell>
                  <div className="flex items-center gap-x-1">
                    <IconButton size="small" variant="transparent" aria-label={t("billing.actions.edit")} onClick={() => setDrawer({ open: true, entity: e })} data-testid={`entity-edit-${e.code}`}>
                      <PencilSquare />
                    </IconButton>
                    <IconButton size="small" variant="transparent" aria-label={t("billing.actions.delete")} onClick={() => onDelete(e)} data-testid={`entity-delete-${e.code}`}>
                      <Trash />
                    </IconButton>
                  </div>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <EntityDrawer open={drawer.open} entity={drawer.entity} onOpenChange={(open) => setDrawer((d) => ({ ...d, open }))} />
    </Container>
  )
}

const TaxProfilesSection = () => {
  const { t } = useTranslation()
  const prompt = usePrompt()
  const k = "billing.setup.taxProfiles"
  const [drawer, setDrawer] = useState<{ open: boolean; profile: TaxProfile | null }>({ open: false, profile: null })
  const { data, isLoading, isError, error } = useTaxProfiles({ limit: 1000 })
  const del = useDeleteTaxProfile()
  useEffect(() => {
    if (isError) toastError(error)
  }, [isError, error])
  const profiles = data?.tax_profiles ?? []

  const onDelete = async (p: TaxProfile) => {
    const ok = await prompt({
      title: t(`${k}.delete.title`),
      description: t(`${k}.delete.description`, { code: p.code }),
      confirmText: t("billing.actions.delete"),
      cancelText: t("billing.actions.cancel"),
    })
    if (!ok) return
    try {
      await del.mutateAsync(p.id)
      toast.success(t(`${k}.delete.done`, { code: p.code }))
    } catch (err) {
      toastError(err)
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="tax-profiles-section">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">{t(`${k}.title`)}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${k}.description`)}
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={() => setDrawer({ open: true, profile: null })} data-testid="tax-profiles-create">
          {t(`${k}.create`)}
        </Button>
      </div>
      {isLoading ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-4">
          {t("billing.loading")}
        </Text>
      ) : profiles.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted px-6 py-8 text-center" data-testid="tax-profiles-empty">
          {t(`${k}.empty`)}
        </Text>
      ) : (
        <Table data-testid="tax-profiles-table">
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>{t(`${k}.columns.code`)}</Table.HeaderCell>
              <Table.HeaderCell>{t(`${k}.columns.name`)}</Table.HeaderCell>
              <Table.HeaderCell>{t(`${k}.columns.rates`)}</Table.HeaderCell>
              <Table.HeaderCell>{t(`${k}.columns.treatment`)}</Table.HeaderCell>
              <Table.HeaderCell className="w-[1%]" />
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {profiles.map((p) => (
              <Table.Row key={p.id} data-testid={`tax-profile-row-${p.code}`}>
                <Table.Cell className="font-mono">{p.code}</Table.Cell>
                <Table.Cell>{p.name}</Table.Cell>
                <Table.Cell>{describeRates(p)}</Table.Cell>
                <Table.Cell>
                  <div className="flex gap-x-1">
                    {p.exempt && <Badge size="2xsmall" color="orange">{t(`${k}.exempt`)}</Badge>}
                    {p.reverse_charge && <Badge size="2xsmall" color="purple">{t(`${k}.reverseCharge`)}</Badge>}
                    <Badge size="2xsmall" color="grey">
                      {t(p.inclusive ? `${k}.inclusive` : `${k}.exclusive`)}
                    </Badge>
                  </div>
                </Table.Cell>
                <Table.Cell>
                  <div className="flex items-center gap-x-1">
                    <IconButton size="small" variant="transparent" aria-label={t("billing.actions.edit")} onClick={() => setDrawer({ open: true, profile: p })} data-testid={`tax-profile-edit-${p.code}`}>
                      <PencilSquare />
                    </IconButton>
                    <IconButton size="small" variant="transparent" aria-label={t("billing.actions.delete")} onClick={() => onDelete(p)} data-testid={`tax-profile-delete-${p.code}`}>
                      <Trash />
                    </IconButton>
                  </div>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      <TaxProfileDrawer open={drawer.open} profile={drawer.profile} onOpenChange={(open) => setDrawer((d) => ({ ...d, open }))} />
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Billing setup" })

export default BillingSetupPage
