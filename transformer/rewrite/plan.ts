/**
 * Deciding what to rewrite in one file, before touching it: which task calls become submissions, which stay
 * direct calls (and why), and which identifier references need a wait first.
 *
 * The rules, all chosen so that the transformed program prints what the sequential one does:
 * - A call becomes a submission when each object argument is something the transformer can follow:
 *   a Future (the result of another submitted call, alone or gathered in an array), or a variable of this file
 *   (not exported) whose every use it can see and that never escapes (stored elsewhere, returned, aliased).
 *   Any other object may be passed as `in`: it is then snapshotted afresh at the call. As `inout`/`out` the call is
 *   fenced (fences.ts): submitted, and waited for before the first code that may look at an object of the types it
 *   writes; where no such point can be placed, it stays direct.
 * - Every other use of a followed variable waits first: `waitOn` for a read, `written` when the use may change
 *   it (so later tasks see the change). Futures are waited for where their value is used.
 * - Calls inside task bodies stay direct: in a worker they run inline anyway.
 */
import { taskFileAccess } from './lasting-effects';
import { triesAroundTaskRunners } from './task-runners';
import { ownChainsIn } from './own-chains';
import { capturedWaitsInTries, failureChecks } from './failure-checks';
import type * as ts from 'typescript';
import { isNamespaceImport, isPrimitiveNode, symbolOf, type AnalysisContext, type FunctionLike } from '../analysis/context';
import type { TaskInfo } from '../analysis/discover';
import { reasonAt, snippet, type Reason } from '../analysis/reason';
import type { Summaries } from '../analysis/summaries';
import { inConstantTable } from '../analysis/literal-members';
import { isArgumentOf, isDeclarationName, skipTransparent, withWrappers } from './syntax';
import { outerStoresOf } from './outer-stores';
import { gathersTaskValues } from './gathering-arrays';
import { Containers } from './containers';
import { isLateEscape } from './late-escapes';
import { returnedAfterItsUses, usedLastHere } from './returned-locals';
import { freshNameUsedOnce, isFresh } from './fresh';
import { findResumptions } from './resumptions';
import { planTurns } from './turns';
import { keepOuterWritesFromParameters } from './outer-written-parameters';
import { AliasGroups } from './aliases';
import { ClosedFunctions } from './parameters';
import { UseClassifier } from './uses';
import { FileFacts } from './file-facts';
import { Followability } from './followability';
import { FutureFlow } from './futures';
import { ParameterWaits, type ParameterPlanner } from './parameter-waits';
import { CallBlockers, type BlockerPlanner } from './call-blockers';
import { deferWaits } from './deferred-waits';
import { Placements } from './placements';
import { planFences } from './fences';
import { carriedCalls } from './carried-fences';
import { processChangingStatements } from './process-changes';
import { mapCallTaking, mappedForwarders } from './mapped-tasks';
import { keptStateWaits } from './kept-state-waits';
import { emptyFilePlan, type FilePlan } from './file-plan';
import { PrivateFields } from './private-fields';
import { privateContainer } from './private-containers';



export function planFile(ctx: AnalysisContext, summaries: Summaries, tasks: ReadonlyMap<FunctionLike, TaskInfo>, source: ts.SourceFile): FilePlan {
  return new Planner(ctx, summaries, tasks, source).run();
}
class Planner implements ParameterPlanner, BlockerPlanner {
  private readonly ts: typeof ts;
  readonly plan: FilePlan = emptyFilePlan();
  readonly facts: FileFacts;
  /** Object variables passed to submitted calls: every other use of them waits. */
  readonly followed = new Set<ts.Symbol>();
  /** Variables found to escape: never followed again in this file (their `in` uses take snapshots). */
  private readonly escaped = new Set<ts.Symbol>();
  /** Of those, the ones whose only escape is being put in a container the plan follows as a variable (`[r]` of `rows = [r]`). */
  private readonly placedOnly = new Set<ts.Symbol>();
  /** Escapes after the last task call on their object (late-escapes.ts), found this round. */
  private readonly lateEscapes = new Set<ts.Identifier>();
  private readonly directCalls = new Set<ts.CallExpression>();
  /** Calls that could not be fenced, and why: decided once (see fences.ts). */
  private readonly unfenceable = new Map<ts.CallExpression, Reason>();
  /** The plan did not settle in its rounds: no call of the file is submitted, mapped or forwarded (giveUp). */
  private gaveUp = false;
  readonly containers: Containers;
  readonly aliases: AliasGroups;
  private readonly placements: Placements;
  readonly parameters: ClosedFunctions;
  private readonly followability: Followability;
  readonly futures: FutureFlow;
  private readonly blockers: CallBlockers;
  private readonly parameterWaits: ParameterWaits;
  private readonly uses: UseClassifier;
  /** Private fields followed as variables are (private-fields.ts). */
  readonly fields: PrivateFields;
  /** Arrays given task values (gathering-arrays.ts gathersTaskValues), asked once each. */
  private readonly gathering = new Map<ts.Symbol, boolean>();
  private gathers(symbol: ts.Symbol): boolean {
    let known = this.gathering.get(symbol);
    if (known === undefined) { known = gathersTaskValues(this.facts, symbol); this.gathering.set(symbol, known); }
    return known;
  }

