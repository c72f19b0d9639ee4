package org.kohogateway.connectors.bluesky;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

/**
 * The account's app-password session, made once and kept: Bluesky allows {@code com.atproto.server.createSession} 300
 * times a day per account (30 per five minutes), so a session per post would lock the account out by the afternoon.
 *
 * <p>An access token lives about two hours. When a call is answered {@code ExpiredToken}, the session is renewed with
 * its refresh token ({@code com.atproto.server.refreshSession}, which spends nothing of that allowance) and the call is
 * made once more; only when the refresh token is refused too (it lives about two months, and is void once the app
 * password is revoked) is a new session created. A call answered 401 (the session was revoked) makes one new session.
 * Repeating a call after either answer is safe: the server refused it before doing anything.
 *
 * <p>Thread-safe: concurrent calls share the session, and of several that see the same token expire only the first
 * renews it.
 */
final class BlueskySession {

    private final Xrpc xrpc;
    private final String identifier;
    private final String appPassword;
    private @Nullable Tokens tokens;

    BlueskySession(Xrpc xrpc, String identifier, String appPassword) {
        this.xrpc = xrpc;
        this.identifier = identifier;
        this.appPassword = appPassword;
    }

    /** A request made with the session's access token. */
    @FunctionalInterface
    interface Call {
        Xrpc.Answer with(String accessJwt) throws Xrpc.NoAnswer;
    }

    /**
     * Makes {@code call} with the session's access token, making the session first if there is none, and renewing it
     * (once) when the answer says the token expired or was revoked.
     *
     * @throws Xrpc.NoAnswer  when the call itself got no answer
     * @throws Failure        when no session could be had: nothing was sent with it
     */
    Xrpc.Answer call(Call call) throws Xrpc.NoAnswer, Failure {
        Tokens used = current();
        Xrpc.Answer answer = call.with(used.accessJwt());
        if (answer.status() == 400 && "ExpiredToken".equals(answer.error())) {
            return call.with(refreshed(used).accessJwt());
        }
        if (answer.status() == 401) {
            return call.with(renewed(used).accessJwt());
        }
        return answer;
    }

    /** The account's DID, making the session first if there is none. */
    String did() throws Failure {
        return current().did();
    }

    private synchronized Tokens current() throws Failure {
        Tokens known = tokens;
        return known != null ? known : create();
    }

    private synchronized Tokens refreshed(Tokens expired) throws Failure {
        Tokens known = tokens;
        if (known != null && known != expired) {
            return known;
        }
        Xrpc.Answer answer;
        try {
            answer = xrpc.procedure("com.atproto.server.refreshSession", Xrpc.json().createObjectNode(),
                    expired.refreshJwt());
        } catch (Xrpc.NoAnswer e) {
            throw new Failure("could not renew the Bluesky session: " + e.getMessage(), null);
        }
        if (answer.ok()) {
            return keep(answer, "refreshSession");
        }
        if (answer.status() == 400 || answer.status() == 401) {
            // the refresh token expired or was revoked: only the app password can start again
            return create();
        }
        throw new Failure("could not renew the Bluesky session: " + answer.describe(), answer);
    }

    private synchronized Tokens renewed(Tokens refused) throws Failure {
        Tokens known = tokens;
        return known != null && known != refused ? known : create();
    }

    private Tokens create() throws Failure {
        tokens = null;
        ObjectNode body = Xrpc.json().createObjectNode().put("identifier", identifier).put("password", appPassword);
        Xrpc.Answer answer;
        try {
            answer = xrpc.procedure("com.atproto.server.createSession", body, null);
        } catch (Xrpc.NoAnswer e) {
            throw new Failure(e.getMessage(), null);
        }
        if (!answer.ok()) {
            String why = answer.status() == 401 ? "Bluesky refused the account's credentials (handle or app password): "
                    : "could not start a Bluesky session: ";
            throw new Failure(why + answer.describe(), answer);
        }
        return keep(answer, "createSession");
    }

    private Tokens keep(Xrpc.Answer answer, String call) throws Failure {
        String did = answer.text("did");
        String access = answer.text("accessJwt");
        String refresh = answer.text("refreshJwt");
        if (!did.startsWith("did:") || access.isEmpty() || refresh.isEmpty()) {
            throw new Failure("Bluesky answered " + call + " without a DID and tokens", null);
        }
        Tokens made = new Tokens(did, access, refresh);
        tokens = made;
        return made;
    }

    /** The session's tokens; never shown by {@link #toString()}. */
    private record Tokens(String did, String accessJwt, String refreshJwt) {

        @Override
        public String toString() {
            return "Tokens[did=" + did + ", accessJwt=****, refreshJwt=****]";
        }
    }

    /**
     * No session: nothing was sent with one.
     *
     * @param answer Bluesky's refusal, or {@code null} when none came
     */
    static final class Failure extends Exception {

        private final transient Xrpc.@Nullable Answer answer;

        Failure(String message, Xrpc.@Nullable Answer answer) {
            super(message, null, false, false);
            this.answer = answer;
        }

        Xrpc.@Nullable Answer answer() {
            return answer;
        }
    }
}
