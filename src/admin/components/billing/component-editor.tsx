import { ArrowDownMini, ArrowUpMini, Plus, Trash } from "@medusajs/icons"
import { Button, IconButton, Input, Text } from "@medusajs/ui"
import { useTranslation } from "react-i18next"
import type { Problem } from "./format"
import { selectClass } from "./format"
import { COMPONENT_TYPES, ELIGIBLE_KINDS, type ComponentField, type ComponentForm, type TierForm, visibleFields, withType } from "./plan-form"
import { Field } from "./ui"

type Props = {
  components: ComponentForm[]
  onChange: (components: ComponentForm[]) => void
  onAdd: () => void
  problems: Problem[]
}

const k = "billing.plans.components"

/** The plan's components in invoice order: add, remove, reorder; each shows only its type's fields. */
export const ComponentEditor = ({ components, onChange, onAdd, problems }: Props) => {
  const { t } = useTranslation()
  const update = (i: number, next: ComponentForm) => onChange(components.map((c, j) => (j === i ? next : c)))
  const move = (i: number, by: number) => {
    const list = [...components]
    const [c] = list.splice(i, 1)
    list.splice(i + by, 0, c)
    onChange(list)
  }

  return (
    <div className="flex flex-col gap-y-3" data-testid="plan-components">
      <div className="flex items-center justify-between">
        <div>
          <Text weight="plus">{t(`${k}.title`)}</Text>
          <Text size="small" className="text-ui-fg-subtle">
            {t(`${k}.hint`)}
          </Text>
        </div>
        <Button size="small" variant="secondary" type="button" onClick={onAdd} data-testid="plan-add-component">
          <Plus />
          {t(`${k}.add`)}
        </Button>
      </div>
      {components.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted" data-testid="plan-components-empty">
          {t(`${k}.empty`)}
        </Text>
      ) : (
        components.map((c, i) => (
          <ComponentRow
            key={c.key}
            index={i}
            count={components.length}
            component={c}
            problems={problems}
            onChange={(next) => update(i, next)}
            onRemove={() => onChange(components.filter((_, j) => j !== i))}
            onMove={(by) => move(i, by)}
          />
        ))
      )}
    </div>
  )
}