  constructor(private readonly ctx: AnalysisContext, summaries: Summaries,
    private readonly tasks: ReadonlyMap<FunctionLike, TaskInfo>, private readonly source: ts.SourceFile) {
    this.ts = ctx.ts;
    this.facts = new FileFacts(ctx, tasks, source, summaries);
    this.aliases = new AliasGroups(ctx, source, {
      isFileLocal: (id) => this.facts.isFileLocal(id), returnedArgument: (call) => this.facts.returnedArgument(call, true),
      heldArguments: (call) => this.facts.heldArguments(call), nodes: this.facts.declarationsAssignmentsAndCalls,
      passedWhole: (symbol) => this.facts.passedWhole().has(symbol), gathersTaskValues: (symbol) => this.gathers(symbol),
      outerStores: (call, arg) => outerStoresOf(ctx, summaries, call, arg), isTaskCall: (call) => this.facts.taskOf(call) !== undefined,
      isFresh: (value) => this.isFresh(value),
    });
    this.parameters = new ClosedFunctions(ctx, tasks);
    this.placements = new Placements(ctx, source, (id) => this.facts.isFileLocal(id), this.facts.declarationsAssignmentsAndCalls);
    this.followability = new Followability(this.facts, this.aliases, this.parameters, this.placements);
    this.uses = new UseClassifier(ctx, summaries, this.aliases, {
      // (A name given up on only for being put in a container followed as a variable still hands its object to its
      // second names in plain sight: `x: r` of `holder = { x: r }` stays a second name, not an escape.)
      isFollowable: (symbol) => this.isFollowable(symbol) || (this.placedOnly.has(symbol) && this.followability.isFollowable(symbol)),
      isSubmission: (call) => this.plan.submissions.has(call),
      readsArgumentAt: (call, arg) => this.facts.forwarders.readsArgument(call, arg),
      placementUse: (ref) => this.placements.useAt(ref, this.containers),
      returnedAfterItsUses: (ref) => returnedAfterItsUses(ctx, ref, (symbol) => this.facts.references(symbol), (symbol) => this.namesReaching(symbol)),
      usedLastHere: (ref) => usedLastHere(ctx, ref, (symbol) => this.facts.references(symbol), (symbol) => this.namesReaching(symbol)),
    });
    this.containers = new Containers({
      ctx, uses: this.uses, aliases: this.aliases,
      references: (symbol) => this.facts.references(symbol),
      isFollowable: (symbol) => this.isFollowable(symbol),
      isFresh: (expr) => this.isFresh(expr),
      isSubmission: (call) => this.plan.submissions.has(call),
      holdsNoArgument: (call) => this.facts.holdsNoArgument(call),
      isPlacedLeaf: (ref) => {
        const symbol = symbolOf(this.ctx, ref);
        return this.placements.holderAt(ref) !== undefined && symbol !== undefined && this.isFollowable(symbol);
      },
    });
    this.futures = new FutureFlow(this.facts, this.plan, this.containers, this.aliases, (call) => this.isPendingSubmission(call));
    this.parameterWaits = new ParameterWaits(this);
    this.blockers = new CallBlockers(this);
    this.fields = new PrivateFields(this.facts);
  }

