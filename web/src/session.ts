// Signing in and out, and learning who is signed in: the calls that start, restore and end a
// session, each leaving the CSRF token the API client sends with writes where it belongs.

import { ApiError, get, Me, post, setCsrfToken, SignedIn } from "./api";

export interface Credentials {
  user: string;
  password: string;
  code?: string; // The one-time code, once the server asked for it (second_factor_required).
}

// Who is signed in, from the cookie: the page's first question after a load, and the one asked
// again whenever what the user owes may have changed. A 401 means nobody (null); anything else
// that fails is thrown, as the server could not say.
export async function whoIsSignedIn(): Promise<Me | null> {
  try {
    const me = await get<Me>("/v1/me");
    setCsrfToken(me.session?.csrf_token ?? null);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.problem.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

// POST /v1/sign-in, then GET /v1/me for the name and roles the sign-in answer does not hold.
export async function signIn(credentials: Credentials): Promise<Me> {
  const body: Credentials = { user: credentials.user, password: credentials.password };
  if (credentials.code) body.code = credentials.code;
  const answer = await post<SignedIn>("/v1/sign-in", body);
  setCsrfToken(answer.csrf_token);
  const me = await whoIsSignedIn();
  if (!me) throw new ApiError({ status: 401, code: "unauthenticated" });
  return me;
}

// Ends the session on the server (the cookie is cleared by its answer). A session already gone
// (401) is as good as ended; any other failure is thrown, since the session may still be open.
export async function signOut(): Promise<void> {
  try {
    await post<void>("/v1/sign-out");
  } catch (e) {
    if (!(e instanceof ApiError && e.problem.status === 401)) throw e;
  }
  setCsrfToken(null);
}
