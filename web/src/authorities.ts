// The offices the procedures name by their function rather than by a plan: the People's
// Committee (which decides the transfers of the bodies under it), its Office (which proposes
// them), and the breach chain's police division and Ministry department.
//
// The server takes them as a setting (`mandate serve --authorities`) that the API does not
// answer, so the dashboard assumes the defaults that `serve` documents. It uses them only to
// decide which forms to offer: every command is still judged by the server, and a refusal is
// shown with the server's reason, so a server set otherwise shows a wrong form, never a wrong
// record.

import { Agency } from "./api";

export interface Authorities {
  committee: string;
  committee_office: string;
  police_division: string;
  ministry_division: string;
}

export const AUTHORITIES: Authorities = {
  committee: "ubnd-tinh",
  committee_office: "van-phong-ubnd-tinh",
  police_division: "phong-anctnb",
  ministry_division: "cuc-anctnb",
};

// The agency tree has no cycle; the bound keeps a damaged map from looping.
const MAX_DEPTH = 64;

// The agency a breach report goes to next from `holder`, or null at the top of the chain (or
// before the police division has received it).
export function nextHop(holder: string, a: Authorities = AUTHORITIES): string | null {
  if (holder === a.police_division) return a.committee;
  if (holder === a.committee) return a.ministry_division;
  return null;
}

// Whose approvers decide `agency`'s transfers: the People's Committee's, on its Office's
// proposal, for the Committee itself and every body under it; otherwise those of the agency it
// was registered under (of itself, for a root). As the server's rule (core::competent_approver).
export function competentApprover(agency: string, agencies: Map<string, Agency>, a: Authorities = AUTHORITIES): { agency: string; needsProposal: boolean } {
  let at: string | null | undefined = agency;
  for (let depth = 0; depth < MAX_DEPTH && at; ++depth) {
    if (at === a.committee) return { agency: a.committee, needsProposal: true };
    at = agencies.get(at)?.parent;
  }
  return { agency: agencies.get(agency)?.parent || agency, needsProposal: false };
}