  run(): FilePlan {
    const calls = this.facts.taskCalls();
    // Decide calls in order; a call demoted to direct can turn others direct (their Futures no longer exist), so repeat.
    // Every round that repeats gives something up for good (a call kept direct, a container or a name no longer
    // followed), so the loop ends; the bound turns a bug that broke that into sequential calls, not a hung build.
    const limit = roundLimit(calls.length);
    let changed = true;
    for (let round = 1; changed; round++) {
      if (round > limit + 1) break;
      if (round > limit) this.giveUp(calls, limit);
      changed = false;
      this.futures.clear(); this.followed.clear(); this.lateEscapes.clear();
      this.plan.submissions.clear(); this.plan.promised.clear(); this.plan.freshSnapshots.clear(); this.plan.waitedAtCall.clear(); this.plan.returnsArgument.clear();
      this.plan.splitCallbacks.clear(); this.plan.mapsWaitedWhole.clear(); this.plan.splitLoops.clear(); this.plan.fenced.clear(); this.plan.handedOn.clear();
      this.plan.runsAhead.clear();
      this.containers.newRound();
      this.fields.newRound();
      for (const [call, task] of calls) {
        if (this.directCalls.has(call) || (task.forwards && !this.facts.taskOf(call))) continue;
        const why = this.blockers.blocker(call, task);
        if (why) { this.plan.fenced.delete(call); this.keepDirect(call, task, why); changed = true; break; }
        this.plan.submissions.set(call, task);
        this.futures.recordResult(call);
      }
      if (changed) continue;
      // A loop split in two passes submits every task call of its body in the first: each must be a submission.
      for (const split of this.plan.splitLoops.values()) {
        if (split.taskCalls.every((c) => this.plan.submissions.has(c) || !this.facts.taskOf(c))) continue;
        this.futures.refusedSplits.add(split.loop);
        changed = true;
      }
      if (changed) continue;
      this.placements.link(this.followed, this.containers, (symbol) => this.follow(symbol), (symbol) => this.aliases.groupOf(symbol));
      // Followed variables must not escape anywhere in the file.
      for (const symbol of this.followed) {
        const escapes = this.escapingUses(symbol, () => false, (ref) => this.escapesLate(ref, symbol), false);
        if (escapes.length === 0) continue;
        // (Of the names that may hold what it holds: `a` of `for (const x of [a, e])` does not hold e's object.)
        const sharing = this.aliases.sharingObjectWith(symbol);
        // Its containers (`const all = [A, B]`) reach it too, and a call given such a container whole may write the
        // object where other code sees it (np49's F1: `rows = [r]`, `new Map([['k', r]])`, `pushTo(rows, 1)`, then
        // `m.get('k')!.push(5)` was lost to the task's copy-back): unless each escape is only being put in a container
        // the plan follows as a variable (`[r]` of `rows = [r]`), one that does not escape itself (`q = [r]; stash(q)`).
        const outOfSight = escapes.find(({ ref }) => {
          const placedIn = this.placements.holderAt(ref);
          return placedIn === undefined || !this.isFollowable(placedIn) || this.escapeOf(placedIn) !== undefined;
        });
        const escape = (outOfSight ?? escapes[0]).why;
        const holders = sharing.flatMap((member) => this.placements.holdersOf(member));
        // (The containers' elements' calls are decided again.)
        for (const holder of holders) {
          const root = this.containers.rootOfSymbol(holder);
          if (root) { this.containers.reject(root, escape); changed = true; }
        }
        const group = !outOfSight ? sharing : this.withContainers(sharing, (holder) => this.aliases.sharingObjectWith(holder));
        // Not followed from now on: the calls given it are decided again. One that only reads it takes a snapshot; any
        // other is fenced (fences.ts: the object is written where every name of it sees the change), or stays direct.
        // A name that escaped before and is followed again (placed in a container the plan follows) keeps them direct.
        const again = group.every((member) => this.escaped.has(member));
        for (const member of group) {
          if (!this.escaped.has(member) && !outOfSight) this.placedOnly.add(member);
          else if (outOfSight) this.placedOnly.delete(member);
          this.escaped.add(member);
        }
        for (const [call, task] of this.plan.submissions) {
          const reached = this.argumentSymbols(call);
          if (group.some((member) => reached.has(member))) {
            if (again && !this.passesOnlyIn(call, task, group)) this.keepDirect(call, task, escape);
            changed = true;
          }
        }
        if (changed) break;
      }
      if (changed) continue;
      changed = this.fields.findEscape((ref) => this.uses.valueUse(ref)) || this.parameterWaits.dropFruitlessParameters() || this.parameterWaits.sealParameterFunctions();
      if (changed) continue;
      // So must containers whose elements were passed or gathered; one that cannot be followed is decided again.
      for (const root of this.containers.relied()) {
        const why = this.followed.has(root)
          ? reasonAt(root.valueDeclaration!, `\`${root.name}\` is also passed whole to a task that writes it`)
          : this.containers.escapeOf(root);
        if (why) { this.containers.reject(root, why); changed = true; }
      }
      if (!changed) changed = this.placeFences();
      // (Last: asked of the calls left as plain submissions, each container and fence decided.)
      if (!changed) changed = keepOuterWritesFromParameters(this);
    }
    this.planWaits();
    this.plan.settles = processChangingStatements(this.ctx, this.source);
    // The program's uses of kept state tasks change (a module object, never a followed variable of this file).
    for (const [ref, wrap] of keptStateWaits(this.tasks).get(this.source.fileName) ?? []) this.plan.wraps.set(ref, wrap);
    this.parameterWaits.planExitWaits();
    this.planResumptions();
    if (this.tasks.size > 0) planTurns(this.facts, this.plan);
    this.planTries();
    this.noteTasksPassedAsValues();
    if (this.facts.tasks.size > 0 && !this.gaveUp) this.plan.mappedForwarders = mappedForwarders(this.facts);
    for (const task of new Set([...this.plan.submissions.values(), ...this.plan.mappedTasks.values()])) {
      const access = taskFileAccess(this.facts, task.fn);
      if (access) this.plan.fileAccess.set(task, access);
    }
    return this.plan;
  }

