import { Context } from "@medusajs/framework/types"
import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/knex"
import { from as copyFrom } from "pg-copy-streams"
import { pipeline } from "stream/promises"
import { Readable } from "stream"
import CardAssignment from "./models/card-assignment"
import Rate from "./models/rate"
import RateCard from "./models/rate-card"
import RateCardVersion from "./models/rate-card-version"
import TimeProfile from "./models/time-profile"
import {
  CardInput,
  compileCard,
  CompiledCard,
  CompiledVersion,
  CompiledVersionCache,
  compileVersion,
  Direction,
  RateRowInput,
  VersionInput,
} from "./engine"
import { encodeRateRows, RATE_COPY_COLUMNS } from "./utils/copy-encode"


export type CreateVersionWithRatesInput = {
  rate_card_id: string
  rows: RateRowInput[]
  source_filename?: string | null
  source_sha256?: string | null
  notes?: string | null
  created_by?: string | null
}

export type PublishVersionResult = {
  version_id: string
  rate_card_id: string
  effective_from: Date
  effective_to: Date | null
  /** the version whose effective_to this publish closed, and its old value */
  closed: { id: string; effective_to: Date | null } | null
}

/** A card and its versions with their rows, uncompiled (see getCardSources). */
export type CardSource = { card: CardInput; versions: Array<{ version: VersionInput; rows: RateRowInput[] }> }

type VersionMeta = {
  id: string
  number: number
  rate_card_id: string
  effective_from: Date
  effective_to: Date | null
}

/**
 * Rate cards, their versions and rows, time profiles and card assignments.
 * Generated CRUD for people-edited entities; set-based SQL for the rows
 * (hundreds of thousands a deck) and a cache of compiled versions for rating.
 */
