// The transfers of classified information a user may see, each with its procedure as steps
// (requested or received, proposed, approved or rejected, completed: who and when), and the
// form for the step that is the user's to take. Which transfers await the user is the
// server's verdict (GET /v1/transfers?awaiting=me: the Committee Office's proposal, or the
// competent approver's decision), so an approver is offered only what they are competent for.
// Shared by the approver's screen and the officer's (the Committee Office proposes; an
// agency's officer records the completion of its approved transfers).

import { useState } from "preact/hooks";
import { enc, get, Me, post, query, Transfer } from "../api";
import { competentApprover } from "../authorities";
import { agencies, Badge, Checkbox, Empty, ErrorBox, hasRole, Input, Level, Section, useActorName, useAgencyName, useCommand } from "../common";
import { vietnamDay } from "../days";
import { fmtDate, fmtInstant, t, word } from "../i18n";
import { useLive } from "../live";
import { useSignal } from "../signal";
import { StepItem, Steps } from "../steps";

// The step a transfer awaits from the user, given that it awaits them at all.
type Turn = "propose" | "decide";

function ProposeForm({ transfer, onDone }: { transfer: Transfer; onDone: () => void }) {
  const [opinion, setOpinion] = useState("");
  const [note, setNote] = useState("");
  const { busy, error, run } = useCommand();
  const send = (e: Event) => {
    e.preventDefault();
    const body: Record<string, string> = { police_opinion: opinion };
    if (note) body.note = note;
    run(() => post(`/v1/transfers/${enc(transfer.id)}/propose`, body)).then((ok) => ok && onDone());
  };
  return (
    <form class="command" onSubmit={send} aria-label={t("propose_title")}>
      <h4>{t("propose_title")}</h4>
      <Input label={t("police_opinion")} name="police_opinion" value={opinion} onInput={setOpinion} error={error} multiline />
      <Input label={t("note")} name="note" value={note} onInput={setNote} error={error} multiline />
      <button type="submit" disabled={busy}>
        {t("propose")}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

function DecideForms({ transfer, onDone }: { transfer: Transfer; onDone: () => void }) {
  const [approvalRef, setApprovalRef] = useState("");
  // The day of the decision, as the server counts days: today in Vietnam unless changed.
  const [approvedOn, setApprovedOn] = useState(() => vietnamDay());
  const [signedBy, setSignedBy] = useState("");
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const approve = useCommand();
  const reject = useCommand();
  const sendApproval = (e: Event) => {
    e.preventDefault();
    const body: Record<string, string> = { approval_ref: approvalRef, approved_on: approvedOn, signed_by: signedBy };
    if (note) body.note = note;
    approve.run(() => post(`/v1/transfers/${enc(transfer.id)}/approve`, body)).then((ok) => ok && onDone());
  };
  const sendRejection = (e: Event) => {
    e.preventDefault();
    reject.run(() => post(`/v1/transfers/${enc(transfer.id)}/reject`, { reason })).then((ok) => ok && onDone());
  };
  return (
    <div class="actions decide">
      <form class="command" aria-label={t("approve")} onSubmit={sendApproval}>
        <h4>{t("approve_title")}</h4>
        <div class="form-row">
          <Input label={t("approval_ref")} name="approval_ref" value={approvalRef} onInput={setApprovalRef} error={approve.error} />
          <Input label={t("approved_on")} name="approved_on" type="date" value={approvedOn} onInput={setApprovedOn} error={approve.error} />
          <Input label={t("signed_by")} name="signed_by" value={signedBy} onInput={setSignedBy} error={approve.error} />
        </div>
        <Input label={t("approval_note")} name="note" value={note} onInput={setNote} error={approve.error} />
        <button type="submit" disabled={approve.busy}>
          {t("approve")}
        </button>
        <ErrorBox error={approve.error} />
      </form>
      <form class="command" aria-label={t("reject")} onSubmit={sendRejection}>
        <h4>{t("reject_title")}</h4>
        <Input label={t("reason")} name="reason" value={reason} onInput={setReason} error={reject.error} />
        <button type="submit" class="danger" disabled={reject.busy}>
          {t("reject")}
        </button>
        <ErrorBox error={reject.error} />
      </form>
    </div>
  );
}

function CompleteForm({ transfer, onDone }: { transfer: Transfer; onDone: () => void }) {
  const [completedOn, setCompletedOn] = useState(() => vietnamDay());
  const [cipher, setCipher] = useState(false);
  const { busy, error, run } = useCommand();
  const send = (e: Event) => {
    e.preventDefault();
    run(() => post(`/v1/transfers/${enc(transfer.id)}/complete`, { completed_on: completedOn, cipher_protected: cipher })).then((ok) => ok && onDone());
  };
  return (
    <form class="command" onSubmit={send} aria-label={t("complete_title")}>
      <h4>{t("complete_title")}</h4>
      <div class="form-row">
        <Input label={t("completed_on")} name="completed_on" type="date" value={completedOn} onInput={setCompletedOn} error={error} />
        <Checkbox label={t("cipher_protected")} name="cipher_protected" checked={cipher} onChange={setCipher} />
      </div>
      <button type="submit" disabled={busy}>
        {t("complete")}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

// The procedure of one transfer as steps, the pending ones while it is still open.
function useTransferSteps(): (tr: Transfer) => StepItem[] {
  const name = useAgencyName();
  const actor = useActorName();
  const all = useSignal(agencies);
  return (tr) => {
    const yes = (b: boolean | null) => (b ? t("yes") : t("no"));
    if (tr.direction === "inbound") {
      return [
        {
          step: "received",
          label: t("tr_received"),
          done: true,
          who: actor(tr.recorded_by, tr.agency),
          when: tr.received_on ? fmtDate(tr.received_on) : fmtInstant(tr.recorded_at),
        },
      ];
    }
    const open = tr.status !== "rejected" && tr.status !== "completed";
    const competent = competentApprover(tr.agency, all);
    const items: StepItem[] = [{ step: "requested", label: t("tr_requested"), done: true, who: actor(tr.recorded_by, tr.agency), when: fmtInstant(tr.recorded_at) }];
    if (tr.proposal || (competent.needsProposal && open && !tr.approval)) {
      items.push({
        step: "proposed",
        label: t("tr_proposed"),
        done: !!tr.proposal,
        who: tr.proposal ? actor(tr.proposal.by) : undefined,
        when: tr.proposal ? fmtInstant(tr.proposal.at) : undefined,
        details: tr.proposal && (
          <dl class="facts">
            <dt>{t("police_opinion")}</dt>
            <dd class="police-opinion">{tr.proposal.police_opinion}</dd>
            {tr.proposal.note && (
              <>
                <dt>{t("note")}</dt>
                <dd>{tr.proposal.note}</dd>
              </>
            )}
          </dl>
        ),
      });
    }
    if (tr.rejection) {
      items.push({
        step: "rejected",
        label: t("tr_rejected"),
        done: true,
        who: actor(tr.rejection.by),
        when: fmtInstant(tr.rejection.at),
        details: (
          <dl class="facts">
            <dt>{t("reason")}</dt>
            <dd>{tr.rejection.reason}</dd>
          </dl>
        ),
      });
      return items;
    }
    const approval = tr.approval;
    items.push({
      step: "approved",
      label: approval ? t("tr_approved") : `${t("tr_decision")} · ${name(competent.agency)}`,
      done: !!approval,
      who: approval ? actor(approval.by) : undefined,
      when: approval ? fmtInstant(approval.at) : undefined,
      details: approval && (
        <dl class="facts">
          <dt>{t("approval_ref")}</dt>
          <dd class="approval-ref">{approval.approval_ref}</dd>
          <dt>{t("approved_on")}</dt>
          <dd class="approved-on">{fmtDate(approval.approved_on)}</dd>
          <dt>{t("signed_by")}</dt>
          <dd class="signed-by">{approval.signed_by}</dd>
          {approval.note && (
            <>
              <dt>{t("approval_note")}</dt>
              <dd>{approval.note}</dd>
            </>
          )}
        </dl>
      ),
    });
    items.push({
      step: "completed",
      label: t("tr_completed"),
      done: !!tr.completed_on,
      who: tr.completed_on ? name(tr.agency) : undefined,
      when: tr.completed_on ? fmtDate(tr.completed_on) : undefined,
      details: tr.completed_on && (
        <dl class="facts">
          <dt>{t("cipher_protected")}</dt>
          <dd>{yes(tr.cipher_protected)}</dd>
        </dl>
      ),
    });
    return items;
  };
}

function TransferCard({ me, transfer: tr, turn, onDone }: { me: Me; transfer: Transfer; turn: Turn | null; onDone: () => void }) {
  const name = useAgencyName();
  const steps = useTransferSteps();
  const completes = tr.direction === "outbound" && tr.status === "approved" && hasRole(me, "officer") && me.agency === tr.agency;
  return (
    <li class={`card${turn ? " awaiting" : ""}`} data-transfer={tr.id} data-status={tr.status} data-awaiting={String(!!turn)}>
      <div class="card-head">
        <strong>{tr.document.title}</strong> <code>{tr.document.ref}</code> <Level level={tr.document.classification} /> <Badge status={tr.status} />
        {turn && <span class="tag awaits">{t("awaits_you")}</span>}
      </div>
      <dl class="facts">
        <dt>{t("agency")}</dt>
        <dd>{name(tr.agency)}</dd>
        <dt>{t("direction")}</dt>
        <dd>{word("", tr.direction)}</dd>
        <dt>{t("partner")}</dt>
        <dd>{tr.partner}</dd>
        <dt>{t("channel")}</dt>
        <dd>{word("ch_", tr.channel)}</dd>
        <dt>{t("purpose")}</dt>
        <dd>{tr.purpose}</dd>
        {tr.plan && (
          <>
            <dt>{t("plan")}</dt>
            <dd>{tr.plan}</dd>
          </>
        )}
      </dl>
      <h4>{t("procedure")}</h4>
      <Steps items={steps(tr)} label={`${t("procedure")}: ${tr.id}`} />
      {turn === "propose" && <ProposeForm transfer={tr} onDone={onDone} />}
      {turn === "decide" && <DecideForms transfer={tr} onDone={onDone} />}
      {completes && <CompleteForm transfer={tr} onDone={onDone} />}
    </li>
  );
}

// The transfers shown, and which of them await the caller (the server's word for it).
async function load(onlyAwaiting: boolean): Promise<{ transfers: Transfer[]; awaiting: Set<string> }> {
  const awaitingMe = get<{ transfers: Transfer[] }>(`/v1/transfers${query({ awaiting: "me" })}`);
  const shown = onlyAwaiting ? awaitingMe : get<{ transfers: Transfer[] }>("/v1/transfers");
  const [mine, list] = await Promise.all([awaitingMe, shown]);
  const awaiting = new Set(mine.transfers.map((x) => x.id));
  // What awaits the caller first, then the latest.
  const transfers = [...list.transfers].sort((a, b) => Number(awaiting.has(b.id)) - Number(awaiting.has(a.id)) || b.recorded_at.localeCompare(a.recorded_at));
  return { transfers, awaiting };
}

export function TransferList({ me, title, onlyAwaitingAtFirst }: { me: Me; title: string; onlyAwaitingAtFirst: boolean }) {
  const all = useSignal(agencies);
  const [onlyAwaiting, setOnlyAwaiting] = useState(onlyAwaitingAtFirst);
  const { data, error, reload } = useLive(() => load(onlyAwaiting), [onlyAwaiting]);
  // A transfer awaiting the caller in `requested` under the Committee awaits its Office's
  // proposal; otherwise (requested elsewhere, or proposed) the competent approver's decision.
  const turnOf = (tr: Transfer): Turn | null => {
    if (!data?.awaiting.has(tr.id)) return null;
    if (tr.status === "requested" && competentApprover(tr.agency, all).needsProposal) return hasRole(me, "officer", "coordinator") ? "propose" : null;
    return hasRole(me, "approver") ? "decide" : null;
  };
  return (
    <Section title={title} id="transfers" actions={<Checkbox label={t("only_awaiting")} name="awaiting" checked={onlyAwaiting} onChange={setOnlyAwaiting} />}>
      <ErrorBox error={error} />
      <Empty when={!!data && data.transfers.length === 0} />
      <ul class="cards scroll">
        {(data?.transfers ?? []).map((tr) => (
          <TransferCard key={tr.id} me={me} transfer={tr} turn={turnOf(tr)} onDone={reload} />
        ))}
      </ul>
    </Section>
  );
}