  /**
   * `texts.forEach(wordCount)`, `parts.map(K.sum)`: a task handed to other code as a function runs where that code
   * calls it, in this thread. Nothing to rewrite, but explain should say so, with the form that makes each call a
   * task. An array's `map` is rewritten to submit it per element where that changes nothing else (mapped-tasks.ts):
   * for a name of the task or a module's member (`import * as K`, `import K = require(…)`), not another object's
   * property, which the program may set to something else.
   */
  private noteTasksPassedAsValues(): void {
    const { ts } = this;
    const values: [ts.Expression, TaskInfo, boolean][] = [];
    for (const symbol of this.facts.taskSymbols()) {
      const task = this.facts.taskNamed(symbol)!;
      for (const ref of this.facts.references(symbol)) values.push([ref, task, true]);
    }
    for (const member of this.facts.memberArguments) {
      const symbol = symbolOf(this.ctx, member.name);
      const task = symbol && this.facts.taskNamed(symbol);
      if (task) values.push([member, task, isNamespaceImport(this.ctx, skipTransparent(ts, member.expression))]);
    }
    for (const [value, task, mappable] of values) {
      const call = withWrappers(ts, value).parent;
      if (this.facts.enclosingTask(call)) continue;
      if (!isArgumentOf(ts, call, value)) {
        // `countEq.bind(null, t)`, `{ scale }`: calls through that value run the function itself too (explain notes it).
        // (Not a name in a constant table, `export default { dot }`: calls through it are calls of the name.)
        if (isValueUse(ts, value) && !inConstantTable(this.ctx, value)) this.plan.takenAsValues.set(value, task);
        continue;
      }
      const mapped = mappable && !this.gaveUp ? mapCallTaking(this.facts, value, task) : undefined;
      if (mapped) { this.plan.mappedTasks.set(mapped, task); continue; }
      if (task.runsInPlace) { this.plan.direct.push({ call, task, why: reasonAt(value, task.runsInPlace) }); continue; }
      // The same positional arguments, so the arrow function means what passing the task did.
      const params = task.params.map((p) => p.name).join(', ');
      this.plan.direct.push({ call, task, why: reasonAt(value, `task ${task.name} is passed as a function (\`${snippet(call)}\`), so each call runs in this thread; ` +
        `pass \`(${params}) => ${value.getText()}(${params})\` instead to make each call a task`) });
    }
  }