const ComponentRow = ({
  index: i,
  count,
  component: c,
  problems,
  onChange,
  onRemove,
  onMove,
}: {
  index: number
  count: number
  component: ComponentForm
  problems: Problem[]
  onChange: (c: ComponentForm) => void
  onRemove: () => void
  onMove: (by: number) => void
}) => {
  const { t } = useTranslation()
  const fields = visibleFields(c)
  const name = (f: string) => `components.${i}.${f}`
  const set = <F extends keyof ComponentForm>(f: F, v: ComponentForm[F]) => onChange({ ...c, [f]: v })
  const text = (f: "price" | "included_quantity" | "default_quantity" | "metric" | "destination_groups", placeholder?: string) => (
    <Input id={name(f)} name={name(f)} size="small" value={c[f]} placeholder={placeholder} onChange={(e) => set(f, e.target.value)} />
  )
  // labels depend on the type: a bundle's included quantity is minutes, a concurrency package's channels
  const label = (f: ComponentField) => t(`${k}.fields.${f}.${c.type}`, { defaultValue: t(`${k}.fields.${f}.default`) })

  return (
    <div className="shadow-elevation-card-rest bg-ui-bg-component flex flex-col gap-y-3 rounded-lg p-4" data-testid={`plan-component-${i}`} data-type={c.type}>
      <div className="flex items-start gap-x-3">
        <div className="grid flex-1 grid-cols-3 gap-3">
          <Field label={t(`${k}.code`)} htmlFor={name("code")} problems={problems} path={name("code")}>
            <Input id={name("code")} name={name("code")} size="small" value={c.code} placeholder="agent_seats" onChange={(e) => set("code", e.target.value)} />
          </Field>
          <Field label={t(`${k}.name`)} htmlFor={name("name")} problems={problems} path={name("name")}>
            <Input id={name("name")} name={name("name")} size="small" value={c.name} placeholder={t(`${k}.namePlaceholder`)} onChange={(e) => set("name", e.target.value)} />
          </Field>
          <Field label={t(`${k}.type`)} htmlFor={name("type")} hint={t(`${k}.typeHints.${c.type}`)}>
            <select id={name("type")} name={name("type")} className={selectClass} value={c.type} onChange={(e) => onChange(withType(c, e.target.value as ComponentForm["type"]))}>
              {COMPONENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`${k}.types.${type}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="flex gap-x-1 pt-5">
          <IconButton size="small" variant="transparent" type="button" disabled={i === 0} onClick={() => onMove(-1)} aria-label={t(`${k}.moveUp`)} data-testid={`plan-component-up-${i}`}>
            <ArrowUpMini />
          </IconButton>
          <IconButton size="small" variant="transparent" type="button" disabled={i === count - 1} onClick={() => onMove(1)} aria-label={t(`${k}.moveDown`)} data-testid={`plan-component-down-${i}`}>
            <ArrowDownMini />
          </IconButton>
          <IconButton size="small" variant="transparent" type="button" onClick={onRemove} aria-label={t(`${k}.remove`)} data-testid={`plan-component-remove-${i}`}>
            <Trash />
          </IconButton>
        </div>
      </div>

      <div className="grid grid-cols-3 gap-3">
        {fields.includes("metric") && (
          <Field label={label("metric")} htmlFor={name("metric")} problems={problems} path={name("metric")}>
            {text("metric", "sms")}
          </Field>
        )}
        {fields.includes("pricing") && (
          <Field label={label("pricing")} htmlFor={name("pricing")} problems={problems} path={name("pricing")}>
            <select
              id={name("pricing")}
              name={name("pricing")}
              className={selectClass}
              value={c.pricing}
              onChange={(e) => {
                const pricing = e.target.value as ComponentForm["pricing"]
                onChange({ ...c, pricing, tiers: pricing !== "flat" && !c.tiers.length ? [{ up_to: "", price: "" }] : c.tiers })
              }}
            >
              {(["flat", "tiered", "volume"] as const).map((p) => (
                <option key={p} value={p}>
                  {t(`${k}.pricing.${p}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {fields.includes("basis") && (
          <Field label={label("basis")} htmlFor={name("basis")} problems={problems} path={name("basis")}>
            <select id={name("basis")} name={name("basis")} className={selectClass} value={c.basis} onChange={(e) => set("basis", e.target.value as ComponentForm["basis"])}>
              <option value="minutes">{t(`${k}.basis.minutes`)}</option>
              <option value="calls">{t(`${k}.basis.calls`)}</option>
            </select>
          </Field>
        )}
        {fields.includes("included_quantity") && (
          <Field label={label("included_quantity")} htmlFor={name("included_quantity")} problems={problems} path={name("included_quantity")}>
            {text("included_quantity", "0")}
          </Field>
        )}
        {fields.includes("price") && (
          <Field label={label("price")} htmlFor={name("price")} problems={problems} path={name("price")}>
            {text("price", "0.00")}
          </Field>
        )}
        {fields.includes("default_quantity") && (
          <Field label={label("default_quantity")} htmlFor={name("default_quantity")} problems={problems} path={name("default_quantity")}>
            {text("default_quantity", c.type === "seat" || c.type === "addon" ? "0" : "1")}
          </Field>
        )}
        {fields.includes("direction") && (
          <Field label={label("direction")} htmlFor={name("direction")}>
            <select id={name("direction")} name={name("direction")} className={selectClass} value={c.direction} onChange={(e) => set("direction", e.target.value as ComponentForm["direction"])}>
              <option value="">{t(`${k}.direction.any`)}</option>
              <option value="outbound">{t(`${k}.direction.outbound`)}</option>
              <option value="inbound">{t(`${k}.direction.inbound`)}</option>
            </select>
          </Field>
        )}
        {fields.includes("destination_groups") && (
          <Field label={label("destination_groups")} htmlFor={name("destination_groups")} problems={problems} path={name("destination_groups")} hint={t(`${k}.groupsHint`)}>
            {text("destination_groups", "UK-FIXED, UK-MOBILE")}
          </Field>
        )}
      </div>

      {(fields.includes("in_arrears") || fields.includes("optional")) && (
        <div className="flex gap-x-6">
          {(["in_arrears", "optional"] as const)
            .filter((f) => fields.includes(f))
            .map((f) => (
              <label key={f} className="txt-compact-small flex items-center gap-x-2">
                <input type="checkbox" name={name(f)} checked={c[f]} onChange={(e) => set(f, e.target.checked)} />
                {t(`${k}.${f}`)}
              </label>
            ))}
        </div>
      )}

      {fields.includes("eligible_kinds") && (
        <div className="flex flex-col gap-y-1">
          <Text size="xsmall" weight="plus">
            {t(`${k}.eligibleKinds`)}
          </Text>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {ELIGIBLE_KINDS.map((kind) => (
              <label key={kind} className="txt-compact-small flex items-center gap-x-1">
                <input
                  type="checkbox"
                  name={`${name("eligible_kinds")}.${kind}`}
                  checked={c.eligible_kinds.includes(kind)}
                  onChange={(e) => set("eligible_kinds", e.target.checked ? [...c.eligible_kinds, kind] : c.eligible_kinds.filter((x) => x !== kind))}
                />
                {t(`${k}.lineKinds.${kind}`)}
              </label>
            ))}
          </div>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {t(`${k}.eligibleHint`)}
          </Text>
        </div>
      )}

      {fields.includes("tiers") && <TiersEditor index={i} tiers={c.tiers} problems={problems} onChange={(tiers) => set("tiers", tiers)} />}
    </div>
  )
}

/** Tiers in order; the last is open-ended ("and above"), so it has no bound. */
const TiersEditor = ({ index: i, tiers, problems, onChange }: { index: number; tiers: TierForm[]; problems: Problem[]; onChange: (t: TierForm[]) => void }) => {
  const { t } = useTranslation()
  const name = (j: number, f: string) => `components.${i}.tiers.${j}.${f}`
  const set = (j: number, f: keyof TierForm, v: string) => onChange(tiers.map((x, n) => (n === j ? { ...x, [f]: v } : x)))
  const tierProblem = problems.find((p) => p.path === `components.${i}.tiers`)
  return (
    <div className="flex flex-col gap-y-2" data-testid={`plan-tiers-${i}`}>
      <Text size="xsmall" weight="plus">
        {t(`${k}.tiers.title`)}
      </Text>
      {tiers.map((tier, j) => {
        const last = j === tiers.length - 1
        const from = j === 0 ? "0" : tiers[j - 1].up_to || "…"
        return (
          <div key={j} className="flex items-start gap-x-2" data-testid={`plan-tier-${i}-${j}`}>
            <Text size="small" className="text-ui-fg-subtle w-16 pt-1.5">
              {t(`${k}.tiers.from`, { from })}
            </Text>
            <Field label={t(`${k}.tiers.upTo`)} htmlFor={name(j, "up_to")} problems={problems} path={name(j, "up_to")} className="w-40">
              {last ? (
                <Text size="small" className="text-ui-fg-muted pt-1.5">
                  {t(`${k}.tiers.andAbove`)}
                </Text>
              ) : (
                <Input id={name(j, "up_to")} name={name(j, "up_to")} size="small" value={tier.up_to} onChange={(e) => set(j, "up_to", e.target.value)} />
              )}
            </Field>
            <Field label={t(`${k}.tiers.price`)} htmlFor={name(j, "price")} problems={problems} path={name(j, "price")} className="w-40">
              <Input id={name(j, "price")} name={name(j, "price")} size="small" value={tier.price} onChange={(e) => set(j, "price", e.target.value)} />
            </Field>
            <IconButton
              size="small"
              variant="transparent"
              type="button"
              className="mt-5"
              disabled={tiers.length === 1}
              onClick={() => onChange(tiers.filter((_, n) => n !== j))}
              aria-label={t(`${k}.tiers.remove`)}
              data-testid={`plan-tier-remove-${i}-${j}`}
            >
              <Trash />
            </IconButton>
          </div>
        )
      })}
      {tierProblem && (
        <Text size="xsmall" className="text-ui-fg-error">
          {t(`billing.errors.${tierProblem.key}`)}
        </Text>
      )}
      <div>
        <Button size="small" variant="transparent" type="button" onClick={() => onChange([...tiers, { up_to: "", price: "" }])} data-testid={`plan-tier-add-${i}`}>
          <Plus />
          {t(`${k}.tiers.add`)}
        </Button>
      </div>
    </div>
  )
}