class RatingModuleService extends MedusaService({
  RateCard,
  RateCardVersion,
  Rate,
  TimeProfile,
  CardAssignment,
}) {
  /** Compiled versions by `${id}@${effective_to}`; a publish also drops them. */
  protected readonly compiled_ = new CompiledVersionCache(64)

  /**
   * Creates a draft version holding `rows` in one transaction: the rows are
   * streamed with COPY, so a failure leaves neither the version nor a row.
   */
  @InjectTransactionManager()
  async createVersionWithRates(
    input: CreateVersionWithRatesInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; number: number; row_count: number; rate_card_id: string }> {
    const trx = (sharedContext.transactionManager as SqlEntityManager).getTransactionContext()!

    const card = await trx("call_billing_rate_card")
      .select("id")
      .where({ id: input.rate_card_id })
      .whereNull("deleted_at")
      .forUpdate()
      .first()
    if (!card) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Rate card with id: ${input.rate_card_id} was not found`
      )
    }

    // numbers are never reused, not even after a draft was deleted
    const { next } = await trx("call_billing_rate_card_version")
      .where({ rate_card_id: input.rate_card_id })
      .select(trx.raw("coalesce(max(number), 0) + 1 as next"))
      .first()

    const id = generateEntityId(undefined, "rcver")
    await trx("call_billing_rate_card_version").insert({
      id,
      rate_card_id: input.rate_card_id,
      number: next,
      status: "draft",
      row_count: input.rows.length,
      source_filename: input.source_filename ?? null,
      source_sha256: input.source_sha256 ?? null,
      notes: input.notes ?? null,
      created_by: input.created_by ?? null,
    })

    if (input.rows.length) {
      const connection = await (trx as any).client.acquireConnection()
      const copy = connection.query(
        copyFrom(`COPY call_billing_rate (${RATE_COPY_COLUMNS.join(", ")}) FROM STDIN`)
      )
      await pipeline(Readable.from(encodeRateRows(id, input.rows)), copy)
    }

    return { id, number: Number(next), row_count: input.rows.length, rate_card_id: input.rate_card_id }
  }

  /**
   * Publishes a draft: it becomes effective from `effective_from` until the
   * next published version (if one starts later); the version in force
   * before it is closed at `effective_from`. Locked on the card.
   */
  @InjectTransactionManager()
  async publishVersion(
    versionId: string,
    effectiveFrom: Date,
    publishedBy: string | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<PublishVersionResult> {
    const trx = (sharedContext.transactionManager as SqlEntityManager).getTransactionContext()!
    const version = await trx("call_billing_rate_card_version")
      .where({ id: versionId })
      .whereNull("deleted_at")
      .first()
    if (!version) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Rate card version with id: ${versionId} was not found`
      )
    }
    await trx("call_billing_rate_card").where({ id: version.rate_card_id }).forUpdate().first()
    // re-read under the lock: a concurrent publish may have got there first
    const current = await trx("call_billing_rate_card_version").where({ id: versionId }).first()
    if (current.status !== "draft") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Rate card version ${current.number} is already published; published versions are immutable`
      )
    }
    if (!current.row_count) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Rate card version ${current.number} has no rates and cannot be published`
      )
    }

    const published = trx("call_billing_rate_card_version")
      .where({ rate_card_id: version.rate_card_id, status: "published" })
      .whereNull("deleted_at")
    const same = await published.clone().where("effective_from", effectiveFrom).first()
    if (same) {
      // DUPLICATE_ERROR (422) keeps this message; CONFLICT answers a generic one
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        `Version ${same.number} of this card is already effective from ${effectiveFrom.toISOString()}`
      )
    }
    const previous = await published
      .clone()
      .where("effective_from", "<", effectiveFrom)
      .orderBy("effective_from", "desc")
      .first()
    const next = await published
      .clone()
      .where("effective_from", ">", effectiveFrom)
      .orderBy("effective_from", "asc")
      .first()

    let closed: PublishVersionResult["closed"] = null
    if (previous && (previous.effective_to === null || previous.effective_to > effectiveFrom)) {
      closed = { id: previous.id, effective_to: previous.effective_to }
      await trx("call_billing_rate_card_version")
        .where({ id: previous.id })
        .update({ effective_to: effectiveFrom, updated_at: trx.fn.now() })
      this.compiled_.invalidate(previous.id)
    }
    const effectiveTo: Date | null = next ? next.effective_from : null
    await trx("call_billing_rate_card_version").where({ id: versionId }).update({
      status: "published",
      effective_from: effectiveFrom,
      effective_to: effectiveTo,
      published_at: trx.fn.now(),
      published_by: publishedBy,
      updated_at: trx.fn.now(),
    })
    this.compiled_.invalidate(versionId)

    return {
      version_id: versionId,
      rate_card_id: version.rate_card_id,
      effective_from: effectiveFrom,
      effective_to: effectiveTo,
      closed,
    }
  }

  /** Undoes {@link publishVersion}: the compensation of the publish step. */
  @InjectTransactionManager()
  async revertPublication(
    result: PublishVersionResult,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const trx = (sharedContext.transactionManager as SqlEntityManager).getTransactionContext()!
    await trx("call_billing_rate_card_version").where({ id: result.version_id }).update({
      status: "draft",
      effective_from: null,
      effective_to: null,
      published_at: null,
      published_by: null,
    })
    if (result.closed) {
      await trx("call_billing_rate_card_version")
        .where({ id: result.closed.id })
        .update({ effective_to: result.closed.effective_to })
      this.compiled_.invalidate(result.closed.id)
    }
    this.compiled_.invalidate(result.version_id)
  }

  /**
   * Deletes draft versions: their rows are removed, the version row is kept
   * soft-deleted so its number is never given again.
   */
  @InjectTransactionManager()
  async destroyVersions(ids: string[], @MedusaContext() sharedContext: Context = {}) {
    const trx = (sharedContext.transactionManager as SqlEntityManager).getTransactionContext()!
    await trx("call_billing_rate").whereIn("version_id", ids).delete()
    await trx("call_billing_rate_card_version")
      .whereIn("id", ids)
      .update({ deleted_at: trx.fn.now(), row_count: 0 })
    ids.forEach((id) => this.compiled_.invalidate(id))
  }

  /** Every row of a version, ordered by prefix, band, direction, values exactly as stored. */
  @InjectManager()
  async listVersionRows(
    versionId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RateRowInput[]> {
    const knex = (sharedContext.manager as SqlEntityManager).getKnex()
    const rows = await knex("call_billing_rate")
      .select(
        "id",
        "prefix",
        "destination",
        "destination_group",
        knex.raw("rate::text as rate"),
        knex.raw("connect_fee::text as connect_fee"),
        knex.raw("per_call::text as per_call"),
        "initial_increment",
        "subsequent_increment",
        "grace",
        "band",
        "direction"
      )
      .where({ version_id: versionId })
      .whereNull("deleted_at")
      .orderBy([{ column: "prefix" }, { column: "band" }, { column: "direction" }])
    return rows
  }

  /**
   * The card ids that rate `direction` calls of an account, most specific
   * first (RATING.md §3.1): overrides by priority, the account's card, the
   * system default. `accountId` null gives the system default only.
   */
  @InjectManager()
  async resolveCardOrder(
    accountId: string | null,
    direction: Direction,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Array<{ rate_card_id: string; scope: "override" | "account" | "system"; priority: number }>> {
    const knex = (sharedContext.manager as SqlEntityManager).getKnex()
    const rows = await knex("call_billing_card_assignment")
      .select("rate_card_id", "scope", "priority")
      .whereNull("deleted_at")
      .andWhere({ direction })
      .andWhere((q) => {
        q.where("scope", "system")
        if (accountId) {
          q.orWhere((q2) => q2.where("account_id", accountId).whereIn("scope", ["account", "override"]))
        }
      })
      .orderByRaw(
        "case scope when 'override' then 0 when 'account' then 1 else 2 end, priority asc, created_at asc"
      )
    return rows
  }

  /**
   * Compiled cards, in the order given, holding the published versions that
   * overlap `[from, to]`. Compiled versions are cached by id and end date.
   */
  @InjectManager()
  async getCompiledCards(
    cardIds: string[],
    window: { from: Date; to: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CompiledCard[]> {
    const result: CompiledCard[] = []
    for (const { card, versions } of await this.cardsInWindow_(cardIds, window, sharedContext)) {
      const compiled: CompiledVersion[] = []
      for (const v of versions) compiled.push(await this.compiledVersion(v, sharedContext))
      result.push(compileCard(card, compiled))
    }
    return result
  }

  /**
   * What `getCompiledCards` compiles, as plain data: each card with its
   * published versions overlapping `[from, to]` and their rows. For a
   * thread that rates on its own (the file import's worker): it compiles
   * them there with the engine's `compileVersion` and `compileCard`.
   *
   * @example
   * const [{ card, versions }] = await rating.getCardSources(["rcard_1"], { from, to })
   * compileCard(card, versions.map((v) => compileVersion(v.version, v.rows)))
   */
  @InjectManager()
  async getCardSources(
    cardIds: string[],
    window: { from: Date; to: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CardSource[]> {
    const out: CardSource[] = []
    for (const { card, versions } of await this.cardsInWindow_(cardIds, window, sharedContext)) {
      const loaded: CardSource["versions"] = []
      for (const v of versions) loaded.push({ version: versionInput(v), rows: await this.listVersionRows(v.id, sharedContext) })
      out.push({ card, versions: loaded })
    }
    return out
  }

  /** The cards (in the order given; missing ones left out) and their published versions overlapping the window. */
  protected async cardsInWindow_(
    cardIds: string[],
    window: { from: Date; to: Date },
    sharedContext: Context
  ): Promise<Array<{ card: CardInput; versions: VersionMeta[] }>> {
    if (!cardIds.length) {
      return []
    }
    const knex = (sharedContext.manager as SqlEntityManager).getKnex()
    const cards = await knex("call_billing_rate_card as c")
      .leftJoin("call_billing_time_profile as p", function () {
        this.on("p.id", "=", "c.time_profile_id").andOnNull("p.deleted_at")
      })
      .select(
        "c.id",
        "c.code",
        "c.name",
        "c.kind",
        "c.currency_code",
        "c.decimals",
        "c.rounding",
        "c.direction",
        "c.carrier",
        "c.charge_unanswered",
        "p.rules",
        "p.holidays"
      )
      .whereIn("c.id", cardIds)
      .whereNull("c.deleted_at")
    const versions: VersionMeta[] = await knex("call_billing_rate_card_version")
      .select("id", "number", "rate_card_id", "effective_from", "effective_to")
      .whereIn("rate_card_id", cardIds)
      .where("status", "published")
      .whereNull("deleted_at")
      .where("effective_from", "<=", window.to)
      .andWhere((q) => q.whereNull("effective_to").orWhere("effective_to", ">", window.from))
      .orderBy("effective_from", "asc")

    const byId = new Map(cards.map((c: any) => [c.id, c]))
    const result: Array<{ card: CardInput; versions: VersionMeta[] }> = []
    for (const cardId of cardIds) {
      const c: any = byId.get(cardId)
      if (!c) {
        continue
      }
      const input: CardInput = {
        id: c.id,
        name: c.name,
        kind: c.kind,
        currency: c.currency_code,
        decimals: c.decimals,
        rounding: c.rounding,
        direction: c.direction,
        carrier: c.carrier,
        charge_unanswered: c.charge_unanswered,
        time_profile: c.rules ? { rules: c.rules, holidays: c.holidays ?? [] } : null,
      }
      result.push({ card: input, versions: versions.filter((v) => v.rate_card_id === cardId) })
    }
    return result
  }

  /** Ids of buy cards serving a direction (for cost and least-cost routing). */
  @InjectManager()
  async listBuyCardIds(
    direction: Direction,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const knex = (sharedContext.manager as SqlEntityManager).getKnex()
    const rows = await knex("call_billing_rate_card")
      .select("id")
      .where("kind", "buy")
      .whereIn("direction", [direction, "both"])
      .whereNull("deleted_at")
      .orderBy("code")
    return rows.map((r: any) => r.id)
  }

  /** Drops compiled versions from the cache (a publish elsewhere, a test). */
  invalidateCompiled(versionIds?: string[]) {
    if (!versionIds) {
      this.compiled_.clear()
      return
    }
    versionIds.forEach((id) => this.compiled_.invalidate(id))
  }

  protected async compiledVersion(v: VersionMeta, sharedContext: Context): Promise<CompiledVersion> {
    const key = `${v.id}@${v.effective_to ? new Date(v.effective_to).getTime() : "open"}`
    const hit = this.compiled_.get(key)
    if (hit) {
      return hit
    }
    const rows = await this.listVersionRows(v.id, sharedContext)
    const compiled = compileVersion(versionInput(v), rows)
    this.compiled_.set(key, compiled)
    return compiled
  }
}

function versionInput(v: VersionMeta): VersionInput {
  return { id: v.id, number: v.number, effective_from: new Date(v.effective_from), effective_to: v.effective_to ? new Date(v.effective_to) : null }
}

export default RatingModuleService