  /** The plan did not settle: every call runs directly, as in the plain program (explain says why). */
  private giveUp(calls: readonly [ts.CallExpression, TaskInfo][], limit: number): void {
    this.gaveUp = true;
    for (const [call, task] of calls) {
      if (this.directCalls.has(call)) continue;
      this.keepDirect(call, task, reasonAt(call, `the plan of this file did not settle in ${limit} round${limit === 1 ? '' : 's'}, so its task ` +
        'calls run in this thread (a taskify bug: please report it with this file)'));
    }
  }

  /** Fences for the fenced submissions; a call none can be placed for is decided again (it will stay direct). */
  private placeFences(): boolean {
    if (this.plan.fenced.size === 0) return false;
    // (A forwarder's planned call runs its body here, which may read what fenced tasks write, `twice(this.acc.count)`:
    // observed as the program's own call, np62's min-forwarder-method-field.)
    const submittedTask = (call: ts.CallExpression) => { const task = this.plan.submissions.get(call); return task !== undefined && task.forwards === undefined; };
    const { plan, refused } = planFences(this.ctx, this.plan.fenced, submittedTask,
      (expr) => privateContainer(this.facts, expr) !== undefined, (fn) => carriedCalls(this.facts, fn));
    for (const [call, why] of refused) this.unfenceable.set(call, why);
    this.plan.fences = plan;
    return refused.size > 0;
  }

  /** Why a call whose written object the plan cannot follow cannot be fenced either (or undefined: fence it). */
  unfenceableWhy(call: ts.CallExpression): Reason | undefined { return this.unfenceable.get(call); }

  keepDirect(call: ts.CallExpression, task: TaskInfo, why: Reason): void {
    this.directCalls.add(call);
    // A forwarder kept direct anywhere, or whose task call is, forwards nowhere: plain calls from the next round on.
    this.facts.forwarders.demote(call, task);
    this.plan.direct.push({ call, task, why });
  }

  /** A nested task call not decided yet (inner calls are decided after outer ones in source order). */
  private isPendingSubmission(call: ts.CallExpression): boolean {
    const task = this.facts.taskOf(call);
    return task !== undefined && !this.directCalls.has(call) && this.blockers.blocker(call, task) === undefined;
  }

  isFollowable(symbol: ts.Symbol): boolean { return !this.escaped.has(symbol) && this.followability.isFollowable(symbol); }

  /**
   * The names that may reach the object: its group, and the containers placing any of them with their groups (`rows`
   * of `rows = [r]`, which a task may be given after r's last use by name: np49's x-read-j).
   */
  private namesReaching(symbol: ts.Symbol): readonly ts.Symbol[] {
    return this.withContainers(this.aliases.groupOf(symbol), (holder) => this.aliases.groupOf(holder));
  }

  /** `names` and the containers placing any of them, each with the names `namesOf` gives it. */
  private withContainers(names: readonly ts.Symbol[], namesOf: (holder: ts.Symbol) => readonly ts.Symbol[]): readonly ts.Symbol[] {
    const holders = names.flatMap((member) => this.placements.holdersOf(member));
    return holders.length === 0 ? names : [...new Set([...names, ...holders.flatMap(namesOf)])];
  }

  /** Every argument of the call that names one of these symbols is passed to an `in` parameter. */
  passesOnlyIn(call: ts.CallExpression, task: TaskInfo, group: readonly ts.Symbol[]): boolean {
    return call.arguments.every((written, i) => {
      const symbol = this.argumentSymbol(written);
      return !symbol || !group.includes(symbol) || task.params[Math.min(i, task.params.length - 1)]?.direction === 'in';
    });
  }

  isFresh(expr: ts.Expression): boolean { return isFresh(this.ctx, expr, (id) => freshNameUsedOnce(this.ctx, id, (s) => this.facts.references(s))); }

  /** Follow the object and every name that may hold it (see aliases.ts). */
  follow(symbol: ts.Symbol): void {
    for (const member of this.aliases.groupOf(symbol)) this.followed.add(member);
  }

  /** The symbols a call's arguments name (a view names its base), but not those snapshotted at the call. */
  argumentSymbols(call: ts.CallExpression): Set<ts.Symbol> {
    const symbols = new Set<ts.Symbol>();
    for (const written of call.arguments) {
      if (this.plan.freshSnapshots.has(written)) continue; // snapshotted at the call: it relies on nothing being followed
      const s = this.argumentSymbol(written);
      if (s) symbols.add(s);
    }
    return symbols;
  }

  /** The variable an argument names (a view names its base). */
  private argumentSymbol(written: ts.Expression): ts.Symbol | undefined {
    const arg = skipTransparent(this.ts, written);
    const id = this.ts.isIdentifier(arg) ? arg : this.aliases.viewBase(arg);
    return id && symbolOf(this.ctx, id);
  }

  // ── escapes and waits ────────────────────────────────────────────────────────

  /** The first use of a followed object that lets a reference to it out of the transformer's sight. */
  escapeOf(symbol: ts.Symbol, skip: (ref: ts.Identifier) => boolean = () => false): Reason | undefined {
    return this.escapingUses(symbol, skip, undefined, true)[0]?.why;
  }

  /** Those uses with their references (all, or with `first` only the first), but the late ones (escapesLate). */
  private escapingUses(symbol: ts.Symbol, skip: (ref: ts.Identifier) => boolean, late: ((ref: ts.Identifier) => boolean) | undefined,
    first: boolean): { ref: ts.Identifier; why: Reason }[] {
    const found: { ref: ts.Identifier; why: Reason }[] = [];
    for (const ref of this.facts.references(symbol)) {
      // (`return out` of a forwarder that made it: its callers follow what it returns, forwarders.ts.)
      if (skip(ref) || this.facts.forwarders.handsOut(ref)) continue;
      const use = this.uses.classify(ref);
      if (use.kind !== 'escape' || late?.(ref)) continue;
      found.push({ ref, why: reasonAt(ref, `\`${ref.text}\` escapes (${use.why}): \`${snippet(ref.parent)}\``) });
      if (first) break;
    }
    return found;
  }

  /**
   * An escape after every task call on the group, at top level (late-escapes.ts): it waits there for all the tasks
   * wrote inside the object instead (planWaits), and the calls stay submitted. Not for an object a container holds.
   */
  private escapesLate(ref: ts.Identifier, symbol: ts.Symbol): boolean {
    if (this.placements.holdersOf(symbol).length > 0) return false;
    const group = this.aliases.groupOf(symbol);
    const calls = [...this.plan.submissions.keys()].filter((call) => { const reached = this.argumentSymbols(call); return group.some((member) => reached.has(member)); });
    if (!isLateEscape(this.facts, ref, calls, group)) return false;
    this.lateEscapes.add(ref);
    return true;
  }

  private planWaits(): void {
    // (A maker written as a map's callback hands out its objects pending: the map's value is waited for whole.)
    for (const map of this.facts.forwarders.mappedMakers()) if (!this.plan.mapsWaitedWhole.has(map)) this.plan.mapsWaitedWhole.set(map, 'waitAll');
    for (const [record, task] of this.facts.forwarders.heldRecords()) {
      this.plan.heldRecords.add(record);
      if (task.claims) this.plan.handedOn.set(record, task.claims.self);
    }
    for (const root of this.containers.relied()) {
      const { refs, elements } = this.containers.waitsOf(root);
      for (const [ref, wrap] of refs) this.plan.wraps.set(ref, wrap);
      for (const [element, wrap] of elements) this.plan.elementWraps.set(element, wrap);
    }
    for (const symbol of this.followed) {
      for (const ref of this.facts.references(symbol)) {
        if (this.facts.forwarders.handsOut(ref)) {
          // (its callers wait for it: forwarders.ts; one that claims its calls hands it on waited for when unclaimed.)
          const claims = this.facts.forwarders.returnsFrom(ref)?.claims;
          if (claims) this.plan.handedOn.set(ref, claims.self);
          continue;
        }
        const use = this.uses.classify(ref);
        // A record of followed objects: nothing is pending on the record itself, only on what its fields hold.
        // (Or of a name that handed a part to another name: a task given the part may have changed it: aliases.ts.)
        const record = this.aliases.isHolder(symbol);
        const holder = record || this.aliases.handsOutParts(symbol);
        if (use.kind === 'read') this.plan.wraps.set(ref, holder ? 'waitFields' : 'wait');
        else if (use.kind === 'write') this.plan.wraps.set(ref, holder && !this.aliases.isSlotStore(ref) ? 'writtenFields' : 'written');
        // (Only as deep as the parts it handed out lie.)
        const depth = holder && !record ? this.aliases.partDepth(symbol) : Infinity;
        if ((use.kind === 'read' || use.kind === 'write') && depth !== Infinity) this.plan.wrapDepths.set(ref, depth);
        // (Past the last call on it, the object leaves: everything inside it current, and changed for what follows.)
        else if (use.kind === 'escape' && this.lateEscapes.has(ref)) this.plan.wraps.set(ref, 'writtenFields');
      }
    }
    this.fields.planWaits(this.plan, (ref) => this.uses.valueUse(ref));
    this.futures.planWaits();
    for (const call of this.plan.waitedAtCall) {
      if (isPrimitiveNode(this.ctx, call)) continue;
      const use = this.uses.valueUse(call).kind;
      if (use === 'write' || use === 'escape') this.plan.changedAtCall.add(call);
    }
    deferWaits(this.facts, this.plan);
  }

  /** Code that resumes after other code ran (see resumptions.ts); nothing to refresh in a program without tasks. */
  private planResumptions(): void {
    if (this.tasks.size === 0) return;
    this.plan.resumptions = findResumptions(this.ctx, this.source, (ref) => {
      const use = this.uses.classify(ref);
      return use.kind === 'none' ? undefined : use.kind === 'read' ? 'read' : 'write';
      // An async task's body runs on this thread too when its call stays direct (rewrite/after-await.ts); in a
      // worker `resumed` does nothing.
    }, (fn) => this.tasks.has(fn) && (this.ctx.ts.getCombinedModifierFlags(fn as ts.Declaration) & this.ctx.ts.ModifierFlags.Async) === 0);
  }


  private planTries(): void {
    for (const call of this.plan.submissions.keys()) {
      for (const statement of this.facts.enclosingTries(call)) {
        this.plan.tries.add(statement);
        if (statement.catchClause) this.plan.caughtCalls.add(call);
      }
    }
    // `try { run() }` where run() calls a task: its failure came out of that call, into this try.
    if (this.facts.tasks.size > 0) for (const statement of triesAroundTaskRunners(this.facts, this.source)) this.plan.tries.add(statement);
    // In those try blocks, the functions they call and everywhere else: what follows a task call and outlives its
    // failure checks the tasks first.
    this.plan.failureChecks = failureChecks(this.facts, this.plan, this.source);
    // A check inside a try block that is no region of its own (`const r = work(); try { await null; … } finally { … }`)
    // may throw the failure of a call made before the try: it passes the try's catch and finally, as the plain call
    // threw it before the try began (emit's `caughtSince`, `finallySince`: a try statement of the plan's).
    for (const { before, after, awaits } of this.plan.failureChecks.values()) {
      for (const node of [...before.keys(), ...after, ...awaits]) for (const statement of this.facts.enclosingTries(node)) this.plan.tries.add(statement);
    }
    if (this.facts.tasks.size > 0) this.plan.ownChains = ownChainsIn(this.facts, this.source);
    this.plan.settledBefore = capturedWaitsInTries(this.facts, this.plan);
  }
}

/**
 * Rounds the plan may take for a file with `calls` task calls: the most any fixture takes is about one per call
 * (hidden-holders: 18 for 17), so this is far above any real plan. TASKIFY_PLAN_ROUNDS lowers it, for a test.
 */
function roundLimit(calls: number): number {
  const set = Number(process.env.TASKIFY_PLAN_ROUNDS);
  return Number.isInteger(set) && set > 0 ? set : 50 + 8 * calls;
}

/** A task's name used as a value: not called, declared, imported or exported, nor named as a type (`typeof total`). */
function isValueUse(t: typeof ts, value: ts.Expression): boolean {
  const node = withWrappers(t, value);
  const parent = node.parent;
  if (t.isCallExpression(parent) && parent.expression === node) return false;
  if (t.isIdentifier(value) && isDeclarationName(t, value)) return false;
  return !(t.isImportSpecifier(parent) || t.isImportClause(parent) || t.isNamespaceImport(parent) || t.isImportEqualsDeclaration(parent) ||
    t.isExportSpecifier(parent) || t.isExportAssignment(parent) || t.isTypeQueryNode(parent) || t.isTypeOfExpression(parent) ||
    t.isQualifiedName(parent) || (t.isPropertyAccessExpression(parent) && parent.name === node));
}
